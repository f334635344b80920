//! Diagrams and exports, checked by the tools people load them into:
//! Graphviz for DOT, pyoxigraph for Turtle and N-Triples, networkx for
//! GraphML. A missing tool skips its check with a `SKIP` line that `cargo
//! test` shows, except under CI (`CI` set), where it fails: .ci/run
//! installs them all (the Python packages in `.venv`).
//!
//! Expectations come from kg's own output (the JSON export, JSON answers),
//! never from counts written here, since the bundled graph grows.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{TempDir, kg, kg_env};
use serde_json::Value;

fn has_dot() -> bool {
    common::need(common::runs("dot", "-V"), "Graphviz `dot`")
}

/// Whether the tests' Python ([`common::python`]: `.venv` when there is
/// one) has `module`; skips, or fails under CI.
fn has_python(module: &str) -> bool {
    common::need_python(module)
}

/// Runs a program with input on stdin; returns (success, stdout, stderr).
fn pipe(program: &str, args: &[&str], input: &[u8]) -> (bool, String, String) {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    let mut stdin = child.stdin.take().expect("piped");
    let input = input.to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("finishes");
    let _ = feeder.join();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn python(script: &str, args: &[&str]) -> String {
    let mut all = vec!["-c", script];
    all.extend_from_slice(args);
    let out = Command::new(common::python()).args(&all).output().expect("python3 runs");
    assert!(out.status.success(), "python failed:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn ok(args: &[&str]) -> String {
    let run = kg(args, None);
    assert_eq!(run.code, 0, "kg {args:?}\n{}", run.stderr);
    run.stdout
}

fn export_json() -> Value {
    serde_json::from_str(&ok(&["export"])).expect("JSON export parses")
}

fn ids(v: &Value, key: &str) -> Vec<String> {
    let mut out: Vec<String> =
        v[key].as_array().expect("an array").iter().map(|x| x["id"].as_str().expect("id").to_string()).collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn turtle_and_ntriples_load_in_oxigraph_and_answer_as_kg_does() {
    if !has_python("pyoxigraph") {
        return;
    }
    let dir = TempDir::new("rdf");
    let ttl = dir.write("kg.ttl", ok(&["export", "--format", "turtle"]));
    let nt = dir.write("kg.nt", ok(&["export", "--format", "ntriples"]));
    let subject = export_json()["article"]["subject"].as_str().expect("subject").to_string();
    let answers: Value =
        serde_json::from_str(&ok(&["query", &format!("?t treats|relieves \"{subject}\""), "--format", "json"]))
            .expect("answers parse");
    let expected = ids(&answers, "answers");
    assert!(!expected.is_empty());

    let script = r#"
import json, sys
import pyoxigraph as ox
base = "https://kg.example/back-spasm/"
out = {}
for path, fmt in ((sys.argv[1], ox.RdfFormat.TURTLE), (sys.argv[2], ox.RdfFormat.N_TRIPLES)):
    store = ox.Store()
    store.load(path=path, format=fmt)
    q = ("PREFIX rel: <%srel/> SELECT DISTINCT ?t WHERE { ?t rel:treats|rel:relieves <%snode/%s> }"
         % (base, base, sys.argv[3]))
    ids = sorted(str(r["t"].value)[len(base + "node/"):] for r in store.query(q))
    stmts = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> SELECT (COUNT(?s) AS ?n) WHERE { ?s a rdf:Statement }"
    n = int(next(iter(store.query(stmts)))["n"].value)
    out[fmt.file_extension] = {"ids": ids, "triples": len(store), "statements": n}
print(json.dumps(out))
"#;
    let got: Value = serde_json::from_str(&python(script, &[ttl.to_str().unwrap(), nt.to_str().unwrap(), &subject]))
        .expect("python prints JSON");
    let edges = export_json()["edges"].as_array().expect("edges").len() as u64;
    for fmt in ["ttl", "nt"] {
        let found: Vec<String> =
            got[fmt]["ids"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
        assert_eq!(found, expected, "{fmt}: SPARQL and kg disagree");
        assert_eq!(got[fmt]["statements"], edges, "{fmt}: one rdf:Statement per edge");
    }
    assert_eq!(got["ttl"]["triples"], got["nt"]["triples"], "Turtle and N-Triples hold the same triples");
}

#[test]
fn graphml_loads_in_networkx_with_every_node_and_edge() {
    if !has_python("networkx") {
        return;
    }
    let dir = TempDir::new("graphml");
    let file = dir.write("kg.graphml", ok(&["export", "--format", "graphml"]));
    let script = r#"
import json, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1], force_multigraph=True)
rels = sorted({d.get("relation", "") for _, _, d in g.edges(data=True)})
kinds = sorted({d.get("kind", "") for _, d in g.nodes(data=True)})
print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "relations": rels, "kinds": kinds,
                  "directed": g.is_directed()}))
"#;
    let got: Value = serde_json::from_str(&python(script, &[file.to_str().unwrap()])).expect("JSON");
    let json = export_json();
    let nodes = json["nodes"].as_array().unwrap();
    let edges = json["edges"].as_array().unwrap();
    assert_eq!(got["nodes"], nodes.len() as u64);
    assert_eq!(got["edges"], edges.len() as u64);
    assert_eq!(got["directed"], true);
    let mut rels: Vec<&str> = edges.iter().map(|e| e["relation"].as_str().unwrap()).collect();
    rels.sort();
    rels.dedup();
    assert_eq!(got["relations"], serde_json::json!(rels));
    let mut kinds: Vec<&str> = nodes.iter().map(|n| n["kind"].as_str().unwrap()).collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(got["kinds"], serde_json::json!(kinds));
}

#[test]
fn every_diagram_is_accepted_by_graphviz() {
    let json = export_json();
    let subject = json["article"]["subject"].as_str().unwrap().to_string();
    let first = &json["edges"][0];
    let (from, to) = (first["from"].as_str().unwrap().to_string(), first["to"].as_str().unwrap().to_string());
    let kinds = {
        let mut k: Vec<&str> = json["nodes"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
        k.sort();
        k.dedup();
        k.into_iter().take(3).collect::<Vec<_>>().join(",")
    };
    let cases: Vec<Vec<&str>> = vec![
        vec!["dot"],
        vec!["dot", "--focus", &subject, "--depth", "2"],
        vec!["dot", "--focus", &subject, "--depth", "0", "--no-legend"],
        vec!["dot", "--clusters"],
        vec!["dot", "--clusters", "--rankdir", "TB", "--focus", &from, "--focus", &to],
        vec!["dot", "--kinds", &kinds],
        vec!["dot", "--relations", "treats,relieves,avoid_while"],
        vec!["export", "--format", "dot"],
        vec!["ask", "what treats muscle spasm", "--format", "dot"],
        vec!["show", &subject, "--format", "dot"],
        vec!["path", &from, &to, "--format", "dot"],
    ];
    let dots: Vec<(String, String)> = cases.iter().map(|args| (args.join(" "), ok(args))).collect();
    for (args, dot) in &dots {
        assert!(dot.starts_with("digraph kg {"), "kg {args}: {dot}");
        assert!(dot.contains("charset=\"UTF-8\""), "kg {args}");
    }
    // The same command gives the same bytes.
    assert_eq!(dots[3].1, ok(&["dot", "--clusters"]));
    if !has_dot() {
        return;
    }
    for (args, dot) in &dots {
        let (success, svg, err) = pipe("dot", &["-Tsvg"], dot.as_bytes());
        assert!(success && svg.contains("<svg"), "Graphviz rejects the DOT of `kg {args}`:\n{err}\n{dot}");
        assert!(err.trim().is_empty(), "Graphviz warns about `kg {args}`:\n{err}");
    }
}

#[test]
fn the_answer_diagram_marks_the_question_focus() {
    let dot = ok(&["ask", "what treats muscle spasm", "--format", "dot"]);
    let answers: Value =
        serde_json::from_str(&ok(&["ask", "what treats muscle spasm", "--format", "json"])).expect("JSON");
    for id in ids(&answers, "answers") {
        assert!(dot.contains(&format!("\n  \"{id}\" [")), "answer {id} drawn");
    }
    assert!(dot.contains("fontcolor=\"white\""), "the focus is filled:\n{dot}");
    assert!(dot.contains("\"legend:\" [shape=plaintext"), "a view of 24 nodes has a legend:\n{dot}");
}

#[test]
fn a_depth_one_diagram_holds_the_focus_and_its_neighbours_only() {
    let json = export_json();
    let subject = json["article"]["subject"].as_str().unwrap();
    let mut expected: Vec<&str> = vec![subject];
    for e in json["edges"].as_array().unwrap() {
        let (f, t) = (e["from"].as_str().unwrap(), e["to"].as_str().unwrap());
        if f == subject {
            expected.push(t);
        }
        if t == subject {
            expected.push(f);
        }
    }
    expected.sort();
    expected.dedup();
    let dot = ok(&["dot", "--focus", subject, "--no-legend"]);
    let drawn: Vec<&str> = dot
        .lines()
        .filter(|l| l.starts_with("  \"") && !l.contains(" -> "))
        .map(|l| l.trim_start().split('"').nth(1).unwrap())
        .collect();
    assert_eq!(drawn, expected);
}

#[test]
fn unknown_kinds_and_relations_are_errors_that_list_the_valid_ones() {
    let run = kg(&["dot", "--kinds", "medication,medicaton"], None);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("unknown kind `medicaton`"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `medication`?"), "{}", run.stderr);
    assert!(run.stderr.contains("home_remedy"), "the valid kinds are listed: {}", run.stderr);

    let run = kg(&["dot", "--relations", "treatz"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown relation `treatz`"), "{}", run.stderr);
    assert!(run.stderr.contains("avoid_while"), "{}", run.stderr);

    let run = kg(&["dot", "--focus", "no such thing at all"], None);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());

    let run = kg(&["dot", "--depth", "2"], None);
    assert_eq!(run.code, 2, "--depth needs --focus");
}

#[test]
fn render_without_graphviz_fails_and_writes_nothing() {
    let dir = TempDir::new("nodot");
    let out = dir.path().join("graph.svg");
    let run = kg_env(&["dot", "--render", "svg", "-o", out.to_str().unwrap()], None, &[("PATH", "/nonexistent")]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("Graphviz `dot` was not found on PATH"), "{}", run.stderr);
    assert!(run.stderr.contains("install the graphviz package"), "{}", run.stderr);
    assert!(!out.exists(), "no file is written");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no temporary file is left");
}

#[test]
fn output_files_hold_the_whole_diagram() {
    let dir = TempDir::new("dot-out");
    let file = dir.path().join("kg.dot");
    let run = kg(&["dot", "--clusters", "-o", file.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "with -o nothing goes to stdout");
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, ok(&["dot", "--clusters"]));
    assert!(written.ends_with("}\n"));
    if !has_dot() {
        return;
    }
    let svg = dir.path().join("kg.svg");
    let run = kg(&["dot", "--render", "svg", "-o", svg.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert!(svg.contains("<svg") && svg.trim_end().ends_with("</svg>"), "a whole SVG");
    let png = kg(&["dot", "--focus", export_json()["article"]["subject"].as_str().unwrap(), "--render", "png"], None);
    assert_eq!(png.code, 0, "{}", png.stderr);
}

#[test]
fn export_formats_are_stable_and_others_are_refused() {
    for format in ["json", "turtle", "ntriples", "graphml", "dot"] {
        assert_eq!(ok(&["export", "--format", format]), ok(&["export", "--format", format]), "{format}");
    }
    assert_eq!(ok(&["export"]), ok(&["export", "--format", "json"]));
    let run = kg(&["export", "--format", "tsv"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("turtle"), "{}", run.stderr);
    let run = kg(&["show", "ice pack", "--format", "turtle"], None);
    assert_eq!(run.code, 2, "{}", run.stdout);
}

const TRICKY_ARTICLE: &str = r#"(
    article: (
        title: "Test \"article\" <{|}> \\ Rücken",
        subject: "spasm",
        sections: [
            (id: "intro", title: "Intro & \"more\"", paragraphs: 2),
            (id: "care", title: "Care <b>", paragraphs: 1),
        ],
    ),
)"#;

const TRICKY_TOPIC: &str = r#"(
    nodes: [
        (id: "spasm", name: "spasm \"tight\" {a|b} <c>", kind: condition, aliases: ["cramp \\ knot", "Krampf ü"],
         summary: "A tight\nmuscle;\ttab & 'quote' \\n literal.\r"),
        (id: "ice", name: "ice pack ¶ — “cold”", kind: home_remedy, summary: "Cold on the sore spot > 20 min."),
        (id: "pain", name: "pain\\", kind: symptom, summary: "It hurts \"a lot\"."),
    ],
    edges: [
        (from: "ice", relation: relieves, to: "spasm", sources: [("care", 1)], certainty: hedged,
         when: (from_day: 0, to_day: 3, minutes: 20.5, note: "until \"better\"\nok"), note: "a <note> & \\ more"),
        (from: "spasm", relation: presents, to: "pain", sources: [("intro", 2), ("care", 1)], certainty: doubtful),
    ],
)"#;

/// Names, summaries and notes full of quotes, backslashes, line breaks,
/// `<>{}|&` and non-ASCII survive every format, as each tool reads it back.
#[test]
fn special_characters_survive_every_format() {
    let dir = TempDir::new("tricky");
    dir.write("article.ron", TRICKY_ARTICLE);
    dir.write("topic.ron", TRICKY_TOPIC);
    let g = dir.str();
    let json: Value = serde_json::from_str(&ok(&["--graph", g, "export"])).expect("JSON");
    let spasm = json["nodes"].as_array().unwrap().iter().find(|n| n["id"] == "spasm").unwrap().clone();
    let summary = spasm["summary"].as_str().unwrap().to_string();
    let name = spasm["name"].as_str().unwrap().to_string();
    assert!(summary.contains('\n') && summary.contains('\\') && name.contains('"'), "the test data is tricky");

    let mut dots =
        vec![ok(&["--graph", g, "dot", "--clusters"]), ok(&["--graph", g, "show", "spasm", "--format", "dot"])];
    dots.push(ok(&["--graph", g, "export", "--format", "dot"]));
    assert!(dots[0].contains("label=\"relieves?\""), "hedged claims are marked");
    assert!(dots[0].contains("label=\"presents??\""), "doubtful claims are marked");
    if has_dot() {
        for dot in &dots {
            let (success, svg, err) = pipe("dot", &["-Tsvg"], dot.as_bytes());
            assert!(success, "{err}\n{dot}");
            assert!(svg.contains("spasm &quot;tight&quot; {a|b} &lt;c&gt;"), "the name is drawn as written:\n{svg}");
        }
    }

    if has_python("pyoxigraph") {
        let ttl = dir.write("kg.ttl", ok(&["--graph", g, "export", "--format", "turtle"]));
        let nt = dir.write("kg.nt", ok(&["--graph", g, "export", "--format", "ntriples"]));
        let script = r#"
import json, sys
import pyoxigraph as ox
out = []
for path, fmt in ((sys.argv[1], ox.RdfFormat.TURTLE), (sys.argv[2], ox.RdfFormat.N_TRIPLES)):
    store = ox.Store()
    store.load(path=path, format=fmt)
    q = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
           SELECT ?name ?summary WHERE { <https://kg.example/back-spasm/node/spasm> rdfs:label ?name ; rdfs:comment ?summary }"""
    out += [[r["name"].value, r["summary"].value] for r in store.query(q)]
print(json.dumps(out))
"#;
        let got: Value =
            serde_json::from_str(&python(script, &[ttl.to_str().unwrap(), nt.to_str().unwrap()])).expect("JSON");
        assert_eq!(got, serde_json::json!([[name, summary], [name, summary]]));
    }

    if has_python("networkx") {
        let file = dir.write("kg.graphml", ok(&["--graph", g, "export", "--format", "graphml"]));
        let script = r#"
import json, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1], force_multigraph=True)
print(json.dumps([g.nodes["spasm"]["name"], g.nodes["spasm"]["summary"]]))
"#;
        let got: Value = serde_json::from_str(&python(script, &[file.to_str().unwrap()])).expect("JSON");
        assert_eq!(got[0], serde_json::json!(name));
        assert_eq!(got[1], serde_json::json!(summary));
    }
}

/// Node ids a DOT text draws (the legend is not a node of the graph).
fn drawn_nodes(dot: &str) -> Ids {
    dot.lines()
        .filter(|l| l.starts_with("  \"") && !l.contains(" -> "))
        .map(|l| l.trim_start().split('"').nth(1).expect("a quoted id").to_string())
        .collect()
}

/// Edges a DOT text draws: (from, relation, to).
fn drawn_edges(dot: &str) -> Vec<(String, String, String)> {
    dot.lines()
        .filter(|l| l.starts_with("  \"") && l.contains(" -> "))
        .map(|l| {
            let parts: Vec<&str> = l.split('"').collect();
            let label = l.split("label=\"").nth(1).and_then(|r| r.split('"').next()).expect("a label");
            (parts[1].to_string(), label.trim_end_matches('?').to_string(), parts[3].to_string())
        })
        .collect()
}

type Ids = std::collections::BTreeSet<String>;

/// From the export: each node's neighbours (either direction), the hubs
/// (the subject, and nodes with `HUB_DEGREE` edges or more) and the subject.
fn neighbours() -> (std::collections::BTreeMap<String, Ids>, Ids, String) {
    let json = export_json();
    let mut around: std::collections::BTreeMap<String, Ids> = Default::default();
    let mut degree: std::collections::BTreeMap<String, usize> = Default::default();
    for e in json["edges"].as_array().unwrap() {
        let (f, t) = (e["from"].as_str().unwrap().to_string(), e["to"].as_str().unwrap().to_string());
        around.entry(f.clone()).or_default().insert(t.clone());
        around.entry(t.clone()).or_default().insert(f.clone());
        *degree.entry(f).or_default() += 1;
        *degree.entry(t).or_default() += 1;
    }
    let subject = json["article"]["subject"].as_str().unwrap().to_string();
    let hubs = degree
        .iter()
        .filter(|&(id, &d)| *id == subject || d >= kg::dot::HUB_DEGREE)
        .map(|(id, _)| id.clone())
        .collect();
    (around, hubs, subject)
}

/// Regression (issue 13): `--depth 2` from one node went through the
/// article's subject and drew more than half the graph.
#[test]
fn depth_stops_at_hubs_unless_told_to_go_through() {
    let (around, hubs, subject) = neighbours();
    let focus = "ice-pack";
    let mut want: Ids = [focus.to_string()].into();
    for n in &around[focus] {
        want.insert(n.clone());
        if !hubs.contains(n) {
            want.extend(around[n].iter().cloned());
        }
    }
    let dot = ok(&["dot", "--focus", focus, "--depth", "2"]);
    assert_eq!(drawn_nodes(&dot), want, "two steps, not through a hub");
    assert!(want.contains(&subject), "the subject is reached, not gone through");
    let through = drawn_nodes(&ok(&["dot", "--focus", focus, "--depth", "2", "--through-hubs"]));
    assert!(through.is_superset(&want) && through.len() > want.len() * 2, "{} vs {}", through.len(), want.len());
    // The focus itself is gone through even when it is a hub.
    let from_subject = drawn_nodes(&ok(&["dot", "--focus", &subject, "--depth", "1"]));
    assert_eq!(from_subject.len(), around[&subject].len() + 1);
}

#[test]
fn max_nodes_keeps_the_nearest_to_the_focus() {
    let (around, _, _) = neighbours();
    let run = kg(&["dot", "--focus", "ice-pack", "--depth", "3", "--max-nodes", "4"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let drawn = drawn_nodes(&run.stdout);
    assert_eq!(drawn.len(), 4, "{drawn:?}");
    assert!(drawn.iter().all(|n| n == "ice-pack" || around["ice-pack"].contains(n)), "nearest first: {drawn:?}");
    assert!(run.stderr.contains("--max-nodes"), "a note says the view was cut: {}", run.stderr);
    assert_eq!(run.stdout, ok(&["dot", "--focus", "ice-pack", "--depth", "3", "--max-nodes", "4"]), "the same cut");
    let whole = kg(&["dot", "--max-nodes", "10"], None);
    assert_eq!(drawn_nodes(&whole.stdout).len(), 10, "{}", whole.stderr);
}

/// Regression (issue 13): `--relations ...,is_a` drew whole `is_a` trees
/// (muscles, electrolytes) that none of the other relations touched.
#[test]
fn relations_keep_is_a_edges_only_where_they_touch_what_the_others_drew() {
    let dot = ok(&["dot", "--relations", "treats,relieves,avoid_while,risks,is_a"]);
    let edges = drawn_edges(&dot);
    let drawn_by_others: std::collections::BTreeSet<&str> =
        edges.iter().filter(|(_, r, _)| r != "is_a").flat_map(|(a, _, b)| [a.as_str(), b.as_str()]).collect();
    let is_a: Vec<_> = edges.iter().filter(|(_, r, _)| r == "is_a").collect();
    assert!(!is_a.is_empty(), "some is_a edges place what is drawn: {dot}");
    for (a, _, b) in is_a {
        assert!(drawn_by_others.contains(a.as_str()) || drawn_by_others.contains(b.as_str()), "{a} is_a {b}");
    }
    // Asked for alone, is_a draws the whole hierarchy.
    let json = export_json();
    let all_is_a = json["edges"].as_array().unwrap().iter().filter(|e| e["relation"] == "is_a").count();
    assert_eq!(drawn_edges(&ok(&["dot", "--relations", "is_a"])).len(), all_is_a);
}

#[test]
fn the_legend_is_one_compact_node_of_what_is_drawn_and_small_views_go_without() {
    let small = ok(&["dot", "--focus", "ice-pack"]);
    assert!(drawn_nodes(&small).len() < kg::dot::LEGEND_MIN_NODES);
    assert!(!small.contains("legend:"), "a small view has no legend by default");
    let asked = ok(&["dot", "--focus", "ice-pack", "--legend"]);
    assert_eq!(asked.matches("legend:").count(), 1, "one legend node, no sample nodes or edges: {asked}");
    let json = export_json();
    for n in json["nodes"].as_array().unwrap() {
        let kind = n["kind"].as_str().unwrap().replace('_', " ");
        let drawn = drawn_nodes(&asked)
            .iter()
            .any(|d| json["nodes"].as_array().unwrap().iter().any(|m| m["id"] == d.as_str() && m["kind"] == n["kind"]));
        let legend = asked.lines().find(|l| l.contains("legend:")).unwrap();
        assert_eq!(legend.contains(&format!(">{kind}<")), drawn, "the legend lists {kind} only if drawn");
    }
    let whole = ok(&["dot"]);
    assert!(whole.contains("\"legend:\""), "a large view has a legend");
    assert!(!ok(&["dot", "--no-legend"]).contains("legend:"));
}
