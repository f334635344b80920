//! Text helpers shared by the loader and the resolver: the normal form under
//! which names and aliases are compared, edit distance and "did you mean".

/// The form names, aliases and typed words are compared in: lower case,
/// punctuation as spaces, articles and possessives (my, her, ...) dropped,
/// each word made singular.
/// "The Ice-Packs" and "ice pack" both become "ice pack".
pub fn normalize(text: &str) -> String {
    let lowered = text.to_lowercase();
    let mut out = String::with_capacity(lowered.len());
    for word in lowered.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() || matches!(word, "a" | "an" | "the" | "my" | "your" | "his" | "her" | "their" | "our") {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&singular(word));
    }
    out
}

/// A crude singular that maps a word and its plural to one form; it need not
/// be good English, only the same on both sides of a comparison.
pub fn singular(word: &str) -> String {
    let n = word.chars().count();
    if n <= 3 || !word.is_ascii() {
        return word.to_string();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for (suffix, keep) in [("sses", "ss"), ("shes", "sh"), ("ches", "ch"), ("xes", "x"), ("oes", "o")] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return format!("{stem}{keep}");
        }
    }
    if word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") && !word.ends_with("is") {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// Optimal string alignment distance (Levenshtein plus adjacent swaps), in
/// characters. Computed within a growing bound (1, 2, 4, ...) so that its
/// cost follows the distance found, not the product of the lengths: two
/// long, nearly equal strings cost little.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = trimmed_chars(a, b);
    let longest = a.len().max(b.len());
    // A small table in one pass; a large one within growing bounds.
    let mut bound = if a.len() * b.len() <= 4096 { longest } else { 1 };
    loop {
        if let Some(d) = band(&a, &b, bound) {
            return d;
        }
        bound = bound.saturating_mul(2).min(longest);
    }
}

/// The distance of [`edit_distance`] if it is at most `max`, else `None`,
/// in time proportional to the shorter length times `max` (only a band of
/// the table within `max` of its diagonal can hold such a distance, and the
/// work stops as soon as a whole row exceeds `max`).
pub fn edit_distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max.saturating_mul(4) {
        // More characters apart than `max` edits can bridge (at most 4 bytes each).
        return None;
    }
    let (a, b) = trimmed_chars(a, b);
    band(&a, &b, max)
}

/// The characters of `a` and `b` without their common start and end, which
/// cost nothing and do not change the distance.
fn trimmed_chars(a: &str, b: &str) -> (Vec<char>, Vec<char>) {
    let pre = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum::<usize>();
    let (a, b) = (&a[pre..], &b[pre..]);
    let suf =
        a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum::<usize>();
    (a[..a.len() - suf].chars().collect(), b[..b.len() - suf].chars().collect())
}

/// The optimal string alignment distance of `a` and `b` if at most `max`,
/// computing only the band of the table within `max` of its diagonal.
fn band(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    if a.is_empty() || b.is_empty() {
        return Some(a.len().max(b.len()));
    }
    // Cells outside the band hold "more than max".
    let far = max + 1;
    let mut prev2 = vec![far; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j.min(far)).collect();
    let mut cur = vec![far; b.len() + 1];
    for i in 1..=a.len() {
        let lo = i.saturating_sub(max).max(1);
        let hi = (i + max).min(b.len());
        // Only the band is written; the cells just outside it, which the
        // next rows read, are marked "too far" (clearing whole rows would
        // cost the full table again).
        cur[lo - 1] = if lo == 1 { i.min(far) } else { far };
        if hi < b.len() {
            cur[hi + 1] = far;
        }
        let mut row_min = if lo == 1 { cur[0] } else { far };
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d.min(far);
            row_min = row_min.min(cur[j]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

/// The largest distance at which a typo still counts as near `word`.
pub fn max_typo_distance(word: &str) -> usize {
    (word.chars().count() / 3).clamp(1, 4)
}

/// The candidate nearest to `word`, if it is near enough to be a typo.
/// A word that starts a candidate ("alias" for "aliases") counts as near too.
/// Each candidate costs at most the word's length times the typo distance
/// (a bounded distance, tightened by the best found so far), so neither
/// many candidates nor long words make it slow.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = max_typo_distance(word);
    let len = word.chars().count();
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        // A word that starts the candidate is that many insertions from it.
        let d = if len >= 3 && c.starts_with(word) {
            Some(c.chars().count() - len)
        } else {
            let bound = best.map_or(limit, |(b, _)| b.min(limit));
            edit_distance_within(word, c, bound)
        };
        if let Some(d) = d
            && best.is_none_or(|b| (d, c) < b)
        {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Whether `id` is kebab-case: lower-case letters and digits in words joined
/// by single hyphens.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Splits on whitespace, keeping "quoted words" together (the quotes
/// dropped), for file names after `:dot` and `:graph` and for `$PAGER`.
pub fn shell_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in s.chars() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (_, c) => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_table() {
        for (input, want) in [
            ("Ice Pack", "ice pack"),
            ("the ice-packs", "ice pack"),
            ("Muscle Relaxants", "muscle relaxant"),
            ("muscle relaxant", "muscle relaxant"),
            ("injuries", "injury"),
            ("potatoes", "potato"),
            ("stress", "stress"),
            ("  spasm!! ", "spasm"),
            ("compresses", "compress"),
            ("", ""),
        ] {
            assert_eq!(normalize(input), want, "{input:?}");
        }
    }

    #[test]
    fn plural_and_singular_meet() {
        for (a, b) in [("bananas", "banana"), ("eyes", "eye"), ("bruises", "bruise"), ("NSAIDs", "nsaid")] {
            assert_eq!(normalize(a), normalize(b));
        }
    }

    #[test]
    fn edit_distance_table() {
        for (a, b, d) in [
            ("", "", 0),
            ("treat", "treats", 1),
            ("spsm", "spasm", 1),
            ("abcd", "abdc", 1),
            ("kind", "", 4),
            ("é", "e", 1),
        ] {
            assert_eq!(edit_distance(a, b), d, "{a} {b}");
        }
    }

    #[test]
    fn bounded_distance_agrees_with_the_full_table() {
        // The textbook table, as the reference.
        fn full(a: &str, b: &str) -> usize {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let mut t = vec![vec![0; b.len() + 1]; a.len() + 1];
            for (i, row) in t.iter_mut().enumerate() {
                row[0] = i;
            }
            for (j, cell) in t[0].iter_mut().enumerate() {
                *cell = j;
            }
            for i in 1..=a.len() {
                for j in 1..=b.len() {
                    let cost = usize::from(a[i - 1] != b[j - 1]);
                    t[i][j] = (t[i - 1][j] + 1).min(t[i][j - 1] + 1).min(t[i - 1][j - 1] + cost);
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        t[i][j] = t[i][j].min(t[i - 2][j - 2] + 1);
                    }
                }
            }
            t[a.len()][b.len()]
        }
        let mut words: Vec<String> =
            ["", "a", "ab", "ba", "spasm", "spsam", "muscle spasm", "mucsle spams", "ça va", "cava"]
                .map(String::from)
                .to_vec();
        // And random words over a small alphabet, where bands and swaps matter most.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..40 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 11) as usize;
            words.push((0..len).map(|k| ['a', 'b', 'é'][((x >> (3 * k + 8)) % 3) as usize]).collect());
        }
        for a in &words {
            for b in &words {
                let d = full(a, b);
                assert_eq!(edit_distance(a, b), d, "{a:?} {b:?}");
                for max in 0..6 {
                    assert_eq!(edit_distance_within(a, b, max), (d <= max).then_some(d), "{a:?} {b:?} {max}");
                }
            }
        }
    }

    #[test]
    fn long_words_cost_little_to_compare() {
        // 10 001 characters against an id as long: a band, not a 10^8 table.
        let word = "a".repeat(10_001);
        let id = format!("{}b", "a".repeat(10_000));
        assert_eq!(edit_distance_within(&word, &id, 4), Some(1));
        assert_eq!(suggest(&word, [id.as_str(), "ice-pack"]), Some(id.as_str()));
        assert_eq!(edit_distance(&word, &id), 1);
    }

    #[test]
    fn suggest_picks_nearest_within_reach() {
        assert_eq!(suggest("treat", ["treats", "relieves"]), Some("treats"));
        assert_eq!(suggest("xyz", ["treats", "relieves"]), None);
        assert_eq!(suggest("alias", ["id", "aliases"]), Some("aliases"));
    }

    #[test]
    fn shell_words_keep_quoted_words_together() {
        assert_eq!(shell_words("less -FRX"), ["less", "-FRX"]);
        assert_eq!(shell_words("\"my file.dot\"  x"), ["my file.dot", "x"]);
        assert_eq!(shell_words("''"), [""]);
        assert!(shell_words("   ").is_empty());
    }

    #[test]
    fn kebab_case() {
        assert!(is_kebab_case("ice-pack"));
        assert!(is_kebab_case("b12"));
        for bad in ["", "Ice", "ice_pack", "ice--pack", "-ice", "ice pack"] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
    }
}
