//! Graphviz DOT: the whole graph or a part of it, styled so kinds and
//! relations tell apart at a glance, with a legend.
//!
//! Every string goes through one function, [`quote`], so names, summaries,
//! titles and notes cannot break the file. Output is deterministic: nodes
//! sorted by id, edges by (from id, relation, to id), so diagrams diff well.
//!
//! Node ids in the DOT are the graph's own node ids, quoted; the legend's
//! ids start with `legend:`, which no node id (kebab-case) can.

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::fmt::Write as _;

use crate::graph::{EIx, Graph, Ix};
use crate::model::{Certainty, Kind, Relation};
use crate::report::Report;

/// Which way the diagram flows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum RankDir {
    /// Left to right
    #[default]
    #[value(name = "LR", alias = "lr")]
    Lr,
    /// Top to bottom
    #[value(name = "TB", alias = "tb")]
    Tb,
    /// Right to left
    #[value(name = "RL", alias = "rl")]
    Rl,
    /// Bottom to top
    #[value(name = "BT", alias = "bt")]
    Bt,
}

impl RankDir {
    pub fn as_str(self) -> &'static str {
        match self {
            RankDir::Lr => "LR",
            RankDir::Tb => "TB",
            RankDir::Rl => "RL",
            RankDir::Bt => "BT",
        }
    }
}

/// What to draw and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// Draw only these nodes and their neighbourhood (all nodes when empty).
    pub focus: Vec<Ix>,
    /// How many edges away from a focus node to go, either direction.
    pub depth: usize,
    /// Only nodes of these kinds (all when empty); focus nodes always stay.
    pub kinds: Vec<Kind>,
    /// Only edges of these relations (all when empty); nodes left with no
    /// edge are dropped, focus nodes excepted.
    pub relations: Vec<Relation>,
    /// Group nodes into one `cluster_<kind>` subgraph per kind.
    pub clusters: bool,
    pub rankdir: RankDir,
    /// Draw the legend of kinds and relations present.
    pub legend: bool,
    /// The diagram's title; the article's title when `None`.
    pub title: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            focus: Vec::new(),
            depth: 1,
            kinds: Vec::new(),
            relations: Vec::new(),
            clusters: false,
            rankdir: RankDir::Lr,
            legend: true,
            title: None,
        }
    }
}

/// How strongly a node is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Plain,
    /// An answer: bold outline.
    Answer,
    /// What the question is about: bold and filled with the kind's colour.
    Focus,
}

/// Shape, line colour and fill colour of a kind.
pub fn kind_style(kind: Kind) -> (&'static str, &'static str, &'static str) {
    match kind {
        Kind::Condition => ("doubleoctagon", "#c62828", "#ffcdd2"),
        Kind::Symptom => ("ellipse", "#ef6c00", "#ffe0b2"),
        Kind::Harm => ("trapezium", "#ad1457", "#f8bbd0"),
        Kind::Mechanism => ("hexagon", "#6a1b9a", "#e1bee7"),
        Kind::Factor => ("parallelogram", "#6d4c41", "#d7ccc8"),
        Kind::Behaviour => ("cds", "#f9a825", "#fff9c4"),
        Kind::Treatment => ("box3d", "#2e7d32", "#c8e6c9"),
        Kind::Procedure => ("component", "#00695c", "#b2dfdb"),
        Kind::HomeRemedy => ("tab", "#558b2f", "#dcedc8"),
        Kind::Exercise => ("invtrapezium", "#00838f", "#b2ebf2"),
        Kind::Medication => ("box", "#1565c0", "#bbdefb"),
        Kind::Food => ("cylinder", "#33691e", "#f0f4c3"),
        Kind::Nutrient => ("circle", "#827717", "#e6ee9c"),
        Kind::BodyPart => ("egg", "#455a64", "#cfd8dc"),
        Kind::RedFlag => ("octagon", "#d50000", "#ff8a80"),
        Kind::Specialist => ("house", "#283593", "#c5cae9"),
    }
}

/// Line style, colour and width of a relation.
pub fn relation_style(rel: Relation) -> (&'static str, &'static str, f32) {
    use Relation::*;
    match rel {
        IsA => ("solid", "#757575", 1.0),
        PartOf => ("solid", "#90a4ae", 1.0),
        Causes => ("solid", "#c62828", 1.5),
        Presents => ("solid", "#ef6c00", 1.0),
        LocatedIn => ("dashed", "#607d8b", 1.0),
        RadiatesTo => ("dashed", "#ef6c00", 1.0),
        Affects => ("dashed", "#c62828", 1.0),
        Benefits => ("dashed", "#2e7d32", 1.0),
        Treats => ("bold", "#2e7d32", 2.5),
        Relieves => ("dashed", "#43a047", 1.5),
        Prevents => ("solid", "#00897b", 1.5),
        AvoidWhile => ("dotted", "#d50000", 2.0),
        Risks => ("dotted", "#c62828", 1.5),
        RichIn => ("solid", "#827717", 1.0),
        LackOf => ("dashed", "#827717", 1.0),
        ReferTo => ("solid", "#283593", 1.5),
        Prescribes => ("dashed", "#283593", 1.0),
        SeeDoctorIf => ("bold", "#d50000", 2.0),
        IndicatedIf => ("dashed", "#00695c", 1.0),
        Before | After => ("dotted", "#455a64", 1.0),
        ActsOn => ("dashed", "#6a1b9a", 1.0),
        ReducesNeedFor => ("dashed", "#1565c0", 1.0),
        ContrastsWith => ("dotted", "#757575", 1.0),
        Improves => ("dashed", "#2e7d32", 1.0),
    }
}

const HEDGED_COLOR: &str = "#9e9e9e";
const NEGATED_COLOR: &str = "#616161";

/// A DOT quoted string: `"` and `\` escaped, line breaks as `\n`, other
/// control characters as spaces. `<>{}|` need nothing inside quotes (no
/// record shapes are used) and non-ASCII stays UTF-8 (the graph says
/// `charset="UTF-8"`). Every string in the output goes through here.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The nodes and edges `opts` selects from the whole graph.
pub fn select(g: &Graph, opts: &Options) -> (Vec<Ix>, Vec<EIx>) {
    let rel_ok = |e: EIx| opts.relations.is_empty() || opts.relations.contains(&g.edge(e).relation);
    let mut nodes: HashSet<Ix> =
        if opts.focus.is_empty() { g.nodes().collect() } else { neighbourhood(g, &opts.focus, opts.depth, &rel_ok) };
    if !opts.kinds.is_empty() {
        nodes.retain(|&n| opts.kinds.contains(&g.node(n).kind) || opts.focus.contains(&n));
    }
    let edges: Vec<EIx> = g
        .edges()
        .filter(|&e| rel_ok(e))
        .filter(|&e| {
            let (a, b) = g.ends(e);
            nodes.contains(&a) && nodes.contains(&b)
        })
        .collect();
    if !opts.relations.is_empty() {
        let touched: HashSet<Ix> = edges.iter().flat_map(|&e| <[Ix; 2]>::from(g.ends(e))).collect();
        nodes.retain(|n| touched.contains(n) || opts.focus.contains(n));
    }
    (nodes.into_iter().collect(), edges)
}

/// Nodes at most `depth` edges from a start node, edges followed either way.
fn neighbourhood(g: &Graph, start: &[Ix], depth: usize, follow: &dyn Fn(EIx) -> bool) -> HashSet<Ix> {
    let mut seen: HashSet<Ix> = start.iter().copied().collect();
    let mut queue: VecDeque<(Ix, usize)> = start.iter().map(|&n| (n, 0)).collect();
    while let Some((n, d)) = queue.pop_front() {
        if d >= depth {
            continue;
        }
        for dir in [petgraph::Direction::Outgoing, petgraph::Direction::Incoming] {
            for (e, other) in g.edges_at(n, dir) {
                if follow(e) && seen.insert(other) {
                    queue.push_back((other, d + 1));
                }
            }
        }
    }
    seen
}

/// The graph, or the part `opts` selects, as DOT.
pub fn graph(g: &Graph, opts: &Options) -> String {
    draw(g, opts, select(g, opts))
}

/// DOT for nodes and edges already chosen by [`select`].
pub fn draw(g: &Graph, opts: &Options, (nodes, edges): (Vec<Ix>, Vec<EIx>)) -> String {
    let marks: Vec<(Ix, Mark)> = opts.focus.iter().map(|&n| (n, Mark::Focus)).collect();
    let title = opts.title.clone().unwrap_or_else(|| g.article.title.clone());
    write(g, &title, &nodes, &edges, &marks, opts)
}

/// DOT for a report (an answer, a node shown, paths), or `None` when the
/// report has no graph to draw. The question's focus is bold and filled,
/// the answers bold.
pub fn report(g: &Graph, report: &Report) -> Option<String> {
    let mut marks: Vec<(Ix, Mark)> = Vec::new();
    let (title, edges): (String, Vec<EIx>) = match report {
        Report::Answer(a) => {
            marks.extend(a.focus.iter().map(|&n| (n, Mark::Focus)));
            marks.extend(a.items.iter().flat_map(|i| i.values.iter().map(|&n| (n, Mark::Answer))));
            let edges = a
                .items
                .iter()
                .flat_map(|i| i.support.iter().chain(i.warnings.iter().flat_map(|w| w.edges.iter())))
                .copied()
                .collect();
            (a.interpretation.clone(), edges)
        }
        Report::Show { node } => {
            marks.push((*node, Mark::Focus));
            let edges = g
                .edges_at(*node, petgraph::Direction::Outgoing)
                .chain(g.edges_at(*node, petgraph::Direction::Incoming))
                .map(|(e, _)| e)
                .collect();
            (g.node(*node).name.to_string(), edges)
        }
        Report::Paths { from, to, paths } => {
            marks.push((*from, Mark::Focus));
            marks.push((*to, Mark::Focus));
            (format!("{} to {}", g.node(*from).name, g.node(*to).name), paths.concat())
        }
        _ => return None,
    };
    let mut nodes: Vec<Ix> = marks.iter().map(|&(n, _)| n).collect();
    for &e in &edges {
        let (a, b) = g.ends(e);
        nodes.extend([a, b]);
    }
    Some(write(g, &title, &nodes, &edges, &marks, &Options::default()))
}

/// Writes nodes and edges (duplicates allowed, order free) as a digraph.
fn write(g: &Graph, title: &str, nodes: &[Ix], edges: &[EIx], marks: &[(Ix, Mark)], opts: &Options) -> String {
    let mut nodes: Vec<Ix> = nodes.to_vec();
    nodes.sort_by(|&a, &b| g.id(a).cmp(g.id(b)));
    nodes.dedup();
    let mut edges: Vec<EIx> = edges.to_vec();
    edges.sort_by(|&x, &y| edge_key(g, x).cmp(&edge_key(g, y)).then(x.index().cmp(&y.index())));
    edges.dedup();
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_sorted(&mut out, g, title, &nodes, &edges, marks, opts);
    String::from_utf8(out).unwrap_or_default()
}

/// The whole graph as DOT, streamed: nodes and edges in the order the
/// compiled graph keeps for exports, so nothing is sorted or held.
pub fn export(g: &Graph, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    write_sorted(out, g, &g.article.title, g.by_id_order(), g.export_order(), &[], &Options::default())
}

/// Writes nodes sorted by id and edges by [`edge_key`], each once.
fn write_sorted(
    out: &mut dyn std::io::Write,
    g: &Graph,
    title: &str,
    nodes: &[Ix],
    edges: &[EIx],
    marks: &[(Ix, Mark)],
    opts: &Options,
) -> std::io::Result<()> {
    let mark = |n: Ix| marks.iter().filter(|&&(m, _)| m == n).map(|&(_, k)| k).max().unwrap_or(Mark::Plain);
    out.write_all(b"digraph kg {\n")?;
    writeln!(out, "  charset=\"UTF-8\";")?;
    writeln!(out, "  rankdir={};", opts.rankdir.as_str())?;
    // Global ranking: without it Graphviz can fail ("trouble in init_rank")
    // on edges between clusters.
    out.write_all(b"  newrank=true;\n")?;
    writeln!(out, "  label={};", quote(title))?;
    out.write_all(b"  labelloc=t;\n  fontname=\"Helvetica\";\n  fontsize=16;\n")?;
    out.write_all(b"  node [fontname=\"Helvetica\", fontsize=11, style=filled];\n")?;
    out.write_all(b"  edge [fontname=\"Helvetica\", fontsize=9];\n")?;

    if opts.clusters {
        for &kind in Kind::ALL {
            let members: Vec<Ix> = nodes.iter().copied().filter(|&n| g.kind(n) == kind).collect();
            if members.is_empty() {
                continue;
            }
            let (_, color, _) = kind_style(kind);
            writeln!(out, "  subgraph cluster_{} {{", kind.as_str())?;
            writeln!(
                out,
                "    label={}; style=\"rounded,dashed\"; color={}; fontcolor={};",
                quote(kind.label()),
                quote(color),
                quote(color)
            )?;
            for n in members {
                writeln!(out, "    {}", node_line(g, n, mark(n)))?;
            }
            out.write_all(b"  }\n")?;
        }
    } else {
        for &n in nodes {
            writeln!(out, "  {}", node_line(g, n, mark(n)))?;
        }
    }
    for &e in edges {
        writeln!(out, "  {}", edge_line(g, e))?;
    }
    if opts.legend && !nodes.is_empty() {
        let mut text = String::new();
        legend(g, nodes, edges, &mut text);
        out.write_all(text.as_bytes())?;
    }
    out.write_all(b"}\n")
}

/// What edges sort by: (from id, relation name, to id, denied, certainty),
/// as in the exports.
fn edge_key(g: &Graph, e: EIx) -> (&str, &str, &str, bool, Certainty) {
    let (a, b) = g.ends(e);
    let edge = g.edge(e);
    (g.id(a), edge.relation.as_str(), g.id(b), edge.negated, edge.certainty)
}

fn node_line(g: &Graph, n: Ix, mark: Mark) -> String {
    let node = g.node(n);
    let (shape, color, light) = kind_style(node.kind);
    let fill = if mark == Mark::Focus { color } else { light };
    let lay = if node.lay { " (not named in the article)" } else { "" };
    let tooltip = format!("{} ({}){lay}\n{}", node.name, node.kind.label(), node.summary);
    let label = if node.lay { format!("{}\n(not in the article)", node.name) } else { node.name.to_string() };
    let mut attrs = format!(
        "label={}, shape={}, color={}, fillcolor={}, tooltip={}",
        quote(&label),
        quote(shape),
        quote(color),
        quote(fill),
        quote(&tooltip)
    );
    match mark {
        Mark::Plain if node.lay => attrs.push_str(", style=\"filled,dashed\""),
        Mark::Plain => {}
        Mark::Answer => attrs.push_str(", style=\"filled,bold\", penwidth=2.5"),
        Mark::Focus => {
            attrs.push_str(", style=\"filled,bold\", penwidth=3, fontcolor=\"white\", fontname=\"Helvetica-Bold\"")
        }
    }
    format!("{} [{attrs}];", quote(node.id))
}

fn edge_line(g: &Graph, e: EIx) -> String {
    let (a, b) = g.ends(e);
    let edge = g.edge(e);
    let (style, mut color, width) = relation_style(edge.relation);
    let mut label = if edge.negated { format!("not {}", edge.relation) } else { edge.relation.as_str().to_string() };
    match edge.certainty {
        Certainty::Stated => {}
        Certainty::Hedged => label.push('?'),
        Certainty::Doubtful => label.push_str("??"),
    }
    if edge.certainty != Certainty::Stated {
        color = HEDGED_COLOR;
    }
    // A denied claim is drawn crossed out in spirit: dashed and grey, so it
    // never reads as the claim itself.
    let style = if edge.negated { "dashed" } else { style };
    if edge.negated {
        color = NEGATED_COLOR;
    }
    let mut tooltip: Vec<String> = edge.sources.iter().map(|&s| g.cite(s)).collect();
    if let Some(w) = &edge.when {
        tooltip.push(crate::render::window_text(w));
    }
    if let Some(n) = &edge.note {
        tooltip.push(n.to_string());
    }
    if edge.certainty != Certainty::Stated {
        tooltip.push(format!("{}: {}", edge.certainty, edge.certainty.describe()));
    }
    format!(
        "{} -> {} [label={}, style={}, color={}, fontcolor={}, penwidth={width}, tooltip={}];",
        quote(g.node(a).id),
        quote(g.node(b).id),
        quote(&label),
        quote(style),
        quote(color),
        quote(color),
        quote(&tooltip.join("\n"))
    )
}

/// A `cluster_legend` subgraph: one sample node per kind present, one
/// sample edge per relation present, and a note on hedged claims.
fn legend(g: &Graph, nodes: &[Ix], edges: &[EIx], out: &mut String) {
    let kinds: BTreeSet<Kind> = nodes.iter().map(|&n| g.kind(n)).collect();
    let rels: BTreeSet<Relation> = edges.iter().map(|&e| g.relation(e)).collect();
    let hedged = edges.iter().any(|&e| g.edge(e).certainty != Certainty::Stated);
    out.push_str("  subgraph cluster_legend {\n");
    out.push_str("    label=\"Legend\"; style=\"rounded\"; color=\"#bdbdbd\"; fontsize=12;\n");
    // Invisible edges lay the samples out in rows: six kinds, or three
    // relations, to a row.
    let mut prev: Option<String> = None;
    for (i, &k) in kinds.iter().enumerate() {
        let (shape, color, fill) = kind_style(k);
        let id = quote(&format!("legend:kind:{}", k.as_str()));
        let _ = writeln!(
            out,
            "    {id} [label={}, shape={}, color={}, fillcolor={}, fontsize=9];",
            quote(k.label()),
            quote(shape),
            quote(color),
            quote(fill)
        );
        if let Some(p) = prev.filter(|_| i % 6 != 0) {
            let _ = writeln!(out, "    {p} -> {id} [style=invis];");
        }
        prev = Some(id);
    }
    let mut prev: Option<String> = None;
    for (i, &r) in rels.iter().enumerate() {
        let (style, color, width) = relation_style(r);
        let a = quote(&format!("legend:rel:{}:from", r.as_str()));
        let b = quote(&format!("legend:rel:{}:to", r.as_str()));
        let _ = writeln!(out, "    {a} [label=\"\", shape=point, width=0.05, style=invis];");
        let _ = writeln!(out, "    {b} [label=\"\", shape=point, width=0.05, style=invis];");
        let _ = writeln!(
            out,
            "    {a} -> {b} [label={}, style={}, color={}, fontcolor={}, penwidth={width}];",
            quote(r.as_str()),
            quote(style),
            quote(color),
            quote(color)
        );
        if let Some(p) = prev.filter(|_| i % 3 != 0) {
            let _ = writeln!(out, "    {p} -> {a} [style=invis];");
        }
        prev = Some(b);
    }
    if hedged {
        let _ = writeln!(
            out,
            "    {} [label={}, shape=plaintext, style=\"\", fontsize=9, fontcolor={}];",
            quote("legend:hedged"),
            quote("grey label with ? = hedged claim\n?? = doubtful claim"),
            quote(HEDGED_COLOR)
        );
    }
    out.push_str("  }\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Graph {
        Graph::new(crate::bundled::data().expect("bundled graph"))
    }

    #[test]
    fn quote_escapes_every_special_character() {
        assert_eq!(quote("plain"), "\"plain\"");
        assert_eq!(quote("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(quote("a\\b"), "\"a\\\\b\"");
        assert_eq!(quote("a\\"), "\"a\\\\\"", "a trailing backslash cannot eat the closing quote");
        assert_eq!(quote("one\ntwo"), "\"one\\ntwo\"");
        assert_eq!(quote("one\r\ntwo\rthree"), "\"one\\ntwo\\nthree\"");
        assert_eq!(quote("tab\there\u{7}"), "\"tab here \"");
        assert_eq!(quote("<b>{x}|y</b>"), "\"<b>{x}|y</b>\"");
        assert_eq!(quote("Rückenschmerz ¶2 — ok"), "\"Rückenschmerz ¶2 — ok\"");
        // No unescaped quote survives inside.
        let q = quote("\"\\\"\n\\");
        let inner = &q[1..q.len() - 1];
        let mut escaped = false;
        for c in inner.chars() {
            assert!(escaped || c != '"', "bare quote in {q}");
            escaped = !escaped && c == '\\';
        }
        assert!(!escaped, "dangling backslash in {q}");
    }

    #[test]
    fn every_kind_has_a_distinct_look() {
        let looks: HashSet<(&str, &str)> = Kind::ALL.iter().map(|&k| (kind_style(k).0, kind_style(k).1)).collect();
        assert_eq!(looks.len(), Kind::ALL.len());
        let shapes: HashSet<&str> = Kind::ALL.iter().map(|&k| kind_style(k).0).collect();
        assert_eq!(shapes.len(), Kind::ALL.len(), "each kind has its own shape");
    }

    #[test]
    fn output_is_deterministic_and_sorted() {
        let g = bundled();
        let opts = Options { clusters: true, ..Options::default() };
        let a = graph(&g, &opts);
        let b = graph(&bundled(), &opts);
        assert_eq!(a, b);
        let plain = graph(&g, &Options::default());
        let ids: Vec<&str> = plain
            .lines()
            .filter(|l| l.starts_with("  \"") && !l.contains("->"))
            .map(|l| l.trim_start().split('"').nth(1).unwrap())
            .collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        assert_eq!(ids.len(), g.node_count());
        assert_eq!(plain.lines().filter(|l| l.starts_with("  \"") && l.contains("->")).count(), g.edge_count());
        assert!(a.contains("subgraph cluster_legend"));
        assert!(a.contains("subgraph cluster_condition"));
    }

    #[test]
    fn depth_one_neighbourhood_holds_only_neighbours() {
        let g = bundled();
        let focus = g.subject;
        let (nodes, edges) = select(&g, &Options { focus: vec![focus], depth: 1, ..Options::default() });
        let neighbours: HashSet<Ix> = g
            .edges_at(focus, petgraph::Direction::Outgoing)
            .chain(g.edges_at(focus, petgraph::Direction::Incoming))
            .map(|(_, n)| n)
            .chain([focus])
            .collect();
        assert_eq!(nodes.iter().copied().collect::<HashSet<_>>(), neighbours);
        for e in edges {
            let (a, b) = g.ends(e);
            assert!(neighbours.contains(&a) && neighbours.contains(&b));
        }
        let (zero, _) = select(&g, &Options { focus: vec![focus], depth: 0, ..Options::default() });
        assert_eq!(zero, vec![focus]);
    }

    #[test]
    fn filters_keep_only_what_was_asked() {
        let g = bundled();
        let opts = Options { kinds: vec![Kind::Medication], ..Options::default() };
        let (nodes, _) = select(&g, &opts);
        assert!(!nodes.is_empty());
        assert!(nodes.iter().all(|&n| g.node(n).kind == Kind::Medication));
        let opts = Options { relations: vec![Relation::Treats, Relation::Relieves], ..Options::default() };
        let (nodes, edges) = select(&g, &opts);
        assert!(edges.iter().all(|&e| matches!(g.edge(e).relation, Relation::Treats | Relation::Relieves)));
        for n in nodes {
            assert!(edges.iter().any(|&e| <[Ix; 2]>::from(g.ends(e)).contains(&n)));
        }
    }

    #[test]
    fn hedged_claims_are_marked() {
        let g = bundled();
        let dot = graph(&g, &Options::default());
        if let Some(e) = g.edges().find(|&e| g.edge(e).certainty == Certainty::Hedged) {
            let label = format!("label={}", quote(&format!("{}?", g.edge(e).relation.as_str())));
            assert!(dot.contains(&label), "{label}");
            assert!(dot.contains(HEDGED_COLOR));
        }
    }
}
