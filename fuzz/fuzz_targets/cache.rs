//! The cache reader on arbitrary bytes: as a whole entry (a compiled graph
//! whose fingerprint must parse as a key), and as patches to a real compiled
//! graph with its header checksum made good again, so the damage reaches
//! every section. An entry either is refused or gives a graph that every
//! command can use; never a panic, a hang or a runaway allocation.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else { return };
    let read = if mode % 2 == 0 {
        kg::cache::fuzz_read(bytes)
    } else {
        let (at, patch) = bytes.split_at(bytes.len().min(4));
        let mut a = [0u8; 4];
        a[..at.len()].copy_from_slice(at);
        kg::cache::fuzz_forged(u32::from_le_bytes(a) as usize, patch)
    };
    let Some(g) = read else { return };
    // What a cached graph is used for: names, queries, every output.
    let _ = kg::resolve::resolve(&g, "spasm");
    let _ = kg::query::run(&g, "?x is_a*/^avoid_while ?y");
    let mut sink = std::io::sink();
    let _ = kg::render::json::export(&g, &mut sink);
    let _ = kg::export::graphml::graphml(&g, &mut sink);
    let _ = kg::dot::export(&g, &mut sink);
});
