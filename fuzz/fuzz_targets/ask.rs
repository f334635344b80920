//! The question matcher and entity resolution on arbitrary text, against
//! the bundled graph, and the same text as a node name (as `show` and `path`
//! resolve it).
#![no_main]

use kg::graph::Graph;
use libfuzzer_sys::fuzz_target;

thread_local! {
    // Opened once per fuzzing thread (in place: nothing to decode).
    static GRAPH: Graph = kg::bundled::graph().expect("bundled graph");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    GRAPH.with(|g| {
        if let Err(d) = kg::ask::ask(g, text) {
            assert!(!d.message.is_empty());
        }
        let _ = kg::resolve::resolve(g, text);
    });
});
