//! What a command-line user expects of a tool beside ripgrep, jq and
//! sqlite3 (issue 13): completions and a manual page, an install story,
//! output for people (wrapped, paged, aligned, headed in words), `-q`,
//! `version` and `notes` in JSON, scripts that speak the REPL's language,
//! help that keeps global options apart, `export -o`.

mod common;

use std::process::Command;

use common::{ARTICLE, TempDir, kg, kg_env};
use rexpect::session::spawn_command;
use serde_json::Value;

/// Whether an outside tool runs; when it does not, a test skips (with a
/// `SKIP` line), unless CI is set (CI installs it).
fn have(tool: &str) -> bool {
    common::need(common::runs(tool, "--version"), &format!("`{tool}`"))
}

// ---- completions and the manual ----

#[test]
fn bash_completes_commands_options_kinds_and_node_ids() {
    if !have("bash") {
        return;
    }
    let dir = TempDir::new("complete-bash");
    let script = kg(&["completions", "bash"], None);
    assert_eq!(script.code, 0, "{}", script.stderr);
    let file = dir.write("kg.bash", &script.stdout);
    let complete = |line: &str| common::bash_complete(&file, line);
    assert_eq!(complete("kg sho"), "show\n");
    assert_eq!(complete("kg show ice-p"), "ice-pack\n", "node ids complete after show");
    assert!(complete("kg path acet").contains("acetaminophen"));
    assert!(complete("kg dot --focus musc").contains("muscle-relaxants"), "and after --focus");
    assert_eq!(complete("kg dot --relations avoid"), "avoid_while\n");
    assert_eq!(complete("kg list home"), "home_remedy\n");
    assert!(complete("kg export --format t").contains("turtle"));
    assert!(!complete("kg ask --format t").contains("turtle"), "turtle is for export only");
}

#[test]
fn every_shell_gets_a_script_and_zsh_and_fish_name_the_nodes() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let r = kg(&["completions", shell], None);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains("kg") && r.stdout.len() > 1000, "{shell}: {}", r.stdout);
    }
    assert!(kg(&["completions", "zsh"], None).stdout.contains("ice-pack\\:\"ice pack\""));
    assert!(kg(&["completions", "fish"], None).stdout.contains("ice-pack\\t'ice pack'"));
    let r = kg(&["completions", "tcsh"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("possible values"), "{}", r.stderr);
}

#[test]
fn completions_list_the_nodes_of_the_graph_in_force() {
    let dir = TempDir::new("complete-graph");
    dir.write("article.ron", ARTICLE);
    dir.write("topic.ron", common::TOPIC);
    let r = kg(&["--graph", dir.str(), "completions", "bash"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("compgen -W \"ice pain spasm\""), "the test graph's ids: {}", r.stdout);
    assert!(!r.stdout.contains("acetaminophen"), "not the bundled graph's nodes");
}

#[test]
fn the_manual_page_is_roff_that_man_reads() {
    let r = kg(&["man"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(".TH kg 1"), "{}", r.stdout);
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH \"GLOBAL OPTIONS\"",
        ".SH COMMANDS",
        ".SH \"EXIT STATUS\"",
        ".SH \"ENVIRONMENT\"",
        ".SH \"FILES\"",
        ".SH EXAMPLES",
    ] {
        assert!(r.stdout.contains(section), "{section}");
    }
    assert!(r.stdout.contains(".SS \"kg completions\""));
    if !have("groff") {
        return;
    }
    let dir = TempDir::new("man");
    let page = dir.write("kg.1", &r.stdout);
    let out = Command::new("groff").args(["-man", "-Tutf8", "-ww"]).arg(&page).output().expect("groff runs");
    let (text, warnings) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && warnings.trim().is_empty(), "groff warns: {warnings}");
    assert!(text.contains("kg ask what treats muscle spasm"), "{text}");
    // Every variable kg reads is in ENVIRONMENT (found in the source, so a new one cannot be left out).
    let environment = &r.stdout[r.stdout.find(".SH \"ENVIRONMENT\"").unwrap()..r.stdout.find(".SH \"FILES\"").unwrap()];
    for var in variables_read() {
        assert!(environment.contains(&var), "ENVIRONMENT lacks {var}");
    }
}

/// The environment variables the source reads (`var_os("NAME")`, and the
/// names in lists such as `["KG_PAGER", "PAGER"]` or `set("NO_COLOR")`).
fn variables_read() -> std::collections::BTreeSet<String> {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = std::collections::BTreeSet::new();
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if !text.contains("std::env::var") {
                continue;
            }
            for quoted in text.split('"').skip(1).step_by(2) {
                let looks_like_var = quoted.len() > 2
                    && quoted.chars().all(|c| c.is_ascii_uppercase() || c == '_')
                    && (quoted.starts_with("KG_")
                        || quoted.starts_with("XDG_")
                        || ["HOME", "PAGER", "LESS", "LESSCHARSET", "NO_COLOR", "TERM"].contains(&quoted)
                        || quoted.starts_with("CLICOLOR"));
                if looks_like_var && !quoted.starts_with("KG_DESCRIPTION") {
                    found.insert(quoted.to_string());
                }
            }
        }
    }
    assert!(found.contains("KG_GRAPH") && found.contains("NO_COLOR"), "{found:?}");
    found
}

// ---- installing ----

/// `1.88` or `1.85.0` as numbers.
fn version(v: &str) -> (u64, u64, u64) {
    let mut n = v.split('.').map(|p| p.parse::<u64>().expect("a number"));
    (n.next().unwrap_or(0), n.next().unwrap_or(0), n.next().unwrap_or(0))
}

#[test]
fn rust_version_is_what_the_lock_file_needs() {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta: Value = serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let packages = meta["packages"].as_array().expect("packages");
    let ours = packages.iter().find(|p| p["name"] == "kg").expect("kg itself");
    let declared = version(ours["rust_version"].as_str().expect("Cargo.toml sets rust-version"));
    let (needed, by) = packages
        .iter()
        .filter(|p| p["name"] != "kg")
        .filter_map(|p| Some((version(p["rust_version"].as_str()?), p["name"].as_str()?.to_string())))
        .max()
        .expect("some dependency declares its rust-version");
    // At least what the dependencies need; the code itself may need more
    // (let chains: 1.88), so the two need not be equal.
    assert!(declared >= needed, "rust-version {declared:?} is below what the lock file needs ({by} needs {needed:?})");
}

#[test]
fn the_licenses_cargo_toml_names_are_there_and_the_readme_says_how_to_install() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("license = \"MIT OR Apache-2.0\""));
    let mit = std::fs::read_to_string(root.join("LICENSE-MIT")).expect("LICENSE-MIT");
    assert!(mit.contains("Permission is hereby granted, free of charge"));
    let apache = std::fs::read_to_string(root.join("LICENSE-APACHE")).expect("LICENSE-APACHE");
    assert!(apache.contains("Apache License") && apache.contains("Version 2.0"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    // The lines themselves are run in a fresh home by tests/completions.rs.
    for want in ["## Install", "cargo install --locked --path .", "kg completions", "kg man"] {
        assert!(readme.contains(want), "README lacks {want:?}");
    }
}

// ---- output for people ----

/// Runs `kg` on a terminal of `cols` x `rows`, with these variables, and
/// returns what the terminal showed.
fn on_terminal(args: &[&str], (cols, rows): (u16, u16), env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("stty cols {cols} rows {rows} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_kg"))
        .args(args)
        .env_remove("KG_GRAPH")
        .env_remove("PAGER")
        .env_remove("KG_PAGER")
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("KG_NO_CACHE", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut p = spawn_command(cmd, Some(15_000)).expect("kg starts in a pty");
    common::from_pty(p.exp_eof().expect("kg finishes")).replace("\r\n", "\n")
}

fn width(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn answers_wrap_to_the_terminal_with_hanging_indents() {
    let piped = kg(&["ask", "what treats muscle spasm"], None).stdout;
    assert!(piped.lines().any(|l| width(l) > 120), "a pipe gets whole lines");
    let shown = on_terminal(&["ask", "what treats muscle spasm"], (80, 500), &[("PAGER", "cat")]);
    for line in shown.lines() {
        assert!(width(line) <= 80, "wider than the terminal: {line:?}");
    }
    let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
    let footer = "kg reports what one article claims; it is not medical advice.";
    assert_eq!(words(shown.replace(footer, "").as_str()), words(&piped), "the same words, none cut");
    // The citations column starts at 47 here; what breaks out of it hangs there.
    let col = |l: &str| l.len() - l.trim_start().len();
    let cites = shown.lines().position(|l| l.contains("acupuncture")).expect("an answer");
    let next = shown.lines().nth(cites + 1).unwrap();
    assert_eq!(col(next), 47, "the rest of acupuncture's citations hang under them: {shown}");
    assert!(next.trim_start().starts_with('¶'), "{next:?}");
}

/// Issue 22: a message on a terminal was cut mid-word by the terminal's
/// own wrapping ("unicorn hor" / "n").
#[test]
fn messages_wrap_to_the_terminal_between_words() {
    let shown = on_terminal(&["show", "unicorn horn"], (50, 40), &[]);
    let piped = kg(&["show", "unicorn horn"], None).stderr;
    assert!(piped.lines().any(|l| width(l) > 50), "the message is wider than the terminal: {piped}");
    for line in shown.lines() {
        let snippet = line.trim_start().trim_start_matches(|c: char| c.is_ascii_digit()).starts_with(" |");
        assert!(snippet || width(line) <= 50, "wider than the terminal: {line:?}\n{shown}");
    }
    let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
    assert_eq!(words(&shown), words(&piped), "the same words, none split: {shown}");
}

#[test]
fn tall_output_on_a_terminal_goes_through_the_pager() {
    let pager = [("PAGER", "sed s/^/paged:/")];
    let tall = on_terminal(&["ask", "what treats muscle spasm"], (200, 20), &pager);
    assert!(tall.lines().next().is_some_and(|l| l.starts_with("paged:What treats")), "{tall}");
    let short = on_terminal(&["list", "specialist"], (200, 20), &pager);
    assert!(short.contains("chiropractor") && !short.contains("paged:"), "fits the screen: {short}");
    let never = on_terminal(&["--paging", "never", "ask", "what treats muscle spasm"], (200, 20), &pager);
    assert!(!never.contains("paged:"), "{never}");
    let kg_pager = on_terminal(
        &["ask", "what treats muscle spasm"],
        (200, 20),
        &[("PAGER", "false"), ("KG_PAGER", "sed s/^/kg:/")],
    );
    assert!(kg_pager.starts_with("kg:"), "$KG_PAGER comes before $PAGER: {kg_pager}");
    // A pipe is not paged, unless asked.
    let piped = kg_env(&["ask", "what treats muscle spasm"], None, &pager);
    assert!(!piped.stdout.contains("paged:"));
    let always = kg_env(&["--paging", "always", "list", "specialist"], None, &pager);
    assert!(always.stdout.starts_with("paged:"), "{}", always.stdout);
}

/// A graph whose names are longer than the name column.
fn long_names() -> TempDir {
    let dir = TempDir::new("long-names");
    dir.write("article.ron", ARTICLE);
    dir.write(
        "topic.ron",
        r#"(
    nodes: [
        (id: "spasm", name: "spasm", kind: condition, summary: "A tight muscle."),
        (id: "ice", name: "ice pack", kind: home_remedy, summary: "Cold."),
        (id: "long", name: "a remedy with a name far longer than any name column should be", kind: home_remedy, summary: "Long."),
        (id: "rest", name: "rest", kind: home_remedy, summary: "Rest."),
        (id: "run", name: "running", kind: behaviour, summary: "Running."),
    ],
    edges: [
        (from: "ice", relation: relieves, to: "spasm", sources: [("care", 1)]),
        (from: "long", relation: relieves, to: "spasm", sources: [("intro", 1)]),
        (from: "rest", relation: relieves, to: "spasm", sources: [("intro", 2)]),
        (from: "run", relation: avoid_while, to: "long", sources: [("intro", 2)]),
        (from: "run", relation: avoid_while, to: "ice", sources: [("intro", 2)]),
    ],
)"#,
    );
    dir
}

#[test]
fn columns_stay_aligned_whatever_the_name_length() {
    let dir = long_names();
    let r = kg(&["--graph", dir.str(), "ask", "what treats spasm"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let kind_col = |l: &str| l.find("home remedy");
    let cols: Vec<usize> = r.stdout.lines().filter_map(kind_col).collect();
    assert_eq!(cols.len(), 3, "{}", r.stdout);
    assert!(cols.iter().all(|&c| c == cols[0]), "the kind column moved:\n{}", r.stdout);
    let long = r.stdout.lines().position(|l| l.contains("far longer")).unwrap();
    assert!(!r.stdout.lines().nth(long).unwrap().contains("home remedy"), "a long name takes its own line");
    let r = kg(&["--graph", dir.str(), "list"], None);
    let cols: Vec<usize> = r.stdout.lines().filter_map(|l| l.find("home remedy")).collect();
    assert!(cols.len() == 3 && cols.iter().all(|&c| c == cols[0]), "{}", r.stdout);
    let r = kg(&["--graph", dir.str(), "query", "?thing avoid_while ?while_on"], None);
    let cols: Vec<usize> = r.stdout.lines().filter_map(|l| l.find("Intro")).collect();
    assert!(cols.len() == 2 && cols.iter().all(|&c| c == cols[0]), "{}", r.stdout);
}

/// Issue 22: at 60 columns `list` broke its id column across lines. The
/// name column gives way instead: every id whole, every kind at one column.
#[test]
fn list_keeps_its_columns_on_a_narrow_terminal() {
    for args in [vec!["--paging", "never", "list"], vec!["--paging", "never", "list", "medication"]] {
        let piped = kg(&args, None).stdout;
        let shown = on_terminal(&args, (60, 500), &[]);
        for line in shown.lines() {
            assert!(width(line) <= 60, "wider than the terminal: {line:?}");
        }
        // Each row of the pipe is `name  kind  id`; on the terminal the id is
        // whole and follows its kind at the same column as every other.
        let mut kind_cols = std::collections::BTreeSet::new();
        for row in piped.lines() {
            let cells: Vec<&str> = row.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect();
            // A name longer than its column has a line of its own.
            let [.., kind, id] = cells[..] else { continue };
            let line = shown
                .lines()
                .find(|l| l.split_whitespace().last() == Some(id) && l.contains(kind))
                .unwrap_or_else(|| panic!("{id} whole, after its kind:\n{shown}"));
            kind_cols.insert(line[..line.rfind(id).unwrap()].rfind(kind).unwrap());
        }
        assert_eq!(kind_cols.len(), 1, "the kind column moved: {kind_cols:?}\n{shown}");
    }
}

#[test]
fn table_headers_are_words_not_variables() {
    let r = kg(&["ask", "what are the warnings"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("?avoid") && !r.stdout.contains("?while"), "{}", r.stdout);
    assert!(r.stdout.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["avoid", "while"]), "{}", r.stdout);
    let dir = long_names();
    let r = kg(&["--graph", dir.str(), "query", "?thing avoid_while ?while_on"], None);
    assert!(
        r.stdout.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["thing", "while", "on"]),
        "{}",
        r.stdout
    );
}

/// `-q` is grep's and ripgrep's: nothing on stdout, the exit status
/// answers (issue 22: `kg -q ask` printed 65 lines).
#[test]
fn q_prints_nothing_and_the_exit_status_answers() {
    for (args, code) in [
        (vec!["-q", "ask", "what treats muscle spsm"], 0),
        (vec!["ask", "what treats muscle spasm", "--quiet"], 0),
        (vec!["-q", "ask", "what does the article say about hip pain"], 1),
        (vec!["-q", "query", "?x treats \"ice pack\""], 1),
        (vec!["-q", "show", "ice pack", "--format", "json"], 0),
        (vec!["-q", "list", "medication"], 0),
        (vec!["-q", "export", "--format", "turtle"], 0),
        (vec!["-q", "completions", "bash"], 0),
        (vec!["-q", "man"], 0),
    ] {
        let r = kg(&args, None);
        let head: String = r.stdout.chars().take(300).collect();
        assert_eq!((r.code, head.as_str(), r.stderr.as_str()), (code, "", ""), "kg {args:?}");
    }
    let error = kg(&["-q", "show", "unicorn horn"], None);
    assert_eq!((error.code, error.stdout.as_str()), (2, ""));
    assert!(error.stderr.contains("error: nothing in the graph is called"), "errors still: {}", error.stderr);
    let script = kg(&["-q", "run", "-"], Some("what treats muscle spsm\nshow ice pak\n"));
    assert_eq!((script.code, script.stdout.as_str(), script.stderr.as_str()), (0, "", ""));
    let script = kg(&["-q", "run", "-"], Some("what treats muscle spasm\nwhat about hip pain\n"));
    assert_eq!((script.code, script.stdout.as_str()), (1, ""), "a line with no answer: 1");
    let help = kg(&["--help"], None).stdout;
    assert!(help.contains("exit status answers") && help.contains("--no-notes"), "{help}");
}

#[test]
fn no_notes_prints_results_only_and_errors_still() {
    let loud = kg(&["ask", "what treats muscle spsm"], None);
    assert!(loud.stderr.contains("note: taking"), "{}", loud.stderr);
    let quiet = kg(&["--no-notes", "ask", "what treats muscle spsm"], None);
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""));
    assert_eq!(quiet.stdout, loud.stdout);
    let quiet = kg(&["ask", "what treats muscle spsm", "--no-notes"], None);
    assert_eq!(quiet.stderr, "", "--no-notes is global: after the command too");
    let error = kg(&["--no-notes", "show", "unicorn horn"], None);
    assert_eq!(error.code, 2);
    assert!(error.stderr.contains("error: nothing in the graph is called"), "{}", error.stderr);
    let script = kg(&["--no-notes", "run", "-"], Some("what treats muscle spsm\nshow ice pak\n"));
    assert_eq!((script.code, script.stderr.as_str()), (0, ""));
    assert!(script.stdout.contains("ice pack"), "{}", script.stdout);
}

/// A note written to stderr before the pager starts scrolls away under
/// its first page: paged output carries its notes at the top.
#[test]
fn notes_go_into_the_pager_with_the_answer() {
    let pager = [("PAGER", "sed s/^/paged:/")];
    let shown = on_terminal(&["ask", "what treats muscle spsm"], (200, 20), &pager);
    let mut lines = shown.lines();
    assert_eq!(lines.next(), Some("paged:note: taking \"spsm\" as \"spasm\""), "{shown}");
    assert!(lines.next().is_some_and(|l| l.starts_with("paged:What treats")), "{shown}");
    assert_eq!(shown.matches("note: taking").count(), 1, "once: {shown}");
    let short = on_terminal(&["show", "ice pak"], (200, 200), &pager);
    assert!(short.starts_with("note: taking") && !short.contains("paged:"), "unpaged: stderr as ever: {short}");
    let piped = kg_env(&["--paging", "always", "ask", "what treats muscle spsm"], None, &pager);
    assert!(
        !piped.stdout.contains("note: taking") && piped.stderr.contains("note: taking"),
        "a pipe: {}",
        piped.stderr
    );
}

#[test]
fn every_json_document_has_version_and_notes() {
    let cases: Vec<Vec<&str>> = vec![
        vec!["ask", "what treats muscle spsm"],
        vec!["ask", "is heat good for back spasm"],
        vec!["query", "?t relieves \"spasm\""],
        vec!["show", "ice pak"],
        vec!["path", "dehydration", "spasm"],
        vec!["list"],
        vec!["list", "medication"],
        vec!["list", "kinds"],
        vec!["list", "relations"],
        vec!["stats"],
        vec!["check"],
        vec!["export"],
    ];
    for args in cases {
        let mut all = args.clone();
        if args[0] != "export" {
            all.extend(["--format", "json"]);
        }
        let r = kg(&all, None);
        assert_eq!(r.code, 0, "kg {all:?}: {}", r.stderr);
        let v: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("kg {all:?}: {e}: {}", r.stdout));
        assert_eq!(v["version"], kg::render::json::VERSION, "kg {all:?}");
        let notes = v["notes"].as_array().unwrap_or_else(|| panic!("kg {all:?} has no notes: {v}"));
        // What went to stderr as notes is in the document too.
        let said: Vec<&str> = r.stderr.lines().filter_map(|l| l.strip_prefix("note: ")).collect();
        assert_eq!(notes.iter().map(|n| n.as_str().unwrap()).collect::<Vec<_>>(), said, "kg {all:?}");
    }
    let v: Value = serde_json::from_str(&kg(&["show", "ice pak", "--format", "json"], None).stdout).unwrap();
    assert_eq!(v["notes"][0], "taking \"ice pak\" as \"ice pack\"");
    let v: Value = serde_json::from_str(&kg(&["list", "specialist", "--format", "json"], None).stdout).unwrap();
    assert_eq!(v["kind"], "specialist");
    assert!(v["nodes"].as_array().is_some_and(|n| n.iter().any(|n| n["id"] == "doctor")), "{v}");
}

// ---- scripts speak the REPL's language ----

#[test]
fn colon_commands_work_in_scripts_and_on_stdin() {
    let script = ":format json\nlist specialist\n:format tsv\n:explain on\nwhat treats muscle spasm\n";
    for args in [vec!["run", "-"], vec![]] {
        let r = kg(&args, Some(script));
        assert_eq!(r.code, 0, "kg {args:?}: {}", r.stderr);
        let (json, tsv) = r.stdout.split_at(r.stdout.find("\n}\n").expect("a JSON document") + 3);
        let v: Value = serde_json::from_str(json).expect("the first line's output is JSON");
        assert_eq!(v["kind"], "specialist");
        assert!(tsv.lines().all(|l| l.split('\t').count() == 6), "then TSV: {tsv}");
        assert!(r.stderr.contains("note: intent:"), ":explain on took effect: {}", r.stderr);
        assert!(!r.stdout.contains("format: json"), "a setting is not echoed into the output");
    }
}

#[test]
fn a_line_starting_with_a_variable_or_select_is_a_query_and_its_errors_are_errors() {
    let r = kg(&["run", "-"], Some("what treats muscle spasm\n?x treat \"spasm\"\n"));
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("unknown relation `treat`") && r.stderr.contains("<stdin>:2:4"), "{}", r.stderr);
    let r = kg(&[], Some("select ?x where ?x treats \"spasm\"\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Answers to the pattern"), "{}", r.stdout);
    let r = kg(&["run", "-"], Some("SELECT ?x WHERE ?x rich_in \"potassium\" LIMIT 1\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn quit_history_and_dot_in_a_script() {
    let dir = TempDir::new("script-meta");
    let out = dir.0.join("answer.dot");
    let script = format!("show doctor\n:dot {}\n:history\n:quit\nshow unicorn horn\n", out.display());
    let r = kg(&["run", "-"], Some(&script));
    assert_eq!(r.code, 0, ":quit stops the script before the bad line: {}", r.stderr);
    assert!(std::fs::read_to_string(&out).is_ok_and(|d| d.starts_with("digraph kg {")), ":dot wrote the file");
    assert!(r.stdout.contains("    1  show doctor") && r.stdout.contains("    2  :dot "), "{}", r.stdout);
    let r = kg(&["run", "-"], Some("list specialist\n:frmat json\n"));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("<stdin>:2:1") && r.stderr.contains("did you mean `:format`?"), "{}", r.stderr);
}

// ---- help ----

#[test]
fn global_options_are_grouped_apart_in_every_help() {
    for args in [vec!["--help"], vec!["ask", "--help"], vec!["dot", "--help"], vec!["export", "--help"]] {
        let help = kg(&args, None).stdout;
        let global = help.find("Global options:").unwrap_or_else(|| panic!("kg {args:?}: {help}"));
        for flag in ["--graph", "--color", "--paging", "--quiet", "--no-notes"] {
            assert!(help.rfind(flag).is_some_and(|i| i > global), "kg {args:?}: {flag} under Global options");
        }
    }
}

#[test]
fn format_lists_export_only_values_only_for_export() {
    for args in [vec!["ask", "--help"], vec!["query", "--help"], vec!["show", "--help"], vec!["--help"]] {
        let help = kg(&args, None).stdout;
        let at = help.find("--format <FORMAT>").unwrap_or_else(|| panic!("kg {args:?}: {help}"));
        let format = &help[at..at + help[at..].find("\n\n  -").unwrap_or(help.len() - at)];
        assert!(
            format.contains("tsv") && !format.contains("turtle") && !format.contains("graphml"),
            "kg {args:?}: {format}"
        );
    }
    let help = kg(&["export", "--help"], None).stdout;
    for f in ["json", "turtle", "ntriples", "graphml", "dot"] {
        assert!(help.contains(f), "export --help lists {f}");
    }
    let r = kg(&["ask", "what treats spasm", "--format", "turtle"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("possible values: text, json, tsv, dot"), "{}", r.stderr);
}

// ---- export -o ----

#[test]
fn export_writes_a_file_whole_with_o() {
    let dir = TempDir::new("export-o");
    let file = dir.0.join("kg.ttl");
    let r = kg(&["export", "--format", "turtle", "-o", file.to_str().unwrap()], None);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), kg(&["export", "--format", "turtle"], None).stdout);
    let r = kg(&["export", "--output", dir.0.join("no/such/dir/kg.json").to_str().unwrap()], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot write"), "{}", r.stderr);
    let left: Vec<_> = std::fs::read_dir(&dir.0).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 1, "nothing but the file: {left:?}");
}

/// As a question does, a query that names a node of a kind its relation
/// never reaches says so, with the nearest node of a kind it does reach.
#[test]
fn a_name_of_the_wrong_kind_in_a_query_gets_a_note_with_a_suggestion() {
    let r = kg(&["query", "?x treats \"muscles\""], None);
    assert_eq!(r.code, 1, "still a valid query with no answer: {}", r.stderr);
    assert_eq!(r.stderr.matches("note: ").count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("`muscles` is a body part, and `treats` only goes to a condition"), "{}", r.stderr);
    assert_eq!(r.stderr.matches("did you mean").count(), 1, "{}", r.stderr);
    let r = kg(&["query", "\"ice pack\" ^treats ?x", "--format", "json"], None);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(v["notes"][0].as_str().is_some_and(|n| n.contains("is a home remedy")), "{v}");
    let r = kg(&["query", "?x treats \"back muscle spasm\""], None);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "no note when the kinds fit");
}

// ---- skipped tests are visible ----

/// Skips as a test with a missing tool does, when the test below asks.
#[test]
fn skip_probe() {
    if std::env::var_os("KG_SKIP_PROBE").is_some() {
        assert!(!common::need(false, "a tool that is never there"));
    }
}

/// A test that skips says so where `cargo test` shows it (the harness
/// captures a passing test's output, so the line must go around it), and
/// fails under CI instead.
#[test]
fn a_skipped_test_says_so_in_the_test_output_and_fails_under_ci() {
    let run = |ci: Option<&str>| {
        let mut cmd = Command::new(std::env::current_exe().expect("this test binary"));
        cmd.args(["skip_probe", "--exact", "--test-threads=1"]).env("KG_SKIP_PROBE", "1").env_remove("CI");
        if let Some(v) = ci {
            cmd.env("CI", v);
        }
        let out = cmd.output().expect("the test binary runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (passed, shown) = run(None);
    assert!(passed, "{shown}");
    assert!(shown.contains("SKIP skip_probe: a tool that is never there is not installed"), "{shown}");
    for ci in ["false", "0", ""] {
        assert!(run(Some(ci)).0, "CI={ci:?} is not CI");
    }
    let (passed, shown) = run(Some("true"));
    assert!(!passed && shown.contains("CI must install it"), "{shown}");
}
