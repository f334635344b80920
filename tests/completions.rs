//! Completion scripts carry node names as inert data (issue 21, item 1).
//!
//! A graph of hostile names (command substitutions, backticks, both kinds
//! of quote, `;`, line ends, backslashes, `%`, braces, globs, names that
//! start with `-`) is turned into a script for every shell; each shell that
//! is installed sources its script and completes after `show`, `path`,
//! `list` and `--focus`. Nothing may run (every name that would run
//! something makes a marker file), and in zsh and fish, which show names
//! beside ids, every name comes back whole as the description of its id.
//! Shells that are not installed skip with a `SKIP` line, except under CI,
//! where .ci/run installs bash, zsh, fish and elvish. PowerShell is not in
//! Debian: its script, like elvish's, is checked to hold no graph data.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{ARTICLE, TempDir, kg, need, runs};

/// The names, each of which would make a file in `marker` if a shell ran
/// any of it, and would not come back whole if a shell expanded it.
fn hostile_names(marker: &Path) -> Vec<String> {
    let m = marker.display();
    vec![
        format!("$(touch {m}/dollar)"),
        format!("`touch {m}/backtick`"),
        format!("a\" $(touch {m}/dq) \"b"),
        format!("\"; touch {m}/dq2; echo \""),
        format!("a' ; touch {m}/sq ; 'b"),
        format!("'\\''; touch {m}/zsh-sq; '\\''"),
        format!("x\ntouch {m}/newline\ny"),
        format!("back\\slash \\\" \\' \\$(touch {m}/backslash) \\"),
        format!(")) ; touch {m}/paren ; (("),
        format!("; touch {m}/semi & touch {m}/amp | tee {m}/pipe > {m}/redirect"),
        format!("{{$(touch {m}/brace)}} ${{KG_PROBE}} $KG_PROBE %KG_PROBE% $env:KG_PROBE"),
        "100% %s %n {} {a,b} * ? [x] ~ !! !$ #hash".to_string(),
        "--help -rf".to_string(),
        "- -e".to_string(),
        "a:b\\:c :: d\\\\:e".to_string(),
        "tab\there".to_string(),
        "Rücken ¶ 日本".to_string(),
    ]
}

/// How a shell should show a name: line ends and tabs as spaces, and
/// whitespace runs as one (menus pad and trim).
fn shown(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A RON string literal holding `s`.
fn ron_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n").replace('\t', "\\t"))
}

struct Hostile {
    dir: TempDir,
    marker: std::path::PathBuf,
    graph: String,
    /// id -> name
    names: BTreeMap<String, String>,
}

impl Hostile {
    fn new(tag: &str) -> Hostile {
        let dir = TempDir::new(tag);
        let marker = dir.path().join("ran");
        std::fs::create_dir(&marker).expect("marker dir");
        let graph = dir.path().join("graph");
        std::fs::create_dir(&graph).expect("graph dir");
        std::fs::write(graph.join("article.ron"), ARTICLE).expect("article");
        let mut names = BTreeMap::new();
        let mut nodes =
            String::from("(id: \"spasm\", name: \"spasm\", kind: condition, summary: \"A tight muscle.\"),\n");
        let mut edges = String::new();
        for (i, name) in hostile_names(&marker).into_iter().enumerate() {
            let id = format!("hostile-{i}");
            nodes.push_str(&format!(
                "(id: \"{id}\", name: {}, kind: home_remedy, summary: \"x\"),\n",
                ron_string(&name)
            ));
            edges
                .push_str(&format!("(from: \"{id}\", relation: relieves, to: \"spasm\", sources: [(\"care\", 1)]),\n"));
            names.insert(id, name);
        }
        names.insert("spasm".into(), "spasm".into());
        std::fs::write(graph.join("topic.ron"), format!("(nodes: [\n{nodes}], edges: [\n{edges}])")).expect("topic");
        let graph = graph.to_str().expect("a UTF-8 path").to_string();
        let h = Hostile { dir, marker, graph, names };
        let check = kg(&["--graph", h.graph(), "check"], None);
        assert_eq!(check.code, 0, "the hostile graph is a valid graph: {}", check.stderr);
        h
    }

    fn graph(&self) -> &str {
        &self.graph
    }

    /// The script for `shell`, written where the shell will look for it.
    fn script(&self, shell: &str, file: &str) -> std::path::PathBuf {
        let r = kg(&["--graph", self.graph(), "completions", shell], None);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        let path = self.dir.path().join(file);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("script dir");
        std::fs::write(&path, &r.stdout).expect("script written");
        path
    }

    /// Fails if any name ran.
    fn nothing_ran(&self, shell: &str) {
        let ran: Vec<_> = std::fs::read_dir(&self.marker)
            .expect("marker dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(ran.is_empty(), "{shell} ran code from node names: {ran:?}");
    }

    /// Every id, each with its name as shown.
    fn expected(&self) -> BTreeMap<String, String> {
        self.names.iter().map(|(id, name)| (id.clone(), shown(name))).collect()
    }
}

/// Runs a shell program with `KG_PROBE` set (a name that expands it shows
/// `EXPANDED`); returns stdout, after checking it ran.
fn shell(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .env("KG_PROBE", "EXPANDED")
        .env_remove("KG_GRAPH")
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{program} {args:?} failed: {}\n{stdout}", String::from_utf8_lossy(&out.stderr));
    stdout
}

/// `id<sep>description` lines as a map, descriptions as shown.
fn pairs(lines: &str, sep: &str) -> BTreeMap<String, String> {
    lines
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (id, desc) = l.split_once(sep).unwrap_or((l, ""));
            (id.trim().to_string(), shown(desc))
        })
        .collect()
}

#[test]
fn bash_offers_the_ids_and_runs_nothing() {
    if !need(runs("bash", "--version"), "bash") {
        return;
    }
    let h = Hostile::new("complete-bash");
    let script = h.script("bash", "kg.bash");
    for line in ["kg show ", "kg path spasm ", "kg dot --focus ", "kg show hostile-1"] {
        let got: Vec<String> =
            common::bash_complete(&script, line).lines().filter(|l| !l.starts_with('-')).map(String::from).collect();
        let typed = line.rsplit(' ').next().unwrap_or("");
        let want: Vec<String> = h.names.keys().filter(|id| id.starts_with(typed)).cloned().collect();
        let want: Vec<String> = if line.ends_with("hostile-1") { want } else { h.names.keys().cloned().collect() };
        let mut got_sorted = got.clone();
        got_sorted.sort();
        assert_eq!(got_sorted, want, "bash after {line:?}");
    }
    h.nothing_ran("bash");
}

/// `zsh -f capture.zsh DIR LINE...` completes each LINE in one interactive
/// zsh (in a pseudo-terminal, through `zpty`) with the `_kg` in DIR (with
/// DIR `-`, as the user's ~/.zshrc sets completion up),
/// printing every match offered as `HIT:value -- value  -- description`,
/// then `END:LINE`.
const ZSH_CAPTURE: &str = r#"
zmodload zsh/zpty || exit 3
if [[ $1 == - ]]; then
  # The user's own start-up files (~/.zshrc) set up completion.
  zpty z zsh -i || exit 3
  zpty -w z "stty columns 4000; RPROMPT=''; LISTMAX=100000; unsetopt zle_bracketed_paste; bindkey '^I' complete-word"
else
  zpty z zsh -f -i || exit 3
  zpty -w z "stty columns 4000; RPROMPT=''; LISTMAX=100000; unsetopt zle_bracketed_paste; fpath=(${(q)1} \$fpath); autoload -U compinit; compinit -u -D; bindkey '^I' complete-word"
fi
zpty -w z 'compadd () {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a __hits __dscr; local __tmp __i
  if (( $@[(I)-d] )); then
    __tmp=${@[$[${@[(i)-d]}+1]]}
    if [[ $__tmp == \(* ]]; then eval "__dscr=$__tmp"; else __dscr=( "${(@P)__tmp}" ); fi
  fi
  builtin compadd -A __hits -D __dscr "$@"
  for __i in {1..$#__hits}; do print -r -- "HIT:$__hits[$__i] -- ${__dscr[$__i]}"; done
}'
zpty -w z "PROMPT=\$'\\x3c\\x52\\x45\\x41\\x44\\x59\\x3e'"
zpty -r z __out '*<READY>*' || exit 4
shift
for words in "$@"; do
  zpty -w -n z "$words"$'\t'$'\C-u'"print -r -- DO''NE"$'\n'
  while zpty -r z line; do
    [[ $line == *DONE$'\r'* && $line != *print* ]] && break
    [[ $line == *HIT:* ]] && print -r -- "HIT:${${line#*HIT:}%$'\r'*}"
  done
  print -r -- "END:$words"
  zpty -r z __out '*<READY>*' || exit 4
done
zpty -d z
"#;

#[test]
fn zsh_offers_the_ids_with_their_names_whole_and_runs_nothing() {
    if !need(runs("zsh", "--version"), "zsh") {
        return;
    }
    let h = Hostile::new("complete-zsh");
    let script = h.script("zsh", "functions/_kg");
    let capture = h.dir.write("capture.zsh", ZSH_CAPTURE);
    let functions = script.parent().expect("a directory").to_str().expect("UTF-8");
    let lines = ["kg show ", "kg path spasm ", "kg dot --focus ", "kg list "];
    let mut args = vec!["-f", capture.to_str().expect("UTF-8"), functions];
    args.extend(lines);
    let out = shell("zsh", &args);
    let mut offered: BTreeMap<&str, BTreeMap<String, String>> = BTreeMap::new();
    let mut menu = String::new();
    for l in out.lines() {
        if let Some(line) = l.strip_prefix("END:") {
            // `HIT:id -- id    -- description`: the menu line after the value.
            offered.insert(
                lines.iter().find(|w| w.trim_end() == line.trim_end()).expect("a line asked"),
                pairs(&menu, "-- "),
            );
            menu.clear();
        } else if let Some((_, shown)) = l.strip_prefix("HIT:").and_then(|l| l.split_once(" -- ")) {
            menu.push_str(shown);
            menu.push('\n');
        }
    }
    h.nothing_ran("zsh");
    for line in &lines[..3] {
        assert_eq!(offered.get(line), Some(&h.expected()), "zsh after {line:?}");
    }
    let kinds = &offered["kg list "];
    assert!(kinds.contains_key("home_remedy") && kinds.contains_key("relations"), "{kinds:?}");
}

#[test]
fn fish_offers_the_ids_with_their_names_whole_and_runs_nothing() {
    if !need(runs("fish", "--version"), "fish") {
        return;
    }
    let h = Hostile::new("complete-fish");
    let script = h.script("fish", "kg.fish");
    let complete = |line: &str| {
        let program = format!("source '{}'; complete -C '{line}'", script.display());
        pairs(&shell("fish", &["--no-config", "-c", &program]), "\t")
    };
    let offered: Vec<_> = ["kg show ", "kg path spasm ", "kg dot --focus "].map(|l| (l, complete(l))).into();
    h.nothing_ran("fish");
    // Issue 22: fish completed files after show and path, not node ids.
    for (line, got) in offered {
        assert_eq!(got, h.expected(), "fish after {line:?}");
    }
    let kinds = complete("kg list ");
    assert!(kinds.contains_key("home_remedy") && kinds.contains_key("relations"), "{kinds:?}");
    assert!(!kinds.keys().any(|k| k.contains('/') || k.ends_with(".fish")), "no file names: {kinds:?}");
    let formats = complete("kg show --format ");
    assert!(formats.contains_key("json") && !formats.contains_key("spasm"), "an option's values: {formats:?}");
}

#[test]
fn elvish_and_powershell_scripts_hold_no_graph_data_and_elvish_runs_nothing() {
    let h = Hostile::new("complete-elvish");
    for shell in ["elvish", "powershell"] {
        let hostile = kg(&["--graph", h.graph(), "completions", shell], None);
        let bundled = kg(&["completions", shell], None);
        assert_eq!(hostile.code, 0, "{}", hostile.stderr);
        assert_eq!(hostile.stdout, bundled.stdout, "{shell}: the script does not depend on the graph");
        assert!(!hostile.stdout.contains("hostile-") && !hostile.stdout.contains("/ran/"), "{shell}");
    }
    if !need(runs("elvish", "-version"), "elvish") {
        return;
    }
    let script = h.script("elvish", "kg.elv");
    let mut cmd = Command::new("elvish");
    cmd.arg("-norc").env("KG_PROBE", "EXPANDED");
    let out = elvish_candidates(cmd, &format!("eval (slurp < '{}'); ", script.display()), "kg show ''");
    assert!(out.contains("CAND:--format"), "options complete: {out}");
    h.nothing_ran("elvish");
}

/// Runs `setup`, then asks elvish's completer for `kg` what it offers
/// after `words`, one `CAND:` line each. Elvish's completers live in its
/// line editor, so it runs on a terminal.
fn elvish_candidates(cmd: Command, setup: &str, words: &str) -> String {
    let mut p = rexpect::session::spawn_command(cmd, Some(15_000)).expect("elvish starts in a pty");
    p.send_line(&format!(
        "{setup}$edit:completion:arg-completer[kg] {words} | each {{|c| echo CAND:$c[stem] }}; echo DO''NE"
    ))
    .expect("elvish reads the line");
    let out = common::from_pty(p.exp_string("DONE\r").expect("elvish completes"));
    p.send_line("exit").expect("elvish reads the line");
    p.exp_eof().expect("elvish exits");
    out
}

// ---- the README's install lines, in a fresh home (issue 22) ----

/// The lines of the README's Install section: (language of the block, line),
/// comments left out.
fn readme_install_lines() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README");
    let start = readme.find("\n## Install\n").expect("an Install section");
    let section = &readme[start + 1..];
    let section = &section[..section[1..].find("\n## ").map_or(section.len(), |i| i + 1)];
    let mut lines = Vec::new();
    let mut lang: Option<String> = None;
    for line in section.lines() {
        if let Some(fence) = line.strip_prefix("```") {
            lang = if lang.is_some() { None } else { Some(fence.trim().to_string()) };
        } else if let Some(l) = &lang
            && !line.trim().is_empty()
            && !line.trim_start().starts_with('#')
        {
            lines.push((l.clone(), line.to_string()));
        }
    }
    lines
}

/// The line of `lang` that mentions `what`.
fn install_line<'a>(lines: &'a [(String, String)], lang: &str, what: &str) -> &'a str {
    lines
        .iter()
        .find(|(l, line)| l == lang && line.contains(what))
        .map(|(_, line)| line.as_str())
        .unwrap_or_else(|| panic!("the README has no {lang} line with {what:?}: {lines:?}"))
}

/// A fresh home, as a new account has it after `cargo install`: nothing but
/// `~/.cargo/bin/kg`, which is on PATH (rustup sees to that).
struct FreshHome {
    dir: TempDir,
    xdg_data: Option<String>,
}

impl FreshHome {
    fn new(tag: &str, xdg_data: bool) -> FreshHome {
        let dir = TempDir::new(tag);
        let bin = dir.path().join(".cargo/bin");
        std::fs::create_dir_all(&bin).expect("~/.cargo/bin");
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_kg"), bin.join("kg")).expect("kg installed");
        let xdg_data = xdg_data.then(|| format!("{}/somewhere/data", dir.str()));
        FreshHome { dir, xdg_data }
    }

    /// Runs `program args` as the new account would: its HOME and PATH, no
    /// other settings (XDG_DATA_HOME when this home has it).
    fn run(&self, program: &str, args: &[&str]) -> String {
        let home = self.dir.str();
        let mut cmd = Command::new(program);
        cmd.args(args)
            .env_clear()
            .env("HOME", home)
            .env("PATH", format!("{home}/.cargo/bin:/usr/local/bin:/usr/bin:/bin"))
            .env("TERM", "xterm")
            .env("LANG", "C.UTF-8")
            .current_dir(home);
        if let Some(d) = &self.xdg_data {
            cmd.env("XDG_DATA_HOME", d);
        }
        let out = cmd.output().unwrap_or_else(|e| panic!("{program} runs: {e}"));
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "{program} {args:?} failed in a fresh home: {}\n{stdout}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    }
}

#[test]
fn the_readme_man_line_works_without_manpath() {
    if !need(runs("man", "--version"), "man") {
        return;
    }
    let lines = readme_install_lines();
    assert!(lines.iter().any(|(_, l)| l.starts_with("cargo install --locked --path .")), "{lines:?}");
    assert!(!lines.iter().any(|(_, l)| l.contains('<')), "no placeholder to fill in: {lines:?}");
    let home = FreshHome::new("readme-man", false);
    home.run("bash", &["-c", install_line(&lines, "sh", "kg man")]);
    let found = home.run("man", &["-w", "kg"]);
    assert!(found.trim().starts_with(home.dir.str()), "man finds the page in the fresh home: {found}");
    let page = home.run("man", &["kg"]);
    assert!(page.contains("EXIT STATUS") || page.contains("E\u{8}EX"), "{page}");
}

#[test]
fn the_readme_bash_line_works_with_and_without_xdg_data_home() {
    let loader = Path::new("/usr/share/bash-completion/bash_completion");
    if !need(runs("bash", "--version") && loader.exists(), "bash with the bash-completion package") {
        return;
    }
    let lines = readme_install_lines();
    for xdg in [false, true] {
        let home = FreshHome::new("readme-bash", xdg);
        home.run("bash", &["-c", install_line(&lines, "sh", "kg completions bash")]);
        // As an interactive bash does on the first Tab after `kg `.
        let program = format!(
            "source {}; if declare -F _comp_load >/dev/null; then _comp_load kg; else __load_completion kg; fi; complete -p kg",
            loader.display()
        );
        let loaded = home.run("bash", &["-c", &program]);
        assert!(loaded.contains("-F _kg"), "bash-completion loads it (XDG_DATA_HOME set: {xdg}): {loaded}");
    }
}

#[test]
fn the_readme_zsh_line_works_in_a_fresh_home() {
    if !need(runs("zsh", "--version"), "zsh") {
        return;
    }
    let lines = readme_install_lines();
    let home = FreshHome::new("readme-zsh", false);
    home.run("zsh", &["-f", "-c", install_line(&lines, "sh", "kg completions zsh")]);
    let capture = home.dir.write("capture.zsh", ZSH_CAPTURE);
    let out = home.run("zsh", &["-f", capture.to_str().expect("UTF-8"), "-", "kg show ice-p", "kg sh"]);
    assert!(out.contains("HIT:ice-pack"), "zsh completes node ids from ~/.zshrc's set-up: {out}");
    assert!(out.contains("HIT:show"), "{out}");
}

#[test]
fn the_readme_fish_line_works_in_a_fresh_home() {
    if !need(runs("fish", "--version"), "fish") {
        return;
    }
    let lines = readme_install_lines();
    let home = FreshHome::new("readme-fish", false);
    home.run("fish", &["-c", install_line(&lines, "fish", "kg completions fish")]);
    let offered = home.run("fish", &["-c", "complete -C 'kg show ice-p'"]);
    assert!(offered.starts_with("ice-pack\t"), "{offered}");
}

#[test]
fn the_readme_elvish_line_works_in_a_fresh_home() {
    if !need(runs("elvish", "-version"), "elvish") {
        return;
    }
    let lines = readme_install_lines();
    let home = FreshHome::new("readme-elvish", false);
    home.run("elvish", &["-norc", "-c", install_line(&lines, "elvish", "kg completions elvish")]);
    // Its rc file is read by an interactive elvish.
    let mut cmd = Command::new("elvish");
    cmd.env_clear()
        .env("HOME", home.dir.str())
        .env("TERM", "xterm")
        .env("PATH", format!("{}/.cargo/bin:/usr/bin:/bin", home.dir.str()));
    let out = elvish_candidates(cmd, "", "kg ''");
    assert!(out.contains("CAND:show"), "the rc file set the completer up: {out}");
}

#[test]
fn the_readme_powershell_line_makes_its_directory() {
    // PowerShell is not in Debian, so the line is read, not run: it must
    // make the profile's directory before writing into it.
    let lines = readme_install_lines();
    let line = install_line(&lines, "powershell", "kg completions powershell");
    let make = line.find("New-Item -ItemType Directory -Force (Split-Path $PROFILE)").expect("makes the directory");
    assert!(make < line.find(">> $PROFILE").expect("writes the profile"), "{line}");
}
