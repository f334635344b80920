//! The evaluator: names resolved to nodes, clauses joined one at a time in
//! the order that keeps the work smallest, each answer keeping the edges that
//! matched (its support) so it can say why.
//!
//! Every query runs on a work budget ([`MAX_WORK`]): each step a path walk
//! takes, each edge of a chain copied and each partial answer built is
//! counted as it happens, so a query that would take the machine
//! (`?x (causes|^causes)* ?y` on a large graph) stops early with an error
//! naming the clause, instead of after minutes and gigabytes.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use petgraph::Direction;

use super::ast::{Clause, Days, Path, Query, Term};
use crate::diag::Diagnostic;
use crate::graph::{EIx, Graph, Ix};
use crate::model::{Kind, Relation};
use crate::resolve::resolve;

/// Partial answers beyond this mean the query is too broad to finish.
pub const MAX_ROWS: usize = 200_000;

/// Units of work a query may spend: a step of a walk, an edge of a chain
/// copied, a value of a partial answer. About a second and a few hundred
/// megabytes at most; every question about one article needs far less.
pub const MAX_WORK: u64 = 30_000_000;

/// The work left; spending past it stops the query.
struct Budget(Cell<u64>);

/// The budget ran out.
#[derive(Debug)]
struct Exhausted;

impl Budget {
    fn spend(&self, units: usize) -> Result<(), Exhausted> {
        let left = self.0.get().checked_sub(units as u64).ok_or(Exhausted)?;
        self.0.set(left);
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum CTerm {
    Var(usize),
    Node(Ix),
}

#[derive(Clone, Debug)]
enum CClause {
    Triple { negated: bool, s: CTerm, path: Path, o: CTerm, during: Option<Days>, text: String },
    Kind { var: usize, kinds: Vec<Kind>, text: String },
}

impl CClause {
    /// The clause as written, for messages.
    fn text(&self) -> &str {
        match self {
            CClause::Triple { text, .. } | CClause::Kind { text, .. } => text,
        }
    }
}

/// A term as a query writes it.
fn term_text(t: &Term) -> String {
    match t {
        Term::Var(v, _) => format!("?{v}"),
        Term::Node(n, _) => format!("{n:?}"),
    }
}

/// A query with its names resolved, ready to run.
#[derive(Clone, Debug)]
pub struct Compiled {
    pub vars: Vec<String>,
    select: Vec<usize>,
    clauses: Vec<CClause>,
    limit: Option<usize>,
    /// Nodes named in the query, in order.
    pub named: Vec<Ix>,
    /// "taking "x" as "y"" notes for names taken as near matches, and a
    /// note for a name of a kind its relation never reaches.
    pub notes: Vec<String>,
}

/// One answer: a node per projected variable, and the edges that support it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub values: Vec<Ix>,
    pub support: Vec<EIx>,
}

#[derive(Clone, Debug)]
pub struct QueryResult {
    pub vars: Vec<String>,
    pub rows: Vec<Row>,
}

/// Resolves names and variables. Diagnostics point into source 0.
pub fn compile(g: &Graph, q: &Query) -> Result<Compiled, Diagnostic> {
    let mut vars: Vec<String> = Vec::new();
    let mut named = Vec::new();
    let mut notes = Vec::new();
    let var = |name: &str, vars: &mut Vec<String>| match vars.iter().position(|v| v == name) {
        Some(i) => i,
        None => {
            vars.push(name.to_string());
            vars.len() - 1
        }
    };
    let mut term = |t: &Term, vars: &mut Vec<String>| -> Result<CTerm, Diagnostic> {
        match t {
            Term::Var(v, _) => Ok(CTerm::Var(var(v, vars))),
            Term::Node(text, span) => match resolve(g, text) {
                Ok(r) => {
                    if !r.exact {
                        notes.push(format!("taking \"{text}\" as \"{}\"", g.node(r.ix).name));
                    }
                    named.push(r.ix);
                    Ok(CTerm::Node(r.ix))
                }
                Err(e) => {
                    let (message, helps) = e.describe(g);
                    let mut d = Diagnostic::error(message).at(0, span.clone());
                    for h in helps {
                        d = d.help(h);
                    }
                    Err(d)
                }
            },
        }
    };
    let mut clauses = Vec::new();
    for c in &q.clauses {
        clauses.push(match c {
            Clause::Triple { negated, subject, path, object, during } => CClause::Triple {
                negated: *negated,
                s: term(subject, &mut vars)?,
                path: path.clone(),
                o: term(object, &mut vars)?,
                during: *during,
                text: format!(
                    "{}{} {path} {}",
                    if *negated { "not " } else { "" },
                    term_text(subject),
                    term_text(object)
                ),
            },
            Clause::Kind { var: v, kinds, .. } => CClause::Kind {
                var: var(v, &mut vars),
                kinds: kinds.clone(),
                text: format!("?{v} : {}", kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join("|")),
            },
        });
    }
    if !q.clauses.iter().any(|c| matches!(c, Clause::Triple { negated: false, .. } | Clause::Kind { .. })) {
        return Err(Diagnostic::error("a query needs at least one clause that is not negated")
            .at(0, 0..0)
            .help("say what to look for, then what to exclude: `?t treats \"spasm\", not ?t risks ?h`"));
    }
    // A variable seen only under `not` cannot be an answer.
    let positive: HashSet<usize> = clauses
        .iter()
        .flat_map(|c| match c {
            CClause::Triple { negated: false, s, o, .. } => [s, o].into_iter().filter_map(var_of).collect::<Vec<_>>(),
            CClause::Kind { var, .. } => vec![*var],
            _ => vec![],
        })
        .collect();
    let mut select = Vec::new();
    for (name, span) in &q.select {
        match vars.iter().position(|v| v == name) {
            Some(i) if positive.contains(&i) => select.push(i),
            Some(_) => {
                return Err(Diagnostic::error(format!("`?{name}` appears only under `not`, so it has no value"))
                    .at(0, span.clone()));
            }
            None => {
                return Err(Diagnostic::error(format!("`?{name}` is selected but not used in any clause"))
                    .at(0, span.clone())
                    .help("use it in a clause, or remove it from `select`"));
            }
        }
    }
    if select.is_empty() {
        select = (0..vars.len()).filter(|i| positive.contains(i)).collect();
    }
    for (c, written) in clauses.iter().zip(&q.clauses) {
        if let (CClause::Triple { negated: false, s, path, o, .. }, Clause::Triple { subject, object, .. }) =
            (c, written)
        {
            notes.extend(wrong_kind(g, s, subject, path, o, object));
        }
    }
    Ok(Compiled { vars, select, clauses, limit: q.limit, named, notes })
}

/// A note when a clause names a node its relation can never reach (`?x
/// treats "muscles"`: `treats` points to conditions and symptoms, and
/// `muscles` is a body part), with the nearest node of a kind it can.
fn wrong_kind(g: &Graph, s: &CTerm, subject: &Term, path: &Path, o: &CTerm, object: &Term) -> Option<String> {
    let (rel, inverse) = match path {
        Path::Step(r) => (*r, false),
        Path::Inverse(p) => match p.as_ref() {
            Path::Step(r) => (*r, true),
            _ => return None,
        },
        _ => return None,
    };
    let (domain, range) = rel.domain_range();
    let (from, to) = if inverse { ((o, object), (s, subject)) } else { ((s, subject), (o, object)) };
    let (ix, written, allowed, end) =
        [(from, domain, "from"), (to, range, "to")].into_iter().find_map(|((t, w), k, end)| match (t, w) {
            (CTerm::Node(ix), Term::Node(text, _)) if !k.contains(&g.node(*ix).kind) => Some((*ix, text, k, end)),
            _ => None,
        })?;
    let kinds: Vec<&str> = allowed.iter().map(|k| k.label()).collect();
    let kinds = match kinds.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => return None,
    };
    let a = |word: &str| if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    let node = g.node(ix);
    let mut note = format!(
        "`{}` is {} {}, and `{rel}` only goes {end} {} {kinds}",
        written.trim(),
        a(node.kind.label()),
        node.kind.label(),
        a(&kinds)
    );
    if let Some(near) = nearest_of_kinds(g, node.name, allowed) {
        note.push_str(&format!("; did you mean `{}`?", g.node(near).name));
    }
    Some(note)
}

/// The node of one of `kinds` whose name is nearest `name`: most words in
/// common first, then fewest edits. None shares a word: no suggestion.
fn nearest_of_kinds(g: &Graph, name: &str, kinds: &[Kind]) -> Option<Ix> {
    use crate::text::{edit_distance, normalize};
    let key = normalize(name);
    let words: HashSet<&str> = key.split(' ').collect();
    g.nodes()
        .filter(|&ix| kinds.contains(&g.node(ix).kind))
        .map(|ix| {
            let other = normalize(g.node(ix).name);
            let shared = other.split(' ').filter(|w| words.contains(w)).count();
            ((std::cmp::Reverse(shared), edit_distance(&key, &other)), ix)
        })
        .filter(|((shared, _), _)| shared.0 > 0)
        .min_by(|(a, x), (b, y)| a.cmp(b).then_with(|| g.node(*x).name.cmp(g.node(*y).name)))
        .map(|(_, ix)| ix)
}

fn var_of(t: &CTerm) -> Option<usize> {
    match t {
        CTerm::Var(v) => Some(*v),
        CTerm::Node(_) => None,
    }
}

#[derive(Clone)]
struct State {
    vals: Vec<Option<Ix>>,
    support: Vec<EIx>,
}

/// Runs a compiled query, within the work budget ([`MAX_WORK`]).
pub fn eval(g: &Graph, c: &Compiled) -> Result<QueryResult, Diagnostic> {
    eval_within(g, c, MAX_WORK)
}

/// Runs a compiled query with `work` units of work to spend.
fn eval_within(g: &Graph, c: &Compiled, work: u64) -> Result<QueryResult, Diagnostic> {
    let budget = Budget(Cell::new(work));
    let too_broad = |clause: &CClause| {
        Diagnostic::error(format!("the query is too broad: `{}` needs more work than a query may do", clause.text()))
            .help("name a node, add a clause or a kind filter to narrow it")
            .note(format!("a query may take {MAX_WORK} steps (walk steps, chain edges and partial answers)"))
    };
    let mut states = vec![State { vals: vec![None; c.vars.len()], support: Vec::new() }];
    let mut pending: Vec<&CClause> = c.clauses.iter().collect();
    let mut bound = vec![false; c.vars.len()];
    let is_bound = |t: &CTerm, bound: &[bool]| match t {
        CTerm::Node(_) => true,
        CTerm::Var(v) => bound[*v],
    };
    // Variables that some positive clause binds; the rest, under `not`, are existential.
    let binders: HashSet<usize> = c
        .clauses
        .iter()
        .flat_map(|cl| match cl {
            CClause::Triple { negated: false, s, o, .. } => [s, o].into_iter().filter_map(var_of).collect::<Vec<_>>(),
            CClause::Kind { var, .. } => vec![*var],
            _ => vec![],
        })
        .collect();
    while !pending.is_empty() && !states.is_empty() {
        // Filters first, as soon as they can run; then the best-bound triple.
        let ready = pending.iter().position(|cl| match cl {
            CClause::Kind { var, .. } => bound[*var],
            CClause::Triple { negated: true, s, o, .. } => {
                [s, o].into_iter().all(|t| is_bound(t, &bound) || var_of(t).is_some_and(|v| !binders.contains(&v)))
            }
            _ => false,
        });
        let pick = ready.unwrap_or_else(|| {
            let score = |cl: &&CClause| match cl {
                CClause::Triple { negated: false, s, o, .. } => {
                    2 + usize::from(is_bound(s, &bound)) + usize::from(is_bound(o, &bound))
                }
                CClause::Kind { .. } => 1,
                _ => 0,
            };
            let best = pending.iter().enumerate().max_by_key(|(i, cl)| (score(cl), usize::MAX - i));
            best.map_or(0, |(i, _)| i)
        });
        let clause = pending.remove(pick);
        let mut next = Vec::new();
        // A partial answer costs its values and its support to copy.
        let cost = |st: &State| 1 + st.vals.len() + st.support.len();
        for st in &states {
            match clause {
                CClause::Kind { var, kinds, .. } => match st.vals[*var] {
                    Some(ix) => {
                        if kinds.contains(&g.kind(ix)) {
                            budget.spend(cost(st)).map_err(|_| too_broad(clause))?;
                            next.push(st.clone());
                        }
                    }
                    None => {
                        for ix in g.nodes().filter(|&ix| kinds.contains(&g.kind(ix))) {
                            budget.spend(cost(st)).map_err(|_| too_broad(clause))?;
                            let mut s2 = st.clone();
                            s2.vals[*var] = Some(ix);
                            next.push(s2);
                        }
                    }
                },
                CClause::Triple { negated: true, s, path, o, during, .. } => {
                    if matches(g, st, s, path, o, *during, &budget).map_err(|_| too_broad(clause))?.is_empty() {
                        budget.spend(cost(st)).map_err(|_| too_broad(clause))?;
                        next.push(st.clone());
                    }
                }
                CClause::Triple { negated: false, s, path, o, during, .. } => {
                    for (a, b, witness) in
                        matches(g, st, s, path, o, *during, &budget).map_err(|_| too_broad(clause))?
                    {
                        budget.spend(cost(st) + witness.len()).map_err(|_| too_broad(clause))?;
                        let mut s2 = st.clone();
                        if let CTerm::Var(v) = s {
                            s2.vals[*v] = Some(a);
                        }
                        if let CTerm::Var(v) = o {
                            s2.vals[*v] = Some(b);
                        }
                        for e in witness {
                            if !s2.support.contains(&e) {
                                s2.support.push(e);
                            }
                        }
                        next.push(s2);
                    }
                }
            }
            if next.len() > MAX_ROWS {
                return Err(Diagnostic::error(format!("the query matches too much (over {MAX_ROWS} partial answers)"))
                    .help("name a node, add a clause or a kind filter to narrow it"));
            }
        }
        match clause {
            CClause::Triple { negated: false, s, o, .. } => {
                for t in [s, o] {
                    if let CTerm::Var(v) = t {
                        bound[*v] = true;
                    }
                }
            }
            CClause::Kind { var, .. } => bound[*var] = true,
            _ => {}
        }
        states = next;
    }
    Ok(project(g, c, states))
}

/// Distinct answers over the selected variables, sorted by name, supports merged.
fn project(g: &Graph, c: &Compiled, states: Vec<State>) -> QueryResult {
    let mut index: HashMap<Vec<Ix>, usize> = HashMap::new();
    let mut rows: Vec<Row> = Vec::new();
    for st in states {
        let values: Vec<Ix> = c.select.iter().filter_map(|&v| st.vals[v]).collect();
        if values.len() != c.select.len() {
            continue;
        }
        match index.get(&values) {
            Some(&i) => {
                for e in st.support {
                    if !rows[i].support.contains(&e) {
                        rows[i].support.push(e);
                    }
                }
            }
            None => {
                index.insert(values.clone(), rows.len());
                rows.push(Row { values, support: st.support });
            }
        }
    }
    rows.sort_by_cached_key(|r| r.values.iter().map(|&ix| g.name(ix).to_lowercase()).collect::<Vec<_>>());
    if let Some(n) = c.limit {
        rows.truncate(n);
    }
    QueryResult { vars: c.select.iter().map(|&v| c.vars[v].clone()).collect(), rows }
}

/// Every way one triple matches under a state: (subject, object, witness edges from subject to object).
fn matches(
    g: &Graph,
    st: &State,
    s: &CTerm,
    path: &Path,
    o: &CTerm,
    during: Option<Days>,
    budget: &Budget,
) -> Result<Vec<(Ix, Ix, Vec<EIx>)>, Exhausted> {
    let value = |t: &CTerm| match t {
        CTerm::Node(ix) => Some(*ix),
        CTerm::Var(v) => st.vals[*v],
    };
    let same_var = matches!((s, o), (CTerm::Var(a), CTerm::Var(b)) if a == b);
    let mut out = Vec::new();
    match (value(s), value(o)) {
        (Some(a), b) => {
            for (end, w) in walk(g, path, a, false, budget)? {
                if b.is_none_or(|b| b == end) && (!same_var || end == a) {
                    out.push((a, end, w));
                }
            }
        }
        (None, Some(b)) => {
            for (start, mut w) in walk(g, path, b, true, budget)? {
                w.reverse();
                out.push((start, b, w));
            }
        }
        (None, None) => {
            if let Some((rel, negated, inverse)) = single_step(path) {
                for e in g.edges().filter(|&e| g.relation(e) == rel && g.negated(e) == negated) {
                    budget.spend(1)?;
                    let (x, y) = g.ends(e);
                    let (a, b) = if inverse { (y, x) } else { (x, y) };
                    if !same_var || a == b {
                        out.push((a, b, vec![e]));
                    }
                }
            } else {
                for a in g.nodes() {
                    for (end, w) in walk(g, path, a, false, budget)? {
                        if !same_var || end == a {
                            out.push((a, end, w));
                        }
                    }
                }
            }
        }
    }
    if let Some(days) = during {
        out.retain(|(_, _, w)| fits(g, w, days));
    }
    Ok(out)
}

/// A path of one step: its relation, whether it matches denied edges, and
/// whether it is walked backwards.
fn single_step(p: &Path) -> Option<(Relation, bool, bool)> {
    match p {
        Path::Step(r) => Some((*r, false, false)),
        Path::Denied(r) => Some((*r, true, false)),
        Path::Inverse(inner) => match inner.as_ref() {
            Path::Step(r) => Some((*r, false, true)),
            Path::Denied(r) => Some((*r, true, true)),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a witness holds an edge timed to overlap the days, and no timed
/// edge outside them.
fn fits(g: &Graph, witness: &[EIx], days: Days) -> bool {
    let windows: Vec<_> = witness.iter().filter_map(|&e| g.edge(e).when).filter(|w| w.has_days()).collect();
    !windows.is_empty() && windows.iter().all(|w| w.overlaps(days.from, days.to))
}

/// Nodes reachable from `start` along `path` (backwards when `rev`), each
/// with the first (shortest) chain of edges found, in walking order. Each
/// step and each edge of each chain is charged to `budget`.
fn walk(g: &Graph, path: &Path, start: Ix, rev: bool, budget: &Budget) -> Result<Vec<(Ix, Vec<EIx>)>, Exhausted> {
    let mut out = Ends::default();
    match path {
        Path::Step(r) => {
            let dir = if rev { Direction::Incoming } else { Direction::Outgoing };
            for (e, other) in g.step(start, *r, dir) {
                budget.spend(1)?;
                out.add(g, other, vec![e]);
            }
        }
        Path::Denied(r) => {
            let dir = if rev { Direction::Incoming } else { Direction::Outgoing };
            for (e, other) in g.denied(start, *r, dir) {
                budget.spend(1)?;
                out.add(g, other, vec![e]);
            }
        }
        Path::Inverse(p) => return walk(g, p, start, !rev, budget),
        Path::Seq(ps) => {
            let mut frontier = vec![(start, Vec::new())];
            let order: Vec<&Path> = if rev { ps.iter().rev().collect() } else { ps.iter().collect() };
            for p in order {
                let mut next = Ends::default();
                for (n, w) in &frontier {
                    for (m, w2) in walk(g, p, *n, rev, budget)? {
                        budget.spend(1 + w.len() + w2.len())?;
                        let mut chain = w.clone();
                        chain.extend(w2);
                        next.add(g, m, chain);
                    }
                }
                frontier = next.list;
            }
            return Ok(frontier);
        }
        Path::Alt(ps) => {
            for p in ps {
                for (m, w) in walk(g, p, start, rev, budget)? {
                    budget.spend(1 + w.len())?;
                    out.add(g, m, w);
                }
            }
        }
        Path::Opt(p) => {
            out.add(g, start, Vec::new());
            for (m, w) in walk(g, p, start, rev, budget)? {
                budget.spend(1 + w.len())?;
                out.add(g, m, w);
            }
        }
        Path::Star(p) | Path::Plus(p) => {
            let star = matches!(path, Path::Star(_));
            if star {
                out.add(g, start, Vec::new());
            }
            let mut queue = std::collections::VecDeque::from([(start, Vec::new())]);
            let mut expanded = HashSet::from([start]);
            while let Some((n, w)) = queue.pop_front() {
                // Firm steps first, so each node is reached by its firmest chain first.
                let mut steps = walk(g, p, n, rev, budget)?;
                steps.sort_by_key(|(_, w2)| rank(g, w2));
                for (m, w2) in steps {
                    budget.spend(1 + w.len() + w2.len())?;
                    let mut chain: Vec<EIx> = w.clone();
                    chain.extend(w2);
                    out.add(g, m, chain.clone());
                    if expanded.insert(m) {
                        queue.push_back((m, chain));
                    }
                }
            }
        }
    }
    Ok(out.list)
}

/// How firmly a chain holds: its least certain edge, then how many of its
/// edges are qualified, then its length. Lower is better; an answer reached
/// both plainly and through a hedged claim is shown with the plain chain.
fn rank(g: &Graph, chain: &[EIx]) -> (crate::model::Certainty, usize, usize) {
    use crate::model::Certainty;
    let certainty = |e: &EIx| g.certainty(*e);
    let qualified = chain.iter().filter(|e| certainty(e) != Certainty::Stated).count();
    (chain.iter().map(certainty).max().unwrap_or_default(), qualified, chain.len())
}

/// Distinct end nodes, each with the firmest chain found for it.
#[derive(Default)]
struct Ends {
    at: HashMap<Ix, usize>,
    list: Vec<(Ix, Vec<EIx>)>,
}

impl Ends {
    fn add(&mut self, g: &Graph, ix: Ix, chain: Vec<EIx>) {
        match self.at.get(&ix) {
            None => {
                self.at.insert(ix, self.list.len());
                self.list.push((ix, chain));
            }
            Some(&i) if rank(g, &chain) < rank(g, &self.list[i].1) => self.list[i].1 = chain,
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Graph {
        Graph::new(crate::bundled::data().expect("bundled graph"))
    }

    fn compiled(g: &Graph, src: &str) -> Compiled {
        compile(g, &super::super::parse::parse(src).expect("parses")).expect("compiles")
    }

    #[test]
    fn a_query_past_its_budget_stops_naming_the_clause() {
        let g = bundled();
        let c = compiled(&g, "?x (causes|^causes)* ?y");
        assert!(eval(&g, &c).is_ok_and(|r| !r.rows.is_empty()), "the bundled graph is small enough");
        let e = eval_within(&g, &c, 1_000).expect_err("a thousand steps are not enough");
        assert!(e.message.contains("`?x (causes|^causes)* ?y`"), "{}", e.message);
        assert!(e.message.contains("too broad"), "{}", e.message);
        let c = compiled(&g, "?t treats ?c, ?t : medication");
        let e = eval_within(&g, &c, 3).expect_err("three steps are not enough");
        assert!(e.message.contains("`?t treats ?c`"), "{}", e.message);
    }

    #[test]
    fn every_example_query_fits_a_hundredth_of_the_budget() {
        // The pattern queries of the example scripts: the budget leaves room to spare.
        let g = bundled();
        let scripts = [
            include_str!("../../queries/patterns.kgq"),
            include_str!("../../queries/causes-and-effects.kgq"),
            include_str!("../../queries/warnings.kgq"),
            include_str!("../../queries/treatments.kgq"),
        ];
        let queries: Vec<&str> =
            scripts.iter().flat_map(|s| s.lines()).filter_map(|l| l.strip_prefix("query ")).collect();
        assert!(queries.len() >= 5, "{queries:?}");
        for q in queries.into_iter().chain(["?x (causes|^causes|is_a|^is_a)* ?y"]) {
            let c = compiled(&g, q);
            assert!(eval_within(&g, &c, MAX_WORK / 100).is_ok(), "{q}");
        }
    }
}
