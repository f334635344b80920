//! The compiled-graph reader on damaged files. Random bytes never get past
//! the header checksum, so the input is mostly a list of patches to the
//! bundled graph's compiled bytes, applied with the header checksum made
//! good again: damage inside the header's fields (counts, the section
//! table) and inside every section reaches the reader. Opening must either
//! refuse with a message or give a graph that every command can read
//! without a panic; a graph that passes `verify` must also export.
#![no_main]

use kg::compiled::{Store, write};
use kg::graph::Graph;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, patches)) = data.split_first() else { return };
    let bytes = if mode & 1 == 0 {
        // The input as a file, as is.
        data.to_vec()
    } else {
        let mut bytes = kg::bundled::graph().expect("bundled graph").store().bytes().to_vec();
        // Each patch: a 4-byte offset and a byte to put there.
        for p in patches.chunks_exact(5) {
            let at = u32::from_le_bytes([p[0], p[1], p[2], p[3]]) as usize % bytes.len();
            bytes[at] = p[4];
        }
        if mode & 2 != 0 {
            bytes.truncate(bytes.len() - usize::from(mode >> 2));
        }
        bytes[24..32].fill(0);
        let sum = write::checksum(&bytes[..write::HEADER_LEN]);
        bytes[24..32].copy_from_slice(&sum.to_ne_bytes());
        bytes
    };
    let store = match Store::from_bytes(&bytes) {
        Ok(store) => store,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let verified = store.verify().is_ok();
    let Ok(g) = Graph::from_store(store) else { return };
    for ix in g.nodes().take(2000) {
        let n = g.node(ix);
        let _ = (n.aliases.join(", "), g.ancestors(ix), kg::path::shortest(&g, ix, g.subject, 2));
        for dir in [kg::graph::Direction::Outgoing, kg::graph::Direction::Incoming] {
            for (e, other) in g.edges_at(ix, dir).take(50) {
                let _ = (g.edge(e), g.node(other), g.ends(e));
            }
        }
    }
    let _ = kg::ask::ask(&g, "what treats muscle spasm");
    let _ = kg::ask::ask(&g, "what must I avoid while on muscle relaxnts");
    let _ = kg::query::run(&g, "?x is_a* ?y");
    let _ = kg::resolve::resolve(&g, "unicorns");
    let mut sink = std::io::sink();
    let exported = kg::render::json::export(&g, &mut sink).and_then(|()| kg::export::rdf::turtle(&g, &mut sink));
    assert!(!verified || exported.is_ok());
});
