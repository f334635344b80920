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
    if let Some(examples) = cmd.get_after_help() {
        writeln!(out, ".SH EXAMPLES\n.nf")?;
        for line in examples.to_string().lines().skip_while(|l| l.starts_with("Examples")) {
            writeln!(out, "{}", roff_line(line))?;
        }
        writeln!(out, ".fi")?;
    }
    man.render_version_section(out)
}

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
    }
}
