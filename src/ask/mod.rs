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
pub mod verdict;
pub mod wordclass;

pub use read::{Asks, Reading, when_text};
pub use segment::{Segments, When};

use crate::answer::{Answer, Claim, Reply, Verdict};
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
            let nearest = nearest.and_then(|r| nearest_question(g, &r));
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
        .filter(|(i, t)| t.corrected.is_some() && !t.by_table && s.role(*i) != Role::Leftover)
        .map(|(_, t)| format!("taking \"{}\" as \"{}\"", t.word, t.read()))
        .collect()
}

/// A question `kg` answers, standing in for one it cannot: in words (how
/// `kg` reads it) and as a question to type. Each candidate is asked in
/// turn and only one that `kg` answers is offered, so the suggestion never
/// contradicts itself or leads nowhere.
fn nearest_question(g: &Graph, r: &Reading) -> Option<(String, String)> {
    let name = |ix: Option<Ix>| ix.map_or_else(String::new, |ix| g.node(ix).name.to_string());
    let x = r.x.filter(|&x| x != g.subject);
    let mut candidates: Vec<String> = Vec::new();
    let mut push = |q: String| {
        if !q.trim().is_empty() && !candidates.contains(&q) {
            candidates.push(q);
        }
    };
    match r.template.name {
        "describe" | "how-to" => push(format!("what is {}", name(r.x))),
        "treatments" | "early" | "home" | "medications" | "exercises" => push(format!("what treats {}", name(r.x))),
        "causes" => push(format!("what causes {}", name(r.x))),
        "effects" | "risks" | "harm-check" => push(format!("what are the risks of {}", name(r.x))),
        "symptoms" => push(format!("what are the symptoms of {}", name(r.x))),
        "doctor" => push("when should I see a doctor".into()),
        "timing" | "duration" => push(format!("when should I use {}", name(r.x))),
        "avoid" => push(format!("what should I avoid while on {}", name(r.x))),
        "foods" => push(format!("which foods contain {}", name(r.x))),
        "can-i" if x.is_some() => push(format!("is it safe to use {} while on {}", name(r.y), name(r.x))),
        "can-i" => push(format!("can I use {}", name(r.y))),
        "helps" => push(format!("does {} help {}", name(r.x), name(r.y))),
        "causes-check" => push(format!("does {} cause {}", name(r.x), name(r.y))),
        "prevents-check" | "prevent" => push(format!("what prevents {}", name(r.x))),
        "where" => push(format!("where is {} felt", name(r.x))),
        "members" => push(format!("what kinds of {} are there", name(r.x))),
        "uses" => push(format!("what is {} for", name(r.x))),
        _ => {}
    }
    // The things named, by themselves.
    for ix in [r.y, x].into_iter().flatten().filter(|&ix| ix != g.subject) {
        push(format!("what does the article say about {}", name(Some(ix))));
    }
    push(r.template.example.to_string());
    candidates.into_iter().find_map(|q| answered(g, &q).map(|meaning| (meaning, q)))
}

/// How `kg` reads a question it answers, or nothing: it is not covered, not
/// understood, or the article says nothing of it.
fn answered(g: &Graph, q: &str) -> Option<String> {
    let s = segment::segment(g, q);
    let readings = read::read(g, &s).ok()?;
    let r = readings.first()?;
    let says = match answer(g, q, r).ok()? {
        Outcome::Answer(a) => !a.is_empty(),
        Outcome::Show(_) | Outcome::Chains(..) => true,
        Outcome::Path(a, b) => !crate::path::shortest(g, a, b, 3).is_empty(),
        Outcome::Several(parts) => parts.iter().any(|p| matches!(p, Outcome::Answer(a) if !a.is_empty())),
        Outcome::Undescribed(_) | Outcome::NotCovered(_) => false,
    };
    says.then(|| r.meaning(g))
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
            // "do I need to see a doctor": the article's answer turns on the
            // red flags it names.
            let sees = crate::ask::words(question).iter().any(|w| {
                matches!(w.as_str(), "see" | "visit" | "go" | "need" | "call" | "seen" | "book" | "get" | "consult")
            });
            if r.yes_no && t.name == "doctor" && r.when.is_none() && a.items.len() > 1 && sees {
                let flags: Vec<&str> =
                    a.items.iter().filter_map(|i| i.values.first()).map(|&v| g.node(v).name).collect();
                let text = format!(
                    "It depends: the article says to see a doctor when there is {}; and, in its closing advice, to consult a specialist first.",
                    flags.join(", or ")
                );
                a.verdict = Some(Verdict { claim: Claim::Affirmed, reply: Some(Reply::Depends), text });
            } else if r.yes_no && !r.no_list_yes && !matches!(t.name, "describe" | "how-to") {
                let text = if a.items.is_empty() {
                    format!("The article says nothing about {}.", r.meaning(g))
                } else {
                    format!("Yes: {} ({} in the article).", capitalized(&r.meaning(g)), a.items.len())
                };
                let claim = if a.items.is_empty() { Claim::Absent } else { Claim::Affirmed };
                let reply = (!a.items.is_empty()).then_some(Reply::Yes);
                a.verdict = Some(Verdict { claim, reply, text });
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
            When::Minutes(_) | When::Phase(_) => None,
        }
    }
}

/// A yes/no question: its model (the claims for and against what it asks,
/// each with the article's conditions), the decision, and the verdict in
/// the article's voice ([`verdict`]).
fn verdict(g: &Graph, question: &str, r: &Reading, check: Check) -> Result<Answer, Diagnostic> {
    let t = r.template;
    let (x, y) = (r.x.unwrap_or(g.subject), r.y.unwrap_or(g.subject));
    if t.name == "order" {
        return order(g, question, r);
    }
    // The thing asked about, and the other end of its claim.
    let (thing, other) = match check {
        Check::Avoid => (y, (x != g.subject).then_some(x)),
        Check::Harm => (x, r.y.filter(|&h| h != g.subject)),
        _ => (x, Some(y)),
    };
    let setting =
        verdict::Setting { days: r.during_days(), minutes: r.minutes, phase: r.phase, named: r.named.clone() };
    let mut m = verdict::model(g, check, r.asks, thing, other, setting);
    verdict::measure(g, &mut m, r.measure);
    verdict::without(g, &mut m, &r.without);
    verdict::degree(g, &mut m, r.degree);
    let d = verdict::decide(g, &m);
    let (claim, reply, mut text) = verdict::word(g, &m, &d);
    let mut a = Answer::from_result(
        question,
        &r.query(g),
        vec![x, y],
        query::QueryResult { vars: Vec::new(), rows: Vec::new() },
    );
    a.template = Some(t.name);
    a.interpretation = r.meaning(g);
    // The claims behind the verdict first, then those shown beside it.
    let deciding = verdict::deciding(&d);
    for &i in &deciding {
        a.items.push(crate::answer::Item::supported_by(m.evidence[i].edges.clone()));
        // What a thing warned against can lead to.
        let e = m.evidence[i].claim(g);
        if g.relation(e) == Relation::AvoidWhile {
            let harms: Vec<EIx> = verdict::harms_of(g, g.ends(e).0).into_iter().map(|(h, _)| h).collect();
            if !harms.is_empty() && !a.items.iter().any(|it| it.support == harms) {
                a.items.push(crate::answer::Item::supported_by(harms));
            }
        }
    }
    // Beside them: the cautions, the claims that stay open, and what the
    // article gives for other days (not the warnings for other days).
    for (i, e) in m.evidence.iter().enumerate() {
        let fit = verdict::fit(g, &m, e);
        // (A caution for a setting the question is not in is left out.)
        let shown = e.weight == verdict::Weight::Caution && e.cond.context.is_none()
            || fit != verdict::Fit::Fails
            || e.side == verdict::Side::For;
        if !deciding.contains(&i) && shown && d != verdict::Decision::Nothing {
            a.items.push(crate::answer::Item::supported_by(e.edges.clone()));
        }
    }
    if d == verdict::Decision::Nothing {
        text = nothing_said(g, &mut a, r, check, thing, other);
    }
    a.verdict = Some(Verdict { claim, reply, text });
    if thing != g.subject && !g.node(thing).lay {
        a.about.push(thing);
    }
    Ok(a)
}

/// The article says nothing of the claim: say so, and show what it does say
/// of the things asked about (their risks and denials, what it warns
/// against while on them).
fn nothing_said(g: &Graph, a: &mut Answer, r: &Reading, check: Check, thing: Ix, other: Option<Ix>) -> String {
    let name = |ix: Ix| g.node(ix).name.to_string();
    let when = r.when.map_or_else(String::new, |w| format!(" {}", when_text(w)));
    let mut related = |n: Ix| {
        if n == g.subject {
            return;
        }
        let q =
            format!("select ?o where \"{}\" is_a*/(risks|!risks|!rich_in|!relieves|!treats|causes) ?o", g.node(n).id);
        if let Ok((_, res)) = query::run(g, &q) {
            for row in res.rows {
                if !a.items.iter().any(|i| i.support == row.support) {
                    a.items.push(crate::answer::Item::supported_by(row.support));
                }
            }
        }
    };
    related(thing);
    if let Some(o) = other {
        related(o);
    }
    match (check, other) {
        (Check::Avoid, Some(ctx)) => {
            for w in crate::answer::warnings_for(g, ctx) {
                if w.relation == Relation::AvoidWhile {
                    a.items.push(crate::answer::Item::supported_by(w.edges));
                }
            }
            format!(
                "The article gives no warning about {}{}{when}. That is not the same as saying it is safe.",
                name(thing),
                while_on(g, ctx)
            )
        }
        (Check::Avoid, None) => format!(
            "The article neither gives {} for {} nor warns against it{when}. That is not the same as saying it is safe.",
            name(thing),
            name(g.subject)
        ),
        (Check::Harm, Some(h)) => format!("The article does not say whether {} can lead to {}.", name(thing), name(h)),
        (Check::Harm, None) => format!("The article names no harm of {} and does not say it is safe.", name(thing)),
        (_, other) => format!(
            "The article does not say whether {} {} {}.",
            name(thing),
            check_words(check),
            other.map_or_else(String::new, name)
        ),
    }
}

/// The relation a check asks about, in words.
fn check_words(check: Check) -> &'static str {
    match check {
        Check::Helps => "treats or relieves",
        Check::Causes => "causes or leads to",
        Check::Prevents => "prevents",
        Check::Source => "is a source of",
        Check::Refers => "refers to",
        Check::Presents => "presents with",
        Check::Class => "is a kind of",
        Check::Best => "is the best kind of",
        Check::Avoid | Check::Harm => "",
    }
}

/// "warm compress before or after stretching": what the article puts
/// before and after the same thing.
fn order(g: &Graph, question: &str, r: &Reading) -> Result<Answer, Diagnostic> {
    let t = r.template;
    let (x, y) = (r.x.unwrap_or(g.subject), r.y.unwrap_or(g.subject));
    let q_of = |template: &str| {
        template.replace("{x}", &format!("\"{}\"", g.node(x).id)).replace("{y}", &format!("\"{}\"", g.node(y).id))
    };
    let run_q = |q: &str| run(g, t, &q_of(q)).map(|res| res.rows);
    let mut a = Answer::from_result(
        question,
        &r.query(g),
        vec![x, y],
        query::QueryResult { vars: Vec::new(), rows: Vec::new() },
    );
    a.template = Some(t.name);
    a.interpretation = r.meaning(g);
    let (xn, yn) = (g.node(x).name, g.node(y).name);
    let before = run_q("{x} before|^after {y}")?;
    let after = run_q("{x} after|^before {y}")?;
    let (claim, reply, text) = if !before.is_empty() {
        a.items.extend(before.into_iter().map(|row| crate::answer::Item::supported_by(row.support)));
        (Claim::Affirmed, Some(Reply::Yes), format!("Before: the article puts {xn} before {yn}."))
    } else if !after.is_empty() {
        a.items.extend(after.into_iter().map(|row| crate::answer::Item::supported_by(row.support)));
        (Claim::Affirmed, Some(Reply::No), format!("After: the article puts {xn} after {yn}."))
    } else {
        (Claim::Absent, None, format!("The article does not say whether {xn} comes before or after {yn}."))
    };
    for q in ["select ?z where ?z before|^after {y}", "select ?z where ?z after|^before {y}"] {
        for row in run_q(q)? {
            if !a.items.iter().any(|i| i.support == row.support) {
                a.items.push(crate::answer::Item::supported_by(row.support));
            }
        }
    }
    a.verdict = Some(Verdict { claim, reply, text });
    Ok(a)
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
    if let Some(choice) = choice(g, question, r) {
        parts.push(Outcome::Answer(choice));
    }
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

/// A choice between things to do ("ice or heat"): for each, whether the
/// article gives it then, or on what it turns, in one line.
fn choice(g: &Graph, question: &str, r: &Reading) -> Option<Answer> {
    let options: Vec<Ix> = [r.x, r.y].into_iter().flatten().chain(r.others.iter().copied()).collect();
    if options.len() < 2 || !options.iter().all(|&o| templates::DONE.contains(&g.node(o).kind)) {
        return None;
    }
    let mut a =
        Answer::from_result(question, "", options.clone(), query::QueryResult { vars: Vec::new(), rows: Vec::new() });
    a.template = Some("compare");
    let names: Vec<&str> = options.iter().map(|&o| g.node(o).name).collect();
    a.interpretation = format!("which to use: {}", names.join(" or "));
    // A way the article gives of doing both ("alternating heat and cold").
    let both: Vec<Ix> = g
        .nodes()
        .filter(|n| !options.contains(n) && templates::DONE.contains(&g.node(*n).kind) && !g.node(*n).lay)
        .filter(|&n| options.iter().all(|&o| verdict::names_its_context(g, n, o)))
        .collect();
    let mut said = Vec::new();
    for &o in options.iter().chain(&both) {
        let setting =
            verdict::Setting { days: r.during_days(), minutes: r.minutes, phase: r.phase, named: r.named.clone() };
        let m = verdict::model(g, Check::Avoid, Asks::Allowed, o, None, setting);
        let d = verdict::decide(g, &m);
        let Some(brief) = verdict::brief(g, &m, &d) else { continue };
        said.push(format!("{}: {brief}", capitalized(g.node(o).name)));
        for i in verdict::deciding(&d) {
            a.items.push(crate::answer::Item::supported_by(m.evidence[i].edges.clone()));
        }
    }
    if said.is_empty() {
        return None;
    }
    let when = r.when.map_or_else(String::new, |w| format!(" {}", when_text(w)));
    let text = format!("Which to use{when}, as the article gives them. {}.", said.join(". "));
    a.verdict = Some(Verdict { claim: Claim::Affirmed, reply: None, text });
    Some(a)
}

/// How a question was read, for `--explain` and the JSON `reading`.
#[derive(Clone, Debug, Default)]
pub struct ReadingInfo {
    /// Each part's intent and its meaning in words.
    pub intents: Vec<(&'static str, String)>,
    /// Each part's query, where it has one.
    pub queries: Vec<String>,
    pub mentions: Vec<MentionInfo>,
    /// Words taken as others, as typos: (typed, read as).
    pub substitutions: Vec<(String, String)>,
    /// Words read as another form the word table gives: (typed, read as).
    pub read_as: Vec<(String, String)>,
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
                if t.by_table {
                    info.read_as.push((t.word.clone(), c.clone()));
                } else {
                    info.substitutions.push((t.word.clone(), c.clone()));
                }
            }
            match s.role(i) {
                Role::Function | Role::Number => info.ignored.push(match t.class {
                    Some(c) => format!("{} ({})", t.word, c.name()),
                    None => t.word.clone(),
                }),
                Role::Leftover if !s.in_question(i) => info.story.push(t.word.clone()),
                Role::Leftover | Role::OutOfScope => info.not_covered.push(match t.class {
                    Some(c) => format!("{} ({})", t.word, c.name()),
                    None => t.word.clone(),
                }),
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
        for (from, to) in &self.read_as {
            out.push(format!("read as: \"{from}\" as \"{to}\" (word table)"));
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
