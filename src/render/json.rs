//! JSON output: reports and the whole-graph export, sorted for stable diffs.
//! Every document is an object with `"version"` (the version of the shapes,
//! [`VERSION`]) and `"notes"` (what kg said about the input on stderr: a
//! name taken for a near match, how a question was read).

use serde_json::{Map, Value, json};

use crate::answer::{Answer, Item, Reply, Warning};
use crate::graph::{EIx, Graph, Ix};
use crate::model::{Degree, Kind, Relation, Source, Window};
use crate::report::Report;

/// The version of the JSON shapes. Raised when a field changes meaning or
/// goes away; new fields may appear without a raise. 2: a verdict may be
/// `"depends"` (in 1, a verdict that turned on a condition was `null`, as is
/// one the article says nothing of).
pub const VERSION: u32 = 2;

/// `{"version", "notes", ...fields}`: the frame every document shares.
pub fn document(notes: &[String], body: Value) -> Value {
    let mut m = Map::new();
    m.insert("version".into(), json!(VERSION));
    m.insert("notes".into(), json!(notes));
    match body {
        Value::Object(fields) => m.extend(fields),
        other => {
            m.insert("value".into(), other);
        }
    }
    Value::Object(m)
}

pub fn render(report: &Report, g: &Graph, notes: &[String]) -> String {
    let v = match report {
        Report::Checked { nodes, edges, citations, warnings } => {
            json!({"ok": true, "nodes": nodes, "edges": edges, "citations": citations, "warnings": warnings})
        }
        Report::Stats => stats(g),
        Report::List { kind, nodes } => json!({
            "kind": kind.map(|k| k.as_str()),
            "nodes": nodes.iter().map(|&ix| node(g, ix)).collect::<Vec<_>>(),
        }),
        Report::Kinds => json!({"kinds": Kind::ALL
            .iter()
            .map(|k| json!({"kind": k.as_str(), "description": k.describe()}))
            .collect::<Vec<_>>()}),
        Report::Relations => json!({"relations": Relation::ALL
                .iter()
                .map(|r| {
                    let (d, rg) = r.domain_range();
                    json!({"relation": r.as_str(), "description": r.describe(),
                        "domain": d.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                        "range": rg.iter().map(|k| k.as_str()).collect::<Vec<_>>()})
                })
                .collect::<Vec<_>>()}),
        Report::Show { node: ix } => show(g, *ix),
        Report::Answer(a) => answer(g, a),
        Report::Paths { .. }
        | Report::Chains { .. }
        | Report::NotCovered(_)
        | Report::Undescribed { .. }
        | Report::Several(_)
        | Report::Question { .. } => value(report, g),
    };
    to_string(&document(notes, v))
}

/// The JSON of the reports `kg ask` makes besides answers.
fn value(report: &Report, g: &Graph) -> Value {
    match report {
        Report::Paths { from, to, paths } | Report::Chains { from, to, paths } => json!({
            "from": node_ref(g, *from),
            "to": node_ref(g, *to),
            "paths": paths.iter().map(|p| p.iter().map(|&e| edge(g, e)).collect::<Vec<_>>()).collect::<Vec<_>>(),
        }),
        Report::NotCovered(nc) => json!({
            "question": nc.question,
            "outcome": "not-covered",
            "not_covered": nc.words,
            "nearest": nc.nearest.as_ref().map(|(meaning, question)| json!({"meaning": meaning, "question": question})),
            "answers": [],
        }),
        Report::Undescribed { node } => {
            let mut v = show(g, *node);
            v["outcome"] = json!("says-nothing");
            v["note"] = json!("the article does not say what this is; it only names it");
            v
        }
        Report::Several(parts) => {
            let mut v = json!({"parts": parts.iter().map(|p| part(g, p)).collect::<Vec<_>>()});
            // Several yes/no answers ("is either of those ok"): no if any is
            // no, yes if all are yes, it depends if any depends, else none.
            let verdicts: Vec<Option<Reply>> = parts
                .iter()
                .filter_map(|p| match p {
                    Report::Answer(a) => a.verdict.as_ref().map(|v| v.reply),
                    _ => None,
                })
                .collect();
            if !verdicts.is_empty() {
                let all = if verdicts.contains(&Some(Reply::No)) {
                    Some(Reply::No)
                } else if verdicts.iter().all(|v| *v == Some(Reply::Yes)) {
                    Some(Reply::Yes)
                } else if verdicts.contains(&Some(Reply::Depends)) {
                    Some(Reply::Depends)
                } else {
                    None
                };
                v["verdict"] = json!(all.map(Reply::as_str));
            }
            v
        }
        Report::Question { reading, report } => {
            let mut v = part(g, report);
            if let Value::Object(m) = &mut v {
                m.insert("reading".into(), reading_json(reading));
            }
            v
        }
        _ => Value::Null,
    }
}

fn part(g: &Graph, report: &Report) -> Value {
    match report {
        Report::Answer(a) => answer(g, a),
        Report::Show { node } => show(g, *node),
        other => value(other, g),
    }
}

/// `{"intents","queries","mentions","substitutions","ignored","cues","times","story","not_covered"}`
fn reading_json(r: &crate::ask::ReadingInfo) -> Value {
    let pairs = |v: &[(String, String)], a: &str, b: &str| -> Value {
        Value::Array(v.iter().map(|(x, y)| json!({a: x, b: y})).collect())
    };
    json!({
        "intents": r.intents.iter().map(|(n, m)| json!({"intent": n, "meaning": m})).collect::<Vec<_>>(),
        "queries": r.queries,
        "mentions": r.mentions.iter().map(|m| json!({"text": m.text, "span": [m.span.start, m.span.end], "id": m.id, "name": m.name, "by": m.how})).collect::<Vec<_>>(),
        "substitutions": pairs(&r.substitutions, "typed", "read_as"),
        "ignored": r.ignored,
        "cues": pairs(&r.cues, "text", "cue"),
        "times": pairs(&r.times, "text", "means"),
        "story": r.story,
        "not_covered": r.not_covered,
    })
}

pub fn to_string(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// `{"id","name","kind","aliases","summary"}`
pub fn node(g: &Graph, ix: Ix) -> Value {
    let n = g.node(ix);
    json!({"id": n.id, "name": n.name, "kind": n.kind.as_str(), "aliases": n.aliases, "summary": n.summary,
        "lay": n.lay, "described": n.described})
}

/// `{"id","name","kind"}`, for the other end of an edge.
pub fn node_ref(g: &Graph, ix: Ix) -> Value {
    let n = g.node(ix);
    json!({"id": n.id, "name": n.name, "kind": n.kind.as_str()})
}

/// `[{"section","title","paragraph"}]`
pub fn sources(g: &Graph, sources: &[Source]) -> Value {
    Value::Array(
        sources
            .iter()
            .map(|&s| json!({"section": g.section(s).id, "title": g.section(s).title, "paragraph": s.paragraph}))
            .collect(),
    )
}

pub fn window(w: &Window) -> Value {
    let mut m = Map::new();
    let mut put = |k: &str, v: Value| {
        if !v.is_null() {
            m.insert(k.to_string(), v);
        }
    };
    put("from_day", json!(w.from_day));
    put("to_day", json!(w.to_day));
    put("minutes", json!(w.minutes));
    put("pause_minutes", json!(w.pause_minutes));
    put("over_minutes", json!(w.over_minutes));
    put("phase", json!(w.phase.map(|p| p.as_str())));
    if w.only {
        put("only", json!(true));
    }
    put("lasts", json!(w.lasts));
    put("note", json!(w.note));
    put("text", json!(w.text()));
    Value::Object(m)
}

/// An edge with its ends as ids: the export shape.
pub fn edge(g: &Graph, e: EIx) -> Value {
    let (a, b) = g.ends(e);
    let edge = g.edge(e);
    let mut m = Map::new();
    m.insert("from".into(), json!(g.node(a).id));
    m.insert("relation".into(), json!(edge.relation.as_str()));
    m.insert("to".into(), json!(g.node(b).id));
    m.insert("sources".into(), sources(g, edge.sources));
    m.insert("certainty".into(), json!(edge.certainty.as_str()));
    m.insert("negated".into(), json!(edge.negated));
    if edge.degree != Degree::Plain {
        m.insert("degree".into(), json!(edge.degree.as_str()));
    }
    if let Some(w) = &edge.when {
        m.insert("when".into(), window(w));
    }
    if let Some(n) = &edge.note {
        m.insert("note".into(), json!(n));
    }
    Value::Object(m)
}

fn show(g: &Graph, ix: Ix) -> Value {
    let mut v = node(g, ix);
    let mut edges = Vec::new();
    for dir in [petgraph::Direction::Outgoing, petgraph::Direction::Incoming] {
        let mut list: Vec<(EIx, Ix)> = g.edges_at(ix, dir).collect();
        list.sort_by_key(|&(e, other)| (g.relation(e), g.name(other)));
        for (e, other) in list {
            let mut item = edge(g, e);
            if let Value::Object(m) = &mut item {
                m.insert("direction".into(), json!(if dir == petgraph::Direction::Outgoing { "out" } else { "in" }));
                m.insert("other".into(), node_ref(g, other));
            }
            edges.push(item);
        }
    }
    v["edges"] = Value::Array(edges);
    v
}

fn stats(g: &Graph) -> Value {
    let mut kinds = Map::new();
    for &k in Kind::ALL {
        kinds.insert(k.as_str().into(), json!(g.nodes().filter(|&ix| g.node(ix).kind == k).count()));
    }
    let mut rels = Map::new();
    for &r in Relation::ALL {
        rels.insert(r.as_str().into(), json!(g.edges().filter(|&e| g.edge(e).relation == r).count()));
    }
    let (cited, total) = super::text::paragraph_coverage(g);
    json!({"title": g.article.title, "nodes": g.node_count(), "edges": g.edge_count(),
        "citations": g.citation_count(), "sections": g.article.sections.len(),
        "paragraphs": total, "paragraphs_cited": cited, "kinds": kinds, "relations": rels})
}

/// The whole graph: article, nodes sorted by id, edges by (from, relation,
/// to), streamed one item at a time. The bytes are those of
/// `serde_json::to_string_pretty` on the whole document (keys sorted, two
/// spaces an indent), which is never built: each item is a struct whose
/// fields are in the order a sorted map prints them, written by a pretty
/// printer that starts at the item's depth (a test holds the two together).
pub fn export(g: &Graph, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let article = json!({
        "title": g.article.title,
        "subject": g.id(g.subject),
        "sections": g.article.sections.iter().map(|s| json!({"id": s.id, "title": s.title, "paragraphs": s.paragraphs})).collect::<Vec<_>>(),
    });
    let nested = |out: &mut dyn std::io::Write, v: &dyn erased::Item, level: usize| -> std::io::Result<()> {
        let mut ser = serde_json::Serializer::with_formatter(out, Pretty { level, has_value: false });
        v.write(&mut ser).map_err(std::io::Error::from)
    };
    out.write_all(b"{\n  \"article\": ")?;
    nested(out, &article, 1)?;
    let edges = g.export_order();
    out.write_all(b",\n  \"edges\": ")?;
    if edges.is_empty() {
        out.write_all(b"[]")?;
    }
    for (i, &e) in edges.iter().enumerate() {
        out.write_all(if i == 0 { b"[\n    " } else { b",\n    " })?;
        nested(out, &EdgeOut::of(g, e), 2)?;
    }
    if !edges.is_empty() {
        out.write_all(b"\n  ]")?;
    }
    let nodes = g.by_id_order();
    out.write_all(b",\n  \"nodes\": ")?;
    if nodes.is_empty() {
        out.write_all(b"[]")?;
    }
    for (i, &ix) in nodes.iter().enumerate() {
        out.write_all(if i == 0 { b"[\n    " } else { b",\n    " })?;
        let n = g.node(ix);
        let node = NodeOut {
            aliases: n.aliases,
            described: n.described,
            id: n.id,
            kind: n.kind.as_str(),
            lay: n.lay,
            name: n.name,
            summary: n.summary,
        };
        nested(out, &node, 2)?;
    }
    if !nodes.is_empty() {
        out.write_all(b"\n  ]")?;
    }
    // The export says nothing about its input: its notes are always empty.
    write!(out, ",\n  \"notes\": [],\n  \"version\": {VERSION}\n}}\n")
}

/// Serializing through `dyn`, for the export's few item types.
mod erased {
    pub trait Item {
        fn write(
            &self,
            ser: &mut serde_json::Serializer<&mut dyn std::io::Write, super::Pretty>,
        ) -> Result<(), serde_json::Error>;
    }
    impl<T: serde::Serialize> Item for T {
        fn write(
            &self,
            ser: &mut serde_json::Serializer<&mut dyn std::io::Write, super::Pretty>,
        ) -> Result<(), serde_json::Error> {
            self.serialize(ser)
        }
    }
}

/// A node as the export writes it ([`node`], fields sorted).
#[derive(serde::Serialize)]
struct NodeOut<'a> {
    aliases: crate::graph::Aliases<'a>,
    described: bool,
    id: &'a str,
    kind: &'static str,
    lay: bool,
    name: &'a str,
    summary: &'a str,
}

/// A citation as the export writes it ([`sources`], fields sorted).
#[derive(serde::Serialize)]
struct SourceOut<'a> {
    paragraph: u16,
    section: &'a str,
    title: &'a str,
}

/// A timing window as the export writes it ([`window`], fields sorted,
/// absent ones left out; numbers as `f64`, as `json!` stores them).
#[derive(serde::Serialize)]
struct WindowOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    from_day: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lasts: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minutes: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    only: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    over_minutes: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pause_minutes: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phase: Option<&'static str>,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    to_day: Option<u16>,
}

/// An edge as the export writes it ([`edge`], fields sorted).
#[derive(serde::Serialize)]
struct EdgeOut<'a> {
    certainty: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    degree: Option<&'static str>,
    from: &'a str,
    negated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    relation: &'static str,
    sources: Vec<SourceOut<'a>>,
    to: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    when: Option<WindowOut>,
}

impl<'a> EdgeOut<'a> {
    fn of(g: &'a Graph, e: EIx) -> EdgeOut<'a> {
        let edge = g.edge(e);
        let sources = edge
            .sources
            .iter()
            .map(|&s| SourceOut { paragraph: s.paragraph, section: &g.section(s).id, title: &g.section(s).title })
            .collect();
        let when = edge.when.map(|w| WindowOut {
            from_day: w.from_day,
            minutes: w.minutes.map(f64::from),
            pause_minutes: w.pause_minutes.map(f64::from),
            over_minutes: w.over_minutes.map(f64::from),
            phase: w.phase.map(|p| p.as_str()),
            only: w.only,
            to_day: w.to_day,
            text: w.text(),
            lasts: w.lasts,
            note: w.note,
        });
        EdgeOut {
            certainty: edge.certainty.as_str(),
            degree: (edge.degree != Degree::Plain).then(|| edge.degree.as_str()),
            from: g.id(edge.from),
            negated: edge.negated,
            note: edge.note,
            relation: edge.relation.as_str(),
            sources,
            to: g.id(edge.to),
            when,
        }
    }
}

/// serde_json's pretty printer (two spaces an indent), starting `level`
/// levels deep, so an item streamed into a document lines up with it.
pub struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    fn indent<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Distinct sources of some edges, in order.
fn sources_of(g: &Graph, edges: &[EIx]) -> Value {
    let mut all: Vec<Source> = Vec::new();
    for &e in edges {
        for &s in g.edge(e).sources {
            if !all.contains(&s) {
                all.push(s);
            }
        }
    }
    sources(g, &all)
}

fn warning(g: &Graph, w: &Warning) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), json!(if w.relation == Relation::AvoidWhile { "avoid" } else { "risk" }));
    m.insert("id".into(), json!(g.node(w.node).id));
    m.insert("name".into(), json!(g.node(w.node).name));
    if let Some(c) = w.via {
        m.insert("via".into(), json!(g.node(c).id));
    }
    if !w.harms.is_empty() {
        m.insert("harms".into(), Value::Array(w.harms.iter().map(|&h| node_ref(g, h)).collect()));
    }
    if let Some(n) = w.edges.iter().filter(|&&e| g.relation(e) != Relation::IsA).find_map(|&e| g.edge(e).note) {
        m.insert("note".into(), json!(n));
    }
    m.insert("sources".into(), sources_of(g, &w.edges));
    Value::Object(m)
}

fn item(g: &Graph, a: &Answer, it: &Item) -> Value {
    // A pattern without variables has no node to name, only its support.
    let mut v = it.values.first().map_or_else(|| json!({}), |&ix| node(g, ix));
    let Value::Object(m) = &mut v else { return v };
    m.insert("relation".into(), json!(it.relation(g).map(|r| r.as_str())));
    if it.denied(g) {
        m.insert("denied".into(), json!(true));
    }
    m.insert("sources".into(), sources_of(g, &it.support));
    let certainty = it.support.iter().map(|&e| g.edge(e).certainty).max().unwrap_or_default();
    m.insert("certainty".into(), json!(certainty.as_str()));
    if let Some(w) = it.support.iter().find_map(|&e| g.edge(e).when) {
        m.insert("when".into(), window(&w));
    }
    if !it.warnings.is_empty() {
        m.insert("warnings".into(), Value::Array(it.warnings.iter().map(|w| warning(g, w)).collect()));
    }
    m.insert("path".into(), Value::Array(it.support.iter().map(|&e| edge(g, e)).collect()));
    if a.vars.len() > 1 {
        let mut b = Map::new();
        for (var, &ix) in a.vars.iter().zip(&it.values) {
            b.insert(var.clone(), node_ref(g, ix));
        }
        m.insert("bindings".into(), Value::Object(b));
    }
    v
}

fn answer(g: &Graph, a: &Answer) -> Value {
    let mut m = Map::new();
    m.insert("question".into(), json!(a.question));
    m.insert("template".into(), json!(a.template));
    m.insert("interpretation".into(), json!(a.interpretation));
    m.insert("query".into(), json!(a.query));
    m.insert("answers".into(), Value::Array(a.items.iter().map(|it| item(g, a, it)).collect()));
    if !a.about.is_empty() {
        m.insert(
            "about".into(),
            Value::Array(
                a.about
                    .iter()
                    .map(|&ix| json!({"id": g.node(ix).id, "name": g.node(ix).name, "summary": g.node(ix).summary}))
                    .collect(),
            ),
        );
    }
    match &a.verdict {
        Some(v) => {
            m.insert("verdict".into(), json!(v.reply.map(Reply::as_str)));
            m.insert("verdict_text".into(), json!(v.text));
            m.insert("outcome".into(), json!(v.claim.as_str()));
        }
        None => {
            m.insert("outcome".into(), json!(if a.is_empty() { "says-nothing" } else { "says-so" }));
        }
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_streamed_export_is_the_pretty_printed_document() {
        let g = crate::bundled::graph().expect("bundled graph");
        let whole = json!({
            "version": VERSION,
            "notes": [],
            "article": {
                "title": g.article.title,
                "subject": g.id(g.subject),
                "sections": g.article.sections.iter().map(|s| json!({"id": s.id, "title": s.title, "paragraphs": s.paragraphs})).collect::<Vec<_>>(),
            },
            "nodes": g.by_id_order().iter().map(|&ix| node(&g, ix)).collect::<Vec<_>>(),
            "edges": g.export_order().iter().map(|&e| edge(&g, e)).collect::<Vec<_>>(),
        });
        assert!(
            g.edges().any(|e| g.edge(e).when.is_some_and(|w| w.minutes.is_some())),
            "windows with minutes are covered"
        );
        let streamed = crate::export::rdf::to_string(|w| export(&g, w));
        assert_eq!(streamed, to_string(&whole));
    }
}
