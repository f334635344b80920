//! Shared by tests/serve.rs and tests/browser.rs: start `kg serve` on a
//! free port and talk HTTP to it over plain sockets (so every request is
//! exactly the bytes written, unnormalized), and run `kg` one-shot. Each
//! test crate that uses it also declares `mod common;` (tests/common/).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Long enough never to fire on a slow machine; short enough that a hang
/// fails the test instead of stalling the suite.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// Whether `program arg` runs (`chromium --version`, `dot -V`); when it
/// does not, the test skips saying so, or fails under CI
/// ([`crate::common::need`]).
pub fn have(program: &str, arg: &str, why: &str) -> bool {
    crate::common::need(crate::common::runs(program, arg), &format!("`{program}` ({why})"))
}

/// A running `kg serve`, killed when dropped.
pub struct Server {
    pub child: Child,
    pub addr: SocketAddr,
    /// What it printed on stderr, read after it stops.
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl Server {
    /// `kg serve --port 0 ARGS...`, once it has printed its URL.
    pub fn start(args: &[&str]) -> Server {
        Server::start_with(args, &[])
    }

    /// The same, with variables set in its environment.
    pub fn start_with(args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kg"))
            .arg("serve")
            .args(["--port", "0"])
            .args(args)
            .env_remove("KG_GRAPH")
            .env("KG_NO_CACHE", "1")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("kg serve starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take().expect("piped stderr");
        let errs = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = BufReader::new(stderr).read_to_string(&mut text);
            text
        });
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(PATIENCE).expect("kg serve prints its URL");
        let url = line.trim();
        let addr = url
            .strip_prefix("http://")
            .and_then(|r| r.strip_suffix('/'))
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("kg serve printed {line:?}, not http://ADDR/"));
        Server { child, addr, stderr: Some(errs) }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// `GET path` with this server's own Host.
    pub fn get(&self, path: &str) -> Reply {
        self.raw(&format!("GET {path} HTTP/1.1\r\nHost: {}\r\nUser-Agent: kg-test\r\n\r\n", self.addr))
    }

    /// Sends these bytes as the request and reads the whole reply.
    pub fn raw(&self, request: &str) -> Reply {
        let mut s = self.connect();
        s.write_all(request.as_bytes()).expect("the request is sent");
        read_reply(&mut s)
    }

    pub fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(self.addr).expect("kg serve accepts");
        s.set_read_timeout(Some(PATIENCE)).expect("a read timeout");
        s.set_write_timeout(Some(PATIENCE)).expect("a write timeout");
        s
    }

    /// Waits for the server to exit by itself; its exit code and stderr.
    pub fn wait(mut self) -> (Option<i32>, String) {
        let deadline = std::time::Instant::now() + PATIENCE;
        let status = loop {
            match self.child.try_wait().expect("kg serve can be waited on") {
                Some(st) => break st,
                None if std::time::Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
                None => panic!("kg serve did not stop"),
            }
        };
        let err = self.stderr.take().map(|h| h.join().unwrap_or_default()).unwrap_or_default();
        (status.code(), err)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A reply: status, headers (names lower-cased), body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// Reads a reply until the server closes the connection.
pub fn read_reply(s: &mut TcpStream) -> Reply {
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).expect("the reply is read before the timeout");
    parse_reply(&bytes)
}

pub fn parse_reply(bytes: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no reply head in {text:?}"));
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .strip_prefix("HTTP/1.1 ")
        .and_then(|r| r.get(..3))
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Reply { status, headers, body: body.to_string() }
}

/// `kg ARGS...` one-shot, as a user runs it: (stdout, exit code).
pub fn kg(args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_kg"))
        .args(args)
        .env_remove("KG_GRAPH")
        .env("KG_NO_CACHE", "1")
        .stdin(Stdio::null())
        .output()
        .expect("kg runs");
    (String::from_utf8_lossy(&out.stdout).into_owned(), out.status.code().unwrap_or(-1))
}

/// Percent-encodes a query value.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// A graph whose every string is HTML, script or markup of some other
/// kind, in a fresh directory (removed when dropped).
pub struct HostileGraph(pub Scratch);

pub const HOSTILE: &str = r#"(
    article: (
        title: "<script>alert('title')</script> & \"quotes\"",
        subject: "spasm",
        sections: [
            (id: "intro", title: "<img src=x onerror=alert('section')>", paragraphs: 2),
            (id: "care", title: "Care </title><script>alert('care')</script>", paragraphs: 1),
        ],
    ),
    nodes: [
        (id: "spasm", name: "<script>alert('name')</script>", kind: condition,
         aliases: ["\"><svg onload=alert('alias')>"], summary: "<b>bold</b> &amp; <iframe src=x></iframe>"),
        (id: "ice", name: "ice <a href=javascript:alert('link')>pack</a>", kind: home_remedy,
         summary: "Cold.</p><script>alert('summary')</script>"),
        (id: "pain", name: "pain ]]> --> <!-- <style>body{display:none}</style>", kind: symptom,
         summary: "It hurts.<object data=x></object>"),
    ],
    edges: [
        (from: "ice", relation: relieves, to: "spasm", sources: [("care", 1)],
         when: (from_day: 0, to_day: 3, note: "<script>alert('when')</script>"),
         note: "<img src=x onerror=alert('note')>"),
        (from: "spasm", relation: presents, to: "pain", sources: [("intro", 2)]),
    ],
)"#;

/// Markup that must never reach a page raw from [`HOSTILE`].
pub const HOSTILE_TAGS: &[&str] = &[
    "<script>",
    "<img",
    "<svg onload",
    "<iframe",
    "<a href=javascript",
    "<b>bold",
    "<style>",
    "<object",
    "</title><script",
    "<!-- <style",
];

impl HostileGraph {
    pub fn new(tag: &str) -> HostileGraph {
        let dir = Scratch::new(tag);
        std::fs::write(dir.0.join("graph.ron"), HOSTILE).expect("the graph is written");
        HostileGraph(dir)
    }

    pub fn path(&self) -> &str {
        self.0.path()
    }
}

/// A fresh directory, removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(tag: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("kg-serve-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temp dir");
        Scratch(dir)
    }

    pub fn path(&self) -> &str {
        self.0.to_str().expect("a UTF-8 temp path")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
