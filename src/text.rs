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
/// characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    // Names are short: their characters and the three rows fit on the
    // stack, so the typo search over many names allocates nothing.
    const N: usize = 64;
    let (mut ab, mut bb) = (['\0'; N], ['\0'; N]);
    let (mut al, mut bl) = (0, 0);
    for c in a.chars() {
        if al == N {
            return distance(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>());
        }
        ab[al] = c;
        al += 1;
    }
    for c in b.chars() {
        if bl == N {
            return distance(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>());
        }
        bb[bl] = c;
        bl += 1;
    }
    distance(&ab[..al], &bb[..bl])
}

/// Edit distance with adjacent transpositions, over characters.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut rows = vec![0usize; 3 * (b.len() + 1)];
    let (prev2, rest) = rows.split_at_mut(b.len() + 1);
    let (prev, cur) = rest.split_at_mut(b.len() + 1);
    let (mut prev2, mut prev, mut cur) = (prev2, prev, cur);
    for (j, p) in prev.iter_mut().enumerate() {
        *p = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The largest distance at which a typo still counts as near `word`.
pub fn max_typo_distance(word: &str) -> usize {
    (word.chars().count() / 3).clamp(1, 4)
}

/// The candidate nearest to `word`, if it is near enough to be a typo.
/// A word that starts a candidate ("alias" for "aliases") counts as near too.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = max_typo_distance(word);
    let prefix = |c: &str| word.chars().count() >= 3 && c.starts_with(word);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, c)| d <= limit || prefix(c))
        .min()
        .map(|(_, c)| c)
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
