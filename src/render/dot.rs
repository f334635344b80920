//! DOT output of reports: the answer as a subgraph (the question's nodes,
//! the answers and the edges between them), a node's neighbourhood, or the
//! chains of a path.

use std::fmt::Write as _;

use crate::graph::{EIx, Graph, Ix};
use crate::report::Report;

/// DOT for a report, or `None` when the report has no graph to draw.
pub fn report(g: &Graph, report: &Report) -> Option<String> {
    let (title, focus, edges): (String, Vec<Ix>, Vec<EIx>) = match report {
        Report::Answer(a) => {
            let edges = a
                .items
                .iter()
                .flat_map(|i| i.support.iter().chain(i.warnings.iter().flat_map(|w| w.edges.iter())))
                .copied()
                .collect();
            let mut nodes: Vec<Ix> = a.focus.clone();
            nodes.extend(a.items.iter().flat_map(|i| i.values.iter().copied()));
            (a.interpretation.clone(), nodes, edges)
        }
        Report::Show { node } => {
            let edges = g
                .edges_at(*node, petgraph::Direction::Outgoing)
                .chain(g.edges_at(*node, petgraph::Direction::Incoming))
                .map(|(e, _)| e)
                .collect();
            (g.node(*node).name.clone(), vec![*node], edges)
        }
        Report::Paths { from, to, paths } => {
            (format!("{} to {}", g.node(*from).name, g.node(*to).name), vec![*from, *to], paths.concat())
        }
        _ => return None,
    };
    Some(plain(g, &title, &focus, &edges))
}

/// A plain DOT digraph of some nodes and edges.
fn plain(g: &Graph, title: &str, focus: &[Ix], edges: &[EIx]) -> String {
    let mut nodes: Vec<Ix> = focus.to_vec();
    let mut seen_edges: Vec<EIx> = Vec::new();
    for &e in edges {
        if !seen_edges.contains(&e) {
            seen_edges.push(e);
        }
        let (a, b) = g.ends(e);
        for n in [a, b] {
            if !nodes.contains(&n) {
                nodes.push(n);
            }
        }
    }
    let mut out = String::new();
    let _ =
        writeln!(out, "digraph kg {{\n  label={};\n  labelloc=t;\n  node [shape=box, style=rounded];", quote(title));
    for &n in &nodes {
        let node = g.node(n);
        let bold = if focus.contains(&n) { ", penwidth=2" } else { "" };
        let _ = writeln!(
            out,
            "  {} [label={}{bold}];",
            quote(&node.id),
            quote(&format!("{}\n({})", node.name, node.kind.label()))
        );
    }
    for &e in &seen_edges {
        let (a, b) = g.ends(e);
        let _ = writeln!(
            out,
            "  {} -> {} [label={}];",
            quote(&g.node(a).id),
            quote(&g.node(b).id),
            quote(&g.edge(e).relation.label())
        );
    }
    out.push_str("}\n");
    out
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
