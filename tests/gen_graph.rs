//! The synthetic graph generator (examples/gen_graph.rs) writes graphs that
//! `kg check` accepts, with no warnings, and is deterministic.

mod common;

#[path = "../examples/gen_graph.rs"]
mod generator;

use common::{TempDir, kg};

#[test]
fn generated_graph_checks_clean() {
    let dir = TempDir::new("gen");
    let g = generator::generate(500, 7);
    assert!((450..=500).contains(&g.edges.len()), "about 500 edges, got {}", g.edges.len());
    g.write(dir.path()).expect("write the generated graph");
    let r = kg(&["check", dir.str()], None);
    assert_eq!(r.code, 0, "kg check failed:\n{}{}", r.stdout, r.stderr);
    assert!(r.stdout.starts_with("ok:"), "{}", r.stdout);
    assert!(r.stderr.is_empty(), "warnings: {}", r.stderr);
    // The subject answers the usual question.
    let r = kg(&["--graph", dir.str(), "ask", "what treats muscle spasm"], None);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn generator_is_deterministic() {
    let a = generator::generate(300, 3);
    let b = generator::generate(300, 3);
    assert_eq!(a.nodes_ron(), b.nodes_ron());
    assert_eq!(a.edges_ron(&a.edges), b.edges_ron(&b.edges));
    assert_ne!(a.nodes_ron(), generator::generate(300, 4).nodes_ron());
}
