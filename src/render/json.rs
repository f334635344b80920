//! JSON output: reports and the whole-graph export, sorted for stable diffs.

use serde_json::{Map, Value, json};

use crate::answer::{Answer, Item, Warning};
use crate::graph::{EIx, Graph, Ix};
use crate::model::{Kind, Relation, Source, Window};
use crate::report::Report;

pub fn render(report: &Report, g: &Graph) -> String {
    let v = match report {
        Report::Checked { nodes, edges, citations, warnings } => {
            json!({"ok": true, "nodes": nodes, "edges": edges, "citations": citations, "warnings": warnings})
        }
        Report::Stats => stats(g),
        Report::List { nodes, .. } => Value::Array(nodes.iter().map(|&ix| node(g, ix)).collect()),
        Report::Kinds => {
            Value::Array(Kind::ALL.iter().map(|k| json!({"kind": k.as_str(), "description": k.describe()})).collect())
        }
        Report::Relations => Value::Array(
            Relation::ALL
                .iter()
                .map(|r| {
                    let (d, rg) = r.domain_range();
                    json!({"relation": r.as_str(), "description": r.describe(),
                        "domain": d.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                        "range": rg.iter().map(|k| k.as_str()).collect::<Vec<_>>()})
                })
                .collect(),
        ),
        Report::Show { node: ix } => show(g, *ix),
        Report::Answer(a) => answer(g, a),
        Report::Paths { from, to, paths } => json!({
            "from": node_ref(g, *from),
            "to": node_ref(g, *to),
            "paths": paths.iter().map(|p| p.iter().map(|&e| edge(g, e)).collect::<Vec<_>>()).collect::<Vec<_>>(),
        }),
    };
    to_string(&v)
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
    put("lasts", json!(w.lasts));
    put("note", json!(w.note));
    put("text", json!(super::window_text(w)));
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
    m.insert("sources".into(), sources(g, &edge.sources));
    m.insert("certainty".into(), json!(edge.certainty.as_str()));
    m.insert("negated".into(), json!(edge.negated));
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
/// spaces an indent), which is never built.
pub fn export(g: &Graph, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let article = json!({
        "title": g.article.title,
        "subject": g.id(g.subject),
        "sections": g.article.sections.iter().map(|s| json!({"id": s.id, "title": s.title, "paragraphs": s.paragraphs})).collect::<Vec<_>>(),
    });
    // A value pretty-printed, its lines after the first indented (JSON
    // strings hold no raw line breaks, so splitting on them is safe).
    let nested = |out: &mut dyn std::io::Write, v: &Value, indent: &str| -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(v).unwrap_or_default();
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
                out.write_all(indent.as_bytes())?;
            }
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    };
    let list = |out: &mut dyn std::io::Write, n: usize, item: &dyn Fn(usize) -> Value| -> std::io::Result<()> {
        if n == 0 {
            return out.write_all(b"[]");
        }
        out.write_all(b"[")?;
        for i in 0..n {
            out.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
            nested(out, &item(i), "    ")?;
        }
        out.write_all(b"\n  ]")
    };
    out.write_all(b"{\n  \"article\": ")?;
    nested(out, &article, "  ")?;
    let edges = g.export_order();
    out.write_all(b",\n  \"edges\": ")?;
    list(out, edges.len(), &|i| edge(g, edges[i]))?;
    let nodes = g.by_id_order();
    out.write_all(b",\n  \"nodes\": ")?;
    list(out, nodes.len(), &|i| node(g, nodes[i]))?;
    out.write_all(b"\n}\n")
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
    if let Some((yes, no)) = &a.verdict {
        m.insert("verdict".into(), json!(if a.is_empty() { "no" } else { "yes" }));
        m.insert("verdict_text".into(), json!(if a.is_empty() { no } else { yes }));
    }
    Value::Object(m)
}
