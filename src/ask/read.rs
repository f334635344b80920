//! From a segmented question to what it asks: the intent (a row of
//! [`TEMPLATES`]) and its slots, chosen from the cue words and the kinds of
//! the things mentioned, never from the first wording that happens to fit.
//!
//! The rules, in order:
//! 1. a word the article does not know, or one that puts the question out
//!    of its scope (a dose, a child, a price), means it is not covered;
//! 2. two things joined as done together, with a safety cue, are a check for
//!    a warning, both ways round;
//! 3. a choice between two things is a comparison;
//! 4. a yes/no question about two things is a check of the relation its cue
//!    names (helps, causes, prevents, source of, refers, symptom of);
//! 5. otherwise the strongest cue picks a list about the thing mentioned
//!    (or the article's subject), its direction taken from word order.

use super::lexicon::Cue;
use super::segment::{Mention, Role, Segments, When};
use super::templates::{DONE, STATES, Template, by_name};
use crate::graph::{Direction, Graph, Ix};
use crate::model::{Kind, Relation};

/// How a yes/no question puts its verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asks {
    /// "is it safe / ok / can I": a warning means no.
    Allowed,
    /// "should I avoid / is it bad / dangerous": a warning means yes.
    Forbidden,
    /// "does X help / cause / prevent": the claim means yes.
    Claim,
}

/// What a question was taken to mean.
#[derive(Clone, Debug)]
pub struct Reading {
    pub template: &'static Template,
    pub x: Option<Ix>,
    pub y: Option<Ix>,
    /// Further things compared.
    pub others: Vec<Ix>,
    pub kind: Option<Kind>,
    pub when: Option<When>,
    /// A session length the question asks about ("for an hour").
    pub minutes: Option<f32>,
    /// A stage of the spasm the question asks about ("once it has eased").
    pub phase: Option<crate::model::Phase>,
    /// Everything the clause and the story around it name (a lining, a
    /// misuse, a case, a context), for the conditions of a verdict.
    pub named: Vec<Ix>,
    /// Things the question asks about doing without ("skip the towel",
    /// "without warming up first").
    pub without: Vec<Ix>,
    /// How serious a harm the question asks about ("only mild", "fatal").
    pub degree: Option<crate::model::Degree>,
    pub asks: Asks,
    /// The question asks yes or no ("can I treat it at home"), so a list
    /// answer also says yes (or that the article says nothing).
    pub yes_no: bool,
    /// A list answer cannot say yes for the question: it asks inside of
    /// it what ("do experts know what causes it") or for a judgement ("is
    /// it right to ..."), which a list does not give.
    pub no_list_yes: bool,
    /// The question is a name and nothing else ("ice pack"): show it,
    /// rather than ask what it is.
    pub bare: bool,
    /// The word a question ranks things by ("which painkiller is best"),
    /// which needs the article to name more than the class.
    pub ranking: Option<String>,
    /// What a timing question measures: "often" (sessions) or "long" (a
    /// session, or how long an effect lasts).
    pub measure: Option<&'static str>,
    /// Notes for stderr: typos taken, the subject assumed.
    pub notes: Vec<String>,
}

/// Why a question gets no reading.
#[derive(Debug)]
pub enum Unread {
    /// Words the article says nothing about; with the reading of the rest,
    /// if it has one, as the nearest question it can answer.
    NotCovered { words: Vec<String>, nearest: Option<Box<Reading>> },
    /// Nothing in it to go on.
    NotUnderstood,
    /// A thing of a kind the question cannot be about ("what treats
    /// muscles"): the thing and the kinds the question needs.
    WrongKind(Ix, &'static [Kind]),
}

impl Reading {
    fn new(name: &str) -> Reading {
        Reading {
            template: by_name(name),
            x: None,
            y: None,
            others: Vec::new(),
            kind: None,
            when: None,
            minutes: None,
            phase: None,
            named: Vec::new(),
            without: Vec::new(),
            degree: None,
            asks: Asks::Claim,
            yes_no: false,
            no_list_yes: false,
            bare: false,
            ranking: None,
            measure: None,
            notes: Vec::new(),
        }
    }

    fn with(name: &str, x: Option<Ix>, y: Option<Ix>) -> Reading {
        Reading { x, y, ..Reading::new(name) }
    }

    /// The intent's query with its slots filled in.
    pub fn query(&self, g: &Graph) -> String {
        let id = |ix: Option<Ix>| ix.map_or_else(String::new, |ix| g.node(ix).id.to_string());
        let kinds = match self.kind {
            Some(Kind::Treatment) => Kind::TREATMENTS.iter().map(|k| k.as_str()).collect::<Vec<_>>().join("|"),
            Some(k) => k.as_str().to_string(),
            None => String::new(),
        };
        self.template.query.replace("{x}", &id(self.x)).replace("{y}", &id(self.y)).replace("{k}", &kinds)
    }

    /// The question's meaning in words.
    pub fn meaning(&self, g: &Graph) -> String {
        let name = |ix: Option<Ix>| ix.map_or_else(|| "it".to_string(), |ix| g.node(ix).name.to_string());
        let mut y = name(self.y);
        for &o in &self.others {
            y = format!("{y} and {}", g.node(o).name);
        }
        let kind = self.kind.map_or("things", |k| if k == Kind::Treatment { "treatments" } else { k.label() });
        self.template
            .meaning
            .replace("{x}", &name(self.x))
            .replace("{y}", &y)
            .replace("{k}", kind)
            .replace("{when}", &self.when.map_or_else(String::new, when_text))
            .trim()
            .to_string()
    }
}

/// A time in words: "on day 5", "in the first 3 days", "from day 3".
pub fn when_text(w: When) -> String {
    match w {
        When::Day(d) => format!("on day {} (counting the day it began as day 1)", u32::from(d) + 1),
        When::First(1) => "on the first day".to_string(),
        When::First(n) => format!("in the first {n} days"),
        When::From(n) => format!("from day {n} on"),
        When::Minutes(m) => format!("for {} minutes", crate::export::number(m)),
        When::Phase(p) => p.text().to_string(),
    }
}

/// Words that open a second question after "and" ("..., and what would a
/// doctor do", "... and about alcohol").
const QUESTION_OPENERS: &[&str] =
    &["what", "how", "when", "where", "who", "why", "which", "should", "is", "can", "do", "does", "about"];

/// Reads the clauses of a question. Several sentences that each ask
/// something give several readings.
pub fn read(g: &Graph, s: &Segments) -> Result<Vec<Reading>, Unread> {
    let uncovered = s.uncovered();
    // Nothing known at all: not a question the reader can place.
    let known =
        (0..s.tokens.len()).any(|i| matches!(s.role(i), Role::Mention | Role::Cue | Role::Function | Role::Time));
    if !known {
        return Err(Unread::NotUnderstood);
    }
    if !uncovered.is_empty() {
        let words: Vec<String> = uncovered.iter().map(|&i| s.tokens[i].word.clone()).collect();
        let nearest = read_asking(g, s, &uncovered).ok().and_then(|mut r| r.pop()).map(Box::new);
        return Err(Unread::NotCovered { words, nearest });
    }
    read_asking(g, s, &[])
}

/// The readings of the asking sentences, each read apart; `skip` are
/// tokens to leave out (for the nearest question of an uncovered one).
fn read_asking(g: &Graph, s: &Segments, skip: &[usize]) -> Result<Vec<Reading>, Unread> {
    let mut clauses: Vec<Vec<usize>> = Vec::new();
    for &sentence in &s.asking {
        let mut cur: Vec<usize> = Vec::new();
        for (i, t) in s.tokens.iter().enumerate() {
            if t.sentence != sentence || skip.contains(&i) {
                continue;
            }
            // "..., and what would a doctor do": a second question.
            let starts_question = matches!(t.read(), "and" | "also") && QUESTION_OPENERS.contains(&s.word(i + 1));
            if starts_question && cur.iter().any(|&k| matters(s, k)) {
                clauses.push(std::mem::take(&mut cur));
                continue;
            }
            cur.push(i);
        }
        if !cur.is_empty() {
            clauses.push(cur);
        }
    }
    let story: Vec<&Mention> = s.mentions.iter().filter(|m| !s.in_question(m.at.start)).collect();
    let mut out: Vec<Reading> = Vec::new();
    let mut last_err = Unread::NotUnderstood;
    for c in &clauses {
        match read_clause(g, s, c, &story) {
            Ok(r) => {
                if !out.iter().any(|o| same(o, &r)) {
                    out.push(r);
                }
            }
            Err(e) => last_err = e,
        }
    }
    if out.is_empty() { Err(last_err) } else { Ok(out) }
}

fn same(a: &Reading, b: &Reading) -> bool {
    a.template.name == b.template.name && a.x == b.x && a.y == b.y && a.kind == b.kind
}

/// Whether a token carries anything (a name, a cue, a time).
fn matters(s: &Segments, i: usize) -> bool {
    matches!(s.role(i), Role::Mention | Role::Cue | Role::Time)
}

/// One clause: its tokens, and the things the story around it mentions.
struct Clause<'a> {
    g: &'a Graph,
    s: &'a Segments,
    toks: &'a [usize],
    /// Distinct things mentioned, in order, with the token each starts at.
    things: Vec<(Ix, usize)>,
    story: Vec<Ix>,
    cues: Vec<(Cue, usize)>,
    kinds: Vec<Kind>,
    when: Option<When>,
    minutes: Option<f32>,
}

impl Clause<'_> {
    fn has(&self, c: Cue) -> bool {
        self.cues.iter().any(|&(x, _)| x == c)
    }

    fn pos(&self, c: Cue) -> Option<usize> {
        self.cues.iter().find(|&&(x, _)| x == c).map(|&(_, p)| p)
    }

    fn kind(&self, ix: Ix) -> Kind {
        self.g.node(ix).kind
    }

    /// The first word that opens the question, past fillers and a time
    /// put first ("on day 5, can I ...", "it's day 2, should I ...").
    fn first_word(&self) -> &str {
        for (k, &i) in self.toks.iter().enumerate() {
            let w = self.s.word(i);
            let role_at = |d: usize| self.toks.get(k + d).map(|&j| self.s.role(j));
            let time_next = role_at(1) == Some(Role::Time);
            let skip = self.s.role(i) == Role::Time
                || matches!(
                    w,
                    "so" | "and" | "but" | "ok" | "okay" | "hey" | "hi" | "please" | "also" | "then" | "well" | "now"
                )
                || (time_next
                    && matches!(w, "on" | "after" | "in" | "from" | "by" | "at" | "is" | "its" | "for" | "since"))
                || (w == "it" && role_at(2) == Some(Role::Time));
            if !skip {
                return w;
            }
        }
        ""
    }

    /// A yes/no question: it opens with an auxiliary verb, or one comes
    /// before its subject later on with no question word before it ("its
    /// day 4 since it started, can she switch to heat now").
    fn yes_no(&self) -> bool {
        const AUX: &[&str] = &[
            "is", "are", "am", "was", "can", "could", "should", "would", "will", "do", "does", "did", "may", "might",
            "must", "has", "have", "shall",
        ];
        if AUX.contains(&self.first_word()) || self.first_word() == "any" {
            return true;
        }
        // An exam's "true or false: ..." asks whether the statement holds.
        if self.words().collect::<Vec<_>>().windows(3).any(|w| w == ["true", "or", "false"]) {
            return true;
        }
        // "osteochondrosis causing my spasms?", "acupuncture any good":
        // no question word, a question mark or a judgement.
        let sentence = self.toks.first().map(|&i| self.s.tokens[i].sentence);
        let no_wh = self.wh().is_none();
        if no_wh
            && (sentence.is_some_and(|s| self.s.marked.contains(&s))
                || self.has(Cue::Good) && self.words().any(|w| matches!(w, "any" | "worth")))
        {
            return true;
        }
        let words: Vec<&str> = self.words().collect();
        for (k, w) in words.iter().enumerate() {
            if matches!(*w, "what" | "which" | "how" | "why" | "when" | "where" | "who") {
                return false;
            }
            let subject = words.get(k + 1).is_some_and(|n| {
                matches!(
                    *n,
                    "i" | "she"
                        | "he"
                        | "we"
                        | "you"
                        | "they"
                        | "it"
                        | "dad"
                        | "mom"
                        | "mum"
                        | "my"
                        | "the"
                        | "a"
                        | "that"
                        | "this"
                )
            });
            if k > 0 && AUX.contains(w) && subject {
                return true;
            }
        }
        self.has(Cue::Safe) && !self.has(Cue::What)
    }

    /// The auxiliary that opens the yes/no question: the first word, or
    /// one later that comes before its subject ("..., can I go back to").
    fn aux(&self) -> &str {
        const AUX: &[&str] =
            &["is", "are", "can", "could", "should", "would", "will", "do", "does", "may", "might", "must"];
        if AUX.contains(&self.first_word()) {
            return self.first_word();
        }
        let words: Vec<&str> = self.words().collect();
        for (k, w) in words.iter().enumerate() {
            let subject = words
                .get(k + 1)
                .is_some_and(|n| matches!(*n, "i" | "she" | "he" | "we" | "you" | "they" | "it" | "that" | "this"));
            if k > 0 && AUX.contains(w) && subject {
                return w;
            }
        }
        ""
    }

    fn wh(&self) -> Option<&str> {
        self.toks
            .iter()
            .map(|&i| self.s.word(i))
            .find(|w| matches!(*w, "what" | "which" | "how" | "why" | "when" | "where" | "who"))
    }

    fn words(&self) -> impl Iterator<Item = &str> {
        self.toks.iter().map(|&i| self.s.word(i))
    }

    /// Whether the question asks what something is ("what is X", "define
    /// X", "what does X mean"), rather than what the article says of it
    /// ("tell me about X", "what does the article say about X", a bare name).
    fn asks_definition(&self) -> bool {
        let words: Vec<&str> = self.words().collect();
        let what_is = words.windows(2).any(|w| w[0] == "what" && matches!(w[1], "is" | "are" | "exactly" | "actually"))
            && !words.contains(&"about");
        let defining = words
            .iter()
            .any(|w| matches!(*w, "define" | "definition" | "mean" | "means" | "meaning" | "explain" | "describe"));
        let how = words.windows(2).any(|w| w[0] == "how" && matches!(w[1], "do" | "does" | "is" | "to"));
        what_is || defining || how || words.contains(&"happens")
    }

    fn has_word(&self, w: &str) -> bool {
        self.words().any(|x| x == w)
    }

    fn of(&self, kinds: &[Kind]) -> Vec<Ix> {
        self.things.iter().map(|&(ix, _)| ix).filter(|&ix| kinds.contains(&self.kind(ix))).collect()
    }

    fn subject(&self) -> Ix {
        self.g.subject
    }
}

const ACTS: &[Kind] = &[
    Kind::Treatment,
    Kind::Procedure,
    Kind::HomeRemedy,
    Kind::Exercise,
    Kind::Medication,
    Kind::Behaviour,
    Kind::Food,
    Kind::Factor,
];

fn lexicon_anaphor(w: &str) -> bool {
    super::lexicon::ANAPHORA.contains(&w)
}

/// How a thing is left out, by the words before it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Absence {
    /// "skip the towel", "without warming up": done without it.
    Without,
    /// "heat instead of ice": set aside for another.
    Instead,
}

/// Whether the words before token `at` leave the thing there out: "skip
/// (the) X", "without (a) X", "not bother with X", "X instead of" is read
/// from the other side ("instead of X").
fn absence(s: &Segments, at: usize) -> Option<Absence> {
    let mut k = at;
    for _ in 0..3 {
        let w = s.word(k.checked_sub(1)?);
        k -= 1;
        match w {
            "skip" | "skipping" | "skipped" | "skips" | "without" | "forgo" | "forgoing" | "omit" | "omitting"
            | "ditch" | "ditching" | "no" | "lacking" => return Some(Absence::Without),
            // "if I don't have a towel", "haven't got one".
            "have" | "got" | "use" | "using" if k > 0 && matches!(s.word(k - 1), "not" | "no" | "never") => {
                return Some(Absence::Without);
            }
            "with" if k > 0 && s.word(k - 1) == "bother" => return Some(Absence::Without),
            "of" if k > 0 && s.word(k - 1) == "instead" => return Some(Absence::Instead),
            "than" if k > 0 && s.word(k - 1) == "rather" => return Some(Absence::Instead),
            "the" | "a" | "an" | "my" | "your" | "any" | "some" | "his" | "her" | "their" | "our" => continue,
            _ => return None,
        }
    }
    None
}

fn read_clause(g: &Graph, s: &Segments, toks: &[usize], story: &[&Mention]) -> Result<Reading, Unread> {
    let mut things: Vec<(Ix, usize)> = Vec::new();
    let mut without: Vec<Ix> = Vec::new();
    for m in &s.mentions {
        if toks.contains(&m.at.start) && !things.iter().any(|&(ix, _)| ix == m.node()) {
            match absence(s, m.at.start) {
                // The alternative set aside is not what is asked about.
                Some(Absence::Instead) => continue,
                Some(Absence::Without) => without.push(m.node()),
                None => {}
            }
            things.push((m.node(), m.at.start));
        }
    }
    // "Is that the sort of thing that makes sense for him?": a clause that
    // names nothing but points back ("that", "it") is about what the story
    // names last (a thing done, if it names one).
    if things.is_empty()
        && toks.iter().any(|&i| lexicon_anaphor(s.word(i)))
        && let Some(m) = story.iter().rev().find(|m| DONE.contains(&g.kind(m.node()))).or_else(|| story.last())
    {
        things.push((m.node(), m.at.start));
    }
    // "why does my back keep spasming": the back is where the spasm is, not a
    // second thing asked about.
    let located: Vec<Ix> = things
        .iter()
        .filter(|&&(ix, _)| g.kind(ix) == Kind::BodyPart)
        .filter(|&&(part, _)| {
            things.iter().any(|&(st, _)| {
                st != part
                    && STATES.contains(&g.kind(st))
                    && g.ancestors(st)
                        .into_iter()
                        .any(|a| g.step(a, Relation::LocatedIn, Direction::Outgoing).any(|(_, p)| p == part))
            })
        })
        .map(|&(ix, _)| ix)
        .collect();
    if things.len() > located.len() {
        things.retain(|(ix, _)| !located.contains(ix));
    }
    // "training in a hot room": "training" is part of what "hot room" names
    // here ("training in the heat"), not a second thing.
    let mention = |ix: Ix| s.mentions.iter().find(|m| m.node() == ix && toks.contains(&m.at.start));
    let inside: Vec<Ix> = things
        .iter()
        .filter(|&&(b, _)| {
            let Some(mb) = mention(b) else { return false };
            let tb = crate::text::normalize(&mb.typed);
            !tb.is_empty()
                && things.iter().any(|&(a, _)| {
                    let near = mention(a).is_some_and(|ma| {
                        mb.at.end <= ma.at.start && ma.at.start - mb.at.end <= 3
                            || ma.at.end <= mb.at.start && mb.at.start - ma.at.end <= 3
                    });
                    a != b && near && format!(" {} ", crate::text::normalize(g.name(a))).contains(&format!(" {tb} "))
                })
        })
        .map(|&(ix, _)| ix)
        .collect();
    // (Only where a cause is asked: "plain water while training in a hot
    // gym" names the training and the heat as two settings.)
    let asks_cause =
        s.cues.iter().any(|h| toks.contains(&h.at.start) && matches!(h.cue, Cue::Cause | Cue::Effect | Cue::Worse));
    if asks_cause && things.len() > inside.len() {
        things.retain(|(ix, _)| !inside.contains(ix));
    }
    let story_nodes: Vec<Ix> = story.iter().map(|m| m.node()).collect();
    let cues: Vec<(Cue, usize)> =
        s.cues.iter().filter(|c| toks.contains(&c.at.start)).map(|c| (c.cue, c.at.start)).collect();
    let kinds: Vec<Kind> = s.kinds.iter().filter(|(_, at)| toks.contains(&at.start)).map(|(k, _)| *k).collect();
    // A time in the question; else one from the story ("for ten days").
    let times: Vec<When> = s.times.iter().filter(|t| toks.contains(&t.at.start)).map(|t| t.when).collect();
    let firm_times =
        s.times.iter().any(|t| toks.contains(&t.at.start) && !t.soft && !matches!(t.when, When::Minutes(_)));
    let story_times: Vec<When> = s.times.iter().filter(|t| !s.in_question(t.at.start)).map(|t| t.when).collect();
    let minutes = times.iter().chain(&story_times).find_map(|w| match w {
        When::Minutes(m) => Some(*m),
        _ => None,
    });
    let when = times.iter().copied().find(|w| !matches!(w, When::Minutes(_)));
    // A day from the story ("for ten days now") is the spasm's day only for
    // what to do about it or when to see a doctor.
    let story_when = story_times.iter().copied().find(|w| !matches!(w, When::Minutes(_)));
    let c = Clause { g, s, toks, things, story: story_nodes, cues, kinds, when, minutes };
    // An amount the article never gives ("how many bananas", "how much
    // water"): times and durations have their own cues; a thing the article
    // describes ("how many fingers do I press with") is shown.
    // ("does ice cut down on how many painkillers you need" asks yes or no.)
    if c.has(Cue::HowMuch) && !c.has(Cue::HowLong) && !c.has(Cue::HowOften) && !c.yes_no() {
        // What is counted: the word after "how many" ("how many sets").
        let at = c.cues.iter().find(|h| h.0 == Cue::HowMuch).map_or(0, |h| h.1);
        let counted = crate::text::singular(s.tokens.get(at + 2).map_or("", |t| t.word.as_str()));
        let described = c.things.iter().find(|&&(ix, _)| {
            let n = g.node(ix);
            let text = crate::text::normalize(&format!("{} {} {}", n.name, n.aliases.join(" "), n.summary));
            n.described
                && DONE.contains(&n.kind)
                && (counted.is_empty()
                    || text.split(' ').any(|w| w == counted)
                    || c.things.iter().any(|&(_, k)| k == at + 2))
        });
        match described {
            Some(&(ix, _)) => return Ok(Reading::with("how-to", Some(ix), None)),
            None => {
                let at = c.cues.iter().find(|h| h.0 == Cue::HowMuch).map_or(0, |h| h.1);
                let words = vec![format!("{} {}", s.word(at), s.word(at + 1))];
                return Err(Unread::NotCovered { words, nearest: choose(&c).map(Box::new) });
            }
        }
    }
    // "which specific stretches": particular kinds of a thing the article
    // names none of.
    for &(ix, at) in &c.things {
        let word = (1..=2)
            .filter_map(|k| at.checked_sub(k))
            .map(|k| s.word(k))
            .find(|w| matches!(*w, "specific" | "particular" | "exact" | "individual" | "certain"));
        let members = g
            .edges_at(ix, petgraph::Direction::Incoming)
            .filter(|&(e, m)| g.relation(e) == Relation::IsA && !g.node(m).lay)
            .count();
        if let Some(word) = word
            && members == 0
        {
            return Err(Unread::NotCovered {
                words: vec![format!("{word} {}", g.node(ix).name)],
                nearest: choose(&c).map(Box::new),
            });
        }
    }
    // Doing something without another ("stretch without warming up",
    // "skip the towel and put the ice on"), or going without it ("skip the
    // warm-up"): whether that is fine.
    let mut r = match without.first() {
        Some(&left) if c.yes_no() => {
            let act = c.of(ACTS).into_iter().find(|ix| !without.contains(ix)).unwrap_or(left);
            let mut r = Reading::with("can-i", Some(g.subject), Some(act));
            r.asks = Asks::Allowed;
            r.without = without;
            r
        }
        _ => choose(&c).ok_or(Unread::NotUnderstood)?,
    };
    // A thing and a time, and nothing else ("heat day 2?", "ice after a
    // week"): whether to use it then.
    if r.template.name == "describe"
        && r.bare
        && firm_times
        && let Some(x) = r.x.filter(|&x| DONE.contains(&g.node(x).kind))
    {
        r = Reading::with("can-i", Some(g.subject), Some(x));
        r.asks = Asks::Allowed;
    }
    if r.when.is_none() && uses_time(r.template) {
        r.when = c.when;
    }
    if let Some(When::Phase(p)) = r.when {
        r.phase = Some(p);
    }
    if r.when.is_none()
        && matches!(r.template.name, "treatments" | "early" | "home" | "medications" | "exercises" | "doctor")
    {
        r.when = story_when;
    }
    if r.minutes.is_none() {
        r.minutes = c.minutes;
    }
    r.named = c.things.iter().map(|&(ix, _)| ix).chain(c.story.iter().copied()).collect();
    r.degree = c.words().find_map(|w| match w {
        "mild" | "minor" | "slight" | "harmless" => Some(crate::model::Degree::Slight),
        "serious" | "severe" | "fatal" | "deadly" | "lethal" | "kill" => Some(crate::model::Degree::Severe),
        _ => None,
    });
    // A time the intent cannot use must not be dropped in silence.
    if firm_times && !uses_time(r.template) && r.template.name != "doctor" {
        return Err(Unread::NotCovered { words: time_words(s, toks), nearest: Some(Box::new(r)) });
    }
    // A body part where a state is wanted: the spasm felt there ("what
    // helps my back"), else the question names the wrong kind of thing.
    if r.template.default_x && !r.template.x_kinds.is_empty() && r.x.is_none_or(|x| x == g.subject) {
        let parts: Vec<Ix> = c.of(&[Kind::BodyPart]);
        let states_named = !c.of(r.template.x_kinds).is_empty();
        if let (Some(&part), false) = (parts.first(), states_named) {
            let felt_there = g
                .step(g.subject, crate::model::Relation::LocatedIn, petgraph::Direction::Outgoing)
                .any(|(_, b)| b == part);
            if felt_there {
                r.notes.push(format!(
                    "reading \"{}\" as {} (it is felt there)",
                    g.node(part).name,
                    g.node(g.subject).name
                ));
            } else {
                return Err(Unread::WrongKind(part, r.template.x_kinds));
            }
        }
    }
    if let Some(x) = r.x
        && !r.template.x_kinds.is_empty()
        && !r.template.x_kinds.contains(&g.node(x).kind)
    {
        return Err(Unread::WrongKind(x, r.template.x_kinds));
    }
    // "what does vacuum therapy feel like": the symptoms asked of a thing
    // done, which has none; not the spasm's symptoms in its place.
    if matches!(r.template.name, "symptoms" | "where")
        && r.x.is_none_or(|x| x == g.subject)
        && !c.things.iter().any(|&(ix, _)| STATES.contains(&c.kind(ix)) || c.kind(ix) == Kind::BodyPart)
        && let Some(&(d, _)) = c.things.iter().find(|&&(ix, _)| DONE.contains(&c.kind(ix)))
    {
        if r.template.name == "where" {
            // "where do I press my fingers": what it acts on and is for.
            return Ok(Reading::with("uses", Some(d), None));
        }
        return Err(Unread::NotCovered {
            words: vec![format!("what {} feels like", g.node(d).name)],
            nearest: Some(Box::new(Reading::with("describe", Some(d), None))),
        });
    }
    if r.x.is_none() && r.template.default_x {
        r.x = Some(g.subject);
    }
    r.yes_no = c.yes_no();
    let words: Vec<&str> = c.words().collect();
    let knows_wh = words.windows(2).any(|w| {
        matches!(w[0], "know" | "knows" | "tell" | "say" | "says" | "explain" | "understand" | "sure" | "clear")
            && matches!(w[1], "what" | "which" | "how" | "why" | "when" | "where" | "who" | "exactly")
    });
    // A list answers yes only to whether there is such a thing ("are there
    // home remedies", "does it have side effects", "can I do anything"),
    // not to "is it an emergency" or "can I eat too many bananas".
    let existential = words.windows(2).any(|w| matches!(w[0], "is" | "are" | "was") && w[1] == "there")
        || words.iter().any(|w| {
            matches!(*w, "any" | "anything" | "something" | "ways" | "way" | "have" | "has" | "exist" | "exists")
        })
        // "can you treat it at home", "could my diet be part of it": whether
        // it can be done, or be a cause.
        || matches!(c.aux(), "can" | "could" | "might" | "may")
            && [Cue::Treat, Cue::Cause, Cue::Prevent, Cue::Home, Cue::Stop].iter().any(|&q| c.has(q));
    r.no_list_yes = knows_wh
        || !existential
        || c.words().any(|w| matches!(w, "right" | "wrong" | "true" | "false" | "wise" | "smart" | "sensible"));
    // A word that ranks ("best", "strongest", any superlative of an
    // adjective the word table knows).
    let superlative = |w: &str| {
        w.len() > 5
            && w.ends_with("est")
            && super::wordclass::lookup(w).is_some_and(|e| e.readings().any(|r| w.starts_with(&r[..r.len().min(3)])))
    };
    r.ranking =
        c.words().find(|w| matches!(*w, "best" | "better" | "most" | "top") || superlative(w)).map(str::to_string);
    // "which muscle relaxant is the strongest": a ranking of a class the
    // article names no members of (and ranks none of): not covered.
    if let Some(word) = r.ranking.clone()
        && word != "most"
        && matches!(c.wh(), Some("which" | "what"))
        && !matches!(r.template.name, "best" | "best-check" | "class-treatments")
        && let [(class, _)] = c.things.as_slice()
        && DONE.contains(&g.kind(*class))
    {
        let members: Vec<Ix> = g
            .edges_at(*class, petgraph::Direction::Incoming)
            .filter(|&(e, _)| g.relation(e) == Relation::IsA)
            .map(|(_, m)| m)
            .collect();
        if !members.is_empty() && members.iter().all(|&m| g.node(m).lay) {
            return Err(Unread::NotCovered { words: vec![word], nearest: Some(Box::new(r)) });
        }
    }
    let permanent =
        c.words().any(|w| matches!(w, "permanent" | "permanently" | "forever" | "lasting" | "cure" | "cures"))
            || c.s.any_word(&["good"]) && c.has(Cue::Last);
    r.measure = if c.yes_no() && permanent && c.has(Cue::Last) {
        Some("permanent")
    } else if c.yes_no() && c.has(Cue::Early) {
        Some("first")
    } else if c.has(Cue::HowOften) {
        Some("often")
    } else if c.has(Cue::HowLong) && (c.has(Cue::Last) || c.has(Cue::Work)) {
        Some("long")
    } else if c.has(Cue::HowLong) {
        Some("session")
    } else {
        None
    };
    Ok(r)
}

fn time_words(s: &Segments, toks: &[usize]) -> Vec<String> {
    let t = s.times.iter().find(|t| toks.contains(&t.at.start));
    vec![t.map_or_else(String::new, |t| t.at.clone().map(|i| s.tokens[i].word.clone()).collect::<Vec<_>>().join(" "))]
}

fn uses_time(t: &Template) -> bool {
    matches!(
        t.name,
        "treatments"
            | "early"
            | "home"
            | "medications"
            | "exercises"
            | "kind-treatments"
            | "can-i"
            | "helps"
            | "timing"
            | "compare"
            | "doctor"
            | "avoid"
            | "warnings"
            | "class-treatments"
            | "order"
            | "harm-check"
            | "causes-check"
    )
}

/// The rules, in order. `None`: nothing to go on.
fn choose(c: &Clause) -> Option<Reading> {
    let states = c.of(STATES);
    let doers: Vec<Ix> = c.of(ACTS);

    // All the warnings, or those for a thing.
    if c.has(Cue::Warnings) && !c.has(Cue::Doctor) {
        return Some(match doers.first() {
            Some(&x) => Reading::with("avoid", Some(x), None),
            None => Reading::new("warnings"),
        });
    }

    // A choice between things to do ("should I put ice or heat on it"),
    // unless it is asked while on something else.
    let setting = c.has(Cue::Safe)
        || c.has(Cue::Avoid)
        || c.has(Cue::Mix)
        || c.words().any(|w| matches!(w, "while" | "with" | "during"));
    if c.has(Cue::Compare)
        && !setting
        && let Some(r) = comparison(c)
    {
        return Some(r);
    }

    // Safety: one thing while on another, either way round.
    if let Some(r) = safety(c, &doers) {
        return Some(r);
    }

    // A choice: "ice or heat", "acupuncture vs traction".
    if let Some(r) = comparison(c) {
        return Some(r);
    }

    // "should I keep treating it myself after three weeks", "can I carry on
    // at home": whether to go on with home care (then).
    if c.yes_no()
        && c.has(Cue::Home)
        && doers.is_empty()
        && (c.when.is_some()
            || c.words().any(|w| matches!(w, "keep" | "continue" | "still" | "carry" | "stop" | "quit")))
        && let Some(home) = home_care(c.g)
    {
        let mut r = Reading::with("can-i", Some(c.subject()), Some(home));
        r.asks = if c.has(Cue::Stop) { Asks::Forbidden } else { Asks::Allowed };
        return Some(r);
    }

    // Yes/no about two things (or one thing and the article's subject).
    if c.yes_no()
        && let Some(r) = yes_no(c, &states, &doers)
    {
        return Some(r);
    }

    list(c, &states, &doers)
}

/// "can I X while on Y", "is X safe with Y", "X and Y together?", "is it ok
/// to X" (while having the spasm), with the warning looked for both ways.
fn safety(c: &Clause, doers: &[Ix]) -> Option<Reading> {
    // "is it bad to sleep with a heat pad", "is ice bad for it", but not
    // "... when the pain is bad".
    let first_thing = c.things.iter().map(|&(_, at)| at).min().unwrap_or(usize::MAX);
    let says_bad = c.toks.iter().enumerate().any(|(k, &i)| {
        let next = c.toks.get(k + 1).map(|&j| c.s.word(j));
        c.s.word(i) == "bad" && (i < first_thing || matches!(next, Some("for" | "to" | "with" | "idea")))
    });
    // "does heat make it worse": for a treatment, whether the article
    // warns against it (a cause is asked about with "causes-check").
    let treatment_worse = c.has(Cue::Worse)
        && c.yes_no()
        && !doers.is_empty()
        && doers.iter().all(|&d| Kind::TREATMENTS.contains(&c.kind(d)));
    let asks_if_bad = says_bad || treatment_worse;
    let safe_cue = c.has(Cue::Safe) || c.has(Cue::Mix) || asks_if_bad && c.yes_no();
    let avoid_cue = c.has(Cue::Avoid) && c.yes_no();
    let can_i = c.yes_no()
        && matches!(c.aux(), "can" | "may" | "could" | "should" | "is" | "are" | "do" | "does")
        && (c.has(Cue::Use) || c.has(Cue::Eat) || c.has(Cue::Start) || c.has(Cue::Join) || safe_cue)
        // "can I drink alcohol": a thing done, asked with "can I".
        || infinitive(c) && !doers.is_empty() && c.cues.iter().all(|&(q, _)| matches!(q, Cue::Use | Cue::Join | Cue::Eat));
    let joined = c.has(Cue::Join) || c.has(Cue::Mix) || c.has_word("and") || c.has_word("after") || c.has_word("if")
        // "on muscle relaxers ..., can I go back to deadlifts": a drug and a thing to do.
        || can_i
            && c.things.iter().any(|&(ix, _)| c.kind(ix) == Kind::Medication)
            && c.things.iter().filter(|&&(ix, _)| ACTS.contains(&c.kind(ix))).count() >= 2;
    // "what does the article say about alcohol while on medication": the
    // warning, if there is one.
    let about_while = c.has(Cue::Describe)
        && c.has(Cue::Join)
        && c.things.iter().filter(|&&(ix, _)| ACTS.contains(&c.kind(ix))).count() >= 2;
    if !(safe_cue || avoid_cue || can_i || about_while) {
        return None;
    }
    // "could I get hooked on acetaminophen": whether it risks a harm, not
    // whether it is safe to take.
    if !safe_cue && doers.len() == 1 && !c.of(&[Kind::Harm]).is_empty() {
        return None;
    }
    // "is it time to get him seen": a doctor, not a safety question.
    if c.has(Cue::Doctor) && !safe_cue && !avoid_cue {
        return None;
    }
    // "do I need a prescription for it": what kind of drug, not safety.
    if c.has(Cue::Need) && !safe_cue && !avoid_cue {
        return None;
    }
    // "could carrying my bag do that": a cause, not a safety question;
    // "does the injection hurt": a risk; "why shouldn't he": a reason.
    if (c.has(Cue::Cause) || c.has(Cue::Effect) || c.has(Cue::Risk)) && !safe_cue && !avoid_cue || c.has(Cue::Why) {
        return None;
    }
    // "does plain water during training stop cramps": whether it helps, not
    // whether it is safe.
    let states =
        c.of(STATES).into_iter().filter(|&s| s != c.subject() || c.things.iter().any(|&(ix, _)| ix == s)).count();
    // "can I put ice straight on my skin when the pain is bad": a misuse
    // the article warns against is a safety question whatever else is said.
    let misuse = can_i && doers.iter().any(|&d| warned_against(c.g, d));
    if !safe_cue
        && !avoid_cue
        && !misuse
        && states > 0
        && (c.has(Cue::Treat) || c.has(Cue::Stop) || c.has(Cue::Prevent) || c.has(Cue::Good))
    {
        return None;
    }
    let asks = if avoid_cue
        || about_while
        || asks_if_bad
        || c.words().any(|w| matches!(w, "dangerous" | "harmful" | "risky" | "unsafe"))
    {
        Asks::Forbidden
    } else {
        Asks::Allowed
    };
    // Two things of the kinds a warning joins.
    let ctx_kinds = [
        Kind::Treatment,
        Kind::Procedure,
        Kind::HomeRemedy,
        Kind::Exercise,
        Kind::Medication,
        Kind::Behaviour,
        Kind::Condition,
        Kind::RedFlag,
    ];
    let mut two: Vec<Ix> = c
        .things
        .iter()
        .map(|&(ix, _)| ix)
        .filter(|&ix| ctx_kinds.contains(&c.kind(ix)) || ACTS.contains(&c.kind(ix)))
        .collect();
    // "while the spasm lasts" is the setting of every warning here, not a
    // second thing done.
    let only_the_spasm_joined = two.len() == 2 && two.contains(&c.subject()) && two.iter().any(|&t| t != c.subject());
    if two.len() >= 2 && two.iter().any(|&t| t != c.subject()) {
        two.retain(|&t| t != c.subject());
    }
    // A general word in the question ("the tablets") stands for the more
    // particular thing the story names ("muscle relaxers").
    for slot in two.iter_mut() {
        if let Some(&m) = c.story.iter().find(|&&st| st != *slot && is_a(c.g, st, *slot)) {
            *slot = m;
        }
    }
    // The story may name what "that" or "either of those" stand for: the
    // things done, other than what the question names.
    let mut more: Vec<Ix> = Vec::new();
    // "can he keep lifting while he's on them": the drug is in the story.
    let asks_safety = safe_cue || avoid_cue || c.has(Cue::Mix) || can_i && c.has(Cue::Join);
    if two.len() < 2 && asks_safety {
        for &st in &c.story {
            let related = two.iter().any(|&t| t == st || is_a(c.g, st, t) || is_a(c.g, t, st));
            if related || more.contains(&st) || !ACTS.contains(&c.kind(st)) || c.kind(st) == Kind::Factor {
                continue;
            }
            if two.len() < 2 {
                two.push(st);
            } else {
                more.push(st);
            }
        }
    }
    // "are opiates dangerous", "is ice safe", "are opiates bad for you":
    // whether the thing itself can do harm, not whether to do it then ("is
    // it safe to use ice" asks that, as "can I" does).
    let danger = c.words().any(|w| matches!(w, "dangerous" | "harmful" | "risky" | "unsafe"))
        // "bad for you", not "bad for spasms" (whether it helps them).
        || asks_if_bad && !treatment_worse && c.of(STATES).is_empty();
    let safe_word = c.words().any(|w| matches!(w, "safe" | "harmless"));
    if let [a] = two.as_slice()
        && (danger || safe_word)
        && !infinitive(c)
        && (!c.has(Cue::Join) || only_the_spasm_joined)
    {
        let mut r = Reading::with("harm-check", Some(*a), None);
        r.asks = if danger { Asks::Claim } else { Asks::Forbidden };
        return Some(r);
    }
    match two.as_slice() {
        [] => None,
        // "can I put the ice straight on my skin": a thing the article
        // warns against is asked about for safety, not as a treatment.
        // "should she ice it", "can I do squats": whether to do it.
        [a] if joined
            || safe_cue
            || c.has(Cue::Avoid)
            || can_i && warned_against(c.g, *a)
            || can_i && infinitive(c) && !for_a_state(c) =>
        {
            // One thing: is it safe at all, or during the spasm?
            if !doers.contains(a) && !c.story.contains(a) && !ACTS.contains(&c.kind(*a)) {
                return None;
            }
            let mut r = Reading::with("can-i", Some(c.subject()), Some(*a));
            r.asks = asks;
            Some(r)
        }
        [a, b, ..] if joined || safe_cue || avoid_cue || !more.is_empty() => {
            // "with a thin towel under it, is 15 minutes of ice fine": what the
            // article says to have with the act (first, or to make it work
            // better) says how it is done, not a second thing done.
            let goes_with = |p: Ix, q: Ix| {
                c.g.edges_at(p, Direction::Outgoing)
                    .any(|(e, t)| t == q && matches!(c.g.relation(e), Relation::Before | Relation::Improves))
            };
            // "press the ice pack straight onto bare skin": a wrong way of
            // using a thing named beside it is what is asked about.
            if let Some(&m) = two.iter().find(|&&t| warned_against(c.g, t))
                && c.g
                    .step(m, Relation::AvoidWhile, Direction::Outgoing)
                    .any(|(_, ctx)| two.iter().any(|&t| t != m && (t == ctx || is_a(c.g, t, ctx))))
            {
                let mut r = Reading::with("can-i", Some(c.subject()), Some(m));
                r.asks = asks;
                return Some(r);
            }
            for (with, act) in [(*a, *b), (*b, *a)] {
                if goes_with(with, act) {
                    let mut r = Reading::with("can-i", Some(c.subject()), Some(act));
                    r.asks = asks;
                    return Some(r);
                }
            }
            // The thing done comes first in "can I X while Y", unless the
            // other is the drug one is on; the check tries both ways, so
            // order only matters for the wording and for pairing the rest.
            let (act, ctx) =
                if c.kind(*a) == Kind::Medication && c.kind(*b) != Kind::Medication { (*b, *a) } else { (*a, *b) };
            let mut r = Reading::with("can-i", Some(ctx), Some(act));
            r.asks = asks;
            r.others = more;
            Some(r)
        }
        _ => None,
    }
}

/// Whether a judgement word governs an act ("is it safe to use ice", "is it
/// ok to", "a good idea to", "bad to"): the question asks whether to do it.
fn infinitive(c: &Clause) -> bool {
    let words: Vec<&str> = c.words().collect();
    words.windows(2).any(|w| {
        matches!(
            w[0],
            "safe"
                | "ok"
                | "okay"
                | "fine"
                | "alright"
                | "idea"
                | "bad"
                | "dangerous"
                | "harmful"
                | "risky"
                | "unsafe"
                | "wise"
                | "allowed"
        ) && w[1] == "to"
    }) || matches!(c.aux(), "can" | "could" | "should" | "may")
        && words.windows(2).any(|w| {
            matches!(w[0], "can" | "could" | "should" | "may")
                && matches!(w[1], "i" | "we" | "you" | "he" | "she" | "they")
        })
}

/// The graph's node for treating it yourself at home, if it has one.
fn home_care(g: &Graph) -> Option<Ix> {
    ["home treatment", "self treatment", "home care", "self care"]
        .iter()
        .find_map(|form| g.by_name(&crate::text::normalize(form)).first().copied())
}

/// Whether the question says what the act is for ("use ice for my back"),
/// as against for how long ("for 2 hours").
fn for_a_state(c: &Clause) -> bool {
    c.toks.iter().any(|&i| {
        c.s.word(i) == "for"
            && c.things.iter().any(|&(ix, at)| {
                at > i && at <= i + 3 && (STATES.contains(&c.kind(ix)) || c.kind(ix) == Kind::BodyPart)
            })
    })
}

/// Whether the article warns against `ix` in some setting, whatever its kind
/// (training in the heat, during sport).
fn warned_against_in(g: &Graph, ix: Ix) -> bool {
    g.step(ix, Relation::AvoidWhile, Direction::Outgoing).next().is_some()
}

/// Whether the article warns against doing `ix` in some context.
fn warned_against(g: &Graph, ix: Ix) -> bool {
    g.kind(ix) == Kind::Behaviour && g.step(ix, Relation::AvoidWhile, Direction::Outgoing).next().is_some()
}

/// Whether `a` is a kind of `b`, through `is_a` steps.
fn is_a(g: &Graph, a: Ix, b: Ix) -> bool {
    a != b && g.ancestors(a).contains(&b)
}

fn comparison(c: &Clause) -> Option<Reading> {
    if !(c.has(Cue::Compare) || c.has(Cue::Before) && c.has(Cue::After)) {
        return None;
    }
    let cand: Vec<Ix> = c
        .things
        .iter()
        .map(|&(ix, _)| ix)
        .filter(|&ix| DONE.contains(&c.kind(ix)) || matches!(c.kind(ix), Kind::Food | Kind::Factor))
        .collect();
    // "which muscle relaxant is best, X or Y": the class is not compared.
    let cand: Vec<Ix> = cand.iter().copied().filter(|&a| !cand.iter().any(|&b| is_a(c.g, b, a))).collect();
    // "warm compress before or after stretching": an order.
    if c.has(Cue::Before) && c.has(Cue::After) && cand.len() >= 2 {
        return Some(Reading::with("order", Some(cand[0]), Some(cand[1])));
    }
    if cand.len() < 2 {
        // "is it better to exercise in a cool room or a warm one"
        return None;
    }
    let mut r = Reading::with("compare", Some(cand[0]), Some(cand[1]));
    r.others = cand[2..].to_vec();
    Some(r)
}

/// The class the article ranks the kinds of, for a question that ranks
/// ("what kind of heat is best", "is moist heat better than dry heat"): a
/// thing named, or a class of it, that the article names a best kind of.
fn ranked_class(c: &Clause) -> Option<Ix> {
    let ranks = c.words().any(|w| matches!(w, "best" | "better" | "preferable" | "preferred" | "ideal" | "optimal"));
    if !ranks {
        return None;
    }
    c.things.iter().find_map(|&(ix, _)| {
        c.g.ancestors(ix).into_iter().find(|&a| c.g.step(a, Relation::BestOf, Direction::Incoming).next().is_some())
    })
}

fn yes_no(c: &Clause, states: &[Ix], doers: &[Ix]) -> Option<Reading> {
    let all: Vec<Ix> = c.things.iter().map(|&(ix, _)| ix).collect();
    if let Some(class) = ranked_class(c) {
        let x = all.iter().copied().find(|&ix| ix != class).unwrap_or(class);
        return Some(Reading::with("best-check", Some(x), Some(class)));
    }
    // The second thing: named, or the article's subject ("is heat good for it").
    let pair = |x_kinds: &[Kind], y_kinds: &[Kind]| -> Option<(Ix, Ix)> {
        let x = all.iter().copied().find(|&ix| x_kinds.contains(&c.kind(ix)))?;
        let y = all.iter().copied().find(|&ix| ix != x && y_kinds.contains(&c.kind(ix))).unwrap_or(c.subject());
        (x != y).then_some((x, y))
    };
    // "can the GP give him a jab": what a specialist gives, not a cause.
    if let (Some(&sp), Some(&given)) =
        (c.of(&[Kind::Specialist]).first(), c.of(&[Kind::Procedure, Kind::Medication]).first())
        && (c.has(Cue::Use) || c.has(Cue::Cause) || c.has(Cue::Offer))
    {
        return Some(Reading::with("refers", Some(sp), Some(given)));
    }
    // Direction for causes: "X causes Y", "is Y caused by X", "Y from X".
    // "does it spread to the head": whether it reaches a part of the body.
    let spreads = c.has(Cue::Where) && !c.of(&[Kind::BodyPart]).is_empty();
    if c.has(Cue::Cause) || c.has(Cue::Effect) || c.has(Cue::Risk) || c.has(Cue::Worse) || spreads {
        let by = c.words().any(|w| matches!(w, "by" | "from")) || c.has_word("because");
        // A body part is where an effect shows, never the cause; of the
        // rest, the first named is the cause ("can X cause Y"), unless the
        // effect comes first ("is Y caused by X", "Y from X").
        let causes: Vec<Ix> = all.iter().copied().filter(|&ix| c.kind(ix) != Kind::BodyPart).collect();
        let (x, y) = match causes.as_slice() {
            [a, b, ..] if by && c.pos(Cue::Cause).is_some_and(|p| p > c.things[0].1) => (*b, *a),
            [a, b, ..] => (*a, *b),
            [a] => match all.iter().copied().rfind(|&ix| c.kind(ix) == Kind::BodyPart) {
                Some(part) if *a == c.subject() || STATES.contains(&c.kind(*a)) => (*a, part),
                _ => (*a, c.subject()),
            },
            [] => match all.first() {
                Some(&part) => (c.subject(), part),
                None => return None,
            },
        };
        if x == y {
            return Some(Reading::with("causes", Some(x), None));
        }
        // "can ice packs hurt me": whether it can do harm, whatever harm.
        if c.has(Cue::Risk) && !c.has(Cue::Cause) && y == c.subject() && all.len() == 1 {
            return Some(Reading::with("harm-check", Some(x), None));
        }
        return Some(Reading::with("causes-check", Some(x), Some(y)));
    }
    if c.has(Cue::Prevent) {
        let (x, y) = pair(ACTS, STATES)?;
        return Some(Reading::with("prevents-check", Some(x), Some(y)));
    }
    if (c.has(Cue::Source) || (c.has(Cue::Eat) && !c.of(&[Kind::Nutrient]).is_empty()))
        && let (Some(&f), Some(&n)) = (c.of(&[Kind::Food]).first(), c.of(&[Kind::Nutrient]).first())
    {
        return Some(Reading::with("source-of", Some(f), Some(n)));
    }
    // "can the GP give him a jab": what a specialist gives.
    let gives = !c.of(&[Kind::Specialist]).is_empty()
        && (c.has(Cue::Use) || c.has(Cue::Cause))
        && !c.of(&[Kind::Procedure, Kind::Medication]).is_empty();
    if c.has(Cue::Offer) || gives || (c.has(Cue::Doctor) && c.of(&[Kind::Specialist]).len() >= 2) {
        let sp = c.of(&[Kind::Specialist]);
        if let Some(&x) = sp.first() {
            let y = all
                .iter()
                .copied()
                .find(|&ix| ix != x && matches!(c.kind(ix), Kind::Specialist | Kind::Procedure | Kind::Medication));
            if let Some(y) = y {
                return Some(Reading::with("refers", Some(x), Some(y)));
            }
        }
    }
    if c.has(Cue::Symptom) {
        let cond = all.iter().copied().find(|&ix| c.kind(ix) == Kind::Condition).unwrap_or(c.subject());
        let asks_list = c.words().any(|w| matches!(w, "feel" | "feels" | "like" | "feeling"));
        if !asks_list && let Some(&sym) = all.iter().find(|&&ix| c.kind(ix) == Kind::Symptom) {
            return Some(Reading::with("presents-check", Some(cond), Some(sym)));
        }
        return Some(Reading::with("symptoms", Some(cond), None));
    }
    // "do I need a prescription for acetaminophen", "is acetaminophen an
    // NSAID", "is it the same as NSAIDs": whether one is a kind of the other.
    let drugs = c.of(&[Kind::Medication, Kind::Procedure, Kind::HomeRemedy, Kind::Exercise, Kind::Treatment]);
    if let [a, b, ..] = drugs.as_slice() {
        let prescription = |ix: Ix| c.g.node(ix).aliases.iter().any(|al| al == "prescription");
        if c.has(Cue::Need) && (prescription(*a) || prescription(*b)) {
            let (x, y) = if prescription(*a) { (*b, *a) } else { (*a, *b) };
            return Some(Reading::with("is-a-check", Some(x), Some(y)));
        }
        let cueless = !c.cues.iter().any(|&(cue, _)| !matches!(cue, Cue::What | Cue::Use | Cue::Join));
        if c.has(Cue::Same) || cueless && c.kind(*a) == c.kind(*b) {
            return Some(Reading::with("is-a-check", Some(*a), Some(*b)));
        }
    }
    // "can acetaminophen be addictive": a thing and a harm, unless the
    // harm is what it is used for ("should I use ice for frostbite").
    let harm_after_for = c.of(&[Kind::Harm]).first().is_some_and(|&h| {
        c.things.iter().any(|&(ix, at)| {
            ix == h
                && (1..=3)
                    .filter_map(|k| at.checked_sub(k))
                    .map(|k| c.s.word(k))
                    .take_while(|w| *w != "is" && *w != "be")
                    .any(|w| w == "for")
        })
    });
    if let (Some(&d), Some(&h)) = (doers.first(), c.of(&[Kind::Harm]).first())
        && !c.has(Cue::Treat)
        && !c.has(Cue::Good)
        && !(c.has(Cue::Use) && harm_after_for)
    {
        return Some(Reading::with("causes-check", Some(d), Some(h)));
    }
    let treat = c.has(Cue::Treat)
        || c.has(Cue::Good)
        || c.has(Cue::Work)
        || c.has(Cue::Use)
        || c.has(Cue::Prognosis)
        || c.has(Cue::Stop)
        || c.has(Cue::Start)
        // "does the article recommend acupuncture": no one else recommends.
        || c.has(Cue::Offer) && c.of(&[Kind::Specialist]).is_empty();
    // "reason for putting a towel on the ice pack" asks why, not whether
    // the towel treats the spasm.
    if treat && !doers.is_empty() && !(c.has(Cue::Why) && states.is_empty()) {
        let x = doers[0];
        // What it helps: a state named; else another thing named that the
        // article says it works on ("does ice reduce the need for
        // painkillers", "is heat good for the muscles"); else the spasm.
        let other = c.things.iter().map(|&(ix, _)| ix).find(|&ix| {
            ix != x
                && !states.contains(&ix)
                && c.g.ancestor_chains(x).iter().any(|(class, _)| {
                    c.g.edges_at(*class, Direction::Outgoing).any(|(e, t)| {
                        t == ix
                            && matches!(
                                c.g.relation(e),
                                Relation::ReducesNeedFor
                                    | Relation::Benefits
                                    | Relation::Improves
                                    | Relation::ActsOn
                                    | Relation::Affects
                            )
                    })
                })
        });
        // "work out in a hot gym to loosen my back": a setting the article
        // warns against is what is asked about, for the spasm.
        let warned_setting = states.iter().copied().find(|&s| s != x && warned_against_in(c.g, s));
        if let Some(setting) = warned_setting {
            return Some(Reading::with("helps", Some(setting), Some(c.subject())));
        }
        let y = states.iter().copied().find(|&s| s != x).or(other).unwrap_or(c.subject());
        if x == y {
            return None;
        }
        return Some(Reading::with("helps", Some(x), Some(y)));
    }
    if treat && !states.is_empty() && c.has(Cue::Home) {
        return Some(Reading::with("home", Some(states[0]), None));
    }
    // Two things and no cue: how they are connected.
    if all.len() >= 2 && c.has(Cue::Related) {
        return Some(Reading::with("related", Some(all[0]), Some(all[1])));
    }
    None
}

/// Wh-questions and keyword questions: a list about one thing.
fn list(c: &Clause, states: &[Ix], doers: &[Ix]) -> Option<Reading> {
    if let Some(class) = ranked_class(c) {
        return Some(Reading::with("best", Some(class), None));
    }
    let all: Vec<Ix> = c.things.iter().map(|&(ix, _)| ix).collect();
    let first = all.first().copied();
    let state = states.first().copied();
    let x_or_subject = |ix: Option<Ix>| ix.or(Some(c.subject()));
    let kind = c.kinds.first().copied();

    // "what kind of drug is acetaminophen": its classes.
    if let Some(p) = c.pos(Cue::Members)
        && let Some(&(x, _)) =
            c.things.iter().rev().find(|&&(_, at)| {
                at > p && c.toks.iter().any(|&i| i > p && i < at && matches!(c.s.word(i), "is" | "are"))
            })
    {
        return Some(Reading::with("classes", Some(x), None));
    }
    // "what kinds of medication are there": the members of a class named.
    if c.has(Cue::Members)
        && let Some(&x) = all.iter().find(|&&ix| {
            c.g.edges_at(ix, petgraph::Direction::Incoming)
                .any(|(e, _)| c.g.edge(e).relation == crate::model::Relation::IsA)
        })
        && !(c.wh().is_some()
            && c.words().any(|w| w == "is" || w == "are")
            && c.pos(Cue::Members).is_some_and(|p| p < c.things[0].1)
            && kind.is_some()
            && c.things.len() == 1
            && c.has_word("is"))
    {
        return Some(Reading::with("members", Some(x), None));
    }
    // "list the home remedies", "what are examples of procedures": a kind.
    let outside_kinds: Vec<Ix> = c
        .things
        .iter()
        .filter(|&&(_, at)| !c.s.kinds.iter().any(|(_, span)| span.contains(&at)))
        .map(|&(ix, _)| ix)
        .collect();
    if let Some(k) = kind
        && (c.has(Cue::All) || c.has(Cue::Members))
        && outside_kinds.is_empty()
        && !(k == Kind::Symptom && c.has(Cue::Symptom))
    {
        let mut r = Reading::new("kinds");
        r.kind = Some(k);
        return Some(r);
    }

    // Two things and a "why" or "how does X lead to Y": the chain between them.
    if all.len() >= 2 && (c.has(Cue::Why) || c.has(Cue::Related) || (c.wh() == Some("how") && c.has(Cue::Cause))) {
        let (x, y) = (all[0], all[1]);
        if c.has(Cue::Related) {
            return Some(Reading::with("related", Some(x), Some(y)));
        }
        if c.has(Cue::Cause) || c.has(Cue::Effect) {
            // "why does sweating at the gym give cramps": from the first
            // thing to the condition or harm it ends in, past the setting.
            let end = |ix: Ix| matches!(c.kind(ix), Kind::Condition | Kind::Harm | Kind::Symptom);
            let y = all.iter().rev().copied().find(|&ix| ix != x && end(ix)).unwrap_or(y);
            return Some(Reading::with("chain", Some(x), Some(y)));
        }
        let mut r = Reading::with("why", Some(x), Some(y));
        if c.has(Cue::Avoid) || c.has(Cue::Not) {
            r.asks = Asks::Forbidden;
        }
        return Some(r);
    }
    // "why does sweating cause cramps", "how does a tired muscle end up in spasm"
    if all.len() == 1 && (c.has(Cue::Why) || c.wh() == Some("how")) && (c.has(Cue::Cause) || c.has(Cue::Effect)) {
        let x = all[0];
        if x != c.subject() && !STATES.contains(&c.kind(x))
            || c.kind(x) == Kind::Factor
            || c.kind(x) == Kind::Condition && x != c.subject()
        {
            return Some(Reading::with("chain", Some(x), Some(c.subject())));
        }
    }
    // "why are opiates a bad idea": the same as "why not opiates".
    let against = c.has(Cue::Not)
        || c.has(Cue::Avoid)
        || c.has(Cue::Safe) && ["bad", "unsafe", "dangerous", "harmful", "risky"].iter().any(|w| c.has_word(w));
    // "why does ice help": what it does.
    if c.has(Cue::Why)
        && !c.has(Cue::Cause)
        && !against
        && let [d] = doers
        && all.len() == 1
    {
        return Some(Reading::with("uses", Some(*d), None));
    }
    // Why not X: its risks.
    if c.has(Cue::Why)
        && against
        && let Some(&d) = doers.first()
    {
        return Some(Reading::with("risks", Some(d), None));
    }
    // "which specialist should I see": who.
    let asks_which_specialist = matches!(c.wh(), Some("which" | "what"))
        && c.things
            .iter()
            .any(|&(ix, at)| c.kind(ix) == Kind::Specialist && at > 0 && matches!(c.s.word(at - 1), "which" | "what"));
    if c.has(Cue::Who) || asks_which_specialist || c.kinds.contains(&Kind::Specialist) && c.has(Cue::Doctor) {
        return Some(Reading::with("who", state.or(c.of(&[Kind::Symptom, Kind::RedFlag]).first().copied()), None));
    }
    // What a doctor does.
    let specialist = c.of(&[Kind::Specialist]).first().copied();
    if let Some(sp) = specialist
        && (c.has(Cue::Offer) || c.has(Cue::Use) || c.has(Cue::Treat))
        && !c.has(Cue::When)
        && !c.has(Cue::Need)
        && !c.words().any(|w| w == "see" || w == "visit" || w == "call")
    {
        return Some(Reading::with("specialist", Some(sp), None));
    }
    // "at what point should I stop trying to fix it myself": when to see
    // a doctor.
    let stop_self = c.has(Cue::When) && c.has(Cue::Stop) && c.has(Cue::Home);
    if c.has(Cue::Doctor) || stop_self || specialist.is_some() && (c.has(Cue::When) || c.has(Cue::Need)) {
        return Some(Reading::with("doctor", x_or_subject(c.of(&[Kind::Condition]).first().copied()), None));
    }
    // How long something lasts: a treatment's effect, or the spasm itself.
    // "how long does one cortisone shot keep the pain away", "how long does
    // it work for": how long its effect lasts, not how long to use it.
    let effect_length = c.has(Cue::HowLong)
        && (c.has(Cue::Treat) || c.has(Cue::Work))
        && c.pos(Cue::HowLong).is_some_and(|p| {
            matches!(c.s.word(p + 2), "does" | "do" | "will" | "would" | "did")
                // "duration of relief", "how long the relief lasts"
                || c.pos(Cue::Treat).is_some_and(|t| t > p) && c.words().any(|w| matches!(w, "relief" | "effect" | "effects"))
        });
    if effect_length && let Some(&d) = doers.first() {
        return Some(Reading::with("duration", Some(d), None));
    }
    if c.has(Cue::Last) && (c.has(Cue::HowLong) || !doers.is_empty()) {
        let x = doers.first().copied().or(state).or(Some(c.subject()));
        return Some(Reading::with("duration", x, None));
    }
    // Painkillers that will not get you hooked: members cleared of a harm.
    if c.has(Cue::Not)
        && let (Some(&class), Some(&harm)) = (doers.first(), c.of(&[Kind::Harm]).first())
    {
        return Some(Reading::with("safe-members", Some(class), Some(harm)));
    }
    if c.has(Cue::Avoid) && c.wh() == Some("what") {
        let ctx = doers.first().copied().or(state);
        return Some(match ctx {
            Some(x) if x != c.subject() => Reading::with("avoid", Some(x), None),
            _ => Reading::new("warnings"),
        });
    }
    // Timing of a treatment: when, how long, how often, start, stop.
    let timing = c.has(Cue::When)
        || c.has(Cue::HowLong)
        || c.has(Cue::HowOften)
        || c.has(Cue::Start)
        || c.has(Cue::Stop) && !c.has(Cue::Prevent);
    if timing && let Some(&d) = doers.first() {
        if c.has(Cue::Start) && doers.len() >= 2 {
            // "when do I switch from ice to heat": the one switched to.
            return Some(Reading::with("timing", Some(doers[1]), None));
        }
        return Some(Reading::with("timing", Some(d), None));
    }
    if c.has(Cue::HowTo)
        && let Some(&d) = doers.first()
    {
        return Some(Reading::with("how-to", Some(d), None));
    }
    if c.has(Cue::Members)
        && let Some(x) = first
    {
        if c.words().any(|w| w == "is" || w == "are")
            && c.pos(Cue::Members).is_some_and(|p| p < c.things[0].1)
            && c.wh().is_some()
            && kind.is_some()
        {
            return Some(Reading::with("classes", Some(x), None));
        }
        return Some(Reading::with("members", Some(x), None));
    }
    if (c.has(Cue::Risk) || (c.has(Cue::Effect) && !doers.is_empty() && state.is_none()))
        && let Some(&d) = doers.first()
    {
        return Some(Reading::with("risks", Some(d), None));
    }
    if c.has(Cue::Prevent) {
        return Some(Reading::with("prevent", x_or_subject(state), None));
    }
    let should_not = c.has(Cue::Not) && c.words().any(|w| matches!(w, "should" | "must" | "shouldn"));
    if c.has(Cue::Avoid) || should_not && c.has(Cue::Use) && c.wh() == Some("what") {
        let ctx = doers.first().copied().or(state);
        return Some(match ctx {
            Some(x) if x != c.subject() => Reading::with("avoid", Some(x), None),
            _ => Reading::new("warnings"),
        });
    }
    if c.has(Cue::Where) {
        if let Some(&n) = c.of(&[Kind::Nutrient]).first() {
            return Some(Reading::with("foods", Some(n), None));
        }
        return Some(Reading::with("where", x_or_subject(state), None));
    }
    if c.has(Cue::Symptom) {
        return Some(Reading::with("symptoms", x_or_subject(c.of(&[Kind::Condition]).first().copied()), None));
    }
    if c.has(Cue::Prevent) {
        return Some(Reading::with("prevent", x_or_subject(state), None));
    }
    // "what foods cause spasms" asks for causes, not the diet that helps.
    let food_as_cause =
        c.has(Cue::Cause) && !c.yes_no() && !c.has(Cue::Good) && !c.has(Cue::Treat) && !c.has(Cue::Source);
    if (c.has(Cue::Eat) || c.has(Cue::Source)) && !food_as_cause {
        let nutrient = c.of(&[Kind::Nutrient]).first().copied();
        let food = c.of(&[Kind::Food]).first().copied();
        return Some(match (nutrient, food) {
            (Some(n), _) => Reading::with("foods", Some(n), None),
            (None, Some(f)) => Reading::with("contents", Some(f), None),
            _ => Reading::with("diet", x_or_subject(state), None),
        });
    }
    // Causes and effects, by word order: "what causes X" / "what does X cause".
    if c.has(Cue::Cause) || c.has(Cue::Why) || c.has(Cue::Effect) || c.has(Cue::Worse) {
        let x = state.or(first);
        let effect_order = match (c.pos(Cue::Cause), c.things.first()) {
            (Some(p), Some(&(_, at))) => at < p && !c.words().any(|w| w == "by"),
            _ => false,
        };
        let x_is_cause =
            x.is_some_and(|x| x != c.subject() && !matches!(c.kind(x), Kind::Condition | Kind::Symptom | Kind::Harm));
        // "what does X cause", "X can cause": a verb after the thing. A
        // keyword question ("back spasm causes") names the causes of it.
        let verb = c.words().any(|w| matches!(w, "does" | "do" | "can" | "could" | "will" | "would" | "might" | "may"));
        let effect_order = effect_order && verb;
        if c.has(Cue::Effect) && !c.has(Cue::Cause) || effect_order || x_is_cause && !c.has(Cue::Why) && verb {
            return Some(Reading::with("effects", x_or_subject(x), None));
        }
        return Some(Reading::with("causes", x_or_subject(x), None));
    }
    // Time and treatment: "what helps on day 5", "its day 2, heat or ice".
    let treat = c.has(Cue::Treat)
        || c.has(Cue::Good)
        || c.has(Cue::Work)
        || c.has(Cue::Home)
        || c.has(Cue::Use) && c.wh() == Some("what");
    if treat || c.when.is_some() && (c.wh() == Some("what") || all.is_empty()) {
        if let Some(&d) = doers.first()
            && state.is_none()
            && !c.has(Cue::Home)
            && c.kinds.is_empty()
        {
            // "what does ice help with"
            if c.has(Cue::What) || c.wh().is_some() {
                return Some(Reading::with("uses", Some(d), None));
            }
        }
        let x = x_or_subject(state);
        // "what supplements are worth taking for spasms": one particular
        // thing named with the spasm is what it does; a class of things
        // ("painkillers") is which of them help.
        if let [d] = doers
            && state.is_some()
            && kind.is_none()
            && !c.has(Cue::Home)
        {
            let has_members =
                c.g.edges_at(*d, petgraph::Direction::Incoming)
                    .any(|(e, _)| c.g.edge(e).relation == crate::model::Relation::IsA);
            return Some(if has_members {
                let mut r = Reading::with("class-treatments", Some(*d), x);
                r.when = c.when;
                r
            } else {
                Reading::with("uses", Some(*d), None)
            });
        }
        let mut r = if c.has(Cue::Home) || kind == Some(Kind::HomeRemedy) {
            Reading::with("home", x, None)
        } else if kind == Some(Kind::Medication) || doers.iter().any(|&d| c.g.node(d).id == "medication") {
            Reading::with("medications", x, None)
        } else if kind == Some(Kind::Exercise) {
            Reading::with("exercises", x, None)
        } else if let Some(k) = kind.filter(|k| Kind::TREATMENTS.contains(k) && *k != Kind::Treatment) {
            let mut r = Reading::with("kind-treatments", x, None);
            r.kind = Some(k);
            r
        } else if c.when.is_some() {
            Reading::with("early", x, None)
        } else {
            Reading::with("treatments", x, None)
        };
        r.when = c.when;
        return Some(r);
    }
    // "what is X for", "what does X do": what it is good for.
    let last = c.toks.last().map_or("", |&i| c.s.word(i));
    if let Some(&d) = doers.first()
        && c.wh() == Some("what")
        && (last == "for" || last == "do" || c.has_word("used") && c.has_word("for"))
    {
        return Some(Reading::with("uses", Some(d), None));
    }
    if (c.has(Cue::Describe) || c.has(Cue::What) || c.has(Cue::How))
        && let Some(x) = first
    {
        // "what is X": describe; "how is X", "what about X" likewise.
        return Some(Reading { bare: !c.asks_definition(), ..Reading::with("describe", Some(x), None) });
    }
    // A kind by itself: list it.
    if let Some(k) = kind
        && all.is_empty()
    {
        let mut r = Reading::new("kinds");
        r.kind = Some(k);
        return Some(r);
    }
    // "acetaminophen addiction": does it lead to the harm (or not)?
    if let (Some(&d), Some(&h)) = (doers.first(), c.of(&[Kind::Harm]).first()) {
        return Some(Reading::with("causes-check", Some(d), Some(h)));
    }
    // "pills for cramps", "treatment methods back spasm": treatments of
    // one kind for a state.
    let class = |d: Ix| {
        c.g.edges_at(d, petgraph::Direction::Incoming).any(|(e, _)| c.g.edge(e).relation == crate::model::Relation::IsA)
    };
    if let (Some(&d), Some(s)) = (doers.first(), state)
        && (c.has_word("for") || all.len() == 2 && class(d))
    {
        let members =
            c.g.edges_at(d, petgraph::Direction::Incoming)
                .any(|(e, _)| c.g.edge(e).relation == crate::model::Relation::IsA);
        return Some(if members {
            Reading::with("class-treatments", Some(d), Some(s))
        } else {
            Reading::with("helps", Some(d), Some(s))
        });
    }
    // "acetaminophen addiction": does it lead to the harm (or not)?
    if let (Some(&d), Some(&h)) = (doers.first(), c.of(&[Kind::Harm]).first()) {
        return Some(Reading::with("causes-check", Some(d), Some(h)));
    }
    // A bare name, or two: what it is; how they connect.
    match all.as_slice() {
        [x] => Some(Reading { bare: !c.asks_definition(), ..Reading::with("describe", Some(*x), None) }),
        [x, y, ..] => Some(Reading::with("related", Some(*x), Some(*y))),
        [] => None,
    }
}
