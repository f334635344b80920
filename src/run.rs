//! The program: arguments in, a report out, and the exit code, decided here
//! in one place (0 answers, 1 a valid question with no answer, 2 any error).

use std::io::{IsTerminal, Write};
use std::mem::ManuallyDrop;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, ColorChoice, Command, Format, Image};
use crate::diag::{Diagnostic, Sources, render_all};
use crate::graph::Graph;
use crate::load;
use crate::model::{Kind, Relation};
use crate::render::{self, Style};
use crate::report::Report;
use crate::resolve::resolve;
use crate::session::{Output, Session};
use crate::text::suggest;

/// How a command ended, short of an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Answered,
    NoAnswer,
}

/// An error: diagnostics and the sources they point into. Exit code 2.
#[derive(Debug, Default)]
pub struct Failure {
    pub sources: Sources,
    pub diags: Vec<Diagnostic>,
}

impl Failure {
    pub fn new(d: Diagnostic) -> Self {
        Failure { sources: Sources::default(), diags: vec![d] }
    }
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure::new(d)
    }
}

pub const EXIT_ANSWERS: u8 = 0;
pub const EXIT_NO_ANSWER: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Whether to colour a stream: `always`, or `auto` on a terminal without NO_COLOR.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// The graph paths in force: `--graph`, else `$KG_GRAPH`, else none (bundled).
pub fn graph_paths(cli_paths: &[PathBuf]) -> Vec<PathBuf> {
    if !cli_paths.is_empty() {
        return cli_paths.to_vec();
    }
    match std::env::var_os("KG_GRAPH") {
        Some(v) if !v.is_empty() => std::env::split_paths(&v).filter(|p| !p.as_os_str().is_empty()).collect(),
        _ => Vec::new(),
    }
}

/// Loads the graph from paths, or the bundled graph when there are none.
/// A compiled graph file (`kg compile`) is mapped and read in place. Graph
/// files go through the compiled-graph cache ([`crate::cache`]): a cached
/// load returns no sources and no warnings.
pub fn load_graph(paths: &[PathBuf]) -> Result<(Graph, Sources, Vec<Diagnostic>), Failure> {
    let mut sources = Sources::default();
    if paths.is_empty() {
        let g = crate::bundled::graph().map_err(|e| {
            Failure::new(Diagnostic::error(format!("the bundled graph is damaged: {e}")).help("rebuild kg"))
        })?;
        return Ok((g, sources, Vec::new()));
    }
    if let Some(p) = paths.iter().find(|p| crate::compiled::is_compiled_file(p)) {
        if paths.len() > 1 {
            return Err(Failure::new(
                Diagnostic::error(format!(
                    "`{}` is a compiled graph, which cannot be merged with other graph files",
                    p.display()
                ))
                .help("compile the RON files together instead: kg compile DIR... -o FILE"),
            ));
        }
        return Ok((open_compiled(p)?, sources, Vec::new()));
    }
    // A compiled copy of these files from an earlier run, if still current (see `cache`).
    let cache = crate::cache::Entry::for_paths(paths);
    if let Some(g) = cache.as_ref().and_then(crate::cache::Entry::read) {
        return Ok((g, sources, Vec::new()));
    }
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for p in paths {
        match load::read_path(p, &mut sources) {
            Ok(mut f) => files.append(&mut f),
            Err(d) => diags.push(d),
        }
    }
    if !diags.is_empty() {
        return Err(Failure { sources, diags });
    }
    match load::load(&sources, &files) {
        Ok(loaded) => {
            let bytes = match &cache {
                Some(c) => c.compile(&loaded.data),
                None => crate::compiled::write::write(&loaded.data, b"", cfg!(target_endian = "big")),
            }
            .map_err(|e| Failure::new(Diagnostic::error(e)))?;
            drop(loaded.data);
            if let Some(c) = &cache {
                c.write(&bytes);
            }
            let g = crate::compiled::Store::from_vec(bytes)
                .and_then(Graph::from_store)
                .map_err(|e| Failure::new(Diagnostic::error(format!("cannot compile the graph: {e}"))))?;
            Ok((g, sources, loaded.warnings))
        }
        Err(diags) => Err(Failure { sources, diags }),
    }
}

/// Opens a compiled graph file; a damaged, truncated or foreign one is an error that says so.
pub fn open_compiled(path: &std::path::Path) -> Result<Graph, Failure> {
    Graph::open(path).map_err(|e| {
        let why = match e {
            crate::graph::OpenError::Io(e) => load::io_reason(&e),
            crate::graph::OpenError::Format(e) => e.to_string(),
        };
        Failure::new(
            Diagnostic::error(format!("cannot read `{}`: {why}", path.display()))
                .help("compile the graph again: kg compile DIR -o FILE"),
        )
    })
}

/// Runs `kg` with the process's arguments and returns its exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print to stdout and succeed; usage errors exit 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_ERROR } else { EXIT_ANSWERS });
        }
    };
    let err_color = use_color(cli.color, std::io::stderr().is_terminal());
    match execute(&cli) {
        Ok(Status::Answered) => ExitCode::from(EXIT_ANSWERS),
        Ok(Status::NoAnswer) => ExitCode::from(EXIT_NO_ANSWER),
        Err(f) if f.diags.is_empty() => ExitCode::from(EXIT_ANSWERS),
        Err(f) => {
            eprint!("{}", render_all(&f.diags, &f.sources, err_color));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Writes to stdout. A closed pipe (`kg ... | head`) is not an error: the
/// reader has what it wanted, so the failure carries no diagnostics and the
/// program ends quietly with success.
pub fn emit(text: &str) -> Result<(), Failure> {
    emit_bytes(text.as_bytes())
}

/// Writes bytes (an image, say) to stdout, as [`emit`] does text.
pub fn emit_bytes(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::default()),
        Err(e) => Err(Failure::new(Diagnostic::error(format!("cannot write output: {}", load::io_reason(&e))))),
    }
}

fn execute(cli: &Cli) -> Result<Status, Failure> {
    let style = Style { color: use_color(cli.color, std::io::stdout().is_terminal()) };
    let err_color = use_color(cli.color, std::io::stderr().is_terminal());
    if let Some(Command::Check { paths }) = &cli.command {
        return check(cli, paths, style);
    }
    if let Some(Command::Compile { paths, output }) = &cli.command {
        return compile(cli, paths, output);
    }
    let paths = graph_paths(&cli.graph);
    let (g, _sources, _warnings) = load_graph(&paths)?;
    let format = cli.format.unwrap_or(Format::Text);
    // A one-shot command ends the process right after answering: freeing
    // every node and string first would only cost time (much of it, on a
    // large graph). The REPL takes the session back and drops it normally.
    let mut session = ManuallyDrop::new(Session::new(g, format, style));
    session.paths = paths;
    let out = match &cli.command {
        Some(Command::Check { .. } | Command::Compile { .. }) => unreachable!("handled above"),
        None if std::io::stdin().is_terminal() => {
            return crate::repl::run(ManuallyDrop::into_inner(session), err_color);
        }
        None => return run_script(&mut session, "<stdin>", &read_stdin()?, err_color),
        Some(Command::Repl) => return crate::repl::run(ManuallyDrop::into_inner(session), err_color),
        Some(Command::Run { file }) => {
            let (name, text) = if file.as_os_str() == "-" {
                ("<stdin>".to_string(), read_stdin()?)
            } else {
                let text = std::fs::read_to_string(file).map_err(|e| {
                    Failure::new(Diagnostic::error(format!(
                        "cannot read `{}`: {}",
                        file.display(),
                        load::io_reason(&e)
                    )))
                })?;
                (file.display().to_string(), text)
            };
            return run_script(&mut session, &name, &text, err_color);
        }
        Some(Command::Dot { .. }) => return dot_command(&session.graph, cli),
        Some(Command::Export) => return export(&session.graph, cli.format.unwrap_or(Format::Json)),
        Some(Command::Ask { question, explain }) => {
            session.explain = *explain;
            let mut out = session.ask(&question.join(" "))?;
            // A person reading answers on a terminal is reminded what they are; scripts are not.
            if format == Format::Text && std::io::stdout().is_terminal() {
                out.text.push_str(&style.dim("\nkg reports what one article claims; it is not medical advice.\n"));
            }
            out
        }
        Some(Command::Query { query }) => session.query(&query.join(" "))?,
        Some(Command::Show { node }) => session.show(&node.join(" "))?,
        Some(Command::Path { nodes }) => match nodes.as_slice() {
            [a, b] => session.path(a, b)?,
            // Keep a quoted name of several words ("ice pack") as one name.
            _ => session.path_line(
                &nodes
                    .iter()
                    .map(|n| if n.contains(' ') { format!("\"{n}\"") } else { n.clone() })
                    .collect::<Vec<_>>()
                    .join(" "),
            )?,
        },
        Some(Command::List { kind }) => {
            let kind = kind.join(" ");
            session.list((!kind.trim().is_empty()).then_some(kind.as_str()))?
        }
        Some(Command::Stats) => session.report(Report::Stats)?,
    };
    finish(out, err_color)
}

/// `kg export`: the whole graph streamed to stdout through a buffer, so
/// memory stays small however large the graph.
fn export(g: &Graph, format: Format) -> Result<Status, Failure> {
    type Export = fn(&Graph, &mut dyn Write) -> std::io::Result<()>;
    let write: Export = match format {
        Format::Json => render::json::export,
        Format::Ntriples => crate::export::rdf::ntriples,
        Format::Turtle => crate::export::rdf::turtle,
        Format::Graphml => crate::export::graphml::graphml,
        Format::Dot => crate::dot::export,
        other => return Err(unsupported(other, "export", &["json", "turtle", "ntriples", "graphml", "dot"])),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(g, &mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(Status::Answered),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::default()),
        Err(e) => Err(Failure::new(Diagnostic::error(format!("cannot write output: {}", load::io_reason(&e))))),
    }
}

/// Prints an output's notes to stderr and its text to stdout.
fn finish(out: Output, err_color: bool) -> Result<Status, Failure> {
    for n in &out.notes {
        eprintln!("{}", note(n, err_color));
    }
    emit(&out.text)?;
    Ok(out.status.unwrap_or(Status::Answered))
}

pub fn note(text: &str, color: bool) -> String {
    if color { format!("\x1b[1;36mnote\x1b[0m: {text}") } else { format!("note: {text}") }
}

fn read_stdin() -> Result<String, Failure> {
    let mut text = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
        .map_err(|e| Failure::new(Diagnostic::error(format!("cannot read standard input: {}", load::io_reason(&e)))))?;
    Ok(text)
}

/// Runs a script line by line; the first error stops it, pointing at its
/// `file:line:col`. Status 1 if any line found no answer.
pub fn run_script(session: &mut Session, name: &str, text: &str, err_color: bool) -> Result<Status, Failure> {
    // A byte-order mark is not part of the first line.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut status = Status::Answered;
    let lines: Vec<(usize, &str)> = line_starts(text);
    let commands = lines.iter().filter(|(_, l)| !l.trim().is_empty() && !l.trim().starts_with('#')).count();
    let mut first = true;
    for &(start, line) in &lines {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match session.eval(line) {
            Ok(mut out) => {
                if commands > 1 && session.format == Format::Text {
                    let header = format!("{}» {trimmed}\n", if first { "" } else { "\n" });
                    out.text = format!("{}{}", session.style.dim(&header), out.text);
                }
                first = false;
                if out.status == Some(Status::NoAnswer) {
                    status = Status::NoAnswer;
                }
                finish(out, err_color)?;
            }
            Err(f) if f.diags.is_empty() => return Err(f),
            Err(f) => return Err(relocate(f, name, text, start, line)),
        }
    }
    Ok(status)
}

/// Byte offset and text of each line.
fn line_starts(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        out.push((start, line.trim_end_matches(['\n', '\r'])));
        start += line.len();
    }
    out
}

/// Moves a line's diagnostics into the script, so they show `file:line:col`.
fn relocate(f: Failure, name: &str, text: &str, line_start: usize, line: &str) -> Failure {
    let mut sources = Sources::default();
    let file = sources.add(name, text);
    let sub = f.sources.files.first().map(|s| s.text.as_str()).unwrap_or("");
    let base = line.find(sub).filter(|_| !sub.is_empty()).map(|i| line_start + i);
    let lead = line.len() - line.trim_start().len();
    let whole_line = line_start + lead..line_start + line.trim_end().len();
    let diags = f
        .diags
        .into_iter()
        .map(|mut d| {
            d.at = Some(match (&d.at, base) {
                (Some(loc), Some(b)) if loc.file == 0 => {
                    crate::diag::Loc { file, span: b + loc.span.start..b + loc.span.end }
                }
                _ => crate::diag::Loc { file, span: whole_line.clone() },
            });
            d
        })
        .collect();
    Failure { sources, diags }
}

/// Renders a report to stdout; the status says whether it held anything.
pub fn print_report(report: &Report, g: &Graph, format: Format, style: Style) -> Result<Status, Failure> {
    let Some(text) = render::render(report, g, format, style) else {
        let valid: &[&str] =
            if format == Format::Dot { &["text", "json", "tsv"] } else { &["text", "json", "tsv", "dot"] };
        return Err(unsupported(format, "this command", valid));
    };
    emit(&text)?;
    Ok(if report.is_empty() { Status::NoAnswer } else { Status::Answered })
}

pub fn unsupported(format: Format, what: &str, valid: &[&str]) -> Failure {
    Failure::new(
        Diagnostic::error(format!("{what} cannot write `--format {}`", format.name()))
            .help(format!("use one of: {}", valid.join(", "))),
    )
}

fn check(cli: &Cli, paths: &[PathBuf], style: Style) -> Result<Status, Failure> {
    let paths = if paths.is_empty() { graph_paths(&cli.graph) } else { paths.to_vec() };
    let format = cli.format.unwrap_or(Format::Text);
    // A compiled graph is checked record by record (the cheap checks made
    // on every open do not look inside the sections).
    if let [path] = paths.as_slice()
        && crate::compiled::is_compiled_file(path)
    {
        let g = open_compiled(path)?;
        g.store().verify().map_err(|e| {
            Failure::new(
                Diagnostic::error(format!("`{}` is {e}", path.display()))
                    .help("compile the graph again: kg compile DIR -o FILE"),
            )
        })?;
        let report = Report::Checked {
            nodes: g.node_count(),
            edges: g.edge_count(),
            citations: g.citation_count(),
            warnings: 0,
        };
        return print_report(&report, &g, format, style);
    }
    let (loaded, _) = load_checked(cli, &paths)?;
    let report = Report::Checked {
        nodes: loaded.data.nodes.len(),
        edges: loaded.data.edges.len(),
        citations: loaded.data.citation_count(),
        warnings: loaded.warnings.len(),
    };
    let g = Graph::compile(&loaded.data).map_err(|e| Failure::new(Diagnostic::error(e)))?;
    print_report(&report, &g, format, style)
}

/// Reads and checks graph files (the bundled sources when `paths` is
/// empty), printing warnings to stderr.
fn load_checked(cli: &Cli, paths: &[PathBuf]) -> Result<(load::Loaded, Sources), Failure> {
    let mut sources = Sources::default();
    let mut files = Vec::new();
    if paths.is_empty() {
        for (name, text) in crate::bundled::FILES {
            files.push(sources.add(format!("<bundled>/{name}"), *text));
        }
    } else {
        let mut diags = Vec::new();
        for p in paths {
            if crate::compiled::is_compiled_file(p) {
                diags.push(
                    Diagnostic::error(format!("`{}` is already a compiled graph", p.display()))
                        .help("give the .ron files it was compiled from"),
                );
                continue;
            }
            match load::read_path(p, &mut sources) {
                Ok(mut f) => files.append(&mut f),
                Err(d) => diags.push(d),
            }
        }
        if !diags.is_empty() {
            return Err(Failure { sources, diags });
        }
    }
    match load::load(&sources, &files) {
        Ok(loaded) => {
            if !loaded.warnings.is_empty() {
                eprint!(
                    "{}",
                    render_all(&loaded.warnings, &sources, use_color(cli.color, std::io::stderr().is_terminal()))
                );
            }
            Ok((loaded, sources))
        }
        Err(diags) => Err(Failure { sources, diags }),
    }
}

/// `kg compile`: check graph files and write them in the compiled format,
/// whole or not at all, then read the file back and verify it.
fn compile(cli: &Cli, paths: &[PathBuf], output: &std::path::Path) -> Result<Status, Failure> {
    let paths = if paths.is_empty() { graph_paths(&cli.graph) } else { paths.to_vec() };
    let (loaded, _) = load_checked(cli, &paths)?;
    let bytes = crate::compiled::write::write(&loaded.data, b"", cfg!(target_endian = "big"))
        .map_err(|e| Failure::new(Diagnostic::error(e)))?;
    crate::fsutil::write_atomic(output, &bytes).map_err(|e| {
        Failure::new(Diagnostic::error(format!("cannot write `{}`: {}", output.display(), load::io_reason(&e))))
    })?;
    crate::compiled::settle(output);
    let g = open_compiled(output)?;
    g.store().verify().map_err(|e| Failure::new(Diagnostic::error(format!("the file written is {e}"))))?;
    emit(&format!(
        "compiled {} nodes, {} edges, {} citations into {} ({} bytes)\n",
        g.node_count(),
        g.edge_count(),
        g.citation_count(),
        output.display(),
        bytes.len()
    ))?;
    Ok(Status::Answered)
}

/// Resolves a node argument; a near match is taken with a note on stderr.
pub fn node_arg(g: &Graph, text: &str) -> Result<crate::graph::Ix, Failure> {
    match resolve(g, text) {
        Ok(r) => {
            if !r.exact {
                eprintln!("note: taking \"{}\" as \"{}\"", text.trim(), g.node(r.ix).name);
            }
            Ok(r.ix)
        }
        Err(e) => {
            let (message, helps) = e.describe(g);
            let mut d = Diagnostic::error(message);
            for h in helps {
                d = d.help(h);
            }
            Err(Failure::new(d))
        }
    }
}

pub fn list(g: &Graph, kind: Option<&str>) -> Result<Report, Failure> {
    let kind = match kind.map(str::trim) {
        None | Some("" | "all" | "nodes") => None,
        Some("kinds") => return Ok(Report::Kinds),
        Some("relations") => return Ok(Report::Relations),
        Some(k) => Some(kind_arg(k)?),
    };
    Ok(Report::List { kind, nodes: g.of_kind(kind) })
}

/// A kind named on the command line: `home remedy`, `home-remedy` and
/// plurals are taken; an unknown one is an error listing every kind.
pub fn kind_arg(text: &str) -> Result<Kind, Failure> {
    let k = text.trim().replace([' ', '-'], "_").to_lowercase();
    // As people say it: "the home remedies", "all drugs", "body parts"
    // (kind_of singularizes each word).
    let phrase = || -> Vec<String> {
        crate::ask::words(text)
            .into_iter()
            .skip_while(|w| matches!(w.as_str(), "the" | "all" | "every" | "of"))
            .collect()
    };
    Kind::parse(&k).or_else(|| crate::ask::kind_of(&phrase())).ok_or_else(|| {
        let mut d = Diagnostic::error(format!("unknown kind `{k}`"));
        if let Some(s) = suggest(&k, Kind::names()) {
            d = d.help(format!("did you mean `{s}`?"));
        }
        let names: Vec<&str> = Kind::names().collect();
        Failure::new(d.note(format!("kinds: {}", names.join(", "))))
    })
}

/// A relation named on the command line (`avoid while`, `avoid-while` are
/// taken); an unknown one is an error listing every relation.
pub fn relation_arg(text: &str) -> Result<Relation, Failure> {
    let r = text.trim().replace([' ', '-'], "_").to_lowercase();
    Relation::parse(&r).ok_or_else(|| {
        let mut d = Diagnostic::error(format!("unknown relation `{r}`"));
        if let Some(s) = suggest(&r, Relation::names()) {
            d = d.help(format!("did you mean `{s}`?"));
        }
        let names: Vec<&str> = Relation::names().collect();
        Failure::new(d.note(format!("relations: {}", names.join(", "))))
    })
}

/// `kg dot`: the options checked, the DOT drawn, rendered by Graphviz if
/// asked, and written to the file or stdout.
fn dot_command(g: &Graph, cli: &Cli) -> Result<Status, Failure> {
    let Some(Command::Dot { focus, depth, kinds, relations, clusters, rankdir, no_legend, render, output }) =
        &cli.command
    else {
        unreachable!("called for `kg dot` only")
    };
    if let Some(f) = cli.format.filter(|&f| f != Format::Dot) {
        return Err(unsupported(f, "kg dot", &["dot"]));
    }
    let opts = crate::dot::Options {
        focus: focus.iter().map(|f| node_arg(g, f)).collect::<Result<_, _>>()?,
        depth: depth.unwrap_or(1),
        kinds: kinds.iter().filter(|k| !k.trim().is_empty()).map(|k| kind_arg(k)).collect::<Result<_, _>>()?,
        relations: relations
            .iter()
            .filter(|r| !r.trim().is_empty())
            .map(|r| relation_arg(r))
            .collect::<Result<_, _>>()?,
        clusters: *clusters,
        rankdir: *rankdir,
        legend: !no_legend,
        title: None,
    };
    // Filters that leave nothing are a valid request with no answer (exit 1);
    // the diagram (legend only) is still written, so a pipeline gets valid DOT.
    let selected = crate::dot::select(g, &opts);
    let empty = selected.0.is_empty();
    if empty {
        eprintln!("{}", note("nothing to draw: no node passes these filters", false));
    }
    let dot = crate::dot::draw(g, &opts, selected);
    let bytes = match render {
        Some(image) => graphviz(&dot, *image)?,
        None => dot.into_bytes(),
    };
    match output {
        Some(path) => crate::fsutil::write_atomic(path, &bytes).map_err(|e| {
            Failure::new(Diagnostic::error(format!("cannot write `{}`: {}", path.display(), load::io_reason(&e))))
        })?,
        None => emit_bytes(&bytes)?,
    }
    Ok(if empty { Status::NoAnswer } else { Status::Answered })
}

/// Renders DOT with Graphviz's `dot -T<format>`, the DOT on its stdin.
pub fn graphviz(dot: &str, image: Image) -> Result<Vec<u8>, Failure> {
    use std::process::{Command as Process, Stdio};
    let child = Process::new("dot")
        .arg(format!("-T{}", image.name()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Failure::new(
                Diagnostic::error("Graphviz `dot` was not found on PATH")
                    .help("install the graphviz package (apt-get install graphviz, brew install graphviz)")
                    .note("without --render, kg dot writes DOT text that any Graphviz can render later"),
            ));
        }
        Err(e) => {
            return Err(Failure::new(Diagnostic::error(format!("cannot run Graphviz `dot`: {}", load::io_reason(&e)))));
        }
    };
    // Feed stdin from a thread so a large image on stdout cannot deadlock us.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = dot.to_string();
    let feeder = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|e| Failure::new(Diagnostic::error(format!("Graphviz `dot` failed: {}", load::io_reason(&e)))))?;
    let fed = feeder.join().unwrap_or_else(|_| Err(std::io::Error::other("writer panicked")));
    if !out.status.success() || out.stdout.is_empty() {
        let why = String::from_utf8_lossy(&out.stderr).trim().to_string();
        let mut d = Diagnostic::error(format!("Graphviz `dot -T{}` failed ({})", image.name(), out.status));
        if !why.is_empty() {
            d = d.note(why);
        }
        return Err(Failure::new(d));
    }
    fed.map_err(|e| Failure::new(Diagnostic::error(format!("cannot feed Graphviz `dot`: {}", load::io_reason(&e)))))?;
    Ok(out.stdout)
}
