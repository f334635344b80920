//! DOT output of reports: the answer as a subgraph (the question's nodes,
//! the answers and the edges between them), a node's neighbourhood, or the
//! chains of a path. The emitter itself is [`crate::dot`].

use crate::graph::Graph;
use crate::report::Report;

/// DOT for a report, or `None` when the report has no graph to draw.
pub fn report(g: &Graph, report: &Report) -> Option<String> {
    crate::dot::report(g, report)
}
