//! A cache of compiled user graphs, so `kg --graph DIR` pays the RON parse
//! and the checks once, not on every run.
//!
//! After a successful load of graph files, the checked graph is compiled and
//! written to `$XDG_CACHE_HOME/kg/<hash>.kg` (else `~/.cache/kg/<hash>.kg`).
//! `<hash>` names the set of graph paths asked for (their canonical form)
//! and the kg version, so editing a file overwrites its entry instead of
//! adding one.
//!
//! **The key.** An entry's header holds the key it was built for: the kg
//! version, a hash of the schema source (`src/model.rs`, with the checker and
//! text normalization that build the name index) and, for every source file,
//! what git compares to tell a file changed: its canonical path, device,
//! inode, size, modification time and status-change time (ctime, which no
//! `touch -r`, `cp -p`, `rsync -t` or tar can set back), in nanoseconds.
//! Timestamps tick coarsely on some file systems (2 s on FAT, 1 s on ext3 and
//! HFS+, a clock tick elsewhere), so a file changed twice within one tick,
//! keeping its size, would look unchanged. As git does with "racily clean"
//! files, an entry does not trust its key for a file whose timestamps are
//! within [`RACY`] of the moment the files were examined for the entry: such a
//! file is read again and its content compared with a hash kept in the header.
//!
//! An entry is used only if its header matches, its checksum holds, it
//! decodes, and its indexes are in range; otherwise it is ignored silently
//! and rewritten after the files are parsed again. Load warnings are not
//! stored: only `kg check` shows them, and it never reads the cache. A cached
//! load therefore returns no warnings. Graph files that are not regular files
//! (a FIFO, a process substitution) are never cached: they cannot be
//! fingerprinted.
//!
//! **Files.** The cache directory is made private (0700) and entries are
//! written private (0600, [`crate::fsutil::write_private`]) and atomically,
//! so a reader never sees half an entry; temporary files that a killed write
//! left are swept. An entry is read only if it is a regular file no larger
//! than its sources could make it ([`crate::fsutil::open`]): a FIFO or a huge
//! sparse file planted at its name is a miss, not a hang. `KG_NO_CACHE=1`
//! (any value but empty or `0`) turns reading and writing off. An unwritable
//! or read-only cache directory is silent.
//!
//! **The bytes.** An entry is a compiled graph ([`crate::compiled`]), mapped
//! and read in place: a question touches only the pages it needs. The header
//! above (key, the moment it was taken, content hashes) is its fingerprint
//! section. An entry is used only if it opens (magic, format version, byte
//! order, length, header checksum, section bounds) and its key matches;
//! everything about keys and files above is independent of the format.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::graph::Graph;
use crate::model::GraphData;

/// A hash of the sources that shape an entry: the serialized types, and the
/// checker and text normalization that compute its name index. A change to
/// any of them makes old entries unreadable, even without a version bump.
const SCHEMA: u64 = fnv1a_from(
    fnv1a_from(
        fnv1a_from(fnv1a(include_bytes!("model.rs")), include_bytes!("text.rs")),
        include_bytes!("load/check.rs"),
    ),
    include_bytes!("compiled/write.rs"),
);

/// The coarsest timestamp granularity in common use (FAT's 2 s). A file
/// changed less than this before its entry was keyed is checked by content.
pub const RACY: Duration = Duration::from_secs(2);

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

/// The cache entry for one set of graph paths, and the key of the files
/// they stand for as they are now.
#[derive(Debug)]
pub struct Entry {
    pub path: PathBuf,
    key: Key,
}

/// What the files looked like when examined.
#[derive(Debug)]
struct Key {
    /// Version, schema and one line per file: path, device, inode, size,
    /// mtime, ctime. Compared byte for byte.
    text: Vec<u8>,
    /// Each file, with the later of its mtime and ctime, for the racy check.
    files: Vec<(PathBuf, SystemTime)>,
    /// When the files were examined, before any was read.
    taken: SystemTime,
    /// The files' total size, which bounds how large an entry can be.
    bytes: u64,
}

impl Default for Key {
    fn default() -> Key {
        Key { text: Vec::new(), files: Vec::new(), taken: UNIX_EPOCH, bytes: 0 }
    }
}

/// A header as read from an entry.
struct Header {
    key: Vec<u8>,
    taken: SystemTime,
    hashes: Vec<u64>,
}

impl Entry {
    /// The entry for `paths`, or `None` when the cache is off, a path cannot
    /// be examined (loading then reports the problem) or a file is not a
    /// regular file.
    pub fn for_paths(paths: &[PathBuf]) -> Option<Entry> {
        if !enabled() || paths.is_empty() {
            return None;
        }
        let dir = dir()?;
        let taken = SystemTime::now();
        let mut name = format!("kg {} {SCHEMA:016x}\n", env!("CARGO_PKG_VERSION"));
        let mut key = Key { text: name.clone().into_bytes(), taken, ..Key::default() };
        for p in paths {
            let canon = std::fs::canonicalize(p).ok()?;
            name.push_str(&format!("{}\n", canon.display()));
            for file in crate::load::ron_files(&canon).ok()? {
                let meta = std::fs::metadata(&file).ok()?;
                if !meta.is_file() {
                    return None;
                }
                let (line, changed) = stamp(&file, &meta)?;
                key.text.extend_from_slice(line.as_bytes());
                key.files.push((file, changed));
                key.bytes = key.bytes.saturating_add(meta.len());
            }
        }
        let path = dir.join(format!("{:016x}.kg", fnv1a(name.as_bytes())));
        Some(Entry { path, key })
    }

    /// The cached graph, if the entry exists, matches the files and decodes.
    pub fn read(&self) -> Option<Graph> {
        let (file, meta) = crate::fsutil::open(&self.path).ok()?;
        if !meta.is_file() || meta.len() > self.max_len() {
            return None;
        }
        let g = Graph::from_store(crate::compiled::Store::open(&file).ok()?.ok()?).ok()?;
        let header = parse_header(g.store().fingerprint())?;
        let key = &self.key;
        (header.key == key.text && header.hashes.len() == key.files.len() && unchanged(key, &header)).then_some(g)
    }

    fn max_len(&self) -> u64 {
        self.key.bytes.saturating_mul(8).saturating_add(16 << 20)
    }

    /// Stores a checked graph built from `texts` (the files' text as loaded,
    /// in key order); failures are ignored (the cache is an optimisation).
    /// The compiled form of a checked graph, its header (this entry's key,
    /// and a hash of each file's text, `texts` in key order) as the
    /// fingerprint; `None` as the second value when the texts do not match
    /// the key, so the bytes must not be stored.
    pub fn compile(&self, data: &GraphData, texts: &[&str]) -> Result<(Vec<u8>, bool), String> {
        let storable = texts.len() == self.key.files.len();
        let hashes: Vec<u64> = texts.iter().map(|t| checksum(t.as_bytes())).collect();
        let mut header = Vec::with_capacity(self.key.text.len() + 16 + 8 * hashes.len());
        header.extend_from_slice(&(self.key.text.len() as u64).to_le_bytes());
        header.extend_from_slice(&self.key.text);
        header.extend_from_slice(&nanos(self.key.taken).to_le_bytes());
        header.extend_from_slice(&(hashes.len() as u64).to_le_bytes());
        for h in hashes {
            header.extend_from_slice(&h.to_le_bytes());
        }
        let bytes = crate::compiled::write::write(data, &header, cfg!(target_endian = "big"))?;
        Ok((bytes, storable))
    }

    /// Stores compiled bytes from [`Entry::compile`]; failures are ignored
    /// (the cache is an optimisation). The new entry is dropped from the
    /// page cache ([`crate::compiled::settle`]) so questions map only the
    /// pages they read.
    pub fn write(&self, bytes: &[u8]) {
        let Some(dir) = self.path.parent() else { return };
        if make_private_dir(dir).is_err() {
            return;
        }
        crate::fsutil::sweep(dir, ".");
        if crate::fsutil::write_private(&self.path, bytes).is_ok() {
            crate::compiled::settle(&self.path);
        }
    }
}

/// One file's key line and the later of its mtime and ctime.
fn stamp(file: &Path, meta: &std::fs::Metadata) -> Option<(String, SystemTime)> {
    let mtime = meta.modified().ok()?;
    #[cfg(unix)]
    let (line, changed) = {
        use std::os::unix::fs::MetadataExt;
        let ctime = UNIX_EPOCH
            .checked_add(Duration::new(u64::try_from(meta.ctime()).ok()?, u32::try_from(meta.ctime_nsec()).ok()?))?;
        let line = format!(
            "{}\t{}\t{}\t{}\t{}\t{}\n",
            file.display(),
            meta.dev(),
            meta.ino(),
            meta.len(),
            nanos(mtime),
            nanos(ctime)
        );
        (line, mtime.max(ctime))
    };
    #[cfg(not(unix))]
    let (line, changed) = (format!("{}\t{}\t{}\n", file.display(), meta.len(), nanos(mtime)), mtime);
    Some((line, changed))
}

/// Nanoseconds since 1970 (0 before it: such a file is always racy).
fn nanos(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// Creates the cache directory private to its owner, and makes an existing
/// one private (earlier versions made it 0755).
fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
        builder.mode(0o700);
        builder.create(dir)?;
        let m = std::fs::symlink_metadata(dir)?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        if m.is_dir() && m.mode() & 0o077 != 0 && m.uid() == unsafe { libc::geteuid() } {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    builder.create(dir)
}

/// Reads an entry of `len` bytes from `r`: the header first, so an entry
/// for other files costs a few bytes, then the payload. `None` if anything
/// is off.
fn parse_header(bytes: &[u8]) -> Option<Header> {
    let (len, rest) = bytes.split_first_chunk::<8>()?;
    let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
    let key = rest.get(..len)?.to_vec();
    let rest = &rest[len..];
    let (taken, rest) = rest.split_first_chunk::<8>()?;
    let taken = UNIX_EPOCH.checked_add(Duration::from_nanos(u64::from_le_bytes(*taken)))?;
    let (count, mut rest) = rest.split_first_chunk::<8>()?;
    let count = usize::try_from(u64::from_le_bytes(*count)).ok()?;
    if rest.len() != count.checked_mul(8)? {
        return None;
    }
    let mut hashes = Vec::with_capacity(count);
    while let Some((h, tail)) = rest.split_first_chunk::<8>() {
        hashes.push(u64::from_le_bytes(*h));
        rest = tail;
    }
    Some(Header { key, taken, hashes })
}

/// Whether the files are still what the entry was built from. The key
/// matched already; a file whose timestamps are too close to the moment the
/// entry was keyed could have changed within one timestamp tick since, so
/// its content decides.
fn unchanged(key: &Key, header: &Header) -> bool {
    key.files
        .iter()
        .zip(&header.hashes)
        .all(|((file, changed), &hash)| !racy(*changed, header.taken) || content_hash(file).is_some_and(|h| h == hash))
}

/// Whether a file changed at `changed` may have changed again unseen after
/// an entry keyed at `taken`: its timestamps are not a full tick older.
fn racy(changed: SystemTime, taken: SystemTime) -> bool {
    changed.checked_add(RACY).is_none_or(|t| t >= taken)
}

/// The hash of a file's text as the loader takes it (a byte-order mark is
/// not part of it).
fn content_hash(file: &Path) -> Option<u64> {
    let bytes = crate::fsutil::read(file, crate::load::MAX_FILE_BYTES).ok()?;
    Some(checksum(bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes)))
}

/// Decodes the payload: its checksum, then the graph. `None` if anything is off.
/// For the fuzz target: `bytes` as an entry read with an empty key (a
/// compiled graph whose fingerprint parses as a header), or `None`.
#[doc(hidden)]
pub fn fuzz_read(bytes: &[u8]) -> Option<Graph> {
    let g = Graph::from_store(crate::compiled::Store::from_bytes(bytes).ok()?).ok()?;
    let header = parse_header(g.store().fingerprint())?;
    (header.key.is_empty() && header.hashes.is_empty()).then_some(g)
}

/// For the fuzz target: the bundled graph's compiled bytes with `patch`
/// written over them from byte `at` on, the header checksum made good
/// again, so the damage reaches every section.
#[doc(hidden)]
pub fn fuzz_forged(at: usize, patch: &[u8]) -> Option<Graph> {
    let mut bytes = crate::bundled::graph().ok()?.store().bytes().to_vec();
    let at = at % bytes.len().max(1);
    let end = (at + patch.len()).min(bytes.len());
    bytes[at..end].copy_from_slice(&patch[..end - at]);
    let w = crate::compiled::write::HEADER_LEN.min(bytes.len());
    if bytes.len() >= 32 {
        bytes[24..32].fill(0);
        let sum = crate::compiled::write::checksum(&bytes[..w]);
        bytes[24..32].copy_from_slice(&sum.to_ne_bytes());
    }
    Graph::from_store(crate::compiled::Store::from_bytes(&bytes).ok()?).ok()
}

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

    fn entry(path: PathBuf, key: Key) -> Entry {
        Entry { path, key }
    }

    fn temp(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("kg-cache-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn damaged_entries_are_not_used() {
        let dir = temp("damaged");
        let data = crate::bundled::data().unwrap();
        let key = || Key { text: b"key".to_vec(), taken: UNIX_EPOCH, ..Key::default() };
        let e = entry(dir.join("e.kg"), key());
        let (bytes, storable) = e.compile(&data, &[]).unwrap();
        assert!(storable);
        e.write(&bytes);
        assert_eq!(e.read().map(|g| g.to_data()), Some(data.clone()));
        let other = entry(e.path.clone(), Key { text: b"other".to_vec(), ..Key::default() });
        assert!(other.read().is_none());
        for damaged in [&bytes[..bytes.len() - 1], b"garbage", &[]] {
            std::fs::write(&e.path, damaged).unwrap();
            assert!(e.read().is_none());
        }
        let mut flipped = bytes.clone();
        flipped[40] ^= 1;
        std::fs::write(&e.path, &flipped).unwrap();
        assert!(e.read().is_none(), "the header checksum catches it");
        assert!(fuzz_read(&e.compile(&data, &[]).unwrap().0).is_none(), "a key that is not empty");
        assert!(fuzz_forged(0, &[]).is_some(), "the fuzz target starts from a good file");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn racy_files_are_those_changed_within_a_tick_of_the_key() {
        let t = UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert!(racy(t, t));
        assert!(racy(t - RACY + Duration::from_millis(1), t));
        assert!(racy(t + Duration::from_secs(60), t), "a file from the future is racy");
        assert!(!racy(t - RACY - Duration::from_millis(1), t));
    }

    #[test]
    fn a_racily_clean_file_is_checked_by_content() {
        let dir = temp("racy");
        let file = dir.join("g.ron");
        std::fs::write(&file, "\u{feff}(nodes: [])").unwrap();
        let data = crate::bundled::data().unwrap();
        let now = SystemTime::now();
        // Keyed just after the file changed: the key alone is not trusted.
        let key = || Key { text: b"k".to_vec(), files: vec![(file.clone(), now)], taken: now, bytes: 1 << 30 };
        let e = entry(dir.join("e.kg"), key());
        let (good, _) = e.compile(&data, &["(nodes: [])"]).unwrap();
        e.write(&good);
        assert_eq!(e.read().map(|g| g.to_data()), Some(data.clone()), "same content: a hit");
        let (stale, _) = e.compile(&data, &["(nodes: [ ])"]).unwrap();
        e.write(&stale);
        assert!(e.read().is_none(), "same stamp, other content: a miss");
        // Keyed long after: the stamp is trusted and the file is not read.
        let old = entry(e.path.clone(), Key { files: vec![(file.clone(), now - Duration::from_secs(60))], ..key() });
        assert_eq!(old.read().map(|g| g.to_data()), Some(data));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
