//! The program: arguments in, a command run, and the exit code, decided
//! here in one place (0 answers, 1 a valid question with no answer, 2 any
//! error).

use std::io::{IsTerminal, Write};
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command, ExportFormat, Image};
use crate::diag::{Diagnostic, Failure, Sources};
use crate::format::{Format, unsupported};
use crate::graph::Graph;
use crate::load;
use crate::render::Style;
use crate::report::{Report, Status};
use crate::session::Session;
use crate::source::{graph_paths, load_graph};
use crate::terminal::{Printer, emit_bytes, use_color};

pub const EXIT_ANSWERS: u8 = 0;
pub const EXIT_NO_ANSWER: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

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
    // `-q` answers by the exit status alone (a session at the terminal
    // still shows its answers: there is no status to read there).
    let repl =
        matches!(cli.command, Some(Command::Repl { .. })) || cli.command.is_none() && std::io::stdin().is_terminal();
    crate::terminal::set_silent(cli.global.quiet && !repl);
    let printer = Printer {
        quiet: cli.global.quiet || cli.global.no_notes,
        paging: cli.global.paging,
        err_color: use_color(cli.global.color, std::io::stderr().is_terminal()),
        screen: crate::terminal::screen(),
    };
    match execute(&cli, &printer) {
        Ok(Status::Answered) => ExitCode::from(EXIT_ANSWERS),
        Ok(Status::NoAnswer) => ExitCode::from(EXIT_NO_ANSWER),
        Err(f) if f.diags.is_empty() => ExitCode::from(EXIT_ANSWERS),
        Err(f) => {
            printer.error(&f);
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn execute(cli: &Cli, printer: &Printer) -> Result<Status, Failure> {
    let style = Style {
        color: use_color(cli.global.color, std::io::stdout().is_terminal()),
        width: printer.screen.map(|(w, _)| w),
    };
    let command = cli.command.as_ref();
    let format = command.and_then(Command::format).or(cli.format).unwrap_or_default();
    match command {
        Some(Command::Check { paths, .. }) => return check(cli, paths, format, style, printer),
        Some(Command::Man) => return man().map(|()| Status::Answered),
        Some(Command::Compile { paths, output }) => return compile(cli, paths, output, printer),
        _ => {}
    }
    let paths = graph_paths(&cli.global.graph);
    let (g, _sources, _warnings) = load_graph(&paths)?;
    // A one-shot command ends the process right after answering: freeing
    // every node and string first would only cost time (much of it, on a
    // large graph). The REPL takes the session back and drops it normally.
    let mut session = ManuallyDrop::new(Session::new(g, format, style));
    session.paths = paths;
    let out = match command {
        Some(Command::Check { .. } | Command::Man | Command::Compile { .. }) => unreachable!("handled above"),
        None if std::io::stdin().is_terminal() => {
            return crate::repl::run(ManuallyDrop::into_inner(session), printer);
        }
        None => return crate::script::run(&mut session, printer, "<stdin>", &read_stdin()?),
        Some(Command::Repl { .. }) => return crate::repl::run(ManuallyDrop::into_inner(session), printer),
        Some(Command::Run { file, .. }) => {
            let (name, text) = if file.as_os_str() == "-" {
                ("<stdin>".to_string(), read_stdin()?)
            } else {
                let shown = file.display().to_string();
                let bytes = crate::fsutil::read(file, load::MAX_FILE_BYTES).map_err(|e| {
                    Failure::new(Diagnostic::error(format!("cannot read `{shown}`: {}", load::io_reason(&e))))
                })?;
                (shown.clone(), script_text(&shown, bytes)?)
            };
            return crate::script::run(&mut session, printer, &name, &text);
        }
        Some(Command::Dot { .. }) => return dot_command(&session.graph, cli, printer),
        Some(Command::Serve { port, open, listen }) => {
            let opts = crate::serve::Options { port: *port, open: *open, listen: listen.clone() };
            return crate::serve::run(ManuallyDrop::into_inner(session), &opts, printer);
        }
        Some(Command::Export { format, output }) => {
            export(&session.graph, format.unwrap_or_default(), output.as_deref(), printer)?;
            return Ok(Status::Answered);
        }
        Some(Command::Completions { shell }) => {
            emit_bytes(&crate::completions::script(&session.graph, *shell))?;
            return Ok(Status::Answered);
        }
        Some(Command::Ask { question, explain, .. }) => {
            session.explain = *explain;
            let mut out = session.ask(&question.join(" "))?;
            // A person reading answers on a terminal is reminded what they are; scripts are not.
            if format == Format::Text && std::io::stdout().is_terminal() && !printer.quiet {
                out.text.push_str(&style.dim("\nkg reports what one article claims; it is not medical advice.\n"));
            }
            out
        }
        Some(Command::Query { query, .. }) => session.query(&query.join(" "))?,
        Some(Command::Show { node, .. }) => session.show(&node.join(" "))?,
        Some(Command::Path { nodes, .. }) => match nodes.as_slice() {
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
        Some(Command::List { kind, .. }) => {
            let kind = kind.join(" ");
            session.list((!kind.trim().is_empty()).then_some(kind.as_str()))?
        }
        Some(Command::Stats { .. }) => session.reply(Report::Stats, Vec::new())?,
    };
    printer.answer(&out.notes, &out.text)?;
    Ok(out.status.unwrap_or(Status::Answered))
}

/// Standard input as a script, read with the same limit as any file (so
/// `kg < /dev/zero` stops at it).
fn read_stdin() -> Result<String, Failure> {
    let bytes = crate::fsutil::read_limited(std::io::stdin().lock(), 0, load::MAX_FILE_BYTES)
        .map_err(|e| Failure::new(Diagnostic::error(format!("cannot read standard input: {}", load::io_reason(&e)))))?;
    script_text("<stdin>", bytes)
}

/// A script's bytes as text; a script that is not UTF-8 is an error naming it.
fn script_text(name: &str, bytes: Vec<u8>) -> Result<String, Failure> {
    String::from_utf8(bytes).map_err(|e| {
        Failure::new(
            Diagnostic::error(format!("`{name}` is not valid UTF-8 (byte {})", e.utf8_error().valid_up_to() + 1))
                .help("scripts must be saved as UTF-8"),
        )
    })
}

fn check(cli: &Cli, paths: &[PathBuf], format: Format, style: Style, printer: &Printer) -> Result<Status, Failure> {
    let paths = if paths.is_empty() { graph_paths(&cli.global.graph) } else { paths.to_vec() };
    // A compiled graph is checked record by record (the cheap checks made
    // on every open do not look inside the sections).
    if let [path] = paths.as_slice()
        && crate::compiled::is_compiled_file(path)
    {
        let checked = crate::source::open_compiled(path).and_then(|g| {
            g.store().verify().map_err(|e| {
                Failure::new(
                    Diagnostic::error(format!("`{}` is {e}", path.display()))
                        .help("compile the graph again: kg compile DIR -o FILE"),
                )
            })?;
            Ok(g)
        });
        let g = match checked {
            Ok(g) => g,
            Err(f) if format == Format::Json => return check_json(None, &f.diags, &f.sources),
            Err(f) => return Err(f),
        };
        let counts = (g.node_count(), g.edge_count(), g.citation_count());
        if format == Format::Json {
            return check_json(Some(counts), &[], &Sources::default());
        }
        let report = Report::Checked { nodes: counts.0, edges: counts.1, citations: counts.2, warnings: 0 };
        let out = Session::new(g, format, style).reply(report, Vec::new())?;
        printer.page(&out.text)?;
        return Ok(Status::Answered);
    }
    if format == Format::Json {
        // Warnings go into the document, not to stderr.
        let quiet = Printer { quiet: true, ..printer.clone() };
        return match load_checked(&paths, &quiet) {
            Ok((loaded, sources)) => {
                let d = &loaded.data;
                check_json(Some((d.nodes.len(), d.edges.len(), d.citation_count())), &loaded.warnings, &sources)
            }
            Err(f) => check_json(None, &f.diags, &f.sources),
        };
    }
    let (loaded, _) = load_checked(&paths, printer)?;
    let d = &loaded.data;
    let report = Report::Checked {
        nodes: d.nodes.len(),
        edges: d.edges.len(),
        citations: d.citation_count(),
        warnings: loaded.warnings.len(),
    };
    let g = Graph::compile(&loaded.data).map_err(|e| Failure::new(Diagnostic::error(e)))?;
    let out = Session::new(g, format, style).reply(report, Vec::new())?;
    printer.page(&out.text)?;
    Ok(Status::Answered)
}

/// `kg check --format json`: one document on stdout, whatever was found:
/// the counts (when the graph loaded), `ok`, and every diagnostic as an
/// object ([`crate::diag::Located`]), errors and warnings alike, in the
/// order the text would show them. One document rather than a line per
/// diagnostic (cargo's `--message-format json`), because every JSON
/// output of kg is one document with `version` and `notes`, and a check
/// reports all its problems at once, not as a stream over minutes: `jq -c
/// '.diagnostics[]'` gives one a line. With errors the exit status is 2,
/// and stderr says only how many.
fn check_json(
    counts: Option<(usize, usize, usize)>,
    diags: &[Diagnostic],
    sources: &Sources,
) -> Result<Status, Failure> {
    use crate::diag::Severity;
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diags.len() - errors;
    let body = serde_json::json!({
        "ok": errors == 0,
        "nodes": counts.map(|c| c.0),
        "edges": counts.map(|c| c.1),
        "citations": counts.map(|c| c.2),
        "errors": errors,
        "warnings": warnings,
        "diagnostics": diags.iter().map(|d| d.located(sources)).collect::<Vec<_>>(),
    });
    crate::terminal::emit(&crate::render::json::to_string(&crate::render::json::document(&[], body)))?;
    if errors == 0 {
        return Ok(Status::Answered);
    }
    let s = if errors == 1 { "" } else { "s" };
    Err(Failure::new(Diagnostic::error(format!("the graph has {errors} error{s}, reported as JSON on stdout"))))
}

/// Reads and checks graph files (the bundled sources when `paths` is
/// empty), printing warnings to stderr; returns the graph and the sources
/// its diagnostics point into.
fn load_checked(paths: &[PathBuf], printer: &Printer) -> Result<(load::Loaded, Sources), Failure> {
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
                Err(mut d) => diags.append(&mut d),
            }
        }
        if !diags.is_empty() {
            return Err(Failure { sources, diags });
        }
    }
    let loaded = load::load(&sources, &files).map_err(|diags| Failure { sources: sources.clone(), diags })?;
    printer.warnings(&loaded.warnings, &sources);
    Ok((loaded, sources))
}

/// `kg compile`: check graph files and write them in the compiled format,
/// whole or not at all, then read the file back and verify it.
fn compile(cli: &Cli, paths: &[PathBuf], output: &Path, printer: &Printer) -> Result<Status, Failure> {
    let paths = if paths.is_empty() { graph_paths(&cli.global.graph) } else { paths.to_vec() };
    let (loaded, _) = load_checked(&paths, printer)?;
    let bytes = crate::compiled::write::write(&loaded.data, b"", cfg!(target_endian = "big"))
        .map_err(|e| Failure::new(Diagnostic::error(e)))?;
    drop(loaded);
    write_file(output, &bytes)?;
    crate::compiled::settle(output);
    let g = crate::source::open_compiled(output)?;
    g.store().verify().map_err(|e| Failure::new(Diagnostic::error(format!("the file written is {e}"))))?;
    printer.page(&format!(
        "compiled {} nodes, {} edges, {} citations into {} ({} bytes)\n",
        g.node_count(),
        g.edge_count(),
        g.citation_count(),
        output.display(),
        bytes.len()
    ))?;
    Ok(Status::Answered)
}

/// `kg export`: the whole graph in a format, streamed to `-o FILE` (whole or
/// not at all) or stdout, so memory stays small however large the graph. On
/// a terminal it goes through the pager like any output.
fn export(g: &Graph, format: ExportFormat, output: Option<&Path>, printer: &Printer) -> Result<(), Failure> {
    type Export = fn(&Graph, &mut dyn Write) -> std::io::Result<()>;
    let write: Export = match format {
        ExportFormat::Json => crate::render::json::export,
        ExportFormat::Ntriples => crate::export::rdf::ntriples,
        ExportFormat::Turtle => crate::export::rdf::turtle,
        ExportFormat::Graphml => crate::export::graphml::graphml,
        ExportFormat::Dot => crate::dot::export,
    };
    if let Some(path) = output {
        // Whole or not at all, through the one file writer: built in memory.
        let mut bytes = Vec::new();
        write(g, &mut bytes).map_err(|e| Failure::new(Diagnostic::error(format!("cannot export: {e}"))))?;
        return write_file(path, &bytes);
    }
    if crate::terminal::silent() {
        return Ok(());
    }
    if std::io::stdout().is_terminal() {
        return printer.page(&crate::export::rdf::to_string(|w| write(g, w)));
    }
    if crate::terminal::stdout_closed() {
        return Err(Failure::new(Diagnostic::error("cannot write output: standard output is closed")));
    }
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(g, &mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::default()),
        Err(e) => Err(Failure::new(Diagnostic::error(format!("cannot write output: {}", load::io_reason(&e))))),
    }
}

/// Writes a result to the file of `-o`: whole or not at all (see
/// [`crate::fsutil`]), for `kg dot` and `kg export` alike.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    crate::fsutil::write(path, bytes).map_err(|e| {
        Failure::new(Diagnostic::error(format!("cannot write `{}`: {}", path.display(), load::io_reason(&e))))
    })
}

/// `kg man`: the manual page, as roff.
fn man() -> Result<(), Failure> {
    let mut page = Vec::new();
    crate::manual::render(&mut page)
        .map_err(|e| Failure::new(Diagnostic::error(format!("cannot write the manual: {}", load::io_reason(&e)))))?;
    emit_bytes(&page)
}

/// `kg dot`: the options checked, the DOT drawn, rendered by Graphviz if
/// asked, and written to the file or stdout.
fn dot_command(g: &Graph, cli: &Cli, printer: &Printer) -> Result<Status, Failure> {
    let Some(Command::Dot {
        focus,
        depth,
        through_hubs,
        max_nodes,
        kinds,
        relations,
        clusters,
        rankdir,
        legend,
        no_legend,
        render,
        output,
    }) = &cli.command
    else {
        unreachable!("called for `kg dot` only")
    };
    if let Some(f) = cli.format.filter(|&f| f != Format::Dot) {
        return Err(unsupported(f.name(), "kg dot", &[Format::Dot]));
    }
    let mut notes = Vec::new();
    let mut focus_ix = Vec::new();
    for f in focus {
        let (ix, note) = crate::lookup::node(g, f)?;
        focus_ix.push(ix);
        notes.extend(note);
    }
    let opts = crate::dot::Options {
        focus: focus_ix,
        depth: depth.unwrap_or(1),
        through_hubs: *through_hubs,
        max_nodes: *max_nodes,
        kinds: kinds
            .iter()
            .filter(|k| !k.trim().is_empty())
            .map(|k| crate::lookup::kind(k))
            .collect::<Result<_, _>>()?,
        relations: relations
            .iter()
            .filter(|r| !r.trim().is_empty())
            .map(|r| crate::lookup::relation(r))
            .collect::<Result<_, _>>()?,
        clusters: *clusters,
        rankdir: *rankdir,
        legend: match (legend, no_legend) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        title: None,
    };
    // Filters that leave nothing are a valid request with no answer (exit 1);
    // the diagram is still written, so a pipeline gets valid DOT.
    let selection = crate::dot::select(g, &opts);
    let empty = selection.nodes.is_empty();
    if empty {
        notes.push("nothing to draw: no node passes these filters".into());
    }
    if selection.cut {
        let which = if opts.focus.is_empty() { "most connected" } else { "nearest the focus" };
        notes.push(format!("drew the {} {which} nodes (--max-nodes)", selection.nodes.len()));
    }
    printer.notes(&notes);
    let dot = crate::dot::draw(g, &opts, selection);
    match (render, output) {
        (Some(image), Some(path)) => write_file(path, &graphviz(&dot, *image)?)?,
        (Some(image), None) => emit_bytes(&graphviz(&dot, *image)?)?,
        (None, Some(path)) => write_file(path, dot.as_bytes())?,
        (None, None) => printer.page(&dot)?,
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
