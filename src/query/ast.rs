//! The syntax tree of a pattern query (see GRAMMAR.md). Every node carries
//! the byte span of the source it came from, for diagnostics.

use std::ops::Range;

use crate::model::{Kind, Relation};

pub type Span = Range<usize>;

#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// Projected variables; empty means every variable, in order of appearance.
    pub select: Vec<(String, Span)>,
    pub clauses: Vec<Clause>,
    pub limit: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Clause {
    Triple { negated: bool, subject: Term, path: Path, object: Term, during: Option<Days> },
    Kind { var: String, span: Span, kinds: Vec<Kind> },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    Var(String, Span),
    /// A node named in the query: the text as written, resolved later.
    Node(String, Span),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Path {
    Step(Relation),
    /// An edge the article denies (`!causes`): "X does not cause Y".
    Denied(Relation),
    Inverse(Box<Path>),
    Seq(Vec<Path>),
    Alt(Vec<Path>),
    /// Zero or more.
    Star(Box<Path>),
    /// One or more.
    Plus(Box<Path>),
    /// Zero or one.
    Opt(Box<Path>),
}

/// Days since onset, `from <= day < to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days {
    pub from: u16,
    pub to: Option<u16>,
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let grouped = |p: &Path, f: &mut std::fmt::Formatter<'_>| match p {
            Path::Seq(_) | Path::Alt(_) => write!(f, "({p})"),
            _ => write!(f, "{p}"),
        };
        match self {
            Path::Step(r) => write!(f, "{r}"),
            Path::Denied(r) => write!(f, "!{r}"),
            Path::Inverse(p) => {
                f.write_str("^")?;
                grouped(p, f)
            }
            Path::Seq(ps) | Path::Alt(ps) => {
                let sep = if matches!(self, Path::Seq(_)) { "/" } else { "|" };
                for (i, p) in ps.iter().enumerate() {
                    if i > 0 {
                        f.write_str(sep)?;
                    }
                    match (self, p) {
                        (Path::Seq(_), Path::Alt(_)) => write!(f, "({p})")?,
                        _ => write!(f, "{p}")?,
                    }
                }
                Ok(())
            }
            Path::Star(p) | Path::Plus(p) | Path::Opt(p) => {
                grouped(p, f)?;
                f.write_str(match self {
                    Path::Star(_) => "*",
                    Path::Plus(_) => "+",
                    _ => "?",
                })
            }
        }
    }
}
