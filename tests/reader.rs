//! The compiled-graph reader against the bundled graph: round trips, steps
//! and name lookups against plain scans, and damage of every kind read
//! without a panic (what the `compiled` fuzz target does, with a fixed seed).

use kg::compiled::{self, FormatError, NONE, Store, is_compiled, sec, write};
use kg::graph::{Direction, EIx, Graph, Ix};
use kg::model::Relation;

fn bundled_bytes() -> Vec<u8> {
    let data = kg::bundled::data().expect("bundled graph");
    write::write(&data, b"fp", cfg!(target_endian = "big")).expect("writes")
}

#[test]
fn a_written_graph_opens_and_verifies() {
    let bytes = bundled_bytes();
    let store = Store::from_bytes(&bytes).expect("opens");
    assert_eq!(store.fingerprint(), b"fp");
    store.verify().expect("verifies");
    assert!(is_compiled(&bytes));
}

#[test]
fn damaged_files_are_refused_at_open() {
    let bytes = bundled_bytes();
    assert_eq!(Store::from_bytes(b"(article: ())").err(), Some(FormatError::Foreign));
    assert!(matches!(Store::from_bytes(&bytes[..bytes.len() - 8]), Err(FormatError::Truncated { .. })));
    assert!(matches!(Store::from_bytes(&bytes[..40]), Err(FormatError::Truncated { .. })));
    let mut version = bytes.clone();
    version[8..12].copy_from_slice(&99u32.to_ne_bytes());
    assert_eq!(Store::from_bytes(&version).err(), Some(FormatError::Version(99)));
    let mut order = bytes.clone();
    order[12..16].copy_from_slice(&write::BYTE_ORDER.swap_bytes().to_ne_bytes());
    assert_eq!(Store::from_bytes(&order).err(), Some(FormatError::ByteOrder));
    // Any flipped bit in the header is caught by its checksum.
    for at in [33, 70, 100, write::HEADER_LEN - 1] {
        let mut flipped = bytes.clone();
        flipped[at] ^= 4;
        assert!(Store::from_bytes(&flipped).is_err(), "byte {at}");
    }
}

#[test]
fn damage_inside_a_section_reads_safely_and_fails_verify() {
    let bytes = bundled_bytes();
    let store = Store::from_bytes(&bytes).expect("opens");
    let (at, len) = section_span(&store, sec::EDGES);
    let mut damaged = bytes.clone();
    for b in &mut damaged[at..at + len.min(4096)] {
        *b = 0xff;
    }
    let store = Store::from_bytes(&damaged).expect("the header is intact");
    assert!(store.verify().is_err());
    assert_eq!(store.str(NONE), "");
    assert_eq!(store.str(u32::MAX - 3), "");
}

fn bundled() -> Graph {
    kg::bundled::graph().expect("bundled graph")
}

#[test]
fn compiled_round_trip_keeps_every_field() {
    let g = bundled();
    let data = g.to_data();
    let again = Graph::new(data.clone());
    assert_eq!(again.to_data(), data);
    assert_eq!(g.node_count(), data.nodes.len());
    assert_eq!(g.citation_count(), data.citation_count());
    g.store().verify().expect("the bundled graph verifies");
}

#[test]
fn step_matches_a_filter_over_every_edge() {
    let g = bundled();
    assert!(g.edges().any(|e| g.edge(e).negated), "the bundled graph has denied claims to test with");
    for ix in g.nodes() {
        for dir in [Direction::Outgoing, Direction::Incoming] {
            for &rel in Relation::ALL {
                for negated in [false, true] {
                    let walk = if negated {
                        g.denied(ix, rel, dir).collect::<Vec<_>>()
                    } else {
                        g.step(ix, rel, dir).collect()
                    };
                    let mut fast: Vec<EIx> = walk.into_iter().map(|(e, _)| e).collect();
                    let mut slow: Vec<EIx> = g
                        .edges()
                        .filter(|&e| {
                            let (a, b) = g.ends(e);
                            let at = if dir == Direction::Outgoing { a == ix } else { b == ix };
                            g.relation(e) == rel && g.edge(e).negated == negated && at
                        })
                        .collect();
                    fast.sort();
                    slow.sort();
                    assert_eq!(fast, slow, "{} {rel} {dir:?} {negated}", g.id(ix));
                }
            }
        }
    }
}

#[test]
fn name_lookups_agree_with_a_scan() {
    let g = bundled();
    for (form, ixs) in g.name_index() {
        assert_eq!(g.by_name(form), ixs);
        for words in [form, form.split(' ').next().unwrap_or("")] {
            let found = g.forms_containing(words);
            let scanned: Vec<usize> = (0..g.form_count())
                .filter(|&i| {
                    let f: Vec<&str> = g.form(i).0.split(' ').collect();
                    let w: Vec<&str> = words.split(' ').collect();
                    f.windows(w.len()).any(|x| x == w.as_slice())
                })
                .collect();
            assert_eq!(found, scanned, "{words}");
        }
    }
    for ix in g.nodes() {
        assert_eq!(g.by_id(g.id(ix)), Some(ix));
    }
    assert_eq!(g.by_id("no-such-node"), None);
}

#[test]
fn forms_near_never_misses_a_form_within_reach() {
    let g = bundled();
    for key in ["muscle spsm", "ice pak", "alcohl", "x", "back muscle spasm"] {
        let near: Vec<usize> = g.forms_near(key, 3).map(|(i, _)| i).collect();
        for i in 0..g.form_count() {
            if kg::text::edit_distance(key, g.form(i).0) <= 3 {
                assert!(near.contains(&i), "{key} / {}", g.form(i).0);
            }
        }
    }
}

#[test]
fn a_damaged_graph_reads_without_panicking() {
    let bytes = g_bytes();
    let store = Store::from_bytes(&bytes).expect("opens");
    // Scribble over every section but the header, a section at a time.
    for s in 1..sec::COUNT {
        let mut damaged = bytes.clone();
        let (at, len) = section_span(&store, s);
        for (k, b) in damaged[at..at + len].iter_mut().enumerate() {
            *b = (k as u8).wrapping_mul(97) ^ 0x5a;
        }
        let g = Graph::from_store(Store::from_bytes(&damaged).expect("header intact")).expect("opens");
        for ix in g.nodes().chain([Ix::new(usize::MAX >> 40)]) {
            let _ = g.node(ix);
            let _ = g.ancestors(ix);
            for dir in [Direction::Outgoing, Direction::Incoming] {
                for (e, other) in g.edges_at(ix, dir) {
                    let _ = (g.edge(e), g.node(other), g.ends(e));
                }
            }
        }
        let _ = kg::query::run(&g, "?t treats|relieves ?x");
        let _ = kg::ask::ask(&g, "what treats muscle spasm");
        let _ = kg::resolve::resolve(&g, "muscle spsm");
        let _ = kg::export::rdf::to_string(|w| kg::render::json::export(&g, w));
        let _ = kg::export::rdf::to_string(|w| kg::export::rdf::turtle(&g, w));
    }
}

#[test]
fn random_damage_with_a_good_header_checksum_never_panics() {
    // What the fuzz target does, 150 times with a fixed seed:
    // patch bytes anywhere (the section table too), fix the checksum.
    let bytes = g_bytes();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (mut opened, mut refused) = (0, 0);
    for round in 0..150 {
        let mut damaged = bytes.clone();
        for _ in 0..1 + round % 4 {
            let at = if round % 3 == 0 { next() as usize % 400 } else { next() as usize % damaged.len() };
            damaged[at] = next() as u8;
        }
        damaged[24..32].fill(0);
        let sum = write::checksum(&damaged[..compiled::write::HEADER_LEN]);
        damaged[24..32].copy_from_slice(&sum.to_ne_bytes());
        let Ok(store) = Store::from_bytes(&damaged) else {
            refused += 1;
            continue;
        };
        opened += 1;
        let _ = store.verify();
        let g = Graph::from_store(store).expect("opens");
        for ix in g.nodes().take(200) {
            let _ = (g.node(ix), g.ancestors(ix));
            for (e, o) in g.edges_at(ix, Direction::Incoming) {
                let _ = (g.edge(e), g.node(o));
            }
        }
        let _ = kg::ask::ask(&g, "what treats muscle spasm");
        let _ = kg::resolve::resolve(&g, "muscle spsm");
        let _ = kg::export::rdf::to_string(|w| kg::export::rdf::ntriples(&g, w));
    }
    assert!(opened > 0 && refused > 0, "{opened} opened, {refused} refused");
}

fn g_bytes() -> Vec<u8> {
    bundled().store().bytes().to_vec()
}

fn section_span(store: &Store, s: usize) -> (usize, usize) {
    let base = store.bytes().as_ptr() as usize;
    let sec = store.section(s);
    (sec.as_ptr() as usize - base, sec.len())
}
