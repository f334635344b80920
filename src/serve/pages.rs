//! The pages of `kg serve`, as HTML: one function per page, each taking
//! what the CLI's own code produced (a [`Report`], a node, a section) and
//! writing it with maud, which escapes every string spliced in unless told
//! otherwise. Nothing here is told otherwise but the SVG that Graphviz
//! wrote (Graphviz escapes the graph's strings in it; the page's
//! Content-Security-Policy runs no script that is not ours in any case).
//!
//! Every name is a link to its node, every citation to its paragraph, so
//! one can click from a treatment to its warnings to the article's words.

use std::collections::BTreeMap;

use maud::{DOCTYPE, Markup, PreEscaped, html};
use petgraph::Direction;

use super::http::encode;
use crate::answer::{Answer, Claim, Item, Reply, Warning};
use crate::ask::{NotCovered, ReadingInfo};
use crate::graph::{EIx, Graph, Ix};
use crate::model::{Kind, Relation, Source};
use crate::render::text::qualifiers;
use crate::report::Report;

/// What every page shares: the title, the ask box (holding `q`), where the
/// JSON twin is, and what graph is served.
pub struct Frame<'a> {
    pub title: &'a str,
    pub q: &'a str,
    pub json: Option<String>,
    /// What is served: "the bundled graph", or the paths.
    pub graph: &'a str,
    /// The article's title.
    pub article: &'a str,
}

/// A whole page around `body`.
pub fn page(f: &Frame, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light";
                title { (f.title) " — kg" }
                link rel="stylesheet" href="/assets/kg.css";
                link rel="icon" href="/assets/icon.svg" type="image/svg+xml";
                script src="/assets/kg.js" defer {}
            }
            body {
                a class="skip" href="#main" { "Skip to the content" }
                header class="top" {
                    div class="bar" {
                        a class="brand" href="/" { "kg" }
                        span class="tagline" { (f.article) }
                        nav aria-label="Site" {
                            a href="/#sections" { "Sections" }
                            a href="/graph" { "Diagram" }
                        }
                    }
                    form class="ask" role="search" action="/" method="get" {
                        label for="q" { "Ask a question about the article" }
                        div class="row" {
                            div class="field" {
                                input id="q" name="q" type="search" value=(f.q) autocomplete="off" spellcheck="false"
                                    maxlength="2000" aria-describedby="q-hint" placeholder="what treats muscle spasm";
                            }
                            button type="submit" { "Ask" }
                        }
                        p id="q-hint" class="hint" {
                            "In plain English, as you would ask a person. "
                            span class="key-hint" hidden {
                                "Names complete as you type"
                                span class="keys" { "; press " kbd { "/" } " to come back here" }
                                "."
                            }
                        }
                    }
                }
                main id="main" tabindex="-1" { (body) }
                footer {
                    p { strong { "Not medical advice." } " kg reports what one article claims, including what it hedges; ask a doctor about your own health." }
                    p class="small" {
                        @if let Some(json) = &f.json { a href=(json) { "This page as JSON" } " · " }
                        "Served by kg " (env!("CARGO_PKG_VERSION")) " from " (f.graph) "."
                    }
                }
            }
        }
    }
    .into_string()
}

/// A link to a node's page, with "not named in the article" for a lay word.
fn node(g: &Graph, ix: Ix) -> Markup {
    let n = g.node(ix);
    html! {
        a class="node" href={ "/node/" (encode(n.id)) } { (n.name) }
        @if n.lay { " " span class="lay" { "(not named in the article)" } }
    }
}

fn kind(k: Kind) -> Markup {
    html! { span class={ "kind k-" (k.as_str()) } { (k.label()) } }
}

/// The citations of some edges, grouped by section in the order first
/// cited, each paragraph a link to what the graph holds from it.
fn cites(g: &Graph, edges: &[EIx]) -> Markup {
    let mut by_section: Vec<(u16, Vec<u16>)> = Vec::new();
    let all = edges.iter().flat_map(|&e| g.edge(e).sources.iter().copied());
    for Source { section, paragraph } in all {
        let at = match by_section.iter().position(|(s, _)| *s == section) {
            Some(i) => i,
            None => {
                by_section.push((section, Vec::new()));
                by_section.len() - 1
            }
        };
        if !by_section[at].1.contains(&paragraph) {
            by_section[at].1.push(paragraph);
        }
    }
    if by_section.is_empty() {
        return html! { span class="cite" { "no citation: a lay word, not in the article" } };
    }
    for (_, paragraphs) in &mut by_section {
        paragraphs.sort_unstable();
    }
    html! {
        span class="cite" {
            @for (i, (section, paragraphs)) in by_section.iter().enumerate() {
                @let s = g.section(Source { section: *section, paragraph: 0 });
                @if i > 0 { "; " }
                (s.title)
                @for (j, p) in paragraphs.iter().enumerate() {
                    @if j > 0 { "," }
                    " " a href={ "/section/" (encode(&s.id)) "#p" (p) } aria-label={ (s.title) ", paragraph " (p) } { "¶" (p) }
                }
            }
        }
    }
}

/// One claim as a sentence, its two ends linked: "ice pack relieves back
/// muscle spasm"; a denied claim reads "does not".
fn claim(g: &Graph, e: EIx) -> Markup {
    let (a, b) = g.ends(e);
    let edge = g.edge(e);
    let phrase = if edge.negated { edge.relation.negated_phrase() } else { edge.relation.phrase().to_string() };
    html! { (node(g, a)) " " span class="rel" { (phrase) } " " (node(g, b)) }
}

/// A claim with its citations and its timing, certainty and note.
fn claim_line(g: &Graph, e: EIx) -> Markup {
    html! {
        li {
            (claim(g, e)) " " (cites(g, &[e]))
            (quals(&qualifiers(g, e)))
        }
    }
}

fn quals(q: &[String]) -> Markup {
    html! {
        @if !q.is_empty() {
            ul class="quals" { @for line in q { li { (line) } } }
        }
    }
}

/// "avoid drinking alcohol (said of medication), which risks ...: note [cites]"
fn warning(g: &Graph, w: &Warning) -> Markup {
    let note = w.edges.iter().filter(|&&e| g.relation(e) != Relation::IsA).find_map(|&e| g.edge(e).note);
    html! {
        li class="warning" {
            span class="warn-mark" aria-hidden="true" { "⚠ " }
            strong { @if w.relation == Relation::AvoidWhile { "Avoid " } @else { "Risks " } }
            (node(g, w.node))
            @if let Some(c) = w.via { " (said of " (node(g, c)) ")" }
            @if !w.harms.is_empty() {
                ", which risks "
                @for (i, &h) in w.harms.iter().enumerate() { @if i > 0 { ", " } (node(g, h)) }
            }
            @if let Some(n) = note { ": " (n) }
            " " (cites(g, &w.edges))
        }
    }
}

/// The home page: the ask box is in the header; here, examples and the
/// article's sections.
pub fn home(g: &Graph, examples: &[&str]) -> Markup {
    let (cited, total) = crate::render::text::paragraph_coverage(g);
    html! {
        h1 { (g.article.title) }
        p class="lead" {
            "Ask this article a question in plain English. Every answer names the section and paragraph it comes from, "
            "says when the article hedges, and says so when the article does not cover what you asked."
        }
        section aria-labelledby="try" {
            h2 id="try" { "Questions to try" }
            ul class="examples" {
                @for q in examples { li { a href={ "/?q=" (encode(q)) } { (q) } } }
            }
        }
        section aria-labelledby="sections" {
            h2 id="sections" { "The article's sections" }
            p class="small" {
                (g.node_count()) " things and " (g.edge_count()) " cited claims; "
                (cited) " of the article's " (total) " paragraphs are cited."
            }
            ol class="sections" {
                @for s in &g.article.sections {
                    li {
                        a href={ "/section/" (encode(&s.id)) } { (s.title) }
                        " " span class="small" { (s.paragraphs) " paragraph" @if s.paragraphs != 1 { "s" } }
                    }
                }
            }
        }
        p { a href="/graph" { "Draw the whole graph" } " · " a href={ "/node/" (encode(g.id(g.subject))) } { "Everything about " (g.name(g.subject)) } }
    }
}

/// The answer page's body: the notes said about the question, the answer,
/// and how the question was read.
pub fn answer_page(g: &Graph, question: &str, notes: &[String], report: &Report) -> Markup {
    html! {
        h1 class="question" { (question) }
        @if !notes.is_empty() {
            ul class="notes" aria-label="Notes" { @for n in notes { li { (n) } } }
        }
        (self::report(g, report))
    }
}

/// An error on a question or a name: the CLI's own message, carets and all.
pub fn trouble(heading: &str, message: &str) -> Markup {
    html! {
        h1 { (heading) }
        pre class="diag" { (message) }
    }
}

/// A report, as the text renderer lays it out, with links.
pub fn report(g: &Graph, report: &Report) -> Markup {
    match report {
        Report::Question { reading, report } => html! {
            (self::report(g, report))
            (reading_details(g, reading))
        },
        Report::Answer(a) => answer(g, a),
        Report::Show { node } => show(g, *node, 2),
        Report::Undescribed { node: ix } => {
            let n = g.node(*ix);
            html! {
                p class="verdict none" {
                    @if n.lay {
                        "The article does not name " (n.name) ". How it reaches what the article does name:"
                    } @else {
                        "The article does not say what " (n.name) " is; it only names it. What it says about it:"
                    }
                }
                (show(g, *ix, 2))
            }
        }
        Report::Paths { from, to, paths } => connections(g, *from, *to, paths, false),
        Report::Chains { from, to, paths } => connections(g, *from, *to, paths, true),
        Report::NotCovered(nc) => not_covered(nc),
        Report::Several(parts) => html! {
            @for p in parts { section class="part" { (self::report(g, p)) } }
        },
        // Reports of other commands never come from a question.
        _ => html! {},
    }
}

fn not_covered(nc: &NotCovered) -> Markup {
    html! {
        p class="verdict none" {
            "The article does not cover this: it says nothing about "
            @for (i, w) in nc.words.iter().enumerate() { @if i > 0 { ", " } "“" (w) "”" }
            "."
        }
        @if let Some((meaning, question)) = &nc.nearest {
            p { "Nearest it does cover: " (meaning) ". Try " a href={ "/?q=" (encode(question)) } { (question) } "." }
        }
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn answer(g: &Graph, a: &Answer) -> Markup {
    let verdict = a.verdict.as_ref().map(|v| {
        let (class, word) = match v.reply {
            Some(Reply::Yes) => ("yes", "Yes"),
            Some(Reply::No) => ("no", "No"),
            Some(Reply::Depends) => ("depends", "It depends"),
            None => ("none", "Not said"),
        };
        // "No: the article says ..." under a big "No" says it twice.
        let text = match v.text.strip_prefix(word).and_then(|t| t.strip_prefix(':')) {
            Some(rest) => capitalized(rest.trim_start()),
            None => v.text.clone(),
        };
        html! { p class={ "verdict " (class) } { strong class="word" { (word) } " " (text) } }
    });
    if let Some(v) = &a.verdict
        && a.vars.is_empty()
    {
        // A yes/no question about claims: the verdict and the claims it rests on.
        let mut said: Vec<EIx> = Vec::new();
        for &e in a.items.iter().flat_map(|i| &i.support) {
            if !said.contains(&e) {
                said.push(e);
            }
        }
        return html! {
            @if let Some(v) = &verdict { (v) }
            @if !said.is_empty() {
                h2 { @if v.claim == Claim::Absent { "What the article does say" } @else { "The claims behind it" } }
                ul class="claims" { @for &e in &said { (claim_line(g, e)) } }
            }
            (about(g, &a.about))
        };
    }
    if a.items.is_empty() {
        return html! {
            @if let Some(v) = verdict { (v) }
            @else if a.template.is_some() { p class="verdict none" { "No answer: the article says nothing about " (a.interpretation) "." } }
            @else { p class="verdict none" { "No answer: nothing in the graph matches " code { (a.query) } "." } }
        };
    }
    let n = a.items.len();
    html! {
        @if let Some(v) = verdict { (v) }
        h2 { (capitalized(&a.interpretation)) " " span class="count" { "(" (n) " answer" @if n != 1 { "s" } ")" } }
        (about(g, &a.about))
        @if a.vars.len() == 1 { (groups(g, a)) } @else { (table(g, a)) }
    }
}

/// Answers grouped by their relation, a denied one apart, in the order
/// the text output gives them.
fn groups(g: &Graph, a: &Answer) -> Markup {
    let mut groups: BTreeMap<(Option<Relation>, bool), Vec<&Item>> = BTreeMap::new();
    for item in &a.items {
        groups.entry((item.relation(g), item.denied(g))).or_default().push(item);
    }
    html! {
        @for ((rel, denied), items) in &groups {
            section class="group" {
                h3 {
                    @if *denied { "not " }
                    (rel.map_or_else(|| "answers".to_string(), |r| r.label()))
                    @if *denied { " (the article says it does not)" }
                    @if let Some(r) = rel { " " span class="says" { "— " (r.describe()) } }
                }
                ul class="items" { @for item in items { (answer_item(g, a, item)) } }
            }
        }
    }
}

fn answer_item(g: &Graph, a: &Answer, item: &Item) -> Markup {
    let Some(&ix) = item.values.first() else { return html! {} };
    let mut said: Vec<String> = Vec::new();
    for &e in &item.support {
        for q in qualifiers(g, e) {
            if !said.contains(&q) {
                said.push(q);
            }
        }
    }
    let chain = !item.via(g, &a.focus).is_empty() && item.support.len() > 1;
    html! {
        li class="item" {
            div class="line" { (node(g, ix)) " " (kind(g.kind(ix))) }
            div {
                @if item.support.is_empty() { (g.node(ix).summary) } @else { (cites(g, &item.support)) }
            }
            (quals(&said))
            @if chain {
                p class="path" {
                    "path: "
                    @for (i, &e) in item.support.iter().enumerate() { @if i > 0 { "; " } (claim(g, e)) }
                }
            }
            @if !item.warnings.is_empty() {
                ul class="warnings" aria-label="Warnings" { @for w in &item.warnings { (warning(g, w)) } }
            }
        }
    }
}

/// A query of several variables: a table, a column each.
fn table(g: &Graph, a: &Answer) -> Markup {
    html! {
        div class="scroll" {
            table {
                thead {
                    tr {
                        @for v in &a.vars { th scope="col" { (v.trim_start_matches('?').replace('_', " ")) } }
                        th scope="col" { "cited in" }
                    }
                }
                tbody {
                    @for item in &a.items {
                        tr {
                            @if item.values.is_empty() { td { "yes" } }
                            @for &ix in &item.values { td { (node(g, ix)) } }
                            td { (cites(g, &item.support)) }
                        }
                    }
                }
            }
        }
    }
}

fn about(g: &Graph, about: &[Ix]) -> Markup {
    html! {
        @for &ix in about {
            p class="about" { "About " (node(g, ix)) ": " (g.node(ix).summary) }
        }
    }
}

fn connections(g: &Graph, from: Ix, to: Ix, paths: &[Vec<EIx>], chains: bool) -> Markup {
    let Some(first) = paths.first() else {
        return html! {
            p class="verdict none" { "No connection: the article links nothing from " (node(g, from)) " to " (node(g, to)) "." }
        };
    };
    let steps = first.len();
    let mut seen = vec![from, to];
    let mut between = Vec::new();
    for &e in paths.iter().flatten() {
        let (a, b) = g.ends(e);
        for n in [a, b] {
            if !seen.contains(&n) {
                seen.push(n);
                between.push(n);
            }
        }
    }
    html! {
        h2 {
            "How " (node(g, from)) " connects to " (node(g, to)) ": "
            (paths.len()) " shortest chain" @if paths.len() != 1 { "s" }
            " of " (steps) " step" @if steps != 1 { "s" }
        }
        ol class="chains" {
            @for p in paths { li { ol class="claims" { @for &e in p { (claim_line(g, e)) } } } }
        }
        @if chains { (about(g, &between)) }
    }
}

/// How the question was read, folded away until asked for.
fn reading_details(g: &Graph, r: &ReadingInfo) -> Markup {
    let row = |label: &str, items: Vec<Markup>| {
        html! {
            @if !items.is_empty() {
                dt { (label) }
                @for i in items { dd { (i) } }
            }
        }
    };
    let texts = |v: &[String]| -> Vec<Markup> { v.iter().map(|t| html! { (t) }).collect() };
    html! {
        details class="reading" {
            summary { "How kg read the question" }
            dl {
                (row("Intent", r.intents.iter().map(|(name, meaning)| html! { code { (name) } " — " (meaning) }).collect()))
                (row("Query", r.queries.iter().map(|q| html! { code { (q) } }).collect()))
                (row("Names", r.mentions.iter().map(|m| {
                    let linked = g.by_id(&m.id);
                    html! {
                        "“" (m.text) "” is "
                        @if let Some(ix) = linked { (node(g, ix)) } @else { (m.name) }
                        " (by " (m.how) ")"
                    }
                }).collect()))
                (row("Typos", r.substitutions.iter().map(|(typed, read)| html! { "“" (typed) "” read as “" (read) "”" }).collect()))
                (row("Cues", r.cues.iter().map(|(w, c)| html! { "“" (w) "”: " (c) }).collect()))
                (row("Times", r.times.iter().map(|(w, t)| html! { "“" (w) "”: " (t) }).collect()))
                (row("Ignored", texts(&r.ignored)))
                (row("Story (context only)", texts(&r.story)))
                (row("Not covered", texts(&r.not_covered)))
            }
        }
    }
}

/// A node: kind, aliases, summary, warnings, and every claim grouped by
/// relation with a link to the other end. `level` is the heading level of
/// its name (1 on its own page).
pub fn show(g: &Graph, ix: Ix, level: u8) -> Markup {
    let n = g.node(ix);
    let mut rows: Vec<(String, Ix, EIx)> = Vec::new();
    for dir in [Direction::Outgoing, Direction::Incoming] {
        let mut list: Vec<(EIx, Ix)> = g.edges_at(ix, dir).collect();
        list.sort_by_key(|&(e, other)| (g.relation(e), g.name(other)));
        for (e, other) in list {
            let rel = g.edge(e).relation;
            let label = if dir == Direction::Outgoing { rel.label() } else { rel.inverse_label().to_string() };
            rows.push((if g.edge(e).negated { format!("not {label}") } else { label }, other, e));
        }
    }
    let mut grouped: Vec<(&str, Vec<(Ix, EIx)>)> = Vec::new();
    for (label, other, e) in &rows {
        match grouped.last_mut() {
            Some((l, v)) if *l == label.as_str() => v.push((*other, *e)),
            _ => grouped.push((label, vec![(*other, *e)])),
        }
    }
    let warnings = if Kind::TREATMENTS.contains(&n.kind) { crate::answer::warnings_for(g, ix) } else { Vec::new() };
    let name = html! { (n.name) };
    html! {
        div class="card" {
            @if level == 1 { h1 { (name) } } @else { h2 { (node(g, ix)) } }
            p class="meta" {
                (kind(n.kind)) " · id " code { (n.id) }
                @if n.lay { " · " strong { "a lay word, not named in the article" } }
            }
            @if !n.aliases.is_empty() {
                p class="aliases" { "Also called: " (n.aliases.join(", ")) }
            }
            p class="summary" { (n.summary) }
            @if !warnings.is_empty() {
                h3 { "Warnings" }
                ul class="warnings" { @for w in &warnings { (warning(g, w)) } }
            }
            @if grouped.is_empty() {
                p { "The graph holds no claim about it." }
            } @else {
                h3 { "What the article says" }
                @for (label, list) in &grouped {
                    section class="group" {
                        h4 { (label) }
                        ul class="items" {
                            @for &(other, e) in list {
                                li class="item" {
                                    div class="line" { (node(g, other)) " " (kind(g.kind(other))) }
                                    div { (cites(g, &[e])) }
                                    (quals(&qualifiers(g, e)))
                                }
                            }
                        }
                    }
                }
            }
            p class="links" {
                a href={ "/graph?focus=" (encode(n.id)) } { "Diagram of what is around it" }
                " · " a href={ "/?q=" (encode(&format!("tell me about {}", n.name))) } { "Ask about it" }
            }
        }
    }
}

/// What the graph holds from each paragraph of a section.
pub fn section(g: &Graph, at: usize) -> Markup {
    let sections = &g.article.sections;
    let s = &sections[at];
    let mut by_paragraph: Vec<Vec<EIx>> = vec![Vec::new(); usize::from(s.paragraphs)];
    for e in g.edges() {
        for src in g.edge(e).sources {
            if usize::from(src.section) == at
                && let Some(list) = by_paragraph.get_mut(usize::from(src.paragraph).wrapping_sub(1))
                && !list.contains(&e)
            {
                list.push(e);
            }
        }
    }
    html! {
        h1 { (s.title) }
        p class="meta" {
            "Section " (at + 1) " of " (sections.len()) " of “" (g.article.title) "”; "
            (s.paragraphs) " paragraph" @if s.paragraphs != 1 { "s" } "."
        }
        nav class="pager" aria-label="Sections" {
            @if at > 0 { a rel="prev" href={ "/section/" (encode(&sections[at - 1].id)) } { "← " (sections[at - 1].title) } }
            @if at + 1 < sections.len() { a rel="next" href={ "/section/" (encode(&sections[at + 1].id)) } { (sections[at + 1].title) " →" } }
        }
        @for (i, edges) in by_paragraph.iter().enumerate() {
            section class="paragraph" aria-labelledby={ "p" (i + 1) } {
                h2 id={ "p" (i + 1) } { "Paragraph " (i + 1) }
                @if edges.is_empty() {
                    p class="small" { "Nothing in the graph cites this paragraph." }
                } @else {
                    ul class="claims" {
                        @for &e in edges {
                            li { (claim(g, e)) (quals(&qualifiers(g, e))) }
                        }
                    }
                }
            }
        }
    }
}

/// The diagram page: the form, the SVG (or why there is none), a legend of
/// what is drawn, and every node drawn as a link.
pub struct Diagram<'a> {
    pub focus: &'a str,
    pub depth: usize,
    pub nodes: &'a [Ix],
    pub edges: &'a [EIx],
    pub cut: bool,
    /// The `<svg>` element, or a message saying why there is none.
    pub svg: Result<String, String>,
}

pub const MAX_DEPTH: usize = 3;

pub fn diagram(g: &Graph, d: &Diagram) -> Markup {
    let mut kinds: Vec<Kind> = d.nodes.iter().map(|&n| g.kind(n)).collect();
    kinds.sort();
    kinds.dedup();
    let mut rels: Vec<Relation> = d.edges.iter().map(|&e| g.relation(e)).collect();
    rels.sort();
    rels.dedup();
    let mut nodes = d.nodes.to_vec();
    nodes.sort_by_key(|&n| g.name(n).to_lowercase());
    html! {
        h1 { "Diagram" @if !d.focus.is_empty() { " around " (d.focus) } }
        form class="draw" action="/graph" method="get" {
            div {
                label for="focus" { "Around" }
                div class="field" {
                    input id="focus" name="focus" type="search" value=(d.focus) autocomplete="off" spellcheck="false"
                        placeholder="the whole graph" data-complete="names";
                }
            }
            div {
                label for="depth" { "Steps out" }
                select id="depth" name="depth" {
                    @for n in 0..=MAX_DEPTH { option value=(n) selected[n == d.depth] { (n) } }
                }
            }
            button type="submit" { "Draw" }
        }
        @if d.cut { p class="notes" { "Showing the " (d.nodes.len()) " nodes nearest the focus (or the most connected): choose a node to see the rest." } }
        @match &d.svg {
            Ok(svg) => {
                figure class="diagram" {
                    div class="scroll" { (PreEscaped(svg)) }
                    figcaption {
                        "Click a node for its page; hover over one for its summary, over a line for its citations. "
                        a href={ "/graph.svg?focus=" (encode(d.focus)) "&depth=" (d.depth) } { "The picture alone" }
                        " (to zoom or save)."
                    }
                }
            }
            Err(why) => { p class="verdict none" { (why) } }
        }
        @if !kinds.is_empty() {
            h2 { "Legend" }
            ul class="legend" {
                @for &k in &kinds { li { (kind(k)) } }
                @for &r in &rels { li { span class={ "stroke r-" (r.as_str()) } aria-hidden="true" {} " " (r.label()) } }
            }
        }
        h2 { "In this view" }
        @if nodes.is_empty() { p { "Nothing to draw." } }
        ul class="columns" { @for &n in &nodes { li { (node(g, n)) " " (kind(g.kind(n))) } } }
    }
}

/// A page for a path that is not one.
pub fn not_found(g: &Graph, what: &str, near: &[Ix]) -> Markup {
    html! {
        h1 { "Not found" }
        p { (what) }
        @if !near.is_empty() {
            p { "Nearest names:" }
            ul { @for &ix in near { li { (node(g, ix)) } } }
        }
        p { a href="/" { "Back to the start" } }
    }
}

/// The stylesheet's colours for kinds and relations, from the diagram's own
/// styles, so page and diagram agree.
pub fn kind_css() -> String {
    use std::fmt::Write as _;
    let mut css = String::new();
    for &k in Kind::ALL {
        let (_, line, fill) = crate::dot::kind_style(k);
        let _ = writeln!(css, ".k-{}{{background:{fill};border-color:{line}}}", k.as_str());
    }
    for &r in Relation::ALL {
        let (style, color, _) = crate::dot::relation_style(r);
        let style = if style == "bold" { "solid" } else { style };
        let _ = writeln!(css, ".r-{}{{border-top:3px {style} {color}}}", r.as_str());
    }
    css
}
