//! Never a stale, wrong or lost result: the cache, file writes, special
//! files, hostile strings and runaway work, each through the real binary.
//! Every test is named after what it guards.

mod common;

#[path = "../examples/gen_graph.rs"]
mod generator;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use common::{ARTICLE, TOPIC, TempDir, kg};

/// What a run gave: status, stdout, stderr.
type Out = (i32, String, String);

/// Runs a command, killing it if it has not finished in `limit`: a hang is
/// a failure of the test, not of the test run.
fn finish(mut cmd: Command, limit: Duration) -> Out {
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("runs");
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stdout.read_to_end(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr.read_to_end(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running after {limit:?}: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (status.code().unwrap_or(-1), text(out.join().expect("stdout")), text(err.join().expect("stderr")))
}

/// `kg` with the cache on, kept in `home`.
fn kg_cached(home: &Path, args: &[&str]) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kg"));
    cmd.args(args).env_remove("KG_GRAPH").env_remove("NO_COLOR").env_remove("KG_NO_CACHE");
    cmd.env("XDG_CACHE_HOME", home);
    finish(cmd, Duration::from_secs(60))
}

/// `sh -c script` with `$KG` set to the binary, in `dir`.
fn sh(dir: &Path, script: &str) -> Out {
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(script).current_dir(dir);
    cmd.env("KG", env!("CARGO_BIN_EXE_kg")).env("KG_NO_CACHE", "1").env_remove("KG_GRAPH");
    finish(cmd, Duration::from_secs(60))
}

fn cache_files(home: &Path) -> Vec<PathBuf> {
    let Ok(dir) = std::fs::read_dir(home.join("kg")) else { return Vec::new() };
    let mut v: Vec<PathBuf> = dir.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    v.sort();
    v
}

fn graph_dir(tag: &str) -> TempDir {
    let dir = TempDir::new(tag);
    dir.write("article.ron", ARTICLE);
    dir.write("topic.ron", TOPIC);
    dir
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().is_ok_and(|s| s.success());
    assert!(ok, "mkfifo {}", path.display());
}

fn age(path: &Path, by: Duration) {
    let f = std::fs::File::options().write(true).open(path).expect("opens");
    f.set_modified(SystemTime::now() - by).expect("sets mtime");
}

/// A tool the test needs: skip without it (say so), fail under CI.
fn tool(present: bool, what: &str) -> bool {
    common::need(present, what)
}

fn works(program: &str, arg: &str) -> bool {
    Command::new(program).arg(arg).output().is_ok_and(|o| o.status.success())
}

// ---------------------------------------------------------------- the cache

#[test]
fn an_edit_keeping_size_and_mtime_is_seen_through_the_cache() {
    let dir = graph_dir("racy");
    let home = TempDir::new("racy-home");
    let args = ["--graph", dir.str(), "query", "?x prevents \"spasm\""];
    let first = kg_cached(home.path(), &args);
    assert_eq!(first.0, 1, "nothing prevents spasm yet: {first:?}");
    assert_eq!(cache_files(home.path()).len(), 1, "an entry was written");
    // `relieves` becomes `prevents`: the same size, and the mtime put back,
    // as `touch -r`, `cp -p`, `rsync -t` or tar would leave it.
    let topic = dir.path().join("topic.ron");
    let mtime = std::fs::metadata(&topic).unwrap().modified().unwrap();
    let edited = TOPIC.replacen("relation: relieves", "relation: prevents", 1);
    assert_eq!(edited.len(), TOPIC.len());
    std::fs::write(&topic, &edited).unwrap();
    std::fs::File::options().write(true).open(&topic).unwrap().set_modified(mtime).unwrap();
    assert_eq!(std::fs::metadata(&topic).unwrap().modified().unwrap(), mtime);
    let second = kg_cached(home.path(), &args);
    assert_eq!(second.0, 0, "the edit is seen: {second:?}");
    assert!(second.1.contains("ice pack"), "{second:?}");
}

#[test]
#[cfg(unix)]
fn cache_entries_and_their_directory_are_private() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = graph_dir("private");
    let home = TempDir::new("private-home");
    // A cache directory an earlier version made readable by all.
    std::fs::create_dir_all(home.path().join("kg")).unwrap();
    std::fs::set_permissions(home.path().join("kg"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let r = kg_cached(home.path(), &["--graph", dir.str(), "ask", "what relieves spasm"]);
    assert_eq!(r.0, 0, "{r:?}");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().mode() & 0o777;
    assert_eq!(mode(&home.path().join("kg")), 0o700);
    let files = cache_files(home.path());
    assert_eq!(files.len(), 1);
    assert_eq!(mode(&files[0]), 0o600);
}

#[test]
#[cfg(unix)]
fn a_fifo_at_the_cache_entry_is_a_miss_not_a_hang() {
    let dir = graph_dir("fifo-entry");
    let home = TempDir::new("fifo-home");
    let args = ["--graph", dir.str(), "ask", "what relieves spasm"];
    let good = kg_cached(home.path(), &args);
    let entry = cache_files(home.path()).remove(0);
    std::fs::remove_file(&entry).unwrap();
    mkfifo(&entry);
    // `finish` fails the test if this hangs.
    assert_eq!(kg_cached(home.path(), &args), good);
    assert!(std::fs::metadata(&entry).unwrap().is_file(), "the FIFO was replaced by an entry");
    assert_eq!(kg_cached(home.path(), &args), good);
}

#[test]
#[cfg(target_os = "linux")]
fn a_huge_sparse_cache_entry_is_not_read() {
    let dir = graph_dir("sparse-entry");
    let home = TempDir::new("sparse-home");
    let args = ["--graph", dir.str(), "ask", "what relieves spasm"];
    let good = kg_cached(home.path(), &args);
    let entry = cache_files(home.path()).remove(0);
    std::fs::File::options().write(true).open(&entry).unwrap().set_len(3 << 30).unwrap();
    // With 1 GB of address space, reading 3 GB would fail.
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg("ulimit -v 1000000; exec \"$KG\" \"$@\"").arg("sh").args(args);
    cmd.env("KG", env!("CARGO_BIN_EXE_kg")).env("XDG_CACHE_HOME", home.path()).env_remove("KG_NO_CACHE");
    let r = finish(cmd, Duration::from_secs(60));
    assert_eq!(r, good);
    assert!(std::fs::metadata(&entry).unwrap().len() < 1 << 20, "the entry was rewritten");
}

#[test]
#[cfg(unix)]
fn temporary_files_of_a_killed_write_are_swept() {
    let dir = graph_dir("sweep");
    let home = TempDir::new("sweep-home");
    let cache = home.path().join("kg");
    std::fs::create_dir_all(&cache).unwrap();
    let stale = cache.join(".0123456789abcdef.bin.AbCdEfGh.kg-tmp");
    let legacy = cache.join(".0123456789abcdef.bin.kg-tmp-4242");
    let fresh = cache.join(".fedcba9876543210.bin.IjKlMnOp.kg-tmp");
    for p in [&stale, &legacy, &fresh] {
        std::fs::write(p, "half an entry").unwrap();
    }
    age(&stale, Duration::from_secs(2 * 3600));
    age(&legacy, Duration::from_secs(2 * 3600));
    let r = kg_cached(home.path(), &["--graph", dir.str(), "ask", "what relieves spasm"]);
    assert_eq!(r.0, 0, "{r:?}");
    assert!(!stale.exists() && !legacy.exists(), "stale temporary files are swept");
    assert!(fresh.exists(), "a write that may be under way is left alone");

    // The same beside an output file.
    let out = TempDir::new("sweep-out");
    let stale = out.path().join(".kg.dot.AbCdEfGh.kg-tmp");
    std::fs::write(&stale, "half a diagram").unwrap();
    age(&stale, Duration::from_secs(2 * 3600));
    let r = kg(&["dot", "-o", out.path().join("kg.dot").to_str().unwrap()], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!stale.exists());
}

// ------------------------------------------------------------------- writes

#[test]
#[cfg(unix)]
fn a_symlink_planted_at_the_old_temporary_name_is_not_followed() {
    let dir = TempDir::new("planted");
    dir.write("victim", "precious");
    // `exec` keeps the shell's pid, which the old temporary name used.
    let r = sh(dir.path(), "ln -s victim .out.dot.kg-tmp-$$ && exec \"$KG\" dot -o out.dot");
    assert_eq!(r.0, 0, "{r:?}");
    assert_eq!(std::fs::read_to_string(dir.path().join("victim")).unwrap(), "precious");
    assert!(std::fs::read_to_string(dir.path().join("out.dot")).unwrap().starts_with("digraph"));
}

#[test]
#[cfg(unix)]
fn output_through_a_symlink_writes_its_target_and_keeps_the_link() {
    let dir = TempDir::new("out-link");
    dir.write("real.dot", "old");
    std::os::unix::fs::symlink("real.dot", dir.path().join("link.dot")).unwrap();
    let r = kg(&["dot", "-o", dir.path().join("link.dot").to_str().unwrap()], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::symlink_metadata(dir.path().join("link.dot")).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(dir.path().join("real.dot")).unwrap().starts_with("digraph"));
}

#[test]
#[cfg(unix)]
fn output_keeps_the_mode_and_hard_links_of_the_file() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = TempDir::new("out-mode");
    let file = dir.write("private.dot", "old");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let other = dir.path().join("other-name.dot");
    std::fs::hard_link(&file, &other).unwrap();
    let r = kg(&["dot", "-o", file.to_str().unwrap()], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let m = std::fs::metadata(&file).unwrap();
    assert_eq!(m.mode() & 0o777, 0o600, "still private");
    assert_eq!(m.nlink(), 2, "still one file with two names");
    assert!(std::fs::read_to_string(&other).unwrap().starts_with("digraph"));
}

#[test]
#[cfg(unix)]
fn output_to_a_fifo_is_written_into_it() {
    let dir = TempDir::new("out-fifo");
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("reads the FIFO"))
    };
    let r = kg(&["dot", "-o", fifo.to_str().unwrap()], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(reader.join().unwrap().starts_with("digraph"), "the reader gets the diagram");
    assert!(!std::fs::metadata(&fifo).unwrap().is_file(), "the FIFO is still a FIFO");
}

#[test]
#[cfg(target_os = "linux")]
fn output_to_dev_stdout_goes_to_stdout() {
    let r = kg(&["dot", "-o", "/dev/stdout"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("digraph"), "{}", r.stdout);
    // Appended to a file stdout goes to, not written over it.
    let dir = TempDir::new("out-stdout");
    dir.write("log", "before\n");
    let r = sh(dir.path(), "\"$KG\" dot -o /dev/stdout >> log");
    assert_eq!(r.0, 0, "{r:?}");
    let log = std::fs::read_to_string(dir.path().join("log")).unwrap();
    assert!(log.starts_with("before\ndigraph"), "{log}");
}

// ------------------------------------------------------------ special files

#[test]
#[cfg(unix)]
fn a_broken_symlink_in_the_graph_directory_is_reported() {
    let dir = graph_dir("broken-link");
    std::os::unix::fs::symlink("gone.ron", dir.path().join("warnings.ron")).unwrap();
    std::os::unix::fs::symlink("also-gone.ron", dir.path().join("zz.ron")).unwrap();
    let r = kg(&["check", dir.str()], None);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("warnings.ron`: No such file or directory"), "{}", r.stderr);
    assert!(r.stderr.contains("symbolic link to `gone.ron`, which does not exist"), "{}", r.stderr);
    assert!(r.stderr.contains("zz.ron"), "every unreadable file is reported: {}", r.stderr);
    let r = kg(&["--graph", dir.str(), "ask", "what relieves spasm"], None);
    assert_eq!(r.code, 2, "no answer from part of a graph: {}", r.stdout);
}

#[test]
#[cfg(target_os = "linux")]
fn non_regular_files_stop_at_the_size_limit() {
    let dir = TempDir::new("dev-zero");
    // With 2 GB of address space, reading /dev/zero without a limit would fail.
    for (script, says) in [
        ("\"$KG\" check /dev/zero", "`/dev/zero` is too large to load (the limit is 512 MiB)"),
        ("\"$KG\" run /dev/zero", "cannot read `/dev/zero`: it is larger than 512 MiB"),
        ("\"$KG\" < /dev/zero", "cannot read standard input: it is larger than 512 MiB"),
    ] {
        let r = sh(dir.path(), &format!("ulimit -v 2000000; {script}"));
        assert_eq!(r.0, 2, "{script}: {r:?}");
        assert!(r.2.contains(says), "{script}: {}", r.2);
    }
}

#[test]
#[cfg(unix)]
fn a_graph_file_from_a_pipe_is_read() {
    let dir = graph_dir("pipe-graph");
    let r = sh(dir.path(), "cat topic.ron | \"$KG\" check article.ron /dev/stdin");
    assert_eq!(r.0, 0, "{r:?}");
    assert!(r.1.starts_with("ok: 3 nodes"), "{r:?}");
}

// ----------------------------------------------------------------- messages

#[test]
fn errors_after_a_failed_item_point_at_their_own_item() {
    let dir = TempDir::new("locator");
    dir.write("article.ron", ARTICLE);
    dir.write(
        "topic.ron",
        r#"(
    nodes: [
        (id: "stress", name: "stress", kind: condtion, summary: "x"),
        (id: "spasm", name: "spasm", kind: condition, summary: "A tight muscle."),
        (id: "spasm", name: "spasm again", kind: condition, summary: "twice"),
    ],
    edges: [
        (from: "nowhere", relation: causes, to: "spasm", sources: [("intro", 1)]),
        (from: "spasm", relation: causes, to: "elsewhere", sources: [("intro", 1)]),
    ],
)"#,
    );
    let r = kg(&["check", dir.str()], None);
    assert_eq!(r.code, 2);
    let at = |what: &str| {
        let i = r.stderr.find(what).unwrap_or_else(|| panic!("{what}: {}", r.stderr));
        r.stderr[i..].lines().nth(1).unwrap_or("").to_string()
    };
    assert!(at("unknown kind `condtion`").ends_with("topic.ron:3:46"), "{}", r.stderr);
    assert!(at("duplicate node id `spasm`").ends_with("topic.ron:5:14"), "{}", r.stderr);
    assert!(r.stderr.contains("first defined at ") && r.stderr.contains("topic.ron:4:14"), "{}", r.stderr);
    assert!(at("unknown node `nowhere`").ends_with("topic.ron:8:16"), "{}", r.stderr);
    assert!(at("unknown node `elsewhere`").ends_with("topic.ron:9:47"), "{}", r.stderr);
}

#[test]
fn a_name_with_no_likeness_gets_no_suggestion() {
    let r = kg(&["show", "zzzzzzzz"], None);
    assert_eq!(r.code, 2);
    assert!(!r.stderr.contains("did you mean"), "{}", r.stderr);
    let r = kg(&["show", "ice pak hot"], None);
    let help = r.stderr.lines().find(|l| l.contains("did you mean")).unwrap_or("");
    assert!(help.contains("`ice pack`"), "a real likeness still is: {}", r.stderr);
}

#[test]
fn a_megabyte_id_is_cut_in_messages() {
    let dir = graph_dir("long-id");
    let id = format!("x{}", "y".repeat(1 << 20));
    let topic = TOPIC.replacen(
        "    ],\n    edges: [",
        &format!(
            "        (id: \"{id}\", name: \"lonely\", kind: symptom, summary: \"No edges.\"),\n    ],\n    edges: ["
        ),
        1,
    );
    dir.write("topic.ron", topic);
    let r = kg(&["check", dir.str()], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("has no edges"), "{}", r.stderr);
    assert!(r.stderr.contains("(1048577 characters)"), "{}", r.stderr);
    assert!(r.stderr.len() < 2000, "{} bytes of warning", r.stderr.len());
}

#[test]
fn out_of_range_integers_say_the_field_and_its_range() {
    let dir = graph_dir("range");
    dir.write("article.ron", ARTICLE.replace("paragraphs: 2", "paragraphs: 70000"));
    let r = kg(&["check", dir.str()], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("error: `70000` is out of range for `paragraphs`"), "{}", r.stderr);
    assert!(r.stderr.contains("takes a whole number from 0 to 65535"), "{}", r.stderr);
}

#[test]
fn control_characters_in_graph_strings_are_escaped_in_text() {
    let dir = graph_dir("controls");
    // A name that would clear the line and move the cursor up, and a bell.
    let topic = TOPIC.replace("name: \"ice pack\"", "name: \"ice\\u{1b}[2K\\u{1b}[1A pack\\u{7}\\u{202e}\"");
    dir.write("topic.ron", topic);
    let r = kg(&["--graph", dir.str(), "show", "ice"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains('\x1b') && !r.stdout.contains('\x07') && !r.stdout.contains('\u{202e}'));
    assert!(r.stdout.contains("ice\\x1b[2K\\x1b[1A pack\\x07\\u{202e}"), "{}", r.stdout);
    // A note on stderr names it escaped too.
    let r = kg(&["--graph", dir.str(), "show", "ice pak"], None);
    assert!(!r.stderr.contains('\x1b'), "{:?}", r.stderr);
    // Data formats keep the string as it is (JSON escapes it its own way).
    let r = kg(&["--graph", dir.str(), "export"], None);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let names: Vec<&str> = v["nodes"].as_array().unwrap().iter().filter_map(|n| n["name"].as_str()).collect();
    assert!(names.contains(&"ice\x1b[2K\x1b[1A pack\x07\u{202e}"), "{names:?}");
}

// --------------------------------------------------------------- injection

#[test]
fn dot_strings_escape_the_entities_graphviz_decodes() {
    let dir = graph_dir("entities");
    let name = "salt &amp; pepper &#1; &lt;b&gt;";
    dir.write("topic.ron", TOPIC.replace("name: \"ice pack\"", &format!("name: \"{name}\"")));
    let r = kg(&["--graph", dir.str(), "dot"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("salt &amp;amp; pepper &amp;#1; &amp;lt;b&amp;gt;"), "{}", r.stdout);
    if !tool(works("dot", "-V"), "Graphviz `dot`") || !tool(works("python3", "--version"), "python3") {
        return;
    }
    let svg = dir.write("kg.dot", &r.stdout);
    let out = Command::new("dot").arg("-Tsvg").arg(&svg).output().expect("dot runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let svg = dir.write("kg.svg", &out.stdout);
    // The SVG is well-formed XML, and the name is drawn exactly as written.
    let script = "import sys, xml.etree.ElementTree as ET\n\
                  texts = [t.text for t in ET.parse(sys.argv[1]).iter('{http://www.w3.org/2000/svg}text')]\n\
                  print(sys.argv[2] in texts)";
    let out = Command::new("python3").args(["-c", script, svg.to_str().unwrap(), name]).output().unwrap();
    assert!(out.status.success(), "not well-formed: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "True");
}

#[test]
fn graphml_keeps_del_and_c1_characters() {
    let dir = graph_dir("graphml-c1");
    let summary = "del\u{7f} nel\u{85} csi\u{9b} end";
    dir.write("topic.ron", TOPIC.replace("summary: \"Cold on the sore spot.\"", &format!("summary: {summary:?}")));
    let r = kg(&["--graph", dir.str(), "export", "--format", "graphml"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("del&#127; nel&#133; csi&#155; end"), "{}", r.stdout);
    if !tool(works("python3", "--version"), "python3") {
        return;
    }
    let file = dir.write("kg.graphml", &r.stdout);
    let script = "import sys, json, xml.etree.ElementTree as ET\n\
                  ns = '{http://graphml.graphdrawing.org/xmlns}'\n\
                  n = [n for n in ET.parse(sys.argv[1]).iter(ns + 'node') if n.get('id') == 'ice'][0]\n\
                  print(json.dumps([d.text for d in n.iter(ns + 'data') if d.get('key') == 'summary'][0]))";
    let out = Command::new("python3").args(["-c", script, file.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got: String = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got, summary);
}

// --------------------------------------------------- hangs, panics, exhaustion

#[test]
#[cfg(target_os = "linux")]
fn a_closed_or_full_stderr_is_not_a_panic() {
    let full = std::fs::File::options().write(true).open("/dev/full").expect("/dev/full");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kg"));
    cmd.args(["show", "unicorns"]).env("KG_NO_CACHE", "1").stderr(full).stdout(Stdio::null());
    let status = cmd.status().expect("runs");
    assert_eq!(status.code(), Some(2), "an error, not a panic (101)");
    let dir = TempDir::new("closed-stderr");
    let r = sh(dir.path(), "\"$KG\" show unicorns 2>&-; echo \"status $?\"");
    assert_eq!(r.1.trim(), "status 2", "{r:?}");
    // Notes going to a pipe that closed.
    let r = sh(dir.path(), "\"$KG\" show 'ice pak' 2>&1 >/dev/null | true; echo \"status $?\"");
    assert!(!r.1.contains("101"), "{r:?}");
}

#[test]
#[cfg(unix)]
fn output_to_a_closed_stdout_is_an_error() {
    let dir = TempDir::new("closed-stdout");
    let r = sh(dir.path(), "\"$KG\" export >&-; echo \"status $?\" >&2");
    assert!(r.2.contains("cannot write output: standard output is closed"), "{r:?}");
    assert!(r.2.contains("status 2"), "{r:?}");
    let r = sh(dir.path(), "\"$KG\" export > /dev/null; echo \"status $?\"");
    assert_eq!(r.1.trim(), "status 0", "/dev/null itself is fine: {r:?}");
}

#[test]
fn a_runaway_query_stops_with_an_error_naming_its_clause() {
    let dir = TempDir::new("runaway");
    generator::generate(20_000, 7).write(dir.path()).expect("writes the graph");
    let r = kg(&["--graph", dir.str(), "query", "?x (causes|^causes)* ?y"], None);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("the query is too broad: `?x (causes|^causes)* ?y`"), "{}", r.stderr);
    let r = kg(&["--graph", dir.str(), "ask", "what treats muscle spasm"], None);
    assert_eq!(r.code, 0, "an ordinary question on the same graph: {}", r.stderr);
}

#[test]
fn unknown_ids_are_suggested_among_many_at_a_bounded_cost() {
    // Five thousand edges whose ends are typos of five thousand ids of one
    // length: comparing each with each took 25 s (release build); now each finds
    // its id among its neighbours in sorted order, forwards or backwards.
    let n = 5_000;
    let mut nodes = String::new();
    let mut edges = String::new();
    for i in 0..n {
        nodes.push_str(&format!("(id: \"node-{i:06}\", name: \"node {i}\", kind: condition, summary: \"x\"),\n"));
        let typo = if i % 2 == 0 { format!("nodx-{i:06}") } else { format!("node-{i:06}x") };
        edges.push_str(&format!("(from: \"node-{i:06}\", relation: causes, to: \"{typo}\", sources: [(\"s\", 1)]),\n"));
    }
    let dir = TempDir::new("dangling");
    dir.write(
        "article.ron",
        "(article: (title: \"T\", subject: \"node-000000\", sections: [(id: \"s\", title: \"S\", paragraphs: 1)]))",
    );
    dir.write("g.ron", format!("(nodes: [\n{nodes}],\nedges: [\n{edges}])\n"));
    let r = kg(&["check", dir.str()], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(&format!("{n} errors")), "{}", &r.stderr[r.stderr.len().saturating_sub(300)..]);
    for i in [0, 1, 2_498, 4_999] {
        let typo = if i % 2 == 0 { format!("nodx-{i:06}") } else { format!("node-{i:06}x") };
        let at = r.stderr.find(&format!("unknown node `{typo}`")).expect("reported");
        let help = r.stderr[at..].lines().find(|l| l.contains("help:")).unwrap_or("");
        assert!(help.contains(&format!("did you mean `node-{i:06}`?")), "{typo}: {help}");
    }
}

// ---------------------------------------------------------------- generator

#[test]
fn gen_graph_replaces_an_old_output_whole() {
    let parent = TempDir::new("gen-replace");
    let out = parent.path().join("g");
    std::fs::create_dir_all(&out).unwrap();
    // A shard of an earlier, larger graph.
    std::fs::write(out.join("edges-007.ron"), "(edges: [])").unwrap();
    let g = generator::generate(300, 7);
    let files = g.write(&out).expect("writes");
    assert!(!out.join("edges-007.ron").exists(), "the stale shard is gone");
    let mut names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["article.ron", "edges-000.ron", "nodes.ron"]);
    assert_eq!(files.len(), 3);
    let left: Vec<_> =
        std::fs::read_dir(parent.path()).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 1, "no temporary directory stays: {left:?}");
    let r = kg(&["check", out.to_str().unwrap()], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A directory holding anything else is not replaced.
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let e = g.write(&out).expect_err("refused");
    assert!(e.to_string().contains("notes.txt"), "{e}");
    assert!(out.join("notes.txt").exists());
}
