//! Scripts: `kg run FILE`, or lines on stdin. Each line goes through the
//! same dispatcher as a REPL line ([`Session::eval`]); the first error stops
//! the script and points at its `file:line:col`.

use crate::diag::{Failure, Loc, Sources};
use crate::format::Format;
use crate::report::Status;
use crate::session::{Session, Step};
use crate::terminal::{Printer, emit};

/// Runs a script; status 1 if any line found no answer.
pub fn run(session: &mut Session, printer: &Printer, name: &str, text: &str) -> Result<Status, Failure> {
    // A byte-order mark is not part of the first line.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut status = Status::Answered;
    let lines = line_starts(text);
    // Lines that answer something; settings (`:format`) and comments do not.
    let commands = lines.iter().map(|(_, l)| l.trim()).filter(|l| !l.is_empty() && !l.starts_with(['#', ':'])).count();
    let mut first = true;
    let mut ran: Vec<&str> = Vec::new();
    for &(start, line) in &lines {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let step = match session.eval(line) {
            Ok(step) => step,
            Err(f) if f.diags.is_empty() => return Err(f),
            Err(f) => return Err(relocate(f, name, text, start, line)),
        };
        match step {
            Step::Reply(mut out) => {
                // In text, a script of several lines heads each answer with its line.
                if commands > 1 && session.format == Format::Text {
                    let header = format!("{}» {trimmed}\n", if first { "" } else { "\n" });
                    out.text = format!("{}{}", session.style.dim(&header), out.text);
                }
                first = false;
                if out.status == Some(Status::NoAnswer) {
                    status = Status::NoAnswer;
                }
                printer.notes(&out.notes);
                emit(&out.text)?;
            }
            Step::History => {
                let listed: Vec<String> = ran.iter().enumerate().map(|(i, l)| format!("{:>5}  {l}\n", i + 1)).collect();
                emit(&listed.concat())?;
            }
            Step::Quit => break,
            Step::Done(_) | Step::Clear => {}
        }
        ran.push(trimmed);
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
                (Some(loc), Some(b)) if loc.file == 0 => Loc { file, span: b + loc.span.start..b + loc.span.end },
                _ => Loc { file, span: whole_line.clone() },
            });
            d
        })
        .collect();
    Failure { sources, diags }
}
