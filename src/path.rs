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
