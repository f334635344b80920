//! The knowledge graph in memory: a petgraph `Graph` whose weights are the
//! schema's nodes and edges, the article's sections, and lookups by id and
//! by normalized name or alias (the name index comes computed with the
//! checked data).

use petgraph::Direction;
use petgraph::visit::EdgeRef;

use crate::model::{Article, Edge, GraphData, Kind, NameIndex, Node, Relation, Section, Source};

pub type Ix = petgraph::graph::NodeIndex<u32>;
pub type EIx = petgraph::graph::EdgeIndex<u32>;

pub struct Graph {
    pub article: Article,
    pub subject: Ix,
    pub g: petgraph::Graph<Node, Edge>,
    /// Node indexes sorted by id (computed when the graph was checked).
    id_order: Vec<u32>,
    names: NameIndex,
    /// The index's node lists (`NameIndex::nodes`, moved out), as node indexes.
    name_nodes: Vec<Ix>,
    /// Every word of every name and alias, sorted: built the first time a
    /// question has a word to correct.
    words: std::sync::OnceLock<Vec<String>>,
}

/// Hands each element of `v` to `f` in order, giving the list's memory back
/// as it empties, so a large graph is not held twice while it moves into
/// petgraph: reverse in place, pop from the end, shrink now and then.
fn drain_freeing<T>(mut v: Vec<T>, mut f: impl FnMut(T)) {
    v.reverse();
    while let Some(x) = v.pop() {
        f(x);
        if v.len().is_multiple_of(65_536) {
            v.shrink_to_fit();
        }
    }
}

impl Graph {
    /// Builds the graph from checked data; node `i` of the data becomes
    /// `Ix::new(i)`.
    pub fn new(data: GraphData) -> Graph {
        let mut g = petgraph::Graph::with_capacity(data.nodes.len(), data.edges.len());
        drain_freeing(data.nodes, |n| {
            g.add_node(n);
        });
        drain_freeing(data.edges, |e| {
            let (a, b) = (Ix::new(e.from as usize), Ix::new(e.to as usize));
            g.add_edge(a, b, e);
        });
        // The index's node list moves out as node indexes (same size: the
        // allocation is reused); the rest of the index stays as decoded.
        let mut names = data.names;
        let name_nodes = std::mem::take(&mut names.nodes).into_iter().map(|n| Ix::new(n as usize)).collect();
        Graph {
            article: data.article,
            subject: Ix::new(data.subject as usize),
            g,
            id_order: data.id_order,
            names,
            name_nodes,
            words: std::sync::OnceLock::new(),
        }
    }

    pub fn node(&self, ix: Ix) -> &Node {
        &self.g[ix]
    }

    pub fn edge(&self, e: EIx) -> &Edge {
        &self.g[e]
    }

    pub fn node_count(&self) -> usize {
        self.g.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.g.edge_count()
    }

    pub fn citation_count(&self) -> usize {
        self.g.edge_weights().map(|e| e.sources.len()).sum()
    }

    pub fn nodes(&self) -> impl Iterator<Item = Ix> + '_ {
        self.g.node_indices()
    }

    pub fn edges(&self) -> impl Iterator<Item = EIx> + '_ {
        self.g.edge_indices()
    }

    /// Both ends of an edge.
    pub fn ends(&self, e: EIx) -> (Ix, Ix) {
        let edge = &self.g[e];
        (Ix::new(edge.from as usize), Ix::new(edge.to as usize))
    }

    /// Edges leaving (`Outgoing`) or entering (`Incoming`) a node, with the
    /// node at the other end.
    pub fn edges_at(&self, ix: Ix, dir: Direction) -> impl Iterator<Item = (EIx, Ix)> + '_ {
        self.g.edges_directed(ix, dir).map(move |er| {
            let other = if dir == Direction::Outgoing { er.target() } else { er.source() };
            (er.id(), other)
        })
    }

    /// Neighbours over one relation in one direction, by the claims the
    /// article makes (a denied claim is not a step: see [`Graph::denied`]).
    pub fn step(&self, ix: Ix, rel: Relation, dir: Direction) -> impl Iterator<Item = (EIx, Ix)> + '_ {
        self.edges_at(ix, dir).filter(move |&(e, _)| self.g[e].relation == rel && !self.g[e].negated)
    }

    /// Neighbours over the claims of one relation that the article denies.
    pub fn denied(&self, ix: Ix, rel: Relation, dir: Direction) -> impl Iterator<Item = (EIx, Ix)> + '_ {
        self.edges_at(ix, dir).filter(move |&(e, _)| self.g[e].relation == rel && self.g[e].negated)
    }

    /// The node with this exact id.
    pub fn by_id(&self, id: &str) -> Option<Ix> {
        let ids = &self.id_order;
        ids.binary_search_by(|&ix| self.g[Ix::new(ix as usize)].id.as_str().cmp(id))
            .ok()
            .map(|i| Ix::new(ids[i] as usize))
    }

    /// Nodes whose id, name or an alias has this normalized form.
    pub fn by_name(&self, normalized: &str) -> &[Ix] {
        self.names.find(normalized).map_or(&[], |i| &self.name_nodes[self.names.node_span(i)])
    }

    /// Every normalized name, id and alias, with the nodes it names, sorted
    /// by form (computed when the graph was checked).
    pub fn name_index(&self) -> impl Iterator<Item = (&str, &[Ix])> + '_ {
        (0..self.names.len()).map(|i| (self.names.form(i), &self.name_nodes[self.names.node_span(i)]))
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
        let mut v: Vec<Ix> = self.g.node_indices().filter(|&ix| kind.is_none_or(|k| self.g[ix].kind == k)).collect();
        v.sort_by(|&a, &b| self.g[a].name.cmp(&self.g[b].name));
        v
    }

    pub fn section(&self, s: Source) -> &Section {
        &self.article.sections[s.section as usize]
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
}
