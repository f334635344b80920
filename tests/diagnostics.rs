//! One test per kind of graph-file diagnostic, pinning message and position,
//! through `kg check` as a user would see it.

mod common;

use common::{ARTICLE, TOPIC, TempDir, kg};

/// Checks a directory holding the article plus `topic` as `topic.ron`.
fn check_topic(topic: &str) -> (TempDir, common::Run) {
    let dir = TempDir::new("diag");
    dir.write("article.ron", ARTICLE);
    dir.write("topic.ron", topic);
    let r = kg(&["check", dir.str()], None);
    (dir, r)
}

/// The first `error:` block of stderr and its `-->` position.
fn first_error(stderr: &str) -> (String, String) {
    let mut lines = stderr.lines();
    let message = lines.next().unwrap_or("").to_string();
    let at = lines.find_map(|l| l.trim_start().strip_prefix("--> ")).unwrap_or("").to_string();
    (message, at)
}

fn expect(topic: &str, message: &str, file_pos: &str, hint: Option<&str>) {
    let (dir, r) = check_topic(topic);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    let (m, at) = first_error(&r.stderr);
    assert_eq!(m, format!("error: {message}"), "{}", r.stderr);
    assert_eq!(at, format!("{}/topic.ron:{file_pos}", dir.str()), "{}", r.stderr);
    if let Some(h) = hint {
        assert!(r.stderr.contains(h), "wants {h:?} in {}", r.stderr);
    }
}

#[test]
fn ron_syntax_error() {
    let topic = "(\n    nodes: [\n        (id: \"a\", name: \"a\" kind: condition, summary: \"s\"),\n    ],\n)";
    let (_, r) = check_topic(topic);
    assert_eq!(r.code, 2);
    let (m, at) = first_error(&r.stderr);
    assert_eq!(m, "error: expected comma");
    assert!(at.ends_with("topic.ron:3:29"), "{at} in {}", r.stderr);
    // Nodes of a file that did not parse are unknown, so references to them are not reported.
    assert!(!r.stderr.contains("subject `spasm` is not a node"), "{}", r.stderr);
}

#[test]
fn unknown_kind_with_did_you_mean_and_the_valid_list() {
    let topic = TOPIC.replace("kind: symptom", "kind: symptm");
    expect(&topic, "unknown kind `symptm`", "5:42", Some("did you mean `symptom`?"));
    let (_, r) = check_topic(&topic);
    assert!(r.stderr.contains("valid kinds: `condition`"), "{}", r.stderr);
}

#[test]
fn unknown_relation() {
    let topic = TOPIC.replace("relation: presents", "relation: present");
    expect(&topic, "unknown relation `present`", "9:35", Some("did you mean `presents`?"));
}

#[test]
fn unknown_field() {
    let topic = TOPIC.replace("aliases: [],", "alias: [],");
    expect(&topic, "unknown field `alias` in a node", "4:58", Some("did you mean `aliases`?"));
}

#[test]
fn every_bad_item_is_reported_not_only_the_first() {
    let topic = TOPIC.replace("kind: symptom", "kind: symptm").replace("relation: presents", "relation: present");
    let (_, r) = check_topic(&topic);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown kind `symptm`") && r.stderr.contains("unknown relation `present`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("2 errors"), "{}", r.stderr);
    // The edge to the node that failed to parse is not reported again.
    assert!(!r.stderr.contains("unknown node `pain`"), "{}", r.stderr);
}

#[test]
fn duplicate_ids_across_files_show_both_places() {
    let dir = TempDir::new("dup");
    dir.write("article.ron", ARTICLE);
    dir.write("a.ron", TOPIC);
    dir.write("b.ron", "(\n  nodes: [(id: \"ice\", name: \"another ice\", kind: home_remedy, summary: \"x\")],\n)");
    let r = kg(&["check", dir.str()], None);
    assert_eq!(r.code, 2);
    let (m, at) = first_error(&r.stderr);
    assert_eq!(m, "error: duplicate node id `ice`");
    assert_eq!(at, format!("{}/b.ron:2:16", dir.str()));
    assert!(r.stderr.contains(&format!("first defined at {}/a.ron:4:14", dir.str())), "{}", r.stderr);
}

#[test]
fn dangling_edge_end() {
    let topic = TOPIC.replace("to: \"pain\"", "to: \"pian\"");
    expect(&topic, "edge `to` names an unknown node `pian`", "9:49", Some("did you mean `pain`?"));
}

#[test]
fn alias_that_names_two_nodes() {
    let topic = TOPIC.replace("aliases: [],", "aliases: [\"Cramps\"],");
    expect(&topic, "alias `Cramps` names two nodes: `spasm` and `ice`", "4:68", Some("also a name of `spasm`"));
}

#[test]
fn citation_of_unknown_section_and_paragraph() {
    let topic = TOPIC.replace("(\"care\", 1)", "(\"cure\", 1)");
    expect(&topic, "citation of unknown section `cure`", "8:66", Some("did you mean `care`?"));
    let topic = TOPIC.replace("(\"intro\", 2)", "(\"intro\", 3)");
    expect(&topic, "citation of paragraph 3 of section `intro`, which has 2 paragraphs", "9:67", None);
}

#[test]
fn is_a_cycle() {
    let topic = TOPIC
        .replace(
            "    ],\n    edges",
            "        (id: \"tightness\", name: \"tightness\", kind: condition, summary: \"x\"),\n    ],\n    edges",
        )
        .replace(
            "    ],\n)",
            "        (from: \"spasm\", relation: is_a, to: \"tightness\", sources: [(\"intro\", 1)]),\n        (from: \"tightness\", relation: is_a, to: \"spasm\", sources: [(\"intro\", 1)]),\n    ],\n)",
        );
    let (dir, r) = check_topic(&topic);
    assert_eq!(r.code, 2);
    let (m, at) = first_error(&r.stderr);
    assert_eq!(m, "error: `is_a` cycle: spasm → tightness → spasm");
    assert_eq!(at, format!("{}/topic.ron:12:39", dir.str()));
}

#[test]
fn domain_and_range() {
    let topic = TOPIC.replace(
        "(from: \"spasm\", relation: presents, to: \"pain\"",
        "(from: \"spasm\", relation: rich_in, to: \"pain\"",
    );
    expect(&topic, "`rich_in` cannot start at `spasm`, a condition", "9:35", Some("`rich_in` starts at: food"));
}

#[test]
fn empty_name_and_summary() {
    let topic = TOPIC.replace("name: \"pain\"", "name: \"  \"");
    expect(&topic, "node `pain` has an empty name", "5:28", None);
}

#[test]
fn bad_timing_window() {
    let topic = TOPIC.replace("when: (from_day: 0, to_day: 3)", "when: (from_day: 3, to_day: 1)");
    expect(&topic, "timing window starts on day 3 but ends on day 1", "8:86", None);
}

#[test]
fn columns_count_characters_not_bytes() {
    let topic = TOPIC.replace("summary: \"It hurts.\"", "summary: \"Ça fait très mal — ouch.\", kind: symptom");
    let (_, r) = check_topic(&topic);
    assert_eq!(r.code, 2);
    let (_, at) = first_error(&r.stderr);
    // `kind` repeated: the second `kind` starts at character 88 of line 5 (byte 93).
    assert!(at.ends_with("topic.ron:5:88"), "{at}: {}", r.stderr);
}

#[test]
fn non_utf8_file() {
    let dir = TempDir::new("utf8");
    dir.write("article.ron", ARTICLE);
    dir.write("bad.ron", b"(\n  nodes: [(id: \"a\xff\")],\n)".as_slice());
    let r = kg(&["check", dir.str()], None);
    assert_eq!(r.code, 2);
    let (m, at) = first_error(&r.stderr);
    assert_eq!(m, format!("error: `{}/bad.ron` is not valid UTF-8", dir.str()));
    assert_eq!(at, format!("{}/bad.ron:2:18", dir.str()));
}

#[test]
fn directory_without_ron_files() {
    let dir = TempDir::new("empty");
    dir.write("notes.txt", "hello");
    let r = kg(&["check", dir.str()], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with(&format!("error: no .ron files in directory `{}`", dir.str())), "{}", r.stderr);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let dir = TempDir::new("deep");
    dir.write("article.ron", ARTICLE);
    dir.write("deep.ron", format!("(nodes: {}{})", "[".repeat(100_000), "]".repeat(100_000)));
    let r = kg(&["check", dir.str()], None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
}

#[test]
fn missing_article() {
    let dir = TempDir::new("noarticle");
    dir.write("topic.ron", TOPIC);
    let r = kg(&["check", dir.str()], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("error: no graph file describes the article"), "{}", r.stderr);
}

#[test]
fn orphan_nodes_are_warnings() {
    let topic = TOPIC.replace(
        "    ],\n    edges",
        "        (id: \"lonely\", name: \"lonely\", kind: factor, summary: \"x\"),\n    ],\n    edges",
    );
    let (_, r) = check_topic(&topic);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "ok: 4 nodes, 2 edges, 2 citations (1 warning)\n");
    assert!(r.stderr.starts_with("warning: node `lonely` has no edges"), "{}", r.stderr);
}

#[test]
fn a_byte_order_mark_and_windows_line_ends_are_read_as_plain_text() {
    let bom_crlf = |s: &str| format!("\u{feff}{}", s.replace('\n', "\r\n"));
    let dir = TempDir::new("bom");
    dir.write("article.ron", bom_crlf(ARTICLE));
    dir.write("topic.ron", bom_crlf(TOPIC));
    let r = kg(&["check", dir.str()], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Positions still count lines and characters as an editor shows them.
    let bad = TOPIC.replacen("kind: condition", "kind: condtion", 1);
    let line = bad.lines().position(|l| l.contains("condtion")).unwrap() + 1;
    let col = bad.lines().nth(line - 1).unwrap().find("condtion").unwrap() + 1;
    dir.write("topic.ron", bom_crlf(&bad));
    let r = kg(&["check", dir.str()], None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains(&format!("topic.ron:{line}:{col}")), "{line}:{col} in {}", r.stderr);
}

/// Adds nodes and edges to [`TOPIC`].
fn topic_with(nodes: &str, edges: &str) -> String {
    TOPIC
        .replace("    ],\n    edges: [\n", &format!("{nodes}    ],\n    edges: [\n"))
        .replace("    ],\n)", &format!("{edges}    ],\n)"))
}

#[test]
fn a_denied_hierarchy_is_an_error() {
    let topic = topic_with(
        "",
        "        (from: \"pain\", relation: is_a, to: \"pain\", sources: [(\"care\", 1)], negated: true),\n",
    );
    let (_, r) = check_topic(&topic);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("`is_a` cannot be negated"), "{}", r.stderr);
}

#[test]
fn a_claim_and_its_denial_for_the_same_days_contradict() {
    let edges = "        (from: \"ice\", relation: relieves, to: \"spasm\", sources: [(\"care\", 1)], negated: true, when: (from_day: 2)),\n";
    let (_, r) = check_topic(&topic_with("", edges));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("is both claimed and denied for the same days"), "{}", r.stderr);
    // From day 3 on, the window of the claim (days 0 to 3) is over: no contradiction.
    let edges = edges.replace("from_day: 2", "from_day: 3");
    let (_, r) = check_topic(&topic_with("", &edges));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_lay_node_reaches_the_article_only_by_an_uncited_is_a() {
    let lay = "        (id: \"frozen-peas\", name: \"frozen peas\", kind: home_remedy, lay: true, summary: \"A bag of frozen peas.\"),\n";
    let ok = topic_with(lay, "        (from: \"frozen-peas\", relation: is_a, to: \"ice\", sources: []),\n");
    let (_, r) = check_topic(&ok);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Cited: the article does not name it.
    let cited =
        topic_with(lay, "        (from: \"frozen-peas\", relation: is_a, to: \"ice\", sources: [(\"care\", 1)]),\n");
    let (_, r) = check_topic(&cited);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("is a lay node, so its edge cannot cite the article"), "{}", r.stderr);
    // A claim about it: the article makes none.
    let claim = topic_with(lay, "        (from: \"frozen-peas\", relation: relieves, to: \"spasm\", sources: []),\n");
    let (_, r) = check_topic(&claim);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("a lay node can only be joined by `is_a`"), "{}", r.stderr);
    // Not joined at all.
    let (_, r) = check_topic(&topic_with(lay, ""));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("lay node `frozen-peas` is not a kind of anything in the article"), "{}", r.stderr);
}

#[test]
fn a_hedging_note_on_a_stated_claim_is_a_warning() {
    let topic = TOPIC.replace(
        "when: (from_day: 0, to_day: 3))",
        "when: (from_day: 0, to_day: 3), note: \"may help in some cases\")",
    );
    let (_, r) = check_topic(&topic);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("warning: the note says \"may\" but the claim is marked `stated`"), "{}", r.stderr);
    let hedged = topic.replace("note: \"may help", "certainty: hedged, note: \"may help");
    let (_, r) = check_topic(&hedged);
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
}

#[test]
fn a_drug_the_article_does_not_name_as_an_alias_is_a_warning() {
    let topic = TOPIC.replace("aliases: [\"cramp\"]", "aliases: [\"cramp\", \"Ibuprofen\"]");
    let (_, r) = check_topic(&topic);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("alias `Ibuprofen` of `spasm` looks like a lay word"), "{}", r.stderr);
}

// ---- `kg check --format json` (issue 22) ----

/// Runs `kg check --format json` on `dir` and parses its one document.
fn check_json(path: &str) -> (common::Run, serde_json::Value) {
    let r = kg(&["check", "--format", "json", path], None);
    let v: serde_json::Value =
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("one JSON document: {e}: {}", r.stdout));
    (r, v)
}

/// The `error:`/`warning:` headline and `file:line:col` of each diagnostic
/// the text shows.
fn text_positions(stderr: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = stderr.lines().peekable();
    while let Some(l) = lines.next() {
        if l.starts_with("error: ") || l.starts_with("warning: ") {
            let at = lines.peek().and_then(|n| n.trim_start().strip_prefix("--> ")).unwrap_or("").to_string();
            out.push((l.to_string(), at));
        }
    }
    out
}

#[test]
fn check_format_json_gives_every_diagnostic_with_its_place_as_the_text_does() {
    let topic = TOPIC
        .replace("kind: symptom", "kind: symptm")
        .replace("relation: presents", "relation: present")
        .replace("to: \"pain\"", "to: \"pian\"");
    let (dir, text) = check_topic(&topic);
    assert_eq!(text.code, 2);
    let (r, v) = check_json(dir.str());
    assert_eq!(r.code, 2, "errors: exit 2");
    assert!(r.stderr.starts_with("error: the graph has") && r.stderr.trim().lines().count() == 1, "{}", r.stderr);
    assert_eq!((v["version"].as_u64(), v["ok"].as_bool()), (Some(u64::from(kg::render::json::VERSION)), Some(false)));
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    let shown = text_positions(&text.stderr);
    assert!(shown.len() >= 2, "{}", text.stderr);
    assert_eq!(diags.len(), shown.len(), "as many as the text shows");
    assert_eq!(v["errors"].as_u64(), Some(diags.iter().filter(|d| d["severity"] == "error").count() as u64));
    for (d, (headline, at)) in diags.iter().zip(&shown) {
        let position = format!("{}:{}:{}", d["file"].as_str().unwrap(), d["line"], d["column"]);
        assert_eq!(&position, at, "{d}");
        assert_eq!(&format!("{}: {}", d["severity"].as_str().unwrap(), d["message"].as_str().unwrap()), headline);
        let rendered = d["rendered"].as_str().unwrap();
        assert!(text.stderr.contains(rendered), "rendered is the text: {rendered}");
        assert!(d["end_line"].as_u64() >= d["line"].as_u64(), "{d}");
        for (field, line) in [("help", "= help: "), ("label", "")] {
            if let Some(h) = d[field].as_str() {
                assert!(rendered.contains(&format!("{line}{h}")), "{field} {h:?} in {rendered}");
            }
        }
    }
    let kind = diags.iter().find(|d| d["message"] == "unknown kind `symptm`").expect("the kind error");
    assert_eq!(kind["help"], "did you mean `symptom`?");
    assert_eq!(kind["end_column"].as_u64(), Some(kind["column"].as_u64().unwrap() + "symptm".len() as u64));
}

#[test]
fn check_format_json_with_warnings_only_and_with_no_place() {
    let dir = TempDir::new("diag-json");
    dir.write("article.ron", ARTICLE);
    dir.write(
        "topic.ron",
        TOPIC.replace(
            "    ],\n    edges",
            "        (id: \"alone\", name: \"alone\", kind: factor, summary: \"s\"),\n    ],\n    edges",
        ),
    );
    let (r, v) = check_json(dir.str());
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "warnings go into the document, not to stderr");
    assert_eq!((v["ok"].as_bool(), v["errors"].as_u64(), v["warnings"].as_u64()), (Some(true), Some(0), Some(1)));
    assert_eq!(v["nodes"].as_u64(), Some(4));
    let w = &v["diagnostics"][0];
    assert_eq!((w["severity"].as_str(), w["message"].as_str()), (Some("warning"), Some("node `alone` has no edges")));
    let (r, v) = check_json(dir.path().join("missing").to_str().unwrap());
    assert_eq!(r.code, 2);
    let d = &v["diagnostics"][0];
    assert!(d["message"].as_str().is_some_and(|m| m.contains("missing")), "{d}");
    assert!(d["file"].is_null() && d["line"].is_null(), "no place: {d}");
    let (r, v) = check_json("graph");
    assert_eq!((r.code, v["ok"].as_bool(), v["diagnostics"].as_array().map(Vec::len)), (0, Some(true), Some(0)));
}
