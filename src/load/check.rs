//! The checks that turn parsed graph files into a [`GraphData`]: ids, names,
//! aliases, edge ends, domain and range, citations, timing windows, `is_a`
//! cycles. Every problem is reported, each at its own `file:line:col`.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

use super::Loaded;
use super::outline::{self, Value};
use crate::diag::{Diagnostic, Severity, Sources};
use crate::model::{Article, Certainty, Edge, GraphData, GraphFile, Kind, NameIndex, Node, Relation, Source};
use crate::text::{is_kebab_case, normalize, suggest};

/// Where something is, to be looked up only if a problem is reported there:
/// finding a position builds the file's outline, which costs about as much
/// as the checks themselves, so a clean graph never pays it.
type Spot = (usize, At<'static>);

/// Finds where things are in the files, building each file's outline the
/// first time a problem there needs a position.
struct Locator<'a> {
    sources: &'a Sources,
    outlines: Vec<OnceCell<Option<Value>>>,
}

/// A path to a value inside a graph file.
#[derive(Clone, Copy)]
enum At<'p> {
    Node(usize, &'p str),
    NodeAlias(usize, usize),
    Edge(usize, &'p str),
    EdgeSource(usize, usize),
    Article(&'p str),
    Section(usize, &'p str),
}

impl Locator<'_> {
    fn find(&self, file: usize, at: At) -> Option<(usize, Range<usize>)> {
        let cell = self.outlines.get(file)?;
        let top = cell
            .get_or_init(|| {
                #[cfg(test)]
                tests::OUTLINES.with(|n| n.set(n.get() + 1));
                outline::outline(&self.sources.files[file].text)
            })
            .as_ref()?;
        let v = match at {
            At::Node(i, field) => top.field("nodes")?.item(i)?.field(field)?,
            At::NodeAlias(i, j) => top.field("nodes")?.item(i)?.field("aliases")?.item(j)?,
            At::Edge(i, field) => top.field("edges")?.item(i)?.field(field)?,
            At::EdgeSource(i, j) => top.field("edges")?.item(i)?.field("sources")?.item(j)?,
            At::Article(field) => top.field("article")?.field(field)?,
            At::Section(i, field) => top.field("article")?.field("sections")?.item(i)?.field(field)?,
        };
        Some((file, v.span.clone()))
    }

    fn position(&self, loc: Option<(usize, Range<usize>)>) -> String {
        let Some((file, span)) = loc else { return "an earlier file".into() };
        Diagnostic::error("").at(file, span).position(self.sources).unwrap_or_default()
    }
}

/// Where a node came from: file and index in that file's `nodes`.
#[derive(Clone, Copy)]
struct NodeOrigin {
    file: usize,
    index: usize,
}

/// Validates parsed files (`(file, graph, ids of nodes that failed to parse)`)
/// and builds the graph. `diags` holds problems found while parsing.
pub fn check(
    sources: &Sources,
    parsed: &[(usize, GraphFile, Vec<String>)],
    mut diags: Vec<Diagnostic>,
    unreadable: bool,
) -> Result<Loaded, Vec<Diagnostic>> {
    let loc = Locator { sources, outlines: (0..sources.files.len()).map(|_| OnceCell::new()).collect() };
    let failed: std::collections::HashSet<&str> =
        parsed.iter().flat_map(|(_, _, ids)| ids.iter().map(String::as_str)).collect();

    // The article: exactly one description across all files.
    let mut articles = parsed.iter().filter_map(|(f, g, _)| g.article.as_ref().map(|a| (*f, a)));
    let article = articles.next();
    for (file, _) in articles {
        let first = article.map(|(f, _)| loc.find(f, At::Article("title")));
        diags.push(
            Diagnostic::error("the article is described more than once")
                .at_opt(loc.find(file, At::Article("title")))
                .label("second description")
                .note(format!("first described at {}", loc.position(first.flatten()))),
        );
    }
    let mut sections: HashMap<&str, usize> = HashMap::new();
    if let Some((file, a)) = article {
        check_article(&loc, file, a, &mut sections, &mut diags);
    } else if !parsed.is_empty() && diags.is_empty() {
        diags.push(
            Diagnostic::error("no graph file describes the article")
                .help("add `article: (title: \"...\", subject: \"node-id\", sections: [(id: \"intro\", title: \"...\", paragraphs: 1)])` to one file"),
        );
    }

    // Nodes: ids, names, summaries, and the names and aliases they answer to.
    let mut nodes = Vec::new();
    let mut origins: Vec<NodeOrigin> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut names: HashMap<String, (usize, Spot)> = HashMap::new();
    for (file, graph, _) in parsed {
        for (i, node) in graph.nodes.iter().enumerate() {
            let file = *file;
            let here = |field: &str| loc.find(file, At::Node(i, field));
            if !is_kebab_case(&node.id) {
                diags.push(
                    Diagnostic::error(format!("node id `{}` is not kebab-case", node.id))
                        .at_opt(here("id"))
                        .help("ids are lower-case words joined by hyphens, like `ice-pack`"),
                );
            }
            if let Some(&first) = by_id.get(node.id.as_str()) {
                let o: NodeOrigin = origins[first];
                diags.push(
                    Diagnostic::error(format!("duplicate node id `{}`", node.id))
                        .at_opt(here("id"))
                        .label("defined again here")
                        .note(format!("first defined at {}", loc.position(loc.find(o.file, At::Node(o.index, "id"))))),
                );
                continue;
            }
            let ix = nodes.len();
            by_id.insert(node.id.as_str(), ix);
            origins.push(NodeOrigin { file, index: i });
            for (field, value) in [("name", &node.name), ("summary", &node.summary)] {
                if value.trim().is_empty() {
                    diags.push(
                        Diagnostic::error(format!("node `{}` has an empty {field}", node.id)).at_opt(here(field)),
                    );
                }
            }
            if !node.lay {
                for (j, alias) in node.aliases.iter().enumerate() {
                    if let Some(word) = lay_word(alias) {
                        diags.push(
                            Diagnostic::warning(format!(
                                "alias `{alias}` of `{}` looks like a lay word (`{word}`), not a name the article uses",
                                node.id
                            ))
                            .at_opt(loc.find(file, At::NodeAlias(i, j)))
                            .help("a drug or product the article does not name is a kind of the article's node, not a synonym: make it a node with `lay: true` and an uncited `is_a` edge (graph/GUIDE.md)"),
                        );
                    }
                }
            }
            let mut claim = |text: &str, what: &str, spot: Spot| {
                let at = || loc.find(spot.0, spot.1);
                let key = normalize(text);
                if key.is_empty() {
                    if !text.trim().is_empty() || what == "alias" {
                        diags.push(
                            Diagnostic::error(format!("{what} `{text}` of node `{}` has no words to match", node.id))
                                .at_opt(at()),
                        );
                    }
                    return;
                }
                match names.get(&key) {
                    Some(&(other, first)) if other != ix => {
                        let other_id = &nodes_id(parsed, &origins, other);
                        diags.push(
                            Diagnostic::error(format!("{what} `{text}` names two nodes: `{other_id}` and `{}`", node.id))
                                .at_opt(at())
                                .label(format!("also a name of `{other_id}`"))
                                .note(format!("`{other_id}` claims it at {}", loc.position(loc.find(first.0, first.1))))
                                .help("names and aliases are compared ignoring case, punctuation, articles and plurals; remove or reword one"),
                        );
                    }
                    Some(_) => {}
                    None => {
                        names.insert(key, (ix, spot));
                    }
                }
            };
            claim(&node.id.replace('-', " "), "id", (file, At::Node(i, "id")));
            claim(&node.name, "name", (file, At::Node(i, "name")));
            for (j, alias) in node.aliases.iter().enumerate() {
                claim(alias, "alias", (file, At::NodeAlias(i, j)));
            }
            nodes.push(node.clone());
        }
    }

    let subject = article.and_then(|(file, a)| match by_id.get(a.subject.as_str()) {
        Some(&ix) => Some(ix as u32),
        None if unreadable || failed.contains(a.subject.as_str()) => None,
        None => {
            let mut d = Diagnostic::error(format!("the article's subject `{}` is not a node", a.subject))
                .at_opt(loc.find(file, At::Article("subject")));
            if let Some(s) = suggest(&a.subject, by_id.keys().copied()) {
                d = d.help(format!("did you mean `{s}`?"));
            }
            diags.push(d);
            None
        }
    });

    // Edges: ends, domain and range, citations, windows, duplicates.
    let mut edges = Vec::new();
    let mut seen: HashMap<(usize, Relation, usize, bool, Certainty), Spot> = HashMap::new();
    // Every claim and denial of one (from, relation, to), with its days: a
    // map, so each edge is compared only with those of its own triple.
    type Claim = (Spot, bool, (u16, Option<u16>));
    let mut claims: HashMap<(usize, Relation, usize), Vec<Claim>> = HashMap::new();
    for (file, graph, _) in parsed {
        for (i, e) in graph.edges.iter().enumerate() {
            let file = *file;
            let here = |field: &str| loc.find(file, At::Edge(i, field));
            let mut end = |id: &str, field: &str| -> Option<usize> {
                if let Some(&ix) = by_id.get(id) {
                    return Some(ix);
                }
                if !failed.contains(id) && !unreadable {
                    let mut d = Diagnostic::error(format!("edge `{field}` names an unknown node `{id}`"))
                        .at_opt(here(field))
                        .label("no node has this id");
                    if let Some(s) = suggest(id, by_id.keys().copied()) {
                        d = d.help(format!("did you mean `{s}`?"));
                    }
                    diags.push(d);
                }
                None
            };
            let (from, to) = (end(&e.from, "from"), end(&e.to, "to"));
            let mut ok = from.is_some() && to.is_some();
            if let (Some(f), Some(t)) = (from, to) {
                ok &= check_ends(&loc, file, i, e.relation, &nodes[f], &nodes[t], f == t, &mut diags);
                let key = (f, e.relation, t, e.negated, e.certainty);
                if let Some(first) = seen.get(&key) {
                    diags.push(
                        Diagnostic::error(format!("duplicate edge `{}` {} `{}`", e.from, e.relation, e.to))
                            .at_opt(here("relation"))
                            .note(format!("first given at {}", loc.position(loc.find(first.0, first.1))))
                            .help("give one edge and list every citation in its `sources`"),
                    );
                    ok = false;
                } else {
                    seen.insert(key, (file, At::Edge(i, "relation")));
                }
                // A claim and its denial must not cover the same days.
                let days =
                    |w: Option<&crate::model::Window>| w.map_or((0, None), |w| (w.from_day.unwrap_or(0), w.to_day));
                let (a, b) = days(e.when.as_ref());
                let same = claims.entry((f, e.relation, t)).or_default();
                if let Some((first, _, _)) = same.iter().find(|c| {
                    c.1 != e.negated && {
                        let (c_from, c_to) = c.2;
                        b.is_none_or(|b| c_from < b) && c_to.is_none_or(|ct| ct > a)
                    }
                }) {
                    diags.push(
                        Diagnostic::error(format!(
                            "`{}` {} `{}` is both claimed and denied for the same days",
                            e.from, e.relation, e.to
                        ))
                        .at_opt(here("negated"))
                        .note(format!("the other claim is at {}", loc.position(loc.find(first.0, first.1))))
                        .help("give the two edges timing windows that do not overlap, or keep one"),
                    );
                    ok = false;
                }
                same.push(((file, At::Edge(i, "relation")), e.negated, (a, b)));
            }
            let lay_end = [from, to].into_iter().flatten().any(|n| nodes[n].lay);
            if let (Some(f), Some(t)) = (from, to)
                && lay_end
            {
                if e.relation != Relation::IsA || nodes[t].lay || !nodes[f].lay {
                    diags.push(
                        Diagnostic::error(format!(
                            "a lay node can only be joined by `is_a` from it to a node of the article, not `{}` `{}` `{}`",
                            e.from, e.relation, e.to
                        ))
                        .at_opt(here("relation"))
                        .help("the article never names a lay word, so it makes no claim about it: say what it is a kind of, and let the claims come through that"),
                    );
                    ok = false;
                } else if !e.sources.is_empty() {
                    diags.push(
                        Diagnostic::error(format!("`{}` is a lay node, so its edge cannot cite the article", e.from))
                            .at_opt(here("sources"))
                            .help("write `sources: []`: the article does not name it"),
                    );
                    ok = false;
                }
            } else if e.sources.is_empty() {
                diags.push(
                    Diagnostic::error("edge has no citation")
                        .at_opt(here("sources"))
                        .help("cite at least one paragraph, like `sources: [(\"ice-pack\", 1)]`"),
                );
                ok = false;
            }
            if e.negated && matches!(e.relation, Relation::IsA | Relation::PartOf) {
                diags.push(
                    Diagnostic::error(format!("`{}` cannot be negated", e.relation))
                        .at_opt(here("negated"))
                        .help("a hierarchy holds or is left out; `negated` is for claims the article denies"),
                );
                ok = false;
            }
            if e.certainty == Certainty::Stated
                && let Some(word) = e.note.as_deref().and_then(hedge_word)
            {
                diags.push(
                    Diagnostic::warning(format!("the note says \"{word}\" but the claim is marked `stated`"))
                        .at_opt(here("note"))
                        .help("where the article qualifies a claim, mark it `certainty: hedged` (graph/GUIDE.md); else reword the note"),
                );
            }
            let mut cites = Vec::new();
            for (j, cite) in e.sources.iter().enumerate() {
                let at = || loc.find(file, At::EdgeSource(i, j));
                match sections.get(cite.0.as_str()) {
                    None if article.is_some() => {
                        let mut d = Diagnostic::error(format!("citation of unknown section `{}`", cite.0))
                            .at_opt(at())
                            .label("no section has this id");
                        if let Some(s) = suggest(&cite.0, sections.keys().copied()) {
                            d = d.help(format!("did you mean `{s}`?"));
                        }
                        diags.push(d);
                        ok = false;
                    }
                    None => ok = false,
                    Some(&s) => {
                        let count = article.map_or(0, |(_, a)| a.sections[s].paragraphs);
                        if cite.1 == 0 || cite.1 > count {
                            diags.push(
                                Diagnostic::error(format!(
                                    "citation of paragraph {} of section `{}`, which has {count} paragraph{}",
                                    cite.1,
                                    cite.0,
                                    if count == 1 { "" } else { "s" }
                                ))
                                .at_opt(at())
                                .label(format!("paragraphs are numbered 1 to {count}")),
                            );
                            ok = false;
                        } else {
                            cites.push(Source { section: s as u16, paragraph: cite.1 });
                        }
                    }
                }
            }
            if let Some(w) = &e.when {
                if let (Some(a), Some(b)) = (w.from_day, w.to_day)
                    && a >= b
                {
                    diags.push(
                        Diagnostic::error(format!("timing window starts on day {a} but ends on day {b}"))
                            .at_opt(here("when"))
                            .help("`to_day` must be later than `from_day`; the window covers from_day <= day < to_day"),
                    );
                    ok = false;
                }
                for (name, v) in [("minutes", w.minutes), ("pause_minutes", w.pause_minutes)] {
                    if v.is_some_and(|m| !(m > 0.0 && m.is_finite())) {
                        diags.push(
                            Diagnostic::error(format!("`{name}` must be a positive number")).at_opt(here("when")),
                        );
                        ok = false;
                    }
                }
            }
            if ok && let (Some(f), Some(t)) = (from, to) {
                cites.sort();
                cites.dedup();
                edges.push(Edge {
                    from: f as u32,
                    relation: e.relation,
                    to: t as u32,
                    sources: cites.into(),
                    when: e.when.clone().map(Box::new),
                    certainty: e.certainty,
                    negated: e.negated,
                    note: e.note.as_deref().map(Box::from),
                });
            }
        }
    }

    check_is_a_cycles(&loc, parsed, &nodes, &edges, &mut diags);

    // A lay node says nothing by itself: it must reach the article by `is_a`.
    for (ix, node) in nodes.iter().enumerate() {
        if node.lay && !edges.iter().any(|e| e.from as usize == ix && e.relation == Relation::IsA) {
            let o = origins[ix];
            diags.push(
                Diagnostic::error(format!("lay node `{}` is not a kind of anything in the article", node.id))
                    .at_opt(loc.find(o.file, At::Node(o.index, "lay")))
                    .help("add `(from: \"...\", relation: is_a, to: \"<article node>\", sources: [])`"),
            );
        }
    }
    if let Some((file, a)) = article
        && by_id.get(a.subject.as_str()).is_some_and(|&ix| nodes[ix].lay)
    {
        diags.push(
            Diagnostic::error("the article's subject cannot be a lay node")
                .at_opt(loc.find(file, At::Article("subject"))),
        );
    }

    // Warnings: nodes no edge touches.
    let mut touched = vec![false; nodes.len()];
    for e in &edges {
        touched[e.from as usize] = true;
        touched[e.to as usize] = true;
    }
    for (ix, node) in nodes.iter().enumerate() {
        if !touched[ix] && !diags.iter().any(|d| d.severity == Severity::Error) {
            let o = origins[ix];
            diags.push(
                Diagnostic::warning(format!("node `{}` has no edges", node.id))
                    .at_opt(loc.find(o.file, At::Node(o.index, "id")))
                    .help("connect it to the graph with a cited edge, or remove it"),
            );
        }
    }

    diags.sort_by_key(|d| (d.severity, d.at.as_ref().map(|l| (l.file, l.span.start))));
    let has_errors = diags.iter().any(|d| d.severity == Severity::Error);
    match (article, subject) {
        (Some((_, a)), Some(subject)) if !has_errors => {
            let names = name_index(&nodes);
            let mut id_order: Vec<u32> = (0..nodes.len() as u32).collect();
            id_order.sort_by(|&a, &b| nodes[a as usize].id.cmp(&nodes[b as usize].id));
            let data = GraphData { article: a.clone(), subject, nodes, edges, names, id_order };
            Ok(Loaded { data, warnings: diags })
        }
        _ => Err(diags),
    }
}

/// The name index: every node's id (dashes as spaces), name and aliases in
/// normal form, sorted, each with the nodes it names.
pub fn name_index(nodes: &[Node]) -> NameIndex {
    let mut pairs: Vec<(String, u32)> = Vec::with_capacity(nodes.iter().map(|n| 2 + n.aliases.len()).sum());
    for (ix, n) in nodes.iter().enumerate() {
        let forms = std::iter::once(n.id.replace('-', " "))
            .chain(std::iter::once(n.name.clone()))
            .chain(n.aliases.iter().cloned());
        for form in forms {
            pairs.push((normalize(&form), ix as u32));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let mut index = NameIndex::default();
    for (i, (form, node)) in pairs.iter().enumerate() {
        if i == 0 || pairs[i - 1].0 != *form {
            if i > 0 {
                index.node_ends.push(index.nodes.len() as u32);
            }
            index.text.push_str(form);
            index.form_ends.push(index.text.len() as u32);
        }
        index.nodes.push(*node);
    }
    if !pairs.is_empty() {
        index.node_ends.push(index.nodes.len() as u32);
    }
    index
}

fn nodes_id(parsed: &[(usize, GraphFile, Vec<String>)], origins: &[NodeOrigin], ix: usize) -> String {
    let o = origins[ix];
    parsed
        .iter()
        .find(|(f, _, _)| *f == o.file)
        .and_then(|(_, g, _)| g.nodes.get(o.index))
        .map_or_else(String::new, |n| n.id.clone())
}

fn check_article<'a>(
    loc: &Locator,
    file: usize,
    a: &'a Article,
    sections: &mut HashMap<&'a str, usize>,
    diags: &mut Vec<Diagnostic>,
) {
    if a.title.trim().is_empty() {
        diags.push(Diagnostic::error("the article has an empty title").at_opt(loc.find(file, At::Article("title"))));
    }
    if a.sections.is_empty() {
        diags.push(
            Diagnostic::error("the article lists no sections")
                .at_opt(loc.find(file, At::Article("sections")))
                .help("citations name a section id and a paragraph number, so the sections must be listed"),
        );
    }
    for (i, s) in a.sections.iter().enumerate() {
        if !is_kebab_case(&s.id) {
            diags.push(
                Diagnostic::error(format!("section id `{}` is not kebab-case", s.id))
                    .at_opt(loc.find(file, At::Section(i, "id"))),
            );
        }
        if sections.insert(s.id.as_str(), i).is_some() {
            diags.push(
                Diagnostic::error(format!("duplicate section id `{}`", s.id))
                    .at_opt(loc.find(file, At::Section(i, "id"))),
            );
        }
        if s.title.trim().is_empty() {
            diags.push(
                Diagnostic::error(format!("section `{}` has an empty title", s.id))
                    .at_opt(loc.find(file, At::Section(i, "title"))),
            );
        }
        if s.paragraphs == 0 {
            diags.push(
                Diagnostic::error(format!("section `{}` has no paragraphs", s.id))
                    .at_opt(loc.find(file, At::Section(i, "paragraphs"))),
            );
        }
    }
}

/// Domain, range and `is_a` compatibility of one edge; false if it fails.
#[allow(clippy::too_many_arguments)]
fn check_ends(
    loc: &Locator,
    file: usize,
    i: usize,
    rel: Relation,
    from: &crate::model::Node,
    to: &crate::model::Node,
    same: bool,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let at = || loc.find(file, At::Edge(i, "relation"));
    if same {
        diags.push(Diagnostic::error(format!("edge from `{}` to itself", from.id)).at_opt(at()));
        return false;
    }
    let (domain, range) = rel.domain_range();
    let list = |kinds: &[Kind]| {
        if kinds.len() == Kind::ALL.len() {
            "any kind".to_string()
        } else {
            kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
        }
    };
    let mut ok = true;
    if !domain.contains(&from.kind) {
        diags.push(
            Diagnostic::error(format!("`{rel}` cannot start at `{}`, a {}", from.id, from.kind))
                .at_opt(at())
                .label(format!("`{rel}` starts at: {}", list(domain)))
                .note(format!("`{rel}`: {}", rel.describe())),
        );
        ok = false;
    }
    if !range.contains(&to.kind) {
        diags.push(
            Diagnostic::error(format!("`{rel}` cannot end at `{}`, a {}", to.id, to.kind))
                .at_opt(at())
                .label(format!("`{rel}` ends at: {}", list(range)))
                .note(format!("`{rel}`: {}", rel.describe())),
        );
        ok = false;
    }
    if rel == Relation::IsA && !from.kind.may_be_a(to.kind) {
        diags.push(
            Diagnostic::error(format!(
                "`{}` (a {}) cannot be a kind of `{}` (a {})",
                from.id, from.kind, to.id, to.kind
            ))
            .at_opt(at())
            .help("`is_a` joins nodes of one kind, or a treatment to the general `treatment` kind"),
        );
        ok = false;
    }
    ok
}

/// Reports `is_a` cycles, one for each knot of classes that reach each
/// other, at the edge that closes it. The graph is still being built here,
/// so this is petgraph's work: its strongly connected components are the
/// knots, and a breadth-first walk inside one finds the shortest cycle
/// through its first node, for the message.
fn check_is_a_cycles(
    loc: &Locator,
    parsed: &[(usize, GraphFile, Vec<String>)],
    nodes: &[crate::model::Node],
    edges: &[Edge],
    diags: &mut Vec<Diagnostic>,
) {
    use petgraph::graph::{DiGraph, NodeIndex};
    let mut g: DiGraph<(), ()> = DiGraph::with_capacity(nodes.len(), 0);
    for _ in nodes {
        g.add_node(());
    }
    for e in edges.iter().filter(|e| e.relation == Relation::IsA && !e.negated) {
        g.add_edge(NodeIndex::new(e.from as usize), NodeIndex::new(e.to as usize), ());
    }
    for knot in petgraph::algo::tarjan_scc(&g) {
        if knot.len() < 2 {
            continue;
        }
        let inside: std::collections::HashSet<NodeIndex> = knot.iter().copied().collect();
        let Some(&start) = knot.iter().min() else { continue };
        // Parents on a breadth-first walk from `start`, until an edge leads back.
        let mut parent: HashMap<NodeIndex, NodeIndex> = HashMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        let mut last = None;
        'walk: while let Some(n) = queue.pop_front() {
            let mut next: Vec<NodeIndex> = g.neighbors(n).filter(|m| inside.contains(m)).collect();
            next.sort();
            for m in next {
                if m == start {
                    last = Some(n);
                    break 'walk;
                }
                if let std::collections::hash_map::Entry::Vacant(v) = parent.entry(m) {
                    v.insert(n);
                    queue.push_back(m);
                }
            }
        }
        let Some(last) = last else { continue };
        let mut cycle = vec![last];
        while let Some(&p) = cycle.last().and_then(|c| parent.get(c)) {
            cycle.push(p);
        }
        cycle.reverse();
        if cycle.first() != Some(&start) {
            cycle.insert(0, start);
        }
        let mut names: Vec<&str> = cycle.iter().map(|x| nodes[x.index()].id.as_str()).collect();
        names.push(&nodes[start.index()].id);
        let at = find_edge(loc, parsed, &nodes[last.index()].id, Relation::IsA, &nodes[start.index()].id);
        diags.push(
            Diagnostic::error(format!("`is_a` cycle: {}", names.join(" → ")))
                .at_opt(at)
                .label("this edge closes the cycle")
                .help("a class cannot be a kind of its own member; remove one of these edges"),
        );
    }
}

fn find_edge(
    loc: &Locator,
    parsed: &[(usize, GraphFile, Vec<String>)],
    from: &str,
    rel: Relation,
    to: &str,
) -> Option<(usize, Range<usize>)> {
    parsed.iter().find_map(|(file, g, _)| {
        let i = g.edges.iter().position(|e| e.from == from && e.relation == rel && e.to == to)?;
        loc.find(*file, At::Edge(i, "relation"))
    })
}

/// Words in a note that qualify a claim (graph/GUIDE.md): a `stated` edge
/// whose note uses one is probably hedged.
fn hedge_word(note: &str) -> Option<&'static str> {
    const HEDGES: &[&str] = &[
        "may",
        "might",
        "in some cases",
        "some experts",
        "perhaps",
        "possibly",
        "not established",
        "implied",
        "it is possible",
        "probably",
    ];
    let lower = note.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let text = words.join(" ");
    HEDGES.iter().copied().find(|h| {
        let padded = format!(" {text} ");
        padded.contains(&format!(" {h} "))
    })
}

/// Drugs, brands and products the article never names: an alias that is
/// one of them is a lay word for a member or a neighbour of the node, not a
/// synonym (graph/GUIDE.md).
fn lay_word(alias: &str) -> Option<&'static str> {
    const LAY: &[&str] = &[
        "ibuprofen",
        "naproxen",
        "aspirin",
        "diclofenac",
        "advil",
        "motrin",
        "aleve",
        "nurofen",
        "tylenol",
        "panadol",
        "codeine",
        "tramadol",
        "oxycodone",
        "morphine",
        "hydrocodone",
        "fentanyl",
        "cyclobenzaprine",
        "flexeril",
        "methocarbamol",
        "tizanidine",
        "baclofen",
        "diazepam",
        "valium",
        "carisoprodol",
        "prednisone",
        "lidocaine",
        "magnesium",
        "vitamin",
        "vitamins",
        "heating pad",
        "hot water bottle",
        "tens",
    ];
    let key = normalize(alias);
    LAY.iter().copied().find(|w| key == normalize(w))
}

#[cfg(test)]
mod tests {
    use crate::diag::Sources;

    thread_local! {
        /// How many file outlines this thread's checks have built.
        pub static OUTLINES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    const ARTICLE: &str =
        r#"(article: (title: "T", subject: "spasm", sections: [(id: "intro", title: "Intro", paragraphs: 2)]))"#;

    fn check(topic: &str) -> (bool, usize) {
        let mut sources = Sources::default();
        let files = vec![sources.add("article.ron", ARTICLE), sources.add("topic.ron", topic)];
        OUTLINES.with(|n| n.set(0));
        let ok = crate::load::load(&sources, &files).is_ok();
        (ok, OUTLINES.with(|n| n.get()))
    }

    #[test]
    fn each_knot_of_is_a_edges_is_reported_once_with_a_cycle() {
        let topic = r#"(
            nodes: [
                (id: "spasm", name: "spasm", kind: condition, summary: "A tight muscle."),
                (id: "a", name: "a", kind: condition, summary: "x"),
                (id: "b", name: "b", kind: condition, summary: "x"),
                (id: "c", name: "c", kind: condition, summary: "x"),
            ],
            edges: [
                (from: "a", relation: is_a, to: "b", sources: [("intro", 1)]),
                (from: "b", relation: is_a, to: "c", sources: [("intro", 1)]),
                (from: "c", relation: is_a, to: "a", sources: [("intro", 1)]),
                (from: "c", relation: is_a, to: "b", sources: [("intro", 1)]),
                (from: "spasm", relation: is_a, to: "a", sources: [("intro", 1)]),
            ],
        )"#;
        let mut sources = Sources::default();
        let files = vec![sources.add("article.ron", ARTICLE), sources.add("topic.ron", topic)];
        let diags = crate::load::load(&sources, &files).expect_err("cycles are errors");
        let cycles: Vec<&str> = diags.iter().map(|d| d.message.as_str()).filter(|m| m.contains("cycle")).collect();
        assert_eq!(cycles, ["`is_a` cycle: a → b → c → a"]);
    }

    #[test]
    fn a_clean_graph_is_checked_without_computing_positions() {
        let topic = r#"(
            nodes: [
                (id: "spasm", name: "spasm", kind: condition, aliases: ["cramp"], summary: "A tight muscle."),
                (id: "ice", name: "ice pack", kind: home_remedy, summary: "Cold on the sore spot."),
            ],
            edges: [(from: "ice", relation: relieves, to: "spasm", sources: [("intro", 1)])],
        )"#;
        assert_eq!(check(topic), (true, 0));
        // A problem still gets its place: the outline is built for it.
        let (ok, built) = check(&topic.replace("(\"intro\", 1)", "(\"intro\", 9)"));
        assert!(!ok);
        assert!(built > 0);
    }
}
