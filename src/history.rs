//! The REPL's history file, in rustyline's format (`#V2`, then one entry a
//! line with `\n` and `\\` escaped), kept by `kg` itself so that nothing is
//! lost: it is read leniently (a line that is not UTF-8 is skipped, the
//! lines after it are kept) and each entry is appended with one write to a
//! file opened for appending, so two sessions at once interleave their
//! lines instead of one rewriting the file over the other's. A file grown
//! past twice [`MAX_ENTRIES`] is trimmed to its last entries when a session
//! starts (an atomic rewrite, [`crate::fsutil::write`]).

use std::io::Write;
use std::path::Path;

/// Entries kept, as the REPL's editor is configured.
pub const MAX_ENTRIES: usize = 5000;

/// A history file larger than this is not read (it is not one `kg` wrote).
const MAX_BYTES: u64 = 64 << 20;

const HEADER: &str = "#V2";

/// The entries of the history file at `path`, oldest first, at most
/// [`MAX_ENTRIES`]; none if it does not exist or cannot be read.
pub fn load(path: &Path) -> Vec<String> {
    let Ok(bytes) = crate::fsutil::read(path, MAX_BYTES) else { return Vec::new() };
    let entries = parse(&bytes);
    if entries.len() > 2 * MAX_ENTRIES {
        let kept = &entries[entries.len() - MAX_ENTRIES..];
        let _ = crate::fsutil::write(path, &serialize(kept));
    }
    let skip = entries.len().saturating_sub(MAX_ENTRIES);
    entries.into_iter().skip(skip).collect()
}

/// The entries in a history file's bytes. Lines that are not UTF-8 are
/// skipped one by one, so one bad byte loses one line, not the rest.
pub fn parse(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|&b| b == b'\n')
        .filter_map(|line| std::str::from_utf8(line).ok())
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .filter(|line| !line.is_empty() && *line != HEADER)
        .map(unescape)
        .collect()
}

/// A history file holding `entries`.
pub fn serialize(entries: &[String]) -> Vec<u8> {
    let mut out = format!("{HEADER}\n");
    for e in entries {
        out.push_str(&escape(e));
        out.push('\n');
    }
    out.into_bytes()
}

/// Appends one entry to the history file at `path`, creating it (and its
/// directory) private to its owner. The line is one `write` to a file
/// opened with `O_APPEND`, so concurrent sessions cannot overwrite each
/// other. Only a regular file is appended to.
pub fn append(path: &Path, entry: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(std::io::Error::other("it is not a regular file"));
    }
    let mut options = std::fs::OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    let mut line = String::new();
    if file.metadata()?.len() == 0 {
        line.push_str(HEADER);
        line.push('\n');
    }
    line.push_str(&escape(entry));
    line.push('\n');
    file.write_all(line.as_bytes())
}

fn escape(entry: &str) -> String {
    entry.replace('\\', "\\\\").replace('\n', "\\n")
}

fn unescape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some('n')) => {
                out.push('\n');
                chars.next();
            }
            ('\\', Some('\\')) => {
                out.push('\\');
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_byte_loses_one_line_not_the_rest() {
        let mut bytes = b"#V2\nwhat treats spasm\n".to_vec();
        bytes.extend_from_slice(b"bad \xff line\n");
        bytes.extend_from_slice(b"show ice pack\nquery ?x \\\\ a\\nb\n");
        assert_eq!(parse(&bytes), ["what treats spasm", "show ice pack", "query ?x \\ a\nb"]);
    }

    #[test]
    fn entries_round_trip_through_the_file_format() {
        let entries: Vec<String> =
            ["plain", "two\nlines", "back\\slash", "\\n literal", "ünï"].map(String::from).into();
        assert_eq!(parse(&serialize(&entries)), entries);
    }

    #[test]
    fn sessions_append_and_never_rewrite() {
        let dir = std::env::temp_dir().join(format!("kg-history-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("kg/history");
        // Two sessions, each with its own view, appending in turn.
        append(&path, "first session").unwrap();
        append(&path, "second session").unwrap();
        append(&path, "first again").unwrap();
        assert_eq!(load(&path), ["first session", "second session", "first again"]);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("#V2\n"), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            assert_eq!(std::fs::metadata(&path).unwrap().mode() & 0o777, 0o600);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_long_history_is_trimmed_when_loaded() {
        let dir = std::env::temp_dir().join(format!("kg-history-long-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("history");
        let entries: Vec<String> = (0..2 * MAX_ENTRIES + 10).map(|i| format!("q{i}")).collect();
        std::fs::write(&path, serialize(&entries)).unwrap();
        let loaded = load(&path);
        assert_eq!(loaded.len(), MAX_ENTRIES);
        assert_eq!(loaded.last().map(String::as_str), Some(format!("q{}", 2 * MAX_ENTRIES + 9).as_str()));
        assert_eq!(parse(&std::fs::read(&path).unwrap()), loaded, "the file is trimmed too");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
