//! The knowledge graph as questions read it: a compiled graph
//! ([`crate::compiled`]) used in place, whether baked into the binary,
//! mapped from a cache entry or a `kg compile` file, or built in memory from
//! checked data. Nothing is decoded up front but the article's section
//! titles: nodes and edges are read as light views ([`NodeRef`],
//! [`EdgeRef`]) when asked for, adjacency comes sorted by relation, and the
//! name index is searched where it lies.

use std::path::Path;

use bytemuck::{Pod, Zeroable};
pub use petgraph::Direction;

use crate::compiled::{self, AdjRec, EdgeRec, FormatError, NONE, NodeRec, SectionRec, Store, sec};
use crate::model::{Article, Certainty, Degree, GraphData, Kind, Node, Phase, Relation, Section, Source, Window};

/// A node: its index in the graph.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct Ix(u32);

/// An edge: its index in the graph (the order the edges were given in).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct EIx(u32);

// SAFETY: transparent wrappers of u32, so the file's index arrays can be
// handed out as slices of them.
unsafe impl Zeroable for Ix {}
unsafe impl Pod for Ix {}
unsafe impl Zeroable for EIx {}
unsafe impl Pod for EIx {}

impl Ix {
    pub const fn new(i: usize) -> Ix {
        Ix(i as u32)
    }
    pub const fn index(self) -> usize {
        self.0 as usize
    }
}

impl EIx {
    pub const fn new(i: usize) -> EIx {
        EIx(i as u32)
    }
    pub const fn index(self) -> usize {
        self.0 as usize
    }
}

/// A node, read from the graph: the fields of [`crate::model::Node`], borrowed.
#[derive(Clone, Copy, Debug)]
pub struct NodeRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: Kind,
    pub summary: &'a str,
    /// A lay word, not named in the article.
    pub lay: bool,
    /// The article says what this is, not only names it.
    pub described: bool,
    pub aliases: Aliases<'a>,
}

impl<'a> NodeRef<'a> {
    /// Every alias, in the order given.
    pub fn aliases(&self) -> impl Iterator<Item = &'a str> + 'a {
        self.aliases.iter()
    }
}

/// A node's aliases, read from the graph.
#[derive(Clone, Copy)]
pub struct Aliases<'a> {
    refs: &'a [u32],
    store: &'a Store,
}

impl<'a> Aliases<'a> {
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let store = self.store;
        self.refs.iter().map(move |&r| store.str(r))
    }
    pub fn len(&self) -> usize {
        self.refs.len()
    }
    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }
    pub fn join(&self, sep: &str) -> String {
        self.iter().collect::<Vec<_>>().join(sep)
    }
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

impl std::fmt::Debug for Aliases<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for Aliases<'a> {
    type Item = &'a str;
    type IntoIter = Box<dyn Iterator<Item = &'a str> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl<'a> IntoIterator for &Aliases<'a> {
    type Item = &'a str;
    type IntoIter = Box<dyn Iterator<Item = &'a str> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl serde::Serialize for Aliases<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// An edge, read from the graph: the fields of [`crate::model::Edge`], its
/// ends as node indexes and its strings borrowed.
#[derive(Clone, Debug)]
pub struct EdgeRef<'a> {
    pub from: Ix,
    pub relation: Relation,
    pub to: Ix,
    pub sources: &'a [Source],
    pub when: Option<Window>,
    pub certainty: Certainty,
    pub note: Option<&'a str>,
    /// The article says this does NOT hold.
    pub negated: bool,
    /// How strongly the article puts it.
    pub degree: Degree,
}

/// Why a graph file could not be opened.
#[derive(Debug)]
pub enum OpenError {
    Io(std::io::Error),
    Format(FormatError),
}

/// The graph.
pub struct Graph {
    store: Store,
    /// The article, decoded (titles are shown with every citation).
    pub article: Article,
    pub subject: Ix,
    /// Every word of every name and alias, sorted: built the first time a
    /// question has a word to correct.
    words: std::sync::OnceLock<Vec<String>>,
}

impl std::fmt::Debug for Graph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Graph({:?})", self.store)
    }
}

static NO_SECTION: Section = Section { id: String::new(), title: String::new(), paragraphs: 0 };

fn kind_of(b: u8) -> Kind {
    Kind::ALL.get(usize::from(b)).copied().unwrap_or(Kind::Condition)
}

fn relation_of(b: u8) -> Relation {
    Relation::ALL.get(usize::from(b)).copied().unwrap_or(Relation::IsA)
}

impl Graph {
    /// Builds the graph from checked data, compiled in memory; node `i` of
    /// the data becomes `Ix::new(i)`. Panics only for a graph too large for
    /// the format (over 4 GiB of text); [`Graph::compile`] reports that.
    pub fn new(data: GraphData) -> Graph {
        match Graph::compile(&data) {
            Ok(g) => g,
            Err(e) => panic!("{e}"),
        }
    }

    /// Compiles checked data in memory and opens it.
    pub fn compile(data: &GraphData) -> Result<Graph, String> {
        let bytes = compiled::write::write(data, b"", cfg!(target_endian = "big"))?;
        let store = Store::from_bytes(&bytes).map_err(|e| e.to_string())?;
        Graph::from_store(store).map_err(|e| e.to_string())
    }

    /// Opens a compiled graph from a store.
    pub fn from_store(store: Store) -> Result<Graph, FormatError> {
        let sections = store
            .array::<SectionRec>(sec::SECTIONS)
            .iter()
            .map(|s| Section { id: store.str(s.id).into(), title: store.str(s.title).into(), paragraphs: s.paragraphs })
            .collect();
        let subject = Ix(store.subject);
        let article = Article {
            title: store.str(store.title).into(),
            subject: String::new(),
            source: store.str(store.source).into(),
            sections,
        };
        let mut g = Graph { store, article, subject, words: std::sync::OnceLock::new() };
        g.article.subject = g.id(subject).to_string();
        Ok(g)
    }

    /// Maps a compiled graph file and opens it (reading only its header).
    pub fn open(path: &Path) -> Result<Graph, OpenError> {
        let file = std::fs::File::open(path).map_err(OpenError::Io)?;
        let store = Store::open(&file).map_err(OpenError::Io)?.map_err(OpenError::Format)?;
        Graph::from_store(store).map_err(OpenError::Format)
    }

    /// The compiled form underneath.
    pub fn store(&self) -> &Store {
        &self.store
    }

    fn node_rec(&self, ix: Ix) -> NodeRec {
        self.store.array::<NodeRec>(sec::NODES).get(ix.index()).copied().unwrap_or_default()
    }

    fn edge_rec(&self, e: EIx) -> EdgeRec {
        self.store.array::<EdgeRec>(sec::EDGES).get(e.index()).copied().unwrap_or(EdgeRec {
            note: NONE,
            window: NONE,
            ..EdgeRec::default()
        })
    }

    pub fn node(&self, ix: Ix) -> NodeRef<'_> {
        let r = self.node_rec(ix);
        let refs = self.store.array::<u32>(sec::ALIASES);
        let start = r.aliases as usize;
        let refs = refs.get(start..start.saturating_add(usize::from(r.alias_count))).unwrap_or(&[]);
        NodeRef {
            id: self.store.str(r.id),
            name: self.store.str(r.name),
            kind: kind_of(r.kind),
            summary: self.store.str(r.summary),
            lay: r.flags & compiled::write::NODE_LAY != 0,
            described: r.flags & compiled::write::NODE_DESCRIBED != 0,
            aliases: Aliases { refs, store: &self.store },
        }
    }

    /// A node's id alone (no other field read).
    pub fn id(&self, ix: Ix) -> &str {
        self.store.str(self.node_rec(ix).id)
    }

    /// A node's name alone.
    pub fn name(&self, ix: Ix) -> &str {
        self.store.str(self.node_rec(ix).name)
    }

    /// A node's kind alone.
    pub fn kind(&self, ix: Ix) -> Kind {
        kind_of(self.node_rec(ix).kind)
    }

    pub fn edge(&self, e: EIx) -> EdgeRef<'_> {
        let r = self.edge_rec(e);
        let cites = self.store.array::<Source>(sec::CITES);
        let start = r.cites as usize;
        let sources = cites.get(start..start.saturating_add(r.cite_count as usize)).unwrap_or(&[]);
        let when = (r.window != NONE).then(|| self.window(r.window));
        EdgeRef {
            from: Ix(r.from),
            relation: relation_of(r.relation),
            to: Ix(r.to),
            sources,
            when,
            certainty: Certainty::ALL.get(usize::from(r.certainty)).copied().unwrap_or_default(),
            note: self.store.opt_str(r.note),
            negated: r.flags & compiled::write::EDGE_NEGATED != 0,
            degree: Degree::ALL.get(usize::from(r.degree)).copied().unwrap_or_default(),
        }
    }

    fn window(&self, i: u32) -> Window {
        use compiled::write::{WIN_FROM, WIN_MINUTES, WIN_ONLY, WIN_OVER, WIN_PAUSE, WIN_TO};
        let w = self.store.array::<compiled::WindowRec>(sec::WINDOWS).get(i as usize).copied().unwrap_or_default();
        let set = |bit: u8| w.has & bit != 0;
        Window {
            from_day: set(WIN_FROM).then_some(w.from_day),
            to_day: set(WIN_TO).then_some(w.to_day),
            minutes: (set(WIN_MINUTES) && !set(WIN_OVER)).then_some(w.minutes),
            pause_minutes: set(WIN_PAUSE).then_some(w.pause_minutes),
            over_minutes: set(WIN_OVER).then_some(w.minutes),
            phase: w.phase.checked_sub(1).and_then(|p| Phase::ALL.get(usize::from(p)).copied()),
            only: set(WIN_ONLY),
            lasts: self.store.opt_str(w.lasts).map(str::to_string),
            note: self.store.opt_str(w.note).map(str::to_string),
        }
    }

    /// An edge's relation alone.
    pub fn relation(&self, e: EIx) -> Relation {
        relation_of(self.edge_rec(e).relation)
    }

    /// Whether an edge is a claim the article denies, alone.
    pub fn negated(&self, e: EIx) -> bool {
        self.edge_rec(e).flags & compiled::write::EDGE_NEGATED != 0
    }

    /// An edge's certainty alone.
    pub fn certainty(&self, e: EIx) -> Certainty {
        Certainty::ALL.get(usize::from(self.edge_rec(e).certainty)).copied().unwrap_or_default()
    }

    pub fn node_count(&self) -> usize {
        self.store.node_count as usize
    }

    pub fn edge_count(&self) -> usize {
        self.store.edge_count as usize
    }

    pub fn citation_count(&self) -> usize {
        self.store.array::<Source>(sec::CITES).len()
    }

    pub fn nodes(&self) -> impl Iterator<Item = Ix> + '_ {
        (0..self.store.node_count).map(Ix)
    }

    pub fn edges(&self) -> impl Iterator<Item = EIx> + '_ {
        (0..self.store.edge_count).map(EIx)
    }

    /// Both ends of an edge.
    pub fn ends(&self, e: EIx) -> (Ix, Ix) {
        let r = self.edge_rec(e);
        (Ix(r.from), Ix(r.to))
    }

    /// A node's run of the adjacency in one direction, sorted by relation.
    fn adjacency(&self, ix: Ix, dir: Direction) -> &[AdjRec] {
        let (starts, adj) = match dir {
            Direction::Outgoing => (sec::OUT_START, sec::OUT),
            Direction::Incoming => (sec::IN_START, sec::IN),
        };
        let starts = self.store.array::<u32>(starts);
        let (Some(&a), Some(&b)) = (starts.get(ix.index()), starts.get(ix.index() + 1)) else { return &[] };
        self.store.array::<AdjRec>(adj).get(a as usize..b as usize).unwrap_or(&[])
    }

    /// Edges leaving (`Outgoing`) or entering (`Incoming`) a node, with the
    /// node at the other end, grouped by relation.
    pub fn edges_at(&self, ix: Ix, dir: Direction) -> impl Iterator<Item = (EIx, Ix)> + '_ {
        self.adjacency(ix, dir).iter().map(|a| (EIx(a.edge), Ix(a.other)))
    }

    /// Neighbours over one relation in one direction, by the claims the
    /// article makes (a denied claim is not a step: see [`Graph::denied`]).
    /// Two binary searches in the node's run, which is sorted by relation
    /// and then by whether the claim is denied.
    pub fn step(&self, ix: Ix, rel: Relation, dir: Direction) -> impl Iterator<Item = (EIx, Ix)> + '_ {
        self.run_of(ix, dir, (rel, false)).iter().map(|a| (EIx(a.edge), Ix(a.other)))
    }

    /// Neighbours over the claims of one relation that the article denies.
    pub fn denied(&self, ix: Ix, rel: Relation, dir: Direction) -> impl Iterator<Item = (EIx, Ix)> + '_ {
        self.run_of(ix, dir, (rel, true)).iter().map(|a| (EIx(a.edge), Ix(a.other)))
    }

    /// The part of a node's adjacency run with one (relation, denied) key,
    /// found by the keys the run keeps (no edge record is read).
    fn run_of(&self, ix: Ix, dir: Direction, key: (Relation, bool)) -> &[AdjRec] {
        let run = self.adjacency(ix, dir);
        let key = compiled::write::adj_key(key.0 as u8, key.1);
        let lo = run.partition_point(|a| a.key < key);
        let hi = lo + run[lo..].partition_point(|a| a.key <= key);
        &run[lo..hi]
    }

    /// The node with this exact id.
    pub fn by_id(&self, id: &str) -> Option<Ix> {
        // Every id is kebab-case (the checker sees to it): anything else
        // names no node, and the search would only read pages for nothing.
        if !crate::text::is_kebab_case(id) {
            return None;
        }
        let order = self.store.array::<Ix>(sec::ID_ORDER);
        order.binary_search_by(|&ix| self.id(ix).cmp(id)).ok().map(|i| order[i])
    }

    /// Nodes in the order of their ids (the export order).
    pub fn by_id_order(&self) -> &[Ix] {
        self.store.array::<Ix>(sec::ID_ORDER)
    }

    /// Edges sorted by (from id, relation name, to id), ties by their order
    /// in the data: the export order, computed when the graph was compiled.
    pub fn export_order(&self) -> &[EIx] {
        self.store.array::<EIx>(sec::EDGE_ORDER)
    }

    fn form_ends(&self) -> &[u32] {
        self.store.array(sec::FORM_ENDS)
    }

    /// How many forms the name index holds.
    pub fn form_count(&self) -> usize {
        self.form_ends().len()
    }

    /// The `i`th form of the name index and the nodes it names.
    pub fn form(&self, i: usize) -> (&str, &[Ix]) {
        let span = |ends: &[u32]| {
            let start = if i == 0 { 0 } else { ends.get(i - 1).map_or(0, |&e| e as usize) };
            start..ends.get(i).map_or(start, |&e| e as usize)
        };
        let text = self.store.section(sec::FORM_TEXT);
        let form = text.get(span(self.form_ends())).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("");
        let nodes = self.store.array::<Ix>(sec::FORM_NODES);
        (form, nodes.get(span(self.store.array(sec::FORM_NODE_ENDS))).unwrap_or(&[]))
    }

    /// Nodes whose id, name or an alias has this normalized form.
    pub fn by_name(&self, normalized: &str) -> &[Ix] {
        let (mut lo, mut hi) = (0, self.form_count());
        while lo < hi {
            let mid = (lo + hi) / 2;
            let (form, nodes) = self.form(mid);
            match form.cmp(normalized) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return nodes,
            }
        }
        &[]
    }

    /// Every normalized name, id and alias, with the nodes it names, sorted
    /// by form (computed when the graph was checked).
    pub fn name_index(&self) -> impl Iterator<Item = (&str, &[Ix])> + '_ {
        (0..self.form_count()).map(|i| self.form(i))
    }

    /// The forms that may be within `limit` edits of `key` (a normalized
    /// form), by their stored signatures: a superset of those that are,
    /// found without reading the others. With the lower bound of each.
    pub fn forms_near(&self, key: &str, limit: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let k = compiled::write::signature(key);
        let sigs = self.store.array::<[u64; 2]>(sec::FORM_SIGS);
        sigs.iter().enumerate().filter_map(move |(i, &s)| {
            let bound = compiled::write::distance_bound(s, k);
            (bound <= limit).then_some((i, bound))
        })
    }

    /// The forms that hold `words` (normalized, space-separated) as a run
    /// of whole words: one substring search over the index's text.
    pub fn forms_containing(&self, words: &str) -> Vec<usize> {
        let text = std::str::from_utf8(self.store.section(sec::FORM_TEXT)).unwrap_or("");
        let ends = self.form_ends();
        let mut out: Vec<usize> = Vec::new();
        if words.is_empty() {
            return out;
        }
        // Overlapping search: a match that runs across two forms (the text
        // has no separators) must not hide one that starts inside it.
        let mut from = 0;
        while let Some(p) = text.get(from..).and_then(|t| t.find(words)) {
            let at = from + p;
            from = at + text[at..].chars().next().map_or(1, char::len_utf8);
            let i = ends.partition_point(|&e| e as usize <= at);
            let (form, _) = self.form(i);
            let start = if i == 0 { 0 } else { ends[i - 1] as usize };
            let Some(a) = at.checked_sub(start) else { continue };
            let b = a + words.len();
            let whole = b <= form.len()
                && (a == 0 || form.as_bytes().get(a - 1) == Some(&b' '))
                && (b == form.len() || form.as_bytes().get(b) == Some(&b' '));
            if whole && out.last() != Some(&i) {
                out.push(i);
            }
        }
        out
    }

    /// Every distinct word of the normalized names, ids and aliases, sorted
    /// (for correcting typos word by word); built once, on first use.
    pub fn words(&self) -> &[String] {
        self.words.get_or_init(|| {
            let mut v: Vec<String> = Vec::new();
            for (form, _) in self.name_index() {
                v.extend(form.split(' ').map(str::to_string));
            }
            v.sort_unstable();
            v.dedup();
            v
        })
    }

    /// Nodes of one kind, sorted by name.
    pub fn of_kind(&self, kind: Option<Kind>) -> Vec<Ix> {
        let mut v: Vec<Ix> = self.nodes().filter(|&ix| kind.is_none_or(|k| self.kind(ix) == k)).collect();
        v.sort_by(|&a, &b| self.name(a).cmp(self.name(b)));
        v
    }

    pub fn section(&self, s: Source) -> &Section {
        self.article.sections.get(s.section as usize).unwrap_or(&NO_SECTION)
    }

    /// "Ice pack ¶1"
    pub fn cite(&self, s: Source) -> String {
        format!("{} ¶{}", self.section(s).title, s.paragraph)
    }

    /// The `is_a` ancestors of a node, nearest first, the node itself first.
    pub fn ancestors(&self, ix: Ix) -> Vec<Ix> {
        self.ancestor_chains(ix).into_iter().map(|(n, _)| n).collect()
    }

    /// [`Graph::ancestors`], each with the `is_a` edges that reach it from
    /// the node (empty for the node itself).
    pub fn ancestor_chains(&self, ix: Ix) -> Vec<(Ix, Vec<EIx>)> {
        let mut out: Vec<(Ix, Vec<EIx>)> = vec![(ix, Vec::new())];
        let mut i = 0;
        while i < out.len() {
            let (cur, chain) = out[i].clone();
            for (e, up) in self.step(cur, Relation::IsA, Direction::Outgoing) {
                if !out.iter().any(|(c, _)| *c == up) {
                    let mut chain = chain.clone();
                    chain.push(e);
                    out.push((up, chain));
                }
            }
            i += 1;
        }
        out
    }

    /// The graph as checked data again: what `kg compile` would have been
    /// given. For tests and round trips; a question never needs it.
    pub fn to_data(&self) -> GraphData {
        let nodes: Vec<Node> = self
            .nodes()
            .map(|ix| {
                let n = self.node(ix);
                Node {
                    id: n.id.into(),
                    name: n.name.into(),
                    kind: n.kind,
                    aliases: n.aliases.to_vec(),
                    summary: n.summary.into(),
                    lay: n.lay,
                    described: n.described,
                }
            })
            .collect();
        let edges = self
            .edges()
            .map(|e| {
                let r = self.edge(e);
                crate::model::Edge {
                    from: r.from.0,
                    relation: r.relation,
                    to: r.to.0,
                    sources: r.sources.into(),
                    when: r.when.map(Box::new),
                    certainty: r.certainty,
                    negated: r.negated,
                    note: r.note.map(Box::from),
                    degree: r.degree,
                }
            })
            .collect();
        let mut names = crate::model::NameIndex::default();
        for i in 0..self.form_count() {
            let (form, ixs) = self.form(i);
            names.text.push_str(form);
            names.form_ends.push(names.text.len() as u32);
            names.nodes.extend(ixs.iter().map(|ix| ix.0));
            names.node_ends.push(names.nodes.len() as u32);
        }
        GraphData {
            article: self.article.clone(),
            subject: self.subject.0,
            nodes,
            edges,
            names,
            id_order: self.by_id_order().iter().map(|ix| ix.0).collect(),
        }
    }
}
