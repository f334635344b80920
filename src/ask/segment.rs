//! A question cut into typed spans before any intent is chosen: the names
//! of the graph it mentions (multi-word, through aliases and word-level
//! typo correction), the cue words that say what is asked, times and
//! amounts, words that put it outside the article, the words that carry
//! nothing, and what is left over. What is left over is evidence: a content
//! word the article does not know means the article does not cover the
//! question.

use std::ops::Range;

use super::lexicon::{self, Cue};
use super::wordclass;
use crate::graph::{Graph, Ix};
use crate::model::Kind;
use crate::text::{edit_distance, max_typo_distance, singular};

/// One word of the question.
#[derive(Clone, Debug)]
pub struct Token {
    /// Lower case, contractions expanded, slang and number words read.
    pub word: String,
    /// Byte span in the question as typed.
    pub span: Range<usize>,
    /// Which sentence of the question it is in.
    pub sentence: usize,
    /// The word taken in its place when it looked like a typo, or (with
    /// `by_table`) a form of it the word table gives ("listed": "list").
    pub corrected: Option<String>,
    /// The correction is the word table's reading, not a typo's fix.
    pub by_table: bool,
    /// What the word table says the word is, where it placed it.
    pub class: Option<wordclass::Class>,
    /// Part of an expression read as its first word ("down" in "cut down
    /// on", read as "reduce"): it carries nothing of its own.
    pub absorbed: bool,
}

impl Token {
    /// The word as read: the correction if there is one.
    pub fn read(&self) -> &str {
        self.corrected.as_deref().unwrap_or(&self.word)
    }
}

/// A name of the graph found in the question.
#[derive(Clone, Debug)]
pub struct Mention {
    /// Token range.
    pub at: Range<usize>,
    /// The nodes the name stands for (more than one: ambiguous).
    pub nodes: Vec<Ix>,
    /// The name as typed.
    pub typed: String,
    /// The graph's form it matched, in normal form.
    pub form: String,
}

impl Mention {
    pub fn node(&self) -> Ix {
        self.nodes[0]
    }
}

/// A cue phrase found in the question.
#[derive(Clone, Debug)]
pub struct CueHit {
    pub cue: Cue,
    pub at: Range<usize>,
}

/// A time or an amount of time in the question.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum When {
    /// A day since the spasm began, counted from 0 ("on day 5" is 4, "for
    /// ten days" is 10).
    Day(u16),
    /// The first `n` days (days `0..n`).
    First(u16),
    /// From day `n` on.
    From(u16),
    /// A length of time for one session, in minutes ("for an hour").
    Minutes(f32),
    /// A stage of the spasm with no day ("once it has eased", "at its worst").
    Phase(crate::model::Phase),
}

#[derive(Clone, Debug)]
pub struct TimeHit {
    pub when: When,
    pub at: Range<usize>,
    /// A vague time ("later on", "right away") rather than a number of
    /// days: a question about causes may set it aside.
    pub soft: bool,
}

/// What each token was taken to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Function,
    Mention,
    Cue,
    Time,
    Number,
    OutOfScope,
    Leftover,
}

/// The question, segmented.
#[derive(Clone, Debug, Default)]
pub struct Segments {
    pub tokens: Vec<Token>,
    pub roles: Vec<Option<Role>>,
    pub mentions: Vec<Mention>,
    pub cues: Vec<CueHit>,
    pub times: Vec<TimeHit>,
    /// Words naming a kind of node ("which drugs"), which may also be a
    /// mention ("drugs" is an alias of medication).
    pub kinds: Vec<(crate::model::Kind, Range<usize>)>,
    /// The sentences that ask (the rest tell a story around them).
    pub asking: Vec<usize>,
    /// The sentences that end in a question mark.
    pub marked: Vec<usize>,
}

impl Segments {
    pub fn role(&self, i: usize) -> Role {
        self.roles[i].unwrap_or(Role::Leftover)
    }

    /// Whether token `i` is in a sentence that asks.
    pub fn in_question(&self, i: usize) -> bool {
        self.asking.contains(&self.tokens[i].sentence)
    }

    /// Words left over in the sentences that ask, and words out of scope
    /// anywhere: what the article does not cover.
    pub fn uncovered(&self) -> Vec<usize> {
        (0..self.tokens.len())
            .filter(|&i| match self.role(i) {
                Role::OutOfScope => true,
                Role::Leftover => self.in_question(i),
                _ => false,
            })
            .collect()
    }

    pub fn has(&self, cue: Cue) -> bool {
        self.cues.iter().any(|c| c.cue == cue)
    }

    /// The first token of the cue, if present.
    pub fn at(&self, cue: Cue) -> Option<usize> {
        self.cues.iter().find(|c| c.cue == cue).map(|c| c.at.start)
    }

    pub fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", Token::read)
    }

    /// Whether any token reads as one of `words`.
    pub fn any_word(&self, words: &[&str]) -> bool {
        self.tokens.iter().any(|t| words.contains(&t.read()))
    }

    /// The mentions in the sentences that ask.
    pub fn asked_mentions(&self) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(|m| self.in_question(m.at.start))
    }
}

/// Lower case, split into words with their spans, contractions expanded.
pub fn tokenize(question: &str) -> Vec<Token> {
    let mut raw: Vec<(String, Range<usize>, usize)> = Vec::new();
    let mut sentence = 0;
    let mut cur = String::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = question.char_indices().collect();
    let flush = |cur: &mut String, start: usize, end: usize, sentence: usize, raw: &mut Vec<_>| {
        let w = cur.trim_matches('\'').to_string();
        if !w.is_empty() {
            raw.push((w, start..end, sentence));
        }
        cur.clear();
    };
    for (k, &(i, c)) in chars.iter().enumerate() {
        let c = if c == '’' || c == '‘' { '\'' } else { c };
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
        let digit_dot =
            c == '.' && prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        // "day -3": a minus sign before a number stays with it.
        let minus = c == '-' && cur.is_empty() && next.is_some_and(|n| n.is_ascii_digit());
        if c.is_alphanumeric() || (c == '\'' && !cur.is_empty()) || digit_dot || minus {
            if cur.is_empty() {
                start = i;
            }
            cur.extend(c.to_lowercase());
        } else {
            flush(&mut cur, start, i, sentence, &mut raw);
            if matches!(c, '.' | '?' | '!' | ';' | '\n') {
                sentence += 1;
            }
        }
    }
    flush(&mut cur, start, question.len(), sentence, &mut raw);

    let mut out = Vec::with_capacity(raw.len() + 4);
    for (w, span, sentence) in raw {
        let push = |out: &mut Vec<Token>, word: &str| {
            out.push(Token {
                word: word.to_string(),
                span: span.clone(),
                sentence,
                corrected: None,
                by_table: false,
                class: None,
                absorbed: false,
            })
        };
        let expanded: &[&str] = match w.as_str() {
            "what's" | "whats" => &["what", "is"],
            "what're" => &["what", "are"],
            "where's" | "wheres" => &["where", "is"],
            "how's" | "hows" => &["how", "is"],
            "it's" => &["it", "is"],
            "that's" | "thats" => &["that", "is"],
            "there's" | "theres" => &["there", "is"],
            "he's" | "hes" => &["he", "is"],
            "she's" | "shes" => &["she", "is"],
            "i'm" | "im" => &["i", "am"],
            "i've" | "ive" => &["i", "have"],
            "i'll" => &["i", "will"],
            "i'd" => &["i", "would"],
            "you're" | "youre" => &["you", "are"],
            "they're" => &["they", "are"],
            "we're" => &["we", "are"],
            "can't" | "cant" | "cannot" => &["can", "not"],
            "won't" | "wont" => &["will", "not"],
            "dont" => &["do", "not"],
            "doesnt" => &["does", "not"],
            "didnt" => &["did", "not"],
            "isnt" => &["is", "not"],
            "arent" => &["are", "not"],
            "shouldnt" => &["should", "not"],
            "wouldnt" => &["would", "not"],
            "couldnt" => &["could", "not"],
            "mustnt" => &["must", "not"],
            "wasnt" => &["was", "not"],
            "havent" => &["have", "not"],
            "hasnt" => &["has", "not"],
            _ => &[],
        };
        if !expanded.is_empty() {
            for e in expanded {
                push(&mut out, e);
            }
            continue;
        }
        if let Some(stem) = w.strip_suffix("n't") {
            push(
                &mut out,
                if stem == "ca" {
                    "can"
                } else if stem == "wo" {
                    "will"
                } else {
                    stem
                },
            );
            push(&mut out, "not");
            continue;
        }
        let w =
            ["'s", "'re", "'ve", "'ll", "'d"].iter().find_map(|s| w.strip_suffix(s)).unwrap_or(&w).replace('\'', "");
        if w.is_empty() {
            continue;
        }
        let w = lexicon::SLANG.iter().find(|(s, _)| *s == w).map_or(w.clone(), |(_, r)| r.to_string());
        let w = match w.as_str() {
            "onto" | "upon" => "on".to_string(),
            // "takin", "doin": a dropped g.
            _ if w.len() > 4
                && w.ends_with("in")
                && !lexicon::is_common(&w)
                && lexicon::is_common(&format!("{w}g")) =>
            {
                format!("{w}g")
            }
            _ => w,
        };
        match number_word(&w) {
            Some(n) => push(&mut out, &n.to_string()),
            None => push(&mut out, &w),
        }
    }
    // "muscle-wise", "cost-wise": the suffix says "as for", not "wise".
    out.retain(|t| !(t.word == "wise" && t.span.start > 0 && question.as_bytes().get(t.span.start - 1) == Some(&b'-')));
    // "straight on the skin" is "directly on" it ("straight away" is a time).
    for k in 0..out.len() {
        if out[k].word == "straight" && out.get(k + 1).is_none_or(|t| t.word != "away") {
            out[k].word = "directly".into();
        }
    }
    out
}

fn number_word(w: &str) -> Option<u32> {
    const WORDS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(i) = WORDS.iter().position(|&x| x == w) {
        // "one" is also a pronoun ("which one"); it stays a word unless a
        // unit follows, which the time parser checks on the digit.
        return (w != "one").then_some(i as u32);
    }
    match w {
        "thirty" => Some(30),
        "forty" => Some(40),
        "fifty" => Some(50),
        "sixty" => Some(60),
        "ninety" => Some(90),
        "hundred" => Some(100),
        _ => None,
    }
}

/// The sentences that ask: those ending in `?` or opening like a question;
/// if none does, all of them (a keyword question has no shape).
fn asking_sentences(question: &str, tokens: &[Token]) -> Vec<usize> {
    let count = tokens.last().map_or(0, |t| t.sentence + 1);
    if count <= 1 {
        return vec![0];
    }
    const OPENERS: &[&str] = &[
        "what", "which", "who", "how", "why", "when", "where", "is", "are", "can", "could", "should", "would", "will",
        "do", "does", "did", "may", "might", "must", "shall", "any", "whats",
    ];
    // Sentences that end in "?" ask; without any, the last sentence does
    // (a story ends with its question: "what do I do today", "good idea or
    // nah"), and a sentence before it that opens like a question.
    let mut asking: Vec<usize> = Vec::new();
    let mut opens: Vec<usize> = Vec::new();
    for s in 0..count {
        let words: Vec<&Token> = tokens.iter().filter(|t| t.sentence == s).collect();
        let Some(first) = words.first() else { continue };
        let last = words.last().map_or(0, |t| t.span.end);
        if question[last..].trim_start().starts_with('?') {
            asking.push(s);
        } else if OPENERS.contains(&first.word.as_str()) {
            opens.push(s);
        }
    }
    if asking.is_empty() {
        let last = count - 1;
        asking.push(last);
        // "Is it serious. What do I do": two questions, neither with "?".
        if let Some(&prev) = opens.iter().rev().find(|&&s| s + 1 == last) {
            asking.insert(0, prev);
        }
    }
    asking
}

/// Segments a question against a graph.
pub fn segment(g: &Graph, question: &str) -> Segments {
    let tokens = tokenize(question);
    let asking = asking_sentences(question, &tokens);
    let marked = (0..tokens.last().map_or(0, |t| t.sentence + 1))
        .filter(|&s| {
            let end = tokens.iter().filter(|t| t.sentence == s).map(|t| t.span.end).max().unwrap_or(0);
            question[end..].trim_start().starts_with('?')
        })
        .collect();
    let mut s = Segments { roles: vec![None; tokens.len()], tokens, asking, marked, ..Segments::default() };
    mark_function_phrases(&mut s);
    find_times(&mut s);
    find_mentions(g, &mut s);
    find_kinds(&mut s);
    find_cues(&mut s);
    mark_rest(&mut s);
    // Words left over may be another form of a name or a cue ("listed" is
    // "list", "spinal" is "spine", "sip" is "drink"), or typos of one:
    // read them so, one word at a time, and look again.
    if read_by_table(g, &mut s) {
        look_again(g, &mut s);
    }
    if correct_typos(g, &mut s) {
        look_again(g, &mut s);
    }
    class_by_table(&mut s);
    s
}

/// The passes again, after words were read as others.
fn look_again(g: &Graph, s: &mut Segments) {
    for r in s.roles.iter_mut() {
        if matches!(r, Some(Role::Leftover | Role::Function)) {
            *r = None;
        }
    }
    mark_function_phrases(s);
    find_mentions(g, s);
    find_kinds(s);
    find_cues(s);
    mark_rest(s);
}

/// Whether `word` read in place of token `i` would be placed: a name of the
/// graph (alone or with a neighbour), a cue, a kind, a word that carries
/// nothing.
fn placed(g: &Graph, s: &Segments, i: usize, word: &str) -> bool {
    if word.contains(' ') {
        return !g.by_name(&crate::text::normalize(word)).is_empty();
    }
    !g.by_name(&singular(word)).is_empty()
        || forms_name(g, s, i, word)
        || lexicon::CUES.iter().any(|&(phrase, _)| phrase == word)
        || lexicon::KINDS.iter().any(|&(phrase, _)| phrase == word)
        || is_function(word)
}

/// Reads each word left over as the first of its forms in the word table
/// (its lemma, the noun it pertains to, a word derived from it, a synonym
/// of its main sense, the verb it is a manner of) that the graph or the
/// cues place. Returns whether any was read so.
fn read_by_table(g: &Graph, s: &mut Segments) -> bool {
    let mut changed = false;
    for i in 0..s.tokens.len() {
        if s.roles[i] != Some(Role::Leftover) || s.tokens[i].corrected.is_some() {
            continue;
        }
        // An expression first ("cut down" is "reduce", "set off" is
        // "trigger", "throw up" is "vomit"), read as one word, a cue or a
        // name, the rest of it carrying nothing.
        let n = s.tokens.len();
        let words: Vec<&str> = (i..n.min(i + 4)).map(|k| s.tokens[k].word.as_str()).collect();
        if let Some((len, e)) = wordclass::collocation(&words)
            && len > 1
            && (i + 1..i + len).all(|k| matches!(s.roles[k], Some(Role::Leftover | Role::Function | Role::Cue)))
            && let Some(r) = e.readings().find(|r| {
                !g.by_name(&crate::text::normalize(r)).is_empty()
                    || !r.contains(' ') && lexicon::CUES.iter().any(|&(phrase, _)| phrase == *r)
            })
        {
            s.tokens[i].corrected = Some(r.to_string());
            s.tokens[i].by_table = true;
            s.tokens[i].class = Some(e.class());
            for k in i + 1..i + len {
                s.tokens[k].absorbed = true;
            }
            changed = true;
            continue;
        }
        // "wreck my liver", "damage my nerves": harm to a part of the body,
        // where the graph names that harm ("liver damage").
        let harmed = (1..=2).filter_map(|k| i.checked_sub(k)).find(|&k| !is_article(s.tokens[k].read()));
        if harmed.is_some_and(|k| s.cues.iter().any(|c| c.cue == Cue::Risk && c.at.contains(&k))) {
            let w = singular(&s.tokens[i].word);
            let harm = [format!("{w} damage"), format!("damage to {w}"), format!("{w} problems")]
                .into_iter()
                .find(|f| !g.by_name(&crate::text::normalize(f)).is_empty());
            if let Some(harm) = harm {
                s.tokens[i].corrected = Some(harm);
                s.tokens[i].by_table = true;
                changed = true;
                continue;
            }
        }
        let Some(entry) = wordclass::lookup(&s.tokens[i].word) else { continue };
        let lemma = entry.inflected().then(|| (wordclass::Via::Lemma, entry.form()));
        // A word of another part of speech ("inject" and an injection, "kid"
        // and a child) may name a state or a cue, not a thing to do: the
        // question "what gets injected" is not about the cortisone injection.
        let names_a_state = |r: &str| {
            let nodes = g.by_name(&crate::text::normalize(r));
            !nodes.is_empty()
                && nodes
                    .iter()
                    .all(|&ix| matches!(g.kind(ix), Kind::Symptom | Kind::Condition | Kind::Harm | Kind::RedFlag))
        };
        let cue_or_nothing =
            |r: &str| !r.contains(' ') && (lexicon::CUES.iter().any(|&(phrase, _)| phrase == r) || is_function(r));
        let found = lemma.into_iter().chain(entry.readings_via()).find(|&(via, r)| {
            use wordclass::Via;
            r != s.tokens[i].word
                && if matches!(via, Via::Lemma | Via::Pertainym | Via::Expansion) {
                    placed(g, s, i, r)
                } else {
                    names_a_state(r) || cue_or_nothing(r)
                }
        });
        let found = found.map(|(_, r)| r);
        if let Some(r) = found {
            s.tokens[i].corrected = Some(r.to_string());
            s.tokens[i].by_table = true;
            s.tokens[i].class = Some(entry.class());
            changed = true;
        }
    }
    changed
}

/// Places the words still left over by what the word table says they are:
/// a word that carries no topic (an adverb, an opinion, a verb of saying or
/// thinking, "lol") is ignored; a medical word the article does not use, an
/// amount or a price, and (in the sentences that ask) a thing or activity
/// outside the article put the question outside it. A child named as whom
/// it is for ("for my kid") is outside it too; one who is only in the
/// story ("my son has a spasm") is not.
fn class_by_table(s: &mut Segments) {
    use wordclass::Class;
    let n = s.tokens.len();
    let mut i = 0;
    while i < n {
        if s.roles[i] != Some(Role::Leftover) {
            i += 1;
            continue;
        }
        // An expression first: "kidney stones", "multiple sclerosis", "epsom
        // salt" (whose "salt" alone would be a name: the expression wins).
        let words: Vec<&str> = (i..n.min(i + 4)).map(|k| s.tokens[k].read()).collect();
        let one_word_name = |k: usize| s.mentions.iter().any(|m| m.at == (k..k + 1));
        if let Some((len, e)) = wordclass::collocation(&words)
            && len > 1
            && (i..i + len).all(|k| s.roles[k] == Some(Role::Leftover) || one_word_name(k))
            && ((i..i + len).all(|k| s.roles[k] == Some(Role::Leftover))
                || matches!(e.class(), Class::Medical | Class::Topic | Class::Amount | Class::Money))
        {
            s.mentions.retain(|m| !(m.at.start >= i && m.at.end <= i + len));
            let role = match e.class() {
                Class::Framing | Class::Time | Class::Person => Role::Function,
                _ if !s.in_question(i) => Role::Leftover,
                _ => Role::OutOfScope,
            };
            for k in i..i + len {
                s.roles[k] = Some(role);
                s.tokens[k].class = Some(e.class());
            }
            i += len;
            continue;
        }
        let Some(e) = wordclass::lookup(s.tokens[i].read()) else {
            i += 1;
            continue;
        };
        // "a brace", "my supplement": read as the noun it is there.
        let after_article =
            i > 0 && (is_article(s.tokens[i - 1].read()) || matches!(s.tokens[i - 1].read(), "this" | "that" | "some"));
        // ... unless a noun follows that it qualifies ("the main causes").
        let modifies = i + 1 < n && matches!(s.roles[i + 1], Some(Role::Mention | Role::Cue | Role::Leftover));
        let class = if after_article && !modifies { e.noun_class().unwrap_or(e.class()) } else { e.class() };
        let before = |k: usize| i.checked_sub(k).map_or("", |j| s.tokens[j].read());
        // People the question is about, as whom it is for ("is it safe for
        // athletes", "for my kid") or, for children, whom it asks of ("can
        // kids get spasms"), are a group the article does not discuss; one
        // who only tells or knows ("do scientists know", "my coach says") or
        // to whom it happened ("my kid has a spasm, should she ice it")
        // carries nothing.
        const ASKS: &[&str] = &[
            "can", "could", "do", "does", "are", "is", "should", "would", "will", "may", "might", "why", "how", "when",
            "what",
        ];
        let for_whom = matches!(before(1), "for" | "in" | "to" | "with" | "among")
            || is_article(before(1)) && matches!(before(2), "for" | "in" | "to" | "with" | "among");
        let asked_of = ASKS.contains(&before(1)) || is_article(before(1)) && ASKS.contains(&before(2));
        // A time of day asked about ("what helps at night") is a setting the
        // article does not speak to; when the story happened ("this
        // morning") is context.
        // "at night", "in the morning" ask about a setting; "this morning"
        // says when the story happened, "for the night" how long.
        let setting =
            matches!(before(1), "at" | "during") || before(1) == "the" && matches!(before(2), "in" | "during" | "at");
        let story_time = !setting;
        // In the story, a state the person is in ("I'm pregnant", "she is
        // diabetic") bears on any answer; other things it names (a mug, a
        // leaflet, the drive home, two litres of water) are its setting.
        let is_state = matches!(
            before(1),
            "am" | "is"
                | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "being"
                | "get"
                | "got"
                | "feel"
                | "feels"
                | "getting"
                | "became"
        ) || matches!(before(1), "very" | "so" | "quite" | "really")
            && matches!(before(2), "am" | "is" | "are" | "was" | "feel" | "feels");
        let asked = s.in_question(i);
        s.roles[i] = Some(match class {
            Class::Time if asked && !story_time => Role::OutOfScope,
            Class::Framing | Class::Time => Role::Function,
            // "i'm diabetic": a person by an illness is the illness.
            Class::Person if e.medical() && (asked || is_state) => Role::OutOfScope,
            Class::Person if e.juvenile() && (for_whom || asked && asked_of) => Role::OutOfScope,
            Class::Person if asked && for_whom => Role::OutOfScope,
            // Nothing else named ("list all nurses"): the people are the topic.
            Class::Person if asked && s.mentions.is_empty() => Role::OutOfScope,
            Class::Person => Role::Function,
            Class::Medical if asked || is_state => Role::OutOfScope,
            Class::Medical | Class::Amount | Class::Money | Class::Topic if !asked => Role::Leftover,
            Class::Medical | Class::Amount | Class::Money | Class::Topic => Role::OutOfScope,
        });
        s.tokens[i].class = Some(class);
        i += 1;
    }
}

/// Words naming a kind of node. They stay mentions where they are names
/// too; elsewhere they count as cues.
fn find_kinds(s: &mut Segments) {
    s.kinds.clear();
    let n = s.tokens.len();
    let mut i = 0;
    while i < n {
        let hit = lexicon::KINDS.iter().find(|(phrase, _)| phrase_at(s, i, phrase, |t, w| t.read() == w).is_some());
        match hit {
            Some((phrase, kind)) => {
                let len = phrase.split(' ').count();
                s.kinds.push((*kind, i..i + len));
                for k in i..i + len {
                    if s.roles[k].is_none() {
                        s.roles[k] = Some(Role::Cue);
                    }
                }
                i += len;
            }
            None => i += 1,
        }
    }
}

/// Phrases made of content words that mean nothing here ("the rest of",
/// "a lot of"), so that no name is found in them.
fn mark_function_phrases(s: &mut Segments) {
    const PHRASES: &[&[&str]] = &[
        &["true", "or", "false"],
        &["the", "rest", "of"],
        &["rest", "of", "my"],
        &["rest", "of", "the"],
        &["a", "lot", "of"],
        &["lots", "of"],
        &["according", "to", "the", "article"],
        &["in", "the", "article"],
        &["the", "article", "says"],
        &["a", "bit"],
        &["in", "general"],
        &["at", "all"],
        &["all", "the", "time"],
        &["of", "course"],
        &["for", "example"],
        &["and", "so", "on"],
        &["to", "be", "honest"],
        &["i", "mean"],
        &["you", "know"],
        &["no", "longer"],
        &["as", "well"],
        &["any", "more"],
        &["or", "so"],
        &["and", "stuff"],
        &["burn", "through"],
        &["as", "long", "as"],
        &["long", "run"],
        &["during", "the", "day"],
        &["every", "day"],
        &["a", "day"],
        &["brand", "new"],
        &["go", "through"],
    ];
    let n = s.tokens.len();
    let mut i = 0;
    while i < n {
        let hit = PHRASES.iter().find(|p| {
            i + p.len() <= n
                && p.iter().enumerate().all(|(k, w)| s.tokens[i + k].read() == *w && s.roles[i + k].is_none())
        });
        match hit {
            Some(p) => {
                for k in 0..p.len() {
                    s.roles[i + k] = Some(Role::Function);
                }
                i += p.len();
            }
            None => i += 1,
        }
    }
}

/// Times and durations: "day 5", "the first 2 days", "after a week", "for
/// ten days", "two and a half weeks", "an hour", "48 hours".
fn find_times(s: &mut Segments) {
    let n = s.tokens.len();
    let w = |i: usize| -> &str { if i < n { s.tokens[i].read() } else { "" } };
    let mut hits: Vec<TimeHit> = Vec::new();
    let mut i = 0;
    while i < n {
        if s.roles[i].is_some() {
            i += 1;
            continue;
        }
        // Phrases with no number.
        let phrase: Option<(usize, When)> = match (w(i), w(i + 1), w(i + 2), w(i + 3)) {
            ("right" | "straight", "away", _, _) => Some((2, When::First(1))),
            ("at", "first", _, _) => Some((2, When::First(1))),
            ("early", "on", _, _) => Some((2, When::First(1))),
            ("at", "the", "start" | "beginning" | "onset", _) => Some((3, When::First(1))),
            ("first", "few" | "couple", "day" | "days", _) => Some((3, first_or_after(s, i, 3))),
            ("first", "few" | "couple", "of", "days") => Some((4, first_or_after(s, i, 3))),
            ("first", "day", _, _) => Some((2, first_or_after(s, i, 1))),
            ("first", "week", _, _) => Some((2, first_or_after(s, i, 7))),
            ("first", "days", _, _) => Some((2, first_or_after(s, i, 3))),
            ("immediately", _, _, _) => Some((1, When::First(1))),
            ("later", "on", _, _) => Some((2, When::From(3))),
            ("yesterday", _, _, _) => Some((1, When::Day(1))),
            ("half", "an", "hour", _) => Some((3, When::Minutes(30.0))),
            ("half", "a", "minute", _) => Some((3, When::Minutes(0.5))),
            ("an" | "a" | "one", "hour", "and", "a") if w(i + 4) == "half" => Some((5, When::Minutes(90.0))),
            ("an" | "a", "hour", _, _) => Some((2, When::Minutes(60.0))),
            ("day", "one", _, _) => Some((2, When::Day(0))),
            _ => None,
        };
        if let Some((len, when)) = phrase {
            hits.push(TimeHit { when, at: i..i + len, soft: true });
            i += len;
            continue;
        }
        if let Some((len, phase)) = phase_at(&w, i) {
            hits.push(TimeHit { when: When::Phase(phase), at: i..i + len, soft: false });
            i += len;
            continue;
        }
        // "a day -3": no day comes before the spasm began.
        if w(i) == "day" && w(i + 1).starts_with('-') && w(i + 1)[1..].parse::<u32>().is_ok() {
            for k in i..i + 2 {
                s.roles[k] = Some(Role::OutOfScope);
            }
            i += 2;
            continue;
        }
        // "three times a week", "twice a day": how often, not a day.
        if matches!(w(i), "times" | "twice" | "once") && matches!(w(i + 1), "a" | "per" | "every") {
            i += 3;
            continue;
        }
        // "a week", "a fortnight": a number of days, read below like "7 days".
        let days_phrase: Option<f32> = match (w(i), w(i + 1)) {
            ("a" | "one", "week") => Some(7.0),
            ("a", "fortnight") => Some(14.0),
            ("a" | "one", "month") => Some(30.0),
            ("a" | "one", "day") => Some(1.0),
            _ => None,
        };
        if let Some(d) = days_phrase {
            let (when, first) = days_when(s, i, d as u16);
            hits.push(TimeHit { when, at: first..i + 2, soft: false });
            i += 2;
            continue;
        }
        // "day 5", "day five"
        if w(i) == "day"
            && let Ok(d) = w(i + 1).parse::<u16>()
        {
            hits.push(TimeHit { when: When::Day(d.saturating_sub(1)), at: i..i + 2, soft: false });
            i += 2;
            continue;
        }
        // N [and a half] unit
        let num: Option<f32> = w(i)
            .parse::<f32>()
            .ok()
            .or_else(|| (w(i) == "one").then_some(1.0))
            .or_else(|| (w(i) == "few" || w(i) == "couple").then_some(if w(i) == "few" { 3.0 } else { 2.0 }));
        if let Some(mut x) = num {
            let mut j = i + 1;
            if w(j) == "of" {
                j += 1;
            }
            if w(j) == "and" && w(j + 1) == "a" && w(j + 2) == "half" {
                x += 0.5;
                j += 3;
            }
            let unit = w(j);
            let days: Option<f32> = match unit {
                "day" | "days" => Some(x),
                "week" | "weeks" => Some(x * 7.0),
                "month" | "months" => Some(x * 30.0),
                "hour" | "hours" | "hrs" | "hr" if x >= 24.0 => Some(x / 24.0),
                _ => None,
            };
            let minutes: Option<f32> = match unit {
                "minute" | "minutes" | "mins" | "min" => Some(x),
                "hour" | "hours" | "hrs" | "hr" if x < 24.0 => Some(x * 60.0),
                "second" | "seconds" | "secs" => Some(x / 60.0),
                _ => None,
            };
            if let Some(m) = minutes {
                hits.push(TimeHit { when: When::Minutes(m), at: i..j + 1, soft: false });
                i = j + 1;
                continue;
            }
            if let Some(d) = days {
                let d = d.round().clamp(0.0, u16::MAX as f32) as u16;
                let (when, first) = days_when(s, i, d);
                let mut last = j + 1;
                if matches!(w(last), "ago" | "now" | "in" | "since" | "straight" | "running") {
                    last += 1;
                }
                hits.push(TimeHit { when, at: first..last, soft: false });
                i = last;
                continue;
            }
        }
        i += 1;
    }
    for h in &hits {
        for k in h.at.clone() {
            if s.roles[k].is_none() {
                s.roles[k] = Some(Role::Time);
            }
        }
    }
    s.times = hits;
}

/// A stage of the spasm named without a day, at word `i`: "once it has
/// eased", "when the spasm calms down", "at its worst", "fully recovered".
/// Returns the words it spans and the stage.
fn phase_at<'a>(w: &impl Fn(usize) -> &'a str, i: usize) -> Option<(usize, crate::model::Phase)> {
    use crate::model::Phase;
    // A change for the better, after a word that says "once".
    const EASED: &[&str] = &[
        "eased",
        "eases",
        "easing",
        "ease",
        "calmed",
        "calms",
        "calm",
        "settled",
        "settles",
        "settle",
        "subsided",
        "subsides",
        "decreased",
        "decreases",
        "lessened",
        "lessens",
        "loosened",
        "loosens",
        "loosen",
        "relaxed",
        "relaxes",
        "died",
        "dies",
        "let",
        "lets",
        "improved",
        "improves",
        "improving",
    ];
    const ONCE: &[&str] = &["once", "after", "when", "until", "since", "as"];
    if ONCE.contains(&w(i)) && !(w(i) == "as" && w(i + 1) != "soon") {
        let start = if w(i) == "as" { i + 3 } else { i + 1 };
        for k in start..start + 5 {
            if matches!(w(k), "" | ".") {
                break;
            }
            if EASED.contains(&w(k)) {
                // "let up", "died down", "calm down", "ease off": take the particle.
                let end = if matches!(w(k + 1), "up" | "down" | "off" | "a" | "somewhat" | "slightly") {
                    k + 2
                } else {
                    k + 1
                };
                let end = if w(end - 1) == "a" && matches!(w(end), "bit" | "little") { end + 1 } else { end };
                return Some((end - i, Phase::Eased));
            }
            if w(k) == "less" && matches!(w(k + 1), "painful" | "intense" | "severe" | "bad" | "tight") {
                return Some((k + 2 - i, Phase::Eased));
            }
        }
    }
    let at = |words: &[&str]| words.iter().enumerate().all(|(k, x)| w(i + k) == *x).then_some(words.len());
    for (words, phase) in [
        (&["at", "its", "worst"][..], Phase::Start),
        (&["at", "the", "worst"][..], Phase::Start),
        (&["at", "its", "peak"][..], Phase::Start),
        (&["just", "started"][..], Phase::Start),
        (&["just", "begun"][..], Phase::Start),
        (&["just", "began"][..], Phase::Start),
        (&["very", "beginning"][..], Phase::Start),
        (&["very", "start"][..], Phase::Start),
        (&["fully", "recovered"][..], Phase::Recovered),
        (&["full", "recovery"][..], Phase::Recovered),
        (&["completely", "recovered"][..], Phase::Recovered),
        (&["fully", "healed"][..], Phase::Recovered),
        (&["pain", "free"][..], Phase::Recovered),
        (&["recovered"][..], Phase::Recovered),
    ] {
        if let Some(len) = at(words) {
            return Some((len, phase));
        }
    }
    None
}

/// "the first few days", or "after the first few days".
fn first_or_after(s: &Segments, i: usize, n: u16) -> When {
    let before = |k: usize| if i >= k { s.tokens[i - k].read() } else { "" };
    let after = |w: &str| matches!(w, "after" | "past" | "beyond" | "once");
    if after(before(1)) || (before(1) == "the" && after(before(2))) { When::From(n) } else { When::First(n) }
}

/// Verbs of doing something for a while ("use ice for 10 days"), as against
/// having had the spasm for a while ("had it for 10 days").
const USE_VERBS: &[&str] = &[
    "use",
    "using",
    "apply",
    "applying",
    "put",
    "putting",
    "keep",
    "keeping",
    "leave",
    "leaving",
    "take",
    "taking",
    "do",
    "doing",
    "continue",
    "continuing",
    "wear",
    "wearing",
    "ice",
    "icing",
    "heat",
    "stretch",
    "stretching",
    "rest",
    "resting",
    "try",
    "trying",
    "stay",
    "staying",
];

/// What a number of days starting at token `i` means, from the words before
/// it: "the first 3 days", "after 3 days", "within 3 days", else a day of the
/// spasm ("for 10 days", "10 days ago"). Also where the phrase starts.
fn days_when(s: &Segments, i: usize, d: u16) -> (When, usize) {
    let before = |k: usize| if i >= k { s.tokens[i - k].read() } else { "" };
    let after = |w: &str| matches!(w, "after" | "past" | "beyond" | "once");
    if before(1) == "first" && (after(before(2)) || before(2) == "the" && after(before(3))) {
        (When::From(d), i - 1)
    } else if before(1) == "first" {
        (When::First(d), i - 1)
    } else if before(1) == "the" && before(2) == "first" {
        (When::First(d), i - 2)
    } else if matches!(before(1), "after" | "past" | "beyond" | "from" | "than" | "over")
        || before(1) == "the" && matches!(before(2), "after" | "past" | "beyond")
    {
        (When::From(d), i)
    } else if matches!(before(1), "within" | "in") && d > 0 {
        (When::First(d), i)
    } else if before(1) == "for" && (2..=4).any(|k| USE_VERBS.contains(&before(k))) {
        // "use ice for 10 days": a span from the start, not the day it is.
        (When::First(d), i - 1)
    } else if before(1) == "for" {
        // "I've had it for 10 days": the tenth day.
        (When::Day(d.saturating_sub(1)), i - 1)
    } else {
        (When::Day(d), i)
    }
}

/// The longest runs of words that are a name, alias or id of the graph.
fn find_mentions(g: &Graph, s: &mut Segments) {
    const MAX: usize = 8;
    let n = s.tokens.len();
    s.mentions.clear();
    let mut i = 0;
    while i < n {
        if !matches!(s.roles[i], None | Some(Role::Mention)) || is_article(s.tokens[i].read()) {
            i += 1;
            continue;
        }
        let mut found: Option<(usize, Vec<Ix>, String)> = None;
        for len in (1..=MAX.min(n - i)).rev() {
            let span = i..i + len;
            if span.clone().any(|k| matches!(s.roles[k], Some(Role::Time | Role::Function))) {
                continue;
            }
            if is_article(s.tokens[i + len - 1].read()) {
                continue;
            }
            let form = normal_form(&s.tokens[span]);
            if form.is_empty() || (len == 1 && is_function(&form)) {
                continue;
            }
            let nodes = g.by_name(&form);
            if !nodes.is_empty() {
                found = Some((len, nodes.to_vec(), form));
                break;
            }
        }
        match found {
            Some((len, nodes, form)) => {
                let typed = s.tokens[i..i + len].iter().map(|t| t.word.as_str()).collect::<Vec<_>>().join(" ");
                for k in i..i + len {
                    s.roles[k] = Some(Role::Mention);
                }
                s.mentions.push(Mention { at: i..i + len, nodes, typed, form });
                i += len;
            }
            None => i += 1,
        }
    }
    // "drink plain water": a bare verb before the thing it takes is not a
    // thing itself, though "a drink" (alcohol) is. The word stays a cue.
    let mut k = 0;
    while k + 1 < s.mentions.len() {
        let (m, next) = (&s.mentions[k], &s.mentions[k + 1]);
        let bare_verb = m.at.len() == 1
            && matches!(s.tokens[m.at.start].read(), "drink" | "drinking" | "drinks")
            && (m.at.start == 0 || !is_article(s.tokens[m.at.start - 1].read()));
        let object = next.at.start == m.at.end
            && next
                .nodes
                .iter()
                .any(|&ix| matches!(g.kind(ix), Kind::Food | Kind::Nutrient | Kind::Behaviour | Kind::HomeRemedy));
        if bare_verb && object {
            s.roles[m.at.start] = None;
            s.mentions.remove(k);
        } else {
            k += 1;
        }
    }
}

/// Words the name index's normal form leaves out (see [`crate::text::normalize`]).
fn is_article(w: &str) -> bool {
    matches!(w, "a" | "an" | "the" | "my" | "your" | "his" | "her" | "their" | "our")
}

fn is_function(w: &str) -> bool {
    lexicon::is_function(w)
}

/// The number of words of `phrase` if its words are the tokens from `i` on
/// (compared by `same`), without allocating: this runs for every phrase of
/// the lexicon at every word of a question.
fn phrase_at(s: &Segments, i: usize, phrase: &str, same: impl Fn(&Token, &str) -> bool) -> Option<usize> {
    let mut len = 0;
    for w in phrase.split(' ') {
        let t = s.tokens.get(i + len)?;
        if !same(t, w) {
            return None;
        }
        len += 1;
    }
    Some(len)
}

/// The words of a span in the name index's normal form.
fn normal_form(tokens: &[Token]) -> String {
    let mut out = String::new();
    for t in tokens {
        let w = t.read();
        if is_article(w) {
            continue;
        }
        for part in w.split(|c: char| !c.is_alphanumeric()).filter(|p| !p.is_empty()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&singular(part));
        }
    }
    out
}

/// Cue phrases over the tokens that are not times, longest first. A cue
/// may overlap a mention ("side effects" is both a node and a cue).
fn find_cues(s: &mut Segments) {
    s.cues.clear();
    let n = s.tokens.len();
    let mut i = 0;
    while i < n {
        if matches!(s.roles[i], Some(Role::Time | Role::Function)) {
            i += 1;
            continue;
        }
        // A cue that runs into a name ("which muscle" in "which muscle
        // relaxer", "therapy" in "vacuum therapy") is part of the name, not
        // a cue; one that is the whole name ("side effects") is both.
        // A name wholly inside a cue phrase ("back" in "keep coming back")
        // is part of the cue.
        let fits = |len: usize| {
            s.mentions.iter().all(|m| {
                let cue = i..i + len;
                let overlap = cue.start < m.at.end && m.at.start < cue.end;
                let holds = cue.start <= m.at.start && m.at.end <= cue.end;
                !overlap || holds
            })
        };
        // The longest phrase here that fits; a phrase may say several things
        // ("when" joins two things and asks for a time). "gets rid of" is
        // "get rid of": a verb's -s is not a new word.
        let same = |t: &Token, w: &str| {
            let r = t.read();
            r == w || r.len() == w.len() + 1 && r.ends_with('s') && r.starts_with(w)
        };
        let mut best: Option<(usize, Vec<Cue>)> = None;
        let here = s.tokens[i].read();
        let stem = here.strip_suffix('s');
        for &(phrase, cue) in lexicon::CUES {
            // Most phrases fail on their first word: a cheap test first.
            if !phrase.starts_with(here) && !stem.is_some_and(|st| phrase.starts_with(st)) {
                continue;
            }
            let Some(len) = phrase_at(s, i, phrase, same) else { continue };
            if best.as_ref().is_some_and(|(l, _)| *l > len) || !fits(len) {
                continue;
            }
            match &mut best {
                Some((l, cues)) if *l == len => {
                    if !cues.contains(&cue) {
                        cues.push(cue);
                    }
                }
                _ => best = Some((len, vec![cue])),
            }
        }
        match best {
            Some((len, cues)) => {
                let at = i..i + len;
                // A one-word name the phrase swallows is no longer a name.
                s.mentions.retain(|m| !(at.start <= m.at.start && m.at.end <= at.end && m.at != at));
                for cue in cues {
                    s.cues.push(CueHit { cue, at: i..i + len });
                }
                for k in i..i + len {
                    let orphan = s.roles[k] == Some(Role::Mention) && !s.mentions.iter().any(|m| m.at.contains(&k));
                    if s.roles[k].is_none() || orphan {
                        s.roles[k] = Some(Role::Cue);
                    }
                }
                i += len;
            }
            None => i += 1,
        }
    }
}

/// Everything not yet placed: function words, numbers, words out of scope,
/// and the rest left over.
fn mark_rest(s: &mut Segments) {
    for (i, t) in s.tokens.iter().enumerate() {
        if s.roles[i].is_some() {
            continue;
        }
        let w = t.read();
        s.roles[i] = Some(if t.absorbed {
            Role::Function
        } else if lexicon::OUT_OF_SCOPE.contains(&w) {
            Role::OutOfScope
        } else if is_function(w) || lexicon::ANAPHORA.contains(&w) || lexicon::is_manner_adverb(w) {
            Role::Function
        } else if w.parse::<f64>().is_ok() {
            Role::Number
        } else {
            Role::Leftover
        });
    }
    for i in 0..s.tokens.len() {
        for p in lexicon::OUT_OF_SCOPE_PHRASES {
            if i + p.len() <= s.tokens.len() && p.iter().enumerate().all(|(k, w)| s.tokens[i + k].read() == *w) {
                for k in 0..p.len() {
                    s.roles[i + k] = Some(Role::OutOfScope);
                }
            }
        }
    }
    // When the story happened ("this morning", "last night", "yesterday
    // evening") is context, not a topic; "at night" stays a question.
    for i in 0..s.tokens.len() {
        let w = s.tokens[i].read();
        let before = i.checked_sub(1).map(|k| s.tokens[k].read());
        let story_time = matches!(w, "today" | "yesterday" | "tonight")
            || matches!(w, "morning" | "afternoon" | "evening" | "night" | "weekend")
                && matches!(
                    before,
                    Some("this" | "last" | "yesterday" | "tomorrow" | "saturday" | "sunday" | "friday")
                );
        if story_time && s.roles[i] == Some(Role::Leftover) {
            s.roles[i] = Some(Role::Function);
        }
    }
    // A dose by count: "how many acetaminophen tablets", "how much of it".
    for i in 0..s.tokens.len().saturating_sub(1) {
        let counted = matches!((s.tokens[i].read(), s.tokens[i + 1].read()), ("how", "many" | "much"));
        let pills = (i + 2..(i + 5).min(s.tokens.len())).find(|&k| {
            matches!(s.tokens[k].read(), "tablet" | "tablets" | "pill" | "pills" | "capsule" | "capsules" | "shots")
        });
        if let (true, Some(k)) = (counted, pills) {
            s.roles[i + 1] = Some(Role::OutOfScope);
            s.roles[k] = Some(Role::OutOfScope);
        }
    }
    // A child by age: "my 8 year old".
    for i in 0..s.tokens.len().saturating_sub(2) {
        if let Ok(age) = s.tokens[i].read().parse::<u32>()
            && matches!(s.tokens[i + 1].read(), "year" | "years" | "yr" | "yo")
            && age < 16
        {
            s.roles[i] = Some(Role::OutOfScope);
        }
    }
}

/// Corrects left-over words that are within typo distance of exactly one
/// word of the graph's names or of the cue lexicon. Short words (under 4
/// letters) are never corrected: too many real words are that close to
/// another. Returns whether anything changed.
fn correct_typos(g: &Graph, s: &mut Segments) -> bool {
    let leftovers: Vec<usize> = (0..s.tokens.len()).filter(|&i| s.roles[i] == Some(Role::Leftover)).collect();
    if leftovers.is_empty() {
        return false;
    }
    let vocab = vocabulary(g);
    let mut changed = false;
    for i in leftovers {
        let w = s.tokens[i].word.clone();
        if w.chars().any(|c| c.is_ascii_digit()) || lexicon::is_common(&w) {
            continue;
        }
        // A real word for something the article does not discuss is not a
        // typo of one it does ("massage" is not "manage", "mattress" not
        // "matters").
        if wordclass::lookup(&w).is_some_and(|e| {
            use wordclass::Class;
            e.is_word()
                && !e.inflected()
                && (e.zipf() >= 3.5
                    || e.zipf() >= 3.0
                        && matches!(e.class(), Class::Medical | Class::Topic | Class::Money | Class::Amount))
        }) {
            continue;
        }
        if w.chars().count() >= 4 {
            // As typed first ("relives" is "relieves"), then singular
            // (names are singular in the index).
            let mut fixes = nearest_words(&w, &vocab);
            if fixes.is_empty() {
                fixes = nearest_words(&singular(&w), &vocab);
            }
            // Two words equally near: the one that makes a name with a
            // neighbour ("muscle spsm"), else none.
            // Of two equally near, the one that makes a name with a
            // neighbour, else the one the typed word is a letter short of
            // ("actualy" is "actually", not "actual").
            let fix = match fixes.as_slice() {
                [one] => Some(one.to_string()),
                [] => None,
                many => many
                    .iter()
                    .find(|v| forms_name(g, s, i, v))
                    .or_else(|| {
                        let short: Vec<&&str> = many.iter().filter(|v| subsequence(&w, v)).collect();
                        (short.len() == 1).then(|| short[0])
                    })
                    .map(|v| v.to_string()),
            };
            if let Some(fix) = fix {
                s.tokens[i].corrected = Some(fix);
                changed = true;
            }
            continue;
        }
        // A short word is corrected only where, with a word beside it, it
        // makes a name of the graph ("ice pak" is "ice pack").
        if w.chars().count() == 3
            && let Some(fix) = short_fix(g, s, i, &vocab)
        {
            s.tokens[i].corrected = Some(fix);
            changed = true;
        }
    }
    changed
}

fn short_fix(g: &Graph, s: &Segments, i: usize, vocab: &[String]) -> Option<String> {
    let w = &s.tokens[i].word;
    let first = w.chars().next()?;
    for v in vocab.iter().filter(|v| v.starts_with(first) && v.chars().count().abs_diff(3) <= 1) {
        if edit_distance(w, v) != 1 {
            continue;
        }
        if forms_name(g, s, i, v) {
            return Some(v.clone());
        }
    }
    None
}

/// Whether `a` is `b` with letters left out.
fn subsequence(a: &str, b: &str) -> bool {
    let mut rest = b.chars();
    a.chars().all(|c| rest.any(|d| d == c))
}

/// Whether `v` in place of token `i` makes a name of the graph with the
/// word before or after it.
fn forms_name(g: &Graph, s: &Segments, i: usize, v: &str) -> bool {
    let prev = i.checked_sub(1).map(|p| singular(s.tokens[p].read()));
    let next = s.tokens.get(i + 1).map(|t| singular(t.read()));
    let v = singular(v);
    let pair = |a: &str, b: &str| !g.by_name(&format!("{a} {b}")).is_empty();
    prev.as_deref().is_some_and(|p| pair(p, &v)) || next.as_deref().is_some_and(|n| pair(&v, n))
}

/// The words of every name and alias of the graph, and of every cue.
fn vocabulary(g: &Graph) -> Vec<String> {
    static CUE_WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let cues = CUE_WORDS.get_or_init(|| {
        let mut v: Vec<String> = lexicon::CUES.iter().flat_map(|(p, _)| p.split(' ').map(str::to_string)).collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    let mut v: Vec<String> = g.words().iter().chain(cues).cloned().collect();
    v.extend(lexicon::FUNCTION.iter().filter(|w| w.len() >= 6).map(|w| w.to_string()));
    v.sort_unstable();
    v.dedup();
    v
}

/// The vocabulary words nearest `w` within typo distance (all those at
/// the least distance).
fn nearest_words<'a>(w: &str, vocab: &'a [String]) -> Vec<&'a str> {
    let key = w.to_string();
    let limit = max_typo_distance(&key);
    let len = key.chars().count();
    let Some(first) = key.chars().next() else { return Vec::new() };
    let mut best: Option<usize> = None;
    let mut out: Vec<&str> = Vec::new();
    for v in vocab {
        let vl = v.chars().count();
        if vl.abs_diff(len) > limit || vl < 3 {
            continue;
        }
        // A typo rarely changes the first letter, unless two letters swap.
        let vf = v.chars().next();
        let swapped = key.chars().nth(1) == vf && v.chars().nth(1) == Some(first);
        if vf != Some(first) && !swapped {
            continue;
        }
        let d = edit_distance(&key, v);
        if d == 0 || d > limit || best.is_some_and(|b| d > b) {
            continue;
        }
        if best != Some(d) {
            best = Some(d);
            out.clear();
        }
        out.push(v.as_str());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph() -> Graph {
        Graph::new(crate::bundled::data().expect("bundled graph"))
    }

    fn roles(q: &str) -> Vec<(String, Role)> {
        let g = graph();
        let s = segment(&g, q);
        s.tokens.iter().enumerate().map(|(i, t)| (t.read().to_string(), s.role(i))).collect()
    }

    #[test]
    fn names_cues_and_leftovers() {
        let r = roles("what is the right dose of cortisone");
        assert!(r.contains(&("dose".into(), Role::OutOfScope)), "{r:?}");
        assert!(r.contains(&("cortisone".into(), Role::Mention)), "{r:?}");
        let r = roles("what treats hip pain");
        // A body part the article does not name: outside it, by the word table.
        assert!(r.contains(&("hip".into(), Role::OutOfScope)), "{r:?}");
        assert!(r.contains(&("treats".into(), Role::Cue)), "{r:?}");
    }

    #[test]
    fn typos_are_corrected_word_by_word() {
        let g = graph();
        let s = segment(&g, "wat relives musle relaxers");
        let read: Vec<&str> = s.tokens.iter().map(Token::read).collect();
        assert_eq!(read, ["what", "relieves", "muscle", "relaxers"]);
        assert_eq!(s.mentions.len(), 1);
        assert_eq!(g.node(s.mentions[0].node()).id, "muscle-relaxants");
        // A real word that is near nothing stays as it is.
        let s = segment(&g, "naproxen for knees");
        assert!(s.tokens.iter().all(|t| t.corrected.is_none()), "{:?}", s.tokens);
    }

    #[test]
    fn times_and_durations() {
        let g = graph();
        let when = |q: &str| segment(&g, q).times.iter().map(|t| t.when).collect::<Vec<_>>();
        assert_eq!(when("what helps on day 5"), [When::Day(4)]);
        assert_eq!(when("what helps on day 0"), [When::Day(0)]);
        assert_eq!(when("in the first 2 days"), [When::First(2)]);
        assert_eq!(when("after a week"), [When::From(7)]);
        assert_eq!(when("after three days"), [When::From(3)]);
        assert_eq!(when("ten days of pain, now what"), [When::Day(10)]);
        // Had for 17.5 days, rounded: the 18th day (day 17 counting from 0).
        assert_eq!(when("for two and a half weeks"), [When::Day(17)]);
        assert_eq!(when("had it for 10 days"), [When::Day(9)]);
        assert_eq!(when("can I use ice for 10 days"), [When::First(10)]);
        assert_eq!(when("once it has eased a bit"), [When::Phase(crate::model::Phase::Eased)]);
        assert_eq!(when("can I leave the ice on for an hour"), [When::Minutes(60.0)]);
        assert_eq!(when("the first 48 hours"), [When::First(2)]);
        assert_eq!(when("right away"), [When::First(1)]);
    }

    #[test]
    fn a_story_is_context_and_the_question_is_asked() {
        let g = graph();
        let s = segment(&g, "My neighbour's dog barked all night. Is heat good for a back spasm?");
        assert_eq!(s.asking, vec![1]);
        assert!(s.uncovered().is_empty(), "{:?}", s.uncovered());
    }
}
