//! Compiled graphs: `kg compile` writes one, `--graph FILE` reads it in
//! place and answers as the RON does, `kg check FILE` verifies it, and a
//! truncated, damaged, foreign or other-version file is refused with a
//! message (exit 2), never a crash.

mod common;

use common::{ARTICLE, TOPIC, TempDir, kg};

fn compiled(dir: &TempDir) -> String {
    let out = dir.0.join("g.kg").display().to_string();
    let r = kg(&["compile", dir.str(), "-o", &out], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("compiled 3 nodes, 2 edges, 2 citations into"), "{}", r.stdout);
    out
}

fn graph_dir() -> TempDir {
    let dir = TempDir::new("compiled");
    dir.write("article.ron", ARTICLE);
    dir.write("topic.ron", TOPIC);
    dir
}

#[test]
fn a_compiled_graph_answers_as_its_ron_does() {
    let dir = graph_dir();
    let file = compiled(&dir);
    for args in [
        &["ask", "what relieves spasm"][..],
        &["query", "?x relieves \"cramp\""],
        &["show", "ice pack"],
        &["stats", "--format", "json"],
        &["export", "--format", "turtle"],
        &["path", "ice", "pain"],
    ] {
        let ron = kg(&[&["--graph", dir.str()][..], args].concat(), None);
        let bin = kg(&[&["--graph", &file][..], args].concat(), None);
        assert_eq!((bin.code, &bin.stdout, &bin.stderr), (ron.code, &ron.stdout, &ron.stderr), "{args:?}");
    }
    let check = kg(&["check", &file], None);
    assert_eq!((check.code, check.stdout.as_str()), (0, "ok: 3 nodes, 2 edges, 2 citations\n"), "{}", check.stderr);
}

#[test]
fn the_bundled_graph_compiles_to_what_the_binary_holds() {
    let dir = TempDir::new("compiled-bundled");
    let file = dir.0.join("b.kg").display().to_string();
    assert_eq!(kg(&["compile", "-o", &file], None).code, 0);
    let question = ["ask", "what must I avoid while on muscle relaxants", "--format", "json"];
    let bundled = kg(&question, None);
    let from_file = kg(&[&["--graph", &file][..], &question].concat(), None);
    assert_eq!(bundled.code, 0);
    assert_eq!(from_file.stdout, bundled.stdout);
}

#[test]
fn damaged_compiled_files_are_refused_with_a_message() {
    let dir = graph_dir();
    let file = compiled(&dir);
    let bytes = std::fs::read(&file).expect("compiled file");
    let refused = |name: &str, bytes: &[u8], says: &str| {
        let path = dir.write(name, bytes).display().to_string();
        let r = kg(&["--graph", &path, "ask", "what relieves spasm"], None);
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{name}: {}", r.stderr);
        assert!(r.stdout.is_empty() && !r.stderr.contains("panicked"), "{name}");
    };
    refused("short.kg", &bytes[..bytes.len() / 2], "truncated");
    refused("header.kg", &bytes[..12], "truncated");
    let mut version = bytes.clone();
    version[8] ^= 0x7f;
    refused("version.kg", &version, "format version");
    let mut flipped = bytes.clone();
    flipped[40] ^= 1;
    refused("flipped.kg", &flipped, "damaged");
    // Past the header, damage is found by `kg check`, and reading it anyway never crashes.
    let mut inside = bytes.clone();
    let len = inside.len();
    for b in &mut inside[len / 2..] {
        *b = 0xa5;
    }
    let path = dir.write("inside.kg", &inside).display().to_string();
    let r = kg(&["check", &path], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("damaged"), "{}", r.stderr);
    for args in [&["ask", "what relieves spasm"][..], &["export"], &["show", "spasm"], &["stats"]] {
        let r = kg(&[&["--graph", &path][..], args].concat(), None);
        assert!(matches!(r.code, 0..=2) && !r.stderr.contains("panicked"), "{args:?}: {}", r.stderr);
    }
    // A compiled graph cannot be merged with RON files.
    let r = kg(&["--graph", &file, "--graph", dir.str(), "stats"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot be merged"), "{}", r.stderr);
}

#[test]
fn compile_refuses_a_graph_with_errors_and_writes_nothing() {
    let dir = TempDir::new("compiled-bad");
    dir.write("article.ron", ARTICLE);
    dir.write("topic.ron", TOPIC.replace("relieves", "relieve"));
    let out = dir.0.join("g.kg");
    let r = kg(&["compile", dir.str(), "-o", &out.display().to_string()], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown relation `relieve`"), "{}", r.stderr);
    assert!(!out.exists());
}
