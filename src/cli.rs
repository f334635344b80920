//! Command-line arguments: every flag defined once, with its help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use crate::dot::RankDir;
pub use crate::format::{ExportFormat, Format};
pub use crate::terminal::{ColorChoice, Paging};

const ABOUT: &str = "Ask questions of a knowledge graph of one health article on back muscle spasms.";

const LONG_ABOUT: &str = "\
Ask questions of a knowledge graph of one health article on back muscle spasms:
its harms, symptoms, causes, red flags, treatments, home care and warnings.
Every answer cites the article's section and paragraph.

kg reports what one article claims. It is not medical advice.";

const EXAMPLES: &str = "\
Examples:
  kg ask what treats muscle spasm       a question in plain English
  kg ask \"what must I avoid while on muscle relaxants\"
  kg query '?t relieves \"spasm\" during 0..2'
  kg path dehydration to spasm          how two things connect, each step cited
  kg                                    the REPL (on a terminal); a script on stdin
  kg list medication                    nodes of one kind
  kg show \"ice pack\"                    a node, its edges and their citations
  kg check graph/                       validate graph files, report every problem
  kg compile graph/ -o g.kg             one file read in place: kg --graph g.kg ...
  kg dot --focus spasm > spasm.dot      a node's neighbourhood as a diagram
  kg export --format json | jq .nodes   the whole graph as JSON
  kg completions --help                 how to install completions for your shell

Exit status: 0 answers found, 1 a valid question with no answer, 2 an error.
Graph: --graph PATH (repeatable), else $KG_GRAPH (paths joined by ':'), else the
bundled graph compiled into kg.";

const GLOBAL: &str = "Global options";

#[derive(Debug, Parser)]
#[command(name = "kg", version, about = ABOUT, long_about = LONG_ABOUT, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    /// Output format of the REPL, or of a script on stdin
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes, shown apart in each command's help.
#[derive(Debug, Args)]
pub struct Global {
    /// Load this graph instead of the bundled one: a .ron file or a
    /// directory of them (repeatable; files merge)
    #[arg(short, long, global = true, value_name = "PATH", help_heading = GLOBAL)]
    pub graph: Vec<PathBuf>,

    /// When to colour: auto colours a terminal (not with NO_COLOR or TERM=dumb; CLICOLOR_FORCE forces it)
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN", help_heading = GLOBAL)]
    pub color: ColorChoice,

    /// When to page: auto pages output taller than the terminal ($KG_PAGER, $PAGER, else less -FRX)
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN", help_heading = GLOBAL)]
    pub paging: Paging,

    /// Print nothing on stdout; the exit status answers (0 found, 1 not, 2 error), as grep -q does
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub quiet: bool,

    /// Results only: no notes or warnings on stderr (errors still)
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub no_notes: bool,
}

/// `--format` of the commands that answer (text, json, tsv, dot).
#[derive(Debug, Args)]
pub struct Output {
    /// Output format [default: text]
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ask a question in plain English; answers cite the article
    #[command(after_help = ASK_HELP)]
    Ask {
        /// The question (quotes optional)
        #[arg(required = true, num_args = 1.., value_name = "QUESTION")]
        question: Vec<String>,
        /// Also print (to stderr) the template matched and the query it ran
        #[arg(long)]
        explain: bool,
        #[command(flatten)]
        out: Output,
    },

    /// Run a pattern query (the language is in GRAMMAR.md)
    #[command(after_help = QUERY_HELP)]
    Query {
        /// The query (quotes advised: it holds `?` and `|`)
        #[arg(required = true, num_args = 1.., value_name = "QUERY")]
        query: Vec<String>,
        #[command(flatten)]
        out: Output,
    },

    /// Shortest chains of cited claims between two nodes
    #[command(
        after_help = "Examples:\n  kg path \"strength training\" \"muscle relaxants\"\n  kg path dehydration to spasm"
    )]
    Path {
        /// Two nodes: two quoted names, or words with `to` between them
        #[arg(required = true, num_args = 1.., value_name = "NODE")]
        nodes: Vec<String>,
        #[command(flatten)]
        out: Output,
    },

    /// Run a script: one question, query or command per line (`-` reads stdin)
    #[command(after_help = RUN_HELP)]
    Run {
        /// The script file, or `-` for standard input
        file: PathBuf,
        #[command(flatten)]
        out: Output,
    },

    /// Open the interactive REPL (the default when stdin is a terminal)
    Repl {
        #[command(flatten)]
        out: Output,
    },

    /// Show one node: kind, aliases, summary, and every edge with its citations
    #[command(after_help = "Examples:\n  kg show ice pack\n  kg show muscle-relaxants --format json")]
    Show {
        /// The node: an id, a name or an alias (words may be unquoted)
        #[arg(required = true, num_args = 1..)]
        node: Vec<String>,
        #[command(flatten)]
        out: Output,
    },

    /// List nodes, all or of one kind; `kg list kinds` and `kg list relations` explain the schema
    #[command(after_help = "Examples:\n  kg list\n  kg list home_remedy\n  kg list relations")]
    List {
        /// A node kind (condition, symptom, home remedies, ...), or `kinds`, or `relations`
        kind: Vec<String>,
        #[command(flatten)]
        out: Output,
    },

    /// Check graph files and report every problem with file:line:col
    #[command(
        after_help = "Without a path, checks the bundled graph. A compiled graph (kg compile) is checked\nrecord by record. With --format json: one document on stdout, every problem in\n\"diagnostics\" with its file, line, column, severity, message and help.\nExit status: 0 clean (warnings allowed), 2 problems found."
    )]
    Check {
        /// .ron files or directories to check together as one graph
        paths: Vec<PathBuf>,
        #[command(flatten)]
        out: Output,
    },

    /// Compile graph files into one file that kg reads in place (--graph FILE)
    #[command(after_help = COMPILE_HELP)]
    Compile {
        /// .ron files or directories to compile together (default: --graph, else the bundled graph)
        paths: Vec<PathBuf>,
        /// The compiled file to write (atomically)
        #[arg(short, long, value_name = "FILE", required = true)]
        output: PathBuf,
    },

    /// Count nodes and edges by kind and relation, and citations by section
    Stats {
        #[command(flatten)]
        out: Output,
    },

    /// Draw the graph, or part of it, as a Graphviz diagram (DOT, or SVG/PNG with --render)
    #[command(after_help = DOT_HELP)]
    Dot {
        /// Draw only this node and its neighbourhood (repeatable): an id, a name or an alias
        #[arg(long, value_name = "NODE")]
        focus: Vec<String>,
        /// How many edges from a focus node to go, either direction; the
        /// article's subject and hubs are reached but not gone through [default: 1]
        #[arg(long, value_name = "N", requires = "focus")]
        depth: Option<usize>,
        /// Let --depth go on through the subject and other hub nodes
        #[arg(long, requires = "focus")]
        through_hubs: bool,
        /// Draw at most N nodes, the nearest to the focus first
        #[arg(long, value_name = "N")]
        max_nodes: Option<usize>,
        /// Only nodes of these kinds, comma-separated (focus nodes always stay)
        #[arg(long, value_name = "KIND,...", value_delimiter = ',')]
        kinds: Vec<String>,
        /// Only edges of these relations, comma-separated; nodes left without an
        /// edge are dropped, and is_a edges stay only where they touch a node
        /// another relation drew
        #[arg(long, value_name = "RELATION,...", value_delimiter = ',')]
        relations: Vec<String>,
        /// Group the nodes of each kind in a box
        #[arg(long)]
        clusters: bool,
        /// Which way the diagram flows
        #[arg(long, value_enum, default_value_t = RankDir::Lr, value_name = "DIR", ignore_case = true)]
        rankdir: RankDir,
        /// Draw a legend of the kinds and relations drawn [default: for views of 20 nodes or more]
        #[arg(long, overrides_with = "no_legend")]
        legend: bool,
        /// Leave out the legend
        #[arg(long)]
        no_legend: bool,
        /// Run Graphviz `dot` to render an image instead of writing DOT
        #[arg(long, value_enum, value_name = "FORMAT")]
        render: Option<Image>,
        /// Write to this file (atomically) instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },

    /// Write the whole graph in a standard format: json (default), turtle, ntriples, graphml, dot
    #[command(after_help = EXPORT_HELP)]
    Export {
        /// The format to write [default: json]
        #[arg(short, long, value_enum, value_name = "FORMAT")]
        format: Option<ExportFormat>,
        /// Write to this file (whole or not at all) instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },

    /// Serve the graph as web pages on this machine: ask, browse, diagrams and JSON
    #[command(after_help = SERVE_HELP)]
    Serve {
        /// The port to listen on (0: any free one; the URL is printed)
        #[arg(long, value_name = "N", default_value_t = crate::serve::DEFAULT_PORT)]
        port: u16,
        /// Open the page in a web browser ($BROWSER, else the system's)
        #[arg(long)]
        open: bool,
        /// The address to listen on [default: 127.0.0.1, this machine only]
        #[arg(long, value_name = "ADDR")]
        listen: Option<String>,
    },

    /// Print a shell completion script (node names complete as ids)
    #[command(after_help = COMPLETIONS_HELP)]
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print the manual page (roff)
    #[command(
        after_help = "Examples:\n  kg man | man -l -\n  man1=\"$(dirname \"$(command -v kg)\")/../share/man/man1\"; mkdir -p \"$man1\" && kg man > \"$man1/kg.1\""
    )]
    Man,
}

impl Command {
    /// The `--format` given to this command, if it takes one.
    pub fn format(&self) -> Option<Format> {
        match self {
            Command::Ask { out, .. }
            | Command::Query { out, .. }
            | Command::Path { out, .. }
            | Command::Run { out, .. }
            | Command::Repl { out }
            | Command::Show { out, .. }
            | Command::List { out, .. }
            | Command::Check { out, .. }
            | Command::Stats { out } => out.format,
            Command::Dot { .. }
            | Command::Export { .. }
            | Command::Completions { .. }
            | Command::Compile { .. }
            | Command::Serve { .. }
            | Command::Man => None,
        }
    }
}

const SERVE_HELP: &str = "\
Pages drawn on the server, each a link to share: / (ask; /?q=QUESTION answers),
/node/ID, /section/ID, /graph?focus=ID&depth=N (SVG through Graphviz), and their
JSON: /api/ask?q=QUESTION and /api/node/ID print what kg ask and kg show print
with --format json. Read-only; it answers only requests whose Host names it.

Examples:
  kg serve                          http://127.0.0.1:7979/ until Ctrl-C
  kg serve --port 0 --open          any free port, opened in a browser
  kg serve --graph my-graph/        your own graph
  kg serve --listen 0.0.0.0         every interface (warns: others can read it)";

const COMPLETIONS_HELP: &str = "\
Commands and options complete in every shell. In bash, zsh and fish so do
kinds, relations and node ids after show, path and --focus (zsh and fish show
each node's name beside its id). The ids are those of the graph in force when
the script is made: make it again after --graph or $KG_GRAPH changes. Names
reach the script quoted as inert text for each shell.

Install (each line makes the directory it writes into):
  bash   d=\"${XDG_DATA_HOME:-$HOME/.local/share}/bash-completion/completions\"
         mkdir -p \"$d\" && kg completions bash > \"$d/kg\"   (needs bash-completion)
  zsh    mkdir -p ~/.zfunc && kg completions zsh > ~/.zfunc/_kg
         echo 'fpath+=(~/.zfunc); autoload -Uz compinit; compinit' >> ~/.zshrc
  fish   mkdir -p $__fish_config_dir/completions
         kg completions fish > $__fish_config_dir/completions/kg.fish
  elvish      use path; use runtime; mkdir -p (path:dir $runtime:rc-path)
              kg completions elvish >> $runtime:rc-path
  powershell  kg completions powershell >> $PROFILE";

const ASK_HELP: &str = "\
Questions are matched against a table of templates (`kg ask help`, or `:help`
in the REPL, lists them all); a typo in a name is taken with a note, an
unknown name is an error.

Examples:
  kg ask what treats muscle spasm
  kg ask what must I avoid while on muscle relaxants
  kg ask what helps in the first 2 days
  kg ask which foods contain potassium
  kg ask when should I see a doctor
  kg ask --explain why avoid strength training on muscle relaxants
  kg ask what causes back spasms --format json | jq -r '.answers[].name'

Exit status: 0 answers, 1 no answer in the article, 2 error.";

const QUERY_HELP: &str = "\
Grammar (GRAMMAR.md): clauses `subject relation object` joined by `,`;
`?x` variables, \"quoted names\", `^rel` inverse, `rel*` / `rel+` / `rel?`,
`a/b` sequence, `a|b` choice, `?x : kind`, `not ...`, `during 0..3`,
`select ?x`, `limit N`.

Examples:
  kg query '?t treats|relieves \"back muscle spasm\"'
  kg query 'select ?x where \"muscle relaxants\" is_a*/^avoid_while ?x'
  kg query '?c causes+ \"spasm\", ?c : factor|behaviour'
  kg query '?f rich_in \"potassium\"' --format tsv | cut -f2";

const DOT_HELP: &str = "\
Node shape and colour show the kind, line style and colour the relation; a
grey label ending in `?` is a hedged claim. A legend lists what is drawn.
Hover a node or an edge in the SVG for its summary or its citations.

Examples:
  kg dot > kg.dot                                 the whole graph as DOT
  kg dot --clusters --render svg -o graph.svg     an SVG, nodes boxed by kind
  kg dot --focus \"ice pack\" --depth 2 --render png -o ice.png
  kg dot --kinds medication,harm,behaviour --rankdir TB
  kg dot --relations treats,relieves | dot -Tsvg > treatments.svg
  kg ask what treats muscle spasm --format dot    an answer as DOT

--render needs Graphviz (apt-get install graphviz, brew install graphviz).";

const EXPORT_HELP: &str = "\
Formats (--format):
  json      {\"version\":1, \"notes\":[], \"article\":{...}, \"nodes\":[{\"id\",\"name\",\"kind\",\"aliases\",\"summary\"}],
             \"edges\":[{\"from\",\"relation\",\"to\",\"sources\":[{\"section\",\"title\",\"paragraph\"}],
             \"certainty\",\"when\"?,\"note\"?}]}
  turtle    RDF (also ntriples): base https://kg.example/back-spasm/
              node:<id>  a kind:<Kind>; rdfs:label, skos:altLabel, rdfs:comment
              node:<from> rel:<relation> node:<to>     each claim, directly
              an rdf:Statement per claim: kg:certainty, kg:when..., rel:source
              kg:source/<section>/<paragraph>: kg:section (title), kg:paragraph
  graphml   nodes with name, kind, aliases, summary; edges with relation,
            sources (\"section:paragraph;...\"), certainty, when, note
  dot       the whole graph for Graphviz (kg dot has more options)
All are sorted for stable diffs. With -o FILE the file is written whole or
not at all.

Examples:
  kg export | jq '.nodes | length'
  kg export --format turtle > kg.ttl && oxigraph load --location db --file kg.ttl
  kg export --format graphml > kg.graphml";

const COMPILE_HELP: &str = "\
The graph is checked as `kg check` does, then written in kg's compiled format:
one file that kg maps into memory and reads in place, so a question at a
million edges touches only the pages it needs. Give it to --graph (or
$KG_GRAPH) like a directory of .ron files; ship it next to them, or instead.
The file is for machines of the same byte order (all common ones are
little-endian) and this version of kg; another version refuses it with a
message, and `kg check FILE` verifies every record of one.

Examples:
  kg compile graph/ -o article.kg
  kg --graph article.kg ask what treats muscle spasm
  kg check article.kg";

const RUN_HELP: &str = "\
A script is what you would type in the REPL, a line at a time: a question; a
command (ask, query, show, path, list, stats); a pattern query, which is any
line starting with ?x or select; or a colon command (:format json, :explain
on, :graph PATH, :dot FILE, :quit). Blank lines and lines starting with # are
skipped. The first error stops the script with its file:line and exit status
2; otherwise the status is 0 if every line found answers, 1 if some found none.

Example script:
  # what the article says about ice
  what treats muscle spasm
  ?t relieves \"spasm\" during 0..2
  :format json
  show ice pack";

/// An image format Graphviz renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Image {
    Svg,
    Png,
}

impl Image {
    pub fn name(self) -> &'static str {
        match self {
            Image::Svg => "svg",
            Image::Png => "png",
        }
    }
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
