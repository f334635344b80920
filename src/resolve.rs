//! Names to nodes: ids, names and aliases compared in normal form (case,
//! punctuation, articles and plurals ignored), then without filler words,
//! then by edit distance, then by whole words. A unique near match is taken
//! (the caller prints a note); an ambiguous or unknown name is an error that
//! lists candidates.

use crate::graph::{Graph, Ix};
use crate::text::{edit_distance, max_typo_distance, normalize};

/// Words a person may put around a name that are not part of it.
const FILLER: &[&str] = &[
    "my", "your", "our", "his", "her", "their", "its", "it", "i", "me", "you", "we", "some", "any", "this", "that",
    "these", "those", "please", "about", "kind", "type", "using", "use", "taking", "take", "on", "doing", "having",
    "get", "getting", "really", "bad", "severe", "acute", "sudden", "such", "much", "lot", "lots",
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolution {
    pub ix: Ix,
    /// False when the name was taken as a near match: say so.
    pub exact: bool,
    /// True when the near match is a spelling within typo distance of a
    /// whole name, rather than a name that merely shares words.
    pub typo: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResolveError {
    Empty,
    Unknown { text: String, nearest: Vec<Ix> },
    Ambiguous { text: String, candidates: Vec<Ix> },
}

impl ResolveError {
    /// The message and help lines, for a diagnostic.
    pub fn describe(&self, g: &Graph) -> (String, Vec<String>) {
        let names = |ixs: &[Ix]| ixs.iter().map(|&ix| format!("`{}`", g.node(ix).name)).collect::<Vec<_>>().join(", ");
        match self {
            ResolveError::Empty => ("no name given".into(), vec!["name a node by its id, name or an alias".into()]),
            ResolveError::Unknown { text, nearest } if nearest.is_empty() => (
                format!("nothing in the graph is called `{text}`"),
                vec!["`kg list` shows every node; Tab completes names in the REPL".into()],
            ),
            ResolveError::Unknown { text, nearest } => {
                (format!("nothing in the graph is called `{text}`"), vec![format!("did you mean {}?", names(nearest))])
            }
            ResolveError::Ambiguous { text, candidates } => (
                format!("`{text}` could mean {} nodes", candidates.len()),
                vec![format!("say which: {}", names(candidates))],
            ),
        }
    }
}

/// Finds the node a name refers to.
pub fn resolve(g: &Graph, text: &str) -> Result<Resolution, ResolveError> {
    let text = text.trim().trim_matches(|c| c == '"' || c == '\'' || c == '`').trim();
    if text.is_empty() {
        return Err(ResolveError::Empty);
    }
    if let Some(ix) = g.by_id(text) {
        return Ok(Resolution { ix, exact: true, typo: false });
    }
    let key = normalize(text);
    let stripped: String = key.split(' ').filter(|w| !FILLER.contains(w)).collect::<Vec<_>>().join(" ");
    for k in [&key, &stripped] {
        match g.by_name(k) {
            [ix] => return Ok(Resolution { ix: *ix, exact: true, typo: false }),
            [] => {}
            many => return Err(ResolveError::Ambiguous { text: text.into(), candidates: many.to_vec() }),
        }
    }
    let key = if stripped.is_empty() { key } else { stripped };
    if key.is_empty() {
        return Err(ResolveError::Empty);
    }

    // Typos: the nearest forms within reach. The stored signatures rule
    // out most forms without reading them.
    let limit = max_typo_distance(&key);
    let mut best: Option<usize> = None;
    let mut near: Vec<Ix> = Vec::new();
    // Nearest bound first, so once a match is found the rest need no look.
    let mut by_bound: Vec<Vec<usize>> = vec![Vec::new(); limit + 1];
    for (i, bound) in g.forms_near(&key, limit) {
        by_bound[bound].push(i);
    }
    let candidates = by_bound.iter().enumerate().flat_map(|(bound, forms)| forms.iter().map(move |&i| (i, bound)));
    for (i, bound) in candidates {
        if best.is_some_and(|b| bound > b) {
            break;
        }
        let (form, ixs) = g.form(i);
        let d = edit_distance(&key, form);
        if d > limit || best.is_some_and(|b| d > b) || !words_are_typos(&key, form) {
            continue;
        }
        if best != Some(d) {
            best = Some(d);
            near.clear();
        }
        for &ix in ixs {
            if !near.contains(&ix) {
                near.push(ix);
            }
        }
    }
    match near.len() {
        1 => return Ok(Resolution { ix: near[0], exact: false, typo: true }),
        0 => {}
        _ => return Err(ResolveError::Ambiguous { text: text.into(), candidates: sorted(g, near) }),
    }

    // Whole words: "relaxants" finds "muscle relaxants" (one substring
    // search over the index's text).
    let mut containing: Vec<Ix> = Vec::new();
    for i in g.forms_containing(&key) {
        for &ix in g.form(i).1 {
            if !containing.contains(&ix) {
                containing.push(ix);
            }
        }
    }
    match containing.len() {
        1 => Ok(Resolution { ix: containing[0], exact: false, typo: false }),
        0 => Err(ResolveError::Unknown { text: text.into(), nearest: nearest(g, &key, 3) }),
        _ => Err(ResolveError::Ambiguous { text: text.into(), candidates: sorted(g, containing) }),
    }
}

/// Whether `typed` can be a misspelling of `form` word by word: with as many
/// words on each side, every word must be within typo reach of its fellow,
/// so "spasms in the neck" is not "spasms in the legs" (a whole word
/// differs). With different counts (a space lost or added) the whole-string
/// distance alone decides.
fn words_are_typos(typed: &str, form: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (typed.split(' ').collect(), form.split(' ').collect());
    a.len() != b.len() || a.iter().zip(&b).all(|(x, y)| x == y || edit_distance(x, y) <= max_typo_distance(x))
}

fn sorted(g: &Graph, mut ixs: Vec<Ix>) -> Vec<Ix> {
    ixs.sort_by(|&a, &b| g.node(a).name.cmp(g.node(b).name));
    ixs.truncate(12);
    ixs
}

/// The `n` nodes whose names are nearest to `key`, for "did you mean".
/// Only names with a real likeness are offered: at most half the
/// characters edited, so `zzzzzzzz` suggests nothing rather than the three
/// least unlike names. Each comparison is bounded by that reach (and names
/// too different in length are not compared), and a name longer than any
/// typo of a name is not compared at all.
pub fn nearest(g: &Graph, key: &str, n: usize) -> Vec<Ix> {
    let len = key.chars().count();
    let reach = len / 2;
    if reach == 0 || len > 256 {
        return Vec::new();
    }
    let mut scored: Vec<(usize, &str, Ix)> = Vec::new();
    // Only the forms whose stored signatures allow a distance within reach.
    for (i, _) in g.forms_near(key, reach) {
        let (form, ixs) = g.form(i);
        let Some(d) = crate::text::edit_distance_within(key, form, reach) else { continue };
        for &ix in ixs {
            scored.push((d, g.node(ix).name, ix));
        }
    }
    scored.sort();
    let mut out: Vec<Ix> = Vec::new();
    for (_, _, ix) in scored {
        if out.len() == n {
            break;
        }
        if !out.contains(&ix) {
            out.push(ix);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `nearest` as it was: every form scored.
    fn nearest_by_scan(g: &Graph, key: &str, n: usize) -> Vec<Ix> {
        let reach = key.chars().count() / 2;
        let mut scored: Vec<(usize, &str, Ix)> = Vec::new();
        for (form, ixs) in g.name_index() {
            let d = edit_distance(key, form);
            for &ix in ixs {
                scored.push((d, g.node(ix).name, ix));
            }
        }
        scored.sort();
        let mut out: Vec<Ix> = Vec::new();
        for (d, _, ix) in scored {
            if reach == 0 || d > reach || out.len() == n {
                break;
            }
            if !out.contains(&ix) {
                out.push(ix);
            }
        }
        out
    }

    #[test]
    fn pruned_nearest_names_agree_with_a_full_scan() {
        let g = crate::bundled::graph().expect("bundled graph");
        for key in ["unicorns", "muscle spsm", "ice", "alcohl while", "heat therapy sessions", "zzzz", "a"] {
            for n in [1, 3, 5] {
                assert_eq!(nearest(&g, key, n), nearest_by_scan(&g, key, n), "{key} {n}");
            }
        }
    }
}
