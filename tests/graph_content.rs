//! The bundled graph against the article: every paragraph cited, the key
//! claims present with the right relation, timing and certainty, the
//! hierarchy reaching where the article's statements about classes must
//! reach, and the article's own phrasings resolving to the same node.

use std::collections::BTreeSet;

use kg::graph::{EIx, Graph};
use kg::model::{Certainty, Kind, Relation};
use kg::resolve::resolve;

fn graph() -> Graph {
    Graph::new(kg::bundled::data().expect("bundled graph decodes"))
}

/// The edge `from relation to`, by ids.
fn edge(g: &Graph, from: &str, relation: &str, to: &str) -> Option<EIx> {
    edges(g, from, relation, to).into_iter().next()
}

/// Every edge `from relation to` (two may differ in certainty: a claim the
/// article makes plainly in one section and hedges in another).
fn edges(g: &Graph, from: &str, relation: &str, to: &str) -> Vec<EIx> {
    let rel = Relation::parse(relation).unwrap_or_else(|| panic!("`{relation}` is a relation"));
    let a = g.by_id(from).unwrap_or_else(|| panic!("node `{from}` exists"));
    g.step(a, rel, petgraph::Direction::Outgoing).filter(|&(_, b)| g.node(b).id == to).map(|(e, _)| e).collect()
}

/// The edge `from relation to` that cites `section`.
fn edge_citing(g: &Graph, from: &str, relation: &str, to: &str, section: &str) -> Option<EIx> {
    edges(g, from, relation, to).into_iter().find(|&e| section_of(g, e).iter().any(|(s, _)| s == section))
}

fn section_of(g: &Graph, e: EIx) -> BTreeSet<(String, u16)> {
    g.edge(e).sources.iter().map(|s| (g.section(*s).id.clone(), s.paragraph)).collect()
}

#[test]
fn every_paragraph_of_the_article_is_cited() {
    let g = graph();
    let cited: BTreeSet<(String, u16)> = g.edges().flat_map(|e| section_of(&g, e)).collect();
    let mut missing = Vec::new();
    let mut total = 0;
    for s in &g.article.sections {
        for p in 1..=s.paragraphs {
            total += 1;
            if !cited.contains(&(s.id.clone(), p)) {
                missing.push(format!("{} ¶{p}", s.id));
            }
        }
    }
    assert!(total >= 50, "the article has {total} paragraphs");
    assert!(missing.is_empty(), "paragraphs no edge cites: {missing:?}");
}

#[test]
fn every_kind_and_relation_is_used_and_nothing_is_orphaned() {
    let g = graph();
    let kinds: BTreeSet<Kind> = g.nodes().map(|n| g.node(n).kind).collect();
    for k in Kind::ALL {
        assert!(kinds.contains(k), "no node of kind {k}");
    }
    let relations: BTreeSet<Relation> = g.edges().map(|e| g.edge(e).relation).collect();
    for r in Relation::ALL {
        assert!(relations.contains(r), "no edge with relation {r}");
    }
    for n in g.nodes() {
        let node = g.node(n);
        let degree =
            g.edges_at(n, petgraph::Direction::Outgoing).count() + g.edges_at(n, petgraph::Direction::Incoming).count();
        assert!(degree > 0, "`{}` has no edges", node.id);
        assert!(node.summary.split_whitespace().count() >= 3, "`{}` needs a summary", node.id);
    }
}

/// Claims of the article, one per line: from, relation, to, and a section
/// that must be among the edge's citations.
const CLAIMS: &[(&str, &str, &str, &str)] = &[
    // harm
    ("back-muscle-spasm", "causes", "spinal-curve-deformation", "intro"),
    ("back-muscle-spasm", "causes", "pinched-vessels-and-fibres", "harm"),
    ("pinched-vessels-and-fibres", "causes", "poor-circulation", "harm"),
    ("pinched-vessels-and-fibres", "causes", "impaired-innervation", "harm"),
    ("back-muscle-spasm", "causes", "vagus-nerve-compression", "harm"),
    ("vagus-nerve-compression", "causes", "digestive-enzyme-problems", "harm"),
    ("back-muscle-spasm", "causes", "higher-energy-cost", "harm"),
    ("back-muscle-spasm", "causes", "chronic-spasm", "conclusion"),
    ("waiting-it-out", "risks", "chronic-spasm", "conclusion"),
    // symptoms
    ("painful-spots", "located_in", "trapezius", "symptoms"),
    ("painful-spots", "located_in", "erector-spinae", "symptoms"),
    ("painful-spots", "located_in", "levator-scapulae", "symptoms"),
    ("back-muscle-spasm", "presents", "aching-pain", "symptoms"),
    ("back-muscle-spasm", "presents", "pressing-pain", "symptoms"),
    ("back-muscle-spasm", "presents", "itching-pain", "symptoms"),
    ("back-muscle-spasm", "presents", "fluctuating-pain", "symptoms"),
    ("back-pain", "radiates_to", "shoulder", "symptoms"),
    ("back-pain", "radiates_to", "head", "symptoms"),
    ("back-pain", "radiates_to", "eyes", "symptoms"),
    ("back-muscle-spasm", "presents", "limited-head-turning", "symptoms"),
    ("back-muscle-spasm", "presents", "limited-arm-movement", "symptoms"),
    // causes
    ("osteochondrosis", "causes", "back-muscle-spasm", "causes"),
    ("osteochondrosis", "causes", "herniated-disc", "causes"),
    ("osteochondrosis", "causes", "disc-protrusion", "causes"),
    ("spine-injury", "causes", "trigger-syndrome", "causes"),
    ("prolonged-static-load", "causes", "back-muscle-spasm", "causes"),
    ("carrying-bag-one-shoulder", "causes", "prolonged-static-load", "causes"),
    ("emotional-stress", "causes", "increased-muscle-tone", "causes"),
    ("dehydration", "causes", "back-muscle-spasm", "other-causes"),
    ("excessive-sweating", "causes", "electrolyte-imbalance", "other-causes"),
    ("plain-water-during-sport", "causes", "electrolyte-imbalance", "other-causes"),
    ("electrolyte-imbalance", "lack_of", "sodium", "other-causes"),
    ("heat-exposure", "causes", "muscle-fatigue", "other-causes"),
    ("calcium-deficiency", "causes", "back-muscle-spasm", "calcium"),
    ("muscle-fatigue", "causes", "spindle-tendon-imbalance", "fatigue"),
    ("carbohydrate-imbalance", "causes", "back-muscle-spasm", "carbohydrates"),
    ("potassium-deficiency", "causes", "back-muscle-spasm", "tips"),
    ("over-exertion", "causes", "back-muscle-spasm", "tips"),
    // specialist
    ("back-muscle-spasm", "see_doctor_if", "immobile-three-days", "specialist"),
    ("back-muscle-spasm", "see_doctor_if", "spasm-with-numbness", "specialist"),
    ("back-muscle-spasm", "see_doctor_if", "pain-over-two-weeks", "health-worker"),
    ("doctor", "refer_to", "chiropractor", "health-worker"),
    ("doctor", "prescribes", "physiotherapy", "health-worker"),
    ("cortisone-injection", "indicated_if", "spasm-in-legs", "health-worker"),
    ("surgery", "indicated_if", "birth-defect", "tips"),
    ("surgery", "indicated_if", "progressing-weakness", "tips"),
    // treatments
    ("pharmacopuncture", "is_a", "methods-of-treatment", "methods"),
    ("spine-traction", "is_a", "methods-of-treatment", "methods"),
    ("acupuncture", "is_a", "methods-of-treatment", "methods"),
    ("vacuum-therapy", "is_a", "methods-of-treatment", "methods"),
    ("muscle-relaxants", "relieves", "back-muscle-spasm", "methods"),
    ("finger-pressure", "relieves", "back-muscle-spasm", "physical-impact"),
    ("contrast-shower", "relieves", "back-muscle-spasm", "physical-impact"),
    ("warm-up", "before", "stretching", "physical-impact"),
    ("strength-training", "relieves", "back-muscle-spasm", "strength"),
    ("ice-pack", "treats", "inflammation", "ice-pack"),
    ("ice-pack", "reduces_need_for", "pain-relievers", "ice-pack"),
    ("heat-therapy", "before", "stretching", "heat"),
    ("ice-pack", "after", "stretching", "heat"),
    ("acetaminophen", "acts_on", "brain", "otc-pain-relievers"),
    ("acetaminophen", "contrasts_with", "nsaids", "otc-pain-relievers"),
    ("drinking-fluids", "prevents", "dehydration", "fluids"),
    ("rest", "relieves", "back-muscle-spasm", "tips"),
    // foods
    ("bananas", "rich_in", "potassium", "tips"),
    ("potatoes", "rich_in", "potassium", "tips"),
    ("wheat-bran", "rich_in", "potassium", "tips"),
    ("milk", "rich_in", "calcium", "tips"),
    ("electrolyte-drink", "rich_in", "sodium", "other-causes"),
    // prevention
    ("warm-up", "prevents", "back-muscle-spasm", "prevention"),
    ("strength-training", "prevents", "back-muscle-spasm", "prevention"),
    ("cool-room", "prevents", "back-muscle-spasm", "other-causes"),
    // warnings
    ("ice-on-bare-skin", "risks", "frostbite", "warnings"),
    ("ice-on-bare-skin", "avoid_while", "ice-pack", "warnings"),
    ("opiates", "risks", "addiction", "warnings"),
    ("opiates", "risks", "liver-damage", "warnings"),
    ("drinking-alcohol", "avoid_while", "medication", "warnings"),
    ("strength-training", "avoid_while", "muscle-relaxants", "warnings"),
    ("sleeping-with-compress", "risks", "burns", "warnings"),
    ("sleeping-with-compress", "risks", "nerve-ending-damage", "warnings"),
];

#[test]
fn the_key_claims_are_edges_citing_their_section() {
    let g = graph();
    assert!(CLAIMS.len() >= 40);
    let mut wrong = Vec::new();
    for &(from, rel, to, section) in CLAIMS {
        match (edge(&g, from, rel, to), edge_citing(&g, from, rel, to, section)) {
            (None, _) => wrong.push(format!("missing: {from} {rel} {to}")),
            (Some(e), None) => {
                wrong.push(format!("{from} {rel} {to} does not cite `{section}`: {:?}", section_of(&g, e)))
            }
            (Some(_), Some(_)) => {}
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn timing_is_data() {
    let g = graph();
    let window = |from, rel, to| {
        let e = edge(&g, from, rel, to).unwrap_or_else(|| panic!("{from} {rel} {to}"));
        g.edge(e).when.clone().unwrap_or_else(|| panic!("{from} {rel} {to} has a window"))
    };
    let ice = window("ice-pack", "relieves", "back-muscle-spasm");
    assert_eq!((ice.from_day, ice.to_day), (Some(0), Some(3)));
    assert_eq!((ice.minutes, ice.pause_minutes), (Some(20.0), Some(90.0)));
    let heat = window("heat-therapy", "relieves", "back-muscle-spasm");
    assert_eq!((heat.from_day, heat.to_day), (Some(3), None));
    assert!(!heat.overlaps(0, Some(1)), "heat is not for day 1");
    let alternate = window("alternating-heat-cold", "relieves", "back-muscle-spasm");
    assert_eq!(alternate.from_day, Some(3));
    assert_eq!(window("back-muscle-spasm", "see_doctor_if", "immobile-three-days").from_day, Some(3));
    assert_eq!(window("back-muscle-spasm", "see_doctor_if", "pain-over-two-weeks").from_day, Some(14));
}

#[test]
fn hedged_and_doubtful_claims_are_marked_not_dropped() {
    let g = graph();
    let certainty = |from, rel, to| {
        let e = edge(&g, from, rel, to).unwrap_or_else(|| panic!("{from} {rel} {to}"));
        (g.edge(e).certainty, g.edge(e).note.unwrap_or_default())
    };
    // The article claims studies prove a course of acupuncture keeps spasms
    // away for a long time, if not for good, and names none.
    let (c, note) = certainty("acupuncture", "prevents", "back-muscle-spasm");
    assert_eq!(c, Certainty::Doubtful);
    assert!(note.contains("studies") && note.contains("course"), "{note}");
    // The energy-information and pancreas chain.
    assert_eq!(certainty("pinched-vessels-and-fibres", "causes", "energy-information-exchange").0, Certainty::Doubtful);
    assert_eq!(certainty("vagus-nerve-compression", "causes", "digestive-enzyme-problems").0, Certainty::Doubtful);
    // The article admits the exact causes are unknown (other causes); the
    // fluids section says plainly that cramps very often come from a lack of
    // water and electrolytes: one claim each, each with its certainty.
    for from in ["dehydration", "electrolyte-imbalance", "physical-exercise"] {
        let e = edge_citing(&g, from, "causes", "back-muscle-spasm", "other-causes").expect(from);
        let (c, note) = (g.edge(e).certainty, g.edge(e).note.unwrap_or_default());
        assert_eq!(c, Certainty::Hedged, "{from}");
        assert!(note.contains("not established"), "{from}: {note}");
    }
    for from in ["dehydration", "electrolyte-imbalance"] {
        let e = edge_citing(&g, from, "causes", "back-muscle-spasm", "fluids").expect(from);
        assert_eq!(g.edge(e).certainty, Certainty::Stated, "{from}");
    }
    // "Some experts recommend" warmth before and cold after stretching.
    assert_eq!(certainty("heat-therapy", "before", "stretching").0, Certainty::Hedged);
    let marked = g.edges().filter(|&e| g.edge(e).certainty != Certainty::Stated).count();
    assert!(marked < g.edge_count() / 4, "most of what the article says is stated plainly");
}

#[test]
fn hierarchy_carries_class_statements_to_members() {
    let g = graph();
    let reaches = |from: &str, to: &str| {
        let a = g.by_id(from).expect(from);
        g.ancestors(a).iter().any(|&c| g.node(c).id == to)
    };
    for (member, class) in [
        ("muscle-relaxants", "medication"),
        ("acetaminophen", "otc-pain-relievers"),
        ("acetaminophen", "pain-relievers"),
        ("acetaminophen", "medication"),
        ("opiates", "medication"),
        ("acupuncture", "alternative-medicine"),
        ("ice-pack", "home-treatment"),
        ("potassium", "electrolytes"),
        ("chronic-spasm", "back-muscle-spasm"),
    ] {
        assert!(reaches(member, class), "{member} is_a* {class}");
    }
    assert!(!reaches("medication", "muscle-relaxants"), "is_a points from member to class");
}

#[test]
fn the_articles_phrasings_name_the_same_node() {
    let g = graph();
    for (id, phrasings) in [
        (
            "back-muscle-spasm",
            &["back spasm", "spasm of the back muscles", "muscle spasm in the back", "muscle cramps"][..],
        ),
        ("muscle-relaxants", &["muscle relaxers", "muscle relaxant"]),
        ("ice-pack", &["ice compress", "cold compress", "ice packs"]),
        ("heat-therapy", &["heat treatment"]),
        ("warm-compress", &["warm compress", "hot compress"]),
        ("opiates", &["strong painkillers", "opioids"]),
        ("moist-heat", &["moist heat"]),
        ("acetaminophen", &["paracetamol"]),
        ("otc-pain-relievers", &["over-the-counter pain relievers"]),
        ("electrolyte-drink", &["vitamin drinks", "sports drink"]),
        ("erector-spinae", &["muscle that straightens the back"]),
        ("levator-scapulae", &["muscle that raises the scapula"]),
        ("doctor", &["specialist", "health worker"]),
        ("surgery", &["surgical treatment"]),
        ("physiotherapy", &["physical therapy"]),
    ] {
        for p in phrasings {
            let found = resolve(&g, p).unwrap_or_else(|e| panic!("{p:?}: {e:?}"));
            assert!(found.exact, "{p:?} is an alias, not a near match");
            assert_eq!(g.node(found.ix).id, id, "{p:?}");
        }
    }
}

/// The edge the article *denies*: `from relation to` with `negated: true`.
fn denied(g: &Graph, from: &str, relation: &str, to: &str) -> Option<EIx> {
    let rel = Relation::parse(relation).unwrap_or_else(|| panic!("`{relation}` is a relation"));
    let a = g.by_id(from).unwrap_or_else(|| panic!("node `{from}` exists"));
    g.denied(a, rel, petgraph::Direction::Outgoing).find(|&(_, b)| g.node(b).id == to).map(|(e, _)| e)
}

#[test]
fn no_claim_the_article_does_not_make() {
    let g = graph();
    // Tips ¶3 promises a course of acupuncture keeps spasms away; it never mentions chronic spasm.
    assert!(edge(&g, "acupuncture", "treats", "chronic-spasm").is_none());
    let e = edge(&g, "acupuncture", "prevents", "back-muscle-spasm").expect("acupuncture prevents spasm");
    let w = g.edge(e).when.and_then(|w| w.lasts).unwrap_or_default();
    assert!(w.contains("long time"), "the promised durability is kept: {w}");
    // Other causes ¶5 puts heavy sweating on sport; heat has its own effect.
    assert!(edge(&g, "heat-exposure", "causes", "excessive-sweating").is_none());
    assert!(edge(&g, "physical-exercise", "causes", "excessive-sweating").is_some());
    assert!(edge(&g, "heat-exposure", "causes", "muscle-fatigue").is_some());
    // Anatomy the article does not state.
    for (part, whole) in
        [("trapezius", "back"), ("erector-spinae", "back"), ("levator-scapulae", "back"), ("tendons", "muscles")]
    {
        assert!(edge(&g, part, "part_of", whole).is_none(), "{part} part_of {whole}");
    }
    // The drugs a doctor prescribes relieve the spasm; not every medication does.
    assert!(edge(&g, "medication", "relieves", "back-muscle-spasm").is_none());
    assert!(edge(&g, "prescribed-drugs", "relieves", "back-muscle-spasm").is_some());
}

#[test]
fn lay_words_are_members_not_synonyms() {
    let g = graph();
    // "ibuprofen" is not another name for NSAIDs: it is a lay node, an NSAID, cited nowhere.
    let nsaids = g.by_id("nsaids").expect("nsaids");
    assert!(!g.node(nsaids).aliases.iter().any(|a| a == "ibuprofen"));
    let ibu = g.by_id("ibuprofen").expect("ibuprofen is a lay node");
    assert!(g.node(ibu).lay);
    let e = edge(&g, "ibuprofen", "is_a", "nsaids").expect("ibuprofen is_a nsaids");
    assert!(g.edge(e).sources.is_empty(), "a lay word is not cited");
    // Every lay node reaches the article only through `is_a`.
    for n in g.nodes().filter(|&n| g.node(n).lay) {
        for dir in [petgraph::Direction::Outgoing, petgraph::Direction::Incoming] {
            for (e, _) in g.edges_at(n, dir) {
                assert_eq!(g.edge(e).relation, Relation::IsA, "{}", g.node(n).id);
            }
        }
    }
    assert!(!g.node(g.by_id("supplements").expect("supplements")).aliases.iter().any(|a| a.contains("vitamin")));
}

#[test]
fn hedges_the_article_makes_are_kept() {
    let g = graph();
    let certainty = |from, rel, to| {
        let e = edge(&g, from, rel, to).unwrap_or_else(|| panic!("{from} {rel} {to}"));
        g.edge(e).certainty
    };
    // "may": serious health problems, and the spasm becoming chronic.
    assert_eq!(certainty("electrolyte-imbalance", "causes", "serious-health-problems"), Certainty::Hedged);
    assert_eq!(certainty("back-muscle-spasm", "causes", "chronic-spasm"), Certainty::Hedged);
    // "in some cases" the relaxants mask the pain.
    assert_eq!(certainty("muscle-relaxants", "causes", "masked-pain"), Certainty::Hedged);
    // The list whose exact causes are not established goes on through calcium, fatigue and carbohydrates.
    for (from, section) in [
        ("calcium-deficiency", "calcium"),
        ("disturbed-contraction-relaxation", "fatigue"),
        ("carbohydrate-imbalance", "carbohydrates"),
    ] {
        let e = edge_citing(&g, from, "causes", "back-muscle-spasm", section).expect(from);
        assert_eq!(g.edge(e).certainty, Certainty::Hedged, "{from}");
    }
    // One sentence of the tips names potassium and calcium alike ("can
    // provoke"): one certainty for both.
    let tips: Vec<Certainty> = ["calcium-deficiency", "potassium-deficiency"]
        .iter()
        .map(|from| g.edge(edge_citing(&g, from, "causes", "back-muscle-spasm", "tips").expect(from)).certainty)
        .collect();
    assert_eq!(tips, [Certainty::Stated, Certainty::Stated]);
    // One rule for promises of a permanent cure: a doubtful `prevents`, for both methods.
    let promises: Vec<Certainty> = ["acupuncture", "strength-training"]
        .iter()
        .map(|from| {
            let a = g.by_id(from).expect("node");
            g.step(a, Relation::Prevents, petgraph::Direction::Outgoing)
                .filter(|&(e, b)| {
                    g.node(b).id == "back-muscle-spasm" && g.edge(e).when.as_ref().is_some_and(|w| w.lasts.is_some())
                })
                .map(|(e, _)| g.edge(e).certainty)
                .next()
                .unwrap_or_else(|| panic!("{from} has a promise of lasting effect"))
        })
        .collect();
    assert_eq!(promises, [Certainty::Doubtful, Certainty::Doubtful]);
}

#[test]
fn what_the_article_denies_is_recorded_as_denied() {
    let g = graph();
    // Acetaminophen is not addictive; plain water does not give back sodium; a spasm will not pass by itself.
    for (from, rel, to, section) in [
        ("acetaminophen", "risks", "addiction", "otc-pain-relievers"),
        ("plain-water", "rich_in", "sodium", "other-causes"),
        ("waiting-it-out", "relieves", "back-muscle-spasm", "conclusion"),
    ] {
        let e = denied(&g, from, rel, to).unwrap_or_else(|| panic!("{from} !{rel} {to}"));
        assert!(section_of(&g, e).iter().any(|(s, _)| s == section), "{from} !{rel} {to} cites {section}");
        // And a denial is never walked as the claim itself.
        assert!(edge(&g, from, rel, to).is_none(), "{from} {rel} {to} must not hold as a claim");
    }
}

#[test]
fn missing_claims_are_edges() {
    let g = graph();
    // Conclusion ¶2: caught early, it can be cured quickly.
    let e = edge(&g, "early-treatment", "treats", "back-muscle-spasm").expect("the prognosis");
    assert!(section_of(&g, e).contains(&("conclusion".into(), 2)));
    // Ice-pack ¶2: the lining makes the ice work better, not only more safely.
    assert!(edge(&g, "thin-lining", "improves", "ice-pack").is_some());
    assert!(edge(&g, "thin-lining", "prevents", "frostbite").is_some());
    // Acetaminophen and the injection relieve the pain itself.
    for from in ["acetaminophen", "cortisone-injection"] {
        assert!(edge(&g, from, "relieves", "back-pain").is_some(), "{from} relieves back pain");
    }
    let e = edge(&g, "cortisone-injection", "relieves", "back-pain").expect("cortisone relieves pain");
    assert!(g.edge(e).when.as_ref().and_then(|w| w.lasts.as_deref()).is_some_and(|l| l.contains("months")));
    // Acetaminophen's claims that used to live only in its summary.
    assert!(edge(&g, "acetaminophen", "risks", "side-effects").is_some());
    assert!(edge(&g, "acetaminophen", "is_a", "otc-pain-relievers").is_some());
}

#[test]
fn warnings_have_contexts_beyond_medication() {
    let g = graph();
    let avoid_while = |ctx: &str| -> Vec<String> {
        let c = g.by_id(ctx).expect("context");
        g.step(c, Relation::AvoidWhile, petgraph::Direction::Incoming).map(|(_, a)| g.node(a).id.to_string()).collect()
    };
    // During sport: plain water only, heat, no warm-up.
    let sport = avoid_while("physical-exercise");
    for a in ["plain-water-during-sport", "heat-exposure", "skipping-warm-up"] {
        assert!(sport.contains(&a.to_string()), "{a} while exercising: {sport:?}");
    }
    // While the spasm lasts: over-exertion, waiting it out, ice after the first days, heat in them.
    let spasm = avoid_while("back-muscle-spasm");
    for a in ["over-exertion", "waiting-it-out", "ice-pack", "heat-therapy"] {
        assert!(spasm.contains(&a.to_string()), "{a} during the spasm: {spasm:?}");
    }
    let window = |from: &str| {
        let a = g.by_id(from).expect("node");
        let (e, _) = g
            .step(a, Relation::AvoidWhile, petgraph::Direction::Outgoing)
            .find(|&(_, b)| g.node(b).id == "back-muscle-spasm")
            .expect("warning");
        g.edge(e).when.clone().expect("timed")
    };
    assert_eq!(window("ice-pack").from_day, Some(3), "no ice after the first days");
    assert_eq!(window("heat-therapy").to_day, Some(3), "no heat in the first days");
    // Self-treatment stops once the pain has lasted two weeks.
    assert!(avoid_while("pain-over-two-weeks").contains(&"home-treatment".to_string()));
}
