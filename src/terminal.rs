//! How output reaches a person: whether to colour (`--color`, `NO_COLOR`,
//! `CLICOLOR_FORCE`, `TERM=dumb`), the screen's size, the pager for output
//! taller than the screen, notes that `-q` silences, and writes to stdout
//! that take a closed pipe for success.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::process::{Command, Stdio};

use clap::ValueEnum;

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

/// Writes bytes (an image, say) to stdout, as [`emit`] does text.
pub fn emit_bytes(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::default()),
        Err(e) => Err(Failure::new(Diagnostic::error(format!("cannot write output: {}", crate::load::io_reason(&e))))),
    }
}

/// `note: text`, the word in colour when `color` is set.
pub fn note(text: &str, color: bool) -> String {
    if color { format!("\x1b[1;36mnote\x1b[0m: {text}") } else { format!("note: {text}") }
}

/// Where a command's output and messages go, and how.
#[derive(Clone, Debug, Default)]
pub struct Printer {
    /// `-q`: results only; errors still go to stderr.
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
                eprintln!("{}", note(n, self.err_color));
            }
        }
    }

    /// Warnings on stderr, unless quiet.
    pub fn warnings(&self, diags: &[Diagnostic], sources: &Sources) {
        if !self.quiet && !diags.is_empty() {
            eprint!("{}", render_all(diags, sources, self.err_color));
        }
    }

    /// An error on stderr, quiet or not.
    pub fn error(&self, f: &Failure) {
        eprint!("{}", render_all(&f.diags, &f.sources, self.err_color));
    }

    /// Writes a command's whole output: through the pager when `--paging
    /// always`, or (auto) when stdout is a terminal and the text is taller
    /// than it; else straight to stdout.
    pub fn page(&self, text: &str) -> Result<(), Failure> {
        let tall = |rows: usize| text.lines().count() >= rows;
        let wanted = match self.paging {
            Paging::Never => false,
            Paging::Always => true,
            Paging::Auto => self.screen.is_some_and(|(_, rows)| tall(rows)),
        };
        if wanted && let Some(done) = through_pager(text) {
            return done;
        }
        emit(text)
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
