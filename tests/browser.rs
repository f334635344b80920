//! `kg serve` in a real browser: headless Chromium loads the pages, the
//! test reads the DOM it built (so the script ran, or did not, and the
//! markup parsed as meant), follows links from one page to the next, and
//! takes screenshots at a desktop and a phone width, with script on and
//! off, into `target/tmp/screenshots/` for a person to look at. Skips with
//! a message without Chromium; fails under CI.

mod common;
mod serve_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serve_support::{HostileGraph, Server, encode, have};

const CHROMIUM: &str = "chromium";
/// Headless, nothing fetched but the pages asked for, no sandbox (CI runs as root).
const FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];
const WIDE: (u32, u32) = (1280, 900);
const NARROW: (u32, u32) = (390, 844);

struct Browser;

impl Browser {
    fn find() -> Option<Browser> {
        have(CHROMIUM, "--version", "the browser test drives headless Chromium").then_some(Browser)
    }

    /// Runs Chromium on a URL with a fresh profile; its stdout.
    fn run(&self, url: &str, extra: &[String], script: bool) -> String {
        let profile = std::env::temp_dir().join(format!(
            "kg-browser-{}-{}",
            std::process::id(),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
        ));
        let mut cmd = Command::new(CHROMIUM);
        cmd.args(FLAGS).arg("--hide-scrollbars").arg(format!("--user-data-dir={}", profile.display())).args(extra);
        if !script {
            // Script off as a person turns it off, in the profile's settings
            // (Chromium's --blink-settings=scriptEnabled=false also stops
            // --dump-dom and --screenshot from working).
            let prefs = profile.join("Default");
            std::fs::create_dir_all(&prefs).expect("a profile directory");
            std::fs::write(
                prefs.join("Preferences"),
                r#"{"profile":{"default_content_setting_values":{"javascript":2}}}"#,
            )
            .expect("the profile's settings are written");
        }
        let mut child = cmd
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium runs");
        let out = child.stdout.take().expect("piped stdout");
        let reader = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut { out }, &mut text);
            text
        });
        let deadline = Instant::now() + Duration::from_secs(120);
        while child.try_wait().expect("chromium can be waited on").is_none() {
            assert!(Instant::now() < deadline, "chromium did not finish with {url}");
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = std::fs::remove_dir_all(&profile);
        reader.join().unwrap_or_default()
    }

    /// The DOM after the page loaded (and its script ran, if on).
    fn dom(&self, url: &str, script: bool) -> String {
        let dom = self.run(url, &["--dump-dom".into()], script);
        assert!(dom.contains("</html>"), "no DOM for {url}: {dom}");
        dom
    }

    /// A screenshot at a window size, checked to be a PNG of that width.
    fn screenshot(&self, url: &str, (w, h): (u32, u32), file: &Path, script: bool) {
        let _ = std::fs::remove_file(file);
        self.run(url, &[format!("--window-size={w},{h}"), format!("--screenshot={}", file.display())], script);
        let png = std::fs::read(file).unwrap_or_else(|e| panic!("no screenshot of {url}: {e}"));
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{}", file.display());
        let width = u32::from_be_bytes(png[16..20].try_into().expect("an IHDR width"));
        assert_eq!(width, w, "{}", file.display());
        // A blank page compresses to almost nothing.
        assert!(png.len() > 8_000, "{} looks empty ({} bytes)", file.display(), png.len());
    }
}

fn shots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("a screenshot directory");
    dir
}

/// The first `href="PREFIX..."` in a DOM.
fn first_link(dom: &str, prefix: &str) -> String {
    let at = dom.find(&format!("href=\"{prefix}")).unwrap_or_else(|| panic!("no link to {prefix}: {dom}"));
    dom[at + 6..].split('"').next().unwrap_or_default().replace("&amp;", "&")
}

#[test]
fn pages_load_link_to_each_other_and_look_right_at_two_widths() {
    let Some(browser) = Browser::find() else { return };
    let server = Server::start(&[]);
    let question = "what treats muscle spasm";
    let answer = server.url(&format!("/?q={}", encode(question)));

    // With script: the answer, and the script's additions (the key hint
    // shown, the ask box a combobox), which prove it ran under the CSP.
    let dom = browser.dom(&answer, true);
    assert!(dom.contains("<h1 class=\"question\">what treats muscle spasm</h1>"), "{dom}");
    assert!(dom.contains("href=\"/node/ice-pack\""));
    assert!(dom.contains("<span class=\"key-hint\">"), "the script shows the key hint: {dom}");
    assert!(dom.contains("role=\"combobox\""), "the script makes the ask box a combobox");

    // Without script: the same answer; nothing the script adds.
    let plain = browser.dom(&answer, false);
    assert!(plain.contains("href=\"/node/ice-pack\""));
    assert!(plain.contains("<span class=\"key-hint\" hidden=\"\">"), "{plain}");
    assert!(!plain.contains("role=\"combobox\""));

    // Follow a link: the first answer's page, then one of its citations.
    let node = first_link(&dom, "/node/");
    let node_dom = browser.dom(&server.url(&node), true);
    let id = node.trim_start_matches("/node/");
    let (shown, _) = serve_support::kg(&["show", id, "--format", "json"]);
    let name =
        serde_json::from_str::<serde_json::Value>(&shown).expect("JSON")["name"].as_str().unwrap_or("").to_string();
    assert!(node_dom.contains(&format!("<h1>{name}</h1>")), "{node}: {node_dom}");
    let cite = first_link(&node_dom, "/section/");
    let (path, anchor) = cite.split_once('#').expect("a paragraph anchor");
    let section_dom = browser.dom(&server.url(&cite), true);
    assert!(section_dom.contains(&format!("id=\"{anchor}\"")), "{path}: no {anchor}");
    let json = first_link(&dom, "/api/ask");
    assert!(browser.run(&server.url(&json), &["--dump-dom".into()], true).contains("\"answers\""));

    let dir = shots();
    let pages = [
        ("home", server.url("/")),
        ("answer", answer.clone()),
        ("verdict", server.url("/?q=is+heat+good+for+back+spasm+on+day+1")),
        ("node", server.url("/node/ice-pack")),
        ("section", server.url("/section/warnings")),
        ("not-covered", server.url("/?q=what+treats+hip+pain")),
    ];
    for (name, url) in &pages {
        browser.screenshot(url, WIDE, &dir.join(format!("{name}-wide.png")), true);
        browser.screenshot(url, NARROW, &dir.join(format!("{name}-narrow.png")), true);
    }
    browser.screenshot(&answer, NARROW, &dir.join("answer-narrow-noscript.png"), false);
    browser.screenshot(&answer, WIDE, &dir.join("answer-wide-noscript.png"), false);
    eprintln!("screenshots in {}", dir.display());
}

#[test]
fn the_diagram_draws_in_the_browser_with_links() {
    let Some(browser) = Browser::find() else { return };
    if !have("dot", "-V", "Graphviz draws the diagram page") {
        return;
    }
    let server = Server::start(&[]);
    let url = server.url("/graph?focus=ice-pack&depth=1");
    let dom = browser.dom(&url, true);
    let svg = &dom[dom.find("<svg").expect("an SVG in the DOM")..];
    assert!(svg.contains("href=\"/node/ice-pack\""), "{svg}");
    let dir = shots();
    browser.screenshot(&url, WIDE, &dir.join("graph-wide.png"), true);
    browser.screenshot(&url, NARROW, &dir.join("graph-narrow.png"), true);
}

#[test]
fn a_hostile_graph_builds_no_element_in_the_browser() {
    let Some(browser) = Browser::find() else { return };
    let graph = HostileGraph::new("browser");
    let server = Server::start(&["--graph", graph.path()]);
    for path in ["/node/spasm", "/node/ice", "/section/care", "/?q=what+relieves+spasm", "/graph?focus=spasm"] {
        let dom = browser.dom(&server.url(path), true);
        for tag in ["<iframe", "<img", "<object", "<style", "onload=\"", "onerror=\""] {
            assert!(!dom.contains(tag), "{path}: the DOM has {tag}: {dom}");
        }
        assert_eq!(dom.matches("<script").count(), 1, "{path}: only our own script");
        assert!(!dom.contains("href=\"javascript"), "{path}");
    }
    browser.screenshot(&server.url("/node/spasm"), WIDE, &shots().join("hostile-node-wide.png"), true);
}

/// Chromium driven over the DevTools protocol on a pipe
/// (`--remote-debugging-pipe`: commands in on descriptor 3, replies and
/// events out on 4, each a JSON text ended by a NUL), to press keys, type
/// and click as a person does.
#[cfg(unix)]
mod devtools {
    use std::io::{BufRead, BufReader, Write};
    use std::os::unix::process::CommandExt;
    use std::process::{Child, Command, Stdio};
    use std::sync::mpsc::{Receiver, RecvTimeoutError};
    use std::time::{Duration, Instant};

    use serde_json::{Value, json};

    pub struct Page {
        child: Child,
        to: std::fs::File,
        from: Receiver<Value>,
        /// Events seen while waiting for replies.
        events: Vec<Value>,
        next: u64,
        session: String,
        profile: std::path::PathBuf,
    }

    fn pipe() -> (std::fs::File, std::fs::File) {
        use std::os::fd::FromRawFd;
        let mut fds = [0; 2];
        // SAFETY: pipe(2) fills two descriptors, each then owned by a File.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "a pipe");
        unsafe { (std::fs::File::from_raw_fd(fds[0]), std::fs::File::from_raw_fd(fds[1])) }
    }

    impl Page {
        pub fn open() -> Page {
            use std::os::fd::AsRawFd;
            let (their_in, to) = pipe();
            let (from, their_out) = pipe();
            let (a, b) = (their_in.as_raw_fd(), their_out.as_raw_fd());
            let profile = std::env::temp_dir().join(format!("kg-devtools-{}", std::process::id()));
            let mut cmd = Command::new(super::CHROMIUM);
            cmd.args(super::FLAGS)
                .args(["--remote-debugging-pipe", "--window-size=1280,900"])
                .arg(format!("--user-data-dir={}", profile.display()))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            // SAFETY: only dup2(2) between fork and exec, on descriptors we own.
            unsafe {
                cmd.pre_exec(move || {
                    if libc::dup2(a, 3) < 0 || libc::dup2(b, 4) < 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
            let child = cmd.spawn().expect("chromium runs");
            drop((their_in, their_out));
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(from);
                let mut buf = Vec::new();
                while reader.read_until(0, &mut buf).is_ok_and(|n| n > 0) {
                    buf.pop_if(|b| *b == 0);
                    if let Ok(v) = serde_json::from_slice::<Value>(&buf)
                        && tx.send(v).is_err()
                    {
                        return;
                    }
                    buf.clear();
                }
            });
            let mut page = Page { child, to, from: rx, events: Vec::new(), next: 0, session: String::new(), profile };
            let target = page.call("Target.createTarget", json!({"url": "about:blank"}), false);
            let target = target["targetId"].as_str().expect("a target").to_string();
            let attached = page.call("Target.attachToTarget", json!({"targetId": target, "flatten": true}), false);
            page.session = attached["sessionId"].as_str().expect("a session").to_string();
            page.call("Page.enable", json!({}), true);
            page
        }

        fn receive(&mut self, deadline: Instant) -> Value {
            match self.from.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(v) => v,
                Err(RecvTimeoutError::Timeout) => panic!("chromium did not answer in time"),
                Err(RecvTimeoutError::Disconnected) => panic!("chromium went away"),
            }
        }

        /// A command and its result.
        pub fn call(&mut self, method: &str, params: Value, in_page: bool) -> Value {
            self.next += 1;
            let id = self.next;
            let mut msg = json!({"id": id, "method": method, "params": params});
            if in_page {
                msg["sessionId"] = json!(self.session);
            }
            let mut bytes = serde_json::to_vec(&msg).expect("JSON");
            bytes.push(0);
            self.to.write_all(&bytes).expect("chromium takes the command");
            let deadline = Instant::now() + super::serve_support::PATIENCE;
            loop {
                let v = self.receive(deadline);
                if v["id"] == id {
                    assert!(v.get("error").is_none(), "{method}: {v}");
                    return v["result"].clone();
                }
                self.events.push(v);
            }
        }

        /// Loads a URL and waits for its load event.
        pub fn go(&mut self, url: &str) {
            self.events.clear();
            self.call("Page.navigate", json!({"url": url}), true);
            self.wait_load();
        }

        /// Forgets the events seen so far (before an action that loads a page).
        pub fn forget(&mut self) {
            self.events.clear();
        }

        pub fn wait_load(&mut self) {
            let deadline = Instant::now() + super::serve_support::PATIENCE;
            while !self.events.iter().any(|e| e["method"] == "Page.loadEventFired") {
                let v = self.receive(deadline);
                self.events.push(v);
            }
            self.events.clear();
        }

        /// A JavaScript expression's value in the page.
        pub fn eval(&mut self, expression: &str) -> Value {
            let r = self.call("Runtime.evaluate", json!({"expression": expression, "returnByValue": true}), true);
            r["result"]["value"].clone()
        }

        /// Evaluates until the expression is true, or fails after a while.
        pub fn until(&mut self, expression: &str) {
            let deadline = Instant::now() + super::serve_support::PATIENCE;
            while self.eval(expression) != json!(true) {
                assert!(Instant::now() < deadline, "never true: {expression}");
                std::thread::sleep(Duration::from_millis(50));
            }
        }

        /// A key pressed and let go.
        pub fn key(&mut self, key: &str, code: &str, vk: u32, text: &str) {
            for kind in ["keyDown", "keyUp"] {
                let mut p = json!({"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": vk});
                if kind == "keyDown" && !text.is_empty() {
                    p["text"] = json!(text);
                }
                self.call("Input.dispatchKeyEvent", p, true);
            }
        }

        pub fn type_text(&mut self, text: &str) {
            self.call("Input.insertText", json!({"text": text}), true);
        }
    }

    impl Drop for Page {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
            let _ = std::fs::remove_dir_all(&self.profile);
        }
    }
}

#[cfg(unix)]
#[test]
fn keys_and_name_completion_work_as_a_person_uses_them() {
    let Some(_) = Browser::find() else { return };
    let server = Server::start(&[]);
    let mut page = devtools::Page::open();
    page.go(&server.url("/node/ice-pack"));
    assert_eq!(page.eval("document.activeElement === document.getElementById('q')"), serde_json::json!(false));
    // "/" from anywhere on the page goes to the ask box.
    page.key("/", "Slash", 191, "/");
    page.until("document.activeElement && document.activeElement.id === 'q'");
    assert_eq!(page.eval("document.getElementById('q').value"), serde_json::json!(""), "the / is not typed");
    // Typing part of a name offers the names; arrows and Enter take one.
    page.type_text("what treats ice p");
    page.until("document.querySelectorAll('#q-names [role=option]').length > 0");
    let offered = page.eval("Array.from(document.querySelectorAll('#q-names [role=option]')).map(o => o.textContent)");
    assert!(offered.as_array().is_some_and(|o| o.iter().any(|n| n == "ice pack")), "{offered}");
    assert_eq!(page.eval("document.getElementById('q').getAttribute('aria-expanded')"), serde_json::json!("true"));
    let at = offered.as_array().and_then(|o| o.iter().position(|n| n == "ice pack")).unwrap_or(0);
    for _ in 0..=at {
        page.key("ArrowDown", "ArrowDown", 40, "");
    }
    page.key("Enter", "Enter", 13, "\r");
    assert_eq!(page.eval("document.getElementById('q').value"), serde_json::json!("what treats ice pack "));
    assert_eq!(page.eval("document.getElementById('q-names').hidden"), serde_json::json!(true));
    // Enter again asks: the answer page, reached by the form.
    page.forget();
    page.key("Enter", "Enter", 13, "\r");
    page.wait_load();
    assert_eq!(page.eval("location.pathname + location.search"), serde_json::json!("/?q=what+treats+ice+pack+"));
    // A click on a name follows its link.
    let href = page.eval("document.querySelector('main a.node').getAttribute('href')");
    page.forget();
    page.eval("document.querySelector('main a.node').click()");
    page.wait_load();
    assert_eq!(page.eval("location.pathname"), href);
    assert_eq!(page.eval("document.querySelectorAll('h1').length"), serde_json::json!(1));
}
