//! Yes/no verdicts: one verdict however a question is put, and the classes
//! of issue 18 each as a case (conditions used, warnings on relatives, the
//! article's voice, denials in other words, going without, safety with no
//! context).

use kg::answer::Reply;
use kg::ask::{Outcome, ask};
use kg::graph::Graph;

fn graph() -> Graph {
    kg::bundled::graph().expect("the bundled graph opens")
}

/// The verdict and its text, for a question read as one yes/no answer.
fn verdict(g: &Graph, q: &str) -> (Option<Reply>, String) {
    match ask(g, q).map(|a| a.outcome) {
        Ok(Outcome::Answer(a)) => a.verdict.map_or((None, String::new()), |v| (v.reply, v.text)),
        Ok(other) => panic!("{q:?}: not a yes/no answer: {other:?}"),
        Err(d) => panic!("{q:?}: {}", d.message),
    }
}

/// "can I", "should I", "is it ok to", "is it safe to", "is it a good idea
/// to" ask the same thing: each act, at each time, gets one verdict.
#[test]
fn the_paraphrase_matrix_gives_one_verdict() {
    let g = graph();
    const PHRASINGS: &[&str] = &["can I", "should I", "is it ok to", "is it safe to", "is it a good idea to", "may I"];
    const ACTS: &[&str] = &[
        "use ice",
        "use an ice pack",
        "use heat",
        "take a hot bath",
        "take acetaminophen",
        "take tramadol",
        "do strength training",
        "do squats",
        "stretch",
        "put ice directly on my skin",
        "fall asleep with a heat pad on",
        "drink alcohol while on muscle relaxants",
        "do deadlifts while taking diazepam",
        "wait for it to go away by itself",
    ];
    const TIMES: &[&str] = &["", " on day 1", " on day 5", " after a week", " for 2 hours", " for 10 minutes"];
    let mut disagree = Vec::new();
    let mut asked = 0;
    for act in ACTS {
        for time in TIMES {
            let replies: Vec<(String, Option<Reply>)> = PHRASINGS
                .iter()
                .map(|p| {
                    let q = format!("{p} {act}{time}");
                    asked += 1;
                    let reply = match ask(&g, &q).map(|a| a.outcome) {
                        Ok(Outcome::Answer(a)) => a.verdict.and_then(|v| v.reply),
                        _ => None,
                    };
                    (q, reply)
                })
                .collect();
            if replies.iter().any(|(_, r)| *r != replies[0].1) {
                disagree.push(replies);
            }
        }
    }
    assert!(asked >= 400, "{asked}");
    assert!(disagree.is_empty(), "phrasings that flip a verdict: {disagree:#?}");
}

/// A condition the article puts on a claim decides the verdict: printed and
/// used, or "it depends" with each branch named.
#[test]
fn conditions_decide_the_verdict() {
    let g = graph();
    for (q, want) in [
        ("can I use ice for 2 hours", Reply::No),
        ("is it ok to use ice for 2 hours", Reply::No),
        ("can I use ice for 10 minutes on day 1", Reply::Yes),
        ("can I use heat on day 2", Reply::No),
        ("can I use heat on day 5", Reply::Yes),
        ("can I use heat", Reply::Depends),
        ("can I stretch during a spasm", Reply::Depends),
        ("can I stretch once the spasm has eased a little", Reply::Yes),
        ("can I stretch when it is at its worst", Reply::No),
        ("can ice cause frostbite", Reply::Depends),
        ("can ice cause frostbite if I keep it on for 10 minutes with a towel", Reply::No),
        ("should I keep treating it myself after three weeks", Reply::No),
        ("heat day 2?", Reply::No),
    ] {
        let (reply, text) = verdict(&g, q);
        assert_eq!(reply, Some(want), "{q}: {text}");
        if want == Reply::Depends {
            assert!(text.starts_with("It depends: ") && text.contains("yes "), "{q}: {text}");
        }
    }
    // Each branch of frostbite is named.
    let (_, text) = verdict(&g, "can ice cause frostbite");
    for branch in ["directly on the skin", "more than twenty minutes", "asleep", "20 minutes"] {
        assert!(text.contains(branch), "{branch}: {text}");
    }
}

/// A member inherits its class's warnings; a phase-tied warning counts in
/// its phase; a class asked about shows what the article says of members.
#[test]
fn warnings_on_relatives_count() {
    let g = graph();
    for (q, want) in [
        ("can I put frozen peas directly on my skin", Reply::No),
        ("can I do squats on day 1", Reply::No),
        ("can I do deadlifts while on diazepam", Reply::No),
        ("is it ok to have a beer with my flexeril", Reply::No),
        ("are painkillers safe", Reply::Depends),
    ] {
        let (reply, text) = verdict(&g, q);
        assert_eq!(reply, Some(want), "{q}: {text}");
    }
    let (_, text) = verdict(&g, "are painkillers safe");
    assert!(text.contains("for opiates") && text.contains("for acetaminophen"), "{text}");
}

/// A class claim is the article's claim about the class, never about a
/// member it does not name.
#[test]
fn class_claims_keep_the_articles_voice() {
    let g = graph();
    for (q, class, member) in [
        ("is diazepam good for back spasm", "muscle relaxants relieve back muscle spasm", "Diazepam"),
        ("can I take tramadol for my back spasm", "opiates and strong painkillers can lead to", "Tramadol"),
    ] {
        let (_, text) = verdict(&g, q);
        assert!(text.contains(class), "{q}: {text}");
        assert!(text.contains(&format!("{member} is one of the")), "{q}: {text}");
        assert!(text.contains("the article does not name it"), "{q}: {text}");
        let lower = member.to_lowercase();
        assert!(!text.contains(&format!("says {lower}")), "{q}: the claim is put on the member: {text}");
    }
}

/// What the article denies answers every way of asking it; going without
/// something is weighed against what the article says to do.
#[test]
fn denials_and_going_without() {
    let g = graph();
    for (q, want) in [
        ("does acetaminophen stop working over time", Reply::No),
        ("will acetaminophen lose its effect", Reply::No),
        ("is acetaminophen addictive", Reply::No),
        ("will the spasm go away if I just leave it", Reply::No),
        ("can I skip the warm-up", Reply::No),
        ("is it ok to stretch without warming up first", Reply::No),
        ("can I use ice without a towel", Reply::No),
        ("could I use heat instead of ice on the first day", Reply::No),
    ] {
        let (reply, text) = verdict(&g, q);
        assert_eq!(reply, Some(want), "{q}: {text}");
    }
}

/// "Is X safe?" with no context answers from X's harms and warnings, never
/// "yes, no warning".
#[test]
fn safety_with_no_context_weighs_harms() {
    let g = graph();
    for (q, want) in [
        ("are opiates safe", Reply::No),
        ("is acetaminophen safe", Reply::Yes),
        ("is ice safe", Reply::Depends),
        ("are muscle relaxants safe", Reply::Depends),
        ("are opiates dangerous", Reply::Yes),
    ] {
        let (reply, text) = verdict(&g, q);
        assert_eq!(reply, Some(want), "{q}: {text}");
        assert!(!text.contains("no warning"), "{q}: {text}");
    }
}
