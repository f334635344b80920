//! Graphviz DOT: the whole graph or a part of it, styled so kinds and
//! relations tell apart at a glance, with a compact legend of what is drawn.
//!
//! Every string goes through one function, [`quote`], so names, summaries,
//! titles and notes cannot break the file. Output is deterministic: nodes
//! sorted by id, edges by (from id, relation, to id), so diagrams diff well.
//!
//! Node ids in the DOT are the graph's own node ids, quoted; the legend's
//! id starts with `legend:`, which no node id (kebab-case) can.

use std::collections::{BTreeSet, HashSet};
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
    /// Go on through hubs (the article's subject, and nodes with
    /// [`HUB_DEGREE`] edges or more) instead of stopping at them.
    pub through_hubs: bool,
    /// Draw at most this many nodes: the nearest to the focus, or without a
    /// focus the most connected.
    pub max_nodes: Option<usize>,
    /// Only nodes of these kinds (all when empty); focus nodes always stay.
    pub kinds: Vec<Kind>,
    /// Only edges of these relations (all when empty); nodes left with no
    /// edge are dropped, focus nodes excepted.
    pub relations: Vec<Relation>,
    /// Group nodes into one `cluster_<kind>` subgraph per kind.
    pub clusters: bool,
    pub rankdir: RankDir,
    /// Draw the legend of the kinds and relations drawn; `None` draws it for
    /// views of [`LEGEND_MIN_NODES`] nodes or more.
    pub legend: Option<bool>,
    /// The diagram's title; the article's title when `None`.
    pub title: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            focus: Vec::new(),
            depth: 1,
            through_hubs: false,
            max_nodes: None,
            kinds: Vec::new(),
            relations: Vec::new(),
            clusters: false,
            rankdir: RankDir::Lr,
            legend: None,
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
        BestOf => ("bold", "#2e7d32", 1.5),
    }
}

const HEDGED_COLOR: &str = "#9e9e9e";
const NEGATED_COLOR: &str = "#616161";

/// A node with this many edges is a hub: `--depth` reaches it but does not
/// go through it, or a view of one node would pull in half the graph.
pub const HUB_DEGREE: usize = 12;

/// Smaller views are drawn without a legend unless one is asked for: there
/// the legend would take more room than the diagram.
pub const LEGEND_MIN_NODES: usize = 20;

/// A DOT quoted string: `"` and `\` escaped, line breaks as `\n`, other
/// control characters as spaces, and `&` as `&amp;`: Graphviz decodes HTML
/// entities in strings, so a name holding `&#1;` would put a raw control
/// character into an SVG (not well-formed XML) and `&amp;` would show as
/// `&`. `<>{}|` need nothing inside quotes (no record shapes are used) and
/// non-ASCII stays UTF-8 (the graph says `charset="UTF-8"`). Every string in
/// the output goes through here.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
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

/// What a diagram draws.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub nodes: Vec<Ix>,
    pub edges: Vec<EIx>,
    /// Whether `max_nodes` left nodes out.
    pub cut: bool,
}

/// The nodes and edges `opts` selects from the whole graph.
pub fn select(g: &Graph, opts: &Options) -> Selection {
    let rel_ok = |e: EIx| opts.relations.is_empty() || opts.relations.contains(&g.edge(e).relation);
    let kind_ok = |n: Ix| opts.kinds.is_empty() || opts.kinds.contains(&g.node(n).kind) || opts.focus.contains(&n);
    let (mut nodes, mut cut) = if opts.focus.is_empty() {
        (g.nodes().filter(|&n| kind_ok(n)).collect(), false)
    } else {
        neighbourhood(g, opts, &rel_ok, &kind_ok)
    };
    if let Some(max) = opts.max_nodes.filter(|&m| opts.focus.is_empty() && nodes.len() > m) {
        // Without a focus, the most connected nodes say the most.
        let mut ranked: Vec<Ix> = nodes.into_iter().collect();
        ranked.sort_by_key(|&n| (std::cmp::Reverse(degree(g, n)), g.node(n).id));
        ranked.truncate(max);
        nodes = ranked.into_iter().collect();
        cut = true;
    }
    let mut edges: Vec<EIx> = g
        .edges()
        .filter(|&e| rel_ok(e))
        .filter(|&e| {
            let (a, b) = g.ends(e);
            nodes.contains(&a) && nodes.contains(&b)
        })
        .collect();
    if !opts.relations.is_empty() {
        // `is_a` among other relations places what they drew in the
        // hierarchy; its edges elsewhere would draw trees nobody asked for.
        if opts.relations.iter().any(|&r| r != Relation::IsA) {
            let drawn: HashSet<Ix> = edges
                .iter()
                .filter(|&&e| g.edge(e).relation != Relation::IsA)
                .flat_map(|&e| <[Ix; 2]>::from(g.ends(e)))
                .chain(opts.focus.iter().copied())
                .collect();
            edges.retain(|&e| {
                let (a, b) = g.ends(e);
                g.edge(e).relation != Relation::IsA || drawn.contains(&a) || drawn.contains(&b)
            });
        }
        let touched: HashSet<Ix> = edges.iter().flat_map(|&e| <[Ix; 2]>::from(g.ends(e))).collect();
        nodes.retain(|n| touched.contains(n) || opts.focus.contains(n));
    }
    Selection { nodes: nodes.into_iter().collect(), edges, cut }
}

/// Edges in and out of a node.
fn degree(g: &Graph, n: Ix) -> usize {
    g.edges_at(n, petgraph::Direction::Outgoing).count() + g.edges_at(n, petgraph::Direction::Incoming).count()
}

/// Nodes at most `opts.depth` edges from a focus node, edges followed
/// either way, breadth first in id order so a cut is the same every time.
/// Hubs are reached but not gone through (unless `through_hubs`); the
/// nodes `kind_ok` refuses are gone through but not kept. Also whether
/// `max_nodes` cut the walk short.
fn neighbourhood(
    g: &Graph,
    opts: &Options,
    follow: &dyn Fn(EIx) -> bool,
    kind_ok: &dyn Fn(Ix) -> bool,
) -> (HashSet<Ix>, bool) {
    let is_hub =
        |n: Ix| !opts.through_hubs && !opts.focus.contains(&n) && (n == g.subject || degree(g, n) >= HUB_DEGREE);
    let mut seen: HashSet<Ix> = opts.focus.iter().copied().collect();
    let mut kept: HashSet<Ix> = seen.clone();
    let full = |kept: &HashSet<Ix>| opts.max_nodes.is_some_and(|m| kept.len() >= m);
    let mut layer: Vec<Ix> = opts.focus.clone();
    for _ in 0..opts.depth {
        layer.sort_by(|&a, &b| g.node(a).id.cmp(g.node(b).id));
        let mut next = Vec::new();
        for &n in layer.iter().filter(|&&n| !is_hub(n)) {
            let mut around: Vec<Ix> = [petgraph::Direction::Outgoing, petgraph::Direction::Incoming]
                .into_iter()
                .flat_map(|dir| g.edges_at(n, dir))
                .filter(|&(e, _)| follow(e))
                .map(|(_, other)| other)
                .collect();
            around.sort_by(|&a, &b| g.node(a).id.cmp(g.node(b).id));
            for other in around {
                if !seen.insert(other) {
                    continue;
                }
                if kind_ok(other) {
                    if full(&kept) {
                        return (kept, true);
                    }
                    kept.insert(other);
                }
                next.push(other);
            }
        }
        layer = next;
    }
    (kept, false)
}

/// The graph, or the part `opts` selects, as DOT.
pub fn graph(g: &Graph, opts: &Options) -> String {
    draw(g, opts, select(g, opts))
}

/// DOT for nodes and edges already chosen by [`select`].
pub fn draw(g: &Graph, opts: &Options, selection: Selection) -> String {
    let marks: Vec<(Ix, Mark)> = opts.focus.iter().map(|&n| (n, Mark::Focus)).collect();
    let title = opts.title.clone().unwrap_or_else(|| g.article.title.clone());
    write(g, &title, &selection.nodes, &selection.edges, &marks, opts)
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
        Report::Paths { from, to, paths } | Report::Chains { from, to, paths } => {
            marks.push((*from, Mark::Focus));
            marks.push((*to, Mark::Focus));
            (format!("{} to {}", g.node(*from).name, g.node(*to).name), paths.concat())
        }
        Report::Undescribed { node } => return self::report(g, &Report::Show { node: *node }),
        Report::Question { report: inner, .. } => return self::report(g, inner),
        // Nothing to draw: an empty diagram that says why.
        Report::NotCovered(nc) => {
            return Some(write(
                g,
                &format!("not covered: {}", nc.words.join(", ")),
                &[],
                &[],
                &[],
                &Options::default(),
            ));
        }
        Report::Several(parts) => {
            return Some(parts.iter().filter_map(|p| self::report(g, p)).collect::<Vec<_>>().concat());
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
    if opts.legend.unwrap_or(nodes.len() >= LEGEND_MIN_NODES) && !nodes.is_empty() {
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
        tooltip.push(w.text());
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

/// A legend cell holding a sample of a relation's line: the cell's bottom
/// border, drawn by Graphviz in the line's style, colour and about its
/// width. Characters that look like lines (`────`) were wider in a
/// browser's font than Graphviz measured, and struck through the names
/// beside them.
fn line_sample(style: &str, color: &str, width: f32) -> String {
    let (border_style, border) = match style {
        "dashed" => (" STYLE=\"dashed\"", width.round().max(1.0)),
        "dotted" => (" STYLE=\"dotted\"", width.round().max(2.0)),
        _ => ("", width.round().max(1.0)),
    };
    format!(
        "<TD SIDES=\"B\" BORDER=\"{border}\"{border_style} COLOR=\"{}\" WIDTH=\"32\" HEIGHT=\"10\" FIXEDSIZE=\"TRUE\"></TD>",
        html(color)
    )
}

/// Text for an HTML-like label: `&`, `<`, `>` and `"` as entities.
fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The legend: one node holding a table with a line per kind drawn (a
/// swatch of its colours) and per relation drawn (a sample of its line),
/// and a line each for hedged claims, denied claims and lay words, if any
/// is drawn. Kept at the far end of the
/// diagram, it takes about as much room as a few nodes.
fn legend(g: &Graph, nodes: &[Ix], edges: &[EIx], out: &mut String) {
    let kinds: BTreeSet<Kind> = nodes.iter().map(|&n| g.kind(n)).collect();
    let rels: BTreeSet<Relation> = edges.iter().map(|&e| g.relation(e)).collect();
    let hedged = edges.iter().any(|&e| g.edge(e).certainty != Certainty::Stated);
    let mut rows = String::new();
    for &k in &kinds {
        let (_, color, fill) = kind_style(k);
        let _ = write!(
            rows,
            "<TR><TD BGCOLOR=\"{}\" COLOR=\"{}\" BORDER=\"1\" WIDTH=\"24\"></TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
            html(fill),
            html(color),
            html(k.label())
        );
    }
    for &r in &rels {
        let (style, color, width) = relation_style(r);
        let _ =
            write!(rows, "<TR>{}<TD ALIGN=\"LEFT\">{}</TD></TR>", line_sample(style, color, width), html(r.as_str()));
    }
    if hedged {
        let _ = write!(
            rows,
            "<TR><TD><FONT COLOR=\"{}\">?  ??</FONT></TD><TD ALIGN=\"LEFT\">hedged, doubtful claim</TD></TR>",
            html(HEDGED_COLOR)
        );
    }
    if edges.iter().any(|&e| g.edge(e).negated) {
        let _ = write!(
            rows,
            "<TR>{}<TD ALIGN=\"LEFT\">not …: a claim the article denies</TD></TR>",
            line_sample("dashed", NEGATED_COLOR, 1.0)
        );
    }
    if nodes.iter().any(|&n| g.node(n).lay) {
        let _ = write!(
            rows,
            "<TR><TD BORDER=\"1\" STYLE=\"dashed\"></TD><TD ALIGN=\"LEFT\">a lay word, not in the article</TD></TR>"
        );
    }
    out.push_str(
        "  { rank=sink;
",
    );
    let _ = writeln!(
        out,
        "    {} [shape=plaintext, style=\"\", fontsize=9, label=<<TABLE BORDER=\"1\" COLOR=\"#bdbdbd\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\"><TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>{rows}</TABLE>>];",
        quote("legend:")
    );
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
        assert_eq!(quote("salt & pepper &#1; &amp;"), "\"salt &amp; pepper &amp;#1; &amp;amp;\"");
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
        assert!(a.contains("\"legend:\" [shape=plaintext"));
        assert!(a.contains("subgraph cluster_condition"));
    }

    #[test]
    fn depth_one_neighbourhood_holds_only_neighbours() {
        let g = bundled();
        let focus = g.subject;
        let Selection { nodes, edges, .. } =
            select(&g, &Options { focus: vec![focus], depth: 1, ..Options::default() });
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
        let zero = select(&g, &Options { focus: vec![focus], depth: 0, ..Options::default() }).nodes;
        assert_eq!(zero, vec![focus]);
    }

    #[test]
    fn filters_keep_only_what_was_asked() {
        let g = bundled();
        let opts = Options { kinds: vec![Kind::Medication], ..Options::default() };
        let nodes = select(&g, &opts).nodes;
        assert!(!nodes.is_empty());
        assert!(nodes.iter().all(|&n| g.node(n).kind == Kind::Medication));
        let opts = Options { relations: vec![Relation::Treats, Relation::Relieves], ..Options::default() };
        let Selection { nodes, edges, .. } = select(&g, &opts);
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
