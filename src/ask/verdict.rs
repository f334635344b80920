//! Yes/no verdicts from a small model. A question is weighed against the
//! claims the article makes for and against what it asks ([`Evidence`]),
//! each with the conditions the article puts on it ([`Cond`]: days, the
//! length of a session, a stage of the spasm, the cases a treatment is kept
//! for, the context of a warning, a wrong way of doing it, the member of a
//! class it is said of). [`decide`] sets those conditions against what the
//! question says ([`Setting`]); [`word`] says the outcome in the article's
//! voice: a claim about a class is never put as a claim about a member the
//! article does not name.
//!
//! The claims checked, by [`Check`]:
//! - `Avoid` (can I, should I, is it ok/safe/a good idea to): whether doing
//!   a thing (while on another) is fine. For: the article gives it; it
//!   denies a harm of it. Against: a warning against it (in a context, on
//!   some days, at some stage), a harm it risks.
//! - `Harm` (is it safe, is it dangerous, can it hurt me): whether it can do
//!   harm. For: a harm it or a class of it risks, a harm of a wrong way of
//!   doing it, a warning against something while on it. Against: a harm the
//!   article says it does not do, few side effects.
//! - `Helps` (does it help, is it good for): whether it treats or relieves.
//! - `Causes`, `Prevents`, `Source`, `Refers`, `Presents`, `Class`: the
//!   relation the check names, and its denial.

use petgraph::Direction::{Incoming, Outgoing};

use super::read::Asks;
use super::templates::Check;
use super::templates::STATES;
use crate::answer::{Claim, Reply};
use crate::graph::{EIx, Graph, Ix};
use crate::model::{Certainty, Degree, Kind, Phase, Relation};

/// What the question says of the conditions a claim may come with.
#[derive(Clone, Debug, Default)]
pub struct Setting {
    /// The days asked about, `[from, to)` since the spasm began.
    pub days: Option<(u16, Option<u16>)>,
    /// The length of one session asked about, in minutes.
    pub minutes: Option<f32>,
    /// A stage of the spasm asked about.
    pub phase: Option<Phase>,
    /// Everything the question and its story name.
    pub named: Vec<Ix>,
}

/// Which way a claim points, for the claim the check names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    For,
    Against,
}

/// Whether a claim can decide the verdict or is only shown beside it (how
/// to do it; what to avoid while on it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    Decides,
    Caution,
}

/// The conditions the article puts on a claim.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cond {
    /// Only on these days.
    pub days: Option<(u16, Option<u16>)>,
    /// For sessions up to about this long.
    pub minutes: Option<f32>,
    /// Only for sessions longer than this.
    pub over_minutes: Option<f32>,
    /// Only at this stage of the spasm.
    pub phase: Option<Phase>,
    /// Only in these cases.
    pub cases: Vec<Ix>,
    /// Only when done this (wrong) way.
    pub misuse: Option<Ix>,
    /// Only while on, or during, this.
    pub context: Option<Ix>,
    /// Said of this member of the class asked about.
    pub member: Option<Ix>,
    /// Only together with this (alcohol with a drug).
    pub with: Option<Ix>,
}

/// One claim of the article, as it bears on the question.
#[derive(Clone, Debug)]
pub struct Evidence {
    pub side: Side,
    pub weight: Weight,
    /// The claim's support: the `is_a` steps from the thing asked, then the claim.
    pub edges: Vec<EIx>,
    pub cond: Cond,
    /// The class the claim is about, when it is not the thing asked.
    pub class: Option<Ix>,
}

impl Evidence {
    /// The claim itself: the first step past the `is_a` ones that reach the
    /// class it is said of (a chain's first link).
    pub fn claim(&self, g: &Graph) -> EIx {
        self.edges
            .iter()
            .copied()
            .find(|&e| g.relation(e) != Relation::IsA)
            .or_else(|| self.edges.last().copied())
            .expect("evidence rests on an edge")
    }

    /// The claims past the `is_a` steps, in order: one claim, or a chain.
    fn steps<'a>(&'a self, g: &'a Graph) -> impl Iterator<Item = EIx> + 'a {
        let lead = self.edges.iter().take_while(|&&e| g.relation(e) == Relation::IsA).count();
        let lead = if lead == self.edges.len() { lead.saturating_sub(1) } else { lead };
        self.edges[lead..].iter().copied()
    }
}

/// How a claim's conditions meet the question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// The conditions hold for what is asked.
    Holds,
    /// They do not: the claim is for other days, stages or cases.
    Fails,
    /// The question does not say: the answer turns on them.
    Open,
}

/// What the evidence comes to.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    /// The claim holds, on these claims.
    Yes(Vec<usize>),
    /// The article says it does not, on these claims.
    No(Vec<usize>),
    /// The claim holds only at other times or stages than those asked.
    OtherTimes(Vec<usize>),
    /// It turns on conditions the question does not settle.
    Depends { yes: Vec<usize>, no: Vec<usize> },
    /// The article says nothing of it.
    Nothing,
}

/// A yes/no question, its claims and what the question says.
#[derive(Clone, Debug)]
pub struct Model {
    pub check: Check,
    pub asks: Asks,
    /// The thing done, taken or asked about.
    pub x: Ix,
    /// The other end of the claim (the condition helped, the harm, the context).
    pub y: Option<Ix>,
    pub setting: Setting,
    pub evidence: Vec<Evidence>,
}

impl Model {
    /// Whether a wrong way of doing a thing counts as an open branch: when
    /// the question asks what harm it can do.
    fn causal(&self) -> bool {
        matches!(self.check, Check::Harm | Check::Causes)
    }

    /// Each claim weighed, a line each, for `--explain`: its side, weight,
    /// how its conditions meet the question, the claim and its conditions.
    pub fn describe(&self, g: &Graph) -> Vec<String> {
        self.evidence
            .iter()
            .map(|e| {
                let side = if e.side == Side::For { "for" } else { "against" };
                let weight = if e.weight == Weight::Decides { "" } else { ", caution" };
                let fit = match fit(g, self, e) {
                    Fit::Holds => "holds",
                    Fit::Fails => "not then",
                    Fit::Open => "open",
                };
                let said: Vec<String> = e.steps(g).map(|s| claim_text(g, s)).collect();
                let cond = cond_text(g, &e.cond);
                let cond = if cond.is_empty() { String::new() } else { format!(" [{cond}]") };
                format!("{side} ({fit}{weight}): {}{cond}", said.join(", and "))
            })
            .collect()
    }

    /// The claims that decide nothing but go with the answer.
    pub fn cautions(&self) -> impl Iterator<Item = &Evidence> {
        self.evidence.iter().filter(|e| e.weight == Weight::Caution)
    }
}

// ---------------------------------------------------------------------------
// Fit

fn within(inner: (u16, Option<u16>), outer: (u16, Option<u16>)) -> bool {
    inner.0 >= outer.0
        && match (inner.1, outer.1) {
            (_, None) => true,
            (Some(a), Some(b)) => a <= b,
            (None, Some(_)) => false,
        }
}

fn disjoint(a: (u16, Option<u16>), b: (u16, Option<u16>)) -> bool {
    a.1.is_some_and(|end| end <= b.0) || b.1.is_some_and(|end| end <= a.0)
}

/// Whether `a` is `b`, a kind of it, or a class of it.
fn related(g: &Graph, a: Ix, b: Ix) -> bool {
    a == b || g.ancestors(a).contains(&b) || g.ancestors(b).contains(&a)
}

fn named(g: &Graph, s: &Setting, ix: Ix) -> bool {
    s.named.iter().any(|&n| related(g, n, ix))
}

/// The days a red flag stands for ("pain over two weeks": from day 14).
fn flag_days(g: &Graph, flag: Ix) -> Option<(u16, Option<u16>)> {
    g.edges_at(flag, Incoming)
        .filter(|&(e, _)| g.relation(e) == Relation::SeeDoctorIf)
        .find_map(|(e, _)| g.edge(e).when.filter(|w| w.has_days()).map(|w| (w.from_day.unwrap_or(0), w.to_day)))
}

/// How one claim's conditions meet the question.
pub fn fit(g: &Graph, m: &Model, ev: &Evidence) -> Fit {
    let (s, c) = (&m.setting, &ev.cond);
    let mut parts = Vec::new();
    if let Some(w) = c.days {
        parts.push(match s.days {
            None => Fit::Open,
            Some(d) if within(d, w) => Fit::Holds,
            Some(d) if disjoint(d, w) => Fit::Fails,
            Some(_) => Fit::Open,
        });
    }
    if let Some(p) = c.phase {
        parts.push(match (s.phase, s.days) {
            (Some(q), _) if q == p => Fit::Holds,
            (Some(_), _) => Fit::Fails,
            // The day it began is the very start.
            (None, Some((0, Some(1)))) if p == Phase::Start => Fit::Holds,
            (None, Some((0, Some(1)))) if p == Phase::Recovered => Fit::Fails,
            _ => Fit::Open,
        });
    }
    if let Some(max) = c.minutes {
        parts.push(match s.minutes {
            Some(q) if q > max => Fit::Fails,
            Some(_) => Fit::Holds,
            // What harm it does turns on how long; whether to do it does not.
            None if m.causal() && !manner_named(g, m) => Fit::Open,
            None => Fit::Holds,
        });
    }
    if let Some(min) = c.over_minutes {
        parts.push(match s.minutes {
            Some(q) if q > min => Fit::Holds,
            Some(_) => Fit::Fails,
            None if c.misuse.is_some_and(|w| named(g, s, w)) => Fit::Holds,
            None if m.causal() && !manner_named(g, m) => Fit::Open,
            None => Fit::Fails,
        });
    } else if let Some(w) = c.misuse {
        parts.push(if named(g, s, w) {
            Fit::Holds
        } else if m.causal() && !manner_named(g, m) {
            Fit::Open
        } else {
            Fit::Fails
        });
    }
    if !c.cases.is_empty() {
        parts.push(if c.cases.iter().any(|&k| named(g, s, k)) { Fit::Holds } else { Fit::Open });
    }
    if let Some(ctx) = c.context {
        parts.push(if ctx == g.subject || g.ancestors(g.subject).contains(&ctx) || named(g, s, ctx) {
            Fit::Holds
        } else if let Some(days) = flag_days(g, ctx) {
            match s.days {
                Some(d) if within(d, days) => Fit::Holds,
                Some(d) if disjoint(d, days) => Fit::Fails,
                // A red flag said of a whole class (home treatment) is not a
                // branch of every home remedy; of the class itself it is.
                None if ev.class.is_some() => Fit::Fails,
                _ => Fit::Open,
            }
        } else {
            Fit::Open
        });
    }
    if let Some(member) = c.member {
        // The member itself, or a kind of it: not the class asked about.
        let asked = s.named.iter().any(|&n| n == member || g.ancestors(n).contains(&member));
        parts.push(if asked { Fit::Holds } else { Fit::Open });
    }
    if let Some(w) = c.with {
        parts.push(if named(g, s, w) { Fit::Holds } else { Fit::Open });
    }
    if parts.contains(&Fit::Fails) {
        Fit::Fails
    } else if parts.contains(&Fit::Open) {
        Fit::Open
    } else {
        Fit::Holds
    }
}

/// Whether the question says how the thing is done (for how long, with a
/// lining): then the wrong ways it does not name are not what it asks about.
fn manner_named(g: &Graph, m: &Model) -> bool {
    m.setting.minutes.is_some()
        || m.setting.named.iter().any(|&n| {
            n != m.x
                && Some(n) != m.y
                && g.kind(n) == Kind::Behaviour
                && g.step(n, Relation::Before, Outgoing).any(|(_, t)| related(g, t, m.x))
        })
}

// ---------------------------------------------------------------------------
// Deciding

/// Weighs the evidence against the question.
pub fn decide(g: &Graph, m: &Model) -> Decision {
    let fits: Vec<Fit> = m.evidence.iter().map(|e| fit(g, m, e)).collect();
    // A caution decides once the question asks about it: a wrong way of
    // doing it, named or past its length.
    let decides = |i: usize| {
        let e = &m.evidence[i];
        e.weight == Weight::Decides
            || (fits[i] == Fit::Holds && (e.cond.misuse.is_some() || e.cond.with.is_some() || e.cond.context.is_some()))
    };
    let pick = |side: Side, f: Fit| -> Vec<usize> {
        (0..m.evidence.len()).filter(|&i| decides(i) && m.evidence[i].side == side && fits[i] == f).collect()
    };
    let (yes, no) = (pick(Side::For, Fit::Holds), pick(Side::Against, Fit::Holds));
    let (open_yes, open_no) = (pick(Side::For, Fit::Open), pick(Side::Against, Fit::Open));
    if !no.is_empty() {
        // A harm said of one class of a thing is not undone by a denial
        // said of another (a brand with an opiate and acetaminophen in it).
        let class_of = |i: usize| m.evidence[i].class;
        if m.causal() && !yes.is_empty() && yes.iter().all(|&a| no.iter().all(|&b| class_of(a) != class_of(b))) {
            return Decision::Yes(yes);
        }
        return Decision::No(no);
    }
    if !open_no.is_empty() || (!open_yes.is_empty() && yes.is_empty()) {
        let mut all_yes = yes;
        all_yes.extend(open_yes);
        return Decision::Depends { yes: all_yes, no: open_no };
    }
    if !yes.is_empty() {
        return Decision::Yes(yes);
    }
    let other = pick(Side::For, Fit::Fails);
    if !other.is_empty() {
        return Decision::OtherTimes(other);
    }
    Decision::Nothing
}

// ---------------------------------------------------------------------------
// Gathering the evidence

/// The members of a class, nearest first, each with its `is_a` steps.
fn members(g: &Graph, ix: Ix) -> Vec<(Ix, Vec<EIx>)> {
    let mut out: Vec<(Ix, Vec<EIx>)> = Vec::new();
    let mut frontier = vec![(ix, Vec::new())];
    while let Some((n, chain)) = frontier.pop() {
        for (e, m) in g.step(n, Relation::IsA, Incoming) {
            if m != ix && !out.iter().any(|(o, _)| *o == m) {
                let mut c: Vec<EIx> = chain.clone();
                c.insert(0, e);
                out.push((m, c.clone()));
                frontier.push((m, c));
            }
        }
    }
    out
}

/// A claim's conditions, from its window.
fn cond_of(g: &Graph, e: EIx) -> Cond {
    let mut c = Cond::default();
    if let Some(w) = g.edge(e).when {
        if w.has_days() {
            c.days = Some((w.from_day.unwrap_or(0), w.to_day));
        }
        c.minutes = w.minutes;
        c.over_minutes = w.over_minutes;
        c.phase = w.phase;
    }
    c
}

/// The cases a treatment is kept for (`indicated_if` with `only`).
fn only_cases(g: &Graph, x: Ix) -> Vec<(EIx, Ix)> {
    g.ancestors(x)
        .into_iter()
        .flat_map(|a| g.step(a, Relation::IndicatedIf, Outgoing).collect::<Vec<_>>())
        .filter(|&(e, _)| g.edge(e).when.is_some_and(|w| w.only))
        .collect()
}

/// Edges out of `n` of a relation, the claim or its denial.
fn out_edges(g: &Graph, n: Ix, rel: Relation, negated: bool) -> Vec<(EIx, Ix)> {
    g.edges_at(n, Outgoing).filter(|&(e, _)| g.relation(e) == rel && g.negated(e) == negated).collect()
}

struct Gather<'a> {
    g: &'a Graph,
    x: Ix,
    out: Vec<Evidence>,
}

impl Gather<'_> {
    fn push(&mut self, side: Side, weight: Weight, chain: &[EIx], e: EIx, cond: Cond, class: Ix) {
        // A member's claims are those said of it, not again those of the
        // class asked about (or its classes).
        if cond.member.is_some() && self.g.ancestors(self.x).contains(&class) {
            return;
        }
        if self.out.iter().any(|ev| ev.edges.last() == Some(&e) && ev.side == side && ev.cond == cond) {
            return;
        }
        let mut edges = chain.to_vec();
        edges.push(e);
        // Said of a member of the class asked about: the member is named in
        // the branch ("for opiates"), not as the class of the thing asked.
        let class =
            (class != self.x && cond.member.is_none() && self.g.ancestors(self.x).contains(&class)).then_some(class);
        self.out.push(Evidence { side, weight, edges, cond, class });
    }

    /// Claims of `rels` from `x` (or a class of it) to `y` (or a class of
    /// it), on the given side; with the cases the treatment is kept for.
    fn claims(&mut self, x: Ix, y: Ix, rels: &[Relation], negated: bool, side: Side, member: Option<Ix>) {
        let g = self.g;
        let targets = g.ancestors(y);
        let cases: Vec<Ix> = if negated { Vec::new() } else { only_cases(g, x).into_iter().map(|(_, k)| k).collect() };
        // The nearest claim about each target: what the article says of ice
        // packs, not what it says of home treatment in general.
        let mut found: Vec<Ix> = Vec::new();
        for (class, chain) in g.ancestor_chains(x) {
            let mut here: Vec<Ix> = Vec::new();
            for &rel in rels {
                for (e, t) in out_edges(g, class, rel, negated) {
                    if targets.contains(&t) && !found.contains(&t) {
                        here.push(t);
                        let mut c = cond_of(g, e);
                        c.cases = cases.clone();
                        c.member = member;
                        self.push(side, Weight::Decides, &chain, e, c, class);
                    }
                }
            }
            found.extend(here);
        }
    }

    /// Warnings against doing `act` (or a class of it): in a context, on
    /// some days, at some stage.
    fn warnings_against(&mut self, act: Ix, only_ctx: Option<Ix>, member: Option<Ix>) {
        self.warnings_weighed(act, only_ctx, member, None);
    }

    /// As [`Gather::warnings_against`]; with `others`, the warnings for
    /// other settings than `only_ctx` are kept at that weight (shown, and
    /// deciding only where the question names the setting).
    fn warnings_weighed(&mut self, act: Ix, only_ctx: Option<Ix>, member: Option<Ix>, others: Option<Weight>) {
        let g = self.g;
        for (class, chain) in g.ancestor_chains(act) {
            for (e, ctx) in g.step(class, Relation::AvoidWhile, Outgoing) {
                let mut weight = Weight::Decides;
                if let Some(want) = only_ctx
                    && !related(g, want, ctx)
                {
                    match others {
                        Some(w) => weight = w,
                        None => continue,
                    }
                }
                let mut c = cond_of(g, e);
                c.member = member;
                // A wrong way of doing a treatment, asked about by itself
                // (ice on bare skin), is asked about in its context.
                let misuse = g.kind(act) == Kind::Behaviour
                    && Kind::TREATMENTS.contains(&g.kind(ctx))
                    && g.kind(ctx) != Kind::Medication;
                let own = names_its_context(g, act, ctx);
                if !misuse && !own {
                    c.context = Some(ctx);
                }
                // A setting the act's own name says is asked about with it.
                if own {
                    weight = Weight::Decides;
                }
                self.push(Side::Against, weight, &chain, e, c, class);
            }
        }
    }

    /// The wrong ways of doing `x` (or a class of it) the article warns
    /// about, each with the harm it risks: cautions, or (`harms`) claims of
    /// harm with the misuse as their condition.
    fn misuses(&mut self, x: Ix, harms: Option<Ix>) {
        let g = self.g;
        for (class, chain) in g.ancestor_chains(x) {
            for (e, w) in g.step(class, Relation::AvoidWhile, Incoming) {
                if g.kind(w) != Kind::Behaviour || g.kind(class) == Kind::Medication {
                    continue;
                }
                let mut c = cond_of(g, e);
                c.minutes = None;
                c.misuse = Some(w);
                match harms {
                    None => self.push(Side::Against, Weight::Caution, &chain, e, c, class),
                    Some(target) => {
                        for (r, h) in g.step(w, Relation::Risks, Outgoing) {
                            if target == g.subject || related(g, h, target) {
                                let mut edges = chain.clone();
                                edges.push(e);
                                self.push(Side::For, Weight::Decides, &edges, r, c.clone(), class);
                            }
                        }
                    }
                }
            }
        }
    }

    /// What the article says to avoid while on `x` (alcohol while on any
    /// drug): cautions that go with it.
    fn co_use(&mut self, x: Ix, weight: Weight, side: Side) {
        let g = self.g;
        for (class, chain) in g.ancestor_chains(x) {
            if g.kind(class) != Kind::Medication {
                continue;
            }
            for (e, w) in g.step(class, Relation::AvoidWhile, Incoming) {
                let mut c = cond_of(g, e);
                c.with = Some(w);
                self.push(side, weight, &chain, e, c, class);
            }
        }
    }

    /// The harms `x` (or a class of it) risks, and those it is said not to.
    fn harms(&mut self, x: Ix, target: Option<Ix>, member: Option<Ix>) {
        let g = self.g;
        for (class, chain) in g.ancestor_chains(x) {
            for negated in [false, true] {
                for (e, h) in out_edges(g, class, Relation::Risks, negated) {
                    if target.is_some_and(|t| !related(g, h, t)) {
                        continue;
                    }
                    let mut c = cond_of(g, e);
                    c.member = member;
                    let slight = g.edge(e).degree == Degree::Slight;
                    let side = if negated || slight { Side::Against } else { Side::For };
                    self.push(side, Weight::Decides, &chain, e, c, class);
                }
            }
        }
    }

    /// The rows of a pattern query, each a claim (a chain) on one side.
    fn rows(&mut self, q: &str, side: Side) {
        let g = self.g;
        let Ok((_, result)) = crate::query::run(g, q) else { return };
        for row in result.rows {
            let Some(&first) = row.support.iter().find(|&&e| g.relation(e) != Relation::IsA) else {
                // A chain of `is_a` alone: "is acetaminophen a pain reliever".
                if let Some(&last) = row.support.last() {
                    let chain = &row.support[..row.support.len() - 1];
                    self.push(side, Weight::Decides, chain, last, Cond::default(), self.x);
                }
                continue;
            };
            // The class a claim is about: where the leading `is_a` steps end.
            let lead = row.support.iter().take_while(|&&e| g.relation(e) == Relation::IsA).count();
            let class = if lead == 0 { self.x } else { g.ends(row.support[lead - 1]).1 };
            let cond = cond_of(g, first);
            if self.out.iter().any(|ev| ev.edges == row.support && ev.side == side) {
                continue;
            }
            self.out.push(Evidence {
                side,
                weight: Weight::Decides,
                edges: row.support,
                cond,
                class: (class != self.x).then_some(class),
            });
        }
    }

    /// What the article gives `x` for, against the spasm.
    fn gives(&mut self, x: Ix, member: Option<Ix>) {
        let g = self.g;
        self.claims(x, g.subject, &[Relation::Treats, Relation::Relieves], false, Side::For, member);
    }
}

/// Whether an act's own name says the context of its warning ("drinking
/// lots of plain water during sport" is warned against during sport).
pub fn names_its_context(g: &Graph, act: Ix, ctx: Ix) -> bool {
    let words = format!(" {} ", crate::text::normalize(g.node(act).name));
    let node = g.node(ctx);
    std::iter::once(node.name).chain(node.aliases.iter()).any(|form| {
        let form = crate::text::normalize(form);
        !form.is_empty() && words.contains(&format!(" {form} "))
    })
}

/// Builds the model of a yes/no question.
pub fn model(g: &Graph, check: Check, asks: Asks, x: Ix, y: Option<Ix>, mut setting: Setting) -> Model {
    setting.named.extend([Some(x), y].into_iter().flatten().filter(|&n| n != g.subject));
    let mut gather = Gather { g, x, out: Vec::new() };
    match check {
        Check::Avoid => avoid(&mut gather, x, y),
        Check::Harm => {
            harm(&mut gather, x, y, None);
            // A class the article names no harm of: what it says of its members.
            if !gather.out.iter().any(|e| g.relation(e.claim(g)) == Relation::Risks) {
                for (m, _) in members(g, x).into_iter().filter(|&(m, _)| !g.node(m).lay) {
                    harm(&mut gather, m, y, Some(m));
                }
            }
        }
        // Whether it helps the spasm is whether the article gives it for the
        // spasm, then, and warns against nothing then: the same claims as
        // "can I" (one verdict however it is asked).
        Check::Helps if y.is_none_or(|y| y == g.subject || g.ancestors(g.subject).contains(&y)) => {
            gather.gives(x, None);
            // A food, through what it is a source of and what a lack of
            // that brings on ("bananas good for cramps").
            if g.kind(x) == Kind::Food {
                gather.rows(&fill(g, "{x} rich_in/^lack_of/causes {y}", x, g.subject), Side::For);
            }
            // Warnings for the spasm itself (its days, its stages); those for
            // another setting only where the question names it ("does
            // alcohol help" is not asked while on a drug; "should I work out
            // in a hot gym" names the sport).
            gather.warnings_weighed(x, Some(g.subject), None, Some(Weight::Caution));
            own_harms(&mut gather, x);
            gather.misuses(x, None);
            gather.co_use(x, Weight::Caution, Side::Against);
        }
        Check::Helps => {
            let y = y.unwrap_or(g.subject);
            // Good for a thing that is not a state: what it does for it.
            let rels: &[Relation] = if STATES.contains(&g.kind(y)) {
                &[Relation::Treats, Relation::Relieves]
            } else {
                &[
                    Relation::Treats,
                    Relation::Relieves,
                    Relation::ReducesNeedFor,
                    Relation::Benefits,
                    Relation::Improves,
                    Relation::ActsOn,
                ]
            };
            gather.claims(x, y, rels, false, Side::For, None);
            // What acts on it for the worse ("is a hot gym good for the
            // muscles"), and what the thing leads to, shown beside.
            if !STATES.contains(&g.kind(y)) {
                gather.claims(x, y, &[Relation::Affects], false, Side::Against, None);
                for (class, chain) in g.ancestor_chains(x) {
                    for (e, _) in g.step(class, Relation::Causes, Outgoing) {
                        gather.push(Side::Against, Weight::Caution, &chain, e, Cond::default(), class);
                    }
                }
            }
            gather.claims(x, y, &[Relation::Treats, Relation::Relieves], true, Side::Against, None);
            own_harms(&mut gather, x);
            if y == g.subject || g.ancestors(g.subject).contains(&y) {
                gather.warnings_against(x, Some(g.subject), None);
            }
            // "is a hot water bottle good for my stiff back": a symptom of the
            // spasm, which the article does give it for.
            if !gather.out.iter().any(|e| e.side == Side::For)
                && y != g.subject
                && g.step(g.subject, Relation::Presents, Outgoing).any(|(_, s)| related(g, s, y))
            {
                gather.gives(x, None);
            }
            // Makes it worse.
            for (class, chain) in g.ancestor_chains(x) {
                for (e, t) in g.step(class, Relation::Causes, Outgoing) {
                    if g.ancestors(y).contains(&t) {
                        gather.push(Side::Against, Weight::Decides, &chain, e, Cond::default(), class);
                    }
                }
            }
        }
        Check::Best => {
            let y = y.unwrap_or(g.subject);
            let (pos, neg) = patterns(check);
            gather.rows(&fill(g, pos, x, y), Side::For);
            if gather.out.is_empty() {
                gather.rows(&fill(g, neg, x, y), Side::Against);
                gather.out.retain(|e| !related(g, g.ends(e.claim(g)).0, x));
            }
        }
        Check::Causes | Check::Prevents | Check::Source | Check::Refers | Check::Presents | Check::Class => {
            let y = y.unwrap_or(g.subject);
            let (pos, neg) = patterns(check);
            gather.rows(&fill(g, pos, x, y), Side::For);
            gather.rows(&fill(g, neg, x, y), Side::Against);
            if check == Check::Causes {
                // A harm that is a kind of the one asked about ("fatal side
                // effects" are side effects) answers it too.
                gather.rows(&fill(g, "{x} is_a*/(causes|risks)/is_a+ {y}", x, y), Side::For);
                gather.misuses(x, Some(y));
                // A class the article says nothing of here: what it says of
                // each member ("can painkillers be addictive").
                if gather.out.is_empty() && g.kind(y) == Kind::Harm {
                    for (m, _) in members(g, x).into_iter().filter(|&(m, _)| !g.node(m).lay) {
                        gather.harms(m, Some(y), Some(m));
                    }
                }
            }
        }
    }
    Model { check, asks, x, y, setting, evidence: gather.out }
}

/// The pattern queries for a claim and its denial (chains of causes, a
/// source through its class, a referral through a prescription).
fn patterns(check: Check) -> (&'static str, &'static str) {
    match check {
        Check::Causes => (
            "{x} is_a*/(causes|risks|presents)+/(affects|located_in|radiates_to)?/^is_a* {y}",
            "{x} is_a*/(!causes|!risks|!presents) {y}",
        ),
        Check::Prevents => ("{x} is_a*/prevents/causes*/^is_a* {y}", "{x} is_a*/!prevents {y}"),
        Check::Source => ("{x} is_a*/rich_in/is_a* {y}", "{x} is_a*/!rich_in {y}"),
        Check::Refers => ("{x} (refer_to|prescribes)+/^is_a* {y}", "{x} !refer_to {y}"),
        Check::Presents => ("{x} is_a*/presents/^is_a* {y}", "{x} is_a*/!presents/^is_a* {y}"),
        Check::Class => ("{x} is_a+ {y}", "{x} is_a*/(contrasts_with|^contrasts_with)/^is_a* {y}"),
        // Another kind the article calls best is a claim against this one.
        Check::Best => ("{x} is_a*/best_of {y}", "select ?other where ?other best_of {y}"),
        _ => ("", ""),
    }
}

fn fill(g: &Graph, pattern: &str, x: Ix, y: Ix) -> String {
    pattern.replace("{x}", &format!("\"{}\"", g.id(x))).replace("{y}", &format!("\"{}\"", g.id(y)))
}

/// What a question measures changes the claims that count: "a permanent
/// fix" asks whether it works for good, which relief that lasts a while
/// denies and a promise of prevention for good affirms; "one of the first
/// things to try" is denied by the cases a treatment is kept for.
pub fn measure(g: &Graph, m: &mut Model, measure: Option<&str>) {
    if m.check != Check::Helps {
        return;
    }
    let for_good = |l: &str| l.contains("for good") || l.contains("altogether");
    match measure {
        Some("permanent") => {
            let mut gather = Gather { g, x: m.x, out: Vec::new() };
            for (class, chain) in g.ancestor_chains(m.x) {
                for (e, _) in g.step(class, Relation::Prevents, Outgoing) {
                    if g.edge(e).when.and_then(|w| w.lasts).is_some_and(|l| for_good(&l)) {
                        gather.push(Side::For, Weight::Decides, &chain, e, Cond::default(), class);
                    }
                }
            }
            for ev in m.evidence.iter_mut() {
                let lasts = g.edge(ev.claim(g)).when.and_then(|w| w.lasts);
                if ev.side == Side::For && lasts.is_some_and(|l| !for_good(&l)) {
                    ev.side = Side::Against;
                } else if ev.side == Side::For {
                    ev.weight = Weight::Caution;
                }
            }
            m.evidence.extend(gather.out);
        }
        Some("first") => {
            let mut gather = Gather { g, x: m.x, out: Vec::new() };
            for (e, _) in only_cases(g, m.x) {
                gather.push(Side::Against, Weight::Decides, &[], e, Cond::default(), m.x);
            }
            if !gather.out.is_empty() {
                for ev in m.evidence.iter_mut() {
                    ev.weight = Weight::Caution;
                }
            }
            m.evidence.extend(gather.out);
        }
        _ => {}
    }
}

/// Going without something: "skip the warm-up" turns the article's claims
/// for the warm-up into claims against skipping it (and its warnings
/// against it into claims for); "stretch without warming up" is against
/// what the article says to do first.
pub fn without(g: &Graph, m: &mut Model, left_out: &[Ix]) {
    for &w in left_out {
        if w == m.x {
            m.evidence.retain(|e| e.weight == Weight::Decides);
            for e in m.evidence.iter_mut() {
                e.side = if e.side == Side::For { Side::Against } else { Side::For };
            }
            // What it is for, beyond the spasm: the sport it goes before,
            // what it prevents.
            let mut gather = Gather { g, x: m.x, out: Vec::new() };
            for rel in [Relation::Before, Relation::Prevents, Relation::Improves] {
                for (class, chain) in g.ancestor_chains(w) {
                    for (e, _) in g.step(class, rel, Outgoing) {
                        gather.push(Side::Against, Weight::Decides, &chain, e, cond_of(g, e), class);
                    }
                }
            }
            m.evidence.extend(gather.out);
            continue;
        }
        // What the article says to have with it, or before it.
        let mut gather = Gather { g, x: m.x, out: Vec::new() };
        for (class, chain) in g.ancestor_chains(m.x) {
            for (e, other) in g.edges_at(class, Incoming) {
                let rel = g.relation(e);
                if matches!(rel, Relation::Before | Relation::Improves) && !g.negated(e) && related(g, other, w) {
                    gather.push(Side::Against, Weight::Decides, &chain, e, cond_of(g, e), class);
                }
            }
        }
        m.evidence.extend(gather.out);
    }
}

/// The harms a thing risks, as the article gives them: `(edge, harm)`.
pub fn harms_of(g: &Graph, ix: Ix) -> Vec<(EIx, Ix)> {
    g.step(ix, Relation::Risks, Outgoing).collect()
}

fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// How serious the harm asked about is ("only mild side effects", "can it
/// be fatal"): a claim of a harm of another degree is a claim against it.
pub fn degree(g: &Graph, m: &mut Model, asked: Option<Degree>) {
    let Some(asked) = asked else { return };
    if !matches!(m.check, Check::Causes | Check::Harm) {
        return;
    }
    for e in m.evidence.iter_mut().filter(|e| e.side == Side::For) {
        let said = e.steps(g).map(|s| g.edge(s).degree).find(|&d| d != Degree::Plain).unwrap_or(Degree::Plain);
        if said != Degree::Plain && said != asked {
            e.side = Side::Against;
        }
    }
}

/// Whether doing `act` (while on `ctx`) is fine.
fn avoid(gather: &mut Gather, act: Ix, ctx: Option<Ix>) {
    let g = gather.g;
    match ctx {
        Some(ctx) if ctx != g.subject => {
            gather.warnings_against(act, Some(ctx), None);
            gather.warnings_against(ctx, Some(act), None);
            // A wrong way of doing something that names its own setting
            // ("drinking lots of plain water during sport"), asked about in
            // another ("while sweating"): its own setting's warning.
            if gather.out.is_empty() {
                for (e, own) in g.step(act, Relation::AvoidWhile, Outgoing) {
                    // Not when the other thing named is another of the same
                    // kind (long use of strong painkillers says nothing of
                    // acetaminophen).
                    let other_kind = g.kind(ctx) == g.kind(own) && !related(g, ctx, own);
                    if names_its_context(g, act, own) && !other_kind {
                        gather.push(Side::Against, Weight::Decides, &[], e, cond_of(g, e), act);
                    }
                }
            }
            // "plain water while training": the article's warning for the
            // setting names the act ("drinking lots of plain water during sport").
            let named = crate::text::normalize(g.name(act));
            for (class, chain) in g.ancestor_chains(ctx) {
                for (e, w) in g.step(class, Relation::AvoidWhile, Incoming) {
                    let avoided = crate::text::normalize(g.name(w));
                    if !named.is_empty() && w != act && format!(" {avoided} ").contains(&format!(" {named} ")) {
                        gather.push(Side::Against, Weight::Decides, &chain, e, cond_of(g, e), class);
                    }
                }
            }
        }
        _ => {
            gather.gives(act, None);
            gather.warnings_against(act, None, None);
            own_harms(gather, act);
            gather.misuses(act, None);
            gather.co_use(act, Weight::Caution, Side::Against);
        }
    }
}

/// The harms of a thing itself, against doing it, where the article warns of
/// no context for it (an opiate's harms count; alcohol's, which are harms
/// with a drug, are its warning's).
fn own_harms(gather: &mut Gather, act: Ix) {
    let g = gather.g;
    if g.ancestors(act).iter().any(|&a| g.step(a, Relation::AvoidWhile, Outgoing).next().is_some()) {
        return;
    }
    let before = gather.out.len();
    gather.harms(act, None, None);
    let mut i = before;
    while i < gather.out.len() {
        let e = &mut gather.out[i];
        if e.side == Side::Against {
            // A harm it is said not to do, or few side effects: not a reason
            // against doing it, nor (alone) one for it.
            gather.out.remove(i);
        } else {
            e.side = Side::Against;
            i += 1;
        }
    }
}

/// Whether `x` can do harm (`target`: a harm in particular).
fn harm(gather: &mut Gather, x: Ix, target: Option<Ix>, member: Option<Ix>) {
    let g = gather.g;
    let before = gather.out.len();
    gather.harms(x, target, member);
    gather.misuses(x, Some(target.unwrap_or(g.subject)));
    for e in gather.out[before..].iter_mut() {
        if e.cond.member.is_none() {
            e.cond.member = member;
        }
    }
    // What to avoid while on it: a harm only when the article affirms
    // nothing of its safety; else a caution beside the answer.
    let affirmed = gather.out[before..].iter().any(|e| e.side == Side::Against);
    let weight = if affirmed { Weight::Caution } else { Weight::Decides };
    let start = gather.out.len();
    gather.co_use(x, weight, Side::For);
    for e in gather.out[start..].iter_mut() {
        e.cond.member = member;
    }
}

// ---------------------------------------------------------------------------
// Wording

/// Whether a name is plural ("muscle relaxants", "opiates and strong
/// painkillers"), for the verb that follows it.
pub fn plural(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    if words.first().is_some_and(|w| w.ends_with("ing")) {
        return false;
    }
    let stop = ["of", "with", "without", "for", "between", "in", "on", "to", "from", "that", "then"];
    let head: Vec<&str> = words.iter().copied().take_while(|w| !stop.contains(w)).collect();
    if head.contains(&"and") {
        return true;
    }
    head.last().is_some_and(|w| {
        w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")
    })
}

/// "relieve" or "relieves", as the name needs.
fn verb(name: &str, base: &str) -> String {
    if plural(name) {
        base.to_string()
    } else if base == "do" || base == "go" {
        format!("{base}es")
    } else if base == "have" {
        "has".to_string()
    } else if base.ends_with('y') && !base.ends_with("ay") {
        format!("{}ies", &base[..base.len() - 1])
    } else if base.ends_with("sh") || base.ends_with("ch") || base.ends_with('s') {
        format!("{base}es")
    } else {
        format!("{base}s")
    }
}

fn be(name: &str) -> &'static str {
    if plural(name) { "are" } else { "is" }
}

/// A claim in words, the way the article puts it.
pub fn claim_text(g: &Graph, e: EIx) -> String {
    let edge = g.edge(e);
    let (a, b) = (g.name(edge.from), g.name(edge.to));
    let lasts = edge.when.as_ref().and_then(|w| w.lasts.clone()).filter(|l| !l.is_empty());
    match (edge.relation, edge.negated) {
        (Relation::Relieves, false) => {
            let temporary = lasts.as_deref().is_some_and(|l| l.contains("a while"));
            format!("{a} {} {b}{}", verb(a, "relieve"), if temporary { " for a while" } else { "" })
        }
        (Relation::Treats, false) => format!("{a} {} {b}", verb(a, "treat")),
        (Relation::Relieves | Relation::Treats, true) => format!("{a} {} not relieve {b}", verb(a, "do")),
        (Relation::Causes, false) => format!("{a} can lead to {b}"),
        (Relation::Affects, false) => format!("{a} {} a bad effect on {b}", verb(a, "have")),
        (Relation::Causes, true) => format!("{a} {} not lead to {b}", verb(a, "do")),
        (Relation::Risks, false) => match edge.degree {
            Degree::Slight => format!("{a} {} few {b}", verb(a, "have")),
            Degree::Severe => format!("{a} can lead to {b}, which can be very serious"),
            Degree::Plain => format!("{a} can lead to {b}"),
        },
        (Relation::Risks, true) => format!("{a} {} not lead to {b}", verb(a, "do")),
        (Relation::Prevents, false) => format!("{a} {} {b}", verb(a, "prevent")),
        (Relation::Prevents, true) => format!("{a} {} not prevent {b}", verb(a, "do")),
        (Relation::AvoidWhile, _) => format!("{a}{}", warning_context(g, e)),
        (Relation::Improves, false) => format!("{a} {} {b} work better", verb(a, "make")),
        (Relation::Before, false) => format!("{a} {} before {b}", verb(a, "come")),
        (Relation::After, false) => format!("{a} {} after {b}", verb(a, "come")),
        (Relation::ReducesNeedFor, false) => format!("{a} {} the need for {b}", verb(a, "reduce")),
        (Relation::IsA, false) => format!("{a} {} a kind of {b}", be(a)),
        (Relation::BestOf, false) => format!("{a} {} the best kind of {b}", be(a)),
        (Relation::RichIn, false) => format!("{a} {} a source of {b}", be(a)),
        (Relation::RichIn, true) => format!("{a} {} not a source of {b}", be(a)),
        (Relation::IndicatedIf, _) => {
            let only = edge.when.is_some_and(|w| w.only);
            format!("{a} {} {}for {b}", be(a), if only { "only " } else { "" })
        }
        (rel, false) => format!("{a} {} {b}", rel.phrase()),
        (rel, true) => format!("{a} {} {b}", rel.negated_phrase()),
    }
}

/// The setting of a warning as words after the thing warned against: "
/// while on medication", " during physical exercise"; nothing where the
/// thing names it (ice on bare skin is a way of using ice) or it is the
/// spasm itself.
fn warning_context(g: &Graph, e: EIx) -> String {
    let (act, ctx) = g.ends(e);
    let own = ctx == g.subject
        || g.ancestors(g.subject).contains(&ctx)
        || names_its_context(g, act, ctx)
        || g.kind(act) == Kind::Behaviour && Kind::TREATMENTS.contains(&g.kind(ctx)) && g.kind(ctx) != Kind::Medication;
    match g.kind(ctx) {
        _ if own => String::new(),
        Kind::Medication => format!(" while on {}", g.name(ctx)),
        Kind::RedFlag => format!(" once there is {}", g.name(ctx)),
        Kind::HomeRemedy | Kind::Procedure | Kind::Treatment | Kind::Exercise => {
            format!(" while using {}", g.name(ctx))
        }
        _ => format!(" during {}", g.name(ctx)),
    }
}

/// How sure the article is, as words that open a claim.
fn says(g: &Graph, e: EIx) -> &'static str {
    let edge = g.edge(e);
    let implied = edge.note.is_some_and(|n| n.starts_with("implied"));
    match (edge.relation, edge.certainty) {
        (Relation::AvoidWhile, Certainty::Stated) => "the article warns against",
        (Relation::AvoidWhile, Certainty::Hedged) if implied => "the article implies avoiding",
        (Relation::AvoidWhile, Certainty::Hedged) => "the article suggests avoiding",
        (Relation::AvoidWhile, Certainty::Doubtful) => "the article claims, without support, that one should avoid",
        (_, Certainty::Stated) => "the article says",
        (_, Certainty::Hedged) if implied => "the article implies",
        (_, Certainty::Hedged) => "the article suggests",
        (_, Certainty::Doubtful) => "the article claims, without support, that",
    }
}

fn days_text(d: (u16, Option<u16>)) -> String {
    match d {
        (0, Some(1)) => "on the first day".into(),
        (0, Some(t)) => format!("in the first {t} days"),
        (f, None) => format!("from day {f} on"),
        (f, Some(t)) => format!("from day {f} to day {t}"),
    }
}

fn minutes(m: f32) -> String {
    crate::export::number(m)
}

/// A condition in words, as a branch of "it depends".
pub fn cond_text(g: &Graph, c: &Cond) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(m) = c.member {
        parts.push(format!("for {}", g.name(m)));
    }
    if let Some(w) = c.misuse {
        parts.push(format!("when {}", g.name(w)));
    } else if let Some(m) = c.over_minutes {
        parts.push(format!("past about {} minutes", minutes(m)));
    }
    if let Some(m) = c.minutes {
        parts.push(format!("for up to about {} minutes at a time", minutes(m)));
    }
    if let Some(d) = c.days {
        parts.push(days_text(d));
    }
    if let Some(p) = c.phase {
        parts.push(p.text().to_string());
    }
    if let Some(w) = c.with {
        parts.push(format!("with {}", g.name(w)));
    }
    if let Some(ctx) = c.context.filter(|&ctx| ctx != g.subject && !g.ancestors(g.subject).contains(&ctx)) {
        let flag = g.kind(ctx) == Kind::RedFlag;
        let on = g.kind(ctx) == Kind::Medication;
        parts.push(format!(
            "{} {}",
            if flag {
                "once there is"
            } else if on {
                "while on"
            } else {
                "during"
            },
            g.name(ctx)
        ));
    }
    if !c.cases.is_empty() {
        let cases: Vec<&str> = c.cases.iter().map(|&k| g.name(k)).collect();
        parts.push(format!("only for {}", cases.join(", or ")));
    }
    parts.join(", ")
}

/// The yes and the no of the question as asked.
fn reply_for(asks: Asks, holds: bool) -> Reply {
    if (asks == Asks::Forbidden) == holds { Reply::No } else { Reply::Yes }
}

/// "Yes", "No", "It depends".
fn opening(r: Reply) -> &'static str {
    match r {
        Reply::Yes => "Yes",
        Reply::No => "No",
        Reply::Depends => "It depends",
    }
}

/// The member the question names and the class the claim is about: "diazepam
/// is one (not named in the article)".
fn voice(g: &Graph, m: &Model, ev: &[&Evidence]) -> String {
    let Some(class) = ev.iter().find_map(|e| e.class) else { return String::new() };
    if m.x == class || !g.ancestors(m.x).contains(&class) {
        return String::new();
    }
    let x = g.node(m.x);
    let c = g.name(class);
    let kind = if plural(c) { format!("one of the {c}") } else { format!("a kind of {c}") };
    let not_named = match (x.lay, plural(x.name)) {
        (false, _) => "",
        (true, false) => "; the article does not name it",
        (true, true) => "; the article does not name them",
    };
    format!(" {} {} {kind}{not_named}.", capitalized(x.name), be(x.name))
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// Claims joined into one sentence: "a; b; and c".
fn joined(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}; and {last}", rest.join("; ")),
    }
}

/// The claims behind a branch, in words, one each, without repeats.
fn claims_said(g: &Graph, m: &Model, idx: &[usize]) -> Vec<String> {
    // Of several chains, the shortest says it; the rest are shown below.
    let shortest = idx.iter().map(|&i| m.evidence[i].steps(g).count()).filter(|&n| n > 1).min();
    let idx: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| {
            let n = m.evidence[i].steps(g).count();
            n == 1 || Some(n) == shortest
        })
        .collect();
    let idx = dedup_chains(g, m, idx);
    let idx = &idx[..];
    // One-step claims that differ only in their target are said once, the
    // targets listed: "opiates can lead to addiction, liver damage and ...".
    let mut groups: Vec<(EIx, Vec<EIx>)> = Vec::new();
    let mut out: Vec<String> = Vec::new();
    for &i in idx {
        let ev = &m.evidence[i];
        let e = ev.claim(g);
        let steps: Vec<EIx> = ev.steps(g).collect();
        if steps.len() == 1 && g.relation(e) != Relation::AvoidWhile {
            let key = |x: EIx| {
                let edge = g.edge(x);
                (edge.from, edge.relation, edge.negated, edge.certainty, edge.when.is_some())
            };
            match groups.iter_mut().find(|(first, _)| key(*first) == key(e)) {
                Some((_, rest)) => rest.push(e),
                None => groups.push((e, Vec::new())),
            }
            continue;
        }
        let said: Vec<String> = steps.iter().map(|&e| claim_text(g, e)).collect();
        // A chain is as sure as its least sure step.
        let weakest = steps.iter().copied().max_by_key(|&e| g.certainty(e) as u8).unwrap_or(e);
        let mut s = format!("{} {}", says(g, weakest), said.join(", and "));
        // A warning says what the thing warned against can lead to.
        if g.relation(e) == Relation::AvoidWhile && steps.len() == 1 {
            let harms: Vec<&str> = harms_of(g, g.ends(e).0).into_iter().map(|(_, h)| g.name(h)).collect();
            if !harms.is_empty() {
                s.push_str(&format!(", which can lead to {}", and_list(&harms)));
            }
        }
        if !out.contains(&s) {
            out.push(s);
        }
    }
    for (first, rest) in groups {
        let mut s = format!("{} {}", says(g, first), claim_text(g, first));
        if !rest.is_empty() {
            let name = g.name(g.ends(first).1);
            let mut targets: Vec<&str> = vec![name];
            targets.extend(rest.iter().map(|&e| g.name(g.ends(e).1)));
            targets.dedup();
            let and = if g.negated(first) { "or" } else { "and" };
            let list = match targets.as_slice() {
                [one] => one.to_string(),
                [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
                [] => String::new(),
            };
            if let Some(at) = s.rfind(name) {
                s.replace_range(at..at + name.len(), &list);
            }
            s = s.replace(", which can be very serious", "");
        }
        out.insert(0, s);
    }
    out
}

/// One chain of each length and start: two chains that differ only past
/// their first step say the same thing in a sentence.
fn dedup_chains(g: &Graph, m: &Model, idx: Vec<usize>) -> Vec<usize> {
    let mut seen: Vec<(EIx, usize)> = Vec::new();
    idx.into_iter()
        .filter(|&i| {
            let steps: Vec<EIx> = m.evidence[i].steps(g).collect();
            if steps.len() < 2 {
                return true;
            }
            let key = (steps[0], steps.len());
            let new = !seen.contains(&key);
            seen.push(key);
            new
        })
        .collect()
}

/// The verdict in words: what the article says of the claim, the reply to
/// the question as asked, and the sentence.
pub fn word(g: &Graph, m: &Model, d: &Decision) -> (Claim, Option<Reply>, String) {
    let when = match (m.setting.days, m.setting.phase) {
        (Some(days), _) => format!(" {}", days_text(days)),
        (None, Some(p)) => format!(" {}", p.text()),
        _ => String::new(),
    };
    match d {
        Decision::Yes(idx) | Decision::No(idx) => {
            let holds = matches!(d, Decision::Yes(_));
            let reply = reply_for(m.asks, holds);
            let ev: Vec<&Evidence> = idx.iter().map(|&i| &m.evidence[i]).collect();
            let mut text = format!("{}: {}.", opening(reply), joined(&claims_said(g, m, idx)));
            // Conditions that hold and say how: the days the claim is for.
            let conds: Vec<String> =
                ev.iter().map(|e| cond_text(g, &e.cond)).filter(|c| !c.is_empty()).collect::<Vec<_>>();
            if !conds.is_empty() && holds {
                let mut uniq: Vec<String> = Vec::new();
                for c in conds {
                    if !uniq.contains(&c) {
                        uniq.push(c);
                    }
                }
                text.pop();
                text.push_str(&format!(" ({}).", uniq.join("; ")));
            }
            text.push_str(&voice(g, m, &ev));
            text.push_str(&how(g, m));
            let claim = if holds == (m.check == Check::Harm) || holds { Claim::Affirmed } else { Claim::Denied };
            let claim = if holds { Claim::Affirmed } else { claim };
            (claim, Some(reply), text)
        }
        Decision::OtherTimes(idx) => {
            let reply = reply_for(m.asks, false);
            let ev: Vec<&Evidence> = idx.iter().map(|&i| &m.evidence[i]).collect();
            let conds: Vec<String> = ev.iter().map(|e| cond_text(g, &e.cond)).filter(|c| !c.is_empty()).collect();
            let mut text = format!(
                "{}: {}, {}, not{when}.",
                opening(reply),
                joined(&claims_said(g, m, idx)),
                conds.first().cloned().unwrap_or_else(|| "at other times".into())
            );
            text.push_str(&voice(g, m, &ev));
            (Claim::Denied, Some(reply), text)
        }
        Decision::Depends { yes, no } => {
            let parts = branches(g, m, yes, no);
            let mut text = format!("It depends: {}.", parts.join("; "));
            let ev: Vec<&Evidence> = yes.iter().chain(no.iter()).map(|&i| &m.evidence[i]).collect();
            text.push_str(&voice(g, m, &ev));
            text.push_str(&how(g, m));
            (Claim::Affirmed, Some(Reply::Depends), text)
        }
        Decision::Nothing => (Claim::Absent, None, String::new()),
    }
}

/// The branches of "it depends", as asked: "yes in the first 3 days", "no
/// from day 3 on (hedged)", "otherwise yes".
fn branches(g: &Graph, m: &Model, yes: &[usize], no: &[usize]) -> Vec<String> {
    let (yes_branch, no_branch) = if m.asks == Asks::Forbidden { (no, yes) } else { (yes, no) };
    let branch = |idx: &[usize]| -> String {
        let mut conds: Vec<String> = Vec::new();
        for &i in idx {
            let e = &m.evidence[i];
            let mut c = cond_text(g, &e.cond);
            if c.is_empty() {
                c = "otherwise".into();
            }
            match g.certainty(e.claim(g)) {
                Certainty::Hedged => c.push_str(" (hedged)"),
                Certainty::Doubtful => c.push_str(" (unsupported)"),
                Certainty::Stated => {}
            }
            if !conds.contains(&c) {
                conds.push(c);
            }
        }
        // "otherwise" goes last.
        conds.sort_by_key(|c| c.starts_with("otherwise"));
        conds.join(", or ")
    };
    // Conditional branches first; one with no condition last, as "otherwise".
    let (yes_text, no_text) = (branch(yes_branch), branch(no_branch));
    let mut parts: Vec<String> = Vec::new();
    for (word, b) in [("yes", &yes_text), ("no", &no_text)] {
        if b == "otherwise" {
            continue;
        }
        if let Some(rest) = b.strip_suffix(", or otherwise") {
            parts.push(format!("{word} {rest}"));
        } else if !b.is_empty() {
            parts.push(format!("{word} {b}"));
        }
    }
    for (word, b) in [("yes", &yes_text), ("no", &no_text)] {
        if b == "otherwise" || b.ends_with(", or otherwise") {
            parts.push(format!("otherwise {word}"));
        }
    }
    if no.is_empty() {
        parts.push(
            match m.check {
                Check::Avoid | Check::Helps => "the article gives it only then",
                Check::Harm => "otherwise the article names no harm of it",
                _ => "otherwise the article does not say",
            }
            .into(),
        );
    } else if yes.is_empty() {
        parts.push("otherwise the article says nothing either way".into());
    }
    parts
}

/// Whether to use it, in a few words, for a choice between things: "yes",
/// "no", or the branches.
pub fn brief(g: &Graph, m: &Model, d: &Decision) -> Option<String> {
    match d {
        Decision::Yes(_) => Some("yes".into()),
        Decision::No(_) | Decision::OtherTimes(_) => Some("no".into()),
        Decision::Depends { yes, no } => Some(branches(g, m, yes, no).join("; ")),
        Decision::Nothing => None,
    }
}

/// The claims a decision rests on.
pub fn deciding(d: &Decision) -> Vec<usize> {
    match d {
        Decision::Yes(v) | Decision::No(v) | Decision::OtherTimes(v) => v.clone(),
        Decision::Depends { yes, no } => yes.iter().chain(no).copied().collect(),
        Decision::Nothing => Vec::new(),
    }
}

/// How the article says to do it, and what to avoid while on it: the
/// cautions, in a sentence.
fn how(g: &Graph, m: &Model) -> String {
    let mut ways: Vec<String> = Vec::new();
    let mut avoid: Vec<String> = Vec::new();
    let mut settings: Vec<String> = Vec::new();
    let add = |list: &mut Vec<String>, s: String| {
        if !list.contains(&s) {
            list.push(s);
        }
    };
    // Cautions for settings the question is not in are not said (a red flag
    // said of home treatment as a whole).
    for e in m.cautions().filter(|e| e.cond.context.is_none() || fit(g, m, e) != Fit::Fails) {
        if let Some(w) = e.cond.misuse {
            add(&mut ways, g.name(w).to_string());
        } else if let Some(w) = e.cond.with {
            add(&mut avoid, g.name(w).to_string());
        } else if e.cond.context.is_some() {
            add(&mut settings, cond_text(g, &Cond { context: e.cond.context, ..Cond::default() }));
        }
    }
    let mut out = String::new();
    if !ways.is_empty() {
        out.push_str(&format!(" The article warns against {}.", or_list(&ways)));
    }
    if !settings.is_empty() {
        out.push_str(&format!(" It warns against it {}.", or_list(&settings)));
    }
    if !avoid.is_empty() {
        out.push_str(&format!(" While on it, the article says to avoid {}.", or_list(&avoid)));
    }
    out
}

fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph() -> Graph {
        crate::bundled::graph().expect("the bundled graph opens")
    }

    fn ix(g: &Graph, id: &str) -> Ix {
        g.by_id(id).unwrap_or_else(|| panic!("no node {id}"))
    }

    fn setting(g: &Graph, days: Option<(u16, Option<u16>)>, minutes: Option<f32>, named: &[&str]) -> Setting {
        Setting { days, minutes, phase: None, named: named.iter().map(|id| ix(g, id)).collect() }
    }

    fn decide_on(check: Check, asks: Asks, x: &str, y: Option<&str>, s: Setting) -> (Decision, Model) {
        let g = graph();
        let m = model(&g, check, asks, ix(&g, x), y.map(|y| ix(&g, y)), s);
        let d = decide(&g, &m);
        eprintln!("{x} {y:?}: {d:?}\n  {}", m.describe(&g).join("\n  "));
        (d, m)
    }

    #[test]
    fn plural_names_take_plural_verbs() {
        for (name, p) in [
            ("muscle relaxants", true),
            ("opiates and strong painkillers", true),
            ("pain relievers without a prescription", true),
            ("ice pack", false),
            ("stretching", false),
            ("bag of frozen peas", false),
            ("osteochondrosis", false),
            ("stress", false),
            ("drinking enough fluids", false),
        ] {
            assert_eq!(plural(name), p, "{name}");
        }
    }

    #[test]
    fn a_timed_treatment_with_no_day_depends_on_the_day() {
        let g = graph();
        let (d, _) = decide_on(Check::Avoid, Asks::Allowed, "heat-therapy", None, Setting::default());
        assert!(matches!(d, Decision::Depends { ref yes, ref no } if !yes.is_empty() && !no.is_empty()), "{d:?}");
        let (d, _) =
            decide_on(Check::Avoid, Asks::Allowed, "heat-therapy", None, setting(&g, Some((1, Some(2))), None, &[]));
        assert!(matches!(d, Decision::No(_)), "heat on day 2: {d:?}");
        let (d, _) =
            decide_on(Check::Avoid, Asks::Allowed, "heat-therapy", None, setting(&g, Some((4, Some(5))), None, &[]));
        assert!(matches!(d, Decision::Yes(_)), "heat on day 5: {d:?}");
    }

    #[test]
    fn a_session_too_long_is_no_whatever_the_phrasing() {
        let g = graph();
        for asks in [Asks::Allowed, Asks::Claim] {
            let s = setting(&g, Some((0, Some(1))), Some(120.0), &[]);
            let (d, _) = decide_on(Check::Avoid, asks, "ice-pack", None, s);
            assert!(matches!(d, Decision::No(_)), "ice for 2 hours: {d:?}");
        }
        let (d, _) =
            decide_on(Check::Avoid, Asks::Allowed, "ice-pack", None, setting(&g, Some((0, Some(1))), Some(15.0), &[]));
        assert!(matches!(d, Decision::Yes(_)), "ice for 15 minutes on day 1: {d:?}");
    }

    #[test]
    fn a_harm_that_turns_on_how_it_is_done_depends() {
        let g = graph();
        let (d, m) = decide_on(Check::Causes, Asks::Claim, "ice-pack", Some("frostbite"), Setting::default());
        let Decision::Depends { yes, no } = &d else { panic!("can ice cause frostbite: {d:?}") };
        assert!(yes.iter().any(|&i| m.evidence[i].cond.misuse == Some(ix(&g, "ice-on-bare-skin"))));
        assert!(!no.is_empty());
        let s = setting(&g, None, Some(10.0), &["thin-lining"]);
        let (d, _) = decide_on(Check::Causes, Asks::Claim, "ice-pack", Some("frostbite"), s);
        assert!(matches!(d, Decision::No(_)), "ten minutes with a towel: {d:?}");
    }

    #[test]
    fn a_member_inherits_its_class_warnings() {
        let g = graph();
        // Squats on the first day: the start is for rest.
        let (d, _) = decide_on(Check::Avoid, Asks::Allowed, "squats", None, setting(&g, Some((0, Some(1))), None, &[]));
        assert!(matches!(d, Decision::No(_)), "{d:?}");
        // Frozen peas on bare skin.
        let (d, _) =
            decide_on(Check::Avoid, Asks::Allowed, "ice-on-bare-skin", Some("frozen-peas"), Setting::default());
        assert!(matches!(d, Decision::No(_)), "{d:?}");
        // Deadlifts while on a muscle relaxant the article does not name.
        let (d, _) = decide_on(Check::Avoid, Asks::Allowed, "deadlifts", Some("diazepam"), Setting::default());
        assert!(matches!(d, Decision::No(_)), "{d:?}");
    }

    #[test]
    fn a_stage_with_no_day_is_a_condition() {
        let (d, _) = decide_on(Check::Avoid, Asks::Allowed, "stretching", None, Setting::default());
        assert!(matches!(d, Decision::Depends { .. }), "{d:?}");
        let s = Setting { phase: Some(Phase::Eased), ..Setting::default() };
        let (d, _) = decide_on(Check::Avoid, Asks::Allowed, "stretching", None, s);
        assert!(matches!(d, Decision::Yes(_)), "{d:?}");
    }

    #[test]
    fn severe_harms_are_no_and_denied_ones_are_yes() {
        let (d, _) = decide_on(Check::Avoid, Asks::Allowed, "tramadol", None, Setting::default());
        assert!(matches!(d, Decision::No(_)), "tramadol: {d:?}");
        let (d, _) = decide_on(Check::Harm, Asks::Forbidden, "acetaminophen", None, Setting::default());
        assert!(matches!(d, Decision::No(_)), "is acetaminophen safe: no harm claimed, {d:?}");
        let (d, _) = decide_on(Check::Harm, Asks::Forbidden, "opiates", None, Setting::default());
        assert!(matches!(d, Decision::Yes(_)), "are opiates safe: harm holds, {d:?}");
        let (d, _) = decide_on(Check::Causes, Asks::Claim, "acetaminophen", Some("tolerance"), Setting::default());
        assert!(matches!(d, Decision::No(_)), "{d:?}");
    }

    #[test]
    fn a_class_claim_is_worded_in_the_article_voice() {
        let g = graph();
        let (d, m) = decide_on(Check::Helps, Asks::Claim, "diazepam", Some("back-muscle-spasm"), Setting::default());
        let (_, reply, text) = word(&g, &m, &d);
        assert_eq!(reply, Some(Reply::Yes));
        assert!(text.contains("muscle relaxants relieve back muscle spasm for a while"), "{text}");
        assert!(text.contains("Diazepam is one of the muscle relaxants; the article does not name it"), "{text}");
        assert!(!text.contains("diazepam relieves"), "{text}");
    }

    #[test]
    fn a_red_flag_day_decides_self_treatment() {
        let g = graph();
        let s = setting(&g, Some((21, None)), None, &[]);
        let (d, _) = decide_on(Check::Avoid, Asks::Allowed, "home-treatment", None, s);
        assert!(matches!(d, Decision::No(_)), "{d:?}");
    }
}
