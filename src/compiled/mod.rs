//! The compiled graph format, read in place: what the cache entry, the
//! bundled graph baked into the binary and `kg compile` hold, and what
//! [`crate::graph::Graph`] reads every question from.
//!
//! # Layout
//!
//! A header, then sections, each 8-byte aligned. Numbers are in the byte
//! order of the machine the file was made for (recorded in the header), so
//! arrays are used straight from the file.
//!
//! | at | what |
//! |---|---|
//! | 0 | magic `kg-graph`, version (u32), byte-order mark (u32), file length (u64), header checksum (u64) |
//! | 32 | node count, edge count, subject node, article title and source (string refs), all u32 |
//! | 64 | the section table: offset and length (u64 each) of every section below |
//!
//! | section | holds |
//! |---|---|
//! | fingerprint | the cache's description of the files an entry was built from (empty otherwise) |
//! | strings | every string once, each a u32 length then its UTF-8 bytes; a string ref is its offset |
//! | sections | the article's sections: id, title (refs), paragraph count |
//! | nodes | a 20-byte record per node: id, name, summary (refs), first alias, alias count, kind, flags (lay, described) |
//! | aliases | string refs, each node's aliases in a run |
//! | edges | a 28-byte record per edge: from, to, first citation, citation count, note (ref), timing window, relation, certainty, flags (negated) |
//! | cites | (section, paragraph) pairs, each edge's in a run |
//! | windows | timing windows: days, minutes, note, how long the effect lasts |
//! | out start, out | outgoing adjacency: per node a run of (edge, other end, key), sorted by the key: relation, then asserted claims before denied ones |
//! | in start, in | the same for incoming edges |
//! | id order | node indexes sorted by id, for lookups by id and the export order |
//! | edge order | edge indexes in export order (from id, relation, to id, denied, certainty) |
//! | form text, ends, node ends, nodes | the name index: every normalized id, name and alias, sorted, with the nodes it names |
//! | form signatures | per form, which characters it holds, how many of each group, and its length: lower bounds of edit distances, for the typo search |
//!
//! # Trust
//!
//! Opening a file checks only what is cheap: the magic, the version, the
//! byte order, the length, the header checksum, and that every section lies
//! inside the file, is aligned and has the size its counts imply. Nothing is
//! decoded up front. Every later read is bounds-checked and total: an index
//! out of range, a string that is not UTF-8 or an unknown kind reads as
//! empty or a default, never a panic and never undefined behaviour.
//! [`Store::verify`] checks every record (`kg check FILE`, `kg compile`, the
//! tests and the fuzz target use it), as sqlite's `integrity_check` does.

pub mod write;

use std::path::Path;

use bytemuck::{Pod, Zeroable};
pub use write::{NONE, sec};

use crate::model::Source;

/// A node as stored: see the layout.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct NodeRec {
    pub id: u32,
    pub name: u32,
    pub summary: u32,
    pub aliases: u32,
    pub alias_count: u16,
    pub kind: u8,
    pub flags: u8,
}

/// An edge as stored.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct EdgeRec {
    pub from: u32,
    pub to: u32,
    pub cites: u32,
    pub cite_count: u32,
    pub note: u32,
    pub window: u32,
    pub relation: u8,
    pub certainty: u8,
    pub flags: u8,
    /// [`crate::model::Degree`] as its index.
    pub degree: u8,
}

/// One entry of an adjacency run: the edge, the node at its other end, and
/// the key the run is sorted by ([`write::adj_key`]: relation, denied).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct AdjRec {
    pub edge: u32,
    pub other: u32,
    pub key: u32,
}

/// A timing window as stored; `has` says which fields are set.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct WindowRec {
    pub from_day: u16,
    pub to_day: u16,
    pub minutes: f32,
    pub pause_minutes: f32,
    pub note: u32,
    pub lasts: u32,
    pub has: u8,
    /// [`crate::model::Phase`] as its index plus one; 0 for none.
    pub phase: u8,
    pub pad: [u8; 2],
}

/// A section of the article as stored.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct SectionRec {
    pub id: u32,
    pub title: u32,
    pub paragraphs: u16,
    pub pad: u16,
}

// SAFETY: plain `#[repr(C)]` structs of integers and floats whose fields
// fill them exactly (no padding bytes; sizes checked below), so every bit
// pattern is a valid value and they may be read straight from file bytes.
unsafe impl Zeroable for NodeRec {}
unsafe impl Pod for NodeRec {}
unsafe impl Zeroable for EdgeRec {}
unsafe impl Pod for EdgeRec {}
unsafe impl Zeroable for AdjRec {}
unsafe impl Pod for AdjRec {}
unsafe impl Zeroable for WindowRec {}
unsafe impl Pod for WindowRec {}
unsafe impl Zeroable for SectionRec {}
unsafe impl Pod for SectionRec {}
// SAFETY: `Source` is `#[repr(C)]` with two u16 fields and no padding.
unsafe impl Zeroable for Source {}
unsafe impl Pod for Source {}

const _: () = {
    assert!(size_of::<NodeRec>() == write::NODE_LEN);
    assert!(size_of::<EdgeRec>() == write::EDGE_LEN);
    assert!(size_of::<AdjRec>() == write::ADJ_LEN);
    assert!(size_of::<WindowRec>() == write::WINDOW_LEN);
    assert!(size_of::<SectionRec>() == write::SECTION_LEN);
    assert!(size_of::<Source>() == write::CITE_LEN);
};

/// Why a file cannot be read as a compiled graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// Not a compiled graph at all (no magic).
    Foreign,
    /// Made by another version of kg.
    Version(u32),
    /// Made for a machine with the other byte order.
    ByteOrder,
    /// Shorter or longer than its header says: cut off while copying, say.
    Truncated { expected: u64, actual: u64 },
    /// The header or a section does not hold together.
    Damaged(String),
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::Foreign => f.write_str("not a compiled kg graph"),
            FormatError::Version(v) => write!(
                f,
                "a compiled graph of format version {v}; this kg reads version {}: compile it again with this kg",
                write::VERSION
            ),
            FormatError::ByteOrder => {
                f.write_str("a compiled graph made for a machine of the other byte order: compile it again here")
            }
            FormatError::Truncated { expected, actual } => {
                write!(f, "a truncated compiled graph ({actual} bytes of {expected})")
            }
            FormatError::Damaged(what) => write!(f, "a damaged compiled graph ({what})"),
        }
    }
}

/// Whether `bytes` start like a compiled graph.
pub fn is_compiled(bytes: &[u8]) -> bool {
    bytes.starts_with(&write::MAGIC)
}

/// Whether the file at `path` starts like a compiled graph (unreadable or
/// short files are not).
pub fn is_compiled_file(path: &Path) -> bool {
    use std::io::Read;
    // Only a regular file is looked into: reading the start of a pipe
    // (`/dev/stdin`) would take bytes the RON reader needs.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = [0u8; 8];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok() && is_compiled(&head)
}

/// Drops a freshly written compiled file from the page cache (Linux), so
/// its pages come back one at a time as questions touch them. Written
/// whole, a file sits in the page cache in large blocks (up to 2 MiB), and
/// each one a question touches would be mapped whole: a one-hop question at
/// a million edges would hold 90 MiB instead of 6. Failures are ignored.
pub fn settle(path: &Path) {
    #[cfg(target_os = "linux")]
    if let Ok(f) = std::fs::File::open(path) {
        use std::os::fd::AsRawFd;
        // SAFETY: a plain system call on a file descriptor we own; it only
        // advises the kernel and touches no memory of ours.
        unsafe {
            libc::posix_fadvise(f.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = path;
}

/// Where the bytes live. Each is 8-byte aligned, so arrays cast in place.
enum Bytes {
    /// Baked into the binary (aligned by [`crate::bundled`]).
    Static(&'static [u8]),
    /// A file mapped into memory: pages are read as they are touched.
    Mapped(memmap2::Mmap),
    /// A copy on the heap, in u64s for alignment, and its length in bytes.
    Owned(Vec<u64>, usize),
    /// Bytes on the heap that happen to be aligned (as large allocations are).
    Vec(Vec<u8>),
}

impl Bytes {
    fn get(&self) -> &[u8] {
        match self {
            Bytes::Static(b) => b,
            Bytes::Mapped(m) => m,
            Bytes::Owned(v, len) => &bytemuck::cast_slice(v)[..*len],
            Bytes::Vec(v) => v,
        }
    }
}

/// A compiled graph, opened: the bytes and where each section is.
pub struct Store {
    bytes: Bytes,
    sections: [(usize, usize); sec::COUNT],
    pub node_count: u32,
    pub edge_count: u32,
    pub subject: u32,
    pub title: u32,
    pub source: u32,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Store({} nodes, {} edges)", self.node_count, self.edge_count)
    }
}

impl Store {
    /// Opens bytes baked into the binary. They must be 8-byte aligned.
    pub fn from_static(bytes: &'static [u8]) -> Result<Store, FormatError> {
        Store::new(Bytes::Static(bytes))
    }

    /// Opens bytes on the heap (copied once into an aligned buffer).
    pub fn from_bytes(bytes: &[u8]) -> Result<Store, FormatError> {
        let mut words = vec![0u64; bytes.len().div_ceil(8)];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes.len()].copy_from_slice(bytes);
        Store::new(Bytes::Owned(words, bytes.len()))
    }

    /// Opens bytes on the heap, copying them only if they are not aligned.
    pub fn from_vec(bytes: Vec<u8>) -> Result<Store, FormatError> {
        if (bytes.as_ptr() as usize).is_multiple_of(8) {
            Store::new(Bytes::Vec(bytes))
        } else {
            Store::from_bytes(&bytes)
        }
    }

    /// Maps a file and opens it. Only the header is read now.
    pub fn open(file: &std::fs::File) -> std::io::Result<Result<Store, FormatError>> {
        // SAFETY: the map is read-only. Cache entries are only ever replaced
        // by renaming a new file over them, never written in place, so the
        // mapped file does not change under us; a compiled file that another
        // program truncates while kg runs would fault (as with any mapped
        // file: ripgrep and sqlite's mmap mode take the same risk).
        let map = unsafe { memmap2::Mmap::map(file)? };
        // A question reads a few records here and there: ask the kernel not
        // to read ahead or map neighbouring pages on each fault, so memory
        // holds what was used. (Only a hint; a failure changes nothing.)
        #[cfg(unix)]
        let _ = map.advise(memmap2::Advice::Random);
        #[cfg(target_os = "linux")]
        let _ = map.advise(memmap2::Advice::NoHugePage);
        Ok(Store::new(Bytes::Mapped(map)))
    }

    fn new(bytes: Bytes) -> Result<Store, FormatError> {
        let b = bytes.get();
        if !is_compiled(b) {
            return Err(FormatError::Foreign);
        }
        if b.len() < write::HEADER_LEN {
            return Err(FormatError::Truncated { expected: write::HEADER_LEN as u64, actual: b.len() as u64 });
        }
        if !(b.as_ptr() as usize).is_multiple_of(8) {
            return Err(FormatError::Damaged("misaligned in memory".into()));
        }
        let u32_at = |at: usize| u32::from_ne_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
        let u64_at = |at: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[at..at + 8]);
            u64::from_ne_bytes(w)
        };
        let order = u32_at(12);
        if order != write::BYTE_ORDER {
            // The version is written in the maker's byte order too.
            return Err(if order.swap_bytes() == write::BYTE_ORDER {
                FormatError::ByteOrder
            } else {
                FormatError::Damaged("bad byte-order mark".into())
            });
        }
        let version = u32_at(8);
        if version != write::VERSION {
            return Err(FormatError::Version(version));
        }
        let expected = u64_at(16);
        if expected != b.len() as u64 {
            return Err(FormatError::Truncated { expected, actual: b.len() as u64 });
        }
        let mut head = b[..write::HEADER_LEN].to_vec();
        head[24..32].fill(0);
        if u64_at(24) != write::checksum(&head) {
            return Err(FormatError::Damaged("header checksum".into()));
        }
        let node_count = u32_at(32);
        let edge_count = u32_at(36);
        let mut sections = [(0usize, 0usize); sec::COUNT];
        for (i, s) in sections.iter_mut().enumerate() {
            let at = write::HEADER_FIXED + 16 * i;
            let (offset, len) = (u64_at(at), u64_at(at + 8));
            let end = offset.checked_add(len).filter(|&e| e <= b.len() as u64);
            if end.is_none() || offset % 8 != 0 || offset < write::HEADER_LEN as u64 {
                return Err(FormatError::Damaged(format!("section {i} lies outside the file")));
            }
            *s = (offset as usize, len as usize);
        }
        let store = Store {
            node_count,
            edge_count,
            subject: u32_at(40),
            title: u32_at(44),
            source: u32_at(48),
            sections,
            bytes,
        };
        store.check_sizes()?;
        Ok(store)
    }

    /// Every section's length against the counts: O(1).
    fn check_sizes(&self) -> Result<(), FormatError> {
        let (n, m) = (self.node_count as usize, self.edge_count as usize);
        let len = |s: usize| self.sections[s].1;
        let forms = len(sec::FORM_ENDS) / 4;
        let checks = [
            ("nodes", len(sec::NODES) == n * write::NODE_LEN),
            ("edges", len(sec::EDGES) == m * write::EDGE_LEN),
            ("adjacency", len(sec::OUT_START) == (n + 1) * 4 && len(sec::IN_START) == (n + 1) * 4),
            ("adjacency", len(sec::OUT) == m * write::ADJ_LEN && len(sec::IN) == m * write::ADJ_LEN),
            ("orders", len(sec::ID_ORDER) == n * 4 && len(sec::EDGE_ORDER) == m * 4),
            ("aliases", len(sec::ALIASES) % 4 == 0),
            ("citations", len(sec::CITES) % write::CITE_LEN == 0),
            ("windows", len(sec::WINDOWS) % write::WINDOW_LEN == 0),
            ("sections", len(sec::SECTIONS) % write::SECTION_LEN == 0),
            ("names", len(sec::FORM_ENDS) % 4 == 0 && len(sec::FORM_NODE_ENDS) == forms * 4),
            ("names", len(sec::FORM_SIGS) == forms * 16 && len(sec::FORM_NODES) % 4 == 0),
            ("subject", self.subject < self.node_count),
        ];
        match checks.iter().find(|(_, ok)| !ok) {
            Some((what, _)) => Err(FormatError::Damaged(format!("{what} do not match the header"))),
            None => Ok(()),
        }
    }

    /// The whole file.
    pub fn bytes(&self) -> &[u8] {
        self.bytes.get()
    }

    /// One section's bytes.
    pub fn section(&self, s: usize) -> &[u8] {
        let (at, len) = self.sections[s];
        self.bytes.get().get(at..at + len).unwrap_or(&[])
    }

    /// One section as an array of records (empty if it cannot be one, which
    /// opening has already ruled out).
    pub fn array<T: Pod>(&self, s: usize) -> &[T] {
        bytemuck::try_cast_slice(self.section(s)).unwrap_or(&[])
    }

    /// The string at a ref; empty for [`NONE`], a ref out of range or bytes
    /// that are not UTF-8.
    pub fn str(&self, r: u32) -> &str {
        self.try_str(r).unwrap_or("")
    }

    /// The string at a ref, if it is one.
    pub fn try_str(&self, r: u32) -> Option<&str> {
        let s = self.section(sec::STRINGS);
        let at = r as usize;
        let len = u32::from_ne_bytes(s.get(at..at.checked_add(4)?)?.try_into().ok()?) as usize;
        let start = at + 4;
        std::str::from_utf8(s.get(start..start.checked_add(len)?)?).ok()
    }

    /// A string ref that may be absent.
    pub fn opt_str(&self, r: u32) -> Option<&str> {
        (r != NONE).then(|| self.str(r))
    }

    pub fn fingerprint(&self) -> &[u8] {
        self.section(sec::FINGERPRINT)
    }

    /// Checks every record: refs, indexes, enums, UTF-8, adjacency against
    /// the edges, orders sorted, the name index well formed. O(file).
    pub fn verify(&self) -> Result<(), FormatError> {
        let bad = |what: &str| Err(FormatError::Damaged(what.to_string()));
        let (n, m) = (self.node_count as usize, self.edge_count as usize);
        let strings_ok = |r: u32| self.try_str(r).is_some();
        if !strings_ok(self.title) || !strings_ok(self.source) {
            return bad("article title");
        }
        let sections: &[SectionRec] = self.array(sec::SECTIONS);
        if sections.iter().any(|s| !strings_ok(s.id) || !strings_ok(s.title)) {
            return bad("article sections");
        }
        let aliases: &[u32] = self.array(sec::ALIASES);
        let nodes: &[NodeRec] = self.array(sec::NODES);
        for node in nodes {
            let run = (node.aliases as usize).checked_add(node.alias_count as usize);
            if ![node.id, node.name, node.summary].into_iter().all(strings_ok)
                || usize::from(node.kind) >= crate::model::Kind::ALL.len()
                || !run
                    .and_then(|end| aliases.get(node.aliases as usize..end))
                    .is_some_and(|a| a.iter().all(|&r| strings_ok(r)))
            {
                return bad("node records");
            }
        }
        let cites: &[Source] = self.array(sec::CITES);
        let windows: &[WindowRec] = self.array(sec::WINDOWS);
        for e in self.array::<EdgeRec>(sec::EDGES) {
            let run = (e.cites as usize).checked_add(e.cite_count as usize);
            if e.from as usize >= n
                || e.to as usize >= n
                || usize::from(e.relation) >= crate::model::Relation::ALL.len()
                || usize::from(e.certainty) >= crate::model::Certainty::ALL.len()
                || (e.note != NONE && !strings_ok(e.note))
                || (e.window != NONE
                    && windows.get(e.window as usize).is_none_or(|w| {
                        (w.note != NONE && !strings_ok(w.note)) || (w.lasts != NONE && !strings_ok(w.lasts))
                    }))
                || !run
                    .and_then(|end| cites.get(e.cites as usize..end))
                    .is_some_and(|c| c.iter().all(|s| (s.section as usize) < sections.len()))
            {
                return bad("edge records");
            }
        }
        let edges: &[EdgeRec] = self.array(sec::EDGES);
        for (starts, adj, outgoing) in [(sec::OUT_START, sec::OUT, true), (sec::IN_START, sec::IN, false)] {
            let starts: &[u32] = self.array(starts);
            let adj: &[AdjRec] = self.array(adj);
            if starts.first() != Some(&0) || starts.last().map(|&l| l as usize) != Some(m) {
                return bad("adjacency");
            }
            for (node, w) in starts.windows(2).enumerate() {
                let Some(run) = adj.get(w[0] as usize..w[1] as usize) else { return bad("adjacency") };
                let mut last = 0;
                for a in run {
                    let Some(e) = edges.get(a.edge as usize) else { return bad("adjacency") };
                    let (end, other) = if outgoing { (e.from, e.to) } else { (e.to, e.from) };
                    let key = write::adj_key(e.relation, e.flags & write::EDGE_NEGATED != 0);
                    if end as usize != node || other != a.other || a.key != key || key < last {
                        return bad("adjacency");
                    }
                    last = key;
                }
            }
        }
        let id_order: &[u32] = self.array(sec::ID_ORDER);
        let id = |i: u32| nodes.get(i as usize).map_or("", |r| self.str(r.id));
        if id_order.iter().any(|&i| i as usize >= n) || id_order.windows(2).any(|w| id(w[0]) >= id(w[1])) {
            return bad("id order");
        }
        let edge_order: &[u32] = self.array(sec::EDGE_ORDER);
        let mut seen = vec![false; m];
        for &e in edge_order {
            match seen.get_mut(e as usize) {
                Some(s) if !*s => *s = true,
                _ => return bad("edge order"),
            }
        }
        let text = self.section(sec::FORM_TEXT);
        let ends: &[u32] = self.array(sec::FORM_ENDS);
        let node_ends: &[u32] = self.array(sec::FORM_NODE_ENDS);
        let form_nodes: &[u32] = self.array(sec::FORM_NODES);
        let rising = |ends: &[u32], max: usize| {
            ends.windows(2).all(|w| w[0] <= w[1]) && ends.last().map_or(0, |&e| e as usize) == max
        };
        let Ok(text) = std::str::from_utf8(text) else { return bad("name index") };
        if !rising(ends, text.len())
            || !rising(node_ends, form_nodes.len())
            || ends.iter().any(|&e| !text.is_char_boundary(e as usize))
            || form_nodes.iter().any(|&x| x as usize >= n)
        {
            return bad("name index");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_bound_the_edit_distance() {
        for (a, b) in [
            ("muscle spasm", "muscle spsam"),
            ("ice pack", "ice packs"),
            ("heat", "cold"),
            ("", "abc"),
            ("aaaa", "bbbbbbbb"),
            ("back muscle spasm", "bcak muscle spasm"),
        ] {
            let bound = write::distance_bound(write::signature(a), write::signature(b));
            assert!(bound <= crate::text::edit_distance(a, b), "{a} {b}");
            assert_eq!((write::signature(a)[0] >> 56) as usize, a.chars().count());
        }
        // Unrelated names of the same length are told apart without the distance.
        let far =
            write::distance_bound(write::signature("acute lumbar strain"), write::signature("zinc rich oat flakes"));
        assert!(far > 4, "{far}");
    }
}
