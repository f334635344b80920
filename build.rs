//! Checks the bundled graph (`graph/*.ron`) with the same loader `kg` uses and
//! bakes the checked graph into the binary in the compiled format `kg` reads
//! in place (`src/compiled/`), so `kg` pays no parse or decode at start-up. A graph with errors fails the build with the same
//! diagnostics `kg check graph/` prints.
#![allow(dead_code)]

#[path = "src/compiled/write.rs"]
mod compiled_write;
#[path = "src/diag.rs"]
mod diag;
#[path = "src/fsutil/read.rs"]
mod fsutil;
#[path = "src/load/mod.rs"]
mod load;
#[path = "src/model.rs"]
mod model;
#[path = "src/text.rs"]
mod text;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=graph");
    for src in [
        "src/compiled/write.rs",
        "src/diag.rs",
        "src/fsutil/read.rs",
        "src/model.rs",
        "src/text.rs",
        "src/load/mod.rs",
        "src/load/check.rs",
        "src/load/outline.rs",
    ] {
        println!("cargo:rerun-if-changed={src}");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut sources = diag::Sources::default();
    let files = match load::read_path(Path::new("graph"), &mut sources) {
        Ok(files) => files,
        Err(diags) => fail(&diags, &sources),
    };
    let loaded = match load::load(&sources, &files) {
        Ok(loaded) => loaded,
        Err(diags) => fail(&diags, &sources),
    };
    for w in &loaded.warnings {
        for line in w.render(&sources, false).lines() {
            println!("cargo:warning={line}");
        }
    }
    // In the byte order of the machine kg is built for, which may not be this one.
    let big = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    let bytes = match compiled_write::write(&loaded.data, b"", big) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("cannot compile the bundled graph: {e}");
            std::process::exit(1);
        }
    };
    std::fs::write(out.join("graph.kg"), bytes).expect("OUT_DIR is writable");

    // The sources themselves, for `kg check` with no path and for diagnostics.
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut list =
        String::from("/// The bundled graph's source files: (path, text).\npub const FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        let name = &sources.files[*f].name;
        let _ = writeln!(list, "    ({name:?}, include_str!({:?})),", manifest.join(name).display().to_string());
    }
    list.push_str("];\n");
    std::fs::write(out.join("bundled_files.rs"), list).expect("OUT_DIR is writable");
}

fn fail(diags: &[diag::Diagnostic], sources: &diag::Sources) -> ! {
    eprint!("{}", diag::render_all(diags, sources, false));
    eprintln!("the bundled graph in graph/ has errors; fix them to build kg");
    std::process::exit(1);
}
