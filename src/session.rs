//! A session: one graph and the output settings, and the one line language
//! that the REPL, `kg run` scripts and a script on stdin all speak. A line
//! is a `:command` (`:format json`), a query (it starts with `?x` or
//! `select`), a command (`show ice pack`), or else a question. One
//! dispatcher, [`Session::eval`], reads them all, so a line means the same
//! wherever it is typed. It knows nothing of terminals, so it is tested
//! directly.

use std::path::PathBuf;

use crate::answer::Answer;
use crate::ask::{self, Outcome};
use crate::diag::{Diagnostic, Failure};
use crate::format::{Format, unsupported};
use crate::graph::{Graph, Ix};
use crate::render::{self, Style};
use crate::report::{Report, Status};
use crate::source::load_graph;
use crate::text::shell_words;

/// Commands a line may start with; anything else is a question.
pub const COMMANDS: &[(&str, &str)] = &[
    ("ask", "ask QUESTION — a question in plain English"),
    ("query", "query PATTERN — a pattern query (see GRAMMAR.md); a line starting with ?x or select is one too"),
    ("show", "show NODE — a node with every edge and citation"),
    ("path", "path A B — shortest chains of claims between two nodes (quote names of several words, or write A to B)"),
    ("list", "list [KIND|kinds|relations] — nodes of a kind, or the schema"),
    ("stats", "stats — counts by kind and relation"),
];

/// The `:commands`, with their help.
pub const META: &[(&str, &str)] = &[
    (":help", "this help"),
    (":format text|json|tsv|dot", "how answers are printed"),
    (":explain on|off", "also show the template and query behind each answer"),
    (":graph PATH...", "load another graph (.ron files or directories); on error the current one stays"),
    (":dot FILE", "write the last answer as Graphviz DOT"),
    (":history", "the lines entered so far"),
    (":quit", "leave (Ctrl-D on an empty line does too; in a script, stop it)"),
];

/// What a command or a question produced.
#[derive(Debug, Default)]
pub struct Reply {
    /// For stdout.
    pub text: String,
    /// Notes for stderr ("taking ... as ..."); JSON carries them too.
    pub notes: Vec<String>,
    pub status: Option<Status>,
    /// The report behind the text, kept for `:dot`.
    pub report: Option<Report>,
}

/// What a line asks of whoever runs it (the REPL or a script).
#[derive(Debug)]
pub enum Step {
    /// Output: results for stdout, notes for stderr.
    Reply(Box<Reply>),
    /// A setting changed or a file was written (`:format json`, `:dot F`):
    /// said in the REPL, silent in a script, as sqlite3's `.mode` is.
    Done(String),
    /// `:history`: the lines so far.
    History,
    /// `:quit`: leave the REPL, or stop the script.
    Quit,
    /// `clear`: clear the screen (nothing in a script).
    Clear,
}

impl Step {
    /// Text that answers the line (`:help`, `:format`).
    fn reply(text: String) -> Step {
        Step::Reply(Box::new(Reply { text, status: Some(Status::Answered), ..Reply::default() }))
    }
}

pub struct Session {
    pub graph: Graph,
    pub format: Format,
    pub explain: bool,
    pub style: Style,
    /// The graph's paths; empty for the bundled graph.
    pub paths: Vec<PathBuf>,
    /// The last report, for `:dot`.
    pub last: Option<Report>,
}

/// Whether a line is a pattern query by its look: it starts with a
/// variable (`?x treats "spasm"`) or with `select`. Its errors are then the
/// query's, never a second reading as a question.
pub fn is_query(line: &str) -> bool {
    let line = line.trim_start();
    let mut chars = line.chars();
    let variable = chars.next() == Some('?') && chars.next().is_some_and(|c| c.is_alphabetic() || c == '_');
    variable || split_word(line).0.eq_ignore_ascii_case("select")
}

impl Session {
    pub fn new(graph: Graph, format: Format, style: Style) -> Session {
        Session { graph, format, explain: false, style, paths: Vec::new(), last: None }
    }

    /// Evaluates one line of the line language. Blank lines and `#`
    /// comments give empty output.
    pub fn eval(&mut self, line: &str) -> Result<Step, Failure> {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return Ok(Step::Reply(Box::default()));
        }
        // What people type at any prompt (sqlite3, python, psql) means the same here.
        match line.to_ascii_lowercase().as_str() {
            "help" | "?" | "h" | ".help" => return self.meta(":help"),
            "quit" | "exit" | "q" | ".quit" | ".exit" | "bye" => return Ok(Step::Quit),
            "clear" | "cls" => return Ok(Step::Clear),
            _ => {}
        }
        if line.starts_with(':') {
            return self.meta(line);
        }
        let reply = self.command(line)?;
        if reply.report.is_some() {
            self.last = reply.report.clone();
        }
        Ok(Step::Reply(Box::new(reply)))
    }

    /// A command, a query, or a question.
    fn command(&self, line: &str) -> Result<Reply, Failure> {
        if is_query(line) {
            return self.query(line);
        }
        let (word, rest) = split_word(line);
        match word.to_lowercase().as_str() {
            "ask" if !rest.is_empty() => self.ask(rest),
            "query" | "q" if !rest.is_empty() => self.query(rest),
            "show" | "describe" if !rest.is_empty() => self.show(rest),
            "path" | "connect" if !rest.is_empty() => self.path_line(rest),
            "list" => self.list(if rest.is_empty() { None } else { Some(rest) }),
            "stats" if rest.is_empty() => self.reply(Report::Stats, Vec::new()),
            _ => self.ask(line),
        }
    }

    /// Runs a `:command`.
    fn meta(&mut self, line: &str) -> Result<Step, Failure> {
        let (word, rest) = split_word(line.trim());
        let fail = |d: Diagnostic| Err(Failure::in_text("command", line, d));
        match word {
            ":help" | ":h" | ":?" => Ok(Step::reply(self.help())),
            ":quit" | ":q" | ":exit" => Ok(Step::Quit),
            ":history" => Ok(Step::History),
            ":format" | ":f" => {
                if rest.is_empty() {
                    return Ok(Step::reply(format!("format: {}\n", self.format.name())));
                }
                match Format::parse(rest) {
                    Some(f) => {
                        self.format = f;
                        Ok(Step::Done(format!("format: {}", f.name())))
                    }
                    None => fail(
                        Diagnostic::error(format!("unknown format `{rest}`")).help("use one of: text, json, tsv, dot"),
                    ),
                }
            }
            ":explain" => {
                self.explain = match rest {
                    "" => !self.explain,
                    "on" | "yes" | "true" => true,
                    "off" | "no" | "false" => false,
                    other => return fail(Diagnostic::error(format!("`:explain` takes on or off, not `{other}`"))),
                };
                Ok(Step::Done(format!("explain: {}", if self.explain { "on" } else { "off" })))
            }
            ":graph" | ":load" => {
                if rest.is_empty() {
                    let what = if self.paths.is_empty() {
                        "the bundled graph".to_string()
                    } else {
                        self.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
                    };
                    return Ok(Step::reply(format!(
                        "graph: {what} ({} nodes, {} edges)\n",
                        self.graph.node_count(),
                        self.graph.edge_count()
                    )));
                }
                let paths = shell_words(rest).into_iter().map(PathBuf::from).collect();
                self.load(paths)?;
                self.last = None;
                Ok(Step::Done(format!(
                    "loaded {}: {} nodes, {} edges, {} citations",
                    rest,
                    self.graph.node_count(),
                    self.graph.edge_count(),
                    self.graph.citation_count()
                )))
            }
            ":dot" => {
                let Some(file) = shell_words(rest).into_iter().next() else {
                    return fail(Diagnostic::error("`:dot` needs a file name").help(":dot answer.dot"));
                };
                let Some(report) = &self.last else {
                    return fail(
                        Diagnostic::error("no answer to draw yet").help("ask a question first, then :dot FILE"),
                    );
                };
                let Some(dot) = render::dot::report(&self.graph, report) else {
                    return fail(Diagnostic::error("the last output has no graph to draw"));
                };
                match crate::fsutil::write(std::path::Path::new(&file), dot.as_bytes()) {
                    Ok(()) => Ok(Step::Done(format!("wrote {file}"))),
                    Err(e) => fail(Diagnostic::error(format!("cannot write `{file}`: {}", crate::load::io_reason(&e)))),
                }
            }
            other => {
                let names: Vec<&str> = META.iter().map(|(m, _)| m.split(' ').next().unwrap_or(m)).collect();
                let mut d = Diagnostic::error(format!("unknown command `{other}`"));
                d = match crate::text::suggest(other, names.iter().copied()) {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None => d.help(":help lists the commands"),
                };
                fail(d)
            }
        }
    }

    /// Renders a report in the session's format, with the notes said about it.
    pub fn reply(&self, report: Report, notes: Vec<String>) -> Result<Reply, Failure> {
        let text = render::render(&report, &self.graph, self.format, self.style, &notes).ok_or_else(|| {
            unsupported(self.format.name(), "this command", &[Format::Text, Format::Json, Format::Tsv])
        })?;
        Ok(Reply { text, notes, status: Some(report.status()), report: Some(report) })
    }

    /// The help, wrapped to the terminal.
    fn help(&self) -> String {
        match self.style.width {
            Some(w) => render::wrap::wrap(&help_text(), w),
            None => help_text(),
        }
    }

    pub fn ask(&self, question: &str) -> Result<Reply, Failure> {
        // `kg ask help`: the kinds of question, from the template table.
        if matches!(question.trim().to_ascii_lowercase().as_str(), "help" | "?" | "--list") {
            return Ok(Reply { text: self.help(), status: Some(Status::Answered), ..Reply::default() });
        }
        let asked = ask::ask(&self.graph, question).map_err(|d| Failure::in_text("question", question, d))?;
        let mut notes = asked.notes.clone();
        let info = asked.info(&self.graph);
        if self.explain {
            notes.extend(info.lines());
        }
        let report = Report::Question { reading: Box::new(info), report: Box::new(self.outcome_report(asked.outcome)) };
        self.reply(report, notes)
    }

    /// The report for what a question produced.
    fn outcome_report(&self, outcome: Outcome) -> Report {
        match outcome {
            Outcome::Answer(a) => Report::Answer(a),
            Outcome::Show(ix) => Report::Show { node: ix },
            Outcome::Undescribed(ix) => Report::Undescribed { node: ix },
            Outcome::Path(a, b) => self.paths_report(a, b),
            Outcome::Chains(a, b, paths) => Report::Chains { from: a, to: b, paths },
            Outcome::NotCovered(nc) => Report::NotCovered(nc),
            Outcome::Several(parts) => Report::Several(parts.into_iter().map(|o| self.outcome_report(o)).collect()),
        }
    }

    /// Runs a pattern query.
    pub fn query(&self, src: &str) -> Result<Reply, Failure> {
        let (compiled, result) = crate::query::run(&self.graph, src).map_err(|d| Failure::in_text("query", src, d))?;
        let notes = compiled.notes.clone();
        let answer = Answer::from_result(src, src, compiled.named, result);
        self.reply(Report::Answer(answer), notes)
    }

    pub fn show(&self, name: &str) -> Result<Reply, Failure> {
        let (ix, note) = crate::lookup::node(&self.graph, name)?;
        self.reply(Report::Show { node: ix }, note.into_iter().collect())
    }

    pub fn list(&self, kind: Option<&str>) -> Result<Reply, Failure> {
        self.reply(crate::lookup::list(&self.graph, kind)?, Vec::new())
    }

    /// `path A B`: quoted names, or `A to B`, or the split of the words where
    /// both halves name a node.
    pub fn path_line(&self, rest: &str) -> Result<Reply, Failure> {
        let (a, b) = split_pair(&self.graph, rest).ok_or_else(|| {
            Failure::in_text(
                "path",
                rest,
                Diagnostic::error("`path` needs two nodes")
                    .help("quote names of several words: path \"ice pack\" \"muscle spasm\"; or write: path ice pack to spasm"),
            )
        })?;
        self.path(&a, &b)
    }

    pub fn path(&self, a: &str, b: &str) -> Result<Reply, Failure> {
        let (x, n1) = crate::lookup::node(&self.graph, a)?;
        let (y, n2) = crate::lookup::node(&self.graph, b)?;
        self.reply(self.paths_report(x, y), n1.into_iter().chain(n2).collect())
    }

    fn paths_report(&self, a: Ix, b: Ix) -> Report {
        Report::Paths { from: a, to: b, paths: crate::path::shortest(&self.graph, a, b, 5) }
    }

    /// Loads another graph; on error the current one stays.
    pub fn load(&mut self, paths: Vec<PathBuf>) -> Result<(), Failure> {
        let (g, _, _) = load_graph(&paths)?;
        self.graph = g;
        self.paths = paths;
        Ok(())
    }
}

/// The first word and the rest, trimmed.
fn split_word(line: &str) -> (&str, &str) {
    match line.find(char::is_whitespace) {
        Some(i) => (&line[..i], line[i..].trim()),
        None => (line, ""),
    }
}

/// Two names from `path` arguments.
fn split_pair(g: &Graph, rest: &str) -> Option<(String, String)> {
    // "path ice pack" names one node, not two.
    if !rest.contains(['"', '\'']) && crate::resolve::resolve(g, rest).is_ok_and(|r| r.exact) {
        return None;
    }
    let args = shell_words(rest);
    if args.len() == 2 {
        return Some((args[0].clone(), args[1].clone()));
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    for sep in ["to", "and", "->", "--", "with"] {
        if let Some(i) = words.iter().position(|w| w.eq_ignore_ascii_case(sep))
            && i > 0
            && i + 1 < words.len()
        {
            return Some((words[..i].join(" "), words[i + 1..].join(" ")));
        }
    }
    let exact = |s: &str| crate::resolve::resolve(g, s).is_ok_and(|r| r.exact);
    (1..words.len()).map(|i| (words[..i].join(" "), words[i..].join(" "))).find(|(a, b)| exact(a) && exact(b))
}

/// The REPL's `:help`, generated from the template table and the command lists.
pub fn help_text() -> String {
    use std::fmt::Write as _;
    let mut out =
        String::from("Ask a question in plain English, or type a command. Tab completes names.\n\nQuestions:\n");
    let width = crate::ask::templates::TEMPLATES.iter().map(|t| t.example.len()).max().unwrap_or(0);
    for t in crate::ask::templates::TEMPLATES {
        let _ = writeln!(out, "  {}  {}", render::pad(t.example, width), t.help);
    }
    out.push_str("\nCommands:\n");
    for (_, h) in COMMANDS {
        let _ = writeln!(out, "  {h}");
    }
    out.push_str("\nColon commands (at the prompt and in scripts):\n");
    for (m, h) in META {
        let _ = writeln!(out, "  {}  {h}", render::pad(m, 26));
    }
    out.push_str("\nAnswers report what one article claims; they are not medical advice.\n");
    out
}
