//! The REPL in a real pseudo-terminal: the banner and prompt, a question
//! answered, Tab completing a node name (one name for a node's forms, the
//! commands on an empty line), Ctrl-C clearing a line, an error that leaves
//! the session going, a `...> ` continuation line, Ctrl-D leaving with
//! status 0, history recalled with the Up arrow after a restart, colour as
//! TERM, NO_COLOR and CLICOLOR_FORCE say, and a pager for tall output.

mod common;

use std::process::Command;

use common::TempDir;
use rexpect::session::{PtySession, spawn_command};

const TIMEOUT_MS: u64 = 15_000;
const UP: &str = "\x1b[A";

fn start(state: &TempDir) -> PtySession {
    start_with(state, &[("NO_COLOR", "1"), ("TERM", "xterm")])
}

/// The REPL with these variables set (and no colour or pager variables
/// from the caller's environment), on a screen tall enough that nothing is
/// paged.
fn start_with(state: &TempDir, env: &[(&str, &str)]) -> PtySession {
    start_sized(state, env, (160, 200))
}

/// The REPL on a terminal of `(columns, rows)`.
fn start_sized(state: &TempDir, env: &[(&str, &str)], (cols, rows): (u16, u16)) -> PtySession {
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(format!("stty cols {cols} rows {rows} && exec \"$0\"")).arg(env!("CARGO_BIN_EXE_kg"));
    cmd.env_remove("KG_GRAPH")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("PAGER")
        .env_remove("KG_PAGER")
        .env("HOME", &state.0)
        .env("XDG_STATE_HOME", state.0.join("state"))
        .env("KG_NO_CACHE", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).expect("kg starts in a pty");
    let banner = p.exp_string("kg> ").expect("prompt");
    assert!(banner.split_whitespace().collect::<Vec<_>>().join(" ").contains("not medical advice"), "{banner:?}");
    p
}

/// Ctrl-D on an empty line, then the exit status.
fn quit(mut p: PtySession) -> String {
    p.send_control('d').expect("send Ctrl-D");
    p.exp_eof().expect("kg ends on Ctrl-D");
    format!("{:?}", p.process().wait().expect("exit status"))
}

#[test]
fn a_question_is_answered_and_ctrl_d_exits_zero() {
    let dir = TempDir::new("repl-basic");
    let mut p = start(&dir);
    p.send_line("what treats muscle spasm").unwrap();
    p.exp_string("ice pack").expect("an answer from the graph");
    p.exp_string("kg> ").unwrap();
    let status = quit(p);
    assert!(status.contains("Exited") && status.ends_with(", 0)"), "{status}");
}

#[test]
fn tab_completes_a_node_name() {
    let dir = TempDir::new("repl-tab");
    let mut p = start(&dir);
    p.send("show acetam").unwrap();
    p.send("\t").unwrap();
    p.flush().unwrap();
    p.exp_string("inophen").expect("Tab completes `acetaminophen`");
    p.send_line("").unwrap();
    p.exp_string("(medication").expect("show prints the completed node");
    p.exp_string("kg> ").unwrap();
    quit(p);
}

#[test]
fn ctrl_c_clears_the_line_and_errors_keep_the_session() {
    let dir = TempDir::new("repl-ctrl-c");
    let mut p = start(&dir);
    p.send("show nothing-like-this").unwrap();
    p.flush().unwrap();
    p.send_control('c').unwrap();
    p.exp_string("kg> ").expect("a fresh prompt after Ctrl-C");
    p.send_line("show unicorn horn").unwrap();
    p.exp_string("nothing in the graph is called `unicorn horn`")
        .expect("only the new line ran: Ctrl-C dropped the old one");
    p.exp_string("kg> ").expect("the session goes on after an error");
    p.send_line("list red_flag").unwrap();
    p.exp_string("pain lasting over two weeks").expect("the next line works");
    p.exp_string("kg> ").unwrap();
    let status = quit(p);
    assert!(status.ends_with(", 0)"), "{status}");
}

#[test]
fn an_open_quote_continues_on_the_next_line_after_a_prompt() {
    let dir = TempDir::new("repl-continue");
    let mut p = start(&dir);
    p.send_line("query ?t relieves \"back").unwrap();
    p.exp_string("...> ").expect("a continuation prompt");
    p.send_line("muscle spasm\"").unwrap();
    p.exp_string("ice pack").expect("the two lines are one query");
    p.exp_string("kg> ").unwrap();
    // Lines typed ahead are kept, not lost between the two prompts.
    p.send_line("?t relieves \"back").unwrap();
    p.send_line("muscle spasm\"").unwrap();
    p.exp_string("ice pack").expect("typed ahead, still one query");
    p.exp_string("kg> ").unwrap();
    quit(p);
}

#[test]
fn tab_completes_the_forms_of_one_node_as_its_name() {
    let dir = TempDir::new("repl-tab-forms");
    let mut p = start(&dir);
    // "pain reli" starts "pain relievers" and its alias "pain relief", and
    // "pain relievers without a prescription": two nodes, so two names.
    p.send("show pain reli").unwrap();
    p.send("\t").unwrap();
    p.flush().unwrap();
    p.exp_string("evers").expect("Tab completes what the two names share, not what the three forms share");
    p.send("\t").unwrap();
    p.flush().unwrap();
    let listed = p.exp_string("without a prescription").expect("the second Tab lists the names");
    assert!(!listed.contains("pain relief "), "an alias is not listed beside its name: {listed:?}");
    p.send_line("").unwrap();
    p.exp_string("(medication, id pain-relievers)").expect("the completed name shows the node");
    p.exp_string("kg> ").unwrap();
    quit(p);
}

#[test]
fn tab_on_an_empty_line_lists_the_commands() {
    let dir = TempDir::new("repl-tab-empty");
    let mut p = start(&dir);
    p.send("\t\t").unwrap();
    p.flush().unwrap();
    let listed = p.exp_string(":history").expect("the commands are listed");
    assert!(listed.contains("stats") && listed.contains(":format"), "{listed:?}");
    p.send_line("stats").unwrap();
    p.exp_string("nodes by kind").expect("the line is still empty, ready for a command");
    p.exp_string("kg> ").unwrap();
    quit(p);
}

/// What the REPL prints for a question, up to the next prompt.
fn answer_in(env: &[(&str, &str)], tag: &str) -> String {
    let dir = TempDir::new(tag);
    let mut p = start_with(&dir, env);
    p.send_line("what treats muscle spasm").unwrap();
    p.exp_string("back muscle spasm").unwrap();
    let shown = p.exp_string("kg> ").expect("the prompt after the answer");
    quit(p);
    shown
}

#[test]
fn output_taller_than_the_screen_goes_through_the_pager() {
    let dir = TempDir::new("repl-pager");
    let pager = [("NO_COLOR", "1"), ("TERM", "xterm"), ("PAGER", "sed s/^/paged:/")];
    let mut p = start_sized(&dir, &pager, (120, 20));
    p.send_line("list specialist").unwrap();
    let short = p.exp_string("chiropractor").expect("a short answer");
    assert!(!short.contains("paged:"), "fits the screen, not paged: {short:?}");
    p.send_line(":help").unwrap();
    let tall = p.exp_string("not medical advice.").expect("the help");
    assert!(tall.contains("paged:Questions:"), "taller than 20 rows, paged: {tall:?}");
    p.exp_string("kg> ").unwrap();
    quit(p);
    let mut p = start_sized(&dir, &pager, (120, 200));
    p.send_line(":help").unwrap();
    let fits = p.exp_string("not medical advice.").expect("the help");
    assert!(fits.contains("Questions:") && !fits.contains("paged:"), "fits 200 rows: {fits:?}");
    p.exp_string("kg> ").unwrap();
    quit(p);
}

/// Ctrl-C while the pager runs is the pager's: it must not end the REPL.
#[test]
fn ctrl_c_in_the_pager_leaves_the_session_going() {
    let dir = TempDir::new("repl-pager-ctrl-c");
    // A pager that waits: Ctrl-C ends it, and only it.
    let mut p = start_sized(&dir, &[("NO_COLOR", "1"), ("TERM", "xterm"), ("PAGER", "sleep 30")], (120, 20));
    p.send_line(":help").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c').unwrap();
    p.exp_string("kg> ").expect("the prompt comes back after the pager");
    p.send_line("list specialist").unwrap();
    p.exp_string("chiropractor").expect("and the session goes on");
    p.exp_string("kg> ").unwrap();
    let status = quit(p);
    assert!(status.ends_with(", 0)"), "{status}");
}

/// Regression (issue 13): at 80 columns the banner broke mid-word.
#[test]
fn the_banner_wraps_at_words_on_a_narrow_terminal() {
    let dir = TempDir::new("repl-narrow");
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg("stty cols 50 rows 100 && exec \"$0\"").arg(env!("CARGO_BIN_EXE_kg"));
    cmd.env_remove("KG_GRAPH").env("HOME", &dir.0).env("NO_COLOR", "1").env("TERM", "xterm").env("KG_NO_CACHE", "1");
    let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).expect("kg starts in a pty");
    let banner = common::from_pty(p.exp_string("Ctrl-D to quit.").expect("the banner"));
    let lines: Vec<&str> = banner.split("\r\n").collect();
    assert!(lines.len() > 4, "{banner:?}");
    for l in &lines {
        assert!(l.chars().count() <= 50, "wider than the terminal: {l:?}");
    }
    let words = ["Answers", "report", "what", "one", "article", "claims;", "they", "are", "not", "medical", "advice."];
    let shown: Vec<&str> = banner.split_whitespace().collect();
    assert!(shown.windows(words.len()).any(|w| w == words), "every word whole: {banner:?}");
    p.exp_string("kg> ").unwrap();
    quit(p);
}

#[test]
fn colour_follows_term_no_color_and_clicolor_force() {
    // Kind colours (green for treatments) come only from the answer, not from the line editor.
    let green = "\x1b[32m";
    assert!(answer_in(&[("TERM", "xterm")], "repl-colour").contains(green), "a colour terminal is coloured");
    let dumb = answer_in(&[("TERM", "dumb")], "repl-dumb");
    assert!(!dumb.contains(green) && !dumb.contains("\x1b[1m"), "TERM=dumb gets no colour: {dumb:?}");
    let forced = answer_in(&[("TERM", "dumb"), ("CLICOLOR_FORCE", "1")], "repl-force");
    assert!(forced.contains(green), "CLICOLOR_FORCE colours even a dumb terminal");
    let none = answer_in(&[("TERM", "xterm"), ("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")], "repl-no-color");
    assert!(!none.contains(green), "NO_COLOR wins");
}

#[test]
fn history_is_recalled_with_up_after_a_restart() {
    let dir = TempDir::new("repl-history");
    let mut p = start(&dir);
    p.send_line("list specialist").unwrap();
    p.exp_string("chiropractor").unwrap();
    p.exp_string("kg> ").unwrap();
    quit(p);
    let saved = std::fs::read_to_string(dir.0.join("state/kg/history")).expect("history in $XDG_STATE_HOME/kg");
    assert!(saved.contains("list specialist"), "{saved}");

    let mut p = start(&dir);
    p.send(UP).unwrap();
    p.flush().unwrap();
    p.exp_string("list specialist").expect("Up recalls the last line of the earlier session");
    p.send_line("").unwrap();
    p.exp_string("chiropractor").expect("and it runs again");
    p.exp_string("kg> ").unwrap();
    quit(p);
}

#[test]
fn an_unwritable_history_warns_once_and_the_session_goes_on() {
    let dir = TempDir::new("repl-no-history");
    // A file where the state directory should be: nothing can be created under it.
    std::fs::write(dir.0.join("state"), "not a directory").unwrap();
    let mut p = start(&dir);
    p.send_line("list specialist").unwrap();
    p.exp_string("history will not be kept").expect("one warning");
    p.exp_string("chiropractor").expect("the answer still comes");
    p.send_line("list red_flag").unwrap();
    let (between, _) = p.exp_regex("pain lasting over two weeks").unwrap();
    assert!(!between.contains("history will not be kept"), "warned only once: {between}");
    quit(p);
}

#[test]
fn help_and_quit_work_without_the_colon() {
    let dir = TempDir::new("repl-words");
    let mut p = start(&dir);
    p.send_line("help").unwrap();
    p.exp_string(":quit").expect("help lists the REPL commands");
    p.exp_string("kg> ").unwrap();
    p.send_line("exit").unwrap();
    p.exp_eof().expect("exit leaves");
    let status = format!("{:?}", p.process().wait().expect("exit status"));
    assert!(status.ends_with(", 0)"), "{status}");
}

/// Issue 22: `show "ice<Tab>` completed nothing; after `:format` Tab offered
/// node names.
#[test]
fn tab_completes_inside_an_open_quote_and_the_arguments_of_colon_commands() {
    let dir = TempDir::new("repl-tab-quote");
    let mut p = start(&dir);
    p.send("show \"acetam").unwrap();
    p.send("\t").unwrap();
    p.flush().unwrap();
    p.exp_string("inophen\"").expect("the name completes and the quote closes");
    p.send_line("").unwrap();
    p.exp_string("(medication").expect("show prints the completed node");
    p.exp_string("kg> ").unwrap();
    p.send(":format ts").unwrap();
    p.send("\t").unwrap();
    p.flush().unwrap();
    p.exp_string("v").expect("a format completes");
    p.send_line("").unwrap();
    p.exp_string("format: tsv").unwrap();
    p.exp_string("kg> ").unwrap();
    quit(p);
}

/// Issue 22: `hepl`, `exti`, `qiut` got no suggestion, and `lsit medication`
/// ran as a question.
#[test]
fn a_mistyped_command_gets_a_did_you_mean_and_the_session_goes_on() {
    let dir = TempDir::new("repl-near-miss");
    let mut p = start(&dir);
    for (line, meant) in [("hepl", "help"), ("qiut", "quit"), ("lsit medication", "list medication")] {
        p.send_line(line).unwrap();
        p.exp_string(&format!("did you mean `{meant}`?")).unwrap_or_else(|e| panic!("{line}: {e}"));
        p.exp_string("kg> ").unwrap();
    }
    p.send_line("list medication").unwrap();
    p.exp_string("acetaminophen").expect("the command itself runs");
    p.exp_string("kg> ").unwrap();
    let status = quit(p);
    assert!(status.ends_with(", 0)"), "{status}");
}
