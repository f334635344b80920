//! RON graph files in, a checked graph out, or every problem found.
//!
//! Parse, then check, then build: ron deserializes each file into the plain
//! serde types of [`crate::model`]; if it rejects a file, the file is split
//! into items (see [`outline`]) and each item parsed alone so that every bad
//! item is reported. [`check`] then validates the merged files and builds a
//! [`GraphData`].

mod check;
pub mod outline;

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Sources, offset_of};
use crate::model::{Article, EdgeDef, GraphData, GraphFile, Node};
use crate::text::suggest;

pub use check::check;

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 512 << 20;

/// A checked graph and the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub data: GraphData,
    pub warnings: Vec<Diagnostic>,
}

/// Reads one graph path into `sources`: a `.ron` file, or a directory whose
/// `*.ron` files (sorted by name, not recursive) merge into one graph.
/// Returns the indexes of the files read, or a problem for every file that
/// could not be read.
pub fn read_path(path: &Path, sources: &mut Sources) -> Result<Vec<usize>, Vec<Diagnostic>> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in ron_files(path).map_err(|d| vec![d])? {
        match read_file(&p, sources) {
            Ok(f) => files.push(f),
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() { Ok(files) } else { Err(problems) }
}

/// The files one graph path stands for: the path itself if it is not a
/// directory, else every `*.ron` entry of the directory that is not itself a
/// directory, sorted by name. A broken symbolic link or an unreadable file
/// is listed too, so that reading it reports it: a file left out silently
/// would make its nodes "unknown" everywhere else.
pub fn ron_files(path: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| io_error(&shown, &e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(path).map_err(|e| io_error(&shown, &e))? {
        let p = entry.map_err(|e| io_error(&shown, &e))?.path();
        // `metadata` follows links: a link to a directory is a directory; a
        // broken link is an error here, and kept, to be reported.
        if p.extension().is_some_and(|x| x == "ron") && !std::fs::metadata(&p).is_ok_and(|m| m.is_dir()) {
            paths.push(p);
        }
    }
    if paths.is_empty() {
        return Err(Diagnostic::error(format!("no .ron files in directory `{shown}`"))
            .help("point --graph at a .ron file or a directory that holds some"));
    }
    paths.sort();
    Ok(paths)
}

/// Reads one graph file (with [`crate::fsutil::read`]: its type checked, at
/// most [`MAX_FILE_BYTES`] whatever it is) into `sources`.
fn read_file(path: &Path, sources: &mut Sources) -> Result<usize, Diagnostic> {
    let shown = path.display().to_string();
    let bytes = crate::fsutil::read(path, MAX_FILE_BYTES).map_err(|e| match e.kind() {
        std::io::ErrorKind::FileTooLarge => {
            Diagnostic::error(format!("`{shown}` is too large to load (the limit is {} MiB)", MAX_FILE_BYTES >> 20))
                .help("split the graph into several .ron files in one directory")
        }
        _ => io_error(&shown, &e),
    })?;
    match String::from_utf8(bytes) {
        // A byte-order mark (some Windows editors write one) is not RON.
        Ok(text) => Ok(sources.add(shown, text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text))),
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let lossy_at = String::from_utf8_lossy(&bytes[..bad]).len();
            let file = sources.add(shown.clone(), text);
            Err(Diagnostic::error(format!("`{shown}` is not valid UTF-8"))
                .at(file, lossy_at..lossy_at + 1)
                .label("invalid byte here")
                .help("graph files must be saved as UTF-8"))
        }
    }
}

fn io_error(path: &str, e: &std::io::Error) -> Diagnostic {
    let d = Diagnostic::error(format!("cannot read `{path}`: {}", io_reason(e)));
    match e.kind() {
        std::io::ErrorKind::NotFound => match std::fs::read_link(path) {
            Ok(to) => d.note(format!("it is a symbolic link to `{}`, which does not exist", to.display())),
            Err(_) => d.help("check the path; --graph takes a .ron file or a directory of them"),
        },
        _ => d,
    }
}

/// The OS message without its "(os error N)" tail.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Parses and checks the given files of `sources` as one graph.
pub fn load(sources: &Sources, files: &[usize]) -> Result<Loaded, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut parsed = Vec::new();
    let mut salvaged = Vec::new();
    let mut unreadable = false;
    for &file in files {
        let (graph, failed_ids, mut found, kept) = parse_file(sources, file);
        // A file rejected whole hides its node ids: references to them cannot be judged.
        unreadable |= !found.is_empty() && graph == GraphFile::default();
        diags.append(&mut found);
        parsed.push((file, graph, failed_ids));
        if let Some(k) = kept {
            salvaged.push((file, k));
        }
    }
    check(sources, &parsed, salvaged, diags, unreadable)
}

/// A file ron rejected whole, read item by item: its outline, and for each
/// node and edge that parsed, its index among the file's items (they differ
/// after the first item that failed), so problems found later point at the
/// right item.
pub struct Salvaged {
    pub top: outline::Value,
    pub nodes: Vec<usize>,
    pub edges: Vec<usize>,
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses one file. On a ron error, parses item by item to find every bad
/// item; returns what parsed, the ids of nodes that did not (so edges to them
/// are not reported again), the problems, and how the items were salvaged.
fn parse_file(sources: &Sources, file: usize) -> (GraphFile, Vec<String>, Vec<Diagnostic>, Option<Salvaged>) {
    let text = &sources.files[file].text;
    let whole = match ron_options().from_str::<GraphFile>(text) {
        Ok(graph) => return (graph, Vec::new(), Vec::new(), None),
        Err(e) => e,
    };
    let Some(top) = outline::outline_top(text) else {
        return (GraphFile::default(), Vec::new(), vec![ron_diag(text, 0, &whole).at_file(file)], None);
    };
    let mut graph = GraphFile::default();
    let mut failed_ids = Vec::new();
    let mut diags = Vec::new();
    let (mut node_items, mut edge_items) = (Vec::new(), Vec::new());
    if let outline::Shape::Struct(fields) = &top.shape {
        for (key, key_span, value) in fields {
            let slice = &text[value.span.clone()];
            let base = value.span.start;
            match key.as_str() {
                "article" => match ron_options().from_str::<Article>(slice) {
                    Ok(a) => graph.article = Some(a),
                    Err(e) => diags.push(ron_diag(text, base, &e).at_file(file)),
                },
                "nodes" => {
                    for (i, span) in value.item_spans().into_iter().enumerate() {
                        match ron_options().from_str::<Node>(&text[span.clone()]) {
                            Ok(n) => {
                                graph.nodes.push(n);
                                node_items.push(i);
                            }
                            Err(e) => {
                                diags.push(ron_diag(text, span.start, &e).at_file(file));
                                let item = outline::outline(&text[span]);
                                if let Some(id) =
                                    item.as_ref().and_then(|v| v.field("id")).and_then(outline::Value::as_str)
                                {
                                    failed_ids.push(id.to_string());
                                }
                            }
                        }
                    }
                }
                "edges" => {
                    for (i, span) in value.item_spans().into_iter().enumerate() {
                        match ron_options().from_str::<EdgeDef>(&text[span.clone()]) {
                            Ok(e) => {
                                graph.edges.push(e);
                                edge_items.push(i);
                            }
                            Err(e) => diags.push(ron_diag(text, span.start, &e).at_file(file)),
                        }
                    }
                }
                other => {
                    let mut d = Diagnostic::error(format!("unknown field `{other}` at the top of a graph file"))
                        .at(file, key_span.clone())
                        .label("not a graph file field");
                    if let Some(s) = suggest(other, ["article", "nodes", "edges"]) {
                        d = d.help(format!("did you mean `{s}`?"));
                    }
                    diags.push(d.note("a graph file may hold `article`, `nodes` and `edges`"));
                }
            }
        }
    }
    if diags.is_empty() {
        diags.push(ron_diag(text, 0, &whole).at_file(file));
    }
    let kept = Salvaged { top, nodes: node_items, edges: edge_items };
    (graph, failed_ids, diags, Some(kept))
}

/// A diagnostic whose span is still relative to one file, waiting for its index.
struct Pending(Diagnostic, std::ops::Range<usize>);

impl Pending {
    fn at_file(self, file: usize) -> Diagnostic {
        self.0.at(file, self.1)
    }
}

/// Turns a ron error in `text[base..]` into a diagnostic with a byte span in
/// `text`, a plain message and, for a misspelt name, "did you mean".
fn ron_diag(text: &str, base: usize, e: &ron::error::SpannedError) -> Pending {
    use ron::Error as E;
    let sub = &text[base..];
    let start = base + offset_of(sub, e.span.start.line, e.span.start.col);
    let end = base + offset_of(sub, e.span.end.line, e.span.end.col);
    let mut span = start..end.max(start);
    let named = |found: &str, expected: &[&str]| -> (Option<String>, String) {
        let hint = suggest(found, expected.iter().copied()).map(|s| format!("did you mean `{s}`?"));
        (hint, expected.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "))
    };
    let (message, hint, list) = match &e.code {
        E::NoSuchEnumVariant { expected, found, outer } => {
            let what = match outer.as_deref() {
                Some("Kind") => "kind",
                Some("Relation") => "relation",
                Some("Certainty") => "certainty",
                _ => "name",
            };
            let (hint, list) = named(found, expected);
            span = find_word(text, span, found);
            (format!("unknown {what} `{found}`"), hint, Some(format!("valid {what}s: {list}")))
        }
        E::NoSuchStructField { expected, found, outer } => {
            let (hint, list) = named(found, expected);
            span = find_word(text, span, found);
            let within = outer.as_deref().map(describe_struct).unwrap_or("here");
            (format!("unknown field `{found}` in {within}"), hint, Some(format!("fields allowed: {list}")))
        }
        E::MissingStructField { field, outer } => {
            let within = outer.as_deref().map(describe_struct).unwrap_or("a value");
            (format!("missing field `{field}` in {within}"), None, None)
        }
        E::DuplicateStructField { field, outer } => {
            let within = outer.as_deref().map(describe_struct).unwrap_or("a value");
            (format!("field `{field}` given twice in {within}"), None, None)
        }
        E::ExceededRecursionLimit => ("nesting is too deep (more than 128 levels)".to_string(), None, None),
        E::IntegerOutOfBounds => {
            span = number_at(text, span.start);
            let number = &text[span.clone()];
            let (what, range) = match field_before(text, span.start) {
                // Every whole number in the schema is 16 bits.
                Some(field) => (format!("`{field}`"), "0 to 65535"),
                // A citation is a tuple `("section-id", paragraph)`.
                None => ("a paragraph number".to_string(), "1 to 65535"),
            };
            (
                format!("`{number}` is out of range for {what}"),
                Some(format!("{what} takes a whole number from {range}")),
                None,
            )
        }
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            let message = match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => "syntax error".to_string(),
            };
            (message, None, None)
        }
    };
    if span.is_empty() {
        let next = text[span.start..].chars().next().map_or(0, char::len_utf8);
        span = span.start..span.start + next;
    }
    let mut d = Diagnostic::error(message);
    if let Some(h) = hint {
        d = d.help(h);
    }
    if let Some(l) = list {
        d = d.note(l);
    }
    Pending(d, span)
}

/// The span of the number that starts at or around `at` (ron points at its
/// first character).
fn number_at(text: &str, at: usize) -> std::ops::Range<usize> {
    let is_num = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '_' | '.');
    let start = text[..at].rfind(|c| !is_num(c)).map_or(0, |i| i + 1);
    let end = text[at..].find(|c| !is_num(c)).map_or(text.len(), |i| at + i);
    start..end.max(start)
}

/// The field name written just before `at` (`paragraphs: 70000`), if the
/// value there is a struct field and not a tuple item.
fn field_before(text: &str, at: usize) -> Option<&str> {
    let before = text[..at].trim_end().strip_suffix(':')?.trim_end();
    let start = before.rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
    let name = &before[start..];
    (!name.is_empty()).then_some(name)
}

fn describe_struct(name: &str) -> &'static str {
    match name {
        "Node" => "a node",
        "EdgeDef" => "an edge",
        "Article" => "the article",
        "Section" => "a section",
        "Window" => "a `when` window",
        "GraphFile" => "a graph file",
        _ => "a value",
    }
}

/// Narrows a span to the word `word` if ron's span ends just after it or
/// starts at it (ron reports the cursor, not always the word).
fn find_word(text: &str, span: std::ops::Range<usize>, word: &str) -> std::ops::Range<usize> {
    let from = span.start.saturating_sub(word.len() + 2);
    let to = (span.end + word.len() + 2).min(text.len());
    let window = text.get(from..to).unwrap_or("");
    match window.find(word) {
        Some(i) if !word.is_empty() => from + i..from + i + word.len(),
        _ => span,
    }
}
