//! The REPL in a real pseudo-terminal: the banner and prompt, a question
//! answered, Tab completing a node name, Ctrl-C clearing a line, an error
//! that leaves the session going, a continuation line, Ctrl-D leaving with
//! status 0, and history recalled with the Up arrow after a restart.

mod common;

use std::process::Command;

use common::TempDir;
use rexpect::session::{PtySession, spawn_command};

const TIMEOUT_MS: u64 = 15_000;
const UP: &str = "\x1b[A";

fn start(state: &TempDir) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kg"));
    cmd.env_remove("KG_GRAPH")
        .env("HOME", &state.0)
        .env("XDG_STATE_HOME", state.0.join("state"))
        .env("KG_NO_CACHE", "1")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).expect("kg starts in a pty");
    p.exp_string("not medical advice").expect("banner says what answers are");
    p.exp_string("kg> ").expect("prompt");
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
fn an_open_quote_continues_on_the_next_line() {
    let dir = TempDir::new("repl-continue");
    let mut p = start(&dir);
    p.send_line("query ?t relieves \"back").unwrap();
    p.send_line("muscle spasm\"").unwrap();
    p.exp_string("ice pack").expect("the two lines are one query");
    p.exp_string("kg> ").unwrap();
    quit(p);
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
