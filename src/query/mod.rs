//! The pattern query language: [`lex`] → [`parse`] → [`ast`] → [`eval`].
//! `kg query` runs it directly and `kg ask` compiles questions into it, so
//! there is one evaluator. The grammar is in GRAMMAR.md.

pub mod ast;
pub mod eval;
pub mod lex;
pub mod parse;

use crate::diag::Diagnostic;
use crate::graph::Graph;

pub use eval::{Compiled, QueryResult, Row};

/// Parses, resolves and runs a query. Diagnostics point into source 0, `src`.
pub fn run(g: &Graph, src: &str) -> Result<(Compiled, QueryResult), Diagnostic> {
    let q = parse::parse(src)?;
    let c = eval::compile(g, &q)?;
    let r = eval::eval(g, &c)?;
    Ok((c, r))
}
