//! The bundled graph: checked and encoded by `build.rs`, decoded here.

use crate::model::GraphData;

/// The checked graph, postcard-encoded at build time.
static GRAPH: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/graph.bin"));

include!(concat!(env!("OUT_DIR"), "/bundled_files.rs"));

/// Decodes the bundled graph.
pub fn data() -> Result<GraphData, postcard::Error> {
    postcard::from_bytes(GRAPH)
}
