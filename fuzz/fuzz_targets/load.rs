//! The RON loader on arbitrary bytes: one file of fuzz input beside the
//! bundled article file, so citations and sections can be checked too.
//! Every outcome is a graph or diagnostics that render; never a panic.
#![no_main]

use kg::diag::{Sources, render_all};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut sources = Sources::default();
    let mut files = Vec::new();
    for (name, bundled) in kg::bundled::FILES {
        if name.ends_with("article.ron") {
            files.push(sources.add(*name, *bundled));
        }
    }
    files.push(sources.add("fuzz.ron", text));
    match kg::load::load(&sources, &files) {
        Ok(loaded) => {
            let _ = kg::graph::Graph::new(loaded.data);
        }
        Err(diags) => {
            assert!(!diags.is_empty());
            let _ = render_all(&diags, &sources, false);
        }
    }
});
