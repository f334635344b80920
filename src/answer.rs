//! Answers: what `kg ask` and `kg query` produce. Each item is a row of the
//! query result with the edges that support it, so it can show its relation,
//! its citations, its timing and its path; treatment answers also carry the
//! warnings that apply to them.

use crate::graph::{EIx, Graph, Ix};
use crate::model::{Kind, Relation};
use crate::query::QueryResult;

#[derive(Clone, Debug)]
pub struct Answer {
    /// The question or query as typed.
    pub question: String,
    /// The template that matched, if it was a question.
    pub template: Option<&'static str>,
    /// What the question was taken to mean, in words.
    pub interpretation: String,
    /// The pattern query that produced the answers.
    pub query: String,
    /// Nodes the question names (drawn highlighted in DOT).
    pub focus: Vec<Ix>,
    pub vars: Vec<String>,
    pub items: Vec<Item>,
    /// For yes/no questions: the answer to the question as asked, and
    /// what it rests on (the items are the claims).
    pub verdict: Option<Verdict>,
    /// Nodes whose summary is shown with the answer (what a yes/no question
    /// was about).
    pub about: Vec<Ix>,
}

/// What the article says of the claim a yes/no question checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// The article makes the claim.
    Affirmed,
    /// The article says it does not hold (or not then).
    Denied,
    /// The article says nothing about it.
    Absent,
}

impl Claim {
    pub fn as_str(self) -> &'static str {
        match self {
            Claim::Affirmed => "says-so",
            Claim::Denied => "says-not",
            Claim::Absent => "says-nothing",
        }
    }
}

/// The reply to a yes/no question as asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    Yes,
    No,
    /// The article's answer turns on a condition the question does not
    /// settle (the day, how long, a stage of the spasm, a case).
    Depends,
}

impl Reply {
    pub fn as_str(self) -> &'static str {
        match self {
            Reply::Yes => "yes",
            Reply::No => "no",
            Reply::Depends => "depends",
        }
    }
}

/// The answer to a yes/no question, as asked: "is it safe to drink while on
/// opiates" with a warning is no; "should I avoid it" with one is yes.
#[derive(Clone, Debug)]
pub struct Verdict {
    pub claim: Claim,
    /// Yes, no, it depends, or none (the article says nothing).
    pub reply: Option<Reply>,
    /// The verdict in words, naming the question it answers.
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct Item {
    /// One node per variable; the first is the answer.
    pub values: Vec<Ix>,
    /// The edges that matched, in path order.
    pub support: Vec<EIx>,
    pub warnings: Vec<Warning>,
}

impl Item {
    /// An item that is only the claims it rests on: the rows behind a
    /// yes/no verdict, which name no answer of their own.
    pub fn supported_by(support: Vec<EIx>) -> Item {
        Item { values: Vec::new(), support, warnings: Vec::new() }
    }
}

/// Something to avoid while using an answer, or a harm it risks.
#[derive(Clone, Debug)]
pub struct Warning {
    /// `AvoidWhile`: `node` is what to avoid; `Risks`: `node` is the harm.
    pub relation: Relation,
    pub node: Ix,
    /// The class the warning was given for, when the answer is a member of it.
    pub via: Option<Ix>,
    /// Harms the avoided thing risks.
    pub harms: Vec<Ix>,
    /// Every edge behind the warning, for citations.
    pub edges: Vec<EIx>,
}

impl Answer {
    pub fn from_result(question: &str, query: &str, focus: Vec<Ix>, result: QueryResult) -> Answer {
        Answer {
            question: question.to_string(),
            template: None,
            interpretation: format!("answers to the pattern `{}`", query.trim()),
            query: query.trim().to_string(),
            focus,
            vars: result.vars,
            items: result
                .rows
                .into_iter()
                .map(|r| Item { values: r.values, support: r.support, warnings: Vec::new() })
                .collect(),
            verdict: None,
            about: Vec::new(),
        }
    }

    /// Whether the article gives no answer (exit 1). A yes/no question the
    /// article says nothing about is empty even when related claims are
    /// shown beside its verdict.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() || self.verdict.as_ref().is_some_and(|v| v.claim == Claim::Absent)
    }

    /// Finds the warnings for every treatment among the answers.
    pub fn add_warnings(&mut self, g: &Graph) {
        for item in &mut self.items {
            if let Some(&ix) = item.values.first()
                && Kind::TREATMENTS.contains(&g.kind(ix))
            {
                item.warnings = warnings_for(g, ix);
            }
        }
    }
}

impl Item {
    /// The relation the answer stands in: that of the edge touching the
    /// answer, preferring one that is not `is_a` (which only carries a
    /// statement from a class to its member).
    pub fn relation(&self, g: &Graph) -> Option<Relation> {
        let answer = *self.values.first()?;
        let touching = |e: &&EIx| {
            let (a, b) = g.ends(**e);
            a == answer || b == answer
        };
        let rel = |e: &EIx| g.edge(*e).relation;
        let mut edges = self.support.iter().filter(touching);
        edges
            .clone()
            .map(rel)
            .find(|&r| r != Relation::IsA)
            .or_else(|| edges.next().map(rel))
            .or_else(|| self.support.iter().map(rel).find(|&r| r != Relation::IsA))
            .or_else(|| self.support.first().map(rel))
    }

    /// Whether the article denies the answer's relation ("not risks").
    pub fn denied(&self, g: &Graph) -> bool {
        let Some(&answer) = self.values.first() else { return false };
        self.support.iter().any(|&e| {
            let (a, b) = g.ends(e);
            (a == answer || b == answer) && g.edge(e).negated
        })
    }

    /// Nodes the support passes through, other than the answer and `focus`.
    pub fn via(&self, g: &Graph, focus: &[Ix]) -> Vec<Ix> {
        let mut out = Vec::new();
        for &e in &self.support {
            let (a, b) = g.ends(e);
            for n in [a, b] {
                if !self.values.contains(&n) && !focus.contains(&n) && !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        out
    }
}

/// What the article says to avoid while using `ix` (or any class it is a
/// kind of), with the harms those things risk, and the harms `ix` risks.
/// The same as the queries `"ix" is_a*/^avoid_while ?w` and
/// `"ix" is_a*/risks ?h`, walked directly: this runs for every treatment in
/// an answer, so it should cost no parsing.
pub fn warnings_for(g: &Graph, ix: Ix) -> Vec<Warning> {
    use petgraph::Direction::{Incoming, Outgoing};
    let mut out: Vec<Warning> = Vec::new();
    for (class, chain) in g.ancestor_chains(ix) {
        let via = Some(class).filter(|&c| c != ix);
        let seen = |out: &[Warning], rel, node| out.iter().any(|w| w.relation == rel && w.node == node);
        for (e, avoid) in g.step(class, Relation::AvoidWhile, Incoming) {
            if seen(&out, Relation::AvoidWhile, avoid) {
                continue;
            }
            let mut edges = chain.clone();
            edges.push(e);
            let mut harms = Vec::new();
            for (r, h) in g.step(avoid, Relation::Risks, Outgoing) {
                if !harms.contains(&h) {
                    harms.push(h);
                    edges.push(r);
                }
            }
            harms.sort_by(|&a, &b| g.node(a).name.cmp(g.node(b).name));
            out.push(Warning { relation: Relation::AvoidWhile, node: avoid, via, harms, edges });
        }
        for (e, harm) in g.step(class, Relation::Risks, Outgoing) {
            if seen(&out, Relation::Risks, harm) {
                continue;
            }
            let mut edges = chain.clone();
            edges.push(e);
            out.push(Warning { relation: Relation::Risks, node: harm, via, harms: Vec::new(), edges });
        }
    }
    // As the queries listed them: avoids, then risks, each by name.
    out.sort_by(|a, b| {
        (a.relation != Relation::AvoidWhile)
            .cmp(&(b.relation != Relation::AvoidWhile))
            .then_with(|| g.node(a.node).name.cmp(g.node(b.node).name))
    });
    out
}
