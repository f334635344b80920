//! The interactive REPL: a short rustyline loop around [`Session`], with
//! context-aware completion, hints from history, a `...> ` continuation
//! line for an open quote or parenthesis, and history kept in the XDG state
//! directory ([`crate::history`]: appended to, never rewritten under another
//! session). The logic lives in `Session` and in [`complete`], both
//! testable without a terminal.

use std::borrow::Cow;
use std::path::PathBuf;

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Context, Editor, Helper};

use crate::diag::{Diagnostic, Failure};
use crate::graph::Graph;
use crate::model::{Kind, Relation};
use crate::render::wrap::wrap;
use crate::report::Status;
use crate::session::{COMMANDS, META, Session, Step};
use crate::terminal::{Printer, emit, note};

/// The prompt, and the prompt of a line that continues an open quote or
/// parenthesis (as sqlite3's `...> `).
pub const PROMPT: &str = "kg> ";
pub const CONTINUE: &str = "...> ";

/// What can be completed, taken from the graph: every name and alias, each
/// knowing its node, so the forms of one node complete as one.
#[derive(Clone, Debug, Default)]
pub struct Names {
    /// Names and aliases with the node they name (an index into `names`),
    /// sorted by lower case, without repeats.
    forms: Vec<(String, usize)>,
    /// Each node's name.
    names: Vec<String>,
}

impl Names {
    pub fn of(g: &Graph) -> Names {
        Names::from_nodes(g.nodes().map(|ix| {
            let n = g.node(ix);
            (n.name, n.aliases.iter().collect())
        }))
    }

    /// From each node's name and aliases.
    pub fn from_nodes<'a>(nodes: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>) -> Names {
        let mut names = Vec::new();
        let mut forms: Vec<(String, usize)> = Vec::new();
        for (i, (name, aliases)) in nodes.into_iter().enumerate() {
            names.push(name.to_string());
            forms.push((name.to_string(), i));
            forms.extend(aliases.into_iter().map(|a| (a.to_string(), i)));
        }
        forms.sort_by_cached_key(|(f, i)| (f.to_lowercase(), *i));
        forms.dedup_by(|a, b| a.0.eq_ignore_ascii_case(&b.0));
        Names { forms, names }
    }

    /// Whether `phrase` (any case) is a node's name or alias.
    fn knows(&self, phrase: &str) -> bool {
        let p = phrase.to_lowercase();
        self.forms.binary_search_by(|(f, _)| f.to_lowercase().cmp(&p)).is_ok()
    }

    /// `line` with every run of words that names a node marked by `mark`,
    /// longest names first ("muscle relaxants", not "muscle").
    pub fn highlight(&self, line: &str, mark: impl Fn(&str) -> String) -> String {
        let words: Vec<(usize, usize)> = line
            .char_indices()
            .filter(|&(i, c)| !c.is_whitespace() && line[..i].chars().last().is_none_or(char::is_whitespace))
            .map(|(i, _)| (i, line[i..].find(char::is_whitespace).map_or(line.len(), |e| i + e)))
            .collect();
        let clean = |s: &str| s.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        let mut out = String::with_capacity(line.len());
        let (mut at, mut i) = (0, 0);
        while i < words.len() {
            let found = (i + 1..=words.len().min(i + 6)).rev().find(|&j| {
                let phrase = clean(&line[words[i].0..words[j - 1].1]);
                !phrase.is_empty() && self.knows(&phrase)
            });
            match found {
                Some(j) => {
                    // Keep leading and trailing punctuation (quotes, "?") outside the mark.
                    let (start, end) = (words[i].0, words[j - 1].1);
                    let text = &line[start..end];
                    let lead = text.len() - text.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
                    let trail = text.len() - text.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
                    out.push_str(&line[at..start + lead]);
                    out.push_str(&mark(&line[start + lead..end - trail]));
                    at = end - trail;
                    i = j;
                }
                None => i += 1,
            }
        }
        out.push_str(&line[at..]);
        out
    }

    /// The names that complete `prefix`, one per node: the node's name when
    /// it fits, else its shortest form that does ("muscle rel" gives
    /// "muscle relaxants", not its four spellings).
    fn starting_with(&self, prefix: &str) -> Vec<String> {
        let p = prefix.to_lowercase();
        // Forms are sorted by lower case, so the matches are one run.
        let start = self.forms.partition_point(|(f, _)| f.to_lowercase() < p);
        let run = self.forms[start..].iter().take_while(|(f, _)| f.to_lowercase().starts_with(&p));
        let mut best: Vec<(usize, &str)> = Vec::new();
        for (form, node) in run {
            let name = &self.names[*node];
            let pick = if name.to_lowercase().starts_with(&p) { name.as_str() } else { form.as_str() };
            match best.iter_mut().find(|(n, _)| n == node) {
                Some((_, b)) if pick.len() < b.len() || pick == name => *b = pick,
                Some(_) => {}
                None => best.push((*node, pick)),
            }
        }
        let mut out: Vec<String> = best.into_iter().map(|(_, f)| f.to_string()).collect();
        out.sort_by_key(|f| f.to_lowercase());
        out.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        out
    }
}

/// Completion candidates for `line[..pos]`: the byte where the replaced text
/// starts, and the replacements. Context-aware: every command on an empty
/// line, command names first, then node names after `show`, `path` and in
/// questions, relation and kind names in queries, kinds after `list`, colon
/// commands after `:`.
pub fn complete(line: &str, pos: usize, names: &Names) -> (usize, Vec<String>) {
    let before = &line[..pos.min(line.len())];
    if before.trim().is_empty() {
        let metas = META.iter().map(|(m, _)| m.split(' ').next().unwrap_or(m));
        let all = COMMANDS.iter().map(|(c, _)| *c).chain(metas).map(String::from).collect();
        return (before.len(), all);
    }
    let word_start = before.rfind(|c: char| c.is_whitespace() || c == '"').map_or(0, |i| i + 1);
    let word = &before[word_start..];
    if before.starts_with(':') && !before.contains(' ') {
        let metas = META.iter().map(|(m, _)| m.split(' ').next().unwrap_or(m).to_string());
        return (0, metas.filter(|m| m.starts_with(before)).collect());
    }
    if before.starts_with(':') {
        return complete_meta(before, word_start, word);
    }
    let (first, rest) = match before.find(char::is_whitespace) {
        Some(i) => (&before[..i], &before[i..]),
        None => {
            let cmds: Vec<String> =
                COMMANDS.iter().map(|(c, _)| c.to_string()).filter(|c| c.starts_with(word)).collect();
            if !cmds.is_empty() && !word.is_empty() {
                return (0, cmds);
            }
            return complete_name(before, 0, names, false);
        }
    };
    let rest_start = first.len() + (rest.len() - rest.trim_start().len());
    match first {
        "list" => {
            let options = Kind::names().chain(["kinds", "relations"]).map(String::from);
            (word_start, options.filter(|k| k.starts_with(word)).collect())
        }
        "show" | "describe" => match open_quote(before, rest_start) {
            Some(q) => complete_quoted(before, q, names),
            None => complete_name(&before[rest_start..], rest_start, names, false),
        },
        "path" | "connect" => {
            // Inside an open quote: complete the quoted name; else quote names of several words.
            if let Some(q) = open_quote(before, rest_start) {
                return complete_quoted(before, q, names);
            }
            let (s, c) = complete_name(&before[word_start..], word_start, names, true);
            (s, c)
        }
        _ if crate::session::is_query(before) => complete_query(before, 0, word_start, word, names),
        "query" | "q" => complete_query(before, rest_start, word_start, word, names),
        _ => match open_quote(before, 0) {
            Some(q) => complete_quoted(before, q, names),
            None => complete_name(before, 0, names, false),
        },
    }
}

/// Where the text of a quote left open after `from` starts, if one is.
fn open_quote(before: &str, from: usize) -> Option<usize> {
    (before[from..].matches('"').count() % 2 == 1).then(|| before.rfind('"').map_or(from, |i| i + 1))
}

/// Names completing the open quote whose text starts at `q`, closed.
fn complete_quoted(before: &str, q: usize, names: &Names) -> (usize, Vec<String>) {
    let (s, c) = complete_name(&before[q..], q, names, false);
    (s, c.into_iter().map(|n| format!("{n}\"")).collect())
}

/// Completes the argument of a `:command`: a format after `:format`, on or
/// off after `:explain`, a file name after `:graph` and `:dot`; never a
/// node name.
fn complete_meta(before: &str, word_start: usize, word: &str) -> (usize, Vec<String>) {
    let command = before.split_whitespace().next().unwrap_or("");
    let pool: Vec<String> = match command {
        ":format" | ":f" => crate::format::Format::ALL.iter().map(|f| f.name().to_string()).collect(),
        ":explain" => vec!["on".into(), "off".into()],
        ":graph" | ":load" | ":dot" => return (word_start, file_names(word)),
        _ => Vec::new(),
    };
    (word_start, pool.into_iter().filter(|v| v.starts_with(word)).collect())
}

/// Files and directories (with a `/`) whose path starts with `typed`.
fn file_names(typed: &str) -> Vec<String> {
    let (dir, prefix) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let Ok(entries) = std::fs::read_dir(if dir.is_empty() { "." } else { dir }) else { return Vec::new() };
    let mut out: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let hidden = name.starts_with('.') && !prefix.starts_with('.');
            let slash = if e.file_type().is_ok_and(|t| t.is_dir()) { "/" } else { "" };
            (name.starts_with(prefix) && !hidden).then(|| format!("{dir}{name}{slash}"))
        })
        .collect();
    out.sort();
    out
}

/// What a line's first word may be mistyped for: each command, and whether
/// it runs with nothing after it, with something, or both.
const MISTYPABLE: &[(&str, bool, bool)] = &[
    ("help", true, false),
    ("quit", true, false),
    ("exit", true, false),
    ("clear", true, false),
    ("stats", true, false),
    ("list", true, true),
    ("show", false, true),
    ("path", false, true),
    ("query", false, true),
];

/// A did-you-mean for a line whose first word is one edit from a command
/// (`hepl`, `exti`, `lsit medication`) when the line would run as that
/// command: alone for a command that takes nothing, else with the rest of
/// the line as its argument (a kind for `list`, a node for `show`, two for
/// `path`, a pattern for `query`). Such a line is not read as a question
/// (it would be answered as something else, or not understood); a line
/// whose rest does not fit (`last time I had a spasm`) still is, and so is
/// a first word that is a name in the graph.
pub fn near_miss(session: &Session, names: &Names, line: &str) -> Option<Failure> {
    let line = line.trim();
    let (word, rest) = match line.find(char::is_whitespace) {
        Some(i) => (&line[..i], line[i..].trim()),
        None => (line, ""),
    };
    let lower = word.to_lowercase();
    let known = COMMANDS.iter().any(|(c, _)| *c == lower)
        || MISTYPABLE.iter().any(|(c, ..)| *c == lower)
        || ["q", "h", "describe", "connect", "ask", "select", "cls", "bye"].contains(&lower.as_str());
    if known || lower.chars().count() < 3 || line.starts_with([':', '?', '#']) || names.knows(word) {
        return None;
    }
    let g = &session.graph;
    let fits = |command: &str| match command {
        "list" => crate::lookup::list(g, Some(rest)).is_ok(),
        "show" => crate::lookup::node(g, rest).is_ok(),
        "path" => session.path_line(rest).is_ok(),
        "query" => crate::session::is_query(rest),
        _ => false,
    };
    let (command, ..) = MISTYPABLE.iter().find(|&&(c, alone, with)| {
        crate::text::edit_distance_within(&lower, c, 1).is_some()
            && if rest.is_empty() { alone } else { with && fits(c) }
    })?;
    let meant = if rest.is_empty() { command.to_string() } else { format!("{command} {rest}") };
    Some(Failure::in_text(
        "line",
        line,
        Diagnostic::error(format!("`{word}` is not a command"))
            .at(0, 0..word.len())
            .help(format!("did you mean `{meant}`?")),
    ))
}

/// Completes inside a pattern query that starts at `from`: a quoted name,
/// a kind after `:`, else a relation or keyword.
fn complete_query(before: &str, from: usize, word_start: usize, word: &str, names: &Names) -> (usize, Vec<String>) {
    let quotes = before[from..].matches('"').count();
    if quotes % 2 == 1 {
        let q = before.rfind('"').map_or(from, |i| i + 1);
        let (s, c) = complete_name(&before[q..], q, names, false);
        return (s, c.into_iter().map(|n| format!("{n}\"")).collect());
    }
    let after_colon = before[..word_start].trim_end().ends_with(':')
        || before[..word_start].trim_end().ends_with('|') && {
            let t = before[..word_start].trim_end();
            t.rfind(':') > t.rfind(',')
        };
    // A word after `^`, `/` or `|` is a relation too.
    let start = word_start + word.rfind(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
    let typed = &before[start..];
    let pool: Vec<String> = if after_colon {
        Kind::names().map(String::from).collect()
    } else {
        Relation::names().chain(["select", "where", "not", "limit", "during"]).map(String::from).collect()
    };
    (start, pool.into_iter().filter(|r| r.starts_with(typed)).collect())
}

/// Completes the longest tail of `text` (starting at a word) that begins
/// some node name. `offset` is where `text` starts in the line.
fn complete_name(text: &str, offset: usize, names: &Names, quote: bool) -> (usize, Vec<String>) {
    let mut starts: Vec<usize> = vec![0];
    starts.extend(text.char_indices().filter(|&(_, c)| c.is_whitespace()).map(|(i, c)| i + c.len_utf8()));
    for s in starts {
        let tail = &text[s..];
        if tail.trim().is_empty() {
            continue;
        }
        let found = names.starting_with(tail);
        if !found.is_empty() {
            let found =
                found.into_iter().map(|n| if quote && n.contains(' ') { format!("\"{n}\"") } else { n }).collect();
            return (offset + s, found);
        }
    }
    (offset + text.len(), Vec::new())
}

/// Whether a line is unfinished: an open quote or parenthesis.
pub fn is_incomplete(input: &str) -> bool {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for c in input.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"') => quote = Some('"'),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            _ => {}
        }
    }
    quote.is_some() || depth > 0
}

struct KgHelper {
    names: Names,
    hinter: HistoryHinter,
    color: bool,
}

impl Completer for KgHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, found) = complete(line, pos, &self.names);
        // Names come from the graph: shown with control characters escaped.
        let pair = |s: String| Pair { display: crate::terminal::safe(&s, false).into_owned(), replacement: s };
        Ok((start, found.into_iter().map(pair).collect()))
    }
}

impl Hinter for KgHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        self.hinter.hint(line, pos, ctx)
    }
}

impl Highlighter for KgHelper {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color { Cow::Owned(format!("\x1b[2m{hint}\x1b[0m")) } else { Cow::Borrowed(hint) }
    }

    /// Names the graph knows show in bold cyan as they are typed.
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if !self.color || line.starts_with(':') {
            return Cow::Borrowed(line);
        }
        Cow::Owned(self.names.highlight(line, |name| format!("\x1b[1;36m{name}\x1b[0m")))
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.color
    }
}

// An unfinished line is not left to the editor (which would continue it
// with no prompt): the loop reads the next line with the `...> ` prompt.
impl Validator for KgHelper {}

impl Helper for KgHelper {}

/// `$XDG_STATE_HOME/kg/history`, else `~/.local/state/kg/history`.
pub fn history_path() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_STATE_HOME") {
        Some(d) if !d.is_empty() && PathBuf::from(&d).is_absolute() => PathBuf::from(d),
        _ => PathBuf::from(std::env::var_os("HOME").filter(|h| !h.is_empty())?).join(".local/state"),
    };
    Some(base.join("kg").join("history"))
}

/// The banner: graph title and counts, the not-medical-advice line, help.
pub fn banner(g: &Graph) -> String {
    format!(
        "kg — {}\n{} nodes, {} edges, {} citations. Answers report what one article claims; they are not medical advice.\nAsk a question (what treats muscle spasm), Tab completes names, :help for more, Ctrl-D to quit.\n",
        g.article.title,
        g.node_count(),
        g.edge_count(),
        g.citation_count()
    )
}

/// Runs the REPL until `:quit` or Ctrl-D.
pub fn run(mut session: Session, printer: &Printer) -> Result<Status, Failure> {
    let mut printer = printer.clone();
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_space(true)
        .completion_type(CompletionType::List)
        .max_history_size(5000)
        .map_err(|e| Failure::new(Diagnostic::error(format!("cannot configure the editor: {e}"))))?
        .build();
    let mut rl: Editor<KgHelper, DefaultHistory> = Editor::with_config(config)
        .map_err(|e| Failure::new(Diagnostic::error(format!("cannot start the line editor: {e}"))))?;
    rl.set_helper(Some(KgHelper {
        names: Names::of(&session.graph),
        hinter: HistoryHinter::new(),
        color: session.style.color,
    }));
    let history = history_path();
    let mut history_ok = true;
    if let Some(p) = &history {
        for entry in crate::history::load(p) {
            let _ = rl.add_history_entry(entry);
        }
    }
    if !printer.quiet {
        let text = banner(&session.graph);
        emit(&session.style.width.map_or_else(|| text.clone(), |w| wrap(&text, w)))?;
    }
    // The lines of an unfinished entry (an open quote), joined.
    let mut entry = String::new();
    loop {
        let line = match rl.readline(if entry.is_empty() { PROMPT } else { CONTINUE }) {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => {
                entry.clear();
                continue;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(Failure::new(Diagnostic::error(format!("cannot read input: {e}")))),
        };
        if !entry.is_empty() {
            entry.push('\n');
        }
        entry.push_str(&line);
        if is_incomplete(&entry) {
            continue;
        }
        let line = std::mem::take(&mut entry);
        if !line.trim().is_empty() {
            let _ = rl.add_history_entry(line.replace('\n', " "));
            if let (Some(p), true) = (&history, history_ok)
                && let Err(e) = crate::history::append(p, &line.replace('\n', " "))
            {
                history_ok = false;
                let why =
                    format!("history will not be kept: cannot write {}: {}", p.display(), crate::load::io_reason(&e));
                crate::terminal::eprintln(&note(&why, printer.err_color), printer.err_color);
            }
        }
        // The terminal may have been resized since the last line.
        printer.screen = crate::terminal::screen();
        session.style.width = printer.screen.map(|(w, _)| w);
        if let Some(f) = rl.helper().and_then(|h| near_miss(&session, &h.names, &line)) {
            printer.error(&f);
            continue;
        }
        match session.eval(&line) {
            Ok(Step::Reply(out)) => printer.answer(&out.notes, &out.text)?,
            Ok(Step::Done(said)) => {
                emit(&format!("{said}\n"))?;
                // `:graph` may have loaded other names.
                if let Some(h) = rl.helper_mut() {
                    h.names = Names::of(&session.graph);
                }
            }
            Ok(Step::History) => {
                let lines: Vec<String> =
                    rl.history().iter().enumerate().map(|(i, l)| format!("{:>5}  {l}\n", i + 1)).collect();
                printer.page(&lines.concat())?;
            }
            Ok(Step::Clear) => {
                let _ = rl.clear_screen();
            }
            Ok(Step::Quit) => break,
            Err(f) if f.diags.is_empty() => return Err(f),
            Err(f) => printer.error(&f),
        }
    }
    Ok(Status::Answered)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names::from_nodes([
            ("ice pack", vec!["ice compress", "ice packs"]),
            ("muscle relaxants", vec!["muscle relaxant", "muscle relaxer", "muscle relaxers"]),
            ("muscle spasm", vec![]),
            ("cold therapy", vec!["ice bath"]),
        ])
    }

    #[test]
    fn completion_table() {
        let n = names();
        for (line, start, want) in [
            ("sh", 0, vec!["show"]),
            ("show ice", 5, vec!["ice bath", "ice pack"]),
            ("show muscle rel", 5, vec!["muscle relaxants"]),
            ("show muscle relaxe", 5, vec!["muscle relaxer"]),
            ("show muscle r", 5, vec!["muscle relaxants"]),
            ("what treats muscle sp", 12, vec!["muscle spasm"]),
            ("path ice", 5, vec!["\"ice bath\"", "\"ice pack\""]),
            ("?t tre", 3, vec!["treats"]),
            ("select ?t where ?t : med", 21, vec!["medication"]),
            ("path \"muscle r", 6, vec!["muscle relaxants\""]),
            ("list med", 5, vec!["medication"]),
            ("query ?t tre", 9, vec!["treats"]),
            ("query ?t is_a*/^avoid", 16, vec!["avoid_while"]),
            ("query ?t : med", 11, vec!["medication"]),
            ("query ?t treats \"ice p", 17, vec!["ice pack\""]),
            (":he", 0, vec![":help"]),
        ] {
            let (s, c) = complete(line, line.len(), &n);
            assert_eq!((s, c.iter().map(String::as_str).collect::<Vec<_>>()), (start, want), "{line}");
        }
    }

    #[test]
    fn an_open_quote_completes_and_closes_after_show_and_in_questions() {
        let n = names();
        for (line, start, want) in [
            ("show \"ice", 6, vec!["ice bath\"", "ice pack\""]),
            ("show \"muscle r", 6, vec!["muscle relaxants\""]),
            ("what treats \"muscle sp", 13, vec!["muscle spasm\""]),
            ("show \"ice pack\" and ic", 5, vec![]),
        ] {
            let (s, c) = complete(line, line.len(), &n);
            if want.is_empty() {
                assert!(c.iter().all(|c| !c.ends_with('"')), "{line}: {c:?}");
                continue;
            }
            assert_eq!((s, c.iter().map(String::as_str).collect::<Vec<_>>()), (start, want), "{line}");
        }
    }

    #[test]
    fn colon_commands_complete_their_own_arguments_not_names() {
        let n = names();
        assert_eq!(complete(":format ", 8, &n), (8, vec!["text".into(), "json".into(), "tsv".into(), "dot".into()]));
        assert_eq!(complete(":format j", 9, &n), (8, vec!["json".to_string()]));
        assert_eq!(complete(":explain o", 10, &n), (9, vec!["on".to_string(), "off".to_string()]));
        assert!(complete(":format json ice", 16, &n).1.is_empty(), "no node names after a setting");
        let src = complete(":graph sr", 9, &n);
        assert_eq!(src, (7, vec!["src/".to_string()]), "file names after :graph (run from the repository)");
    }

    #[test]
    fn a_mistyped_command_gets_a_did_you_mean_and_a_question_does_not() {
        let g = crate::bundled::graph().expect("the bundled graph");
        let names = Names::of(&g);
        let session = Session::new(g, crate::format::Format::Text, crate::render::Style::default());
        let said = |line: &str| {
            near_miss(&session, &names, line).map(|f| {
                let d = &f.diags[0];
                (d.message.clone(), d.notes.join(" "))
            })
        };
        for (line, meant) in [
            ("hepl", "help"),
            ("exti", "exit"),
            ("qiut", "quit"),
            ("stast", "stats"),
            ("lsit", "list"),
            ("lsit medication", "list medication"),
            ("shwo ice pack", "show ice pack"),
            ("pth dehydration to spasm", "path dehydration to spasm"),
            ("qeury ?x treats \"spasm\"", "query ?x treats \"spasm\""),
        ] {
            let (message, help) = said(line).unwrap_or_else(|| panic!("{line}: no suggestion"));
            let word = line.split(' ').next().unwrap();
            assert_eq!(message, format!("`{word}` is not a command"), "{line}");
            assert_eq!(help, format!("help: did you mean `{meant}`?"), "{line}");
        }
        for line in [
            "help",
            "list medication",
            "last time I had a spasm what helped",
            "lift weights",
            "what treats muscle spasm",
            "ice",
            "show ice pack",
            "quiz me",
            ":hepl",
            "?x treats \"spasm\"",
        ] {
            assert_eq!(said(line), None, "{line}");
        }
    }

    #[test]
    fn tab_on_an_empty_line_lists_every_command() {
        for line in ["", "  "] {
            let (start, found) = complete(line, line.len(), &names());
            assert_eq!(start, line.len());
            for want in ["ask", "query", "show", "path", "list", "stats", ":help", ":format", ":quit"] {
                assert!(found.iter().any(|f| f == want), "{want} in {found:?}");
            }
        }
    }

    #[test]
    fn open_quotes_and_parens_continue() {
        assert!(is_incomplete("query ?t treats \"ice"));
        assert!(is_incomplete("query ?t (treats|relieves"));
        assert!(!is_incomplete("query ?t (treats|relieves) \"ice pack\""));
        assert!(!is_incomplete("what treats spasm"));
    }

    #[test]
    fn known_names_are_marked_longest_first_and_outside_punctuation() {
        let n = names();
        let mark = |s: &str| format!("[{s}]");
        assert_eq!(n.highlight("what treats muscle spasm?", mark), "what treats [muscle spasm]?");
        assert_eq!(n.highlight("show \"Ice Pack\"", mark), "show \"[Ice Pack]\"");
        assert_eq!(n.highlight("avoid on muscle relaxants  now", mark), "avoid on [muscle relaxants]  now");
        assert_eq!(n.highlight("nothing here", mark), "nothing here");
        assert_eq!(n.highlight("", mark), "");
        assert_eq!(n.highlight("é ice pack é", mark), "é [ice pack] é");
    }
}
