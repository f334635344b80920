//! Helpers shared by the end-to-end tests: run the real binary, make
//! temporary graph directories, a small seeded random generator.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs `kg` with arguments and optional stdin, in a clean environment
/// (no colour settings, no KG_GRAPH).
pub fn kg(args: &[&str], stdin: Option<&str>) -> Run {
    kg_env(args, stdin, &[])
}

pub fn kg_env(args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kg"));
    cmd.args(args).env_remove("KG_GRAPH").env_remove("NO_COLOR").env("KG_NO_CACHE", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("kg runs");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(input.as_bytes()).expect("stdin takes the input");
    }
    let out = child.wait_with_output().expect("kg finishes");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// A fresh temporary directory, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("kg-test-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    pub fn write(&self, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, text).expect("write temp file");
        p
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn str(&self) -> &str {
        self.0.to_str().expect("utf-8 temp path")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A small valid article description for test graphs.
pub const ARTICLE: &str = r#"(
    article: (
        title: "Test article",
        subject: "spasm",
        sections: [
            (id: "intro", title: "Intro", paragraphs: 2),
            (id: "care", title: "Care", paragraphs: 1),
        ],
    ),
)"#;

/// A small valid topic file matching [`ARTICLE`].
pub const TOPIC: &str = r#"(
    nodes: [
        (id: "spasm", name: "spasm", kind: condition, aliases: ["cramp"], summary: "A tight muscle."),
        (id: "ice", name: "ice pack", kind: home_remedy, aliases: [], summary: "Cold on the sore spot."),
        (id: "pain", name: "pain", kind: symptom, summary: "It hurts."),
    ],
    edges: [
        (from: "ice", relation: relieves, to: "spasm", sources: [("care", 1)], when: (from_day: 0, to_day: 3)),
        (from: "spasm", relation: presents, to: "pain", sources: [("intro", 2)]),
    ],
)"#;

/// A deterministic xorshift generator, so property tests repeat exactly.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Text read from a pseudo-terminal, whose reader hands over each byte as
/// a char: the UTF-8 put back together.
pub fn from_pty(shown: String) -> String {
    match shown.chars().map(u8::try_from).collect::<Result<Vec<u8>, _>>() {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(_) => shown,
    }
}
