//! The kinds of question `kg ask` answers: one table, from which the reader
//! takes each intent's query, `:help` and `kg ask help` list what can be
//! asked, and the tests take their cases. Each intent compiles to a pattern
//! query (or a show, a path or a comparison); there is no second evaluator.
//!
//! The reader (`read.rs`) picks the intent from what the question mentions
//! and the cue words in it; this table says what each intent asks of the
//! graph. Queries use `{x}` and `{y}` (node ids), `{k}` (kinds) and
//! `` (a timing clause, or nothing).

use crate::model::Kind;

/// What the article is asked to confirm in a yes/no question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// `y` is to be avoided while on `x` (either way round).
    Avoid,
    /// `x` treats or relieves `y`.
    Helps,
    /// `x` causes or risks `y`, directly or through a chain.
    Causes,
    /// `x` prevents `y` or one of its causes.
    Prevents,
    /// `x` is a source of `y`.
    Source,
    /// `x` refers to or prescribes `y`.
    Refers,
    /// `x` presents with `y`.
    Presents,
    /// `x` is a kind of `y` (or the article sets them apart).
    Class,
    /// `x` can do harm (`y`: a harm in particular, else any).
    Harm,
    /// `x` is the best kind of `y`, as the article ranks them.
    Best,
}

/// What an intent does once read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Run the intent's query and list the answers.
    Query,
    /// A yes/no question: run the check and give a verdict.
    Check(Check),
    /// Describe the node `{x}`.
    Show,
    /// Shortest connections between `{x}` and `{y}`.
    Path,
    /// The causal chains from `{x}` to `{y}`, through their mechanisms.
    Chain,
    /// Two or more things side by side: what each is for, when, and the
    /// warnings.
    Compare,
}

#[derive(Debug)]
pub struct Template {
    pub name: &'static str,
    /// The pattern query (empty for show, path, chain and compare).
    pub query: &'static str,
    /// What the question is taken to mean, with `{x}`, `{y}`, `{k}` filled in.
    pub meaning: &'static str,
    pub help: &'static str,
    pub example: &'static str,
    pub action: Action,
    /// Attach the warnings that apply to each treatment answer.
    pub warnings: bool,
    /// When the question names no node, ask about the article's subject.
    pub default_x: bool,
    /// The kinds `{x}` may have (empty: any).
    pub x_kinds: &'static [Kind],
}

/// What a question about a state (treatments, causes, prevention) is about.
pub const STATES: &[Kind] = &[Kind::Condition, Kind::Symptom, Kind::Harm, Kind::Mechanism, Kind::Factor];
/// Things a person does or takes.
pub const DONE: &[Kind] =
    &[Kind::Treatment, Kind::Procedure, Kind::HomeRemedy, Kind::Exercise, Kind::Medication, Kind::Behaviour];

const fn t(
    name: &'static str,
    query: &'static str,
    meaning: &'static str,
    help: &'static str,
    example: &'static str,
    action: Action,
) -> Template {
    Template { name, query, meaning, help, example, action, warnings: false, default_x: false, x_kinds: &[] }
}

const fn warned(mut t: Template) -> Template {
    t.warnings = true;
    t
}

const fn about_subject(mut t: Template, kinds: &'static [Kind]) -> Template {
    t.default_x = true;
    t.x_kinds = kinds;
    t
}

/// The table, in the order `kg ask help` lists it.
pub const TEMPLATES: &[Template] = &[
    warned(about_subject(
        t(
            "treatments",
            "select ?treatment where ?treatment (treats|relieves)/^is_a* \"{x}\"",
            "what treats or relieves {x}",
            "Treatments: what changes the condition (treats) and what eases it for a while (relieves), with timing and the warnings that apply.",
            "what treats muscle spasm",
            Action::Query,
        ),
        STATES,
    )),
    warned(about_subject(
        t(
            "early",
            "select ?treatment where ?treatment (treats|relieves)/^is_a* \"{x}\"",
            "what treats or relieves {x} {when}",
            "Treatments by day: what the article gives for a day or days since the spasm began (heat, from day 3, is not offered for day 1).",
            "what helps in the first 2 days",
            Action::Query,
        ),
        STATES,
    )),
    warned(about_subject(
        t(
            "home",
            "select ?treatment where ?treatment (treats|relieves)/^is_a* \"{x}\"",
            "what you can do yourself (home remedies and exercises) for {x}",
            "Home care: the home remedies and exercises that treat or relieve the condition, with timing and warnings.",
            "how can I treat a back spasm at home",
            Action::Query,
        ),
        STATES,
    )),
    warned(about_subject(
        t(
            "medications",
            "select ?treatment where ?treatment (treats|relieves)/^is_a* \"{x}\", ?treatment : medication",
            "which medications treat or relieve {x}",
            "Medications only: the drugs the article gives against the condition, with the warnings that apply.",
            "which drugs help with back spasm",
            Action::Query,
        ),
        STATES,
    )),
    warned(about_subject(
        t(
            "exercises",
            "select ?exercise where ?exercise (treats|relieves|prevents)/^is_a* \"{x}\", ?exercise : exercise",
            "which exercises treat, relieve or prevent {x}",
            "Exercises only: what training, stretching and warming up do for the condition, with the warnings that apply.",
            "what exercises help back spasms",
            Action::Query,
        ),
        STATES,
    )),
    warned(about_subject(
        t(
            "kind-treatments",
            "select ?treatment where ?treatment (treats|relieves)/^is_a* \"{x}\", ?treatment : {k}",
            "which {k} treat or relieve {x}",
            "Treatments of one kind: the procedures, home remedies, ... the article gives against the condition.",
            "which procedures treat back spasm",
            Action::Query,
        ),
        STATES,
    )),
    warned(t(
        "class-treatments",
        "select ?treatment where ?treatment is_a* \"{x}\", ?treatment (treats|relieves)/^is_a* \"{y}\"",
        "which {x} treat or relieve {y}",
        "Treatments in a class: which painkillers, which home remedies, ... the article gives against the condition.",
        "which painkillers help back spasm",
        Action::Query,
    )),
    t(
        "can-i",
        "\"{y}\" is_a*/avoid_while/^is_a* \"{x}\"",
        "whether the article warns against {y} while on {x}",
        "Whether it is safe to do or take one thing while on another: the article's warnings, either way round, through classes (a warning about any medication reaches muscle relaxants).",
        "can I drink alcohol while taking muscle relaxants",
        Action::Check(Check::Avoid),
    ),
    t(
        "best",
        "select ?best where ?best best_of \"{x}\"",
        "which kind of {x} the article calls best",
        "Which kind of a treatment the article calls the best (moist heat, of heat).",
        "what kind of heat is best",
        Action::Query,
    ),
    t(
        "best-check",
        "\"{x}\" is_a*/best_of \"{y}\"",
        "whether the article calls {x} the best kind of {y}",
        "Whether the article calls one kind of a treatment the best (is moist heat better than dry heat).",
        "is moist heat the best kind of heat",
        Action::Check(Check::Best),
    ),
    t(
        "harm-check",
        "\"{x}\" is_a*/risks ?harm",
        "whether the article says {x} can do harm",
        "Whether something is safe or can do harm: the harms the article gives for it, its class or a wrong way of doing it, and the harms it says it does not do (acetaminophen is not addictive); for a class, what it says of each member.",
        "is ice safe",
        Action::Check(Check::Harm),
    ),
    t(
        "helps",
        "\"{x}\" is_a*/(treats|relieves)/^is_a* \"{y}\"",
        "whether the article says {x} treats or relieves {y}",
        "Whether the article says one thing treats or relieves another, on a given day if you say one; what it says of a class holds for its members.",
        "is heat good for back spasm",
        Action::Check(Check::Helps),
    ),
    t(
        "causes-check",
        "\"{x}\" is_a*/(causes|risks|presents)+/(affects|located_in)?/^is_a* \"{y}\"",
        "whether the article says {x} causes {y}",
        "Whether the article says one thing causes or risks another, directly or through a chain; or says it does not (acetaminophen is not addictive).",
        "can stress cause back spasms",
        Action::Check(Check::Causes),
    ),
    t(
        "prevents-check",
        "\"{x}\" is_a*/prevents/causes*/^is_a* \"{y}\"",
        "whether the article says {x} prevents {y}",
        "Whether the article says something keeps a spasm, or one of its causes, away.",
        "does stretching prevent back spasms",
        Action::Check(Check::Prevents),
    ),
    t(
        "source-of",
        "\"{x}\" is_a*/rich_in/is_a* \"{y}\"",
        "whether the article gives {x} as a source of {y}",
        "Whether the article gives a food or drink as a source of a nutrient (or says it is not one).",
        "are bananas a source of potassium",
        Action::Check(Check::Source),
    ),
    t(
        "refers",
        "\"{x}\" (refer_to|prescribes)+ \"{y}\"",
        "whether the article says {x} refers to or prescribes {y}",
        "Whether a doctor sends the patient on to someone or something.",
        "can a doctor refer me to a chiropractor",
        Action::Check(Check::Refers),
    ),
    t(
        "presents-check",
        "\"{x}\" is_a*/presents/is_a* \"{y}\"",
        "whether the article gives {y} as a symptom of {x}",
        "Whether something is one of the symptoms the article lists.",
        "is aching pain a symptom of back spasm",
        Action::Check(Check::Presents),
    ),
    t(
        "safe-members",
        "select ?member where ?member is_a* \"{x}\", ?member is_a*/(!risks|!causes) \"{y}\"",
        "which {x} the article says do not lead to {y}",
        "Members of a class the article clears of a harm (painkillers that are not addictive).",
        "which painkillers are not addictive",
        Action::Query,
    ),
    t(
        "is-a-check",
        "\"{x}\" is_a+ \"{y}\"",
        "whether the article counts {x} as {y}",
        "Whether something is a kind of another (do I need a prescription for acetaminophen; is acetaminophen an NSAID), or the article sets them apart.",
        "is acetaminophen an nsaid",
        Action::Check(Check::Class),
    ),
    t(
        "avoid",
        "select ?avoid where \"{x}\" is_a*/^avoid_while ?avoid",
        "what to avoid while on or using {x}",
        "Contraindications: what not to do while on or using something. Warnings about a class (medication) reach its members (muscle relaxants).",
        "what must I avoid while on muscle relaxants",
        Action::Query,
    ),
    t(
        "warnings",
        "select ?avoid ?while where ?avoid avoid_while ?while",
        "every warning: what to avoid, and while on or doing what",
        "All the article's warnings, for the spasm as a whole: each thing to avoid, while on or doing what.",
        "what should I avoid while my back is in spasm",
        Action::Query,
    ),
    about_subject(
        t(
            "doctor",
            "select ?sign where \"{x}\" is_a*/see_doctor_if ?sign",
            "when to see a doctor about {x}",
            "Red flags: when the article says to stop treating yourself and see a specialist.",
            "when should I see a doctor",
            Action::Query,
        ),
        &[Kind::Condition],
    ),
    about_subject(
        t(
            "who",
            "select ?who where \"{x}\" is_a*/see_doctor_if?/refer_to+ ?who, ?who : specialist",
            "who to see about {x}",
            "Who to see: the specialists the article sends you to, directly or through a red flag or another doctor.",
            "who should I see about back spasm",
            Action::Query,
        ),
        &[Kind::Condition, Kind::Symptom, Kind::RedFlag],
    ),
    t(
        "specialist",
        "select ?offer where \"{x}\" prescribes|refer_to ?offer",
        "what {x} does for the patient",
        "What a health professional prescribes or refers the patient to.",
        "what will a doctor do",
        Action::Query,
    ),
    t(
        "foods",
        "select ?food where ?food rich_in/is_a* \"{x}\"",
        "which foods the article gives as sources of {x}",
        "Foods and drinks the article names as sources of a nutrient.",
        "which foods contain potassium",
        Action::Query,
    ),
    about_subject(
        t(
            "diet",
            "select ?item where ?item (rich_in/^lack_of|^lack_of|prevents)/causes*/^is_a* \"{x}\", ?item : food|nutrient|home_remedy",
            "which foods, nutrients and supplements help against {x}",
            "Diet: foods and nutrients whose lack the article ties to a condition, and the supplements it says prevent it.",
            "what should I eat for muscle spasms",
            Action::Query,
        ),
        &[],
    ),
    t(
        "contents",
        "select ?nutrient where \"{x}\" rich_in ?nutrient",
        "what nutrients {x} is a source of",
        "The nutrients the article says a food provides.",
        "what nutrients do bananas contain",
        Action::Query,
    ),
    about_subject(
        t(
            "causes",
            "select ?cause where ?cause (causes+|risks)/^is_a* \"{x}\"",
            "what causes {x}, directly or through a chain",
            "Causes, direct and through chains (sweating leads to electrolyte imbalance, which leads to spasm); each answer shows its path.",
            "what causes back spasms",
            Action::Query,
        ),
        STATES,
    ),
    about_subject(
        t(
            "effects",
            "select ?effect where \"{x}\" causes+|is_a*/(risks|^avoid_while/risks|!relieves|!treats) ?effect",
            "what {x} can lead to or put at risk",
            "Effects and harms: what a condition leads to (directly or through a chain), and what a treatment or a misuse of it risks.",
            "what can a back spasm lead to",
            Action::Query,
        ),
        &[],
    ),
    t(
        "risks",
        "select ?harm where \"{x}\" is_a*/(risks|causes|!risks) ?harm",
        "the risks and side effects of {x}",
        "Risks and side effects: the harms the article gives for a treatment, a drug or a misuse of it.",
        "what are the side effects of opiates",
        Action::Query,
    ),
    about_subject(
        t(
            "symptoms",
            "select ?symptom where \"{x}\" is_a*/presents ?symptom",
            "the symptoms of {x}",
            "Symptoms: what the condition feels like and what it stops you doing.",
            "what are the symptoms of back muscle spasm",
            Action::Query,
        ),
        &[Kind::Condition],
    ),
    about_subject(
        t(
            "where",
            "select ?place where \"{x}\" is_a*/presents?/(located_in|radiates_to|affects) ?place",
            "where {x} is felt and what it reaches",
            "Where it is felt: the muscles and body parts involved, and where the pain spreads.",
            "where is back muscle spasm felt",
            Action::Query,
        ),
        &[Kind::Condition, Kind::Symptom, Kind::Harm, Kind::Mechanism, Kind::Factor, Kind::RedFlag],
    ),
    about_subject(
        t(
            "prevent",
            "select ?measure where ?measure prevents/causes*/^is_a* \"{x}\"",
            "what prevents {x}, or a cause of it",
            "Prevention: what the article says keeps it from happening or coming back, or prevents one of its causes.",
            "how can I prevent muscle spasms",
            Action::Query,
        ),
        STATES,
    ),
    warned(t(
        "timing",
        "select ?target where \"{x}\" is_a*/(treats|relieves|prevents|before|after|avoid_while|indicated_if) ?target",
        "when and how long to use {x}",
        "Timing: when in the course of a spasm to use something, for how long and how often, and in what order.",
        "when should I use heat",
        Action::Query,
    )),
    t(
        "duration",
        "select ?target where \"{x}\" is_a*/(treats|relieves|prevents) ?target",
        "how long the effect of {x} lasts",
        "How long something works, where the article says (one cortisone injection: several months).",
        "how long does a cortisone injection last",
        Action::Query,
    ),
    warned(t(
        "uses",
        "select ?target where \"{x}\" is_a*/(treats|relieves|prevents|benefits|reduces_need_for|acts_on|improves|!treats|!relieves|!rich_in|!risks) ?target",
        "what {x} is good for",
        "What something is for: what it treats, relieves or prevents, and how it acts.",
        "what is acetaminophen for",
        Action::Query,
    )),
    t(
        "kinds",
        "select ?node where ?node : {k}",
        "every {k} the article names",
        "Everything of one kind the article names: home remedies, medications, red flags, foods, ...",
        "list the home remedies",
        Action::Query,
    ),
    t(
        "members",
        "select ?member where ?member is_a+ \"{x}\"",
        "the kinds of {x} the article names",
        "Members of a class: the kinds of medication, home remedy, ... the article names.",
        "what kinds of medication are there",
        Action::Query,
    ),
    t(
        "classes",
        "select ?class where \"{x}\" is_a+ ?class",
        "what {x} is a kind of",
        "Classes: what the article counts something as (acetaminophen is an over-the-counter pain reliever).",
        "what kind of drug is acetaminophen",
        Action::Query,
    ),
    t(
        "compare",
        "",
        "{x} compared with {y}",
        "Choices: two things side by side, with what each is for, when, how long it lasts, and its warnings.",
        "ice or heat for back spasm",
        Action::Compare,
    ),
    t(
        "order",
        "\"{x}\" before|^after \"{y}\"",
        "whether {x} comes before {y}",
        "Order: whether the article puts one thing before or after another (warm up before exercise).",
        "warm compress before or after stretching",
        Action::Check(Check::Helps),
    ),
    t(
        "chain",
        "",
        "how {x} leads to {y}",
        "How one thing leads to another: the article's chains through the mechanisms it gives, each step cited.",
        "how does calcium deficiency cause spasms",
        Action::Chain,
    ),
    t(
        "why",
        "",
        "why: how the article connects {x} and {y}",
        "Why: the article's chain of claims from one thing to another, each step cited.",
        "why avoid strength training while on muscle relaxants",
        Action::Path,
    ),
    t(
        "related",
        "",
        "how {x} is connected to {y}",
        "Connections: the shortest chains of cited claims between two things.",
        "how is dehydration related to muscle spasm",
        Action::Path,
    ),
    t(
        "how-to",
        "",
        "how to do {x}, as the article describes it",
        "How to do something: the node with its timing, order and warnings (like `show`).",
        "how do I use an ice pack",
        Action::Show,
    ),
    t(
        "describe",
        "",
        "what the article says about {x}",
        "Describe: what the article says a thing is, with every cited claim about it (like `show`).",
        "what is acetaminophen",
        Action::Show,
    ),
];

/// The intent with this name (the table's names are fixed, so a missing
/// one is a bug; the first intent stands in rather than panic).
pub fn by_name(name: &str) -> &'static Template {
    TEMPLATES.iter().find(|t| t.name == name).unwrap_or(&TEMPLATES[0])
}
