//! GraphML export, for networkx, Gephi, yEd, Cytoscape and Neo4j's
//! `apoc.import.graphml`.
//!
//! Node ids are the graph's ids. Node data: `name`, `kind`, `aliases`
//! (joined with `; `), `summary`, `labels` (`:Kind`, for Neo4j), `lay`. Edge
//! ids are `from--relation--to` (with `#2`, `#3` for repeats); edge data:
//! `relation` (also as `label`, Neo4j's relationship type), `sources`
//! (`section:paragraph;...`), `certainty`, and when present `degree`
//! (`slight` or `severe`), `negated`
//! (`true`: the article denies the claim; its `label` is then
//! `not_<relation>`), `when` (in words) and `note`. A lay word's node has
//! `lay` = `true`.

use std::fmt::Write as _;
use std::io::Write;

use super::{sorted_edges, sorted_nodes};
use crate::graph::Graph;

/// The data keys of nodes and of edges; each key's id is its name.
const NODE_KEYS: &[&str] = &["name", "kind", "aliases", "summary", "labels", "lay"];
const EDGE_KEYS: &[&str] = &["relation", "label", "sources", "certainty", "degree", "negated", "when", "note"];

/// Text for XML content and attribute values: `& < > " '` as entities, tab
/// and line breaks as character references, DEL and the C1 controls (which
/// XML 1.0 allows, but which are easily lost or mangled raw) as character
/// references too, and the only characters XML 1.0 cannot hold at all (the
/// other C0 controls, U+FFFE and U+FFFF) dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // As character references, so parsers keep them as written
            // (they normalize a raw CR, and raw whitespace in attributes).
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{7f}'..='\u{9f}' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

fn data(out: &mut dyn Write, key: &str, value: &str) -> std::io::Result<()> {
    writeln!(out, "      <data key=\"{}\">{}</data>", escape(key), escape(value))
}

/// The graph as GraphML, streamed in one pass.
pub fn graphml(g: &Graph, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    out.write_all(
        b"<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    )?;
    for (domain, keys) in [("node", NODE_KEYS), ("edge", EDGE_KEYS)] {
        for key in keys {
            writeln!(
                out,
                "  <key id=\"{k}\" for=\"{domain}\" attr.name=\"{k}\" attr.type=\"string\"/>",
                k = escape(key)
            )?;
        }
    }
    writeln!(out, "  <graph id=\"kg\" edgedefault=\"directed\">")?;
    writeln!(out, "    <desc>{}</desc>", escape(&g.article.title))?;
    for &ix in sorted_nodes(g) {
        let n = g.node(ix);
        writeln!(out, "    <node id=\"{}\">", escape(n.id))?;
        data(out, "name", n.name)?;
        data(out, "kind", n.kind.as_str())?;
        data(out, "aliases", &n.aliases.join("; "))?;
        data(out, "summary", n.summary)?;
        data(out, "labels", &format!(":{}", super::rdf::kind_name(n.kind)))?;
        if n.lay {
            data(out, "lay", "true")?;
        }
        out.write_all(b"    </node>\n")?;
    }
    // Edges come sorted by (from, relation, to), so repeats of one id are
    // neighbours: count them against the previous edge only.
    let mut prev: Option<(String, usize)> = None;
    for &e in sorted_edges(g) {
        let (a, b) = g.ends(e);
        let edge = g.edge(e);
        // A denied claim's type is `not_<relation>`, so a query for the
        // relation never matches it.
        let label = if edge.negated { format!("not_{}", edge.relation) } else { edge.relation.as_str().to_string() };
        let base = format!("{}--{label}--{}", g.id(a), g.id(b));
        // Edges come sorted by (from, relation, to), so repeats of one id
        // are neighbours: count them against the previous edge only.
        let count = match &prev {
            Some((p, c)) if *p == base => c + 1,
            _ => 1,
        };
        let id = if count == 1 { base.clone() } else { format!("{base}#{count}") };
        prev = Some((base, count));
        writeln!(
            out,
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\">",
            escape(&id),
            escape(g.id(a)),
            escape(g.id(b))
        )?;
        data(out, "relation", edge.relation.as_str())?;
        data(out, "label", &label)?;
        let sources: Vec<String> =
            edge.sources.iter().map(|&s| format!("{}:{}", g.section(s).id, s.paragraph)).collect();
        data(out, "sources", &sources.join(";"))?;
        data(out, "certainty", edge.certainty.as_str())?;
        if edge.degree != crate::model::Degree::Plain {
            data(out, "degree", edge.degree.as_str())?;
        }
        if edge.negated {
            data(out, "negated", "true")?;
        }
        if let Some(w) = &edge.when {
            data(out, "when", &w.text())?;
        }
        if let Some(n) = edge.note {
            data(out, "note", n)?;
        }
        out.write_all(b"    </edge>\n")?;
    }
    out.write_all(b"  </graph>\n</graphml>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_is_escaped() {
        assert_eq!(escape("a & b <c> \"d\" 'e'\u{0}"), "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;");
        assert_eq!(escape("Rücken ¶"), "Rücken ¶");
        assert_eq!(escape("a\r\nb\tc"), "a&#13;&#10;b&#9;c");
        assert_eq!(escape("del\u{7f} nel\u{85} csi\u{9b}\u{1}"), "del&#127; nel&#133; csi&#155;");
    }

    #[test]
    fn every_node_and_edge_is_written_once() {
        let g = crate::bundled::graph().expect("bundled graph");
        let xml = super::super::rdf::to_string(|w| graphml(&g, w));
        assert_eq!(xml.matches("<node id=").count(), g.node_count());
        assert_eq!(xml.matches("<edge id=").count(), g.edge_count());
        assert_eq!(xml, super::super::rdf::to_string(|w| graphml(&g, w)));
    }
}
