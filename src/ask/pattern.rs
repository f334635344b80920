//! Wordings: compiled from the template syntax (`(a|b)`, `[a|b]`, `{x}`)
//! and matched against a question's words by backtracking.

#[derive(Clone, Debug, PartialEq)]
pub enum Elem {
    Word(&'static str),
    Choice {
        alts: Vec<Vec<Elem>>,
        optional: bool,
    },
    /// `{x}`, `{y}` (one or more words) or `{n}` (one number).
    Slot(char),
}

/// The tokens of a wording, as slices of it: words, brackets, `|`, `{x}`.
/// Byte-wise: the delimiters are ASCII, so every cut is on a char boundary.
fn tokens(w: &'static str) -> impl Iterator<Item = &'static str> {
    let b = w.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        match *b.get(i)? {
            b'(' | b')' | b'[' | b']' | b'|' => i += 1,
            b'{' => i = b[i..].iter().position(|&c| c == b'}').map_or(b.len(), |p| i + p + 1),
            _ => {
                while i < b.len() && !b[i].is_ascii_whitespace() && !b"()[]|{".contains(&b[i]) {
                    i += 1;
                }
            }
        }
        Some(&w[start..i])
    })
}

/// Whether every word the wording requires (outside brackets) is among
/// `words`: a cheap test that spares compiling wordings that cannot match.
pub fn plausible(wording: &'static str, words: &[String]) -> bool {
    first_word_fits(wording, words.first().map_or("", String::as_str)) && fixed_words_present(wording, words)
}

/// Whether the wording can start with `first`: a leading word must be it; a
/// leading `( ... )` must hold it at the head of a choice (or a head that is
/// not a plain word). Optional groups and slots may start anything.
fn first_word_fits(wording: &'static str, first: &str) -> bool {
    let mut toks = tokens(wording);
    match toks.next() {
        Some("(") => {
            let (mut depth, mut at_head) = (1usize, true);
            for t in toks {
                match t {
                    "(" | "[" | "{" if at_head => return true,
                    "(" | "[" => depth += 1,
                    ")" | "]" if depth == 1 => return false,
                    ")" | "]" => depth -= 1,
                    "|" if depth == 1 => at_head = true,
                    t if at_head && depth == 1 => {
                        if t == first || t.starts_with('{') {
                            return true;
                        }
                        at_head = false;
                    }
                    _ => at_head = false,
                }
            }
            false
        }
        Some(t) if !t.starts_with('{') && t != "[" => t == first,
        _ => true,
    }
}

fn fixed_words_present(wording: &'static str, words: &[String]) -> bool {
    let mut depth = 0usize;
    for t in tokens(wording) {
        match t {
            "(" | "[" => depth += 1,
            ")" | "]" => depth = depth.saturating_sub(1),
            t if depth == 0 && t != "|" && !t.starts_with('{') && !words.iter().any(|w| w == t) => return false,
            _ => {}
        }
    }
    true
}

/// Compiles a wording. The table is ours, so a malformed wording is a bug
/// caught by the tests, not a user error; it compiles to what it can.
pub fn compile(wording: &'static str) -> Vec<Elem> {
    let toks: Vec<&'static str> = tokens(wording).collect();
    let mut pos = 0;
    seq(&toks, &mut pos)
}

fn seq(toks: &[&'static str], pos: &mut usize) -> Vec<Elem> {
    let mut out = Vec::new();
    while let Some(&t) = toks.get(*pos) {
        match t {
            ")" | "]" | "|" => break,
            "(" | "[" => {
                let optional = t == "[";
                *pos += 1;
                let mut alts = vec![seq(toks, pos)];
                while toks.get(*pos).is_some_and(|&t| t == "|") {
                    *pos += 1;
                    alts.push(seq(toks, pos));
                }
                *pos += 1; // the closing bracket
                out.push(Elem::Choice { alts, optional });
            }
            s if s.starts_with('{') => {
                out.push(Elem::Slot(s.chars().nth(1).unwrap_or('x')));
                *pos += 1;
            }
            w => {
                out.push(Elem::Word(w));
                *pos += 1;
            }
        }
    }
    out
}

/// Slot bindings: (slot, first word, end word).
pub type Binds = Vec<(char, usize, usize)>;

/// Matches the whole of `words`; returns the slots' word ranges.
pub fn matches(elems: &[Elem], words: &[String]) -> Option<Binds> {
    let mut binds = Vec::new();
    let end = words.len();
    go(elems, words, 0, &mut binds, &mut |pos, _| pos == end).then_some(binds)
}

/// Matches `elems` at `words[at..]` and calls `cont` wherever they can end,
/// backtracking until `cont` accepts.
fn go(
    elems: &[Elem],
    words: &[String],
    at: usize,
    binds: &mut Binds,
    cont: &mut dyn FnMut(usize, &mut Binds) -> bool,
) -> bool {
    let Some((first, tail)) = elems.split_first() else {
        return cont(at, binds);
    };
    match first {
        Elem::Word(w) => words.get(at).is_some_and(|x| x == w) && go(tail, words, at + 1, binds, cont),
        Elem::Slot(name) => {
            // A number slot takes one word of digits; a name slot one or more words.
            let ends = if *name == 'n' {
                let digits = words.get(at).is_some_and(|x| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit()));
                if digits { at + 1..at + 2 } else { at..at }
            } else {
                at + 1..words.len() + 1
            };
            for end in ends {
                binds.push((*name, at, end));
                if go(tail, words, end, binds, cont) {
                    return true;
                }
                binds.pop();
            }
            false
        }
        Elem::Choice { alts, optional } => {
            for alt in alts {
                let mark = binds.len();
                let mut then = |pos: usize, b: &mut Binds| go(tail, words, pos, b, cont);
                if go(alt, words, at, binds, &mut then) {
                    return true;
                }
                binds.truncate(mark);
            }
            *optional && go(tail, words, at, binds, cont)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    fn slots(wording: &'static str, q: &str) -> Option<Vec<(char, String)>> {
        let w = words(q);
        matches(&compile(wording), &w).map(|b| b.iter().map(|&(c, a, e)| (c, w[a..e].join(" "))).collect())
    }

    #[test]
    fn match_table() {
        let t = "what (treats|helps with) {x}";
        assert_eq!(slots(t, "what treats back spasm"), Some(vec![('x', "back spasm".into())]));
        assert_eq!(slots(t, "what helps with ice"), Some(vec![('x', "ice".into())]));
        assert_eq!(slots(t, "what helps ice"), None);
        assert_eq!(slots(t, "what treats"), None);
        let t = "how [can|do] i prevent {x} [again]";
        assert_eq!(slots(t, "how i prevent spasm again"), Some(vec![('x', "spasm".into())]));
        assert_eq!(slots(t, "how can i prevent spasm"), Some(vec![('x', "spasm".into())]));
        let t = "how is {x} related to {y}";
        assert_eq!(
            slots(t, "how is ice pack related to muscle spasm"),
            Some(vec![('x', "ice pack".into()), ('y', "muscle spasm".into())])
        );
        let t = "what helps in the first {n} days [for {x}]";
        assert_eq!(slots(t, "what helps in the first 2 days"), Some(vec![('n', "2".into())]));
        assert_eq!(
            slots(t, "what helps in the first 2 days for cramps"),
            Some(vec![('n', "2".into()), ('x', "cramps".into())])
        );
        assert_eq!(slots(t, "what helps in the first two days"), None);
        let t = "(a|a b) c";
        assert_eq!(slots(t, "a b c"), Some(vec![]));
    }

    #[test]
    fn plausible_needs_the_fixed_words() {
        let w = words("what helps with my back");
        assert!(plausible("what (helps|treats) [with] {x}", &w));
        assert!(!plausible("how (do|can) i treat {x}", &w));
        assert!(plausible("[how] {x}", &w));
    }
}
