//! `kg serve` in a real browser: headless Chromium loads the pages, the
//! test reads the DOM it built (so the script ran, or did not, and the
//! markup parsed as meant), follows links from one page to the next, and
//! takes screenshots at a desktop and a phone width, with script on and
//! off, into `target/tmp/screenshots/` for a person to look at. Skips with
//! a message without Chromium; fails under CI.

mod serve_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serve_support::{HostileGraph, Server, encode, have};

const CHROMIUM: &str = "chromium";
const WIDE: (u32, u32) = (1280, 900);
const NARROW: (u32, u32) = (390, 844);

struct Browser;

impl Browser {
    fn find() -> Option<Browser> {
        have(CHROMIUM, "the browser test drives headless Chromium").then_some(Browser)
    }

    /// Runs Chromium on a URL with a fresh profile; its stdout.
    fn run(&self, url: &str, extra: &[String], script: bool) -> String {
        let profile = std::env::temp_dir().join(format!(
            "kg-browser-{}-{}",
            std::process::id(),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
        ));
        let mut cmd = Command::new(CHROMIUM);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra);
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
    if !have("dot", "Graphviz draws the diagram page") {
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
