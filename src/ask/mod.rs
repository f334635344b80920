//! Questions in plain English. A question is first cut into typed spans
//! ([`segment`]): the graph's names it mentions, cue words, times, words out
//! of the article's scope, and what is left over. The reader ([`read`])
//! picks an intent from [`templates::TEMPLATES`] by the cues and the kinds
//! of the things mentioned; a word the article does not know means it does
//! not cover the question (exit 1), never a guess. The intent's query runs
//! on the one evaluator; yes/no questions get a verdict that answers the
//! question as asked, with the claims it rests on.

pub mod lexicon;
mod read;
pub mod segment;
pub mod templates;
pub mod wordclass;

pub use read::{Asks, Reading, when_text};
pub use segment::{Segments, When};

use crate::answer::{Answer, Claim, Verdict};
use crate::diag::Diagnostic;
use crate::graph::{EIx, Graph, Ix};
use crate::model::{Kind, Relation};
use crate::query;
use read::Unread;
use segment::Role;
use templates::{Action, Check, Template};

/// What answering a question produced.
#[derive(Debug)]
pub enum Outcome {
    Answer(Answer),
    /// Describe a node.
    Show(Ix),
    /// "What is X" for a node the article only names: what it does say of
    /// it, with exit status 1.
    Undescribed(Ix),
    /// The shortest chains of claims between two nodes.
    Path(Ix, Ix),
    /// Given chains of claims between two nodes (causal chains).
    Chains(Ix, Ix, Vec<Vec<EIx>>),
    /// The article does not cover the question.
    NotCovered(NotCovered),
    /// A question with several parts, or a comparison.
    Several(Vec<Outcome>),
}

/// A question the article does not cover.
#[derive(Clone, Debug)]
pub struct NotCovered {
    pub question: String,
    /// The words it says nothing about, as typed.
    pub words: Vec<String>,
    /// The nearest question it can answer, in words, and as a question to type.
    pub nearest: Option<(String, String)>,
}

/// A question and what came of it.
#[derive(Debug)]
pub struct Asked {
    pub outcome: Outcome,
    /// How each part was read (empty when nothing could be read).
    pub readings: Vec<Reading>,
    /// Notes for stderr: typos taken, the subject assumed.
    pub notes: Vec<String>,
    /// The question cut into spans, for `--explain` and the JSON `reading`.
    pub segments: Segments,
}

/// Words in a question, after which it is taken as a pasted page rather
/// than a question. A story around a question is fine; a page is not.
pub const MAX_WORDS: usize = 250;

/// Lower case words, contractions expanded, number words as digits (the
/// tokens the reader works on; `kg list` uses it for kind names).
pub fn words(question: &str) -> Vec<String> {
    segment::tokenize(question).into_iter().map(|t| t.word).collect()
}

/// The node kind a phrase names: "home remedies", "body parts", "drugs".
pub fn kind_of(words: &[String]) -> Option<Kind> {
    let phrase = words.join(" ");
    lexicon::KINDS.iter().find(|(p, _)| *p == phrase).map(|(_, k)| *k).or_else(|| {
        let joined = words.iter().map(|w| crate::text::singular(w)).collect::<Vec<_>>().join("_");
        Kind::parse(&joined)
    })
}

/// Answers a question.
pub fn ask(g: &Graph, question: &str) -> Result<Asked, Diagnostic> {
    let count = question.split_whitespace().count();
    if count == 0 {
        return Err(Diagnostic::error("empty question").help("try `what treats muscle spasm`, or `kg ask help`"));
    }
    if count > MAX_WORDS {
        return Err(Diagnostic::error(format!("the question is too long ({count} words; at most {MAX_WORDS})"))
            .help("ask one thing at a time, e.g. `what treats muscle spasm`"));
    }
    let s = segment::segment(g, question);
    let mut notes = corrections(&s);
    match read::read(g, &s) {
        Err(Unread::NotCovered { words, nearest }) => {
            let nearest = nearest.map(|r| (r.meaning(g), nearest_question(g, &r)));
            let nc = NotCovered { question: question.trim().to_string(), words, nearest };
            Ok(Asked { outcome: Outcome::NotCovered(nc), readings: Vec::new(), notes, segments: s })
        }
        Err(Unread::NotUnderstood) => Err(not_understood(question)),
        Err(Unread::WrongKind(ix, kinds)) => Err(wrong_kind(g, ix, kinds)),
        Ok(readings) => {
            let mut outcomes = Vec::new();
            for r in &readings {
                notes.extend(r.notes.iter().cloned());
                outcomes.push(answer(g, question, r)?);
            }
            let outcome = if outcomes.len() == 1 { outcomes.remove(0) } else { Outcome::Several(outcomes) };
            Ok(Asked { outcome, readings, notes, segments: s })
        }
    }
}

/// "taking "relives" as "relieves"" for each corrected word.
fn corrections(s: &Segments) -> Vec<String> {
    s.tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| t.corrected.is_some() && s.role(*i) != Role::Leftover)
        .map(|(_, t)| format!("taking \"{}\" as \"{}\"", t.word, t.read()))
        .collect()
}

/// A question `kg` can answer, standing in for one it cannot.
fn nearest_question(g: &Graph, r: &Reading) -> String {
    let name = |ix: Option<Ix>| ix.map_or_else(String::new, |ix| g.node(ix).name.to_string());
    match r.template.name {
        "describe" | "how-to" => format!("what is {}", name(r.x)),
        "treatments" | "early" | "home" | "medications" | "exercises" => format!("what treats {}", name(r.x)),
        "causes" => format!("what causes {}", name(r.x)),
        "effects" | "risks" => format!("what are the risks of {}", name(r.x)),
        "symptoms" => format!("what are the symptoms of {}", name(r.x)),
        "doctor" => "when should I see a doctor".into(),
        "timing" | "duration" => format!("when should I use {}", name(r.x)),
        "avoid" => format!("what should I avoid while on {}", name(r.x)),
        "foods" => format!("which foods contain {}", name(r.x)),
        "can-i" => format!("can I take {} while on {}", name(r.y), name(r.x)),
        "helps" => format!("does {} help {}", name(r.x), name(r.y)),
        "causes-check" => format!("does {} cause {}", name(r.x), name(r.y)),
        "prevents-check" | "prevent" => format!("what prevents {}", name(r.x)),
        "where" => format!("where is {} felt", name(r.x)),
        "members" => format!("what kinds of {} are there", name(r.x)),
        "uses" => format!("what is {} for", name(r.x)),
        _ => r.template.example.to_string(),
    }
}

/// "`muscles` is a body part, but ...", with the nearest names of a kind
/// the question can be about.
fn wrong_kind(g: &Graph, ix: Ix, kinds: &[Kind]) -> Diagnostic {
    let n = g.node(ix);
    let wanted: Vec<&str> = kinds.iter().map(|k| k.label()).collect();
    let mut d = Diagnostic::error(format!(
        "`{}` is a {}, but this question is about a {}",
        n.name,
        n.kind.label(),
        wanted.join(" or ")
    ));
    let mut near: Vec<(usize, &str)> = g
        .nodes()
        .filter(|&m| kinds.contains(&g.node(m).kind) && !g.node(m).lay)
        .map(|m| {
            let name = g.node(m).name;
            let shared = name
                .split(' ')
                .any(|w| n.name.split(' ').any(|v| crate::text::singular(v) == crate::text::singular(w)));
            (if shared { 0 } else { crate::text::edit_distance(n.name, name) }, name)
        })
        .collect();
    near.sort();
    let near: Vec<String> =
        near.into_iter().take(3).filter(|&(d, _)| d <= n.name.len() / 2 + 1).map(|(_, s)| format!("`{s}`")).collect();
    if !near.is_empty() {
        d = d.help(format!("did you mean {}?", near.join(", ")));
    }
    d
}

fn not_understood(question: &str) -> Diagnostic {
    let mut d = Diagnostic::error(format!("could not understand the question `{}`", question.trim()));
    for example in
        ["what treats muscle spasm", "can I drink alcohol while taking muscle relaxants", "when should I see a doctor"]
    {
        d = d.help(format!("try: {example}"));
    }
    d.note("`kg ask help` (or `:help` in the REPL) lists every kind of question; `kg query` takes a precise pattern")
}

/// Runs a pattern query written by a template; a failure is a bug in the
/// table, reported as such rather than as the user's error.
fn run(g: &Graph, t: &Template, q: &str) -> Result<query::QueryResult, Diagnostic> {
    query::run(g, q)
        .map(|(_, r)| r)
        .map_err(|d| Diagnostic::error(format!("internal error in template `{}`: {}", t.name, d.message)))
}

fn answer(g: &Graph, question: &str, r: &Reading) -> Result<Outcome, Diagnostic> {
    let t = r.template;
    let focus: Vec<Ix> = [r.x, r.y].into_iter().flatten().chain(r.others.iter().copied()).collect();
    Ok(match t.action {
        Action::Show => {
            let x = r.x.unwrap_or(g.subject);
            let asks_what = !r.bare;
            if asks_what && (!g.node(x).described || g.node(x).lay) {
                Outcome::Undescribed(x)
            } else {
                Outcome::Show(x)
            }
        }
        // "why put a towel under the ice": what the towel is for, and the chain.
        // "why avoid alcohol while on medication": what it risks, and the chain.
        Action::Path if t.name == "why" && r.x.is_some_and(|x| templates::DONE.contains(&g.node(x).kind)) => {
            let list = if r.asks == Asks::Forbidden { "risks" } else { "uses" };
            let sub = Reading { template: templates::by_name(list), y: None, ..r.clone() };
            let mut parts = Vec::new();
            if let Outcome::Answer(a) = answer(g, question, &sub)?
                && !a.is_empty()
            {
                parts.push(Outcome::Answer(a));
            }
            if let (Some(x), Some(y)) = (r.x, r.y)
                && x != y
            {
                parts.push(Outcome::Path(x, y));
            }
            if parts.len() == 1 { parts.remove(0) } else { Outcome::Several(parts) }
        }
        Action::Path => match (r.x, r.y) {
            (Some(x), Some(y)) if x != y => Outcome::Path(x, y),
            (Some(x), _) => Outcome::Show(x),
            _ => return Err(Diagnostic::error("this question needs two things to connect")),
        },
        Action::Chain => {
            let (Some(x), Some(y)) = (r.x, r.y) else {
                return Err(Diagnostic::error("this question needs two things to connect"));
            };
            let chains = crate::path::chains(g, x, y, 3);
            if chains.is_empty() { Outcome::Path(x, y) } else { Outcome::Chains(x, y, chains) }
        }
        // Comparing things the article never names: it says nothing of them.
        Action::Compare
            if [r.x, r.y].into_iter().flatten().chain(r.others.iter().copied()).any(|ix| g.node(ix).lay) =>
        {
            let all: Vec<Ix> = [r.x, r.y].into_iter().flatten().chain(r.others.iter().copied()).collect();
            let words = all.iter().filter(|&&ix| g.node(ix).lay).map(|&ix| g.node(ix).name.to_string()).collect();
            let named: Vec<Ix> = all.iter().copied().filter(|&ix| !g.node(ix).lay).collect();
            let nc = Outcome::NotCovered(NotCovered { question: question.trim().to_string(), words, nearest: None });
            match named.as_slice() {
                [] => nc,
                [x, rest @ ..] => {
                    let sub = Reading {
                        x: Some(*x),
                        y: rest.first().copied(),
                        others: rest.iter().skip(1).copied().collect(),
                        ..r.clone()
                    };
                    let mut parts = vec![nc];
                    if let Outcome::Several(p) = compare(g, question, &sub)? {
                        parts.extend(p);
                    }
                    Outcome::Several(parts)
                }
            }
        }
        Action::Compare => compare(g, question, r)?,
        // "is either of those ok while on the tablets": one verdict each.
        Action::Check(Check::Avoid) if !r.others.is_empty() => {
            let mut parts = vec![Outcome::Answer(verdict(
                g,
                question,
                &Reading { others: Vec::new(), ..r.clone() },
                Check::Avoid,
            )?)];
            for &o in &r.others {
                let one = Reading { y: Some(o), others: Vec::new(), ..r.clone() };
                parts.push(Outcome::Answer(verdict(g, question, &one, Check::Avoid)?));
            }
            Outcome::Several(parts)
        }
        Action::Check(check) => Outcome::Answer(verdict(g, question, r, check)?),
        Action::Query if claim_relations(t.name).is_some() => {
            let rels = claim_relations(t.name).unwrap_or_default();
            let x = r.x.unwrap_or(g.subject);
            let mut a = Answer::from_result(
                question,
                &r.query(g),
                focus,
                query::QueryResult { vars: vec!["target".into()], rows: Vec::new() },
            );
            a.items = claims(g, x, rels);
            a.template = Some(t.name);
            a.interpretation = r.meaning(g);
            if x != g.subject {
                a.about.push(x);
            }
            if t.name == "duration" {
                a.items
                    .retain(|i| i.support.iter().any(|&e| g.edge(e).when.as_ref().is_some_and(|w| w.lasts.is_some())));
            }
            // "how often": sessions and breaks; "how long": a session, a
            // number of days, or how long the effect lasts. Without them
            // the article says nothing of it.
            if t.name == "timing"
                && let Some(m) = r.measure
            {
                let measured = |w: &crate::model::Window| match m {
                    "often" => w.pause_minutes.is_some(),
                    // How long to do it: a session, or the days to do it in.
                    "session" => w.minutes.is_some() || w.has_days() || w.note_gives_length(),
                    _ => w.minutes.is_some() || w.lasts.is_some() || w.has_days() || w.note_gives_length(),
                };
                a.items.retain(|i| i.support.iter().any(|&e| g.edge(e).when.is_some_and(|w| measured(&w))));
                let x = r.x.map_or(String::new(), |x| g.node(x).name.to_string());
                a.interpretation = if m == "often" {
                    format!("how often to use {x}")
                } else {
                    format!("how long to use {x}, or how long it works")
                };
            }
            if t.warnings {
                a.add_warnings(g);
            }
            Outcome::Answer(a)
        }
        Action::Query => {
            let q = r.query(g);
            let result = run(g, t, &q)?;
            let mut a = Answer::from_result(question, &q, focus, result);
            a.template = Some(t.name);
            a.interpretation = r.meaning(g);
            // A lay word is never one of the article's answers.
            a.items.retain(|i| i.values.iter().all(|&v| !g.node(v).lay || Some(v) == r.x));
            // "which muscle relaxant is best": the article must name some
            // to rank; the class itself is no answer.
            if t.name == "class-treatments"
                && let Some(word) = &r.ranking
            {
                a.items.retain(|i| i.values.first() != r.x.as_ref());
                if a.items.is_empty() {
                    let words = vec![word.clone()];
                    let nearest = Some((
                        r.meaning(g),
                        format!("what treats {}", r.y.map_or(String::new(), |y| g.node(y).name.to_string())),
                    ));
                    return Ok(Outcome::NotCovered(NotCovered {
                        question: question.trim().to_string(),
                        words,
                        nearest,
                    }));
                }
            }
            // Home care: what a person does themselves, or what the article
            // files under home treatment (over-the-counter pain relievers).
            if t.name == "home" {
                a.items.retain(|i| i.values.first().is_some_and(|&v| done_at_home(g, v)));
            }
            // A day named: what the article times for other days goes; what
            // it gives no day for stays ("rest" on day 1 as on day 10).
            if matches!(
                t.name,
                "avoid"
                    | "warnings"
                    | "treatments"
                    | "early"
                    | "home"
                    | "medications"
                    | "exercises"
                    | "kind-treatments"
                    | "class-treatments"
            ) && let Some(d) = r.during_days()
            {
                a.items.retain(|i| {
                    i.support
                        .iter()
                        .all(|&e| g.edge(e).when.as_ref().is_none_or(|w| !w.has_days() || w.overlaps(d.0, d.1)))
                });
            }
            if t.warnings {
                a.add_warnings(g);
            }
            if r.yes_no && !r.no_list_yes && !matches!(t.name, "describe" | "how-to") {
                let text = if a.items.is_empty() {
                    format!("The article says nothing about {}.", r.meaning(g))
                } else {
                    format!("Yes: {} ({} in the article).", capitalized(&r.meaning(g)), a.items.len())
                };
                let claim = if a.items.is_empty() { Claim::Absent } else { Claim::Affirmed };
                a.verdict = Some(Verdict { claim, yes: (!a.items.is_empty()).then_some(true), text });
            }
            Outcome::Answer(a)
        }
    })
}

/// " while on medication", " during physical exercise and sport".
fn while_on(g: &Graph, ix: Ix) -> String {
    let on = matches!(g.node(ix).kind, Kind::Medication | Kind::Treatment | Kind::Procedure | Kind::HomeRemedy);
    format!(" {} {}", if on { "while on" } else { "during" }, g.node(ix).name)
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// Whether a treatment is something a person does at home: a home remedy
/// or an exercise, or a kind of something the article files under home care.
fn done_at_home(g: &Graph, ix: Ix) -> bool {
    g.ancestors(ix).into_iter().any(|a| {
        let n = g.node(a);
        matches!(n.kind, Kind::HomeRemedy | Kind::Exercise) || n.name.starts_with("home ")
    })
}

impl Reading {
    /// The days the question is about, as `[from, to)`.
    pub fn during_days(&self) -> Option<(u16, Option<u16>)> {
        match self.when? {
            When::Day(d) => Some((d, Some(d.saturating_add(1)))),
            When::First(n) => Some((0, Some(n.max(1)))),
            When::From(n) => Some((n, None)),
            When::Minutes(_) => None,
        }
    }
}

/// Whether `a` is `b` or a kind of it.
fn is_a_or_same(g: &Graph, a: Ix, b: Ix) -> bool {
    a == b || g.ancestors(a).contains(&b)
}

/// Whether every timed edge of a chain covers the days.
fn in_time(g: &Graph, chain: &[EIx], days: Option<(u16, Option<u16>)>) -> bool {
    let Some((from, to)) = days else { return true };
    chain.iter().all(|&e| g.edge(e).when.as_ref().is_none_or(|w| !w.has_days() || w.overlaps(from, to)))
}

/// A yes/no question: the check both ways where it can go both ways, the
/// article's denials, the day asked about; and the verdict in words.
/// Whether an act's own name says the context of its warning ("drinking
/// lots of plain water during sport" is warned against during sport): then
/// asking about the act is asking about it in that context.
fn names_its_context(g: &Graph, act: Ix, ctx: Ix) -> bool {
    let words = format!(" {} ", crate::text::normalize(g.node(act).name));
    let node = g.node(ctx);
    std::iter::once(node.name).chain(node.aliases.iter()).any(|form| {
        let form = crate::text::normalize(form);
        !form.is_empty() && words.contains(&format!(" {form} "))
    })
}

fn verdict(g: &Graph, question: &str, r: &Reading, check: Check) -> Result<Answer, Diagnostic> {
    let t = r.template;
    let name = |ix: Option<Ix>| ix.map_or_else(|| "it".to_string(), |ix| g.node(ix).name.to_string());
    let (x, y) = (r.x.unwrap_or(g.subject), r.y.unwrap_or(g.subject));
    let days = r.during_days();
    let when = r.when.map_or_else(String::new, |w| format!(" {}", when_text(w)));
    let q_of = |x: Ix, y: Ix, template: &str| {
        template.replace("{x}", &format!("\"{}\"", g.node(x).id)).replace("{y}", &format!("\"{}\"", g.node(y).id))
    };
    let run_q = |q: &str| run(g, t, q).map(|res| res.rows);
    let mut a = Answer::from_result(
        question,
        &r.query(g),
        vec![x, y],
        query::QueryResult { vars: Vec::new(), rows: Vec::new() },
    );
    a.template = Some(t.name);
    a.interpretation = r.meaning(g);
    let (claim, yes, text): (Claim, Option<bool>, String) = match check {
        Check::Avoid => {
            // The act is y; the context is x. A lone act (x is the subject):
            // any warning against it, in whatever context.
            let lone = x == g.subject && r.y.is_some();
            // Asked about by itself, a warning counts if it is about the
            // spasm, or about a treatment the act is a misuse of (ice on bare
            // skin, while icing). A warning for another context (alcohol
            // while on medication) does not answer the question.
            let alone = |act: Ix| -> Result<Vec<query::Row>, Diagnostic> {
                let mut v = run_q(&format!("select ?ctx where {} is_a*/avoid_while ?ctx", q_of(act, act, "{x}")))?;
                let act_kind = g.node(act).kind;
                v.retain(|row| {
                    let ctx = row.values[0];
                    ctx == g.subject
                        || g.ancestors(g.subject).contains(&ctx)
                        || (act_kind == Kind::Behaviour && Kind::TREATMENTS.contains(&g.node(ctx).kind))
                        || names_its_context(g, act, ctx)
                });
                Ok(v)
            };
            let mut rows = if lone {
                alone(y)?
            } else {
                let mut v = run_q(&q_of(y, x, "{x} is_a*/avoid_while/^is_a* {y}"))?;
                v.extend(run_q(&q_of(x, y, "{x} is_a*/avoid_while/^is_a* {y}"))?);
                if v.is_empty() {
                    // "ice straight on my skin if I have no towel": a misuse
                    // asked about beside something else is still a misuse.
                    for (act, other) in [(y, x), (x, y)] {
                        if g.node(act).kind == Kind::Behaviour {
                            // Not when the other thing is a treatment the
                            // warning is not about: long-term use of strong
                            // painkillers says nothing of acetaminophen.
                            let mut found = alone(act)?;
                            if Kind::TREATMENTS.contains(&g.node(other).kind) {
                                found.retain(|row| {
                                    let ctx = row.values[0];
                                    ctx == other
                                        || g.ancestors(other).contains(&ctx)
                                        || g.ancestors(ctx).contains(&other)
                                });
                            }
                            v.extend(found);
                        }
                    }
                }
                if v.is_empty() {
                    // "plain water while training": the article's warning for
                    // the context names the act ("drinking lots of plain water
                    // during sport").
                    for (act, ctx) in [(y, x), (x, y)] {
                        let named = crate::text::normalize(g.node(act).name);
                        for w in crate::answer::warnings_for(g, ctx) {
                            let avoided = crate::text::normalize(g.node(w.node).name);
                            if w.relation == crate::model::Relation::AvoidWhile
                                && !named.is_empty()
                                && avoided.contains(&named)
                            {
                                v.push(query::Row { values: Vec::new(), support: w.edges });
                            }
                        }
                    }
                }
                v
            };
            let timed_out = rows.iter().any(|row| !in_time(g, &row.support, days));
            rows.retain(|row| in_time(g, &row.support, days));
            // A session longer than the article allows ("for an hour").
            let mut too_long = Vec::new();
            if let Some(m) = r.minutes {
                for n in [x, y] {
                    for (e, _) in g.edges_at(n, petgraph::Direction::Outgoing) {
                        if g.edge(e).when.as_ref().and_then(|w| w.minutes).is_some_and(|max| m > max) {
                            too_long.push(e);
                        }
                    }
                }
            }
            let all_timed = !rows.is_empty()
                && rows
                    .iter()
                    .all(|row| row.support.iter().any(|&e| g.edge(e).when.as_ref().is_some_and(|w| w.has_days())));
            let act = name(Some(y));
            let ctx = if lone || names_its_context(g, y, x) { String::new() } else { while_on(g, x) };
            if !too_long.is_empty() {
                let max = too_long
                    .iter()
                    .filter_map(|&e| g.edge(e).when.as_ref().and_then(|w| w.minutes))
                    .fold(f32::MAX, f32::min);
                a.items.push(crate::answer::Item::supported_by(too_long));
                a.items.extend(rows.into_iter().map(|row| crate::answer::Item::supported_by(row.support)));
                let (yes, word) = if r.asks == Asks::Forbidden { (Some(true), "Yes") } else { (Some(false), "No") };
                (
                    Claim::Affirmed,
                    yes,
                    format!(
                        "{word}: the article says about {} minutes at a time for {act}, not {}.",
                        crate::export::number(max),
                        crate::export::number(r.minutes.unwrap_or(0.0))
                    ),
                )
            } else if rows.is_empty() {
                let reason = if timed_out && days.is_some() {
                    format!(" The article's warnings about {act} are for other days.")
                } else {
                    String::new()
                };
                // During the spasm, with no warning: does the article give it
                // for the spasm, then?
                let helps = if lone {
                    let mut v = run_q(&q_of(y, x, "{x} is_a*/(treats|relieves)/^is_a* {y}"))?;
                    let out_of_time = v.iter().any(|row| !in_time(g, &row.support, days));
                    v.retain(|row| in_time(g, &row.support, days));
                    Some((v, out_of_time))
                } else {
                    None
                };
                match helps {
                    Some((v, _)) if !v.is_empty() => {
                        // A day asked, and the article gives a condition
                        // rather than a day ("once the spasm has eased a
                        // little"): say that, not yes.
                        let condition: Option<String> = days.and_then(|_| {
                            let windows: Vec<crate::model::Window> =
                                v.iter().flat_map(|row| row.support.iter()).filter_map(|&e| g.edge(e).when).collect();
                            (!windows.is_empty() && windows.iter().all(|w| !w.has_days()))
                                .then(|| windows.iter().filter_map(|w| w.note.clone()).collect::<Vec<_>>().join("; "))
                                .filter(|n| !n.is_empty())
                        });
                        a.items.extend(v.into_iter().map(|row| crate::answer::Item::supported_by(row.support)));
                        let (mut yes, word) =
                            if r.asks == Asks::Forbidden { (Some(false), "No") } else { (Some(true), "Yes") };
                        // What the article does caution about the act in
                        // other settings or as a risk ("strength training
                        // risks a worse condition while on relaxants"): shown,
                        // and enough to keep "is it bad" from a plain no.
                        let mut cautions = Vec::new();
                        for n in std::iter::once(y).chain(g.ancestors(y)) {
                            cautions.extend(g.step(n, crate::model::Relation::Risks, petgraph::Direction::Outgoing));
                            cautions.extend(
                                g.step(n, crate::model::Relation::AvoidWhile, petgraph::Direction::Outgoing)
                                    .filter(|&(_, ctx)| ctx != x && Kind::TREATMENTS.contains(&g.node(ctx).kind)),
                            );
                        }
                        let mut seen = Vec::new();
                        cautions.retain(|&(e, other)| {
                            let key = (g.relation(e), other);
                            let new = !seen.contains(&key);
                            seen.push(key);
                            new
                        });
                        let caution = if cautions.is_empty() {
                            String::new()
                        } else {
                            let said: Vec<String> = cautions
                                .iter()
                                .map(|&(e, other)| {
                                    let verb = if g.relation(e) == crate::model::Relation::Risks {
                                        "risks"
                                    } else {
                                        "is to be avoided while on"
                                    };
                                    format!("{verb} {}", g.node(other).name)
                                })
                                .collect();
                            if r.asks == Asks::Forbidden {
                                yes = None;
                            }
                            a.items.push(crate::answer::Item::supported_by(cautions.iter().map(|&(e, _)| e).collect()));
                            format!(" It does caution that {act} {}.", said.join("; "))
                        };
                        let word = if yes.is_none() { "Not as such" } else { word };
                        if let Some(condition) = condition {
                            (
                                Claim::Affirmed,
                                None,
                                format!("It depends: the article gives no day for {act}, only this: {condition}."),
                            )
                        } else {
                            (
                                Claim::Affirmed,
                                yes,
                                format!(
                                    "{word}: the article gives {act} for {}{when}, and no warning against it then.{caution}",
                                    name(Some(x))
                                ),
                            )
                        }
                    }
                    Some((_, true)) => {
                        let all = run_q(&q_of(y, x, "{x} is_a*/(treats|relieves)/^is_a* {y}"))?;
                        a.items.extend(all.into_iter().map(|row| crate::answer::Item::supported_by(row.support)));
                        (
                            Claim::Denied,
                            Some(r.asks == Asks::Forbidden),
                            format!("No: the article gives {act} at other times, not{when}."),
                        )
                    }
                    _ => {
                        // Nothing said: show what the article does say of the
                        // things asked about (their risks and denials, and
                        // what it does warn against while on the context).
                        if !lone {
                            for w in crate::answer::warnings_for(g, x) {
                                if w.relation == crate::model::Relation::AvoidWhile {
                                    a.items.push(crate::answer::Item::supported_by(w.edges));
                                }
                            }
                        }
                        for n in [y, x] {
                            if n == g.subject {
                                continue;
                            }
                            let q = format!(
                                "select ?o where {} is_a*/(risks|!risks|!rich_in|!relieves|!treats|causes) ?o",
                                q_of(n, n, "{x}")
                            );
                            for row in run_q(&q)? {
                                a.items.push(crate::answer::Item::supported_by(row.support));
                            }
                        }
                        (
                            Claim::Absent,
                            None,
                            format!(
                                "The article gives no warning about {act}{ctx}{when}.{reason} That is not the same as saying it is safe."
                            ),
                        )
                    }
                }
            } else {
                // The harm each warned-against thing risks (ice on bare skin:
                // frostbite), and what a drug asked about risks itself.
                let mut harms: Vec<EIx> = Vec::new();
                for n in [x, y] {
                    if g.node(n).kind == Kind::Medication {
                        for (class, _) in g.ancestor_chains(n) {
                            harms.extend(
                                g.step(class, crate::model::Relation::Risks, petgraph::Direction::Outgoing)
                                    .map(|(e, _)| e),
                            );
                        }
                    }
                }
                for row in &rows {
                    for &e in &row.support {
                        let edge = g.edge(e);
                        if edge.relation == crate::model::Relation::AvoidWhile {
                            let avoided = g.ends(e).0;
                            for (h, _) in g.step(avoided, crate::model::Relation::Risks, petgraph::Direction::Outgoing)
                            {
                                if !harms.contains(&h) {
                                    harms.push(h);
                                }
                            }
                        }
                    }
                }
                for row in rows {
                    a.items.push(crate::answer::Item {
                        values: row.values,
                        support: row.support,
                        warnings: Vec::new(),
                    });
                }
                if !harms.is_empty() {
                    a.items.push(crate::answer::Item::supported_by(harms));
                }
                // Say it the way the article does: what to avoid, while on what.
                let (act, ctx) = match a
                    .items
                    .iter()
                    .flat_map(|i| i.support.iter())
                    .find(|&&e| g.edge(e).relation == crate::model::Relation::AvoidWhile)
                {
                    Some(&e) if !lone => {
                        let (from, to) = g.ends(e);
                        let (avoided, on) =
                            if is_a_or_same(g, y, from) || is_a_or_same(g, x, to) { (y, x) } else { (x, y) };
                        let _ = (from, to);
                        (name(Some(avoided)), while_on(g, on))
                    }
                    _ => (act, ctx),
                };
                if all_timed && days.is_none() {
                    (
                        Claim::Affirmed,
                        None,
                        format!(
                            "It depends on the day: the article warns against {act}{ctx} at some times (see when)."
                        ),
                    )
                } else if r.asks == Asks::Forbidden {
                    (Claim::Affirmed, Some(true), format!("Yes: the article warns against {act}{ctx}{when}."))
                } else {
                    (Claim::Affirmed, Some(false), format!("No: the article warns against {act}{ctx}{when}."))
                }
            }
        }
        _ => {
            let (pos_q, neg_q) = match check {
                Check::Helps if t.name == "order" => ("{x} before|^after {y}", "{x} after|^before {y}"),
                Check::Helps => ("{x} is_a*/(treats|relieves)/^is_a* {y}", "{x} is_a*/(!treats|!relieves)/^is_a* {y}"),
                Check::Causes => (
                    "{x} is_a*/(causes|risks|presents)+/(affects|located_in|radiates_to)?/^is_a* {y}",
                    "{x} is_a*/(!causes|!risks) {y}",
                ),
                Check::Prevents => ("{x} is_a*/prevents/causes*/^is_a* {y}", "{x} is_a*/!prevents {y}"),
                Check::Source => ("{x} is_a*/rich_in/is_a* {y}", "{x} !rich_in {y}"),
                Check::Refers => ("{x} (refer_to|prescribes)+/^is_a* {y}", "{x} !refer_to {y}"),
                Check::Presents => ("{x} is_a*/presents/^is_a* {y}", "{x} !presents {y}"),
                Check::Class => ("{x} is_a+ {y}", "{x} is_a*/(contrasts_with|^contrasts_with)/^is_a* {y}"),
                Check::Avoid => unreachable!("handled above"),
            };
            let mut pos = run_q(&q_of(x, y, pos_q))?;
            // "is a hot water bottle good for my stiff back": stiffness is a
            // symptom of the spasm, which the article does give it for.
            let mut via_subject = false;
            if pos.is_empty() && check == Check::Helps && t.name != "order" && y != g.subject {
                let presents = run_q(&q_of(g.subject, y, "{x} is_a*/presents/^is_a* {y}"))?;
                if !presents.is_empty() {
                    pos = run_q(&q_of(x, g.subject, pos_q))?;
                    via_subject = !pos.is_empty();
                    for row in presents {
                        if via_subject {
                            pos.push(row);
                        }
                    }
                }
            }
            let timed_out = pos.iter().any(|row| !in_time(g, &row.support, days));
            pos.retain(|row| in_time(g, &row.support, days));
            let neg = run_q(&q_of(x, y, neg_q))?;
            // On the day asked: a warning against it then (ice after day 3).
            let mut against = Vec::new();
            if check == Check::Helps && days.is_some() {
                against = run_q(&q_of(x, y, "{x} is_a*/avoid_while/^is_a* {y}"))?;
                against.retain(|row| {
                    in_time(g, &row.support, days)
                        && row.support.iter().any(|&e| g.edge(e).when.as_ref().is_some_and(|w| w.has_days()))
                });
            }
            let rel = match check {
                Check::Helps if t.name == "order" => "comes before",
                Check::Helps => "treats or relieves",
                Check::Causes => "causes or leads to",
                Check::Prevents => "prevents",
                Check::Source => "is a source of",
                Check::Refers => "refers to",
                Check::Presents => "presents with",
                Check::Class => "is a kind of",
                Check::Avoid => "",
            };
            let (xn, yn) = (name(Some(x)), name(Some(y)));
            if !against.is_empty() {
                a.items.extend(against.into_iter().map(|row| crate::answer::Item::supported_by(row.support)));
                (Claim::Denied, Some(false), format!("No: the article says not to use {xn}{when}."))
            } else if !pos.is_empty() {
                a.items.extend(pos.into_iter().map(|row| crate::answer::Item::supported_by(row.support)));
                let of =
                    if via_subject { format!(" (as a symptom of {})", g.node(g.subject).name) } else { String::new() };
                // "a permanent fix": relief the article says lasts a while.
                let lasts: Vec<String> = a
                    .items
                    .iter()
                    .flat_map(|i| i.support.iter())
                    .filter_map(|&e| g.edge(e).when.as_ref().and_then(|w| w.lasts.clone()))
                    .collect();
                // "should surgery be one of the first things": the article
                // keeps it for some cases.
                let only_if: Vec<EIx> = if check == Check::Helps {
                    g.step(x, crate::model::Relation::IndicatedIf, petgraph::Direction::Outgoing)
                        .map(|(e, _)| e)
                        .collect()
                } else {
                    Vec::new()
                };
                let cases =
                    only_if.iter().map(|&e| g.node(g.ends(e).1).name.to_string()).collect::<Vec<_>>().join("; ");
                if !only_if.is_empty() {
                    a.items.push(crate::answer::Item::supported_by(only_if));
                }
                let for_good = |l: &String| l.contains("for good") || l.contains("altogether");
                // "for good": what the article claims the thing prevents.
                let mut lasting = Vec::new();
                if r.measure == Some("permanent") && check == Check::Helps {
                    // Each claim apart: a query row keeps one of several.
                    for (e, to) in g.step(x, crate::model::Relation::Prevents, petgraph::Direction::Outgoing) {
                        let lasts_for_good =
                            g.edge(e).when.as_ref().and_then(|w| w.lasts.as_ref()).is_some_and(for_good);
                        if lasts_for_good && (to == y || g.ancestors(y).contains(&to)) {
                            lasting.push(vec![e]);
                        }
                    }
                }
                if !lasting.is_empty() {
                    a.items.extend(lasting.into_iter().map(crate::answer::Item::supported_by));
                    (
                        Claim::Affirmed,
                        Some(true),
                        format!(
                            "Yes, the article claims so: it says {xn} prevents {yn} for good (see how sure it is below)."
                        ),
                    )
                } else if r.measure == Some("permanent") && !lasts.is_empty() && !lasts.iter().any(for_good) {
                    (
                        Claim::Affirmed,
                        Some(false),
                        format!("No: the article gives {xn} for {yn}, but the effect lasts {}.", lasts.join("; ")),
                    )
                } else if !cases.is_empty() && r.measure == Some("first") {
                    (Claim::Affirmed, Some(false), format!("No: the article keeps {xn} for these cases only: {cases}."))
                } else if !cases.is_empty() {
                    (
                        Claim::Affirmed,
                        Some(true),
                        format!("Yes, in some cases: the article says {xn} {rel} {yn}{of}{when}, only when: {cases}."),
                    )
                } else {
                    (Claim::Affirmed, Some(true), format!("Yes: the article says {xn} {rel} {yn}{of}{when}."))
                }
            } else if check == Check::Helps
                && t.name != "order"
                && let worse = run_q(&q_of(x, y, "{x} is_a*/causes+/^is_a* {y}"))?
                && !worse.is_empty()
            {
                a.items.extend(worse.into_iter().map(|row| crate::answer::Item::supported_by(row.support)));
                (Claim::Denied, Some(false), format!("No: the article says {xn} leads to {yn}."))
            } else if !neg.is_empty() && check == Check::Class {
                a.items.extend(neg.into_iter().map(|row| crate::answer::Item::supported_by(row.support)));
                (Claim::Denied, Some(false), format!("No: the article sets {xn} apart from {yn}."))
            } else if !neg.is_empty() {
                a.items.extend(neg.into_iter().map(|row| crate::answer::Item::supported_by(row.support)));
                (Claim::Denied, Some(false), format!("No: the article says {xn} does not {}.", rel_base(rel, &yn)))
            } else if t.name == "order" {
                let rev = run_q(&q_of(x, y, neg_q))?;
                if rev.is_empty() {
                    (Claim::Absent, None, format!("The article does not say whether {xn} comes before or after {yn}."))
                } else {
                    a.items.extend(rev.into_iter().map(|row| crate::answer::Item::supported_by(row.support)));
                    (Claim::Affirmed, Some(false), format!("After: the article puts {xn} after {yn}."))
                }
            } else if timed_out {
                let all = run_q(&q_of(x, y, pos_q))?;
                a.items.extend(all.into_iter().map(|row| crate::answer::Item::supported_by(row.support)));
                (Claim::Denied, Some(false), format!("No: the article gives {xn} for {yn} on other days, not{when}."))
            } else {
                (Claim::Absent, None, format!("The article does not say whether {xn} {rel} {yn}."))
            }
        }
    };
    // An order: what else the article puts before or after the same thing
    // (warmth before stretching, cold after it).
    if t.name == "order" {
        for q in ["select ?z where ?z before|^after {y}", "select ?z where ?z after|^before {y}"] {
            for row in run_q(&q_of(x, y, q))? {
                if !a.items.iter().any(|i| i.support == row.support) {
                    a.items.push(crate::answer::Item::supported_by(row.support));
                }
            }
        }
    }
    // What helps or not, and what it risks ("waiting risks a chronic spasm").
    if check == Check::Helps && t.name != "order" {
        let risks: Vec<EIx> = g
            .ancestor_chains(x)
            .into_iter()
            .flat_map(|(c, _)| {
                g.step(c, crate::model::Relation::Risks, petgraph::Direction::Outgoing)
                    .map(|(e, _)| e)
                    .collect::<Vec<_>>()
            })
            .collect();
        if !risks.is_empty() {
            a.items.push(crate::answer::Item::supported_by(risks));
        }
    }
    a.verdict = Some(Verdict { claim, yes, text });
    // What the question was about, in a line: the thing done or taken.
    let about = if check == Check::Avoid { y } else { x };
    if about != g.subject && !g.node(about).lay {
        a.about.push(about);
    }
    Ok(a)
}

/// "treats or relieves" → "treat or relieve back pain".
fn rel_base(rel: &str, y: &str) -> String {
    let base: Vec<String> = rel
        .split(' ')
        .map(|w| match w {
            "treats" => "treat".into(),
            "relieves" => "relieve".into(),
            "causes" => "cause".into(),
            "leads" => "lead".into(),
            "prevents" => "prevent".into(),
            "is" => "be".into(),
            "refers" => "refer".into(),
            "presents" => "present".into(),
            "comes" => "come".into(),
            other => other.into(),
        })
        .collect();
    format!("{} {y}", base.join(" "))
}

/// The relations an intent lists one claim at a time (rather than one row
/// per target): `(relation, negated)`.
fn claim_relations(intent: &str) -> Option<&'static [(Relation, bool)]> {
    use Relation::*;
    Some(match intent {
        "uses" => &[
            (RichIn, false),
            (Treats, false),
            (Relieves, false),
            (Prevents, false),
            (Benefits, false),
            (ReducesNeedFor, false),
            (ActsOn, false),
            (Improves, false),
            (Treats, true),
            (Relieves, true),
            (RichIn, true),
            (Risks, true),
        ],
        "risks" => &[(Risks, false), (Causes, false), (Risks, true), (Relieves, true), (Treats, true)],
        "duration" => &[(Treats, false), (Relieves, false), (Prevents, false), (LocatedIn, false)],
        "timing" => &[
            (Treats, false),
            (Relieves, false),
            (Prevents, false),
            (Before, false),
            (After, false),
            (AvoidWhile, false),
            (IndicatedIf, false),
        ],
        "compare" => &[
            (Treats, false),
            (Relieves, false),
            (Prevents, false),
            (Risks, false),
            (AvoidWhile, false),
            (Before, false),
            (After, false),
            (ContrastsWith, false),
            (ActsOn, false),
            (Improves, false),
            (ReducesNeedFor, false),
            (Risks, true),
            (Relieves, true),
            (Treats, true),
        ],
        _ => return None,
    })
}

/// What the article claims of a thing, and of every class it is a kind of
/// (reached by `is_a`, shown in the path), one item per claim: two claims
/// about one target (acupuncture treats the spasm; a course of it keeps it
/// away a long time) are both shown. The same walk as `kg show` makes.
fn claims(g: &Graph, x: Ix, rels: &[(Relation, bool)]) -> Vec<crate::answer::Item> {
    let mut items = Vec::new();
    for (class, chain) in g.ancestor_chains(x) {
        for (e, other) in g.edges_at(class, petgraph::Direction::Outgoing) {
            let edge = g.edge(e);
            if rels.contains(&(edge.relation, edge.negated)) {
                let mut support = chain.clone();
                support.push(e);
                items.push(crate::answer::Item { values: vec![other], support, warnings: Vec::new() });
            }
        }
    }
    // A claim inherited from a class repeats one the thing makes itself:
    // keep the nearest of each (target, relation, denial, certainty).
    let key = |i: &crate::answer::Item| {
        let e = g.edge(*i.support.last().expect("a claim has its edge"));
        (i.values[0], e.relation, e.negated, e.certainty)
    };
    let mut kept: Vec<crate::answer::Item> = Vec::new();
    for item in items {
        match kept.iter_mut().find(|k| key(k) == key(&item)) {
            Some(k) if k.support.len() > item.support.len() => *k = item,
            Some(_) => {}
            None => kept.push(item),
        }
    }
    kept.sort_by(|a, b| g.node(a.values[0]).name.cmp(g.node(b.values[0]).name));
    kept
}

/// Two or more things side by side: for each, what the article says it is
/// for (with timing, how long it lasts, and warnings) and its risks.
fn compare(g: &Graph, question: &str, r: &Reading) -> Result<Outcome, Diagnostic> {
    let mut parts = Vec::new();
    let rels = claim_relations("compare").unwrap_or_default();
    for ix in [r.x, r.y].into_iter().flatten().chain(r.others.iter().copied()) {
        let empty = query::QueryResult { vars: vec!["what".into()], rows: Vec::new() };
        let mut a = Answer::from_result(question, "", vec![ix], empty);
        a.items = claims(g, ix, rels);
        a.template = Some("compare");
        a.about.push(ix);
        a.interpretation = match r.when {
            Some(w) => format!("{}: what the article says of it (you asked about {})", g.node(ix).name, when_text(w)),
            None => format!("{}: what the article says of it", g.node(ix).name),
        };
        a.add_warnings(g);
        parts.push(Outcome::Answer(a));
    }
    Ok(Outcome::Several(parts))
}

/// How a question was read, for `--explain` and the JSON `reading`.
#[derive(Clone, Debug, Default)]
pub struct ReadingInfo {
    /// Each part's intent and its meaning in words.
    pub intents: Vec<(&'static str, String)>,
    /// Each part's query, where it has one.
    pub queries: Vec<String>,
    pub mentions: Vec<MentionInfo>,
    /// Words taken as others: (typed, read as).
    pub substitutions: Vec<(String, String)>,
    /// Words read as carrying nothing.
    pub ignored: Vec<String>,
    /// Cue words and what each says.
    pub cues: Vec<(String, String)>,
    /// Times and amounts read.
    pub times: Vec<(String, String)>,
    /// Words of the story around the question, not read as part of it.
    pub story: Vec<String>,
    /// Words the article does not cover.
    pub not_covered: Vec<String>,
}

/// A name found in a question.
#[derive(Clone, Debug)]
pub struct MentionInfo {
    pub text: String,
    /// Byte span in the question.
    pub span: std::ops::Range<usize>,
    pub id: String,
    pub name: String,
    /// "name", "alias", "id", "typo" or "lay" (a lay word, not in the article).
    pub how: &'static str,
}

impl Asked {
    /// The reading, for `--explain` and the JSON.
    pub fn info(&self, g: &Graph) -> ReadingInfo {
        let s = &self.segments;
        let mut info = ReadingInfo::default();
        for r in &self.readings {
            info.intents.push((r.template.name, r.meaning(g)));
            if !r.template.query.is_empty() {
                info.queries.push(r.query(g));
            }
        }
        for m in &s.mentions {
            let n = g.node(m.node());
            let span = s.tokens[m.at.start].span.start..s.tokens[m.at.end - 1].span.end;
            let typo = m.at.clone().any(|i| s.tokens[i].corrected.is_some());
            let how = if n.lay {
                "lay"
            } else if typo {
                "typo"
            } else if crate::text::normalize(n.name) == m.form {
                "name"
            } else if crate::text::normalize(&n.id.replace('-', " ")) == m.form {
                "id"
            } else {
                "alias"
            };
            info.mentions.push(MentionInfo {
                text: m.typed.clone(),
                span,
                id: n.id.to_string(),
                name: n.name.to_string(),
                how,
            });
        }
        for (i, t) in s.tokens.iter().enumerate() {
            if let Some(c) = &t.corrected
                && s.role(i) != Role::Leftover
            {
                info.substitutions.push((t.word.clone(), c.clone()));
            }
            match s.role(i) {
                Role::Function | Role::Number => info.ignored.push(t.word.clone()),
                Role::Leftover if !s.in_question(i) => info.story.push(t.word.clone()),
                Role::Leftover | Role::OutOfScope => info.not_covered.push(t.word.clone()),
                _ => {}
            }
        }
        for c in &s.cues {
            let text: Vec<&str> = c.at.clone().map(|i| s.tokens[i].word.as_str()).collect();
            info.cues.push((text.join(" "), format!("{:?}", c.cue).to_lowercase()));
        }
        for t in &s.times {
            let text: Vec<&str> = t.at.clone().map(|i| s.tokens[i].word.as_str()).collect();
            info.times.push((text.join(" "), when_text(t.when)));
        }
        info
    }
}

impl ReadingInfo {
    /// The reading as lines for stderr (`--explain`, `:explain on`).
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (name, meaning) in &self.intents {
            out.push(format!("intent: {name} — {meaning}"));
        }
        for q in &self.queries {
            out.push(format!("query: {q}"));
        }
        for m in &self.mentions {
            out.push(format!(
                "mention: \"{}\" (bytes {}..{}) is {} `{}` by {}",
                m.text, m.span.start, m.span.end, m.name, m.id, m.how
            ));
        }
        for (from, to) in &self.substitutions {
            out.push(format!("typo: \"{from}\" read as \"{to}\""));
        }
        if !self.cues.is_empty() {
            let cues: Vec<String> = self.cues.iter().map(|(w, c)| format!("{w} ({c})")).collect();
            out.push(format!("cues: {}", cues.join(", ")));
        }
        for (w, t) in &self.times {
            out.push(format!("time: \"{w}\" is {t}"));
        }
        if !self.ignored.is_empty() {
            out.push(format!("ignored: {}", self.ignored.join(" ")));
        }
        if !self.story.is_empty() {
            out.push(format!("story (context only): {}", self.story.join(" ")));
        }
        if !self.not_covered.is_empty() {
            out.push(format!("not covered: {}", self.not_covered.join(" ")));
        }
        out
    }
}
