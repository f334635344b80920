//! Shortest connections between two nodes, edges taken in either direction,
//! so "how is X related to Y" and "why" can show the chain of cited claims.

use std::collections::{HashMap, HashSet, VecDeque};

use petgraph::Direction;

use crate::graph::{EIx, Graph, Ix};

/// Up to `max` shortest chains of edges from `a` to `b`, each in order
/// from `a`. Empty when they are not connected.
pub fn shortest(g: &Graph, a: Ix, b: Ix, max: usize) -> Vec<Vec<EIx>> {
    if a == b {
        return Vec::new();
    }
    // Only the nodes on some shortest chain are walked below: the walk then
    // gives the chains, in their order, as if it had gone everywhere.
    let Some(on_path) = on_shortest_chains(g, a, b) else { return Vec::new() };
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
        next.retain(|(_, m)| on_path.contains(m));
        next.sort_by_key(|&(e, m)| (g.name(m), e));
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

/// Every node on some shortest chain from `a` to `b` (edges either way), or
/// `None` when they are not connected. Breadth-first from both ends, the
/// smaller frontier a level at a time, until the walks meet; then each
/// side's walk is traced back from where they met. Only the two balls around
/// the ends are explored, not everything as near to `a` as `b` is.
fn on_shortest_chains(g: &Graph, a: Ix, b: Ix) -> Option<HashSet<Ix>> {
    let neighbours =
        |n: Ix| g.edges_at(n, Direction::Outgoing).chain(g.edges_at(n, Direction::Incoming)).map(|(_, m)| m);
    let mut dist = [HashMap::from([(a, 0usize)]), HashMap::from([(b, 0usize)])];
    let mut frontier = [vec![a], vec![b]];
    let mut radius = [0usize, 0usize];
    loop {
        let side = usize::from(frontier[1].len() < frontier[0].len());
        if frontier[side].is_empty() {
            return None;
        }
        let mut layer = Vec::new();
        for &n in &frontier[side] {
            for m in neighbours(n) {
                if let std::collections::hash_map::Entry::Vacant(v) = dist[side].entry(m) {
                    v.insert(radius[side] + 1);
                    layer.push(m);
                }
            }
        }
        radius[side] += 1;
        let other = 1 - side;
        let Some(&o) = layer.iter().filter_map(|n| dist[other].get(n)).min() else {
            frontier[side] = layer;
            continue;
        };
        // Every shortest chain crosses the new layer at a node this near the
        // other end; from those, trace each side's walk back to its start.
        let mut on: HashSet<Ix> = HashSet::new();
        let meet: Vec<Ix> = layer.into_iter().filter(|n| dist[other].get(n) == Some(&o)).collect();
        for d in &dist {
            let mut seen: HashSet<Ix> = meet.iter().copied().collect();
            let mut level: Vec<Ix> = meet.clone();
            while !level.is_empty() {
                let mut back = Vec::new();
                for n in level {
                    on.insert(n);
                    let Some(k) = d.get(&n).copied().filter(|&k| k > 0) else { continue };
                    for m in neighbours(n) {
                        if d.get(&m) == Some(&(k - 1)) && seen.insert(m) {
                            back.push(m);
                        }
                    }
                }
                level = back;
            }
        }
        return Some(on);
    }
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
        // From a nutrient, its lack ("how does not enough calcium cause
        // a spasm"): the deficiency that is a lack of it, as a first step.
        let lacks = g
            .edges_at(n, Direction::Incoming)
            .filter(|&(e, _)| chain.is_empty() && g.edge(e).relation == LackOf && !g.edge(e).negated);
        for (e, m) in g.edges_at(n, Direction::Outgoing).chain(lacks) {
            let edge = g.edge(e);
            if edge.negated
                || !matches!(edge.relation, Causes | Risks | Presents | Affects | RadiatesTo | IsA | LocatedIn | LackOf)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk as it was: everything as near to `a` as `b` is.
    fn shortest_by_full_walk(g: &Graph, a: Ix, b: Ix, max: usize) -> Vec<Vec<EIx>> {
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
            next.sort_by_key(|&(e, m)| (g.name(m), e));
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
        collect(&preds, a, b, &mut Vec::new(), &mut out, max);
        out
    }

    #[test]
    fn walking_from_both_ends_finds_the_same_chains_in_the_same_order() {
        let g = crate::bundled::graph().expect("bundled graph");
        let nodes: Vec<Ix> = g.nodes().collect();
        let mut pairs = 0;
        for (i, &a) in nodes.iter().enumerate().step_by(7) {
            for &b in nodes.iter().skip(i % 5).step_by(11).filter(|&&b| b != a) {
                assert_eq!(shortest(&g, a, b, 5), shortest_by_full_walk(&g, a, b, 5), "{} to {}", g.id(a), g.id(b));
                pairs += 1;
            }
        }
        assert!(pairs > 200, "{pairs}");
    }
}
