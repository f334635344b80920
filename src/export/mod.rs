//! Whole-graph exports in standard formats that other tools load:
//! RDF ([`rdf`]: N-Triples and Turtle) and GraphML ([`graphml`]). The JSON
//! export is [`crate::render::json::export`]; DOT is [`crate::dot`].
//!
//! Every export lists nodes sorted by id and edges by (from, relation, to),
//! so the same graph gives the same bytes. Both orders are computed when the
//! graph is compiled, so exports stream: one pass, in linear time, holding
//! nothing the size of the graph.

pub mod graphml;
pub mod rdf;

use crate::graph::{EIx, Graph, Ix};

/// Nodes sorted by id (kept so in the compiled graph).
pub fn sorted_nodes(g: &Graph) -> &[Ix] {
    g.by_id_order()
}

/// Edges sorted by (from id, relation name, to id, denied after asserted,
/// certainty) as in the JSON export, ties by their order in the data (kept so
/// in the compiled graph).
pub fn sorted_edges(g: &Graph) -> &[EIx] {
    g.export_order()
}

/// A number as written in exports: `20`, `0.5`.
pub fn number(x: f32) -> String {
    if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x}") }
}
