//! Diagnostics: one type and one renderer for graph files, queries, scripts,
//! the CLI and the REPL. A diagnostic points at a byte span of a source and
//! renders as `path:line:col`, the source line and carets under the span.

use std::fmt::Write as _;
use std::ops::Range;

/// A text a diagnostic can point into: a graph file, a query, a script line.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    /// Where each line starts, found at the first diagnostic that needs a
    /// line number, so ten thousand diagnostics in one large file cost ten
    /// thousand binary searches, not ten thousand scans of the file.
    lines: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = &self.text;
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let starts = self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = starts[line - 1];
        (line, text[line_start..offset].chars().count() + 1)
    }
}

/// The texts diagnostics point into; a [`Loc`] names one by index.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub files: Vec<SourceFile>,
}

impl Sources {
    /// Adds a text and returns its index.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> usize {
        self.files.push(SourceFile { name: name.into(), text: text.into(), lines: std::sync::OnceLock::new() });
        self.files.len() - 1
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Where a diagnostic points: a source and a byte span in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loc {
    pub file: usize,
    pub span: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub at: Option<Loc>,
    /// Printed beside the carets.
    pub label: String,
    /// Each printed as `= help: ...` or `= note: ...` lines.
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            at: None,
            label: String::new(),
            notes: Vec::new(),
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(message) }
    }

    pub fn at(mut self, file: usize, span: Range<usize>) -> Self {
        self.at = Some(Loc { file, span });
        self
    }

    pub fn at_opt(self, loc: Option<(usize, Range<usize>)>) -> Self {
        match loc {
            Some((file, span)) => self.at(file, span),
            None => self,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Adds a `help:` line.
    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.notes.push(format!("help: {}", text.into()));
        self
    }

    /// Adds a `note:` line.
    pub fn note(mut self, text: impl Into<String>) -> Self {
        self.notes.push(format!("note: {}", text.into()));
        self
    }

    /// `path:line:col` of the start of the span, if the diagnostic has one.
    pub fn position(&self, sources: &Sources) -> Option<String> {
        let loc = self.at.as_ref()?;
        let file = sources.files.get(loc.file)?;
        let (line, col) = file.line_col(loc.span.start);
        Some(format!("{}:{line}:{col}", file.name))
    }

    /// The diagnostic's fields for JSON ([`Located`]), for editors and CI
    /// (`kg check --format json`).
    pub fn located<'a>(&'a self, sources: &'a Sources) -> Located<'a> {
        let place = self.at.as_ref().and_then(|loc| Some((loc, sources.files.get(loc.file)?)));
        let (file, start, end) = match place {
            Some((loc, f)) => (Some(f.name.as_str()), Some(f.line_col(loc.span.start)), Some(f.line_col(loc.span.end))),
            None => (None, None, None),
        };
        let said =
            |prefix: &str| -> Vec<&'a str> { self.notes.iter().filter_map(|n| n.strip_prefix(prefix)).collect() };
        let help = said("help: ");
        Located {
            severity: match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            message: &self.message,
            file,
            line: start.map(|(l, _)| l),
            column: start.map(|(_, c)| c),
            end_line: end.map(|(l, _)| l),
            end_column: end.map(|(_, c)| c),
            label: (!self.label.is_empty()).then_some(self.label.as_str()),
            help: (!help.is_empty()).then(|| help.join("\n")),
            notes: said("note: "),
            rendered: self.render(sources, false),
        }
    }

    /// Renders the diagnostic, with ANSI colour when `color` is set.
    pub fn render(&self, sources: &Sources, color: bool) -> String {
        let paint = |code: &str, text: &str| {
            if color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
        };
        let (word, code) = match self.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        let mut out = String::new();
        let _ = writeln!(out, "{}{}", paint(code, word), paint("1", &format!(": {}", shorten_quoted(&self.message))));
        let snippet = self.at.as_ref().and_then(|loc| Some((loc, sources.files.get(loc.file)?)));
        let gutter_width = match snippet {
            Some((loc, file)) => file.line_col(loc.span.start).0.to_string().len(),
            None => 0,
        };
        let pad = " ".repeat(gutter_width);
        if let Some((loc, file)) = snippet {
            let (line_no, col) = file.line_col(loc.span.start);
            let _ = writeln!(out, "{pad}{} {}:{line_no}:{col}", paint("1;34", "-->"), file.name);
            let (shown, caret_at, caret_len) = snippet_line(&file.text, &loc.span);
            let bar = paint("1;34", "|");
            let _ = writeln!(out, "{pad} {bar}");
            let _ = writeln!(out, "{} {bar} {shown}", paint("1;34", &line_no.to_string()));
            let carets = format!("{}{}", " ".repeat(caret_at), "^".repeat(caret_len.max(1)));
            let label = if self.label.is_empty() { String::new() } else { format!(" {}", shorten_quoted(&self.label)) };
            let _ = writeln!(out, "{pad} {bar} {}", paint(code, &format!("{carets}{label}")));
        }
        for note in &self.notes {
            let _ = writeln!(out, "{pad} {} {}", paint("1;34", "="), shorten_quoted(note));
        }
        out
    }
}

/// A diagnostic as a JSON object: `severity` ("error" or "warning"),
/// `message`, `file`, `line` and `column` of the span's start and
/// `end_line` and `end_column` just past its end (1-based, columns in
/// characters, as the text shows them; `null` for a diagnostic about no
/// place), `label` (beside the carets, or `null`), `help` (the hint, or
/// `null`), `notes`, and `rendered`, the text `kg` prints for it.
#[derive(Debug, serde::Serialize)]
pub struct Located<'a> {
    pub severity: &'static str,
    pub message: &'a str,
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub label: Option<&'a str>,
    pub help: Option<String>,
    pub notes: Vec<&'a str>,
    pub rendered: String,
}

/// Longest `quoted` name or value shown whole in a message, in characters.
const MAX_QUOTED: usize = 60;

/// A message with every `quoted` part longer than [`MAX_QUOTED`] cut in
/// its middle: a megabyte id in a graph file makes a line of a message, not
/// a megabyte of one.
pub fn shorten_quoted(text: &str) -> std::borrow::Cow<'_, str> {
    let parts: Vec<&str> = text.split('`').collect();
    // Odd parts are quoted, when the backticks pair up.
    if parts.len() < 3 || parts.iter().skip(1).step_by(2).all(|p| p.chars().count() <= MAX_QUOTED) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(MAX_QUOTED * parts.len());
    // The length of the part cut last, said after its closing backtick.
    let mut cut = None;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('`');
            if let Some(n) = cut.take() {
                let _ = write!(out, " ({n} characters)");
            }
        }
        let n = part.chars().count();
        if i % 2 == 1 && i + 1 < parts.len() && n > MAX_QUOTED {
            out.extend(part.chars().take(MAX_QUOTED * 2 / 3));
            out.push('…');
            out.extend(part.chars().skip(n - MAX_QUOTED / 4));
            cut = Some(n);
        } else {
            out.push_str(part);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A command that failed: its diagnostics and the sources they point into
/// (exit status 2). With no diagnostics it is a quiet stop (a closed pipe).
#[derive(Debug, Default)]
pub struct Failure {
    pub sources: Sources,
    pub diags: Vec<Diagnostic>,
}

impl Failure {
    pub fn new(d: Diagnostic) -> Self {
        Failure { sources: Sources::default(), diags: vec![d] }
    }

    /// A diagnostic about `text`, which becomes source 0 of the failure.
    pub fn in_text(name: &str, text: &str, d: Diagnostic) -> Self {
        let mut sources = Sources::default();
        sources.add(name, text);
        Failure { sources, diags: vec![d] }
    }
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure::new(d)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// The byte offset of a 1-based line and character column, clamped to the text.
pub fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    text[start..line_end].char_indices().nth(col.saturating_sub(1)).map_or(line_end, |(i, _)| start + i)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Longest stretch of a source line shown, in columns.
const MAX_SHOWN: usize = 100;

/// The line holding `span.start`, ready to print: tabs expanded, long lines
/// cut to a window around the span. Returns the text, the caret column and
/// the caret width, both in display columns.
fn snippet_line(text: &str, span: &Range<usize>) -> (String, usize, usize) {
    use unicode_width::UnicodeWidthChar;
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = floor_char_boundary(text, span.end.clamp(start, line_end));
    let width = |c: char| if c == '\t' { 4 } else { c.width().unwrap_or(0) };
    let cells: Vec<(usize, char)> = text[line_start..line_end]
        .char_indices()
        .map(|(i, c)| (line_start + i, c))
        .filter(|&(_, c)| c != '\r')
        .collect();
    let first = cells.iter().position(|&(i, _)| i >= start).unwrap_or(cells.len());
    let skip = first.saturating_sub(MAX_SHOWN / 3);
    let mut shown = String::new();
    let (mut col, mut caret_at, mut caret_len) = (0, None, 0);
    if skip > 0 {
        shown.push('…');
        col += 1;
    }
    for &(i, c) in &cells[skip..] {
        if col >= MAX_SHOWN {
            shown.push('…');
            break;
        }
        if i == start {
            caret_at = Some(col);
        }
        if i >= start && i < end {
            caret_len += width(c);
        }
        if c == '\t' {
            shown.push_str("    ");
        } else if c.is_control() {
            shown.push('\u{fffd}');
        } else {
            shown.push(c);
        }
        col += width(c);
    }
    (shown, caret_at.unwrap_or(col), caret_len)
}

/// Renders several diagnostics, then a count of errors if there is more than one.
pub fn render_all(diags: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.render(sources, color));
        out.push('\n');
    }
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    if errors > 1 {
        let _ = writeln!(out, "{errors} errors");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\nçé x";
        let x = text.find('x').unwrap();
        assert_eq!(line_col(text, x), (2, 4));
        assert_eq!(offset_of(text, 2, 4), x);
        assert_eq!(line_col(text, 0), (1, 1));
    }

    #[test]
    fn the_line_index_agrees_with_a_scan() {
        let mut sources = Sources::default();
        let text = "ab\nçé x\n\nlast";
        let f = sources.add("t", text);
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(sources.files[f].line_col(i), line_col(text, i), "at {i}");
        }
    }

    #[test]
    fn long_quoted_names_are_cut_in_messages() {
        let id = format!("a{}z", "m".repeat(1_000_000));
        let d = Diagnostic::warning(format!("node `{id}` has no edges")).help(format!("did you mean `{id}`?"));
        let out = d.render(&Sources::default(), false);
        assert!(out.len() < 400, "{out}");
        assert!(out.starts_with("warning: node `ammmm"), "{out}");
        assert!(out.contains("mmz` (1000002 characters) has no edges\n"), "{out}");
        assert!(out.contains("= help: did you mean `amm"), "{out}");
        // Short names and unpaired backticks are left alone.
        assert_eq!(shorten_quoted("node `ice-pack` and `x"), "node `ice-pack` and `x");
    }

    #[test]
    fn offset_of_clamps_past_the_end() {
        assert_eq!(offset_of("ab\ncd", 9, 1), 5);
        assert_eq!(offset_of("ab\ncd", 1, 9), 2);
    }

    #[test]
    fn render_points_carets_at_the_span() {
        let mut sources = Sources::default();
        let f = sources.add("g.ron", "(\n  kind: condtion,\n)");
        let start = sources.files[f].text.find("condtion").unwrap();
        let d = Diagnostic::error("unknown kind `condtion`")
            .at(f, start..start + 8)
            .label("not a kind")
            .help("did you mean `condition`?");
        let out = d.render(&sources, false);
        assert_eq!(
            out,
            "error: unknown kind `condtion`\n --> g.ron:2:9\n  |\n2 |   kind: condtion,\n  |         ^^^^^^^^ not a kind\n  = help: did you mean `condition`?\n"
        );
    }

    #[test]
    fn carets_count_display_width_and_tabs() {
        let mut sources = Sources::default();
        let f = sources.add("t", "\t\"日本\" x");
        let x = sources.files[f].text.find('x').unwrap();
        let out = Diagnostic::error("m").at(f, x..x + 1).render(&sources, false);
        // tab = 4 columns, each CJK character 2 columns
        assert!(out.contains("\n  |            ^\n"), "{out}");
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let mut sources = Sources::default();
        let text = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let f = sources.add("long", text);
        let out = Diagnostic::error("m").at(f, 500..501).render(&sources, false);
        let shown = out.lines().nth(3).unwrap();
        assert!(shown.chars().count() < 120, "{shown}");
        assert!(shown.contains('X'));
    }
}
