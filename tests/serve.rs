//! `kg serve` driven over HTTP: each test starts its own server on a free
//! port and talks to it with plain sockets. The pages answer as the CLI
//! does (the JSON API byte for byte), and every refusal in the README's
//! safety list happens: other methods, foreign hosts, paths outside the
//! routes, oversized or slow requests, too many connections, hostile
//! graph strings.

mod common;
mod serve_support;

use std::io::{Read, Write};
use std::time::Duration;

use serve_support::{HOSTILE_TAGS, HostileGraph, PATIENCE, Scratch, Server, encode, have, kg, parse_reply, read_reply};

/// Node links in a page, in order: the ids after `href="/node/`.
fn node_links(page: &str) -> Vec<String> {
    page.split("href=\"/node/").skip(1).filter_map(|s| s.split('"').next()).map(str::to_string).collect()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

#[test]
fn a_question_gets_the_cli_answers_as_a_page() {
    let server = Server::start(&[]);
    for q in
        ["what treats muscle spasm", "what must I avoid while on muscle relaxants", "which foods contain potassium"]
    {
        let page = server.get(&format!("/?q={}", encode(q)));
        assert_eq!(page.status, 200, "{q}");
        assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
        let (out, code) = kg(&["ask", q, "--format", "json"]);
        assert_eq!(code, 0, "{q}");
        let answers = json(&out)["answers"].as_array().cloned().unwrap_or_default();
        assert!(!answers.is_empty(), "{q}");
        let links = node_links(&page.body);
        for a in &answers {
            let id = a["id"].as_str().expect("an answer id");
            assert!(links.iter().any(|l| l == id), "{q}: the page has no link to {id}");
            for s in a["sources"].as_array().into_iter().flatten() {
                let href = format!("/section/{}#p{}", s["section"].as_str().unwrap_or(""), s["paragraph"]);
                assert!(page.body.contains(&href), "{q}: no citation link {href}");
            }
        }
        // Every warning kg ask attaches, with a link to what to avoid.
        let warnings: Vec<&serde_json::Value> =
            answers.iter().flat_map(|a| a["warnings"].as_array().into_iter().flatten()).collect();
        assert_eq!(page.body.matches("<li class=\"warning\">").count(), warnings.len(), "{q}");
        for w in warnings {
            assert!(links.iter().any(|l| Some(l.as_str()) == w["id"].as_str()), "{q}: no link to the warning {w}");
        }
        assert!(page.body.contains(&format!("value=\"{q}\"")), "the ask box keeps the question");
        assert!(page.body.contains(&format!("href=\"/api/ask?q={}\"", encode(q))));
    }
}

#[test]
fn a_node_page_links_every_neighbour_with_its_citations() {
    let server = Server::start(&[]);
    let page = server.get("/node/ice-pack");
    assert_eq!(page.status, 200);
    let (out, code) = kg(&["show", "ice-pack", "--format", "json"]);
    assert_eq!(code, 0);
    let node = json(&out);
    assert!(page.body.contains(&format!("<h1>{}</h1>", node["name"].as_str().unwrap_or("?"))));
    for alias in node["aliases"].as_array().into_iter().flatten() {
        assert!(page.body.contains(alias.as_str().unwrap_or("?")), "alias {alias}");
    }
    let links = node_links(&page.body);
    let edges = node["edges"].as_array().cloned().unwrap_or_default();
    assert!(edges.len() > 3);
    for e in &edges {
        let other = e["other"]["id"].as_str().expect("the other end");
        assert!(links.iter().any(|l| l == other), "no link to the neighbour {other}");
        for s in e["sources"].as_array().into_iter().flatten() {
            let href = format!("/section/{}#p{}", s["section"].as_str().unwrap_or(""), s["paragraph"]);
            assert!(page.body.contains(&href), "no citation link {href}");
        }
    }
    // Its warnings, as `kg ask` attaches them to it.
    assert!(page.body.contains("class=\"warning\""), "ice pack has warnings");
    assert_eq!(server.get("/node/no-such-node").status, 404);
}

#[test]
fn a_lay_word_is_marked_as_not_in_the_article() {
    let server = Server::start(&[]);
    let (out, _) = kg(&["list", "--format", "json"]);
    let lay = json(&out)["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|n| n["lay"] == true)
        .and_then(|n| n["id"].as_str().map(str::to_string))
        .expect("the bundled graph has a lay word");
    let page = server.get(&format!("/node/{lay}"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("not named in the article"), "{}", page.body);
}

#[test]
fn a_section_page_holds_what_each_paragraph_gives() {
    let server = Server::start(&[]);
    let (out, _) = kg(&["export", "--format", "json"]);
    let export = json(&out);
    let cited: Vec<(String, String)> = export["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["sources"].as_array().is_some_and(|s| s.iter().any(|s| s["section"] == "ice-pack")))
        .map(|e| (e["from"].as_str().unwrap_or("").to_string(), e["to"].as_str().unwrap_or("").to_string()))
        .collect();
    assert!(!cited.is_empty());
    let page = server.get("/section/ice-pack");
    assert_eq!(page.status, 200);
    let links = node_links(&page.body);
    for (from, to) in cited {
        assert!(links.contains(&from) && links.contains(&to), "{from} -> {to}");
    }
    assert!(page.body.contains("id=\"p1\"") && page.body.contains("id=\"p2\""));
    assert_eq!(server.get("/section/no-such-section").status, 404);
}

#[test]
fn the_api_prints_what_the_cli_prints() {
    let server = Server::start(&[]);
    for q in [
        "what treats muscle spasm",
        "is heat good for back spasm on day 1",
        "what treats hip pain",
        "what helps with back spsm",
        "ice or heat for back spasm",
        "how does dehydration cause spasms",
    ] {
        let reply = server.get(&format!("/api/ask?q={}", encode(q)));
        let (out, _) = kg(&["ask", q, "--format", "json"]);
        assert_eq!(reply.status, 200, "{q}");
        assert_eq!(reply.header("content-type"), Some("application/json"));
        assert_eq!(reply.body, out, "{q}");
    }
    for id in ["ice-pack", "muscle-relaxants", "back-muscle-spasm"] {
        let reply = server.get(&format!("/api/node/{id}"));
        let (out, code) = kg(&["show", id, "--format", "json"]);
        assert_eq!((reply.status, code), (200, 0));
        assert_eq!(reply.body, out, "{id}");
    }
    // What the CLI refuses with exit 2, the API refuses with 400 and says why.
    let (_, code) = kg(&["ask", "asdkj qwe", "--format", "json"]);
    assert_eq!(code, 2);
    let bad = server.get("/api/ask?q=asdkj+qwe");
    assert_eq!(bad.status, 400);
    assert!(json(&bad.body)["error"].as_str().is_some_and(|e| e.contains("could not understand")), "{}", bad.body);
    assert_eq!(server.get("/api/ask").status, 400, "no question");
    assert_eq!(server.get("/api/node/nothing").status, 404);
}

#[test]
fn names_complete_as_the_repl_completes_them() {
    let server = Server::start(&[]);
    let reply = server.get("/api/complete?q=what+treats+ice+p");
    assert_eq!(reply.status, 200);
    let v = json(&reply.body);
    assert_eq!(v["start"], "what treats ".chars().count());
    assert!(v["names"].as_array().is_some_and(|n| n.iter().any(|n| n == "ice pack")), "{v}");
    let none = json(&server.get("/api/complete?q=").body);
    assert_eq!(none["names"].as_array().map(Vec::len), Some(0));
}

#[test]
fn only_get_and_head_are_served() {
    let server = Server::start(&[]);
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "get"] {
        let r = server.raw(&format!("{method} / HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\n\r\n", server.addr));
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"), "{method}");
    }
    let post = server.raw(&format!(
        "POST /api/ask?q=x HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\nq=a+b+c+d",
        server.addr
    ));
    assert_eq!(post.status, 405);
    let get = server.get("/?q=what+treats+muscle+spasm");
    let head = server.raw(&format!("HEAD /?q=what+treats+muscle+spasm HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr));
    assert_eq!((get.status, head.status), (200, 200));
    assert_eq!(head.body, "", "HEAD has no body");
    assert_eq!(head.header("content-length"), Some(get.body.len().to_string().as_str()));
}

#[test]
fn a_host_that_is_not_the_server_is_refused() {
    let server = Server::start(&[]);
    let port = server.addr.port();
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        "127.0.0.1".to_string(),
        format!("[::1]:{port}"),
        format!("localhost.:{port}"),
    ] {
        let r = server.raw(&format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n"));
        assert_eq!(r.status, 403, "{host}");
        assert!(!r.body.contains("<form"), "{host}: no page");
    }
    assert_eq!(server.raw("GET / HTTP/1.1\r\n\r\n").status, 400, "no Host");
    let twice = format!("GET / HTTP/1.1\r\nHost: {0}\r\nHost: {0}\r\n\r\n", server.addr);
    assert_eq!(server.raw(&twice).status, 400, "two Hosts");
    for host in [server.addr.to_string(), format!("localhost:{port}"), format!("LocalHost:{port}")] {
        assert_eq!(server.raw(&format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n")).status, 200, "{host}");
    }
}

#[test]
fn no_path_leads_outside_the_routes() {
    let server = Server::start(&[]);
    for path in [
        "/../etc/passwd",
        "/../../../../etc/passwd",
        "/node/../../x",
        "/node/../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/node/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/node/..%2f..%2fCargo.toml",
        "/assets/../Cargo.toml",
        "/assets/..%2f..%2fCargo.toml",
        "/assets/%2e%2e/src/main.rs",
        "/assets/kg.css/../../src/main.rs",
        "/assets/",
        "/assets",
        "//etc/passwd",
        "/etc/passwd",
        "/src/main.rs",
        "/Cargo.toml",
        "/node/ice-pack/",
        "/node/ice-pack/..",
        "/node/",
        "/section/../node/ice-pack",
        "/api/../Cargo.toml",
        "/api/node/../../etc/passwd",
        "/graph/../../etc/passwd",
        "/index.html",
        "/%00",
        "/node/%00",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.body.contains("root:") && !r.body.contains("[package]") && !r.body.contains("fn main"), "{path}");
    }
    // What is served is only what is compiled in.
    assert_eq!(server.get("/assets/kg.css").status, 200);
    assert_eq!(server.get("/node/%69ce-pack").status, 200, "an escaped letter is the letter");
}

#[test]
fn oversized_requests_are_refused() {
    let server = Server::start(&[]);
    let limits = kg::serve::http::LIMITS;
    let big = "x".repeat(limits.head_bytes);
    let long_header = format!("GET / HTTP/1.1\r\nHost: {}\r\nX-Big: {big}\r\n\r\n", server.addr);
    assert_eq!(server.raw(&long_header).status, 431);
    let long_line = format!("GET /?q={big} HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr);
    assert_eq!(server.raw(&long_line).status, 414);
    let many: String = (0..=limits.headers).map(|i| format!("X-H{i}: v\r\n")).collect();
    let many_headers = format!("GET / HTTP/1.1\r\nHost: {}\r\n{many}\r\n", server.addr);
    assert_eq!(server.raw(&many_headers).status, 431);
    // A body, declared or chunked, is refused unread, even while it is still coming.
    let mut s = server.connect();
    let head = format!("GET / HTTP/1.1\r\nHost: {}\r\nContent-Length: 100000000\r\n\r\n", server.addr);
    s.write_all(head.as_bytes()).expect("the head is sent");
    let _ = s.write_all(&[b'a'; 64 * 1024]);
    assert_eq!(read_reply(&mut s).status, 413);
    let chunked =
        format!("GET / HTTP/1.1\r\nHost: {}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", server.addr);
    assert_eq!(server.raw(&chunked).status, 413);
    // An endless header line: refused at the limit, not read forever.
    let mut s = server.connect();
    let _ = s.write_all(format!("GET / HTTP/1.1\r\nHost: {}\r\nX: ", server.addr).as_bytes());
    let mut sent = 0;
    while sent < 4 * limits.head_bytes && s.write_all(&[b'y'; 1024]).is_ok() {
        sent += 1024;
    }
    assert_eq!(read_reply(&mut s).status, 431);
    assert_eq!(server.raw("NOT HTTP AT ALL\r\n\r\n").status, 400);
    assert_eq!(server.get("/?q=%zz").status, 400, "a bad escape");
    assert_eq!(server.get("/").status, 200, "still serving");
}

#[test]
fn slow_and_idle_clients_do_not_block_others() {
    let server = Server::start(&[]);
    let limits = kg::serve::http::LIMITS;
    // A client that sends its request a byte at a time and stops half-way.
    let mut slow = server.connect();
    slow.write_all(b"GET / HTTP/1.1\r\nHo").expect("part of a request");
    // Every other connection the server allows, open and silent.
    let idle: Vec<_> = (1..limits.connections).map(|_| server.connect()).collect();
    // One more is told to come back, at once, rather than queued.
    let mut over = server.connect();
    let refused = read_reply(&mut over);
    assert_eq!(refused.status, 503);
    assert!(refused.header("retry-after").is_some());
    drop(idle);
    // With the silent ones gone, others are served while the slow one still waits.
    let mut served = false;
    for _ in 0..200 {
        let r = server.get("/?q=what+treats+muscle+spasm");
        if r.status == 200 {
            served = true;
            break;
        }
        assert_eq!(r.status, 503);
        std::thread::sleep(Duration::from_millis(25));
    }
    assert!(served, "the server serves others while a slow client is connected");
    // The slow client is answered 408 once its time is up, never held open.
    let reply = read_reply(&mut slow);
    assert_eq!(reply.status, 408);
    // And one that never reads its answer cannot hold the server either.
    let mut deaf = server.connect();
    deaf.write_all(format!("GET /graph HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr).as_bytes()).expect("sent");
    assert_eq!(server.get("/node/ice-pack").status, 200);
    drop(deaf);
}

#[test]
fn a_hostile_graph_is_escaped_everywhere() {
    let graph = HostileGraph::new("escape");
    let server = Server::start(&["--graph", graph.path()]);
    let mut pages = vec![
        "/".to_string(),
        "/node/spasm".into(),
        "/node/ice".into(),
        "/node/pain".into(),
        "/section/intro".into(),
        "/section/care".into(),
        "/graph".into(),
        "/graph?focus=spasm&depth=2".into(),
        "/node/%3Cscript%3E".into(),
        "/graph?focus=%3Cscript%3Ealert(1)%3C%2Fscript%3E".into(),
    ];
    for q in [
        "what relieves spasm",
        "tell me about pain",
        "<script>alert('q')</script>",
        "what relieves <img src=x onerror=alert(1)>",
    ] {
        pages.push(format!("/?q={}", encode(q)));
    }
    for path in &pages {
        let r = server.get(path);
        assert!(matches!(r.status, 200 | 404), "{path}: {}", r.status);
        let scripts: Vec<&str> = r.body.match_indices("<script").map(|(i, _)| &r.body[i..]).collect();
        assert!(scripts.iter().all(|s| s.starts_with("<script src=\"/assets/kg.js\" defer></script>")), "{path}");
        assert_eq!(scripts.len(), 1, "{path}: only our own script");
        for tag in HOSTILE_TAGS {
            assert!(!r.body.contains(tag), "{path}: {tag} reached the page raw");
        }
        assert!(!r.body.contains("<a href=javascript"), "{path}");
    }
    // The names are on the pages, escaped, so they read as written.
    let node = server.get("/node/spasm").body;
    assert!(node.contains("&lt;script&gt;alert('name')&lt;/script&gt;"), "{node}");
    assert!(node.contains("&quot;&gt;&lt;svg onload=alert('alias')&gt;"));
    assert!(node.contains("<title>&lt;script&gt;alert('name')&lt;/script&gt; — kg</title>"));
    // JSON carries them as data, and is never taken for HTML.
    let api = server.get("/api/node/spasm");
    assert_eq!(api.header("content-type"), Some("application/json"));
    assert_eq!(api.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(json(&api.body)["name"], "<script>alert('name')</script>");
    let csp = server.get("/").header("content-security-policy").unwrap_or_default().to_string();
    assert!(csp.contains("script-src 'self'") && csp.contains("default-src 'none'"), "{csp}");
}

#[test]
fn the_diagram_is_svg_whose_nodes_are_links() {
    if !have("dot", "-V", "Graphviz draws the diagram page") {
        return;
    }
    let server = Server::start(&[]);
    let page = server.get("/graph?focus=ice-pack&depth=1");
    assert_eq!(page.status, 200);
    let (dot, _) = kg(&["dot", "--focus", "ice-pack", "--depth", "1"]);
    let ids: Vec<&str> = dot
        .lines()
        .filter(|l| l.starts_with("  \"") && !l.contains("->") && !l.contains("legend:"))
        .filter_map(|l| l.split('"').nth(1))
        .collect();
    assert!(ids.len() > 3 && ids.contains(&"ice-pack"));
    let svg_at = page.body.find("<svg").expect("an inline SVG");
    let svg = &page.body[svg_at..page.body.find("</svg>").expect("the SVG ends")];
    for id in &ids {
        assert!(svg.contains(&format!("href=\"/node/{id}\"")), "node {id} is not a link in the SVG");
    }
    let alone = server.get("/graph.svg?focus=ice-pack&depth=1");
    assert_eq!((alone.status, alone.header("content-type")), (200, Some("image/svg+xml")));
    assert!(alone.body.starts_with("<svg"));
    assert_eq!(server.get("/graph?focus=ice+pak").status, 200, "a typo in a name is taken, as kg dot takes it");
    assert_eq!(server.get("/graph?focus=no+such+thing+at+all").status, 404);
    assert_eq!(server.get("/graph?focus=ice-pack&depth=99").status, 400);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let server = Server::start(&[]);
    let addr = server.addr;
    // A connection left open does not keep it from stopping.
    let mut open = server.connect();
    open.write_all(b"GET / HTTP/1.1\r\n").expect("part of a request");
    assert_eq!(server.get("/").status, 200);
    let pid = i32::try_from(server.child.id()).expect("a pid");
    // SAFETY: sends SIGINT to the child this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let (code, stderr) = server.wait();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("stopped"), "{stderr}");
    let mut rest = Vec::new();
    let _ = open.read_to_end(&mut rest);
    assert!(std::net::TcpStream::connect_timeout(&addr, PATIENCE).is_err(), "nothing listens any more");
}

#[test]
fn listening_beyond_this_machine_warns_and_still_checks_the_host() {
    let server = Server::start(&["--listen", "0.0.0.0", "--no-notes"]);
    let port = server.addr.port();
    assert_eq!(server.get("/").status, 200);
    let evil = server.raw(&format!("GET / HTTP/1.1\r\nHost: evil.example:{port}\r\n\r\n"));
    assert_eq!(evil.status, 403);
    drop(server);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kg"))
        .args(["serve", "--port", "0", "--listen", "0.0.0.0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("kg serve starts");
    let mut err = child.stderr.take().expect("stderr");
    let mut seen = String::new();
    let mut buf = [0u8; 512];
    while !seen.contains("Ctrl-C") {
        let n = err.read(&mut buf).expect("stderr is read");
        assert!(n > 0, "stderr ended: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(seen.contains("warning: serving on 0.0.0.0, not only on this machine"), "{seen}");
    let (_, code) = kg(&["serve", "--listen", "not-an-address"]);
    assert_eq!(code, 2);
}

#[test]
fn pages_have_labels_landmarks_and_a_language() {
    let server = Server::start(&[]);
    for path in ["/", "/?q=what+treats+muscle+spasm", "/node/ice-pack", "/section/heat", "/graph?focus=ice-pack"] {
        let page = server.get(path).body;
        assert!(page.starts_with("<!DOCTYPE html><html lang=\"en\">"), "{path}");
        assert!(page.contains("<label for=\"q\">") && page.contains("id=\"q\""), "{path}: the ask box is labelled");
        assert!(page.contains("<main id=\"main\"") && page.contains("href=\"#main\""), "{path}: skip link");
        assert!(page.contains("name=\"viewport\""), "{path}");
        assert_eq!(page.matches("<h1").count(), 1, "{path}: one main heading");
    }
    let graph = server.get("/graph").body;
    assert!(graph.contains("<label for=\"focus\">") && graph.contains("<label for=\"depth\">"));
    // The response is one whole reply (a client that reads to the end gets it).
    let raw = format!("GET /assets/kg.js HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr);
    let mut s = server.connect();
    s.write_all(raw.as_bytes()).expect("sent");
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).expect("read");
    let js = parse_reply(&bytes);
    assert_eq!(js.header("content-type"), Some("text/javascript; charset=utf-8"));
    assert!(!js.body.contains("http://") && !js.body.contains("https://"), "nothing fetched from elsewhere");
}

#[test]
fn a_port_in_use_is_an_error_that_says_what_to_do() {
    let server = Server::start(&[]);
    let port = server.addr.port().to_string();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kg"))
        .args(["serve", "--port", &port])
        .output()
        .expect("kg runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("cannot serve on 127.0.0.1:{port}")) && err.contains("--port 0"), "{err}");
    assert!(out.stdout.is_empty(), "no URL for a server that is not there");
    assert_eq!(server.get("/").status, 200, "the first one serves on");
}

#[test]
fn without_graphviz_the_diagram_page_says_what_to_install() {
    let empty = Scratch::new("no-path");
    let server = Server::start_with(&[], &[("PATH", empty.path())]);
    let page = server.get("/graph?focus=ice-pack");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Graphviz is not installed") && page.body.contains("apt-get install graphviz"));
    assert!(!page.body.contains("<svg"));
    // What the picture would show, as links.
    let (dot, _) = kg(&["dot", "--focus", "ice-pack"]);
    let links = node_links(&page.body);
    for id in dot.lines().filter(|l| l.starts_with("  \"") && !l.contains("->")).filter_map(|l| l.split('"').nth(1)) {
        assert!(links.iter().any(|l| l == id), "no link to {id}");
    }
    assert_ne!(server.get("/graph.svg?focus=ice-pack").status, 200);
}

#[cfg(unix)]
#[test]
fn open_starts_the_browser_on_the_url() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Scratch::new("open");
    let script = dir.0.join("browser");
    let seen = dir.0.join("seen");
    std::fs::write(&script, format!("#!/bin/sh\necho \"$1\" > '{}'\n", seen.display())).expect("a script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("executable");
    let server = Server::start_with(&["--open"], &[("BROWSER", script.to_str().expect("UTF-8"))]);
    let deadline = std::time::Instant::now() + PATIENCE;
    while std::fs::read_to_string(&seen).map_or(true, |s| !s.ends_with('\n')) {
        assert!(std::time::Instant::now() < deadline, "the browser was not started");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(std::fs::read_to_string(&seen).unwrap_or_default().trim(), server.url("/"));
}
