//! Tab-separated output: one record a line, no header, for `cut` and `awk`.
//! Fields never hold tabs or newlines (they are replaced by spaces).

use std::fmt::Write as _;

use petgraph::Direction;

use crate::graph::{EIx, Graph};
use crate::model::{Kind, Relation};
use crate::report::Report;

/// A field with tabs and line breaks made spaces.
pub fn field(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// Citations as `section:paragraph` joined by commas: "ice-pack:1,warnings:2".
pub fn cites(g: &Graph, e: EIx) -> String {
    g.edge(e).sources.iter().map(|&s| format!("{}:{}", g.section(s).id, s.paragraph)).collect::<Vec<_>>().join(",")
}

pub fn render(report: &Report, g: &Graph) -> String {
    let mut out = String::new();
    match report {
        Report::Checked { nodes, edges, citations, warnings } => {
            let _ = writeln!(out, "ok\t{nodes}\t{edges}\t{citations}\t{warnings}");
        }
        Report::Stats => {
            let _ = writeln!(out, "nodes\t{}", g.node_count());
            let _ = writeln!(out, "edges\t{}", g.edge_count());
            let _ = writeln!(out, "citations\t{}", g.citation_count());
            for &k in Kind::ALL {
                let _ = writeln!(out, "kind:{k}\t{}", g.nodes().filter(|&ix| g.node(ix).kind == k).count());
            }
            for &r in Relation::ALL {
                let _ = writeln!(out, "relation:{r}\t{}", g.edges().filter(|&e| g.edge(e).relation == r).count());
            }
        }
        Report::List { nodes, .. } => {
            for &ix in nodes {
                let n = g.node(ix);
                let _ = writeln!(out, "{}\t{}\t{}", n.id, field(n.name), n.kind);
            }
        }
        Report::Kinds => {
            for &k in Kind::ALL {
                let _ = writeln!(out, "{k}\t{}", k.describe());
            }
        }
        Report::Relations => {
            for &r in Relation::ALL {
                let _ = writeln!(out, "{r}\t{}", r.describe());
            }
        }
        Report::Answer(a) if a.verdict.is_some() && a.vars.is_empty() => {
            // A yes/no question: one line, the verdict as asked, what the
            // article says of the claim, and the claims' sources.
            let v = a.verdict.as_ref().map_or(("", ""), |v| (v.reply.map_or("-", |r| r.as_str()), v.claim.as_str()));
            let mut all: Vec<String> = Vec::new();
            for it in &a.items {
                for &e in &it.support {
                    for c in cites(g, e).split(',') {
                        if !c.is_empty() && !all.iter().any(|x| x == c) {
                            all.push(c.to_string());
                        }
                    }
                }
            }
            let _ = writeln!(out, "{}\t{}\t{}", v.0, v.1, all.join(","));
        }
        Report::Answer(a) => {
            for it in &a.items {
                let ids: Vec<&str> = it.values.iter().map(|&ix| g.node(ix).id).collect();
                let mut all: Vec<String> = Vec::new();
                for &e in &it.support {
                    for c in cites(g, e).split(',') {
                        if !c.is_empty() && !all.iter().any(|x| x == c) {
                            all.push(c.to_string());
                        }
                    }
                }
                let when = it.support.iter().find_map(|&e| g.edge(e).when).map(|w| w.text()).unwrap_or_default();
                if a.vars.is_empty() {
                    let _ = writeln!(out, "yes\t{}", all.join(","));
                } else if a.vars.len() > 1 {
                    let _ = writeln!(out, "{}\t{}", ids.join("\t"), all.join(","));
                } else {
                    let n = g.node(it.values[0]);
                    let rel = it.relation(g).map_or("", |r| r.as_str());
                    let _ = writeln!(
                        out,
                        "{}\t{}\t{}\t{rel}\t{}\t{}",
                        n.id,
                        field(n.name),
                        n.kind,
                        all.join(","),
                        field(&when)
                    );
                }
            }
        }
        Report::Paths { paths, .. } | Report::Chains { paths, .. } => {
            for (i, p) in paths.iter().enumerate() {
                for &e in p {
                    let (a, b) = g.ends(e);
                    let _ = writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}",
                        i + 1,
                        g.node(a).id,
                        relation_token(g, e),
                        g.node(b).id,
                        cites(g, e)
                    );
                }
            }
        }
        Report::Show { node } => {
            for (dir, word) in [(Direction::Outgoing, "out"), (Direction::Incoming, "in")] {
                // Newest edge first, the order this listing has always had.
                let mut list: Vec<_> = g.edges_at(*node, dir).collect();
                list.sort_by_key(|&(e, _)| std::cmp::Reverse(e));
                for (e, other) in list {
                    let o = g.node(other);
                    let _ =
                        writeln!(out, "{word}\t{}\t{}\t{}\t{}", relation_token(g, e), o.id, field(o.name), cites(g, e));
                }
            }
        }
        Report::Undescribed { node } => out.push_str(&render(&Report::Show { node: *node }, g)),
        Report::NotCovered(nc) => {
            let nearest = nc.nearest.as_ref().map_or("", |(_, q)| q.as_str());
            let _ = writeln!(out, "not-covered\t{}\t{}", field(&nc.words.join(",")), field(nearest));
        }
        Report::Several(parts) => {
            for p in parts {
                out.push_str(&render(p, g));
            }
        }
        Report::Question { report, .. } => out.push_str(&render(report, g)),
    }
    out
}

/// The relation as the query language writes it: `!causes` for a claim
/// the article denies.
fn relation_token(g: &Graph, e: crate::graph::EIx) -> String {
    let edge = g.edge(e);
    if edge.negated { format!("!{}", edge.relation) } else { edge.relation.to_string() }
}
