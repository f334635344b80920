//! End-to-end tests of the binary: stdout, stderr and exit codes.

mod common;

use common::{ARTICLE, TOPIC, TempDir, kg, kg_env};

#[test]
fn check_of_the_bundled_graph_is_clean() {
    let r = kg(&["check"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let line = r.stdout.trim();
    let nums: Vec<usize> = line.split(|c: char| !c.is_ascii_digit()).filter_map(|w| w.parse().ok()).collect();
    assert!(line.starts_with("ok: ") && line.ends_with(" citations"), "{line}");
    assert_eq!(nums.len(), 3, "{line}");
    assert!(nums.iter().all(|&n| n > 0), "{line}");
}

#[test]
fn check_of_a_directory_counts_what_it_holds() {
    let dir = TempDir::new("check");
    dir.write("article.ron", ARTICLE);
    dir.write("topic.ron", TOPIC);
    let r = kg(&["check", dir.str()], None);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "ok: 3 nodes, 2 edges, 2 citations\n", ""));
}

#[test]
fn export_json_has_the_documented_shape_sorted() {
    let r = kg(&["export", "--format", "json"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    let nodes = v["nodes"].as_array().expect("nodes");
    let edges = v["edges"].as_array().expect("edges");
    assert!(!nodes.is_empty() && !edges.is_empty());
    for n in nodes {
        for key in ["id", "name", "kind", "aliases", "summary"] {
            assert!(n.get(key).is_some(), "node lacks {key}: {n}");
        }
    }
    let ids: Vec<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "nodes sorted by id");
    let lay: Vec<&str> =
        nodes.iter().filter(|n| n["lay"].as_bool() == Some(true)).map(|n| n["id"].as_str().unwrap()).collect();
    for e in edges {
        for key in ["from", "relation", "to", "sources", "certainty", "negated"] {
            assert!(e.get(key).is_some(), "edge lacks {key}: {e}");
        }
        // Only a lay word's edge has no citation: the article does not name it.
        if lay.contains(&e["from"].as_str().unwrap()) {
            assert_eq!(e["sources"].as_array().map(Vec::len), Some(0), "{e}");
            continue;
        }
        let s = &e["sources"][0];
        assert!(s["section"].is_string() && s["title"].is_string() && s["paragraph"].is_u64(), "{e}");
    }
    let keys: Vec<(String, String, String)> = edges
        .iter()
        .map(|e| {
            (
                e["from"].as_str().unwrap().into(),
                e["relation"].as_str().unwrap().into(),
                e["to"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "edges sorted by (from, relation, to)");
    // Stable: the same bytes twice.
    assert_eq!(kg(&["export"], None).stdout, r.stdout);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kg"))
        .args(["export", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(&first[..1], b"{");
}

#[test]
fn unknown_names_exit_2_with_suggestions_on_stderr() {
    let r = kg(&["show", "xyzzy"], None);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.starts_with("error: nothing in the graph is called `xyzzy`"), "{}", r.stderr);

    let r = kg(&["show", "muscle", "relaxnts"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("note: taking \"muscle relaxnts\" as \"muscle relaxants\""), "{}", r.stderr);
    assert!(r.stdout.starts_with("muscle relaxants"), "{}", r.stdout);
}

#[test]
fn exit_1_for_a_valid_question_with_no_answer() {
    let r = kg(&["query", "?x prevents \"burns\""], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.starts_with("No answer"), "{}", r.stdout);
    assert_eq!(r.stderr, "");
    // Names of a kind the relation never reaches: still no answer, with a note.
    let r = kg(&["query", "?x rich_in \"back-muscle-spasm\""], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("only goes to a nutrient"), "{}", r.stderr);
}

/// Regression (issue 13): "did you mean `treats`?" was printed twice, beside
/// the caret and as a help line.
#[test]
fn query_errors_point_at_the_column_and_suggest_once() {
    let r = kg(&["query", "?t treat \"spasm\""], None);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "error: unknown relation `treat`\n --> query:1:4\n  |\n1 | ?t treat \"spasm\"\n  |    ^^^^^ not a relation\n  = help: did you mean `treats`?\n  = note: `kg list relations` shows every relation\n\n"
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = kg(&["show", "ice pack"], None);
    assert!(!plain.stdout.contains('\x1b'), "no colour into a pipe");
    let forced = kg(&["--color", "always", "show", "ice pack"], None);
    assert!(forced.stdout.contains("\x1b["), "--color always colours");
    let never = kg_env(&["--color", "never", "show", "ice pack"], None, &[("NO_COLOR", "1")]);
    assert!(!never.stdout.contains('\x1b'));
}

#[test]
fn help_teaches_and_warns() {
    let r = kg(&["--help"], None);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("not medical advice"), "{}", r.stdout);
    assert!(r.stdout.contains("Examples:") && r.stdout.contains("kg ask"), "{}", r.stdout);
    let r = kg(&["ask", "--help"], None);
    assert!(r.stdout.contains("what must I avoid while on muscle relaxants"), "{}", r.stdout);
    let r = kg(&["frobnicate"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("frobnicate"), "{}", r.stderr);
}

#[test]
fn export_refuses_formats_it_cannot_write() {
    let r = kg(&["export", "--format", "tsv"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("possible values: json, turtle, ntriples, graphml, dot"), "{}", r.stderr);
}

#[test]
fn graph_from_flag_and_from_env() {
    let dir = TempDir::new("env");
    dir.write("article.ron", ARTICLE);
    dir.write("topic.ron", TOPIC);
    let r = kg(&["--graph", dir.str(), "ask", "what treats cramps"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("ice pack"), "{}", r.stdout);
    let r = kg_env(&["list"], None, &[("KG_GRAPH", dir.str())]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 3, "{}", r.stdout);
    let r = kg(&["--graph", "/no/such/dir", "list"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read `/no/such/dir`"), "{}", r.stderr);
}

#[test]
fn scripts_run_line_by_line_and_stop_at_the_first_error() {
    let dir = TempDir::new("script");
    let script = dir.write(
        "s.kgq",
        "# a comment\nwhat treats muscle spasm\n\nshow ice pack\nquery ?t treat \"spasm\"\nshow acupuncture\n",
    );
    let r = kg(&["run", script.to_str().unwrap()], None);
    assert_eq!(r.code, 2);
    assert!(r.stdout.contains("» what treats muscle spasm") && r.stdout.contains("» show ice pack"), "{}", r.stdout);
    assert!(!r.stdout.contains("acupuncture (procedure"), "stopped before the last line: {}", r.stdout);
    let loc = format!("--> {}:5:10", script.display());
    assert!(r.stderr.contains(&loc), "wants {loc} in {}", r.stderr);
}

#[test]
fn stdin_that_is_not_a_terminal_runs_as_a_script() {
    let r = kg(&[], Some("what treats muscle spasm\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("ice pack"), "{}", r.stdout);
    let r = kg(&["run", "-"], Some("query ?x rich_in \"back-muscle-spasm\"\n"));
    assert_eq!(r.code, 1, "a script whose question has no answer exits 1");
}

#[test]
fn formats_are_the_same_everywhere() {
    let json = kg(&["ask", "what treats muscle spasm", "--format", "json"], None);
    assert_eq!(json.code, 0);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    for key in ["question", "interpretation", "query", "answers"] {
        assert!(v.get(key).is_some(), "answer JSON lacks {key}");
    }
    let a = &v["answers"][0];
    for key in ["id", "name", "kind", "aliases", "relation", "sources"] {
        assert!(a.get(key).is_some(), "answer lacks {key}: {a}");
    }
    let tsv = kg(&["ask", "what treats muscle spasm", "--format", "tsv"], None);
    let ids: Vec<&str> = tsv.stdout.lines().map(|l| l.split('\t').next().unwrap()).collect();
    let json_ids: Vec<&str> = v["answers"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, json_ids);
    assert!(tsv.stdout.lines().all(|l| l.split('\t').count() == 6), "{}", tsv.stdout);
    let dot = kg(&["ask", "what treats muscle spasm", "--format", "dot"], None);
    assert_eq!(dot.code, 0, "{}", dot.stderr);
    assert!(dot.stdout.starts_with("digraph"), "{}", dot.stdout);
}

#[test]
fn a_pattern_without_variables_answers_yes_or_no_in_every_format() {
    for format in ["text", "json", "tsv", "dot"] {
        let held = kg(&["query", "\"ice pack\" relieves \"spasm\"", "--format", format], None);
        assert_eq!(held.code, 0, "{format}: {}", held.stderr);
        assert!(!held.stdout.is_empty(), "{format}");
        assert!(!held.stderr.contains("panicked"), "{format}: {}", held.stderr);
        let not = kg(&["query", "\"ice pack\" prevents \"frostbite\"", "--format", format], None);
        assert_eq!(not.code, 1, "{format}: {}", not.stderr);
    }
    let text = kg(&["query", "\"ice pack\" relieves \"spasm\""], None);
    assert!(text.stdout.contains("yes"), "{}", text.stdout);
    assert!(text.stdout.contains("Ice pack ¶1"), "the support is cited: {}", text.stdout);
}

/// The README's bad-input table, row by row: each gets a message on stderr,
/// nothing on stdout and exit status 2.
#[test]
fn every_row_of_the_bad_input_table_holds() {
    let dir = TempDir::new("bad-input");
    let syntax = dir.write("syntax.ron", "(nodes: [(id: \"a\", name: \"a\", kind: condtion, summary: \"x\")])");
    let not_utf8 = dir.write("bytes.ron", [0xff_u8, 0xfe, 0x00]);
    let deep = dir.write("deep.ron", "(".repeat(100_000));
    std::fs::create_dir_all(dir.0.join("empty")).unwrap();
    let empty = dir.0.join("empty");
    let missing = dir.0.join("missing.ron");
    let script = dir.write("bad.kgq", "what treats muscle spasm\nquery ?x (\n");
    let out = dir.0.join("out.svg");
    let s = |p: &std::path::Path| p.display().to_string();
    let rows: Vec<(Vec<String>, &str)> = vec![
        (vec!["check".into(), s(&syntax)], "did you mean `condition`?"),
        (vec!["check".into(), s(&not_utf8)], "not valid UTF-8"),
        (vec!["check".into(), s(&deep)], "deep.ron:1:"),
        (vec!["--graph".into(), s(&empty), "stats".into()], "no .ron files"),
        (vec!["--graph".into(), s(&missing), "stats".into()], "cannot read"),
        (vec!["show".into(), "unicorns".into()], "nothing in the graph is called `unicorns`"),
        (vec!["ask".into(), "what treats muscles".into()], "is a body part"),
        (vec!["ask".into(), "blorp".into()], "try: "),
        (vec!["ask".into(), vec!["what"; 3000].join(" ")], "too long"),
        (vec!["query".into(), "?x treat \"spasm\"".into()], "did you mean `treats`?"),
        (vec!["query".into(), "?x treats \"spasm".into()], "unclosed quote"),
        (vec!["run".into(), s(&script)], "bad.kgq:2:"),
        (vec!["--format".into(), "xml".into(), "stats".into()], "possible values"),
        (vec!["dot".into(), "--kinds".into(), "food,gadget".into()], "unknown kind `gadget`"),
        (vec!["dot".into(), "--relations".into(), "cures".into()], "unknown relation"),
        (vec!["export".into(), "--format".into(), "tsv".into()], "possible values"),
        (vec!["dot".into(), "-o".into(), s(&dir.0.join("no/such/dir/x.dot"))], "cannot write"),
    ];
    for (args, message) in &rows {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = kg(&args, None);
        assert_eq!(r.code, 2, "kg {args:?}: {}", r.stderr);
        assert!(r.stderr.contains(message), "kg {args:?} should say {message:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "kg {args:?}");
        if args[0] != "run" {
            assert!(r.stdout.is_empty(), "kg {args:?} printed {:?}", r.stdout);
        }
    }
    // Without Graphviz on PATH, --render names the package and writes nothing.
    let r = kg_env(&["dot", "--render", "svg", "-o", &s(&out)], None, &[("PATH", "/nonexistent")]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("graphviz"), "{}", r.stderr);
    assert!(!out.exists(), "no half-written file");
    // An ambiguous name lists the candidates.
    let r = kg(&["show", "disc"], None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("could mean") && r.stderr.contains("say which"), "{}", r.stderr);
}

#[test]
fn a_diagram_with_nothing_to_draw_exits_1_with_a_note() {
    // Foods never treat anything in the article: the filters leave no node.
    let r = kg(&["dot", "--kinds", "food", "--relations", "treats"], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("nothing to draw"), "{}", r.stderr);
    assert!(r.stdout.starts_with("digraph kg {"), "still valid DOT: {}", r.stdout);
    let r = kg(&["dot", "--kinds", "food"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn an_unknown_name_in_a_script_is_pointed_at_where_it_is_written() {
    let r = kg(&["run", "-"], Some("what treats muscle spasm\nshow UNICORNS\n"));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("<stdin>:2:"), "{}", r.stderr);
    assert!(r.stderr.contains("^^^^^^^^"), "the caret spans the name: {}", r.stderr);
}

#[test]
fn a_question_about_something_the_article_does_not_cover_exits_1_naming_it() {
    for (q, word) in [
        ("what treats unicorns", "unicorns"),
        ("what is the right dose of cortisone", "dose"),
        ("can children get back spasms", "children"),
        ("what treats hip pain", "hip"),
        // Not a typo of a word the article uses ("manage").
        ("would a sports massage help loosen the spasm", "massage"),
        // What the article says at that time of day: nothing.
        ("what helps a spasm at night", "night"),
        // A dose by count, and a near word that is no typo ("matters").
        ("how many acetaminophen tablets can I take", "many"),
        ("what mattress is best for back spasms", "mattress"),
        ("should I go to work with a back spasm", "go"),
    ] {
        let r = kg(&["ask", q], None);
        assert_eq!(r.code, 1, "{q}: {}{}", r.stdout, r.stderr);
        assert!(r.stdout.contains(&format!("says nothing about \"{word}\"")), "{q}: {}", r.stdout);
        let j = kg(&["ask", "--format", "json", q], None);
        assert_eq!(j.code, 1, "{q}");
        let v: serde_json::Value = serde_json::from_str(&j.stdout).expect("json");
        assert_eq!(v["outcome"], "not-covered", "{q}: {v}");
        assert_eq!(v["not_covered"][0], word, "{q}: {v}");
    }
}

#[test]
fn a_comparison_with_a_side_the_article_never_names_is_not_answered() {
    let r = kg(&["ask", "would ibuprofen work better than acetaminophen"], None);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("says nothing about \"ibuprofen\""), "{}", r.stdout);
    // What it does say of the other side is still shown.
    assert!(r.stdout.contains("Acetaminophen"), "{}", r.stdout);
    // Words that only shade a question, or date the story, do not stop it.
    for q in
        ["back went into spasm this morning what can i do at home", "why does sweating heavily make cramps more likely"]
    {
        let r = kg(&["ask", q], None);
        assert_eq!(r.code, 0, "{q}: {}{}", r.stdout, r.stderr);
    }
}

#[test]
fn a_script_with_a_byte_order_mark_and_windows_line_ends_runs() {
    let r = kg(&["run", "-"], Some("\u{feff}query ?x relieves \"spasm\"\r\nlist red_flag\r\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("ice pack") && r.stdout.contains("pain lasting over two weeks"), "{}", r.stdout);
}

#[test]
fn ask_help_lists_every_kind_of_question_from_the_table() {
    let r = kg(&["ask", "help"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for t in kg::ask::templates::TEMPLATES {
        assert!(r.stdout.contains(t.example), "{} missing from `kg ask help`", t.example);
    }
}

#[test]
fn path_keeps_a_quoted_name_whole() {
    // One quoted name is one node, not two words to connect.
    let r = kg(&["path", "ice pack"], None);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("needs two nodes"), "{}", r.stderr);
    // And so is an unquoted one in a script or the REPL.
    let r = kg(&["run", "-"], Some("path ice pack\n"));
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("needs two nodes"), "{}", r.stderr);
    for args in [
        &["path", "ice pack", "back spasm"][..],
        &["path", "ice", "pack", "to", "spasm"],
        &["path", "ice pack", "to", "spasm"],
    ] {
        let r = kg(args, None);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(r.stdout.contains("ice pack relieves back muscle spasm"), "{args:?}: {}", r.stdout);
    }
}
