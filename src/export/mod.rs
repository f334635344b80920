//! Whole-graph exports in standard formats that other tools load:
//! RDF ([`rdf`]: N-Triples and Turtle) and GraphML ([`graphml`]). The JSON
//! export is [`crate::render::json::export`]; DOT is [`crate::dot`].
//!
//! Every export lists nodes sorted by id and edges by (from, relation, to),
//! so the same graph gives the same bytes.

pub mod graphml;
pub mod rdf;

use crate::graph::{EIx, Graph, Ix};

/// Nodes sorted by id.
pub fn sorted_nodes(g: &Graph) -> Vec<Ix> {
    let mut nodes: Vec<Ix> = g.nodes().collect();
    nodes.sort_by(|&a, &b| g.node(a).id.cmp(&g.node(b).id));
    nodes
}

/// Edges sorted by (from id, relation name, to id) as in the JSON export, ties by their order in the data.
pub fn sorted_edges(g: &Graph) -> Vec<EIx> {
    let mut edges: Vec<EIx> = g.edges().collect();
    edges.sort_by_key(|&e| {
        let (a, b) = g.ends(e);
        let edge = g.edge(e);
        (g.node(a).id.as_str(), edge.relation.as_str(), g.node(b).id.as_str(), edge.negated, edge.certainty, e.index())
    });
    edges
}

/// A number as written in exports: `20`, `0.5`.
pub fn number(x: f32) -> String {
    if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x}") }
}
