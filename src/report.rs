//! What a command produces, before it is rendered in a format.

use crate::answer::Answer;
use crate::graph::{EIx, Ix};
use crate::model::Kind;

/// How a command ended, short of an error: exit status 0 or 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Answered,
    NoAnswer,
}

/// One command's result. Each format module renders every variant.
#[derive(Clone, Debug)]
pub enum Report {
    /// `kg check`: the graph is clean.
    Checked { nodes: usize, edges: usize, citations: usize, warnings: usize },
    /// `kg stats`
    Stats,
    /// `kg list [KIND]`
    List { kind: Option<Kind>, nodes: Vec<Ix> },
    /// `kg list kinds`
    Kinds,
    /// `kg list relations`
    Relations,
    /// `kg show NODE`
    Show { node: Ix },
    /// `kg ask`, `kg query`
    Answer(Answer),
    /// `kg path A B`: shortest chains of edges from `from` to `to`.
    Paths { from: Ix, to: Ix, paths: Vec<Vec<EIx>> },
    /// `kg ask "how does X lead to Y"`: causal chains, with what the article
    /// says of each step's things (the mechanism, in words).
    Chains { from: Ix, to: Ix, paths: Vec<Vec<EIx>> },
    /// `kg ask` about something the article does not cover.
    NotCovered(crate::ask::NotCovered),
    /// `kg ask "what is X"` where the article only names X: what it does
    /// say of X (exit 1: what X is, it does not say).
    Undescribed { node: Ix },
    /// A question in several parts, or a comparison.
    Several(Vec<Report>),
    /// What `kg ask` made of a question, around its answer: the JSON shows
    /// it as `reading`; the other formats show the answer.
    Question { reading: Box<crate::ask::ReadingInfo>, report: Box<Report> },
}

impl Report {
    /// Whether the report holds an answer (exit 0) or is empty (exit 1).
    pub fn status(&self) -> Status {
        if self.is_empty() { Status::NoAnswer } else { Status::Answered }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Report::List { nodes, .. } => nodes.is_empty(),
            Report::Answer(a) => a.is_empty(),
            Report::Paths { paths, .. } | Report::Chains { paths, .. } => paths.is_empty(),
            Report::NotCovered(_) | Report::Undescribed { .. } => true,
            // A comparison with a side the article does not cover is not
            // answered, though what it says of the other side is shown.
            Report::Several(parts) => {
                let compared = parts.iter().any(|p| matches!(p, Report::Answer(a) if a.template == Some("compare")));
                let uncovered = parts.iter().any(|p| matches!(p, Report::NotCovered(_)));
                parts.iter().all(Report::is_empty) || compared && uncovered
            }
            Report::Question { report, .. } => report.is_empty(),
            _ => false,
        }
    }
}
