//! A cache of compiled user graphs, so `kg --graph DIR` pays the RON parse
//! and the checks once, not on every run.
//!
//! After a successful load of graph files, the checked [`GraphData`] is
//! written to `$XDG_CACHE_HOME/kg/<hash>.bin` (else `~/.cache/kg/<hash>.bin`).
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
//! The entry's bytes after the header (the payload) are postcard; everything
//! about keys and files above is independent of them.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::model::GraphData;

const MAGIC: &[u8; 8] = b"KGCACHE2";

/// A hash of the sources that shape an entry: the serialized types, and the
/// checker and text normalization that compute its name index. A change to
/// any of them makes old entries unreadable, even without a version bump.
const SCHEMA: u64 = fnv1a_from(
    fnv1a_from(fnv1a(include_bytes!("model.rs")), include_bytes!("text.rs")),
    include_bytes!("load/check.rs"),
);

/// The coarsest timestamp granularity in common use (FAT's 2 s). A file
/// changed less than this before its entry was keyed is checked by content.
pub const RACY: Duration = Duration::from_secs(2);

/// Headers larger than this are damage, not keys (a key line is a path and
/// six numbers per file).
const MAX_HEADER: u64 = 64 << 20;

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
        let path = dir.join(format!("{:016x}.bin", fnv1a(name.as_bytes())));
        Some(Entry { path, key })
    }

    /// The cached graph, if the entry exists, matches the files and decodes.
    pub fn read(&self) -> Option<GraphData> {
        let (file, meta) = crate::fsutil::open(&self.path).ok()?;
        if !meta.is_file() || meta.len() > self.max_len() {
            return None;
        }
        read_entry(std::io::BufReader::new(file), meta.len(), &self.key)
    }

    /// The largest entry the sources could make: several times their size
    /// (the name index, and lists stored whole), and room for a small graph.
    fn max_len(&self) -> u64 {
        self.key.bytes.saturating_mul(8).saturating_add(16 << 20)
    }

    /// Stores a checked graph built from `texts` (the files' text as loaded,
    /// in key order); failures are ignored (the cache is an optimisation).
    pub fn write(&self, data: &GraphData, texts: &[&str]) {
        if texts.len() != self.key.files.len() {
            return;
        }
        let Ok(payload) = postcard::to_stdvec(data) else { return };
        let hashes: Vec<u64> = texts.iter().map(|t| checksum(t.as_bytes())).collect();
        let mut header = Vec::with_capacity(self.key.text.len() + 16 + 8 * hashes.len());
        header.extend_from_slice(&(self.key.text.len() as u64).to_le_bytes());
        header.extend_from_slice(&self.key.text);
        header.extend_from_slice(&nanos(self.key.taken).to_le_bytes());
        header.extend_from_slice(&(hashes.len() as u64).to_le_bytes());
        for h in hashes {
            header.extend_from_slice(&h.to_le_bytes());
        }
        let mut bytes = Vec::with_capacity(MAGIC.len() + 16 + header.len() + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&(header.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&header);
        bytes.extend_from_slice(&checksum(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        let Some(dir) = self.path.parent() else { return };
        if make_private_dir(dir).is_err() {
            return;
        }
        crate::fsutil::sweep(dir, ".");
        let _ = crate::fsutil::write_private(&self.path, &bytes);
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
fn read_entry(mut r: impl Read, len: u64, key: &Key) -> Option<GraphData> {
    let mut head = [0u8; 16];
    r.read_exact(&mut head).ok()?;
    let (magic, size) = head.split_at(8);
    if magic != MAGIC {
        return None;
    }
    let size = u64::from_le_bytes(size.try_into().ok()?);
    if size > MAX_HEADER || size > len {
        return None;
    }
    let header = crate::fsutil::read_limited((&mut r).take(size), size, size).ok()?;
    let header = parse_header(&header)?;
    if header.key != key.text || header.hashes.len() != key.files.len() || !unchanged(key, &header) {
        return None;
    }
    let rest = len.checked_sub(16 + size)?;
    let rest = crate::fsutil::read_limited(r.take(rest), rest, rest).ok()?;
    decode_payload(&rest)
}

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
fn decode_payload(bytes: &[u8]) -> Option<GraphData> {
    let (sum, payload) = bytes.split_first_chunk::<8>()?;
    if u64::from_le_bytes(*sum) != checksum(payload) {
        return None;
    }
    let data: GraphData = postcard::from_bytes(payload).ok()?;
    in_range(&data).then_some(data)
}

/// Reads an entry from bytes with an empty key, as the fuzz target does:
/// damaged or forged bytes must give `None` or a graph that is safe to use,
/// never a panic or a runaway allocation.
#[doc(hidden)]
pub fn fuzz_read(bytes: &[u8]) -> Option<GraphData> {
    read_entry(bytes, bytes.len() as u64, &Key::default())
}

/// Reads an entry forged around `payload`: a valid header for the empty key
/// and a checksum that holds, so what decodes is whatever the payload says
/// (the fuzz target's second mode, past the checksum a forger can compute).
#[doc(hidden)]
pub fn fuzz_forged(payload: &[u8]) -> Option<GraphData> {
    let mut header = 0u64.to_le_bytes().to_vec();
    header.extend_from_slice(&0u64.to_le_bytes());
    header.extend_from_slice(&0u64.to_le_bytes());
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&(header.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&header);
    bytes.extend_from_slice(&checksum(payload).to_le_bytes());
    bytes.extend_from_slice(payload);
    fuzz_read(&bytes)
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

    fn entry_bytes(key: &Key, data: &GraphData, hashes: &[u64]) -> Vec<u8> {
        let payload = postcard::to_stdvec(data).unwrap();
        let mut header = (key.text.len() as u64).to_le_bytes().to_vec();
        header.extend_from_slice(&key.text);
        header.extend_from_slice(&nanos(key.taken).to_le_bytes());
        header.extend_from_slice(&(hashes.len() as u64).to_le_bytes());
        for h in hashes {
            header.extend_from_slice(&h.to_le_bytes());
        }
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&(header.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&header);
        bytes.extend_from_slice(&checksum(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        bytes
    }

    fn read(bytes: &[u8], key: &Key) -> Option<GraphData> {
        read_entry(bytes, bytes.len() as u64, key)
    }

    #[test]
    fn damaged_entries_do_not_decode() {
        let data = crate::bundled::data().unwrap();
        let key = Key { text: b"key".to_vec(), taken: UNIX_EPOCH, ..Key::default() };
        let bytes = entry_bytes(&key, &data, &[]);
        assert_eq!(read(&bytes, &key).as_ref(), Some(&data));
        let other = Key { text: b"other".to_vec(), ..Key::default() };
        assert!(read(&bytes, &other).is_none());
        assert!(read(&bytes[..bytes.len() - 1], &key).is_none());
        let mut flipped = bytes.clone();
        let last = flipped.len() - 10;
        flipped[last] ^= 1;
        assert!(read(&flipped, &key).is_none());
        assert!(read(b"garbage", &key).is_none());
        assert!(read(&[], &key).is_none());
        // A forged payload that is the real one decodes; the fuzz target starts there.
        assert!(fuzz_forged(&postcard::to_stdvec(&data).unwrap()).is_some());
        // A header that claims to be huge is refused before it is read.
        let mut huge = MAGIC.to_vec();
        huge.extend_from_slice(&u64::MAX.to_le_bytes());
        assert!(read(&huge, &key).is_none());
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
        let dir = std::env::temp_dir().join(format!("kg-cache-racy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("g.ron");
        std::fs::write(&file, "\u{feff}(nodes: [])").unwrap();
        let data = crate::bundled::data().unwrap();
        let now = SystemTime::now();
        // Keyed just after the file changed: the key alone is not trusted.
        let key = Key { text: b"k".to_vec(), files: vec![(file.clone(), now)], taken: now, bytes: 20 };
        let good = entry_bytes(&key, &data, &[checksum(b"(nodes: [])")]);
        assert_eq!(read(&good, &key), Some(data.clone()), "same content: a hit");
        let stale = entry_bytes(&key, &data, &[checksum(b"(nodes: [ ])")]);
        assert!(read(&stale, &key).is_none(), "same stamp, other content: a miss");
        // Keyed long after: the stamp is trusted and the file is not read.
        let old = Key { files: vec![(file.clone(), now - Duration::from_secs(60))], ..key };
        assert_eq!(read(&stale, &old), Some(data));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
