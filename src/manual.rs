//! The manual page, `kg man`: clap's description of the command line as
//! roff (clap_mangen), a COMMANDS section with each command's own help and
//! the examples, so `man kg` holds everything `--help` says in one page.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::Cli;

/// Writes the whole page.
pub fn render(out: &mut dyn Write) -> std::io::Result<()> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in cmd.get_subcommands() {
        let name = format!("kg {}", sub.get_name());
        // Detached from `kg`, a command's help leaves out the global
        // options, which the page gives once above.
        let help = sub.clone().bin_name(&name).render_long_help().to_string();
        writeln!(out, ".SS \"{name}\"")?;
        writeln!(out, ".nf")?;
        for line in help.lines() {
            writeln!(out, "{}", roff_line(line))?;
        }
        writeln!(out, ".fi")?;
    }
    for (title, entries) in SECTIONS {
        writeln!(out, ".SH \"{title}\"")?;
        for (tag, text) in *entries {
            writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff_line(tag), roff_line(text))?;
        }
    }
    if let Some(examples) = cmd.get_after_help() {
        writeln!(out, ".SH EXAMPLES\n.nf")?;
        for line in examples.to_string().lines().skip_while(|l| l.starts_with("Examples")) {
            writeln!(out, "{}", roff_line(line))?;
        }
        writeln!(out, ".fi")?;
    }
    man.render_version_section(out)
}

/// The sections clap does not write: each a title and its entries (a tag
/// in bold, then its text).
const SECTIONS: &[(&str, &[(&str, &str)])] = &[
    (
        "EXIT STATUS",
        &[
            ("0", "Answers were found; for kg check, the graph has no errors (warnings allowed)."),
            (
                "1",
                "A valid question or query with no answer: the article does not cover it, a pattern does not hold, \
                 a filter of kg dot leaves nothing to draw, or a line of a script found nothing.",
            ),
            (
                "2",
                "An error: a bad graph, an unknown name, a bad query or argument, a file that cannot be read or \
                 written. The message is on standard error.",
            ),
            (
                "-q",
                "prints nothing on standard output, so the status alone answers, as with grep -q. A closed pipe \
                 (kg export | head) ends with status 0.",
            ),
        ],
    ),
    (
        "ENVIRONMENT",
        &[
            (
                "KG_GRAPH",
                "The graph when --graph is not given: paths joined by ':', each a .ron file, a directory of them, or a compiled graph.",
            ),
            (
                "KG_PAGER, PAGER",
                "The pager for output taller than the terminal (KG_PAGER first); set empty for none. Unset: less -FRX.",
            ),
            ("LESS, LESSCHARSET", "Passed on to the pager; when unset, kg sets FRX and utf-8."),
            ("NO_COLOR", "Set and not empty: no colour with --color auto."),
            ("CLICOLOR_FORCE", "Set and not 0: colour with --color auto, even into a pipe (NO_COLOR wins)."),
            ("CLICOLOR", "0: no colour with --color auto."),
            ("TERM", "Unset or dumb: no colour with --color auto."),
            ("KG_NO_CACHE", "Set and not empty or 0: a graph given with --graph is compiled on every run, not cached."),
            ("XDG_CACHE_HOME", "Where the cache of compiled graphs goes (an absolute path; else ~/.cache)."),
            ("XDG_STATE_HOME", "Where the REPL's history goes (an absolute path; else ~/.local/state)."),
            ("HOME", "The base of the defaults above."),
        ],
    ),
    (
        "FILES",
        &[
            (
                "$XDG_CACHE_HOME/kg/ (else ~/.cache/kg/)",
                "Compiled graphs of the --graph paths used, one file each, private to you (directory 0700, files \
                 0600), rebuilt when a graph file changes. Safe to delete.",
            ),
            (
                "$XDG_STATE_HOME/kg/history (else ~/.local/state/kg/history)",
                "The REPL's history, a line appended per entry, mode 0600.",
            ),
            (
                "graph/*.ron",
                "In the source tree: the bundled graph, compiled into the binary; kg needs no file beside it.",
            ),
        ],
    ),
];

/// A line of text safe in roff's no-fill mode: backslashes escaped, and a
/// line that starts with `.` or `'` (a request to roff) guarded with `\&`.
fn roff_line(line: &str) -> String {
    let escaped = line.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) { format!("\\&{escaped}") } else { escaped }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_cannot_become_roff_requests() {
        assert_eq!(roff_line(".SH x"), "\\&.SH x");
        assert_eq!(roff_line("'quoted"), "\\&'quoted");
        assert_eq!(roff_line("a\\b --flag"), "a\\eb \\-\\-flag");
    }

    #[test]
    fn the_page_has_every_command_and_the_global_options_once() {
        let mut page = Vec::new();
        render(&mut page).unwrap();
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("\n.TH kg 1 "), "{page}");
        assert!(page.contains(".SH EXAMPLES"), "{page}");
        for sub in Cli::command().get_subcommands() {
            assert!(page.contains(&format!(".SS \"kg {}\"", sub.get_name())), "{}", sub.get_name());
        }
        assert_eq!(page.matches("\\fB\\-\\-paging\\fR \\fI<WHEN>").count(), 1, "global options appear once");
        for section in [".SH \"EXIT STATUS\"", ".SH \"ENVIRONMENT\"", ".SH \"FILES\""] {
            assert!(page.contains(section), "{section}");
        }
    }
}
