//! Property tests: no input to the loader, `ask`, `query` or a script line
//! panics. Inputs come from a seeded generator, so a failure repeats; the
//! seed and input are in the failure message.

mod common;

use common::Rng;
use kg::cli::Format;
use kg::diag::Sources;
use kg::graph::Graph;
use kg::render::Style;
use kg::session::{Session, Step};

const SEED: u64 = 0x9e37_79b9_7f4a_7c15;

const VOCAB: &[&str] = &[
    "what",
    "treats",
    "relieves",
    "causes",
    "avoid",
    "while",
    "on",
    "muscle",
    "spasm",
    "relaxants",
    "ice",
    "pack",
    "?t",
    "?x",
    "\"",
    "(",
    ")",
    "|",
    "/",
    "^",
    "*",
    "+",
    "?",
    ",",
    ":",
    "..",
    "not",
    "select",
    "where",
    "limit",
    "during",
    "is_a",
    "0",
    "3",
    "99999",
    "days",
    "first",
    "after",
    "medication",
    "list",
    "who",
    "why",
    "is",
    "a",
    "source",
    "of",
    "home",
    "remedies",
    "drugs",
    "exercises",
    "warnings",
    "help",
    "path",
    "to",
    "show",
    "week",
    "é",
    "日本",
    "\\",
    "#",
    "'",
    "\t",
    "\n",
    "show",
    "path",
    "query",
    "ask",
    "list",
    "to",
    "and",
    "-",
    "kinds",
    "x",
];

fn random_text(rng: &mut Rng) -> String {
    let n = rng.below(12);
    let mut s = String::new();
    for _ in 0..n {
        if rng.below(5) == 0 {
            s.push(char::from_u32(rng.below(0x3000) as u32).unwrap_or('?'));
        } else {
            s.push_str(VOCAB[rng.below(VOCAB.len())]);
        }
        if rng.below(3) > 0 {
            s.push(' ');
        }
    }
    s
}

fn graph() -> Graph {
    Graph::new(kg::bundled::data().expect("bundled graph decodes"))
}

#[test]
fn random_questions_queries_and_lines_never_panic() {
    let g = graph();
    let mut rng = Rng(SEED);
    let mut answered = 0;
    let mut session = Session::new(graph(), Format::Json, Style::default());
    for i in 0..1500 {
        let text = random_text(&mut rng);
        let context = format!("seed {SEED:#x}, case {i}: {text:?}");
        if let Ok(asked) = kg::ask::ask(&g, &text) {
            assert!(asked.readings.iter().all(|r| !r.template.name.is_empty()), "{context}");
            answered += 1;
        }
        if let Err(d) = kg::query::run(&g, &text) {
            assert!(!d.message.is_empty(), "{context}");
        }
        match session.eval(&text) {
            Ok(Step::Reply(out)) => {
                assert!(out.status.is_some() || text.trim().is_empty() || text.trim().starts_with('#'), "{context}")
            }
            Ok(_) => {}
            Err(f) => assert!(f.diags.iter().all(|d| !d.message.is_empty()), "{context}"),
        }
    }
    assert!(answered > 0, "some random questions should be understood");
}

#[test]
fn random_bytes_and_mutations_of_graph_files_never_panic() {
    let mut rng = Rng(SEED ^ 0xdead_beef);
    let files: Vec<(&str, &str)> = kg::bundled::FILES.to_vec();
    let mut rejected = 0;
    for i in 0..300 {
        let mut sources = Sources::default();
        let mut ids = Vec::new();
        for (name, text) in &files {
            let mut bytes = text.as_bytes().to_vec();
            // Mutate one file per case: delete, duplicate or replace a slice, or noise.
            if rng.below(files.len()) == 0 {
                let at = rng.below(bytes.len());
                let len = rng.below(40).min(bytes.len() - at);
                match rng.below(4) {
                    0 => {
                        bytes.drain(at..at + len);
                    }
                    1 => {
                        let chunk = bytes[at..at + len].to_vec();
                        bytes.splice(at..at, chunk);
                    }
                    2 => {
                        for b in &mut bytes[at..at + len] {
                            *b = rng.next() as u8;
                        }
                    }
                    _ => bytes = (0..rng.below(200)).map(|_| rng.next() as u8).collect(),
                }
            }
            ids.push(sources.add(*name, String::from_utf8_lossy(&bytes).into_owned()));
        }
        match kg::load::load(&sources, &ids) {
            Ok(loaded) => assert!(!loaded.data.nodes.is_empty(), "case {i}"),
            Err(diags) => {
                rejected += 1;
                assert!(!diags.is_empty(), "case {i}: an error with no diagnostic");
                for d in &diags {
                    let text = d.render(&sources, false);
                    assert!(text.starts_with("error: ") || text.starts_with("warning: "), "case {i}: {text}");
                }
            }
        }
    }
    assert!(rejected > 0, "mutations should break some graphs");
}
