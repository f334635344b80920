//! A cache of compiled user graphs, so `kg --graph DIR` pays the RON parse
//! and the checks once, not on every run.
//!
//! After a successful load of graph files, the checked [`GraphData`] is
//! written postcard-encoded to `$XDG_CACHE_HOME/kg/<hash>.bin` (else
//! `~/.cache/kg/<hash>.bin`). `<hash>` names the set of graph paths asked for
//! (their canonical form) and the kg version, so editing a file overwrites
//! its entry instead of adding one. Inside, a header holds the fingerprint
//! the entry was built from: the kg version, a hash of the schema source
//! (`src/model.rs`, with the checker and text normalization that build the
//! name index) and, for every source file, its canonical path, length and
//! modification time in nanoseconds. An entry is used only if its header
//! matches the files as they are now, its checksum holds, it decodes, and its
//! indexes are in range; otherwise it is ignored silently and rewritten after
//! the files are parsed again.
//!
//! Load warnings are not stored: only `kg check` shows them, and it never
//! reads the cache. A cached load therefore returns no warnings.
//!
//! `KG_NO_CACHE=1` (any value but empty or `0`) turns reading and writing
//! off. An unwritable cache directory is silent. Writes are atomic
//! ([`crate::fsutil::write_atomic`]), so a reader never sees half an entry.
//! A file changed twice within one mtime tick with the same length would not
//! be noticed; file systems with nanosecond mtimes (ext4, btrfs, tmpfs, APFS)
//! make that practically impossible.

use std::path::{Path, PathBuf};

use crate::model::GraphData;

const MAGIC: &[u8; 8] = b"KGCACHE1";

/// A hash of the sources that shape an entry: the serialized types, and the
/// checker and text normalization that compute its name index. A change to
/// any of them makes old entries unreadable, even without a version bump.
const SCHEMA: u64 = fnv1a_from(
    fnv1a_from(fnv1a(include_bytes!("model.rs")), include_bytes!("text.rs")),
    include_bytes!("load/check.rs"),
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
        let path = dir.join(format!("{:016x}.bin", fnv1a(name.as_bytes())));
        Some(Entry { path, fingerprint: fingerprint.into_bytes() })
    }

    /// The cached graph, if the entry exists, matches the files and decodes.
    pub fn read(&self) -> Option<GraphData> {
        let bytes = std::fs::read(&self.path).ok()?;
        decode(&bytes, &self.fingerprint)
    }

    /// Stores a checked graph; failures are ignored (the cache is an optimisation).
    pub fn write(&self, data: &GraphData) {
        let Ok(payload) = postcard::to_stdvec(data) else { return };
        let mut bytes = Vec::with_capacity(MAGIC.len() + 16 + self.fingerprint.len() + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&(self.fingerprint.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&self.fingerprint);
        bytes.extend_from_slice(&checksum(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        if let Some(dir) = self.path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = crate::fsutil::write_atomic(&self.path, &bytes);
    }
}

/// Decodes an entry written for `fingerprint`; `None` if anything is off.
fn decode(bytes: &[u8], fingerprint: &[u8]) -> Option<GraphData> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (len, rest) = rest.split_first_chunk::<8>()?;
    let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
    if rest.get(..len)? != fingerprint {
        return None;
    }
    let (sum, payload) = rest[len..].split_first_chunk::<8>()?;
    if u64::from_le_bytes(*sum) != checksum(payload) {
        return None;
    }
    let data: GraphData = postcard::from_bytes(payload).ok()?;
    in_range(&data).then_some(data)
}

/// Whether every index in the data points at something, so a damaged entry
/// that still decodes cannot make the graph code panic.
fn in_range(d: &GraphData) -> bool {
    let nodes = d.nodes.len();
    let sections = &d.article.sections;
    (d.subject as usize) < nodes
        && d.names.is_valid(nodes)
        && d.id_order.len() == nodes
        && d.id_order.iter().all(|&i| (i as usize) < nodes)
        && d.edges.iter().all(|e| {
            (e.from as usize) < nodes
                && (e.to as usize) < nodes
                && e.sources.iter().all(|s| sections.get(s.section as usize).is_some())
        })
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

/// A fast checksum of the payload, eight bytes at a time: it catches a
/// damaged file, not a forged one.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("chunks of eight"));
        h = (h ^ w).wrapping_mul(K).rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ b as u64).wrapping_mul(K).rotate_left(29);
    }
    h ^ (h >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_entries_do_not_decode() {
        let data = crate::bundled::data().unwrap();
        let fp = b"fingerprint".to_vec();
        let entry = Entry { path: PathBuf::new(), fingerprint: fp.clone() };
        let payload = postcard::to_stdvec(&data).unwrap();
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&(fp.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&fp);
        bytes.extend_from_slice(&checksum(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        assert_eq!(decode(&bytes, &entry.fingerprint), Some(data));
        assert!(decode(&bytes, b"other").is_none());
        assert!(decode(&bytes[..bytes.len() - 1], &fp).is_none());
        let mut flipped = bytes.clone();
        let last = flipped.len() - 10;
        flipped[last] ^= 1;
        assert!(decode(&flipped, &fp).is_none());
        assert!(decode(b"garbage", &fp).is_none());
        assert!(decode(&[], &fp).is_none());
    }
}
