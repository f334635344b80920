//! Writes a checked graph in the compiled format that [`super`] reads in
//! place. The build script includes this file by path to bake the bundled
//! graph, so it uses nothing of the crate but [`crate::model`].
//!
//! The layout is described in [`super`]; the numbers are written in the
//! byte order asked for (the target's, for the build script), so a reader
//! on that machine can take every array straight from the file.

use std::collections::HashMap;

use crate::model::GraphData;

pub const MAGIC: [u8; 8] = *b"kg-graph";
/// Bumped whenever the layout changes: older files are then refused (or,
/// for cache entries, rebuilt).
pub const VERSION: u32 = 1;
/// Written in the file's own byte order, so a reader can tell whether the
/// file was made for a machine like itself.
pub const BYTE_ORDER: u32 = 0x0102_0304;
/// A string or index that is absent.
pub const NONE: u32 = u32::MAX;

/// The fixed part of the header, before the section table.
pub const HEADER_FIXED: usize = 64;
/// The sections, in file order; each starts on an 8-byte boundary.
pub mod sec {
    pub const FINGERPRINT: usize = 0;
    pub const STRINGS: usize = 1;
    pub const SECTIONS: usize = 2;
    pub const NODES: usize = 3;
    pub const ALIASES: usize = 4;
    pub const EDGES: usize = 5;
    pub const CITES: usize = 6;
    pub const WINDOWS: usize = 7;
    pub const OUT_START: usize = 8;
    pub const OUT: usize = 9;
    pub const IN_START: usize = 10;
    pub const IN: usize = 11;
    pub const ID_ORDER: usize = 12;
    pub const EDGE_ORDER: usize = 13;
    pub const FORM_TEXT: usize = 14;
    pub const FORM_ENDS: usize = 15;
    pub const FORM_NODE_ENDS: usize = 16;
    pub const FORM_NODES: usize = 17;
    pub const FORM_SIGS: usize = 18;
    pub const COUNT: usize = 19;
}
pub const HEADER_LEN: usize = HEADER_FIXED + 16 * sec::COUNT;

/// Record sizes in bytes (the reader's `#[repr(C)]` structs match them).
pub const NODE_LEN: usize = 20;
pub const EDGE_LEN: usize = 28;
pub const ADJ_LEN: usize = 12;
pub const CITE_LEN: usize = 4;
pub const WINDOW_LEN: usize = 24;
pub const SECTION_LEN: usize = 12;

/// Node flag: a lay word, not named in the article.
pub const NODE_LAY: u8 = 1;
/// Node flag: the article says what this is, not only names it.
pub const NODE_DESCRIBED: u8 = 2;
/// Edge flag: the article says this does not hold.
pub const EDGE_NEGATED: u8 = 1;
/// Which fields of a timing window are set.
pub const WIN_FROM: u8 = 1;
pub const WIN_TO: u8 = 2;
pub const WIN_MINUTES: u8 = 4;
pub const WIN_PAUSE: u8 = 8;
/// The window's minutes are a lower bound (`over_minutes`), not a session.
pub const WIN_OVER: u8 = 16;
/// On `indicated_if`: for these cases only.
pub const WIN_ONLY: u8 = 32;

/// What an adjacency run is sorted by, kept in each entry so a step finds
/// its relation without reading edge records: the relation, then whether
/// the claim is denied.
pub fn adj_key(relation: u8, negated: bool) -> u32 {
    u32::from(relation) << 1 | u32::from(negated)
}

/// A summary of a normalized name form for the typo search, in two words.
/// The first: bits 0..56 say which characters occur (hashed), bits 56..64
/// hold the length in chars (at most 255). The second: how many characters
/// fall in each of eight groups (hashed), a byte each, at most 255. One edit
/// changes at most two of the character bits and moves at most two counts
/// by one, so half the differing bits, and half the summed count
/// differences, are lower bounds of the edit distance, found without
/// reading the form.
pub fn signature(form: &str) -> [u64; 2] {
    let mut bits = 0u64;
    let mut len = 0u64;
    let mut counts = [0u8; 8];
    for c in form.chars() {
        len += 1;
        if c != ' ' {
            bits |= 1 << (c as u32 % 56);
            let group = &mut counts[(c as u32 % 8) as usize];
            *group = group.saturating_add(1);
        }
    }
    [bits | (len.min(255) << 56), u64::from_le_bytes(counts)]
}

/// The lower bound of the edit distance between two forms that their
/// [`signature`]s give.
pub fn distance_bound(a: [u64; 2], b: [u64; 2]) -> usize {
    let (la, lb) = ((a[0] >> 56) as usize, (b[0] >> 56) as usize);
    // Lengths of 255 and more are stored as 255: no bound from them.
    let by_len = if la == 255 || lb == 255 { 0 } else { la.abs_diff(lb) };
    let by_chars = (((a[0] ^ b[0]) & ((1 << 56) - 1)).count_ones() as usize).div_ceil(2);
    let (ca, cb) = (a[1].to_le_bytes(), b[1].to_le_bytes());
    // Saturated counts say only "at least 255": no bound from such a group.
    let by_counts = ca
        .iter()
        .zip(&cb)
        .map(|(&x, &y)| if x == 255 || y == 255 { 0 } else { usize::from(x.abs_diff(y)) })
        .sum::<usize>()
        .div_ceil(2);
    by_len.max(by_chars).max(by_counts)
}

/// A checksum of the header, eight bytes at a time: it catches a damaged
/// or half-written file, not a forged one.
pub fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ b as u64).wrapping_mul(K).rotate_left(29);
    }
    h ^ (h >> 32)
}

/// Bytes in one byte order.
struct Out {
    buf: Vec<u8>,
    big: bool,
}

impl Out {
    fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&if self.big { v.to_be_bytes() } else { v.to_le_bytes() });
    }
    fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&if self.big { v.to_be_bytes() } else { v.to_le_bytes() });
    }
    fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&if self.big { v.to_be_bytes() } else { v.to_le_bytes() });
    }
    fn f32(&mut self, v: f32) {
        self.u32(v.to_bits());
    }
    fn align(&mut self) {
        while !self.buf.len().is_multiple_of(8) {
            self.buf.push(0);
        }
    }
}

/// Strings stored once, each a 4-byte length and its bytes, addressed by
/// the offset of the length.
struct Strings<'a> {
    out: Out,
    at: HashMap<&'a str, u32>,
}

impl<'a> Strings<'a> {
    fn add(&mut self, s: &'a str) -> Result<u32, String> {
        if let Some(&o) = self.at.get(s) {
            return Ok(o);
        }
        let o = u32::try_from(self.out.buf.len()).ok().filter(|&o| o != NONE).ok_or_else(too_large)?;
        self.out.u32(u32::try_from(s.len()).map_err(|_| too_large())?);
        self.out.buf.extend_from_slice(s.as_bytes());
        self.at.insert(s, o);
        Ok(o)
    }

    fn opt(&mut self, s: Option<&'a str>) -> Result<u32, String> {
        s.map_or(Ok(NONE), |s| self.add(s))
    }
}

fn too_large() -> String {
    "the graph is too large for the compiled format (over 4 GiB of text or 4 billion items)".to_string()
}

fn count(n: usize) -> Result<u32, String> {
    u32::try_from(n).ok().filter(|&n| n != NONE).ok_or_else(too_large)
}

/// The compiled form of a checked graph. `fingerprint` is stored as is (the
/// cache keeps the description of the files an entry was built from there;
/// empty for `kg compile`). `big_endian` picks the byte order of the numbers.
pub fn write(data: &GraphData, fingerprint: &[u8], big_endian: bool) -> Result<Vec<u8>, String> {
    let new = || Out { buf: Vec::new(), big: big_endian };
    let n = data.nodes.len();
    let m = data.edges.len();
    count(n + 1)?;
    count(m)?;
    let mut strings = Strings { out: new(), at: HashMap::new() };
    let title = strings.add(&data.article.title)?;
    let source = strings.add(&data.article.source)?;

    let mut sections = new();
    for s in &data.article.sections {
        sections.u32(strings.add(&s.id)?);
        sections.u32(strings.add(&s.title)?);
        sections.u16(s.paragraphs);
        sections.u16(0);
    }

    let mut nodes = new();
    let mut aliases = new();
    let mut alias_count = 0usize;
    for node in &data.nodes {
        nodes.u32(strings.add(&node.id)?);
        nodes.u32(strings.add(&node.name)?);
        nodes.u32(strings.add(&node.summary)?);
        nodes.u32(count(alias_count)?);
        nodes.u16(u16::try_from(node.aliases.len()).map_err(|_| too_large())?);
        nodes.u8(node.kind as u8);
        let lay = if node.lay { NODE_LAY } else { 0 };
        let described = if node.described { NODE_DESCRIBED } else { 0 };
        nodes.u8(lay | described);
        for a in &node.aliases {
            aliases.u32(strings.add(a)?);
        }
        alias_count += node.aliases.len();
    }

    let mut edges = new();
    let mut cites = new();
    let mut windows = new();
    let (mut cite_count, mut window_count) = (0usize, 0usize);
    for e in &data.edges {
        edges.u32(e.from);
        edges.u32(e.to);
        edges.u32(count(cite_count)?);
        edges.u32(count(e.sources.len())?);
        edges.u32(strings.opt(e.note.as_deref())?);
        match &e.when {
            Some(w) => {
                edges.u32(count(window_count)?);
                window_count += 1;
                let bit = |set: bool, bit: u8| if set { bit } else { 0 };
                let has = bit(w.from_day.is_some(), WIN_FROM)
                    | bit(w.to_day.is_some(), WIN_TO)
                    | bit(w.minutes.is_some(), WIN_MINUTES)
                    | bit(w.pause_minutes.is_some(), WIN_PAUSE)
                    | bit(w.over_minutes.is_some(), WIN_OVER)
                    | bit(w.only, WIN_ONLY);
                windows.u16(w.from_day.unwrap_or(0));
                windows.u16(w.to_day.unwrap_or(0));
                // One slot for a session or a lower bound: the loader
                // refuses a window with both.
                windows.f32(w.minutes.or(w.over_minutes).unwrap_or(0.0));
                windows.f32(w.pause_minutes.unwrap_or(0.0));
                windows.u32(strings.opt(w.note.as_deref())?);
                windows.u32(strings.opt(w.lasts.as_deref())?);
                windows.u8(has);
                // The phase as its index plus one (0: none).
                windows.u8(w.phase.map_or(0, |p| p as u8 + 1));
                windows.buf.extend_from_slice(&[0; 2]);
            }
            None => edges.u32(NONE),
        }
        edges.u8(e.relation as u8);
        edges.u8(e.certainty as u8);
        edges.u8(if e.negated { EDGE_NEGATED } else { 0 });
        edges.u8(e.degree as u8);
        for s in e.sources.iter() {
            cites.u16(s.section);
            cites.u16(s.paragraph);
        }
        cite_count += e.sources.len();
    }

    // Adjacency both ways: each node's edges sorted by relation, asserted
    // before denied, then newest first (the order petgraph gave, which
    // answers were written against).
    let adjacency = |outgoing: bool| -> (Out, Out) {
        let end = |i: usize| if outgoing { data.edges[i].from } else { data.edges[i].to } as usize;
        let other = |i: usize| if outgoing { data.edges[i].to } else { data.edges[i].from };
        let mut order: Vec<u32> = (0..m as u32).collect();
        order.sort_unstable_by_key(|&i| {
            let e = &data.edges[i as usize];
            (end(i as usize), e.relation, e.negated, std::cmp::Reverse(i))
        });
        let (mut start, mut adj) = (new(), new());
        let mut at = 0usize;
        for node in 0..=n {
            while at < m && end(order[at] as usize) < node {
                at += 1;
            }
            start.u32(at as u32);
        }
        for &i in &order {
            let e = &data.edges[i as usize];
            adj.u32(i);
            adj.u32(other(i as usize));
            adj.u32(adj_key(e.relation as u8, e.negated));
        }
        (start, adj)
    };
    let (out_start, out_adj) = adjacency(true);
    let (in_start, in_adj) = adjacency(false);

    let mut id_order = new();
    for &i in &data.id_order {
        id_order.u32(i);
    }
    // The order exports list edges in: (from id, relation name, to id,
    // asserted before denied, certainty), ties by their order in the data.
    // Sorted once here, not on every export.
    let mut by_key: Vec<u32> = (0..m as u32).collect();
    by_key.sort_by(|&a, &b| {
        let key = |i: u32| {
            let e = &data.edges[i as usize];
            let (from, to) = (data.nodes[e.from as usize].id.as_str(), data.nodes[e.to as usize].id.as_str());
            (from, e.relation.as_str(), to, e.negated, e.certainty, i)
        };
        key(a).cmp(&key(b))
    });
    let mut edge_order = new();
    for i in by_key {
        edge_order.u32(i);
    }

    let names = &data.names;
    let mut form_text = new();
    form_text.buf.extend_from_slice(names.text.as_bytes());
    let (mut form_ends, mut form_node_ends, mut form_nodes, mut form_sigs) = (new(), new(), new(), new());
    for i in 0..names.len() {
        form_ends.u32(names.form_ends[i]);
        form_node_ends.u32(names.node_ends[i]);
        let [a, b] = signature(names.form(i));
        form_sigs.u64(a);
        form_sigs.u64(b);
    }
    for &x in &names.nodes {
        form_nodes.u32(x);
    }

    let mut parts: Vec<Out> = (0..sec::COUNT).map(|_| new()).collect();
    parts[sec::FINGERPRINT].buf.extend_from_slice(fingerprint);
    parts[sec::STRINGS] = strings.out;
    parts[sec::SECTIONS] = sections;
    parts[sec::NODES] = nodes;
    parts[sec::ALIASES] = aliases;
    parts[sec::EDGES] = edges;
    parts[sec::CITES] = cites;
    parts[sec::WINDOWS] = windows;
    parts[sec::OUT_START] = out_start;
    parts[sec::OUT] = out_adj;
    parts[sec::IN_START] = in_start;
    parts[sec::IN] = in_adj;
    parts[sec::ID_ORDER] = id_order;
    parts[sec::EDGE_ORDER] = edge_order;
    parts[sec::FORM_TEXT] = form_text;
    parts[sec::FORM_ENDS] = form_ends;
    parts[sec::FORM_NODE_ENDS] = form_node_ends;
    parts[sec::FORM_NODES] = form_nodes;
    parts[sec::FORM_SIGS] = form_sigs;

    let mut file = new();
    file.buf.reserve(HEADER_LEN + parts.iter().map(|p| p.buf.len() + 8).sum::<usize>());
    file.buf.extend_from_slice(&MAGIC);
    file.u32(VERSION);
    file.u32(BYTE_ORDER);
    file.u64(0); // file length, set below
    file.u64(0); // header checksum, set below
    file.u32(n as u32);
    file.u32(m as u32);
    file.u32(data.subject);
    file.u32(title);
    file.u32(source);
    file.buf.resize(HEADER_LEN, 0);
    let mut table = Vec::with_capacity(sec::COUNT);
    for p in &parts {
        file.align();
        table.push((file.buf.len() as u64, p.buf.len() as u64));
        file.buf.extend_from_slice(&p.buf);
    }
    file.align();
    let len = file.buf.len() as u64;
    let mut head = Out { buf: Vec::with_capacity(16 * sec::COUNT), big: big_endian };
    for (offset, size) in table {
        head.u64(offset);
        head.u64(size);
    }
    file.buf[HEADER_FIXED..HEADER_LEN].copy_from_slice(&head.buf);
    let mut len_bytes = Out { buf: Vec::new(), big: big_endian };
    len_bytes.u64(len);
    file.buf[16..24].copy_from_slice(&len_bytes.buf);
    let sum = checksum(&file.buf[..HEADER_LEN]);
    let mut sum_bytes = Out { buf: Vec::new(), big: big_endian };
    sum_bytes.u64(sum);
    file.buf[24..32].copy_from_slice(&sum_bytes.buf);
    Ok(file.buf)
}
