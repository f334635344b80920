//! The pattern query language: lexer, parser and evaluator on arbitrary
//! text, against the bundled graph. Errors must carry a message.
#![no_main]

use kg::graph::Graph;
use libfuzzer_sys::fuzz_target;

thread_local! {
    // Built once per fuzzing thread; the graph caches its name index lazily.
    static GRAPH: Graph = Graph::new(kg::bundled::data().expect("bundled graph"));
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    GRAPH.with(|g| {
        if let Err(d) = kg::query::run(g, text) {
            assert!(!d.message.is_empty());
        }
    });
});
