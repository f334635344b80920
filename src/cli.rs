//! Command-line arguments: every flag defined once, with its help.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

const ABOUT: &str = "Ask questions of a knowledge graph of one health article on back muscle spasms.";

const LONG_ABOUT: &str = "\
Ask questions of a knowledge graph of one health article on back muscle spasms:
its harms, symptoms, causes, red flags, treatments, home care and warnings.
Every answer cites the article's section and paragraph.

kg reports what one article claims. It is not medical advice.";

const EXAMPLES: &str = "\
Examples:
  kg list medication                    nodes of one kind
  kg show \"ice pack\"                    a node, its edges and their citations
  kg check graph/                       validate graph files, report every problem
  kg export --format json | jq .nodes   the whole graph as JSON

Exit status: 0 answers found, 1 a valid question with no answer, 2 an error.
Graph: --graph PATH (repeatable), else $KG_GRAPH (paths joined by ':'), else the
bundled graph compiled into kg.";

#[derive(Debug, Parser)]
#[command(name = "kg", version, about = ABOUT, long_about = LONG_ABOUT, after_help = EXAMPLES)]
pub struct Cli {
    /// Load this graph instead of the bundled one: a .ron file or a
    /// directory of them (repeatable; files merge)
    #[arg(short, long, global = true, value_name = "PATH")]
    pub graph: Vec<PathBuf>,

    /// Output format [default: text; json for export]
    #[arg(short, long, global = true, value_enum)]
    pub format: Option<Format>,

    /// When to colour output: auto colours only a terminal and honours NO_COLOR
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show one node: kind, aliases, summary, and every edge with its citations
    #[command(after_help = "Examples:\n  kg show ice pack\n  kg show muscle-relaxants --format json")]
    Show {
        /// The node: an id, a name or an alias (words may be unquoted)
        #[arg(required = true, num_args = 1..)]
        node: Vec<String>,
    },

    /// List nodes, all or of one kind; `kg list kinds` and `kg list relations` explain the schema
    #[command(after_help = "Examples:\n  kg list\n  kg list home_remedy\n  kg list relations")]
    List {
        /// A node kind (condition, symptom, medication, ...), or `kinds`, or `relations`
        kind: Option<String>,
    },

    /// Check graph files and report every problem with file:line:col
    #[command(
        after_help = "Without a path, checks the bundled graph.\nExit status: 0 clean (warnings allowed), 2 problems found."
    )]
    Check {
        /// .ron files or directories to check together as one graph
        paths: Vec<PathBuf>,
    },

    /// Count nodes and edges by kind and relation, and citations by section
    Stats,

    /// Write the whole graph in a standard format (json by default)
    #[command(
        after_help = "JSON shape (sorted for stable diffs):\n  {\"article\":{...}, \"nodes\":[{\"id\",\"name\",\"kind\",\"aliases\",\"summary\"}],\n   \"edges\":[{\"from\",\"relation\",\"to\",\"sources\":[{\"section\",\"title\",\"paragraph\"}],\"certainty\",\"when\"?,\"note\"?}]}"
    )]
    Export,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text for people
    Text,
    /// JSON for programs
    Json,
    /// Tab-separated values, one record a line
    Tsv,
    /// Graphviz DOT
    Dot,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Tsv => "tsv",
            Format::Dot => "dot",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
