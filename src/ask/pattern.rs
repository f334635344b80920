//! Wordings in the template syntax (`(a|b)`, `[a|b]`, `{x}`), matched
//! against a question's words by backtracking.

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

/// Whether every word the wording needs is somewhere in `words`: each plain
/// word outside brackets, and for each required `( ... )` group at the top,
/// the first word of at least one of its choices (a choice that starts with
/// a slot or a bracket could start with anything).
fn fixed_words_present(wording: &'static str, words: &[String]) -> bool {
    let has = |t: &str| words.iter().any(|w| w == t);
    let mut depth = 0usize;
    // For the top-level `(` group being read: whether a choice head was found, and whether the next token is a head.
    let (mut group_ok, mut at_head) = (false, false);
    for t in tokens(wording) {
        match t {
            "(" | "[" => {
                if depth == 1 && at_head {
                    group_ok = true;
                }
                depth += 1;
                if depth == 1 {
                    (group_ok, at_head) = (t == "[", true);
                } else {
                    at_head = false;
                }
            }
            ")" | "]" => {
                depth = depth.saturating_sub(1);
                if depth == 0 && !group_ok {
                    return false;
                }
                at_head = false;
            }
            "|" if depth == 1 => at_head = true,
            t if depth == 0 && t != "|" && !t.starts_with('{') && !has(t) => return false,
            t if depth == 1 && at_head => {
                if t.starts_with('{') || has(t) {
                    group_ok = true;
                }
                at_head = false;
            }
            _ => at_head = false,
        }
    }
    true
}

/// Slot bindings: (slot, first word, end word).
pub type Binds = Vec<(char, usize, usize)>;

/// Matches the whole of `words` against a wording; returns the slots' word
/// ranges. The wording is interpreted straight from its tokens (one
/// allocation), since most wordings are tried once per process. The table
/// is ours, so a malformed wording is a bug caught by the tests, not a user
/// error: an unclosed group simply ends at the end of the wording.
pub fn matches(wording: &'static str, words: &[String]) -> Option<Binds> {
    let toks: Vec<&'static str> = tokens(wording).collect();
    let mut binds = Vec::new();
    let end = words.len();
    let m = Matcher { toks: &toks, words };
    m.go(0, 0, &mut binds, &mut |pos, _| pos == end).then_some(binds)
}

struct Matcher<'a> {
    toks: &'a [&'static str],
    words: &'a [String],
}

impl Matcher<'_> {
    /// The group opening at `open`: where each alternative starts, and the
    /// token after its closing bracket.
    fn group(&self, open: usize) -> (Vec<usize>, usize) {
        let mut alts = vec![open + 1];
        let mut depth = 0usize;
        let mut i = open + 1;
        while let Some(&t) = self.toks.get(i) {
            match t {
                "(" | "[" => depth += 1,
                ")" | "]" if depth == 0 => return (alts, i + 1),
                ")" | "]" => depth -= 1,
                "|" if depth == 0 => alts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        (alts, i)
    }

    /// Matches the sequence of tokens starting at `t` (up to the `|` or
    /// bracket that ends it) at `words[at..]`, and calls `cont` wherever it
    /// can end, backtracking until `cont` accepts.
    fn go(&self, t: usize, at: usize, binds: &mut Binds, cont: &mut dyn FnMut(usize, &mut Binds) -> bool) -> bool {
        match self.toks.get(t).copied() {
            None | Some(")" | "]" | "|") => cont(at, binds),
            Some(open @ ("(" | "[")) => {
                let (alts, after) = self.group(t);
                for a in alts {
                    let mark = binds.len();
                    let mut then = |pos: usize, b: &mut Binds| self.go(after, pos, b, cont);
                    if self.go(a, at, binds, &mut then) {
                        return true;
                    }
                    binds.truncate(mark);
                }
                open == "[" && self.go(after, at, binds, cont)
            }
            Some(slot) if slot.starts_with('{') => {
                let name = slot.chars().nth(1).unwrap_or('x');
                // A number slot takes one word of digits; a name slot one or more words.
                let ends = if name == 'n' {
                    let digits =
                        self.words.get(at).is_some_and(|x| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit()));
                    if digits { at + 1..at + 2 } else { at..at }
                } else {
                    at + 1..self.words.len() + 1
                };
                for end in ends {
                    binds.push((name, at, end));
                    if self.go(t + 1, end, binds, cont) {
                        return true;
                    }
                    binds.pop();
                }
                false
            }
            Some(word) => self.words.get(at).is_some_and(|x| x == word) && self.go(t + 1, at + 1, binds, cont),
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
        matches(wording, &w).map(|b| b.iter().map(|&(c, a, e)| (c, w[a..e].join(" "))).collect())
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
        // A required group needs one of its choices' first words; optional groups need nothing.
        assert!(!plausible("what (drugs|pills) (help|work) {x}", &w));
        assert!(plausible("what (drugs|helps) [really] {x}", &w));
        assert!(plausible("what ({x}|pills) {y}", &w));
        assert!(plausible("what ([very] helps|pills) {x}", &w));
        assert!(plausible("what (helps ([a|b] with)|pills) {x}", &w));
    }

    /// A sentence a wording accepts, choosing alternatives with `pick`.
    fn sample(toks: &[&str], i: &mut usize, pick: &mut impl FnMut(usize) -> usize, out: &mut Vec<String>) {
        while let Some(&t) = toks.get(*i) {
            match t {
                ")" | "]" | "|" => return,
                "(" | "[" => {
                    // Find the choices of this group, then sample one (or none, if optional).
                    let (mut alts, mut depth, mut j) = (vec![*i + 1], 0usize, *i + 1);
                    while let Some(&u) = toks.get(j) {
                        match u {
                            "(" | "[" => depth += 1,
                            ")" | "]" if depth == 0 => break,
                            ")" | "]" => depth -= 1,
                            "|" if depth == 0 => alts.push(j + 1),
                            _ => {}
                        }
                        j += 1;
                    }
                    let n = alts.len() + usize::from(t == "[");
                    let k = pick(n);
                    if k < alts.len() {
                        let mut a = alts[k];
                        sample(toks, &mut a, pick, out);
                    }
                    *i = j + 1;
                }
                slot if slot.starts_with('{') => {
                    out.push(if slot == "{n}" { "3".into() } else { "spasm".into() });
                    *i += 1;
                }
                w => {
                    out.push(w.to_string());
                    *i += 1;
                }
            }
        }
    }

    /// The prefilter never rejects a sentence its wording accepts: checked
    /// on random sentences drawn from every wording of the table.
    #[test]
    fn plausible_never_rejects_a_sentence_of_its_wording() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut pick = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n.max(1) as u64) as usize
        };
        for t in crate::ask::templates::TEMPLATES {
            for wording in t.wordings {
                let toks: Vec<&str> = tokens(wording).collect();
                for _ in 0..40 {
                    let mut w = Vec::new();
                    sample(&toks, &mut 0, &mut pick, &mut w);
                    assert!(matches(wording, &w).is_some(), "{wording} does not accept its own {w:?}");
                    assert!(plausible(wording, &w), "{wording} rejects its own {w:?}");
                }
            }
        }
    }

    /// The prefilter never rejects a wording that matches: checked over the
    /// whole table with each template's own example.
    #[test]
    fn plausible_never_rejects_a_match() {
        for t in crate::ask::templates::TEMPLATES {
            let w = crate::ask::words(t.example);
            for wording in t.wordings {
                if matches(wording, &w).is_some() {
                    assert!(plausible(wording, &w), "{wording} rejects {:?}", t.example);
                }
            }
        }
    }
}
