//! Text output for people: grouped, aligned, every edge with its citation.

use std::fmt::Write as _;

use petgraph::Direction;

use super::{Style, pad};
use crate::answer::{Answer, Item, Warning};
use crate::graph::{EIx, Graph, Ix};
use crate::model::{Certainty, Kind, Relation, Source};
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
            let kw = nodes.iter().map(|&ix| g.node(ix).kind.label().len()).max().unwrap_or(0);
            let idw = nodes.iter().map(|&ix| g.node(ix).id.chars().count()).max().unwrap_or(0);
            // On a narrow terminal the name column gives way, so the kind
            // and the id still fit beside it; a longer name takes its own line.
            let room = st.width.map_or(NAME_COLUMN, |w| w.saturating_sub(kw + idw + 4).max(MIN_NAME_COLUMN));
            let w =
                nodes.iter().map(|&ix| g.node(ix).name.chars().count()).max().unwrap_or(0).min(NAME_COLUMN).min(room);
            for &ix in nodes {
                let n = g.node(ix);
                let cells = [
                    cell(n.name, |t| st.kind(n.kind, t)),
                    cell(n.kind.label(), |t| st.dim(t)),
                    cell(n.id, |t| st.dim(t)),
                ];
                row(&mut out, 0, &cells, &[w, kw]);
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
        Report::Answer(a) => answer(&mut out, g, a, st),
        Report::Paths { from, to, paths } => connections(&mut out, g, *from, *to, paths, st),
        Report::Chains { from, to, paths } => {
            connections(&mut out, g, *from, *to, paths, st);
            // The mechanism in words: what the article says of each thing
            // the chains pass through.
            let mut seen = vec![*from, *to];
            out.push('\n');
            for &e in paths.iter().flatten() {
                let (a, b) = g.ends(e);
                for n in [a, b] {
                    if !seen.contains(&n) {
                        seen.push(n);
                        let node = g.node(n);
                        let _ = writeln!(out, "{}", st.dim(&format!("about {}: {}", node.name, node.summary)));
                    }
                }
            }
        }
        Report::NotCovered(nc) => {
            let words: Vec<String> = nc.words.iter().map(|w| format!("\"{w}\"")).collect();
            let _ = writeln!(
                out,
                "{}",
                st.bold(&format!("The article does not cover this: it says nothing about {}.", words.join(", ")))
            );
            if let Some((meaning, question)) = &nc.nearest {
                let _ = writeln!(out, "Nearest it does cover: {meaning} (try: kg ask \"{question}\")");
            }
        }
        Report::Undescribed { node } => {
            let n = g.node(*node);
            let text = if n.lay {
                format!("The article does not name {}. How it reaches what the article does name:", n.name)
            } else {
                format!("The article does not say what {} is; it only names it. What it says about it:", n.name)
            };
            let _ = writeln!(out, "{}\n", st.bold(&text));
            show(&mut out, g, *node, st);
        }
        Report::Question { report, .. } => out.push_str(&render(report, g, st)),
        Report::Several(parts) => {
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                out.push_str(&render(p, g, st));
            }
        }
    }
    match st.width {
        Some(w) => super::wrap::wrap(&out, w),
        None => out,
    }
}

/// The widest a name column grows; a longer name takes a line of its own.
const NAME_COLUMN: usize = 36;

/// The narrowest a name column shrinks to on a narrow terminal.
const MIN_NAME_COLUMN: usize = 12;

/// Writes a row of cells, each `(painted text, display width)`, starting at
/// column `lead`; every cell but the last is padded to its column's width.
/// A cell wider than its column ends the line and the row goes on below at
/// the next column, so every column stays aligned whatever the name length.
fn row(out: &mut String, lead: usize, cells: &[(String, usize)], widths: &[usize]) {
    let mut line = " ".repeat(lead);
    let mut col = lead;
    let mut target = lead;
    for (i, (text, w)) in cells.iter().enumerate() {
        // The cell before overflowed its column (two spaces always part cells).
        if i > 0 && col + 2 > target {
            out.push_str(line.trim_end());
            out.push('\n');
            line = " ".repeat(target);
        } else {
            line.push_str(&" ".repeat(target - col));
        }
        line.push_str(text);
        col = target + w;
        target += widths.get(i).copied().unwrap_or(0) + 2;
    }
    out.push_str(line.trim_end_matches(' '));
    out.push('\n');
}

/// A cell: painted text and its width before painting.
fn cell(text: &str, paint: impl FnOnce(&str) -> String) -> (String, usize) {
    (paint(text), super::wrap::width_of(text))
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn answer(out: &mut String, g: &Graph, a: &Answer, st: Style) {
    if let Some(v) = &a.verdict
        && !a.vars.is_empty()
    {
        // A yes/no question answered by a list: the verdict, then the list.
        let _ = writeln!(out, "{}", st.bold(&v.text));
        if a.items.is_empty() {
            return;
        }
    } else if let Some(v) = &a.verdict {
        let _ = writeln!(out, "{}", st.bold(&v.text));
        if !a.items.is_empty() && v.claim == crate::answer::Claim::Absent {
            let _ = writeln!(out, "What the article does say:");
        }
        let mut said: Vec<EIx> = Vec::new();
        for item in &a.items {
            for &e in &item.support {
                if !said.contains(&e) {
                    edge_line(out, g, e, st);
                    said.push(e);
                }
            }
        }
        for &ix in &a.about {
            let n = g.node(ix);
            let _ = writeln!(out, "{}", st.dim(&format!("about {}: {}", n.name, n.summary)));
        }
        return;
    }
    if a.is_empty() {
        let _ = match a.template {
            Some(_) => writeln!(out, "No answer: the article says nothing about {}.", a.interpretation),
            None => writeln!(out, "No answer: nothing in the graph matches `{}`.", a.query),
        };
        return;
    }
    let n = a.items.len();
    let _ = writeln!(
        out,
        "{}",
        st.bold(&format!("{} ({n} answer{})", capitalized(&a.interpretation), if n == 1 { "" } else { "s" }))
    );
    for &ix in &a.about {
        let node = g.node(ix);
        let _ = writeln!(out, "{}", st.dim(&format!("about {}: {}", node.name, node.summary)));
    }
    if a.vars.len() != 1 {
        table(out, g, a, st);
        return;
    }
    let nw = a.items.iter().map(|i| g.node(i.values[0]).name.chars().count()).max().unwrap_or(0).min(NAME_COLUMN);
    let kw = a.items.iter().map(|i| g.node(i.values[0]).kind.label().len()).max().unwrap_or(0);
    let indent = 2 + nw + 2 + kw + 2;
    // Grouped by relation, a denied one apart ("not risks").
    type Key = (Option<Relation>, bool);
    let mut groups: Vec<(Key, Vec<&Item>)> = Vec::new();
    for item in &a.items {
        let key = (item.relation(g), item.denied(g));
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(item),
            None => groups.push((key, vec![item])),
        }
    }
    groups.sort_by_key(|(k, _)| *k);
    for ((rel, denied), items) in groups {
        let label = rel.map_or_else(|| "answers".to_string(), |r| r.label());
        let label = if denied { format!("not {label} (the article says it does not)") } else { label };
        let _ = writeln!(out, "\n{}", st.bold(&label));
        for item in items {
            let node = g.node(item.values[0]);
            // An answer found by kind alone has no edge to cite: say what it is instead.
            let cites =
                if item.support.is_empty() { node.summary.to_string() } else { cited(g, &item.support).join("; ") };
            let cells = [
                cell(node.name, |t| st.kind(node.kind, t)),
                cell(node.kind.label(), |t| st.dim(t)),
                cell(&cites, |t| st.dim(t)),
            ];
            row(out, 2, &cells, &[nw, kw]);
            let pad_to = " ".repeat(indent);
            // A chain's steps often share a qualifier: say each once.
            let mut said: Vec<String> = Vec::new();
            for &e in &item.support {
                for q in qualifiers(g, e) {
                    if !said.contains(&q) {
                        let _ = writeln!(out, "{pad_to}{}", st.dim(&q));
                        said.push(q);
                    }
                }
            }
            let via = item.via(g, &a.focus);
            if !via.is_empty() && item.support.len() > 1 {
                let chain: Vec<String> = item.support.iter().map(|&e| step_text(g, e)).collect();
                let _ = writeln!(out, "{pad_to}{}", st.dim(&format!("path: {}", chain.join("; "))));
            }
            for w in &item.warnings {
                let _ = writeln!(out, "{pad_to}{}", st.paint("33", &warning_text(g, w)));
            }
        }
    }
}

/// "⚠ avoid drinking alcohol (given for medication): risks unpredictable reaction [Important warnings ¶3]"
pub fn warning_text(g: &Graph, w: &Warning) -> String {
    let mut s = match w.relation {
        Relation::AvoidWhile => format!("warning: avoid {}", g.node(w.node).name),
        _ => format!("warning: risks {}", g.node(w.node).name),
    };
    if let Some(c) = w.via {
        s.push_str(&format!(" (said of {})", g.node(c).name));
    }
    if !w.harms.is_empty() {
        let harms: Vec<&str> = w.harms.iter().map(|&h| g.node(h).name).collect();
        s.push_str(&format!(", which risks {}", harms.join(", ")));
    }
    // The warning's own note, not one of the `is_a` steps that carried it here.
    let notes: Vec<&str> =
        w.edges.iter().filter(|&&e| g.relation(e) != Relation::IsA).filter_map(|&e| g.edge(e).note).collect();
    if let Some(n) = notes.first() {
        s.push_str(&format!(": {n}"));
    }
    s.push_str(&format!(" [{}]", cited(g, &w.edges).join("; ")));
    s
}

/// Distinct citations of some edges, in order.
pub fn cited(g: &Graph, edges: &[EIx]) -> Vec<String> {
    grouped(g, edges.iter().flat_map(|&e| g.edge(e).sources.iter().copied()))
}

/// Citations grouped by section, sections in the order first cited:
/// "Ice pack ¶1, ¶2", "Important warnings during spasm treatment ¶3".
fn grouped(g: &Graph, sources: impl Iterator<Item = Source>) -> Vec<String> {
    let mut sections: Vec<(u16, Vec<u16>)> = Vec::new();
    for s in sources {
        match sections.iter_mut().find(|(sec, _)| *sec == s.section) {
            Some((_, ps)) if ps.contains(&s.paragraph) => {}
            Some((_, ps)) => ps.push(s.paragraph),
            None => sections.push((s.section, vec![s.paragraph])),
        }
    }
    sections
        .into_iter()
        .map(|(sec, mut ps)| {
            ps.sort_unstable();
            let title = &g.article.sections[sec as usize].title;
            let paras: Vec<String> = ps.iter().map(|p| format!("¶{p}")).collect();
            format!("{title} {}", paras.join(", "))
        })
        .collect()
}

/// "sweating causes electrolyte imbalance"; a denied claim reads "does
/// not", and a lay word says the article does not name it.
pub fn step_text(g: &Graph, e: EIx) -> String {
    let (a, b) = g.ends(e);
    let edge = g.edge(e);
    let phrase = if edge.negated { edge.relation.negated_phrase() } else { edge.relation.phrase().to_string() };
    let lay = |ix: Ix| if g.node(ix).lay { " (not named in the article)" } else { "" };
    format!("{}{} {phrase} {}{}", g.node(a).name, lay(a), g.node(b).name, lay(b))
}

fn edge_line(out: &mut String, g: &Graph, e: EIx, st: Style) {
    let _ = writeln!(out, "  {}  {}", step_text(g, e), st.dim(&format!("[{}]", cites(g, e))));
    for q in qualifiers(g, e) {
        let _ = writeln!(out, "    {}", st.dim(&q));
    }
}

/// A column's header in words: the variable's name, `_` read as a space
/// (`?avoid_while` heads its column "avoid while").
fn header_words(var: &str) -> String {
    var.trim_start_matches('?').replace('_', " ")
}

fn table(out: &mut String, g: &Graph, a: &Answer, st: Style) {
    let headers: Vec<String> = a.vars.iter().map(|v| header_words(v)).collect();
    let widths: Vec<usize> = (0..a.vars.len())
        .map(|i| {
            a.items
                .iter()
                .filter_map(|it| it.values.get(i))
                .map(|&ix| g.node(ix).name.chars().count())
                .max()
                .unwrap_or(0)
                .max(headers[i].chars().count())
                .min(NAME_COLUMN)
        })
        .collect();
    if !headers.is_empty() {
        out.push('\n');
        let cells: Vec<(String, usize)> = headers.iter().map(|h| cell(h, |t| st.bold(t))).collect();
        row(out, 2, &cells, &widths);
    }
    for item in &a.items {
        if item.values.is_empty() {
            // A pattern without variables holds or not: say so, with its support.
            let _ = writeln!(out, "  yes  {}", st.dim(&cited(g, &item.support).join("; ")));
            continue;
        }
        let mut cells: Vec<(String, usize)> =
            item.values.iter().map(|&ix| cell(g.node(ix).name, |t| st.kind(g.node(ix).kind, t))).collect();
        cells.push(cell(&cited(g, &item.support).join("; "), |t| st.dim(t)));
        row(out, 2, &cells, &widths);
    }
}

fn connections(out: &mut String, g: &Graph, from: Ix, to: Ix, paths: &[Vec<EIx>], st: Style) {
    let (a, b) = (&g.node(from).name, &g.node(to).name);
    if paths.is_empty() {
        let _ = writeln!(out, "No connection: the article links nothing from {a} to {b}.");
        return;
    }
    let steps = paths[0].len();
    let _ = writeln!(
        out,
        "{}",
        st.bold(&format!(
            "How {a} connects to {b}: {} shortest chain{} of {steps} step{}",
            paths.len(),
            if paths.len() == 1 { "" } else { "s" },
            if steps == 1 { "" } else { "s" }
        ))
    );
    for (i, p) in paths.iter().enumerate() {
        let _ = writeln!(out, "\n{}", st.bold(&format!("{}.", i + 1)));
        for &e in p {
            edge_line(out, g, e, st);
        }
    }
}

/// Citations of an edge: "Ice pack ¶1; Important warnings during spasm treatment ¶2".
pub fn cites(g: &Graph, e: EIx) -> String {
    if g.edge(e).sources.is_empty() {
        return "(a lay word: not in the article)".into();
    }
    grouped(g, g.edge(e).sources.iter().copied()).join("; ")
}

/// Timing, certainty and note of an edge, in words; empty when it has none.
pub fn qualifiers(g: &Graph, e: EIx) -> Vec<String> {
    let edge = g.edge(e);
    let mut q = Vec::new();
    if let Some(w) = &edge.when {
        q.push(format!("when: {}", w.text()));
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
        st.bold(&st.kind(n.kind, n.name)),
        st.dim(&format!(
            "({}, id {}{})",
            n.kind.label(),
            n.id,
            if n.lay { "; a lay word, not named in the article" } else { "" }
        ))
    );
    if !n.aliases.is_empty() {
        let _ = writeln!(out, "{}", st.dim(&format!("also called: {}", n.aliases.join(", "))));
    }
    let _ = writeln!(out, "{}", n.summary);
    let mut rows: Vec<(String, Ix, EIx)> = Vec::new();
    for dir in [Direction::Outgoing, Direction::Incoming] {
        let mut list: Vec<(EIx, Ix)> = g.edges_at(ix, dir).collect();
        list.sort_by_key(|&(e, other)| (g.relation(e), g.name(other)));
        for (e, other) in list {
            let rel = g.edge(e).relation;
            let mut label = if dir == Direction::Outgoing { rel.label() } else { rel.inverse_label().to_string() };
            if g.edge(e).negated {
                label = format!("not {label}");
            }
            rows.push((label, other, e));
        }
    }
    if rows.is_empty() {
        return;
    }
    let lw = rows.iter().map(|(l, _, _)| l.chars().count()).max().unwrap_or(0);
    let nw = rows.iter().map(|(_, o, _)| g.node(*o).name.chars().count()).max().unwrap_or(0).min(NAME_COLUMN + 4);
    let mut last = String::new();
    out.push('\n');
    for (label, other, e) in &rows {
        let shown_label = if *label == last { pad("", lw) } else { pad(label, lw) };
        last = label.clone();
        let o = g.node(*other);
        let cells = [
            cell(&shown_label, |t| st.bold(t)),
            cell(o.name, |t| st.kind(o.kind, t)),
            cell(&cites(g, *e), |t| st.dim(t)),
        ];
        row(out, 2, &cells, &[lw, nw]);
        for q in qualifiers(g, *e) {
            let _ = writeln!(out, "  {}  {}  {}", pad("", lw), pad("", nw), st.dim(&q));
        }
    }
}

/// Paragraphs cited by at least one edge, and paragraphs in all.
pub fn paragraph_coverage(g: &Graph) -> (usize, usize) {
    let mut cited = std::collections::HashSet::new();
    for e in g.edges() {
        for s in g.edge(e).sources {
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
