//! Output formats: the ones every command writes and the ones only `kg
//! export` writes. Kept apart from `cli` so the renderers below it can
//! name them.

use clap::ValueEnum;

use crate::diag::{Diagnostic, Failure};

/// How a command's result is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text for people
    #[default]
    Text,
    /// JSON for programs
    Json,
    /// Tab-separated values, one record a line
    Tsv,
    /// Graphviz DOT
    Dot,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Text, Format::Json, Format::Tsv, Format::Dot];

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Tsv => "tsv",
            Format::Dot => "dot",
        }
    }

    pub fn parse(text: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == text)
    }
}

/// How `kg export` writes the whole graph.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// JSON: article, nodes and edges
    #[default]
    Json,
    /// RDF Turtle
    #[value(alias = "ttl")]
    Turtle,
    /// RDF N-Triples
    #[value(alias = "nt")]
    Ntriples,
    /// GraphML, for networkx, Gephi, Neo4j
    Graphml,
    /// Graphviz DOT (kg dot has more options)
    Dot,
}

/// The error for a format a command cannot write, naming those it can.
pub fn unsupported(format: &str, what: &str, valid: &[Format]) -> Failure {
    let names: Vec<&str> = valid.iter().map(|f| f.name()).collect();
    Failure::new(
        Diagnostic::error(format!("{what} cannot write `--format {format}`"))
            .help(format!("use one of: {}", names.join(", "))),
    )
}
