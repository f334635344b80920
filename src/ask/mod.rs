//! Questions in plain English → a template from [`templates::TEMPLATES`] →
//! a pattern query → answers. When no wording matches, keywords and the
//! longest name found in the question pick the template, and the question's
//! reading is reported, so a phrasing the table lacks still gets an answer.

mod pattern;
pub mod templates;

use crate::answer::Answer;
use crate::diag::Diagnostic;
use crate::graph::{Graph, Ix};
use crate::model::Kind;
use crate::query;
use crate::resolve::{Resolution, ResolveError, resolve};
use crate::text::{normalize, singular};
use templates::{Action, BARE, TEMPLATES, Template};

/// What a question was taken to mean.
#[derive(Clone, Debug)]
pub struct Reading {
    pub template: &'static Template,
    pub x: Option<Ix>,
    pub y: Option<Ix>,
    pub n: Option<u16>,
    /// Notes for stderr: names taken as near matches, a keyword reading.
    pub notes: Vec<String>,
    /// The kind named by a `{k}` slot ("home remedies").
    pub kind: Option<Kind>,
    /// How loosely the names were read: 0 exact or a typo, 1 a name found
    /// inside a longer phrase, 2 the phrase set aside for the article's
    /// subject. A looser reading is kept only if no later wording reads the
    /// question more closely.
    pub looseness: u8,
}

impl Reading {
    /// The template's query with the slots filled in (empty for show/path).
    pub fn query(&self, g: &Graph) -> String {
        let q = fill(self.template.query, g, self.x, self.y, self.n, |ix| g.node(ix).id.to_string());
        match self.kind {
            // "treatments" means every kind of treatment.
            Some(Kind::Treatment) => {
                q.replace("{k}", &Kind::TREATMENTS.iter().map(|k| k.as_str()).collect::<Vec<_>>().join("|"))
            }
            Some(k) => q.replace("{k}", k.as_str()),
            None => q,
        }
    }

    /// The question's meaning in words.
    pub fn meaning(&self, g: &Graph) -> String {
        let m = fill(self.template.meaning, g, self.x, self.y, self.n, |ix| g.node(ix).name.to_string());
        match self.kind {
            Some(k) => m.replace("{k}", k.label()),
            None => m,
        }
    }
}

fn fill(text: &str, _g: &Graph, x: Option<Ix>, y: Option<Ix>, n: Option<u16>, name: impl Fn(Ix) -> String) -> String {
    let mut s = text.to_string();
    if let Some(x) = x {
        s = s.replace("{x}", &name(x));
    }
    if let Some(y) = y {
        s = s.replace("{y}", &name(y));
    }
    if let Some(n) = n {
        s = s.replace("{n-1}", &n.saturating_sub(1).to_string()).replace("{n}", &n.to_string());
    }
    s
}

/// What answering a question produced.
#[derive(Debug)]
pub enum Outcome {
    Answer(Answer),
    Show(Ix),
    Path(Ix, Ix),
}

/// The node kind a phrase names: "home remedies", "body parts", "drugs".
pub fn kind_of(words: &[String]) -> Option<Kind> {
    let phrase = words.join(" ");
    let synonym = match phrase.as_str() {
        "drugs" | "drug" | "medicines" | "medicine" | "pills" => Some(Kind::Medication),
        "remedies" | "remedy" => Some(Kind::HomeRemedy),
        "doctors" | "doctor" | "specialists" => Some(Kind::Specialist),
        "warning signs" | "danger signs" => Some(Kind::RedFlag),
        "parts of the body" => Some(Kind::BodyPart),
        "foods and drinks" | "drinks" => Some(Kind::Food),
        "therapies" | "methods" | "treatment methods" => Some(Kind::Treatment),
        _ => None,
    };
    synonym.or_else(|| {
        let joined = words.iter().map(|w| singular(w)).collect::<Vec<_>>().join("_");
        Kind::parse(&joined)
    })
}

/// The longest question read, in words. Real questions are a dozen words or
/// so; matching a wording is quadratic in the words, so a pasted page is
/// refused rather than ground through.
pub const MAX_WORDS: usize = 40;

/// Lower case, punctuation dropped, contractions expanded, number words as
/// digits, weeks as days, politeness trimmed.
pub fn words(question: &str) -> Vec<String> {
    let lowered = question.to_lowercase().replace(['’', '‘'], "'");
    let mut text = String::with_capacity(lowered.len());
    for c in lowered.chars() {
        if c.is_alphanumeric() || c == '\'' || c == '-' {
            text.push(c);
        } else {
            text.push(' ');
        }
    }
    let mut out: Vec<String> = Vec::new();
    for raw in text.split_whitespace() {
        let raw = raw.trim_matches(|c| c == '\'' || c == '-');
        let expanded: &[&str] = match raw {
            "what's" | "whats" => &["what", "is"],
            "what're" => &["what", "are"],
            "where's" | "wheres" => &["where", "is"],
            "how's" => &["how", "is"],
            "it's" => &["it", "is"],
            "i'm" | "im" => &["i", "am"],
            "you're" | "youre" => &["you", "are"],
            "can't" | "cant" | "cannot" => &["can", "not"],
            "won't" | "wont" => &["will", "not"],
            _ => &[],
        };
        if !expanded.is_empty() {
            out.extend(expanded.iter().map(|s| s.to_string()));
        } else if let Some(stem) = raw.strip_suffix("n't").or_else(|| {
            ["dont", "doesnt", "didnt", "shouldnt", "mustnt", "isnt", "arent", "wouldnt", "couldnt"]
                .contains(&raw)
                .then(|| &raw[..raw.len() - 2])
        }) {
            out.push(stem.to_string());
            out.push("not".to_string());
        } else {
            let w = raw.strip_suffix("'s").unwrap_or(raw).replace('\'', "");
            if !w.is_empty() {
                out.push(number(&w).map_or(w, |n| n.to_string()));
            }
        }
    }
    // "2 weeks" → "14 days"; "a week" → "7 days"; "first day" → "first 1 days", "first week" → "first 7 days"
    let mut i = 0;
    while i < out.len() {
        let next_is = |w: &str| out.get(i + 1).is_some_and(|x| x == w);
        if (out[i] == "week" || out[i] == "weeks") && i > 0 {
            let k: Option<u32> = if out[i - 1] == "a" { Some(1) } else { out[i - 1].parse().ok() };
            if let Some(k) = k {
                out[i - 1] = (k * 7).to_string();
                out[i] = "days".into();
            }
        } else if out[i] == "first" && (next_is("day") || next_is("week")) {
            out.insert(i + 1, if next_is("day") { "1" } else { "7" }.into());
            out[i + 2] = "days".into();
        } else if out[i] == "day" && i > 0 && out[i - 1].parse::<u32>().is_ok() {
            out[i] = "days".into();
        }
        i += 1;
    }
    for phrase in [["right", "away"], ["straight", "away"], ["at", "first"], ["early", "on"]] {
        if let Some(p) = out.windows(2).position(|w| w == phrase) {
            out.splice(p..p + 2, ["in", "the", "first", "1", "days"].map(String::from));
        }
    }
    // Politeness and filler around the question.
    const LEAD: &[&[&str]] = &[
        &["please"],
        &["hey"],
        &["hi"],
        &["hello"],
        &["ok"],
        &["okay"],
        &["so"],
        &["kg"],
        &["quick", "question"],
        &["can", "you", "tell", "me"],
        &["could", "you", "tell", "me"],
        &["would", "you", "tell", "me"],
        &["i", "want", "to", "know"],
        &["i", "would", "like", "to", "know"],
        &["i", "d", "like", "to", "know"],
        &["do", "you", "know"],
        &["i", "wonder"],
        &["i", "was", "wondering"],
        &["according", "to", "the", "article"],
        &["in", "the", "article"],
    ];
    loop {
        let before = out.len();
        for lead in LEAD {
            if out.len() > lead.len() && out.iter().zip(lead.iter()).all(|(a, b)| a == b) {
                out.drain(..lead.len());
            }
        }
        for tail in [
            &["please"][..],
            &["thanks"],
            &["thank", "you"],
            &["according", "to", "the", "article"],
            &["in", "the", "article"],
        ] {
            if out.len() > tail.len() && out[out.len() - tail.len()..].iter().zip(tail.iter()).all(|(a, b)| a == b) {
                out.truncate(out.len() - tail.len());
            }
        }
        if out.len() == before {
            break;
        }
    }
    out
}

fn number(w: &str) -> Option<u32> {
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
    WORDS.iter().position(|&x| x == w).map(|i| i as u32)
}

/// Words that carry no name and no intent.
const STOP: &[&str] = &[
    "what", "which", "who", "how", "why", "when", "where", "is", "are", "was", "the", "a", "an", "i", "you", "my",
    "me", "do", "does", "can", "should", "to", "of", "for", "with", "in", "on", "and", "or", "it", "this", "that",
    "be", "have", "has", "if", "about", "there", "any", "some", "get", "from", "at", "by", "am", "not",
];

/// Finds the node a slot names: the whole phrase, else the longest run of
/// its words that names a node exactly, else a near match of the phrase.
fn resolve_phrase(g: &Graph, words: &[String]) -> Result<Resolution, ResolveError> {
    let text = words.join(" ");
    let whole = resolve(g, &text);
    // The whole phrase, exactly or misspelt ("muscle spsm"), beats a shorter
    // name inside it ("muscle").
    if matches!(whole, Ok(Resolution { exact: true, .. } | Resolution { typo: true, .. })) {
        return whole;
    }
    if let Some(found) = longest_name(g, words, words.len().saturating_sub(1)) {
        return Ok(Resolution { ix: found, exact: false, typo: false });
    }
    whole
}

/// The longest run of at most `max` words that names exactly one node.
fn longest_name(g: &Graph, words: &[String], max: usize) -> Option<Ix> {
    for len in (1..=max.min(words.len())).rev() {
        for w in words.windows(len) {
            if w.iter().all(|x| STOP.contains(&x.as_str())) {
                continue;
            }
            if let [ix] = g.by_name(&normalize(&w.join(" "))) {
                return Some(*ix);
            }
        }
    }
    None
}

/// Reads a question: the first template whose wording matches and whose
/// names resolve; else keywords plus the longest name in the question.
pub fn read(g: &Graph, question: &str) -> Result<Reading, Diagnostic> {
    let words = words(question);
    if words.is_empty() {
        return Err(Diagnostic::error("empty question").help("try `what treats muscle spasm` or `:help` in the REPL"));
    }
    if words.len() > MAX_WORDS {
        return Err(Diagnostic::error(format!(
            "the question is too long ({} words; at most {MAX_WORDS})",
            words.len()
        ))
        .help("ask one thing at a time, e.g. `what treats muscle spasm`"));
    }
    let mut first_error: Option<Diagnostic> = None;
    let mut loose: Option<Reading> = None;
    for t in TEMPLATES {
        for &wording in t.wordings {
            if !pattern::plausible(wording, &words) {
                continue;
            }
            let Some(binds) = pattern::matches(wording, &words) else { continue };
            match fill_slots(g, t, question, &words, &binds) {
                Ok(r) if r.looseness == 0 => return Ok(r),
                Ok(r) => {
                    if loose.as_ref().is_none_or(|l| r.looseness < l.looseness) {
                        loose = Some(r);
                    }
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
    }
    if let Some(r) = loose {
        return Ok(r);
    }
    if let Some(e) = first_error {
        return Err(e);
    }
    if let Some(r) = by_keywords(g, &words) {
        return Ok(r);
    }
    match pattern::matches(BARE.wordings[0], &words).map(|b| fill_slots(g, &BARE, question, &words, &b)) {
        Some(Ok(r)) => Ok(r),
        _ => Err(not_understood(question)),
    }
}

fn not_understood(question: &str) -> Diagnostic {
    let mut d = Diagnostic::error(format!("could not understand the question `{}`", question.trim()));
    for t in TEMPLATES.iter().take(12) {
        d = d.help(format!("try: {}", t.example));
    }
    d.note("`kg ask help` (or `:help` in the REPL) lists every kind of question; `kg query` takes a precise pattern")
}

fn fill_slots(
    g: &Graph,
    t: &'static Template,
    question: &str,
    words: &[String],
    binds: &pattern::Binds,
) -> Result<Reading, Diagnostic> {
    let mut r = Reading { template: t, x: None, y: None, n: None, notes: Vec::new(), kind: None, looseness: 0 };
    let mut partial = Vec::new();
    for &(slot, a, e) in binds {
        let span = &words[a..e];
        if slot == 'n' {
            r.n = Some(span[0].parse().map_err(|_| Diagnostic::error(format!("`{}` is not a day count", span[0])))?);
            continue;
        }
        if slot == 'k' {
            r.kind = Some(kind_of(span).ok_or_else(|| {
                Diagnostic::error(format!("`{}` is not a kind of thing the graph holds", span.join(" ")))
                    .help(format!("kinds: {}", Kind::names().collect::<Vec<_>>().join(", ")))
            })?);
            continue;
        }
        let found = resolve_phrase(g, span).map_err(|e| {
            let (message, helps) = e.describe(g);
            let d = helps.into_iter().fold(Diagnostic::error(message), |d, h| d.help(h));
            // Point at the name in the question as typed, when it is there as written.
            let phrase = span.join(" ");
            match question.to_ascii_lowercase().find(&phrase) {
                Some(at) if !phrase.is_empty() => d.at(0, at..at + phrase.len()),
                _ => d,
            }
        })?;
        if !found.exact {
            partial.push(found.ix);
            r.notes.push(format!("taking \"{}\" as \"{}\"", span.join(" "), g.node(found.ix).name));
            if !found.typo {
                r.looseness = r.looseness.max(1);
            }
        }
        if slot == 'x' {
            r.x = Some(found.ix);
        } else {
            r.y = Some(found.ix);
        }
    }
    if r.x.is_none() && t.default_x {
        r.x = Some(g.subject);
    }
    if let Some(x) = r.x
        && !t.x_kinds.is_empty()
        && !t.x_kinds.contains(&g.node(x).kind)
    {
        // A name found inside a longer phrase ("my back hurts") that does not
        // fit: the question is about the article's subject.
        // A place where the subject is felt ("what helps my back") stands for
        // the subject there.
        let felt_there = g.node(x).kind == crate::model::Kind::BodyPart
            && g.step(g.subject, crate::model::Relation::LocatedIn, petgraph::Direction::Outgoing).any(|(_, b)| b == x);
        if t.default_x && (partial.contains(&x) || felt_there) {
            r.x = Some(g.subject);
            r.notes.retain(|n| !n.starts_with("taking"));
            r.notes.push(format!("reading the question as: {}", r.meaning(g)));
            r.looseness = 2;
            return Ok(r);
        }
        let kinds: Vec<&str> = t.x_kinds.iter().map(|k| k.label()).collect();
        return Err(Diagnostic::error(format!(
            "`{}` is a {}, but this question is about a {}",
            g.node(x).name,
            g.node(x).kind.label(),
            kinds.join(" or ")
        )));
    }
    if r.x.is_none() && t.query.contains("{x}") || (t.action == Action::Show && r.x.is_none()) {
        return Err(Diagnostic::error("the question names nothing in the graph"));
    }
    Ok(r)
}

/// No wording matched: count each template's keywords in the question and
/// take the best one if the question also names a node (or needs none).
fn by_keywords(g: &Graph, words: &[String]) -> Option<Reading> {
    let stems: Vec<String> = words.iter().map(|w| singular(w)).collect();
    let entity = longest_name(g, words, words.len());
    let mut best: Option<(usize, &'static Template)> = None;
    for t in TEMPLATES {
        if t.keywords.is_empty() || (entity.is_none() && !t.default_x) {
            continue;
        }
        let hits =
            t.keywords.iter().filter(|k| stems.iter().any(|s| s == *k || s.starts_with(*k) && k.len() >= 5)).count();
        if hits > 0 && best.is_none_or(|(b, _)| hits > b) {
            best = Some((hits, t));
        }
    }
    let (_, t) = best?;
    let mut r = Reading { template: t, x: entity, y: None, n: None, notes: Vec::new(), kind: None, looseness: 2 };
    if r.x.is_none() {
        r.x = Some(g.subject);
    }
    if !t.x_kinds.is_empty() && r.x.is_some_and(|x| !t.x_kinds.contains(&g.node(x).kind)) {
        if !t.default_x {
            return None;
        }
        r.x = Some(g.subject);
    }
    r.notes.push(format!("reading the question as: {}", r.meaning(g)));
    Some(r)
}

/// Answers a question. Notes for stderr are returned beside the outcome.
pub fn ask(g: &Graph, question: &str) -> Result<(Outcome, Reading), Diagnostic> {
    let reading = read(g, question)?;
    let t = reading.template;
    let outcome = match t.action {
        Action::Show => Outcome::Show(reading.x.unwrap_or(g.subject)),
        Action::Path => match (reading.x, reading.y) {
            (Some(x), Some(y)) => Outcome::Path(x, y),
            _ => return Err(Diagnostic::error("this question needs two things to connect")),
        },
        Action::Query | Action::Check { .. } => {
            let q = reading.query(g);
            let (compiled, result) = query::run(g, &q)
                .map_err(|d| Diagnostic::error(format!("internal error in template `{}`: {}", t.name, d.message)))?;
            let mut a = Answer::from_result(question, &q, compiled.named, result);
            a.template = Some(t.name);
            a.interpretation = reading.meaning(g);
            if let Action::Check { yes, no } = t.action {
                let name = |ix: Option<Ix>| ix.map(|ix| g.node(ix).name);
                let f = |s: &str| {
                    let s = name(reading.x).map_or(s.to_string(), |x| s.replace("{x}", x));
                    name(reading.y).map_or(s.clone(), |y| s.replace("{y}", y))
                };
                a.verdict = Some((f(yes), f(no)));
            }
            if t.warnings {
                a.add_warnings(g);
            }
            Outcome::Answer(a)
        }
    };
    Ok((outcome, reading))
}
