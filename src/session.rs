//! A session: one graph and the output settings, evaluating one line at a
//! time. `kg ask|query|show|path|list` on the command line, `kg run`
//! scripts and the REPL all go through it, so they print the same thing for
//! the same command. It knows nothing of terminals, so it is tested directly.

use std::path::PathBuf;

use crate::answer::Answer;
use crate::ask::{self, Outcome};
use crate::cli::Format;
use crate::diag::{Diagnostic, Sources};
use crate::graph::{Graph, Ix};
use crate::render::{self, Style};
use crate::report::Report;
use crate::run::{Failure, Status, load_graph, unsupported};

/// Commands a line may start with; anything else is a question.
pub const COMMANDS: &[(&str, &str)] = &[
    ("ask", "ask QUESTION — a question in plain English"),
    ("query", "query PATTERN — a pattern query (see GRAMMAR.md)"),
    ("show", "show NODE — a node with every edge and citation"),
    ("path", "path A B — shortest chains of claims between two nodes (quote names of several words, or write A to B)"),
    ("list", "list [KIND|kinds|relations] — nodes of a kind, or the schema"),
    ("stats", "stats — counts by kind and relation"),
];

/// What evaluating a line produced.
#[derive(Debug, Default)]
pub struct Output {
    /// For stdout.
    pub text: String,
    /// Notes for stderr ("taking ... as ...").
    pub notes: Vec<String>,
    pub status: Option<Status>,
    /// The report behind the output, kept for `:dot`.
    pub report: Option<Report>,
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

/// Meta commands of the REPL, with their help.
pub const META: &[(&str, &str)] = &[
    (":help", "this help"),
    (":format text|json|tsv|dot", "how answers are printed"),
    (":explain on|off", "also show the template and query behind each answer"),
    (":graph PATH...", "load another graph (.ron files or directories); on error the current one stays"),
    (":dot FILE", "write the last answer as Graphviz DOT"),
    (":history", "the lines entered so far"),
    (":quit", "leave (Ctrl-D on an empty line does too)"),
];

/// What a meta command asks the REPL to do.
#[derive(Debug)]
pub enum Meta {
    Print(Box<Output>),
    History,
    Quit,
}

/// A diagnostic about `text`, which becomes source 0 of the failure.
pub fn failure_in(name: &str, text: &str, d: Diagnostic) -> Failure {
    let mut sources = Sources::default();
    sources.add(name, text);
    Failure { sources, diags: vec![d] }
}

impl Session {
    pub fn new(graph: Graph, format: Format, style: Style) -> Session {
        Session { graph, format, explain: false, style, paths: Vec::new(), last: None }
    }

    /// Evaluates a line and remembers its report for `:dot`.
    pub fn eval_and_keep(&mut self, line: &str) -> Result<Output, Failure> {
        let out = self.eval(line)?;
        if out.report.is_some() {
            self.last = out.report.clone();
        }
        Ok(out)
    }

    /// Runs a `:meta` command.
    pub fn meta(&mut self, line: &str) -> Result<Meta, Failure> {
        let (word, rest) = split_word(line.trim());
        let text = |t: String| Ok(Meta::Print(Box::new(Output { text: t, ..Output::default() })));
        let fail = |d: Diagnostic| Err(failure_in("command", line, d));
        match word {
            ":help" | ":h" | ":?" => text(help_text()),
            ":quit" | ":q" | ":exit" => Ok(Meta::Quit),
            ":history" => Ok(Meta::History),
            ":format" | ":f" => {
                if rest.is_empty() {
                    return text(format!("format: {}\n", self.format.name()));
                }
                match [Format::Text, Format::Json, Format::Tsv, Format::Dot].into_iter().find(|f| f.name() == rest) {
                    Some(f) => {
                        self.format = f;
                        text(format!("format: {}\n", f.name()))
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
                text(format!("explain: {}\n", if self.explain { "on" } else { "off" }))
            }
            ":graph" | ":load" => {
                if rest.is_empty() {
                    let what = if self.paths.is_empty() {
                        "the bundled graph".to_string()
                    } else {
                        self.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
                    };
                    return text(format!(
                        "graph: {what} ({} nodes, {} edges)\n",
                        self.graph.node_count(),
                        self.graph.edge_count()
                    ));
                }
                let paths = shell_words(rest).into_iter().map(PathBuf::from).collect();
                self.load(paths)?;
                self.last = None;
                text(format!(
                    "loaded {}: {} nodes, {} edges, {} citations\n",
                    rest,
                    self.graph.node_count(),
                    self.graph.edge_count(),
                    self.graph.citation_count()
                ))
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
                    Ok(()) => text(format!("wrote {file}\n")),
                    Err(e) => fail(Diagnostic::error(format!("cannot write `{file}`: {}", crate::load::io_reason(&e)))),
                }
            }
            other => {
                let names: Vec<&str> = META.iter().map(|(m, _)| m.split(' ').next().unwrap_or(m)).collect();
                let mut d = Diagnostic::error(format!("unknown command `{other}`"));
                if let Some(s) = crate::text::suggest(other, names.iter().copied()) {
                    d = d.help(format!("did you mean `{s}`?"));
                }
                fail(d.help(":help lists the commands"))
            }
        }
    }

    /// Evaluates one line: a command, or a question. Blank lines and `#`
    /// comments give empty output.
    pub fn eval(&mut self, line: &str) -> Result<Output, Failure> {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return Ok(Output::default());
        }
        let (word, rest) = split_word(line);
        match word.to_lowercase().as_str() {
            "ask" if !rest.is_empty() => self.ask(rest),
            "query" | "q" if !rest.is_empty() => self.query(rest),
            "show" | "describe" if !rest.is_empty() => self.show(rest),
            "path" | "connect" if !rest.is_empty() => self.path_line(rest),
            "list" => self.list(if rest.is_empty() { None } else { Some(rest) }),
            "stats" if rest.is_empty() => self.report(Report::Stats),
            _ => self.ask(line),
        }
    }

    /// Renders a report in the session's format.
    pub fn report(&self, report: Report) -> Result<Output, Failure> {
        let text = match self.format {
            Format::Dot => render::dot::report(&self.graph, &report)
                .ok_or_else(|| unsupported(Format::Dot, "this command", &["text", "json", "tsv"]))?,
            f => render::render(&report, &self.graph, f, self.style)
                .ok_or_else(|| unsupported(f, "this command", &["text", "json", "tsv", "dot"]))?,
        };
        let status = Some(if report.is_empty() { Status::NoAnswer } else { Status::Answered });
        Ok(Output { text, notes: Vec::new(), status, report: Some(report) })
    }

    pub fn ask(&self, question: &str) -> Result<Output, Failure> {
        // `kg ask help`: the kinds of question, from the template table.
        if matches!(question.trim().to_ascii_lowercase().as_str(), "help" | "?" | "--list") {
            return Ok(Output { text: help_text(), status: Some(Status::Answered), ..Output::default() });
        }
        let (outcome, reading) = ask::ask(&self.graph, question).map_err(|d| failure_in("question", question, d))?;
        let mut notes = reading.notes.clone();
        if self.explain {
            notes.push(format!("template: {} — {}", reading.template.name, reading.template.help));
            notes.push(format!("meaning: {}", reading.meaning(&self.graph)));
            match outcome {
                Outcome::Answer(ref a) => notes.push(format!("query: {}", a.query)),
                Outcome::Show(ix) => notes.push(format!("command: show {}", self.graph.node(ix).id)),
                Outcome::Path(a, b) => {
                    notes.push(format!("command: path {} {}", self.graph.node(a).id, self.graph.node(b).id))
                }
            }
        }
        let report = match outcome {
            Outcome::Answer(a) => Report::Answer(a),
            Outcome::Show(ix) => Report::Show { node: ix },
            Outcome::Path(a, b) => self.paths_report(a, b),
        };
        let mut out = self.report(report)?;
        out.notes = notes;
        Ok(out)
    }

    /// Runs a pattern query.
    pub fn query(&self, src: &str) -> Result<Output, Failure> {
        let (compiled, result) = crate::query::run(&self.graph, src).map_err(|d| failure_in("query", src, d))?;
        let notes = compiled.notes.clone();
        let answer = Answer::from_result(src, src, compiled.named, result);
        let mut out = self.report(Report::Answer(answer))?;
        out.notes = notes;
        Ok(out)
    }

    pub fn show(&self, name: &str) -> Result<Output, Failure> {
        let (ix, note) = self.node(name)?;
        let mut out = self.report(Report::Show { node: ix })?;
        out.notes.extend(note);
        Ok(out)
    }

    pub fn list(&self, kind: Option<&str>) -> Result<Output, Failure> {
        self.report(crate::run::list(&self.graph, kind)?)
    }

    /// `path A B`: quoted names, or `A to B`, or the split of the words where
    /// both halves name a node.
    pub fn path_line(&self, rest: &str) -> Result<Output, Failure> {
        let (a, b) = split_pair(&self.graph, rest).ok_or_else(|| {
            failure_in(
                "path",
                rest,
                Diagnostic::error("`path` needs two nodes")
                    .help("quote names of several words: path \"ice pack\" \"muscle spasm\"; or write: path ice pack to spasm"),
            )
        })?;
        self.path(&a, &b)
    }

    pub fn path(&self, a: &str, b: &str) -> Result<Output, Failure> {
        let (x, n1) = self.node(a)?;
        let (y, n2) = self.node(b)?;
        let mut out = self.report(self.paths_report(x, y))?;
        out.notes.extend(n1);
        out.notes.extend(n2);
        Ok(out)
    }

    fn paths_report(&self, a: Ix, b: Ix) -> Report {
        Report::Paths { from: a, to: b, paths: crate::path::shortest(&self.graph, a, b, 5) }
    }

    /// Resolves a node name; a near match comes with a note.
    pub fn node(&self, name: &str) -> Result<(Ix, Option<String>), Failure> {
        match crate::resolve::resolve(&self.graph, name) {
            Ok(r) => {
                let note =
                    (!r.exact).then(|| format!("taking \"{}\" as \"{}\"", name.trim(), self.graph.node(r.ix).name));
                Ok((r.ix, note))
            }
            Err(e) => {
                let (message, helps) = e.describe(&self.graph);
                let d = helps.into_iter().fold(Diagnostic::error(message).at(0, 0..name.len()), |d, h| d.help(h));
                Err(failure_in("name", name, d))
            }
        }
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

/// Splits on whitespace, keeping "quoted words" together.
pub fn shell_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in s.chars() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (_, c) => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
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
    out.push_str("\nREPL commands:\n");
    for (m, h) in META {
        let _ = writeln!(out, "  {}  {h}", render::pad(m, 26));
    }
    out.push_str("\nAnswers report what one article claims; they are not medical advice.\n");
    out
}
