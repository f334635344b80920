//! What an ordinary English word is, for a word the question reader cannot
//! place by the graph's names or its cues: its lemmas and other readings to
//! try against those names and cues, a class (framing, medical, person,
//! amount, money, time, topic), how common it is, and whether it is a
//! dictionary word at all (so that a typo corrector leaves real words
//! alone: "massage" is not "manage").
//!
//! The table is generated from WordNet 3.0, lemminflect, symspellpy's word
//! frequencies, MeSH-based disease and drug lists and a chat-abbreviation
//! list by `tools/lexicon/generate.py` (sources and licences in
//! `LICENSES/`). It is baked into the binary and searched in place, by
//! binary search over its sorted lines: nothing is parsed or built at
//! start-up. It knows nothing of the graph: the reader tries each reading
//! against the graph in force.
//!
//! ```
//! use kg::ask::wordclass::{self, Class};
//! let kid = wordclass::lookup("kid").unwrap();
//! assert_eq!(kid.class(), Class::Person);
//! assert!(kid.juvenile());
//! assert!(kid.readings().any(|r| r == "child"));
//! let (len, stones) = wordclass::collocation(&["kidney", "stones", "hurt"]).unwrap();
//! assert_eq!((len, stones.class()), (2, Class::Medical));
//! ```

use std::fmt;

/// One line per word form or expression, sorted by bytes:
/// `form TAB meta [TAB readings]` (see [`Entry`] and
/// `tools/lexicon/README.md`).
static TABLE: &str = include_str!("lexdata/words.tsv");

/// The byte offset in [`TABLE`] of every fourth line (a block), as
/// little-endian u32, made with the table by the generator: a lookup
/// searches the blocks' first lines, then reads at most four lines.
static INDEX: &[u8] = include_bytes!("lexdata/words.idx");

/// What a word contributes to a question, when no name or cue places it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// Carries no topic: adverbs, opinion and evaluative adjectives, saying,
    /// thinking and perceiving verbs, chat fillers ("found", "regarded",
    /// "principal", "typically", "lol"). Ignore it.
    Framing,
    /// A disease, drug, body part, bodily state or medical procedure, or an
    /// adjective for one ("pregnant", "spinal", "kidney stone").
    Medical,
    /// A person or a group of people ("teenager", "nurse"); see
    /// [`Entry::juvenile`] for children.
    Person,
    /// An amount or a unit of measure ("grams", "mg", "litres").
    Amount,
    /// Money ("price", "insurance", "cost").
    Money,
    /// A time ("day", "morning", "week").
    Time,
    /// A concrete thing or activity ("mattress", "coffee", "car", "yoga").
    Topic,
}

impl Class {
    fn from_letter(c: u8) -> Option<Class> {
        Some(match c.to_ascii_lowercase() {
            b'f' => Class::Framing,
            b'm' => Class::Medical,
            b'p' => Class::Person,
            b'a' => Class::Amount,
            b'c' => Class::Money,
            b't' => Class::Time,
            b'o' => Class::Topic,
            _ => return None,
        })
    }

    /// The class in one word, for `--explain` and the JSON reading.
    pub fn name(self) -> &'static str {
        match self {
            Class::Framing => "framing",
            Class::Medical => "medical",
            Class::Person => "person",
            Class::Amount => "amount",
            Class::Money => "money",
            Class::Time => "time",
            Class::Topic => "topic",
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a reading comes from, in the order readings are given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Via {
    /// The form's lemma: listed → list, stabbing → stab, spasming → spasm.
    Lemma,
    /// The noun an adjective pertains to, the adjective an adverb comes
    /// from: spinal → spine, typically → typical.
    Pertainym,
    /// A derivationally related word: pregnant → pregnancy, numb → numbness.
    Derived,
    /// A synonym whose own main sense is the word's main sense: kid → child,
    /// teenager → teen, throw up → vomit.
    Synonym,
    /// The verb a verb is a manner of: sip → drink.
    Hypernym,
    /// The adjective a satellite adjective shades: dizzy → ill.
    Head,
    /// What a chat abbreviation stands for: rn → right now.
    Expansion,
}

impl Via {
    fn from_letter(c: u8) -> Option<Via> {
        Some(match c {
            b'L' => Via::Lemma,
            b'P' => Via::Pertainym,
            b'D' => Via::Derived,
            b'S' => Via::Synonym,
            b'H' => Via::Hypernym,
            b'A' => Via::Head,
            b'X' => Via::Expansion,
            _ => return None,
        })
    }
}

/// One word form (or expression) of the table: a view on its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    line: &'static str,
    /// Found through a regular inflection that the table does not list
    /// ("spasming" is read through "spasm"): the entry is the lemma's.
    inflected: bool,
}

impl Entry {
    fn field(&self, n: usize) -> &'static str {
        self.line.split('\t').nth(n).unwrap_or("")
    }

    fn meta(&self) -> &'static [u8] {
        self.field(1).as_bytes()
    }

    /// The form the table lists: the word itself, or the lemma it was read
    /// through.
    pub fn form(&self) -> &'static str {
        key(self.line)
    }

    /// Whether the entry was found through an inflection the table does not
    /// list; [`Entry::form`] is then the lemma.
    pub fn inflected(&self) -> bool {
        self.inflected
    }

    /// The class of the word's main reading (its most frequent sense).
    pub fn class(&self) -> Class {
        self.meta().first().and_then(|&c| Class::from_letter(c)).unwrap_or(Class::Topic)
    }

    /// Whether one of the word's main readings is medical (a disease, drug,
    /// body part or bodily state), whatever its class: "cold" is framing
    /// but can be an illness. A typo corrector never turns a word into a
    /// different medical word.
    pub fn medical(&self) -> bool {
        self.class() == Class::Medical || self.meta().first().is_some_and(u8::is_ascii_uppercase)
    }

    /// The flags after the class and the frequency, before any noun class.
    fn flags(&self) -> &'static [u8] {
        let m = self.meta();
        let rest = m.get(3..).unwrap_or_default();
        rest.split(|&b| b == b'~').next().unwrap_or_default()
    }

    /// The class of the word read as a noun, where it differs from
    /// [`Entry::class`] (the class of its main reading, a verb or an
    /// adjective): "brace" is framing (brace oneself) but a brace is a
    /// topic; "back" is framing (come back) but a back is medical. A reader
    /// that sees a determiner before the word may prefer it.
    pub fn noun_class(&self) -> Option<Class> {
        let m = self.meta();
        let at = m.iter().position(|&b| b == b'~')?;
        m.get(at + 1).and_then(|&c| Class::from_letter(c))
    }

    /// A child or a teenager ("kid", "toddler", "teenager").
    pub fn juvenile(&self) -> bool {
        self.flags().contains(&b'j')
    }

    /// Whether the form is a dictionary word (every form is, but chat
    /// abbreviations: "lol", "rn", "tbh").
    pub fn is_word(&self) -> bool {
        !self.flags().contains(&b'n')
    }

    /// How common the form is: its Zipf value (log10 of its frequency per
    /// billion words: "the" 7.6, "mattress" 4.0, "spasm" 2.9), 0 when the
    /// frequency list does not have it (rare medical words, expressions,
    /// chat abbreviations, inflections read through their lemma).
    pub fn zipf(&self) -> f32 {
        if self.inflected {
            return 0.0;
        }
        let m = self.meta();
        match (m.get(1), m.get(2)) {
            (Some(a @ b'0'..=b'9'), Some(b @ b'0'..=b'9')) => f32::from((a - b'0') * 10 + (b - b'0')) / 10.0,
            _ => 0.0,
        }
    }

    /// The words to try in its place, best first (see [`Via`]); for an
    /// entry found through an inflection, the lemma first.
    pub fn readings(&self) -> impl Iterator<Item = &'static str> + use<> {
        self.readings_via().map(|(_, r)| r)
    }

    /// The readings with where each comes from.
    pub fn readings_via(&self) -> impl Iterator<Item = (Via, &'static str)> + use<> {
        let lemma = self.inflected.then(|| (Via::Lemma, self.form()));
        let inflected = self.inflected;
        let listed = self.field(2).split(',').filter_map(|r| {
            let via = Via::from_letter(*r.as_bytes().first()?)?;
            Some((via, &r[1..]))
        });
        // A lemma's own lemmas are not the inflected form's.
        lemma.into_iter().chain(listed.filter(move |(via, _)| !(inflected && *via == Via::Lemma)))
    }
}

/// The key of a line: the text before its first tab.
fn key(line: &str) -> &str {
    line.split_once('\t').map_or(line, |(k, _)| k)
}

/// The start of block `i` of the table.
fn block(i: usize) -> usize {
    INDEX.get(4 * i..4 * i + 4).map_or(TABLE.len(), |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

/// The byte offset of the first line whose key is not less than `target`
/// (the table's length if none is): a binary search over the blocks'
/// first lines, then the lines of one block in turn.
fn lower_bound(target: &str) -> usize {
    let t = TABLE.as_bytes();
    let target = target.as_bytes();
    // The first block whose first key is not less than the target.
    let (mut lo, mut hi) = (0usize, INDEX.len() / 4);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if key_less(&t[block(mid)..], target) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    // The line is in the block before it (or is its first line).
    let Some(prev) = lo.checked_sub(1) else { return 0 };
    let (mut at, end) = (block(prev), block(lo));
    while at < end && key_less(&t[at..], target) {
        at += line_len(&t[at..]) + 1;
    }
    at
}

/// Whether the key of the line that `line` starts (the bytes before its
/// tab) sorts before `target`, byte by byte as the generator sorts. The
/// line's first bytes compare as the key does: a key shorter than the target
/// ends in a tab, which sorts before every character of a word. (A plain
/// loop: keys are a few bytes, shorter than a call to memcmp costs.)
fn key_less(line: &[u8], target: &[u8]) -> bool {
    for (a, b) in line.iter().zip(target) {
        if a != b {
            return a < b;
        }
    }
    line.len() < target.len()
}

/// The length of the line that `rest` starts, without its newline.
fn line_len(rest: &[u8]) -> usize {
    rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len())
}

/// The line whose key is `form`.
fn line(form: &str) -> Option<&'static str> {
    let at = lower_bound(form);
    let rest = &TABLE.as_bytes()[at..];
    let n = form.len();
    // The line's key is the form if the line starts with it and a tab.
    if rest.get(..n) == Some(form.as_bytes()) && rest.get(n) == Some(&b'\t') {
        Some(&TABLE[at..at + line_len(rest)])
    } else {
        None
    }
}

/// Whether some expression of the table starts with `prefix`.
fn starts_any(prefix: &str) -> bool {
    TABLE.get(lower_bound(prefix)..).is_some_and(|rest| rest.starts_with(prefix))
}

/// A word form (lower case), or `None` if the table has neither it nor,
/// through a regular inflection, its lemma. A word missing from the table
/// is not a common English word: rarer than Zipf 3 (about once in a
/// million words) and not medical, or a typo.
pub fn lookup(word: &str) -> Option<Entry> {
    if word.is_empty() || word.bytes().any(|b| b == b' ') {
        return None;
    }
    if let Some(line) = line(word) {
        return Some(Entry { line, inflected: false });
    }
    deinflect(word)
}

/// Regular inflections the table may not list (it lists every form the
/// frequency list has): the lemma, if the table has it and it is a word.
fn deinflect(word: &str) -> Option<Entry> {
    const RULES: &[(&str, &str)] =
        &[("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", "")];
    if !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let mut buf = String::with_capacity(word.len() + 1);
    for &(suffix, ending) in RULES {
        let Some(stem) = word.strip_suffix(suffix) else { continue };
        if stem.len() < 3 || suffix == "s" && stem.ends_with('s') {
            continue;
        }
        let b = stem.as_bytes();
        // "stabbing" is "stab": a doubled final consonant is undoubled.
        let undoubled = (ending.is_empty() && b[b.len() - 1] == b[b.len() - 2] && !b"aeiou".contains(&b[b.len() - 1]))
            .then(|| &stem[..stem.len() - 1]);
        for base in [Some(stem), undoubled].into_iter().flatten() {
            buf.clear();
            buf.push_str(base);
            buf.push_str(ending);
            if let Some(line) = line(&buf) {
                let e = Entry { line, inflected: true };
                if e.is_word() {
                    return Some(e);
                }
            }
        }
    }
    None
}

/// The longest expression of the table (two to four words) that `words`
/// start with, and its length in words: ["throwing", "up", "after"] →
/// "throw up" (2). The first and the last word may be inflected ("kidney
/// stones" is "kidney stone"), where the table lists the inflection.
pub fn collocation(words: &[&str]) -> Option<(usize, Entry)> {
    let (&w0, _) = words.split_first()?;
    // The expressions that start with a word come right after the word's own
    // line ("throw", "throw up", "throwaway"): one search finds both.
    let (entry, starts_w0) = near(w0);
    let mut starts: [Option<&str>; 3] = [starts_w0.then_some(w0), None, None];
    let mut key = String::with_capacity(48);
    if let Some(e) = entry {
        for (slot, lemma) in starts[1..].iter_mut().zip(lemmas(e, w0)) {
            key.clear();
            key.push_str(lemma);
            key.push(' ');
            *slot = starts_any(&key).then_some(lemma);
        }
    }
    let mut best = None;
    for f in starts.iter().flatten() {
        // Longer and longer, while some expression goes on with the words
        // typed so far.
        for n in 2..=words.len().min(4) {
            let last = words[n - 1];
            let mut lasts: [Option<&str>; 3] = [Some(last), None, None];
            if let Some(line) = line(last) {
                for (slot, lemma) in lasts[1..].iter_mut().zip(lemmas(Entry { line, inflected: false }, last)) {
                    *slot = Some(lemma);
                }
            }
            for l in lasts.iter().flatten() {
                key.clear();
                key.push_str(f);
                for w in &words[1..n - 1] {
                    key.push(' ');
                    key.push_str(w);
                }
                key.push(' ');
                key.push_str(l);
                if let Some(line) = line(&key) {
                    if best.is_none_or(|(m, _)| m < n) {
                        best = Some((n, Entry { line, inflected: false }));
                    }
                    break;
                }
            }
            // The words so far, as typed, then a space: does anything go on?
            key.clear();
            key.push_str(f);
            for w in &words[1..n] {
                key.push(' ');
                key.push_str(w);
            }
            key.push(' ');
            if n == words.len().min(4) || !starts_any(&key) {
                break;
            }
        }
    }
    best
}

/// The entry of `word`, if the table lists it, and whether an expression
/// starts with it, from one search.
fn near(word: &str) -> (Option<Entry>, bool) {
    let t = TABLE.as_bytes();
    let mut at = lower_bound(word);
    let n = word.len();
    let starts = |at: usize| t.get(at..at + n) == Some(word.as_bytes());
    let mut entry = None;
    if starts(at) && t.get(at + n) == Some(&b'\t') {
        let len = line_len(&t[at..]);
        entry = Some(Entry { line: &TABLE[at..at + len], inflected: false });
        at += len + 1;
    }
    (entry, starts(at) && t.get(at + n) == Some(&b' '))
}

/// The lemmas an entry lists for `word` (at most two).
fn lemmas<'a>(e: Entry, word: &'a str) -> impl Iterator<Item = &'static str> + use<'a> {
    e.readings_via().filter(move |(via, r)| *via == Via::Lemma && *r != word).map(|(_, r)| r).take(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(w: &str) -> Entry {
        lookup(w).unwrap_or_else(|| panic!("{w} is in the table"))
    }

    fn class(w: &str) -> Class {
        entry(w).class()
    }

    fn reads(w: &str, r: &str) -> bool {
        entry(w).readings().any(|x| x == r)
    }

    #[test]
    fn the_table_is_sorted_and_well_formed() {
        let mut prev = "";
        for line in TABLE.lines() {
            let k = key(line);
            assert!(prev < k, "{prev:?} before {k:?}");
            prev = k;
            let e = Entry { line, inflected: false };
            let meta = e.meta();
            assert!(meta.len() >= 3 && Class::from_letter(meta[0]).is_some(), "{line}");
            assert!(meta[1].is_ascii_digit() && meta[2].is_ascii_digit(), "{line}");
            assert!(e.flags().iter().all(|f| b"jn".contains(f)), "{line}");
            if meta.contains(&b'~') {
                let noun = e.noun_class();
                assert!(noun.is_some_and(|c| c != e.class()), "{line}");
                assert!(meta.ends_with(&[b'~', *meta.last().unwrap()]), "{line}");
            }
            for r in e.field(2).split(',').filter(|r| !r.is_empty()) {
                assert!(Via::from_letter(r.as_bytes()[0]).is_some() && r.len() > 1, "{line}");
            }
        }
        assert!(TABLE.ends_with('\n'));
    }

    /// Lines per block of [`INDEX`] (`BLOCK` in the generator).
    const BLOCK: usize = 4;

    #[test]
    fn the_index_points_at_every_fourth_line() {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(TABLE.match_indices('\n').map(|(i, _)| i + 1))
            .filter(|&i| i < TABLE.len())
            .step_by(BLOCK)
            .collect();
        let index: Vec<usize> = (0..INDEX.len() / 4).map(block).collect();
        assert_eq!(index, starts);
        assert_eq!(INDEX.len() % 4, 0);
    }

    #[test]
    fn every_line_is_found() {
        for line in TABLE.lines() {
            assert_eq!(super::line(key(line)), Some(line));
        }
        let first = key(TABLE.lines().next().unwrap());
        let last = key(TABLE.lines().last().unwrap());
        assert!(lookup(first).is_some() && lookup(last).is_some());
        for absent in ["", "zzzzzz", "spsm", "a b", "\u{e9}t\u{e9}"] {
            assert!(lookup(absent).is_none(), "{absent}");
        }
    }

    #[test]
    fn words_that_carry_no_topic_are_framing() {
        for w in ["against", "found", "listed", "comfy", "principal", "regarded", "typically", "lol", "rn"] {
            assert_eq!(class(w), Class::Framing, "{w}");
        }
        assert!(reads("found", "find"));
        assert!(reads("listed", "list"));
        assert!(reads("regarded", "regard"));
        assert!(reads("typically", "typical"));
        assert!(reads("rn", "right now"));
        assert!(!entry("lol").is_word() && !entry("rn").is_word());
    }

    #[test]
    fn medical_words_bodily_states_and_their_adjectives() {
        for w in ["pregnant", "numb", "dizzy", "spinal", "spasm", "warfarin", "asthma"] {
            assert_eq!(class(w), Class::Medical, "{w}");
            assert!(entry(w).medical(), "{w}");
        }
        assert!(reads("spinal", "spine"));
        assert!(reads("pregnant", "pregnancy"));
        // Evaluative adjectives are framing, though health is a state.
        assert_eq!(class("healthy"), Class::Framing);
        assert_eq!(class("abnormal"), Class::Framing);
    }

    #[test]
    fn people_and_children() {
        for w in ["kid", "teenager", "toddler"] {
            assert_eq!(class(w), Class::Person, "{w}");
            assert!(entry(w).juvenile(), "{w}");
        }
        assert!(reads("kid", "child"));
        assert!(reads("teenager", "teen"));
        assert_eq!(class("nurse"), Class::Person);
        assert!(!entry("nurse").juvenile());
    }

    #[test]
    fn topics_money_amounts_and_times() {
        for w in ["mattress", "coffee", "car", "yoga", "massage", "creatine", "dairy"] {
            assert_eq!(class(w), Class::Topic, "{w}");
        }
        for w in ["price", "insurance", "cost"] {
            assert_eq!(class(w), Class::Money, "{w}");
        }
        for w in ["grams", "mg", "litres"] {
            assert_eq!(class(w), Class::Amount, "{w}");
        }
        assert_eq!(class("day"), Class::Time);
        assert!(reads("grams", "gram"));
    }

    #[test]
    fn a_word_read_as_a_noun() {
        assert_eq!(class("brace"), Class::Framing);
        assert_eq!(entry("brace").noun_class(), Some(Class::Topic));
        assert_eq!(entry("back").noun_class(), Some(Class::Medical));
        assert_eq!(entry("mattress").noun_class(), None);
        assert_eq!(class("heart"), Class::Medical);
        assert_eq!(class("lumbar"), Class::Medical);
    }

    #[test]
    fn readings_of_forms_and_verbs() {
        assert!(reads("stabbing", "stab"));
        assert!(reads("sip", "drink"));
        let s = entry("spasming");
        assert!(s.inflected() && s.medical() && s.is_word());
        assert_eq!(s.readings_via().next(), Some((Via::Lemma, "spasm")));
        assert_eq!(s.zipf(), 0.0);
        assert!(reads("stabbed", "stab"));
    }

    #[test]
    fn dictionary_words_and_how_common() {
        for w in ["massage", "mattress", "matters", "manage", "spams", "spasms"] {
            assert!(entry(w).is_word(), "{w}");
        }
        assert!(entry("the").zipf() > 7.0);
        assert!((3.5..4.5).contains(&entry("mattress").zipf()));
        assert!(entry("mattress").zipf() < entry("matters").zipf());
    }

    #[test]
    fn collocations_are_matched_longest_first_with_inflections() {
        let (n, e) = collocation(&["kidney", "stones"]).expect("kidney stones");
        assert_eq!((n, e.form(), e.class()), (2, "kidney stone", Class::Medical));
        let (n, e) = collocation(&["multiple", "sclerosis", "and", "spasms"]).expect("multiple sclerosis");
        assert_eq!((n, e.class()), (2, Class::Medical));
        let (n, e) = collocation(&["throwing", "up"]).expect("throwing up");
        assert_eq!((n, e.form()), (2, "throw up"));
        assert!(e.readings().any(|r| r == "vomit"));
        assert!(collocation(&["the", "spasm"]).is_none());
        assert!(collocation(&["kidney"]).is_none());
        assert!(collocation(&[]).is_none());
    }
}
