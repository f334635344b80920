//! A cache of compiled user graphs, so `kg --graph DIR` pays the RON parse
//! and the checks once, not on every run.
//!
//! After a successful load of graph files, the checked graph is written in
//! the compiled format ([`crate::compiled`]) to
//! `$XDG_CACHE_HOME/kg/<hash>.kg` (else `~/.cache/kg/<hash>.kg`), and later
//! runs map that file and read it in place: a question touches only the
//! pages it needs. `<hash>` names the set of graph paths asked for (their
//! canonical form) and the kg version, so editing a file overwrites its
//! entry instead of adding one. The entry's fingerprint section holds what it
//! was built from: the kg version, a hash of the schema and format sources
//! (`src/model.rs`, the compiled layout, and the checker and text
//! normalization that build the name index) and, for every source file, its
//! canonical path, length and modification time in nanoseconds. An entry is
//! used only if it opens (magic, version, byte order, length, header
//! checksum, section bounds) and its fingerprint matches the files as they
//! are now; otherwise it is ignored silently and rewritten after the files
//! are parsed again.
//!
//! Load warnings are not stored: only `kg check` shows them, and it never
//! reads the cache. A cached load therefore returns no warnings.
//!
//! `KG_NO_CACHE=1` (any value but empty or `0`) turns reading and writing
//! off. An unwritable cache directory is silent. Writes are atomic
//! ([`crate::fsutil::write_atomic`]): an entry is never changed in place,
//! only replaced whole, so a reader that has mapped one never sees it change.
//! A file changed twice within one mtime tick with the same length would not
//! be noticed; file systems with nanosecond mtimes (ext4, btrfs, tmpfs, APFS)
//! make that practically impossible.

use std::path::{Path, PathBuf};

use crate::graph::Graph;
use crate::model::GraphData;

/// A hash of the sources that shape an entry: the schema types, the
/// compiled layout, and the checker and text normalization that compute its
/// name index. A change to any of them makes old entries unreadable, even
/// without a version bump.
const SCHEMA: u64 = fnv1a_from(
    fnv1a_from(
        fnv1a_from(fnv1a(include_bytes!("model.rs")), include_bytes!("text.rs")),
        include_bytes!("load/check.rs"),
    ),
    include_bytes!("compiled/write.rs"),
);

/// Whether the cache is on: `KG_NO_CACHE` unset, empty or `0`.
pub fn enabled() -> bool {
    std::env::var_os("KG_NO_CACHE").is_none_or(|v| v.is_empty() || v == "0")
}

/// `$XDG_CACHE_HOME/kg`, else `~/.cache/kg`.
pub fn dir() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_CACHE_HOME") {
        Some(d) if !d.is_empty() && Path::new(&d).is_absolute() => PathBuf::from(d),
        _ => PathBuf::from(std::env::var_os("HOME").filter(|h| !h.is_empty())?).join(".cache"),
    };
    Some(base.join("kg"))
}

/// The cache entry for one set of graph paths, and the fingerprint of the
/// files they stand for as they are now.
#[derive(Debug)]
pub struct Entry {
    pub path: PathBuf,
    fingerprint: Vec<u8>,
}

impl Entry {
    /// The entry for `paths`, or `None` when the cache is off or a path
    /// cannot be examined (loading then reports the problem).
    pub fn for_paths(paths: &[PathBuf]) -> Option<Entry> {
        if !enabled() || paths.is_empty() {
            return None;
        }
        let dir = dir()?;
        let mut name = format!("kg {} {SCHEMA:016x}\n", env!("CARGO_PKG_VERSION"));
        let mut fingerprint = name.clone();
        for p in paths {
            let canon = std::fs::canonicalize(p).ok()?;
            name.push_str(&format!("{}\n", canon.display()));
            for file in crate::load::ron_files(&canon).ok()? {
                let meta = std::fs::metadata(&file).ok()?;
                let mtime = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
                fingerprint.push_str(&format!("{}\t{}\t{mtime}\n", file.display(), meta.len()));
            }
        }
        let path = dir.join(format!("{:016x}.kg", fnv1a(name.as_bytes())));
        Some(Entry { path, fingerprint: fingerprint.into_bytes() })
    }

    /// The cached graph, mapped, if the entry exists, opens and matches the files.
    pub fn read(&self) -> Option<Graph> {
        let g = Graph::open(&self.path).ok()?;
        (g.store().fingerprint() == self.fingerprint).then_some(g)
    }

    /// The compiled form of a checked graph, carrying this entry's fingerprint.
    pub fn compile(&self, data: &GraphData) -> Result<Vec<u8>, String> {
        crate::compiled::write::write(data, &self.fingerprint, cfg!(target_endian = "big"))
    }

    /// Stores a compiled graph; failures are ignored (the cache is an optimisation).
    pub fn write(&self, bytes: &[u8]) {
        if let Some(dir) = self.path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if crate::fsutil::write_atomic(&self.path, bytes).is_ok() {
            crate::compiled::settle(&self.path);
        }
    }
}

/// FNV-1a, for names and the schema hash (short inputs, compile time).
const fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_from(0xcbf2_9ce4_8422_2325, bytes)
}

/// FNV-1a continued from the hash `h` of earlier bytes.
const fn fnv1a_from(mut h: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_used_only_for_their_fingerprint() {
        let dir = std::env::temp_dir().join(format!("kg-cache-unit-{}", std::process::id()));
        let data = crate::bundled::data().unwrap();
        let entry = Entry { path: dir.join("e.kg"), fingerprint: b"fingerprint".to_vec() };
        entry.write(&entry.compile(&data).unwrap());
        let g = entry.read().expect("a fresh entry reads");
        assert_eq!(g.to_data(), data);
        let other = Entry { path: entry.path.clone(), fingerprint: b"other".to_vec() };
        assert!(other.read().is_none());
        // Cut short, or not a compiled graph at all: ignored.
        let bytes = std::fs::read(&entry.path).unwrap();
        std::fs::write(&entry.path, &bytes[..bytes.len() - 1]).unwrap();
        assert!(entry.read().is_none());
        std::fs::write(&entry.path, b"garbage").unwrap();
        assert!(entry.read().is_none());
        std::fs::write(&entry.path, b"").unwrap();
        assert!(entry.read().is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
