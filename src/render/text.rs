//! Text output for people: grouped, aligned, every edge with its citation.

use std::fmt::Write as _;

use petgraph::Direction;

use super::{Style, pad, window_text};
use crate::graph::{EIx, Graph, Ix};
use crate::model::{Certainty, Kind, Relation};
use crate::report::Report;

pub fn render(report: &Report, g: &Graph, st: Style) -> String {
    let mut out = String::new();
    match report {
        Report::Checked { nodes, edges, citations, warnings } => {
            let _ = write!(out, "ok: {nodes} nodes, {edges} edges, {citations} citations");
            if *warnings > 0 {
                let _ = write!(out, " ({warnings} warning{})", if *warnings == 1 { "" } else { "s" });
            }
            out.push('\n');
        }
        Report::Stats => stats(&mut out, g, st),
        Report::List { nodes, .. } => {
            let w = nodes.iter().map(|&ix| g.node(ix).name.chars().count()).max().unwrap_or(0);
            let kw = nodes.iter().map(|&ix| g.node(ix).kind.label().len()).max().unwrap_or(0);
            for &ix in nodes {
                let n = g.node(ix);
                let _ = writeln!(
                    out,
                    "{}  {}  {}",
                    st.kind(n.kind, &pad(&n.name, w)),
                    st.dim(&pad(n.kind.label(), kw)),
                    st.dim(&n.id)
                );
            }
        }
        Report::Kinds => {
            for &k in Kind::ALL {
                let _ = writeln!(out, "{}  {}", st.kind(k, &pad(k.as_str(), 12)), k.describe());
            }
        }
        Report::Relations => {
            for &r in Relation::ALL {
                let (d, rg) = r.domain_range();
                let list = |ks: &[Kind]| {
                    if ks.len() == Kind::ALL.len() {
                        "any".to_string()
                    } else {
                        ks.iter().map(|k| k.as_str()).collect::<Vec<_>>().join("|")
                    }
                };
                let _ = writeln!(out, "{}  {}", st.bold(&pad(r.as_str(), 16)), r.describe());
                let _ = writeln!(out, "{}  {}", pad("", 16), st.dim(&format!("{} -> {}", list(d), list(rg))));
            }
        }
        Report::Show { node } => show(&mut out, g, *node, st),
    }
    out
}

/// Citations of an edge: "Ice pack ¶1; Important warnings during spasm treatment ¶2".
pub fn cites(g: &Graph, e: EIx) -> String {
    g.edge(e).sources.iter().map(|&s| g.cite(s)).collect::<Vec<_>>().join("; ")
}

/// Timing, certainty and note of an edge, in words; empty when it has none.
pub fn qualifiers(g: &Graph, e: EIx) -> Vec<String> {
    let edge = g.edge(e);
    let mut q = Vec::new();
    if let Some(w) = &edge.when {
        q.push(format!("when: {}", window_text(w)));
    }
    match edge.certainty {
        Certainty::Stated => {}
        Certainty::Hedged => q.push("hedged: the article qualifies this claim".into()),
        Certainty::Doubtful => q.push("doubtful: the article asserts this without support".into()),
    }
    if let Some(n) = &edge.note {
        q.push(format!("note: {n}"));
    }
    q
}

fn show(out: &mut String, g: &Graph, ix: Ix, st: Style) {
    let n = g.node(ix);
    let _ = writeln!(
        out,
        "{} {}",
        st.bold(&st.kind(n.kind, &n.name)),
        st.dim(&format!("({}, id {})", n.kind.label(), n.id))
    );
    if !n.aliases.is_empty() {
        let _ = writeln!(out, "{}", st.dim(&format!("also called: {}", n.aliases.join(", "))));
    }
    let _ = writeln!(out, "{}", n.summary);
    let mut rows: Vec<(String, Ix, EIx)> = Vec::new();
    for dir in [Direction::Outgoing, Direction::Incoming] {
        let mut list: Vec<(EIx, Ix)> = g.edges_at(ix, dir).collect();
        list.sort_by_key(|&(e, other)| (g.edge(e).relation, g.node(other).name.clone()));
        for (e, other) in list {
            let rel = g.edge(e).relation;
            let label = if dir == Direction::Outgoing { rel.label() } else { rel.inverse_label().to_string() };
            rows.push((label, other, e));
        }
    }
    if rows.is_empty() {
        return;
    }
    let lw = rows.iter().map(|(l, _, _)| l.chars().count()).max().unwrap_or(0);
    let nw = rows.iter().map(|(_, o, _)| g.node(*o).name.chars().count()).max().unwrap_or(0).min(40);
    let mut last = String::new();
    out.push('\n');
    for (label, other, e) in &rows {
        let shown_label = if *label == last { pad("", lw) } else { pad(label, lw) };
        last = label.clone();
        let o = g.node(*other);
        let _ = writeln!(
            out,
            "  {}  {}  {}",
            st.bold(&shown_label),
            st.kind(o.kind, &pad(&o.name, nw)),
            st.dim(&cites(g, *e))
        );
        for q in qualifiers(g, *e) {
            let _ = writeln!(out, "  {}  {}  {}", pad("", lw), pad("", nw), st.dim(&q));
        }
    }
}

/// Paragraphs cited by at least one edge, and paragraphs in all.
pub fn paragraph_coverage(g: &Graph) -> (usize, usize) {
    let mut cited = std::collections::HashSet::new();
    for e in g.edges() {
        for s in &g.edge(e).sources {
            cited.insert(*s);
        }
    }
    let total = g.article.sections.iter().map(|s| s.paragraphs as usize).sum();
    (cited.len(), total)
}

fn stats(out: &mut String, g: &Graph, st: Style) {
    let (cited, total) = paragraph_coverage(g);
    let _ = writeln!(out, "{}", st.bold(&g.article.title));
    let _ = writeln!(out, "  nodes       {}", g.node_count());
    let _ = writeln!(out, "  edges       {}", g.edge_count());
    let _ = writeln!(out, "  citations   {}", g.citation_count());
    let _ = writeln!(out, "  sections    {}", g.article.sections.len());
    let _ = writeln!(out, "  paragraphs  {cited} of {total} cited");
    let _ = writeln!(out, "\n{}", st.bold("nodes by kind"));
    for &k in Kind::ALL {
        let c = g.nodes().filter(|&ix| g.node(ix).kind == k).count();
        if c > 0 {
            let _ = writeln!(out, "  {}  {c:>4}", st.kind(k, &pad(k.as_str(), 16)));
        }
    }
    let _ = writeln!(out, "\n{}", st.bold("edges by relation"));
    for &r in Relation::ALL {
        let c = g.edges().filter(|&e| g.edge(e).relation == r).count();
        if c > 0 {
            let _ = writeln!(out, "  {}  {c:>4}", pad(r.as_str(), 16));
        }
    }
}
