//! Benchmarks on synthetic graphs of 1k, 10k and 100k edges, generated at
//! start into a temporary directory by examples/gen_graph.rs (1M edges takes
//! too long per sample for divan; benches/run.sh measures it whole-process).
//!
//! ```text
//! cargo bench --bench kg
//! ```
//!
//! In-process costs as the REPL pays them: the graph is built once and its
//! name index warmed before timing, except in the `load_*` benches.

#[path = "../examples/gen_graph.rs"]
mod generator;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use divan::{Bencher, black_box};
use kg::graph::Graph;
use kg::model::{GraphData, Kind};
use kg::repl::{Names, complete};

const SIZES: &[usize] = &[1_000, 10_000, 100_000];

/// One generated graph: its files and the names the benches ask about.
struct Sample {
    dir: PathBuf,
    data: GraphData,
    /// The root of the condition `is_a` hierarchy.
    class: String,
    /// Two nodes for `path`.
    a: String,
    b: String,
    /// A node name with two letters swapped.
    typo: String,
    /// A REPL line to complete: `show ` and the start of a name.
    line: String,
}

fn root() -> PathBuf {
    std::env::temp_dir().join(format!("kg-bench-{}", std::process::id()))
}

fn sample(edges: usize) -> &'static Sample {
    static SAMPLES: OnceLock<Mutex<HashMap<usize, &'static Sample>>> = OnceLock::new();
    let map = SAMPLES.get_or_init(Default::default);
    let mut map = map.lock().unwrap();
    map.entry(edges).or_insert_with(|| {
        let made = generator::generate(edges, 7);
        let dir = root().join(format!("{edges}"));
        made.write(&dir).expect("write the generated graph");
        let loaded = load(&dir);
        let leaf = made.leaf(Kind::Medication).name.clone();
        let mut typo: Vec<char> = leaf.chars().collect();
        let mid = typo.len() / 2;
        typo.swap(mid, mid + 1);
        let named = &made.nodes[made.nodes.len() / 3].name;
        let words: Vec<&str> = named.split(' ').collect();
        let line = format!("show {} {}", words[0], &words[1][..2]);
        Box::leak(Box::new(Sample {
            data: loaded,
            class: made.root(Kind::Condition).name.clone(),
            a: made.leaf(Kind::Symptom).name.clone(),
            b: leaf,
            typo: typo.into_iter().collect(),
            line,
            dir,
        }))
    })
}

/// Parses and checks a graph directory.
fn load(dir: &std::path::Path) -> GraphData {
    let mut sources = kg::diag::Sources::default();
    let files = kg::load::read_path(dir, &mut sources).expect("readable");
    kg::load::load(&sources, &files).expect("a valid graph").data
}

/// A graph as a running REPL holds it: compiled, in memory.
fn warm(edges: usize) -> Graph {
    Graph::new(sample(edges).data.clone())
}

fn main() {
    // The cached-load bench reads the compiled-graph cache from here.
    // SAFETY: set before divan starts any thread.
    unsafe {
        std::env::set_var("XDG_CACHE_HOME", root().join("cache"));
        std::env::remove_var("KG_NO_CACHE");
    }
    divan::main();
    let _ = std::fs::remove_dir_all(root());
}

/// RON files → parse, check, compile: what `kg check` and a cold `--graph` pay.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn load_ron(bencher: Bencher, edges: usize) {
    let dir = &sample(edges).dir;
    bencher.bench_local(|| Graph::new(load(black_box(dir))));
}

/// `run::load_graph` with a warm compiled-graph cache: what a repeated
/// `kg --graph DIR` pays before it answers.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn load_cached(bencher: Bencher, edges: usize) {
    let paths = vec![sample(edges).dir.clone()];
    let _ = kg::source::load_graph(&paths).expect("loads");
    bencher.bench_local(|| kg::source::load_graph(black_box(&paths)).expect("loads"));
}

/// A one-hop question: "what treats muscle spasm".
#[divan::bench(args = SIZES, sample_count = 50)]
fn ask_one_hop(bencher: Bencher, edges: usize) {
    let g = warm(edges);
    bencher.bench_local(|| kg::ask::ask(&g, black_box("what treats muscle spasm")).expect("answers"));
}

/// Questions on the bundled article graph, as a REPL session answers them:
/// matching, resolution, the query, and the warnings attached to each treatment.
#[divan::bench(args = ["what treats muscle spasm", "what must I avoid while on muscle relaxants", "what helps in the first 2 days", "which foods contain potassium"], sample_count = 50)]
fn ask_bundled(bencher: Bencher, question: &str) {
    let g = kg::bundled::graph().expect("bundled graph");
    bencher.bench_local(|| kg::ask::ask(&g, black_box(question)).expect("answers"));
}

/// A transitive query: every condition under the root class, `is_a*`.
#[divan::bench(args = SIZES, sample_count = 30)]
fn query_transitive(bencher: Bencher, edges: usize) {
    let g = warm(edges);
    let q = format!("?x is_a* \"{}\"", sample(edges).class);
    bencher.bench_local(|| kg::query::run(&g, black_box(&q)).expect("runs"));
}

/// Shortest paths between two nodes, edges taken either way.
#[divan::bench(args = SIZES, sample_count = 30)]
fn path_between(bencher: Bencher, edges: usize) {
    let g = warm(edges);
    let s = sample(edges);
    let a = kg::resolve::resolve(&g, &s.a).expect("a resolves").ix;
    let b = kg::resolve::resolve(&g, &s.b).expect("b resolves").ix;
    bencher.bench_local(|| kg::path::shortest(&g, black_box(a), black_box(b), 5));
}

/// Entity resolution of a name with two letters swapped (scans every name).
#[divan::bench(args = SIZES, sample_count = 30)]
fn resolve_typo(bencher: Bencher, edges: usize) {
    let g = warm(edges);
    let typo = &sample(edges).typo;
    bencher.bench_local(|| kg::resolve::resolve(&g, black_box(typo)));
}

/// "Did you mean": a name that is nothing in the graph, with the nearest names.
#[divan::bench(args = SIZES, sample_count = 30)]
fn resolve_unknown(bencher: Bencher, edges: usize) {
    let g = warm(edges);
    bencher.bench_local(|| kg::resolve::resolve(&g, black_box("unicorn horn powder")));
}

/// REPL Tab completion of `show <word> <two letters>` with the names list built.
#[divan::bench(args = SIZES, sample_count = 50)]
fn complete_prefix(bencher: Bencher, edges: usize) {
    let g = warm(edges);
    let names = Names::of(&g);
    let line = &sample(edges).line;
    bencher.bench_local(|| complete(black_box(line), line.len(), &names));
}
