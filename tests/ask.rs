//! Question families, each in several phrasings, checked against what the
//! article says; and every template's own example, taken from the table.

use kg::answer::{Answer, Reply};
use kg::ask::templates::{Action, TEMPLATES};
use kg::ask::{Outcome, Reading};
use kg::graph::Graph;

fn graph() -> Graph {
    Graph::new(kg::bundled::data().expect("bundled graph decodes"))
}

/// The outcome and the (first) reading of a question.
fn ask(g: &Graph, q: &str) -> Result<(Outcome, Reading), kg::diag::Diagnostic> {
    let asked = kg::ask::ask(g, q)?;
    match asked.readings.into_iter().next() {
        Some(r) => Ok((asked.outcome, r)),
        None => Err(kg::diag::Diagnostic::error(format!("no reading: {:?}", asked.outcome))),
    }
}

fn answer(g: &Graph, q: &str) -> Answer {
    match ask(g, q) {
        Ok((Outcome::Answer(a), _)) => a,
        Ok((other, r)) => panic!("{q:?}: expected answers, got {other:?} via {}", r.template.name),
        Err(d) => panic!("{q:?}: {}", d.message),
    }
}

/// The two ends of the connection an outcome shows (a path, causal
/// chains, or a path among several parts).
fn connection(o: &Outcome) -> Option<(kg::graph::Ix, kg::graph::Ix)> {
    match o {
        Outcome::Path(a, b) | Outcome::Chains(a, b, _) => Some((*a, *b)),
        Outcome::Several(parts) => parts.iter().find_map(connection),
        _ => None,
    }
}

fn ids(g: &Graph, a: &Answer) -> Vec<String> {
    a.items.iter().map(|i| g.node(i.values[0]).id.to_string()).collect()
}

/// Each phrasing must be read by `template` and its answers include every id
/// in `must` and none in `must_not`.
fn family(template: &str, phrasings: &[&str], must: &[&str], must_not: &[&str]) {
    let g = graph();
    for q in phrasings {
        let a = answer(&g, q);
        assert!(
            template.split('|').any(|t| a.template == Some(t)),
            "{q:?} was read as {:?}, wanted {template}",
            a.template
        );
        let got = ids(&g, &a);
        for id in must {
            assert!(got.iter().any(|x| x == id), "{q:?}: wants {id} in {got:?}");
        }
        for id in must_not {
            assert!(!got.iter().any(|x| x == id), "{q:?}: does not want {id} in {got:?}");
        }
    }
}

#[test]
fn treatments() {
    family(
        "treatments",
        &[
            "what treats muscle spasm",
            "What treats back spasms?",
            "how do I get rid of a back spasm",
            "what helps with cramps",
            "remedies for back muscle spasms",
            "How can I relieve muscle spasm in the back?",
            "treatment for spasm of the back muscles",
            "what can I take for a muscle spasm",
        ],
        &["ice-pack", "heat-therapy", "muscle-relaxants", "acupuncture"],
        &[],
    );
}

#[test]
fn home_care_is_what_a_person_can_do_themselves() {
    family(
        "home|class-treatments",
        &[
            "how can I treat a back spasm at home",
            "how do I get rid of a back spasm at home",
            "home remedies for cramps",
            "what can I do myself",
        ],
        &["ice-pack", "heat-therapy", "stretching", "finger-pressure"],
        &["surgery", "muscle-relaxants", "acupuncture"],
    );
}

#[test]
fn treatment_answers_carry_timing_and_warnings() {
    let g = graph();
    let a = answer(&g, "what treats muscle spasm");
    let item = |id: &str| a.items.iter().find(|i| g.node(i.values[0]).id == id).unwrap_or_else(|| panic!("{id}"));
    let ice = item("ice-pack");
    let window = ice.support.iter().find_map(|&e| g.edge(e).when.clone()).expect("ice has a timing window");
    assert_eq!((window.from_day, window.to_day), (Some(0), Some(3)));
    let relaxants = item("muscle-relaxants");
    let avoided: Vec<&str> = relaxants.warnings.iter().map(|w| g.node(w.node).id).collect();
    assert!(avoided.contains(&"strength-training"), "{avoided:?}");
    assert!(avoided.contains(&"drinking-alcohol"), "class-level warning reaches the member: {avoided:?}");
}

#[test]
fn avoid_while_follows_is_a() {
    family(
        "avoid",
        &[
            "what must I avoid while on muscle relaxants",
            "what should I not do while taking muscle relaxers",
            "what to avoid when using muscle relaxants",
            "contraindications of muscle relaxants",
            "What shouldn't I do while I'm on muscle relaxants?",
        ],
        &["strength-training", "drinking-alcohol"],
        &[],
    );
    family("avoid", &["what should I avoid while taking acetaminophen"], &["drinking-alcohol"], &["strength-training"]);
}

#[test]
fn can_i_questions_give_a_verdict() {
    let g = graph();
    let a = answer(&g, "can I drink alcohol while taking muscle relaxants");
    assert_eq!(a.template, Some("can-i"));
    assert!(!a.is_empty(), "the article warns against it");
    let v = a.verdict.as_ref().expect("a verdict");
    assert_eq!(v.reply, Some(Reply::No), "can I: a warning means no");
    assert!(v.text.contains("warns against drinking alcohol"), "{}", v.text);
    let a = answer(&g, "can I use heat therapy while on acetaminophen");
    assert!(a.is_empty(), "no such warning in the article");
}

/// The verdict of a question: yes, no, or none, as JSON would carry it.
fn verdict_of(g: &Graph, q: &str) -> Option<Reply> {
    match ask(g, q) {
        Ok((Outcome::Answer(a), _)) => a.verdict.and_then(|v| v.reply),
        _ => None,
    }
}

#[test]
fn a_verdict_answers_the_question_asked_whatever_its_polarity() {
    let g = graph();
    // "bad" asks the opposite of "good": a yes means the article warns.
    for (q, yes) in [
        // Stretching is given once the spasm has eased a little: whether it
        // is bad turns on that.
        ("is stretching bad for spasms", Some(Reply::Depends)),
        ("is it bad to use heat in the first days", Some(Reply::Yes)),
        ("is it bad to sleep with a heating pad", Some(Reply::Yes)),
        // Heat is for day 3 on, and (implied) not before.
        ("is heat good for back spasm", Some(Reply::Depends)),
        ("does heat make it worse in the first days", Some(Reply::Yes)),
        // The article gives it, but warns against it at the very start and
        // while on relaxants (a worse condition): it depends.
        ("can strength training make it worse", Some(Reply::Depends)),
        // A list answers yes only to whether such things exist.
        ("is a back spasm an emergency", None),
        ("can I eat too many bananas", None),
        ("can you treat a back spasm at home", Some(Reply::Yes)),
        // "bad" about the pain is not the question's polarity.
        ("can I put the ice pack straight onto my skin when the pain is really bad", Some(Reply::No)),
        // A misuse the article warns against, asked with "can I".
        ("can I fall asleep with the heat pad on", Some(Reply::No)),
        // The act's own name says its context ("during sport").
        ("can I drink plain water during sport", Some(Reply::No)),
    ] {
        assert_eq!(verdict_of(&g, q), yes, "{q}");
    }
    // A warning about long use of strong painkillers says nothing of
    // acetaminophen.
    assert_ne!(verdict_of(&g, "can I take acetaminophen for a long time"), Some(Reply::No));
    // "are opiates bad for you": yes, with the harms the article names.
    let a = answer(&g, "are opiates bad for you");
    assert_eq!(a.template, Some("harm-check"));
    assert_eq!(a.verdict.as_ref().and_then(|v| v.reply), Some(Reply::Yes));
    let harms: Vec<&str> = a.items.iter().flat_map(|i| i.support.iter()).map(|&e| g.node(g.ends(e).1).id).collect();
    assert!(harms.contains(&"addiction"), "{harms:?}");
}

#[test]
fn does_x_help_y_is_a_yes_or_no_with_the_chain() {
    let g = graph();
    for (q, reply) in [
        ("is heat good for back spasm", Reply::Depends),
        ("does ice help cramps", Reply::Depends),
        ("can I take acetaminophen for back pain", Reply::Yes),
    ] {
        let a = answer(&g, q);
        assert_eq!(a.template, Some("helps"), "{q}");
        assert!(!a.is_empty(), "{q}: the article says so");
        let v = a.verdict.as_ref().expect("a verdict");
        assert_eq!(v.reply, Some(reply), "{q}: {}", v.text);
    }
    // Through the class: tylenol is a brand of acetaminophen (a lay word), which relieves back pain.
    let a = answer(&g, "can I take tylenol for back pain");
    let support: Vec<&str> = a.items[0].support.iter().map(|&e| g.edge(e).relation.as_str()).collect();
    assert!(support.contains(&"is_a"), "{support:?}");
    for q in ["should I use ice for frostbite", "does alcohol help back spasm"] {
        let a = answer(&g, q);
        assert_eq!(a.template, Some("helps"), "{q}");
        assert!(a.is_empty(), "{q}: the article says no such thing");
    }
}

#[test]
fn an_answer_is_shown_with_its_firmest_chain() {
    use kg::model::Certainty;
    let g = graph();
    // Drinking fluids prevents dehydration (stated) and, by implication, electrolyte loss (hedged):
    // the answer's chain is the stated one.
    let a = answer(&g, "how can I prevent muscle spasms");
    let fluids = a.items.iter().find(|i| g.node(i.values[0]).id == "drinking-fluids").expect("fluids prevent spasm");
    let qualified = fluids.support.iter().filter(|&&e| g.edge(e).certainty != Certainty::Stated).count();
    assert!(qualified <= 1, "{:?}", fluids.support.iter().map(|&e| g.edge(e)).collect::<Vec<_>>());
    assert!(fluids.support.iter().any(|&e| g.node(g.ends(e).1).id == "dehydration"));
}

#[test]
fn who_to_see_and_everything_of_a_kind() {
    family(
        "who",
        &["who should I see", "which specialist should I see", "who should I see about back spasm"],
        &["doctor", "chiropractor"],
        &[],
    );
    family(
        "kinds",
        &["list the home remedies", "show me all home remedies", "what are examples of procedures"],
        &[],
        &[],
    );
    let g = graph();
    let a = answer(&g, "list the home remedies");
    assert!(!a.is_empty());
    assert!(a.items.iter().all(|i| g.node(i.values[0]).kind == kg::model::Kind::HomeRemedy));
    // "treatments" is every kind of treatment.
    let a = answer(&g, "list all treatments");
    let kinds: std::collections::BTreeSet<_> = a.items.iter().map(|i| g.node(i.values[0]).kind).collect();
    assert!(kinds.len() > 3, "{kinds:?}");
    // A word the article does not know: not covered, naming it.
    match kg::ask::ask(&g, "list all unicorns").map(|a| a.outcome) {
        Ok(Outcome::NotCovered(nc)) => assert_eq!(nc.words, ["unicorns"]),
        other => panic!("{other:?}"),
    }
    // With the subject left out, the question is about the article's subject.
    family("causes", &["what are the causes", "list the main causes"], &["emotional-stress"], &[]);
    family("symptoms", &["name the symptoms"], &["aching-pain"], &[]);
    family("early", &["what helps in the first week"], &["ice-pack"], &[]);
}

#[test]
fn yes_or_no_about_sources_and_why_not() {
    let g = graph();
    let a = answer(&g, "are bananas a source of potassium");
    assert_eq!(a.template, Some("source-of"));
    assert!(!a.is_empty());
    let a = answer(&g, "are bananas a source of calcium");
    assert!(a.is_empty(), "the article pairs bananas with potassium only");
    family(
        "risks",
        &["why should I not sleep with a compress", "why not fall asleep with a compress"],
        &["burns", "frostbite", "nerve-ending-damage"],
        &[],
    );
    family("treatments", &["what gets rid of back spasms", "what gets rid of cramps fast"], &["ice-pack"], &[]);
    match ask(&g, "how are potassium and spasms related") {
        Ok((Outcome::Path(a, b), _)) => {
            assert_eq!((g.node(a).id, g.node(b).id), ("potassium", "back-muscle-spasm"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_warning_exercises_only_and_how_to() {
    let g = graph();
    let a = answer(&g, "what are the warnings");
    assert_eq!(a.template, Some("warnings"));
    let pairs: Vec<(String, String)> =
        a.items.iter().map(|i| (g.node(i.values[0]).id.to_string(), g.node(i.values[1]).id.to_string())).collect();
    assert!(pairs.contains(&("strength-training".into(), "muscle-relaxants".into())), "{pairs:?}");
    assert!(pairs.contains(&("ice-on-bare-skin".into(), "ice-pack".into())), "{pairs:?}");
    family(
        "exercises",
        &["what exercises help back spasms", "which stretches help with cramps"],
        &["stretching", "strength-training"],
        &["ice-pack", "muscle-relaxants"],
    );
    for q in ["how do I stretch for back spasm", "how do I use an ice pack"] {
        assert!(matches!(ask(&g, q), Ok((Outcome::Show(_), _))), "{q}");
    }
}

#[test]
fn medications_only() {
    family(
        "medications|class-treatments",
        &[
            "what drugs treat back spasm",
            "which drugs help with back spasm",
            "what medication helps",
            "pills for cramps",
        ],
        &["muscle-relaxants", "acetaminophen"],
        &["ice-pack", "acupuncture", "heat-therapy"],
    );
}

#[test]
fn a_closer_reading_beats_a_name_found_inside_a_phrase() {
    let g = graph();
    // "... medication" also fits the wording "{x} medication" with x = "why avoid alcohol while on",
    // which only a name inside the phrase would fill; the why-wording reads both names exactly.
    for q in ["why avoid alcohol while on medication", "why is alcohol bad with medication"] {
        let (outcome, r) = ask(&g, q).unwrap_or_else(|d| panic!("{q}: {}", d.message));
        let (a, b) = connection(&outcome).unwrap_or_else(|| panic!("{q}: {outcome:?}"));
        assert_eq!((g.node(a).id, g.node(b).id), ("drinking-alcohol", "medication"), "{q}");
        assert!(r.notes.is_empty(), "{q}: {:?}", r.notes);
    }
    let (outcome, _) = ask(&g, "how does dehydration cause spasms").expect("read");
    assert_eq!(connection(&outcome).map(|(a, _)| g.node(a).id), Some("dehydration"), "{outcome:?}");
    // A place where the spasm is felt stands for the spasm there.
    let a = answer(&g, "what helps my back");
    assert_eq!(a.template, Some("treatments"));
    assert!(ids(&g, &a).contains(&"ice-pack".to_string()));
    // A question with its subject left out is about the article's subject.
    let a = answer(&g, "what are the symptoms");
    assert_eq!(a.template, Some("symptoms"));
    assert!(ids(&g, &a).contains(&"aching-pain".to_string()));
}

#[test]
fn risks_and_effects() {
    family("risks", &["what are the side effects of opiates", "risks of strong painkillers"], &["liver-damage"], &[]);
    family("risks", &["what are the dangers of an ice pack"], &["frostbite"], &[]);
    // Asked yes or no, the same harms decide a verdict.
    let g = graph();
    for (q, reply, harm) in
        [("are opiates dangerous", Reply::Yes, "liver-damage"), ("can ice packs hurt me", Reply::Depends, "frostbite")]
    {
        let a = answer(&g, q);
        assert_eq!(a.template, Some("harm-check"), "{q}");
        assert_eq!(a.verdict.as_ref().and_then(|v| v.reply), Some(reply), "{q}");
        let ends: Vec<&str> = a.items.iter().flat_map(|i| i.support.iter()).map(|&e| g.node(g.ends(e).1).id).collect();
        assert!(ends.contains(&harm), "{q}: {ends:?}");
    }
    family(
        "effects",
        &[
            "what can a back spasm lead to",
            "what happens if I leave a muscle spasm untreated",
            "consequences of back spasm",
        ],
        &["spinal-curve-deformation", "poor-circulation"],
        &[],
    );
}

#[test]
fn causes() {
    family(
        "causes",
        &[
            "what causes back spasms",
            "why do I get muscle spasms",
            "causes of back spasm",
            "what are the main causes of muscle cramps",
        ],
        &["emotional-stress", "calcium-deficiency", "carrying-bag-one-shoulder"],
        &["ice-pack"],
    );
}

#[test]
fn symptoms_and_where_felt() {
    family(
        "symptoms",
        &["what are the symptoms of a back spasm", "how do I know if I have a back spasm", "signs of muscle spasm"],
        &["aching-pain"],
        &[],
    );
    family(
        "where",
        &["where is a back spasm felt", "which muscles does back spasm affect"],
        &["trapezius", "shoulder"],
        &[],
    );
}

#[test]
fn prevention() {
    family(
        "prevent",
        &["how can I prevent muscle spasms", "how to prevent back spasms from coming back", "what prevents cramps"],
        &["strength-training"],
        &[],
    );
}

#[test]
fn when_to_see_a_doctor() {
    family(
        "doctor",
        &[
            "when should I see a doctor",
            "do I need to see a doctor for back spasm",
            "red flags",
            "When is it time to see a specialist?",
        ],
        &["spasm-with-numbness"],
        &[],
    );
}

#[test]
fn foods_for_a_nutrient() {
    family(
        "foods",
        &["which foods contain calcium", "sources of calcium", "what is rich in calcium", "where can I get calcium"],
        &["milk"],
        &[],
    );
}

#[test]
fn timing_windows() {
    family(
        "early",
        &[
            "what helps in the first 2 days",
            "what helps in the first two days",
            "what can I do in the first day",
            "what helps right away",
        ],
        &["ice-pack"],
        &["heat-therapy"],
    );
    family(
        "early",
        &["what helps after 3 days", "what helps after the first three days"],
        &["heat-therapy"],
        &["ice-pack"],
    );
}

#[test]
fn describe_and_connections() {
    let g = graph();
    for q in ["tell me about ice packs", "ice pack", "explain muscle relaxants", "what is acetaminophen"] {
        assert!(matches!(ask(&g, q), Ok((Outcome::Show(_), _))), "{q}");
    }
    // The article names acupuncture but never says what it is: "what is it"
    // shows what it does say, as not covered.
    assert!(matches!(ask(&g, "what is acupuncture"), Ok((Outcome::Undescribed(_), _))));
    for q in ["how is emotional stress related to back spasm", "why avoid strength training while on muscle relaxants"]
    {
        let (outcome, _) = ask(&g, q).unwrap_or_else(|d| panic!("{q}: {}", d.message));
        let (a, b) = connection(&outcome).unwrap_or_else(|| panic!("{q}: {outcome:?}"));
        assert!(!kg::path::shortest(&g, a, b, 3).is_empty(), "{q}");
    }
}

#[test]
fn every_template_example_is_answered_by_its_template() {
    let g = graph();
    for t in TEMPLATES {
        let (outcome, reading) = ask(&g, t.example).unwrap_or_else(|d| panic!("{}: {}", t.example, d.message));
        assert_eq!(reading.template.name, t.name, "example {:?}", t.example);
        match (t.action, outcome) {
            (Action::Query, Outcome::Answer(a)) => assert!(!a.is_empty(), "{:?} has no answer", t.example),
            (Action::Check(_), Outcome::Answer(a)) => {
                assert!(a.verdict.is_some_and(|v| v.reply.is_some()), "{:?} has no verdict", t.example)
            }
            (Action::Show, Outcome::Show(_))
            | (Action::Path | Action::Chain, Outcome::Path(..) | Outcome::Chains(..))
            | (Action::Path, Outcome::Several(_))
            | (Action::Compare, Outcome::Several(_)) => {}
            (action, outcome) => panic!("{:?}: {action:?} gave {outcome:?}", t.example),
        }
    }
}

#[test]
fn every_template_query_parses() {
    for t in TEMPLATES {
        if !t.query.is_empty() {
            let q = t
                .query
                .replace("{x}", "x")
                .replace("{y}", "y")
                .replace("{n}", "2")
                .replace("{n-1}", "1")
                .replace("{k}", "food")
                .replace("{during}", " during 0..3");
            kg::query::parse::parse(&q).unwrap_or_else(|d| panic!("{}: {}", t.name, d.message));
        }
    }
}

#[test]
fn names_are_resolved_through_typos_plurals_and_filler() {
    let g = graph();
    let asked = kg::ask::ask(&g, "what treats muscle spsm").expect("typo taken");
    assert!(asked.notes.iter().any(|n| n.contains("taking \"spsm\" as \"spasm\"")), "{:?}", asked.notes);
    // A whole word that differs is not a typo: "neck" is not "legs".
    let neck = kg::resolve::resolve(&g, "spasms in the neck");
    assert!(!matches!(neck, Ok(ref r) if g.node(r.ix).id == "spasm-in-legs"), "{neck:?}");
    let asked = kg::ask::ask(&g, "what treats MUSCLE SPASMS").expect("case and plural");
    assert!(asked.notes.is_empty(), "{:?}", asked.notes);
}

#[test]
fn unknown_and_ambiguous_names_are_errors() {
    let g = graph();
    let e = ask(&g, "what treats zzqqx").expect_err("unknown");
    assert!(e.message.contains("zzqqx"), "{}", e.message);
    let e = ask(&g, "blorp fizzle wobble").expect_err("not understood");
    assert!(
        e.message.starts_with("could not understand") || e.message.starts_with("nothing in the graph"),
        "{}",
        e.message
    );
    assert!(ask(&g, "").is_err());
    assert!(ask(&g, "?!?").is_err());
}
