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

/// Whether the tests run under CI: `CI` set, not empty, not `0` or
/// `false`. Under CI a test that needs an outside tool fails without it
/// (.ci/run installs every one); elsewhere it skips, saying so.
pub fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

/// Whether an outside tool the test needs is there. When it is not: under
/// CI the test fails; elsewhere it prints `SKIP <test>: <what> is not
/// installed` where `cargo test` shows it (straight to the process's
/// standard error, which the test harness does not capture, so the line
/// stands among the `test ... ok` lines) and the test returns early.
pub fn need(present: bool, what: &str) -> bool {
    if present {
        return true;
    }
    assert!(!ci(), "{what} is not installed, and CI is set: CI must install it (.ci/run)");
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "SKIP {test}: {what} is not installed");
    false
}

/// Whether `program arg` runs and succeeds (`dot -V`, `zsh --version`).
pub fn runs(program: &str, arg: &str) -> bool {
    Command::new(program).arg(arg).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// The Python the tests run: the virtual environment `.venv` in the
/// repository if there is one (`.ci/run` makes it; the README says how),
/// else `python3` on PATH (which is the environment's when one is active).
pub fn python() -> PathBuf {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python3");
    if venv.exists() { venv } else { PathBuf::from("python3") }
}

/// Whether [`python`] can import `module`; skips (or fails under CI) if not.
pub fn need_python(module: &str) -> bool {
    let ok = Command::new(python()).args(["-c", &format!("import {module}")]).output();
    need(ok.is_ok_and(|o| o.status.success()), &format!("python3 with {module}"))
}

/// What bash's completion function `_kg`, sourced from `script`, offers for
/// `line` (words split at spaces, the last being completed), one a line:
/// the variables bash sets on Tab, set by hand.
pub fn bash_complete(script: &Path, line: &str) -> String {
    let words: Vec<&str> = line.split(' ').collect();
    let program = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; _kg kg '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        words.iter().map(|w| format!("'{w}'")).collect::<Vec<_>>().join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len().saturating_sub(2)],
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .env("KG_PROBE", "EXPANDED")
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "bash: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}
