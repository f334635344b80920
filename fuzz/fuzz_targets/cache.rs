//! The cache reader on arbitrary bytes: as a whole entry (header, bounds,
//! checksum), and as the payload of an entry forged with a valid header and
//! checksum, so postcard decoding and the index checks see every shape. An
//! entry either is refused or gives a graph that every command can use;
//! never a panic, a hang or a runaway allocation.
#![no_main]

use kg::graph::Graph;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else { return };
    let read = if mode % 2 == 0 { kg::cache::fuzz_read(bytes) } else { kg::cache::fuzz_forged(bytes) };
    let Some(read) = read else { return };
    let g = Graph::new(read);
    // What a cached graph is used for: names, queries, every output.
    let _ = kg::resolve::resolve(&g, "spasm");
    let _ = kg::query::run(&g, "?x is_a*/^avoid_while ?y");
    let _ = kg::render::json::export(&g);
    let _ = kg::export::graphml::graphml(&g);
    let _ = kg::dot::graph(&g, &kg::dot::Options::default());
});
