//! The compiled-graph cache: a second run reads it, an edit invalidates it,
//! a damaged entry is ignored and rewritten, `KG_NO_CACHE` and `kg check`
//! leave it alone.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{ARTICLE, TOPIC, TempDir};

/// Runs kg with the cache on, in `cache_home`.
fn kg_cached(cache_home: &Path, args: &[&str], no_cache: bool) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kg"));
    cmd.args(args).env_remove("KG_GRAPH").env_remove("NO_COLOR").env_remove("KG_NO_CACHE");
    cmd.env("XDG_CACHE_HOME", cache_home);
    if no_cache {
        cmd.env("KG_NO_CACHE", "1");
    }
    let out = cmd.output().expect("kg runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn entries(cache_home: &Path) -> Vec<PathBuf> {
    let Ok(dir) = std::fs::read_dir(cache_home.join("kg")) else { return Vec::new() };
    let mut v: Vec<PathBuf> = dir.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    v.sort();
    v
}

fn graph() -> (TempDir, TempDir) {
    let dir = TempDir::new("cache-graph");
    dir.write("article.ron", ARTICLE);
    dir.write("topic.ron", TOPIC);
    (dir, TempDir::new("cache-home"))
}

#[cfg(unix)]
fn identity(p: &Path) -> (u64, std::time::SystemTime) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(p).unwrap();
    (m.ino(), m.modified().unwrap())
}

#[test]
#[cfg(unix)]
fn second_run_reads_the_cache_and_answers_the_same() {
    let (dir, home) = graph();
    let args = ["--graph", dir.str(), "ask", "what relieves spasm"];
    let first = kg_cached(home.path(), &args, false);
    assert_eq!(first.0, 0, "{first:?}");
    let cached = entries(home.path());
    assert_eq!(cached.len(), 1, "one cache entry: {cached:?}");
    let before = identity(&cached[0]);
    let second = kg_cached(home.path(), &args, false);
    assert_eq!(first, second);
    // Read, not rewritten: a rewrite renames a new file into place.
    assert_eq!(identity(&cached[0]), before);
    assert_eq!(entries(home.path()), cached);
}

#[test]
fn an_edit_invalidates_the_cache() {
    let (dir, home) = graph();
    let args = ["--graph", dir.str(), "ask", "what relieves spasm"];
    let first = kg_cached(home.path(), &args, false);
    assert!(first.1.contains("ice pack") && !first.1.contains("warm bath"), "{first:?}");
    let edited = TOPIC
        .replace(
            "    ],\n    edges: [",
            "        (id: \"bath\", name: \"warm bath\", kind: home_remedy, summary: \"Warm water.\"),\n    ],\n    edges: [",
        )
        .replace(
            "    ],\n)",
            "        (from: \"bath\", relation: relieves, to: \"spasm\", sources: [(\"care\", 1)]),\n    ],\n)",
        );
    assert_ne!(edited.len(), TOPIC.len());
    dir.write("topic.ron", &edited);
    let second = kg_cached(home.path(), &args, false);
    assert_eq!(second.0, 0, "{second:?}");
    assert!(second.1.contains("warm bath") && second.1.contains("ice pack"), "{second:?}");
    // The entry for this directory was replaced, not joined by another.
    assert_eq!(entries(home.path()).len(), 1);
    let third = kg_cached(home.path(), &args, false);
    assert_eq!(second, third);
}

#[test]
fn a_damaged_entry_is_ignored_and_rewritten() {
    let (dir, home) = graph();
    let args = ["--graph", dir.str(), "ask", "what relieves spasm"];
    let good = kg_cached(home.path(), &args, true);
    let first = kg_cached(home.path(), &args, false);
    assert_eq!(good, first);
    let entry = entries(home.path()).remove(0);
    let whole = std::fs::read(&entry).unwrap();
    for damaged in [b"garbage".to_vec(), whole[..whole.len() / 2].to_vec(), Vec::new()] {
        std::fs::write(&entry, &damaged).unwrap();
        let again = kg_cached(home.path(), &args, false);
        assert_eq!(again, good);
        // Rewritten whole (the header records when the files were examined,
        // so the bytes differ from the first entry's, not the length).
        let rewritten = std::fs::read(&entry).unwrap();
        assert_eq!(rewritten.len(), whole.len(), "rewritten");
        assert_eq!(rewritten[..8], whole[..8]);
    }
}

#[test]
fn no_cache_and_check_write_nothing() {
    let (dir, home) = graph();
    let r = kg_cached(home.path(), &["--graph", dir.str(), "ask", "what relieves spasm"], true);
    assert_eq!(r.0, 0, "{r:?}");
    let r = kg_cached(home.path(), &["check", dir.str()], false);
    assert_eq!(r.0, 0, "{r:?}");
    assert!(entries(home.path()).is_empty());
}

#[test]
fn an_unwritable_cache_is_silent() {
    let (dir, home) = graph();
    // A file where the cache directory should be.
    std::fs::write(home.path().join("kg"), "not a directory").unwrap();
    let args = ["--graph", dir.str(), "ask", "what relieves spasm"];
    let r = kg_cached(home.path(), &args, false);
    assert_eq!(r, kg_cached(home.path(), &args, true));
    assert_eq!(r.0, 0);
    assert_eq!(r.2, "");
}
