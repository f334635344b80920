//! Shortest connections between two nodes, edges taken in either direction,
//! so "how is X related to Y" and "why" can show the chain of cited claims.

use std::collections::{HashMap, VecDeque};

use petgraph::Direction;

use crate::graph::{EIx, Graph, Ix};

/// Up to `max` shortest chains of edges from `a` to `b`, each in order
/// from `a`. Empty when they are not connected.
pub fn shortest(g: &Graph, a: Ix, b: Ix, max: usize) -> Vec<Vec<EIx>> {
    if a == b {
        return Vec::new();
    }
    let mut dist: HashMap<Ix, usize> = HashMap::from([(a, 0)]);
    let mut preds: HashMap<Ix, Vec<(Ix, EIx)>> = HashMap::new();
    let mut queue = VecDeque::from([a]);
    while let Some(n) = queue.pop_front() {
        let d = dist[&n];
        if dist.get(&b).is_some_and(|&db| d >= db) {
            break;
        }
        let mut next: Vec<(EIx, Ix)> =
            g.edges_at(n, Direction::Outgoing).chain(g.edges_at(n, Direction::Incoming)).collect();
        next.sort_by_key(|&(e, m)| (g.node(m).name.clone(), e));
        for (e, m) in next {
            match dist.get(&m) {
                None => {
                    dist.insert(m, d + 1);
                    preds.entry(m).or_default().push((n, e));
                    queue.push_back(m);
                }
                Some(&dm) if dm == d + 1 => preds.entry(m).or_default().push((n, e)),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    let mut chain = Vec::new();
    collect(&preds, a, b, &mut chain, &mut out, max);
    out
}

fn collect(
    preds: &HashMap<Ix, Vec<(Ix, EIx)>>,
    a: Ix,
    at: Ix,
    chain: &mut Vec<EIx>,
    out: &mut Vec<Vec<EIx>>,
    max: usize,
) {
    if out.len() >= max {
        return;
    }
    if at == a {
        out.push(chain.iter().rev().copied().collect());
        return;
    }
    for &(p, e) in preds.get(&at).map_or(&[][..], Vec::as_slice) {
        chain.push(e);
        collect(preds, a, p, chain, out, max);
        chain.pop();
    }
}

/// Causal chains from `a` to `b`, following the article's claims forward
/// (causes, risks, presents, affects, radiates to, through `is_a` up to a
/// class): up to `max` simple chains of at most six steps, the ones through
/// most mechanisms first, so "how does X lead to Y" shows the mechanism
/// rather than a shortcut.
pub fn chains(g: &Graph, a: Ix, b: Ix, max: usize) -> Vec<Vec<EIx>> {
    use crate::model::Relation::*;
    const DEPTH: usize = 6;
    let mut found: Vec<Vec<EIx>> = Vec::new();
    let mut stack: Vec<(Ix, Vec<EIx>, Vec<Ix>)> = vec![(a, Vec::new(), vec![a])];
    // Work is bounded: the bundled graph is small, and a user graph stops
    // at a budget of expansions rather than exploring every path.
    let mut budget = 20_000usize;
    while let Some((n, chain, seen)) = stack.pop() {
        if budget == 0 {
            break;
        }
        budget -= 1;
        if n == b && !chain.is_empty() {
            found.push(chain);
            continue;
        }
        if chain.len() >= DEPTH {
            continue;
        }
        for (e, m) in g.edges_at(n, Direction::Outgoing) {
            let edge = g.edge(e);
            if edge.negated
                || !matches!(edge.relation, Causes | Risks | Presents | Affects | RadiatesTo | IsA | LocatedIn)
            {
                continue;
            }
            if seen.contains(&m) {
                continue;
            }
            let mut c = chain.clone();
            c.push(e);
            let mut s = seen.clone();
            s.push(m);
            stack.push((m, c, s));
        }
    }
    let mechanisms =
        |c: &Vec<EIx>| c.iter().filter(|&&e| g.node(g.ends(e).1).kind == crate::model::Kind::Mechanism).count();
    found.sort_by(|x, y| mechanisms(y).cmp(&mechanisms(x)).then(x.len().cmp(&y.len())));
    found.dedup();
    found.truncate(max);
    found
}
