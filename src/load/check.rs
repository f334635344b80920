//! The checks that turn parsed graph files into a [`GraphData`]: ids, names,
//! aliases, edge ends, domain and range, citations, timing windows, `is_a`
//! cycles. Every problem is reported, each at its own `file:line:col`.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use super::outline::{self, Value};
use super::{Loaded, Salvaged};
use crate::diag::{Diagnostic, Severity, Sources};
use crate::model::{Article, Certainty, Edge, GraphData, GraphFile, Kind, NameIndex, Node, Relation, Source};
use crate::text::{is_kebab_case, normalize, suggest};

/// A place in a file, when it could be found.
type Place = Option<(usize, Range<usize>)>;

/// A place in a file not looked up yet: a file and a path to a value in it.
/// Kept in the maps that may report a second occurrence, so a clean load
/// never outlines a file (and a huge file is outlined only where needed).
type Spot = (usize, At);

/// Finds where things are in the files. A file's top is outlined the first
/// time a problem there needs a position, and then only the item (node,
/// edge, the article) that holds the problem.
struct Locator<'a> {
    sources: &'a Sources,
    /// Each file's top: its fields and the spans of their items.
    tops: Vec<OnceCell<Option<Value>>>,
    /// For files read item by item, each parsed node's and edge's index among
    /// the file's items (parsed items and the file's items differ after an
    /// item that failed).
    salvaged: Vec<Option<(Vec<usize>, Vec<usize>)>>,
    /// The item outlined last, reused while one item's problems are reported.
    last: RefCell<Option<(ItemKey, Rc<Option<Value>>)>>,
}

/// A path to a value inside a graph file.
#[derive(Clone, Copy)]
enum At {
    Node(usize, &'static str),
    NodeAlias(usize, usize),
    Edge(usize, &'static str),
    EdgeSource(usize, usize),
    Article(&'static str),
    Section(usize, &'static str),
}

/// An item of a file: the file, its list, its index in the list.
type ItemKey = (usize, List, usize);

/// The parts of a file that hold items.
#[derive(Clone, Copy, PartialEq, Eq)]
enum List {
    Nodes,
    Edges,
    Article,
}

impl Locator<'_> {
    fn find(&self, file: usize, at: At) -> Place {
        let v = match at {
            At::Node(i, field) => self.item(file, List::Nodes, i)?.as_ref().as_ref()?.field(field)?.span.clone(),
            At::NodeAlias(i, j) => {
                self.item(file, List::Nodes, i)?.as_ref().as_ref()?.field("aliases")?.item_span(j)?
            }
            At::Edge(i, field) => self.item(file, List::Edges, i)?.as_ref().as_ref()?.field(field)?.span.clone(),
            At::EdgeSource(i, j) => {
                self.item(file, List::Edges, i)?.as_ref().as_ref()?.field("sources")?.item_span(j)?
            }
            At::Article(field) => self.item(file, List::Article, 0)?.as_ref().as_ref()?.field(field)?.span.clone(),
            At::Section(i, field) => {
                let article = self.item(file, List::Article, 0)?;
                article.as_ref().as_ref()?.field("sections")?.item(i)?.field(field)?.span.clone()
            }
        };
        Some((file, v))
    }

    fn spot(&self, (file, at): Spot) -> Place {
        self.find(file, at)
    }

    /// The `i`-th parsed node or edge of a file (or its article), outlined
    /// alone, with spans in the file.
    fn item(&self, file: usize, list: List, i: usize) -> Option<Rc<Option<Value>>> {
        if let Some((key, v)) = self.last.borrow().as_ref()
            && *key == (file, list, i)
        {
            return Some(v.clone());
        }
        let text = &self.sources.files.get(file)?.text;
        let top = self.tops.get(file)?.get_or_init(|| outline::outline_top(text)).as_ref()?;
        let salvaged = self.salvaged.get(file).and_then(Option::as_ref);
        let span = match list {
            List::Nodes => top.field("nodes")?.item_span(salvaged.map_or(Some(i), |(n, _)| n.get(i).copied())?)?,
            List::Edges => top.field("edges")?.item_span(salvaged.map_or(Some(i), |(_, e)| e.get(i).copied())?)?,
            List::Article => top.field("article")?.span.clone(),
        };
        let v = Rc::new(outline::outline(&text[span.clone()]).map(|v| v.shifted(span.start)));
        *self.last.borrow_mut() = Some(((file, list, i), v.clone()));
        Some(v)
    }

    fn position(&self, loc: Place) -> String {
        let Some((file, span)) = loc else { return "an earlier file".into() };
        Diagnostic::error("").at(file, span).position(self.sources).unwrap_or_default()
    }
}

/// Character comparisons that "did you mean" for unknown ids may spend in
/// one check: a few tenths of a second at most. A graph with more unknown
/// ids than that pays for gets the suggestions for the first ones only.
const SUGGEST_BUDGET: usize = 50_000_000;

/// "Did you mean" over a large set of ids at a bounded cost. Comparing every
/// unknown id with every id would be quadratic: hours for a million edges.
/// Instead a word is compared first with its neighbours in sorted order and
/// in sorted order of the reversed ids (a typo late or early in a long id,
/// found by binary search), then with the ids a typo away in length (they
/// are grouped by length) as long as a budget shared by the whole check
/// lasts, and with the ids it starts.
struct Nearby<'a> {
    by_len: HashMap<usize, Vec<&'a str>>,
    sorted: Vec<&'a str>,
    /// Sorted by their characters read backwards.
    backwards: Vec<&'a str>,
}

/// How many neighbours on each side of a word's place in the sorted lists.
const NEIGHBOURS: usize = 16;

impl<'a> Nearby<'a> {
    fn new(names: impl Iterator<Item = &'a str>) -> Nearby<'a> {
        let mut sorted: Vec<&str> = names.collect();
        sorted.sort_unstable();
        let mut backwards = sorted.clone();
        backwards.sort_unstable_by(|a, b| a.chars().rev().cmp(b.chars().rev()));
        let mut by_len: HashMap<usize, Vec<&str>> = HashMap::new();
        for &n in &sorted {
            by_len.entry(n.chars().count()).or_default().push(n);
        }
        Nearby { by_len, sorted, backwards }
    }

    fn suggest(&self, word: &str, budget: &Cell<usize>) -> Option<&'a str> {
        let around = |list: &[&'a str], at: usize| {
            list[at.saturating_sub(NEIGHBOURS)..(at + NEIGHBOURS).min(list.len())].to_vec()
        };
        let at = self.sorted.partition_point(|s| *s < word);
        let back = self.backwards.partition_point(|s| s.chars().rev().lt(word.chars().rev()));
        let starting = self.sorted[at..].iter().copied().take_while(|s| s.starts_with(word)).take(64);
        let len = word.chars().count();
        let reach = crate::text::max_typo_distance(word);
        let cost = len.max(1) * (2 * reach + 1);
        let near = (len.saturating_sub(reach)..=len + reach).filter_map(|l| self.by_len.get(&l)).flatten().copied();
        let paid = near.take_while(|_| match budget.get().checked_sub(cost) {
            Some(left) => {
                budget.set(left);
                true
            }
            None => false,
        });
        let first = around(&self.sorted, at).into_iter().chain(around(&self.backwards, back));
        suggest(word, first.chain(starting).chain(paid))
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
    salvaged: Vec<(usize, Salvaged)>,
    mut diags: Vec<Diagnostic>,
    unreadable: bool,
) -> Result<Loaded, Vec<Diagnostic>> {
    let mut loc = Locator {
        sources,
        tops: (0..sources.files.len()).map(|_| OnceCell::new()).collect(),
        salvaged: (0..sources.files.len()).map(|_| None).collect(),
        last: RefCell::new(None),
    };
    for (file, s) in salvaged {
        if file < sources.files.len() {
            let _ = loc.tops[file].set(Some(s.top));
            loc.salvaged[file] = Some((s.nodes, s.edges));
        }
    }
    let loc = loc;
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
            let here = |field: &'static str| loc.find(file, At::Node(i, field));
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
                let key = normalize(text);
                if key.is_empty() {
                    if !text.trim().is_empty() || what == "alias" {
                        diags.push(
                            Diagnostic::error(format!("{what} `{text}` of node `{}` has no words to match", node.id))
                                .at_opt(loc.spot(spot)),
                        );
                    }
                    return;
                }
                match names.get(&key) {
                    Some(&(other, first)) if other != ix => {
                        let other_id = &nodes_id(parsed, &origins, other);
                        diags.push(
                            Diagnostic::error(format!("{what} `{text}` names two nodes: `{other_id}` and `{}`", node.id))
                                .at_opt(loc.spot(spot))
                                .label(format!("also a name of `{other_id}`"))
                                .note(format!("`{other_id}` claims it at {}", loc.position(loc.spot(first))))
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

    // "Did you mean" for unknown ids, built at the first one and shared.
    let budget = Cell::new(SUGGEST_BUDGET);
    let near_ids: OnceCell<Nearby> = OnceCell::new();
    let near_sections: OnceCell<Nearby> = OnceCell::new();
    let subject = article.and_then(|(file, a)| match by_id.get(a.subject.as_str()) {
        Some(&ix) => Some(ix as u32),
        None if unreadable || failed.contains(a.subject.as_str()) => None,
        None => {
            let mut d = Diagnostic::error(format!("the article's subject `{}` is not a node", a.subject))
                .at_opt(loc.find(file, At::Article("subject")));
            if let Some(s) = near_ids.get_or_init(|| Nearby::new(by_id.keys().copied())).suggest(&a.subject, &budget) {
                d = d.help(format!("did you mean `{s}`?"));
            }
            diags.push(d);
            None
        }
    });

    // Edges: ends, domain and range, citations, windows, duplicates.
    let mut edges = Vec::new();
    // Each claim (or denial) by its ends, relation and certainty, with its
    // days: a duplicate, or a claim's denial, is found by lookup, not by a
    // scan of every edge before it.
    type Days = (u16, Option<u16>);
    type ClaimKey = (usize, Relation, usize, bool, Certainty);
    let mut seen: HashMap<ClaimKey, (Spot, Days)> = HashMap::new();
    for (file, graph, _) in parsed {
        for (i, e) in graph.edges.iter().enumerate() {
            let file = *file;
            let here = |field: &'static str| loc.find(file, At::Edge(i, field));
            let mut end = |id: &str, field: &'static str| -> Option<usize> {
                if let Some(&ix) = by_id.get(id) {
                    return Some(ix);
                }
                if !failed.contains(id) && !unreadable {
                    let mut d = Diagnostic::error(format!("edge `{field}` names an unknown node `{id}`"))
                        .at_opt(here(field))
                        .label("no node has this id");
                    if let Some(s) = near_ids.get_or_init(|| Nearby::new(by_id.keys().copied())).suggest(id, &budget) {
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
                let days = e.when.as_ref().map_or((0, None), |w| (w.from_day.unwrap_or(0), w.to_day));
                let key = (f, e.relation, t, e.negated, e.certainty);
                if let Some((first, _)) = seen.get(&key) {
                    diags.push(
                        Diagnostic::error(format!("duplicate edge `{}` {} `{}`", e.from, e.relation, e.to))
                            .at_opt(here("relation"))
                            .note(format!("first given at {}", loc.position(loc.spot(*first))))
                            .help("give one edge and list every citation in its `sources`"),
                    );
                    ok = false;
                } else {
                    seen.insert(key, ((file, At::Edge(i, "relation")), days));
                }
                // A claim and its denial must not cover the same days.
                let (a, b) = days;
                let denial = Certainty::ALL.iter().find_map(|&c| {
                    let (spot, (c_from, c_to)) = seen.get(&(f, e.relation, t, !e.negated, c))?;
                    (b.is_none_or(|b| *c_from < b) && c_to.is_none_or(|ct| ct > a)).then_some(*spot)
                });
                if let Some(first) = denial {
                    diags.push(
                        Diagnostic::error(format!(
                            "`{}` {} `{}` is both claimed and denied for the same days",
                            e.from, e.relation, e.to
                        ))
                        .at_opt(here("negated"))
                        .note(format!("the other claim is at {}", loc.position(loc.spot(first))))
                        .help("give the two edges timing windows that do not overlap, or keep one"),
                    );
                    ok = false;
                }
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
                        if let Some(s) = near_sections
                            .get_or_init(|| Nearby::new(sections.keys().copied()))
                            .suggest(&cite.0, &budget)
                        {
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
                if w.minutes.is_some() && w.over_minutes.is_some() {
                    diags.push(
                        Diagnostic::error("a timing window has both `minutes` and `over_minutes`")
                            .at_opt(here("when"))
                            .help("`minutes` is a session of about that long; `over_minutes` holds only past that long: give one"),
                    );
                    ok = false;
                }
                if w.only && e.relation != Relation::IndicatedIf {
                    diags.push(
                        Diagnostic::error("`only` belongs on an `indicated_if` edge")
                            .at_opt(here("when"))
                            .help("`only: true` says a treatment is for the cases its `indicated_if` edges name, and not otherwise"),
                    );
                    ok = false;
                }
                for (name, v) in
                    [("minutes", w.minutes), ("pause_minutes", w.pause_minutes), ("over_minutes", w.over_minutes)]
                {
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
                    degree: e.degree,
                });
            }
        }
    }

    check_is_a_cycles(&loc, parsed, &nodes, &edges, &mut diags);

    // A lay node says nothing by itself: it must reach the article by `is_a`.
    // (One pass over the edges, not one per lay node.)
    let mut is_a_from = vec![false; nodes.len()];
    for e in edges.iter().filter(|e| e.relation == Relation::IsA) {
        is_a_from[e.from as usize] = true;
    }
    for (ix, node) in nodes.iter().enumerate() {
        if node.lay && !is_a_from[ix] {
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

    const ARTICLE: &str =
        r#"(article: (title: "T", subject: "spasm", sections: [(id: "intro", title: "Intro", paragraphs: 2)]))"#;

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
}
