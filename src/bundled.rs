//! The bundled graph: checked and compiled by `build.rs`, baked into the
//! binary in the same compiled format the cache and `kg compile` write, and
//! read in place from there (nothing is decoded at start-up).

use crate::compiled::{FormatError, Store};
use crate::graph::Graph;
use crate::model::GraphData;

/// Bytes aligned for reading records in place (`include_bytes!` only
/// promises byte alignment).
#[repr(C, align(8))]
struct Aligned<T: ?Sized>(T);

static GRAPH: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/graph.kg")));

include!(concat!(env!("OUT_DIR"), "/bundled_files.rs"));

/// The bundled graph, opened in place.
pub fn graph() -> Result<Graph, FormatError> {
    Graph::from_store(Store::from_static(&GRAPH.0)?)
}

/// The bundled graph as checked data (decoded from its compiled form).
pub fn data() -> Result<GraphData, FormatError> {
    graph().map(|g| g.to_data())
}
