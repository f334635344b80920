//! How output reaches a person: whether to colour (`--color`, `NO_COLOR`,
//! `CLICOLOR_FORCE`, `TERM=dumb`), the screen's size, the pager for output
//! taller than the screen, notes that `-q` silences, writes to stdout that
//! take a closed pipe for success (and a stdout closed before `kg` started
//! for an error), and messages on stderr that can never fail the program.
//!
//! Text output and every message show control characters in graph strings
//! escaped ([`safe`], from [`crate::escape`]); messages on a terminal wrap
//! to its width between words.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};

use clap::ValueEnum;

pub use crate::escape::safe;

use crate::diag::{Diagnostic, Failure, Sources, render_all};

/// `--color`: when to colour output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set or TERM is dumb; CLICOLOR_FORCE forces it
    #[default]
    Auto,
    Always,
    Never,
}

/// `--paging`: when to send output through a pager.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Paging {
    /// When the output is taller than the terminal
    #[default]
    Auto,
    /// Always, even for short output or a pipe
    Always,
    Never,
}

/// Whether to colour a stream.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => auto_color(is_terminal, |k| std::env::var_os(k)),
    }
}

/// The conventions of `anstream` (and so of ripgrep, bat, cargo):
/// `NO_COLOR` wins, then `CLICOLOR_FORCE` colours even a pipe, then
/// `CLICOLOR=0` turns colour off, and a terminal is coloured unless `TERM`
/// is unset or `dumb` (or `CLICOLOR` is set, which vouches for it).
fn auto_color(is_terminal: bool, var: impl Fn(&str) -> Option<OsString>) -> bool {
    let set = |k: &str| var(k).filter(|v| !v.is_empty());
    if set("NO_COLOR").is_some() {
        return false;
    }
    if set("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
        return true;
    }
    let clicolor = set("CLICOLOR");
    if clicolor.as_ref().is_some_and(|v| v == "0") {
        return false;
    }
    let term_ok = var("TERM").is_some_and(|t| t != "dumb");
    is_terminal && (term_ok || clicolor.is_some())
}

/// Columns and rows of the terminal on stdout, if it is one and says.
pub fn screen() -> Option<(usize, usize)> {
    let stdout = std::io::stdout();
    if !stdout.is_terminal() {
        return None;
    }
    let (terminal_size::Width(w), terminal_size::Height(h)) = terminal_size::terminal_size_of(&stdout)?;
    (w > 0 && h > 0).then_some((usize::from(w), usize::from(h)))
}

/// Writes to stdout. A closed pipe (`kg ... | head`) is not an error: the
/// reader has what it wanted, so the failure carries no diagnostics and the
/// program ends quietly with success.
pub fn emit(text: &str) -> Result<(), Failure> {
    emit_bytes(text.as_bytes())
}

/// Writes bytes (an image, say) to stdout, as [`emit`] does text. On a
/// terminal, text is shown with control characters escaped ([`safe`]); a
/// stdout closed before `kg` started is an error, not output thrown away.
pub fn emit_bytes(bytes: &[u8]) -> Result<(), Failure> {
    if silent() {
        return Ok(());
    }
    if stdout_closed() {
        return Err(Failure::new(Diagnostic::error("cannot write output: standard output is closed")));
    }
    let mut out = std::io::stdout().lock();
    let safe_text;
    let bytes = match out.is_terminal().then(|| std::str::from_utf8(bytes)) {
        Some(Ok(text)) => {
            safe_text = safe(text, true);
            safe_text.as_bytes()
        }
        _ => bytes,
    };
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::default()),
        Err(e) => Err(Failure::new(Diagnostic::error(format!("cannot write output: {}", crate::load::io_reason(&e))))),
    }
}

/// Longest line of a message shown whole, in characters.
const MAX_LINE: usize = 1000;

/// Writes a message to stderr, made safe, with any line longer than
/// [`MAX_LINE`] cut in its middle (a note naming a node with a megabyte
/// name). A closed or full stderr is ignored: there is nowhere left to say
/// so, and a message must never turn an answer or an error into a crash.
pub fn eprint(text: &str, color: bool) {
    let text = safe(text, color);
    let mut out = String::with_capacity(text.len().min(64 << 10));
    for line in text.split_inclusive('\n') {
        let n = line.chars().count();
        if n > MAX_LINE {
            out.extend(line.chars().take(MAX_LINE * 4 / 5));
            out.push_str(&format!(" … ({} characters cut) … ", n - MAX_LINE));
            out.extend(line.chars().skip(n - MAX_LINE / 5));
        } else {
            out.push_str(line);
        }
    }
    let mut err = std::io::stderr().lock();
    if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size_of(&err)
        && w > 0
    {
        out = wrap_message(&out, usize::from(w));
    }
    let _ = err.write_all(out.as_bytes()).and_then(|()| err.flush());
}

/// A message wrapped to a terminal `width` between words, each
/// continuation hanging under the text after its label (`error: `,
/// `= help: `), as answers wrap. The lines of a source snippet (`12 | ...`
/// and the carets under it) stay whole: broken, the carets would no longer
/// point at their text.
pub fn wrap_message(text: &str, width: usize) -> String {
    use crate::render::wrap::{width_of, wrap};
    let snippet = |line: &str| {
        let rest = line.trim_start().trim_start_matches(|c: char| c.is_ascii_digit());
        rest.starts_with(" |") || rest.starts_with('|')
    };
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.split_inclusive('\n') {
        if snippet(line) || width_of(line.trim_end_matches('\n')) <= width {
            out.push_str(line);
            continue;
        }
        // `  = help: text`: the text wraps in the room right of `  = `.
        let lead = &line[..equals_lead(line)];
        let room = width.saturating_sub(width_of(lead));
        for (i, part) in wrap(&line[lead.len()..], room).split_inclusive('\n').enumerate() {
            out.push_str(if i == 0 { lead.to_string() } else { " ".repeat(width_of(lead)) }.as_str());
            out.push_str(part);
        }
    }
    out
}

/// The length in bytes of a leading `  = ` (spaces, `=`, a space, with
/// colour codes anywhere in it), else 0.
fn equals_lead(line: &str) -> usize {
    let mut seen_equals = false;
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        if rest.starts_with('\x1b') {
            // A colour code: `ESC [ ... m`.
            i += rest.find('m').map_or(rest.len(), |m| m + 1);
            continue;
        }
        match (rest.chars().next(), seen_equals) {
            (Some(' '), false) => {}
            (Some('='), false) => seen_equals = true,
            (Some(' '), true) => return i + 1,
            _ => return 0,
        }
        i += 1;
    }
    0
}

/// [`eprint`] with a line end.
pub fn eprintln(text: &str, color: bool) {
    eprint(&format!("{text}\n"), color);
}

static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Records that standard output was closed when the process started
/// (`kg export >&-`). The Rust runtime reopens a closed stdout on
/// `/dev/null` before `main`, so writes would succeed into nothing; the
/// binary checks before the runtime does and calls this.
pub fn set_stdout_closed(closed: bool) {
    STDOUT_CLOSED.store(closed, Ordering::Relaxed);
}

/// Whether standard output was closed at start: output is then an error.
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

static SILENT: AtomicBool = AtomicBool::new(false);

/// `-q`: nothing goes to standard output (the exit status answers, as
/// with `grep -q`); set once, before any output.
pub fn set_silent(silent: bool) {
    SILENT.store(silent, Ordering::Relaxed);
}

/// Whether standard output is to stay empty (`-q`).
pub fn silent() -> bool {
    SILENT.load(Ordering::Relaxed)
}

/// `note: text`, the word in colour when `color` is set.
pub fn note(text: &str, color: bool) -> String {
    if color { format!("\x1b[1;36mnote\x1b[0m: {text}") } else { format!("note: {text}") }
}

/// Where a command's output and messages go, and how.
#[derive(Clone, Debug, Default)]
pub struct Printer {
    /// No notes or warnings on stderr (`--no-notes`, and `-q`); errors
    /// still go there.
    pub quiet: bool,
    pub paging: Paging,
    /// Colour messages on stderr.
    pub err_color: bool,
    /// The terminal's columns and rows, when stdout is one.
    pub screen: Option<(usize, usize)>,
}

impl Printer {
    /// Notes on stderr, unless quiet.
    pub fn notes(&self, notes: &[String]) {
        if !self.quiet {
            for n in notes {
                eprintln(&note(n, self.err_color), self.err_color);
            }
        }
    }

    /// Warnings on stderr, unless quiet.
    pub fn warnings(&self, diags: &[Diagnostic], sources: &Sources) {
        if !self.quiet && !diags.is_empty() {
            eprint(&render_all(diags, sources, self.err_color), self.err_color);
        }
    }

    /// An error on stderr, quiet or not.
    pub fn error(&self, f: &Failure) {
        eprint(&render_all(&f.diags, &f.sources, self.err_color), self.err_color);
    }

    /// Writes a command's whole output: through the pager when `--paging
    /// always`, or (auto) when stdout is a terminal and the text is taller
    /// than it; else straight to stdout.
    pub fn page(&self, text: &str) -> Result<(), Failure> {
        if !silent()
            && self.wants_pager(text)
            && let Some(done) = through_pager(text)
        {
            return done;
        }
        emit(text)
    }

    /// Whether `text` goes through the pager (see [`Printer::page`]).
    fn wants_pager(&self, text: &str) -> bool {
        match self.paging {
            Paging::Never => false,
            Paging::Always => true,
            Paging::Auto => self.screen.is_some_and(|(_, rows)| text.lines().count() >= rows),
        }
    }

    /// A command's notes and its output. Output that goes through the
    /// pager takes the notes along at its top: written to stderr before
    /// it, they would scroll away under the pager's first page ("taking
    /// "ice pak" as "ice pack"" unseen). Otherwise notes go to stderr.
    pub fn answer(&self, notes: &[String], text: &str) -> Result<(), Failure> {
        // Only a pager on the terminal: `--paging always` into a pipe keeps stdout for results.
        if !silent() && !self.quiet && !notes.is_empty() && self.screen.is_some() {
            let color = self.err_color;
            let shown: String = notes.iter().map(|n| format!("{}\n", safe(&note(n, color), color))).collect();
            let paged = format!("{shown}{text}");
            if self.wants_pager(&paged)
                && let Some(done) = through_pager(&paged)
            {
                return done;
            }
        }
        self.notes(notes);
        self.page(text)
    }
}

/// The pager's program and arguments: `$KG_PAGER`, else `$PAGER`, else
/// `less -FRX` (quit if one screen, keep colours, leave the text on the
/// screen). `None` when it is set empty: no pager.
pub fn pager_command() -> Option<Vec<String>> {
    for var in ["KG_PAGER", "PAGER"] {
        if let Some(v) = std::env::var_os(var) {
            let words = crate::text::shell_words(&v.to_string_lossy());
            return (!words.is_empty()).then_some(words);
        }
    }
    Some(vec!["less".into(), "-FRX".into()])
}

/// Sends `text` to the pager and waits for it. `None` when there is no
/// pager to run (the caller prints the text itself).
fn through_pager(text: &str) -> Option<Result<(), Failure>> {
    let words = pager_command()?;
    let (program, args) = words.split_first()?;
    let mut cmd = Command::new(program);
    cmd.args(args).stdin(Stdio::piped());
    // As git does: a `less` the user named still keeps colours and quits on one screen.
    if std::env::var_os("LESS").is_none() {
        cmd.env("LESS", "FRX");
    }
    if std::env::var_os("LESSCHARSET").is_none() {
        cmd.env("LESSCHARSET", "utf-8");
    }
    let mut child = cmd.spawn().ok()?;
    let _interrupts = PagerHasInterrupts::new();
    if let Some(mut stdin) = child.stdin.take() {
        // The reader may quit before the end (`q` in less): that is fine.
        let _ = stdin.write_all(text.as_bytes());
    }
    Some(match child.wait() {
        Ok(_) => Ok(()),
        Err(e) => Err(Failure::new(Diagnostic::error(format!("the pager failed: {}", crate::load::io_reason(&e))))),
    })
}

/// While the pager runs, Ctrl-C (and Ctrl-\\) are the pager's: less uses
/// Ctrl-C to stop a search, and the signal reaches kg too, which must not
/// end under it (the REPL would be lost, and a one-shot kg would leave less
/// fighting the shell for the terminal). As `system(3)` and git do, kg
/// ignores them until the pager is done; the guard puts the old handlers
/// back.
struct PagerHasInterrupts {
    #[cfg(unix)]
    old: [libc::sighandler_t; 2],
}

impl PagerHasInterrupts {
    fn new() -> Self {
        #[cfg(unix)]
        {
            // SAFETY: `signal` with SIG_IGN installs no code of ours; it only
            // changes the disposition, which `drop` restores.
            let old =
                unsafe { [libc::signal(libc::SIGINT, libc::SIG_IGN), libc::signal(libc::SIGQUIT, libc::SIG_IGN)] };
            PagerHasInterrupts { old }
        }
        #[cfg(not(unix))]
        PagerHasInterrupts {}
    }
}

impl Drop for PagerHasInterrupts {
    fn drop(&mut self) {
        #[cfg(unix)]
        // SAFETY: puts back the dispositions `new` found.
        unsafe {
            libc::signal(libc::SIGINT, self.old[0]);
            libc::signal(libc::SIGQUIT, self.old[1]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| OsString::from(v))
    }

    #[test]
    fn messages_wrap_between_words_and_snippets_stay_whole() {
        let message = "error: nothing in the graph is called `unicorn horn`, nor anything near it\n --> name:1:1\n  |\n1 | unicorn horn and a very long line of source that goes on and on past the edge\n  | ^^^^^^^^^^^^\n  = help: `kg list` shows every node; Tab completes names in the REPL, and `kg show` takes an id\n";
        let wrapped = wrap_message(message, 60);
        for line in wrapped.lines() {
            let source = line.contains(" | ") || line.ends_with('|');
            assert!(source || line.chars().count() <= 60, "{line:?} in\n{wrapped}");
        }
        let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(words(&wrapped), words(message), "no word split or lost");
        assert!(
            wrapped.contains("\n1 | unicorn horn and a very long line of source that goes on and on past the edge\n")
        );
        let error = wrapped.lines().nth(1).expect("the error wraps");
        assert_eq!(error.len() - error.trim_start().len(), "error: ".len(), "hangs under the message: {wrapped}");
        let help = wrapped.lines().position(|l| l.starts_with("  = help:")).expect("the help line");
        let next = wrapped.lines().nth(help + 1).expect("it wraps");
        assert_eq!(next.len() - next.trim_start().len(), "  = help: ".len(), "hangs under the help text: {wrapped}");
        let coloured = message.replace("  = help", "  \x1b[1;34m=\x1b[0m help");
        let wrapped = wrap_message(&coloured, 60);
        let help = wrapped.lines().position(|l| l.contains(" help: ")).expect("the help line");
        let next = wrapped.lines().nth(help + 1).expect("it wraps");
        assert_eq!(next.len() - next.trim_start().len(), "  = help: ".len(), "in colour too: {wrapped:?}");
    }

    #[test]
    fn colour_follows_the_conventions() {
        let xterm = [("TERM", "xterm")];
        assert!(auto_color(true, env(&xterm)));
        assert!(!auto_color(false, env(&xterm)), "a pipe is not coloured");
        assert!(!auto_color(true, env(&[("TERM", "dumb")])), "TERM=dumb");
        assert!(!auto_color(true, env(&[])), "no TERM");
        assert!(auto_color(true, env(&[("CLICOLOR", "1")])), "CLICOLOR vouches for the terminal");
        assert!(!auto_color(true, env(&[("TERM", "xterm"), ("CLICOLOR", "0")])));
        assert!(auto_color(false, env(&[("CLICOLOR_FORCE", "1")])), "CLICOLOR_FORCE colours a pipe");
        assert!(auto_color(false, env(&[("CLICOLOR_FORCE", "1"), ("TERM", "dumb")])));
        assert!(!auto_color(false, env(&[("CLICOLOR_FORCE", "0")])));
        assert!(!auto_color(true, env(&[("TERM", "xterm"), ("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")])));
        assert!(auto_color(true, env(&[("TERM", "xterm"), ("NO_COLOR", "")])), "an empty NO_COLOR is unset");
    }
}
