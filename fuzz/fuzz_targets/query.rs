//! The pattern query language: lexer, parser and evaluator on arbitrary
//! text, against the bundled graph. Errors must carry a message.
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
        if let Err(d) = kg::query::run(g, text) {
            assert!(!d.message.is_empty());
        }
    });
});
