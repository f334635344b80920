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
    let rel = Relation::parse(relation).unwrap_or_else(|| panic!("`{relation}` is a relation"));
    let a = g.by_id(from).unwrap_or_else(|| panic!("node `{from}` exists"));
    g.step(a, rel, petgraph::Direction::Outgoing).find(|&(_, b)| g.node(b).id == to).map(|(e, _)| e)
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
    ("strength-training", "treats", "back-muscle-spasm", "strength"),
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
        match edge(&g, from, rel, to) {
            None => wrong.push(format!("missing: {from} {rel} {to}")),
            Some(e) if !section_of(&g, e).iter().any(|(s, _)| s == section) => {
                wrong.push(format!("{from} {rel} {to} does not cite `{section}`: {:?}", section_of(&g, e)))
            }
            Some(_) => {}
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
        (g.edge(e).certainty, g.edge(e).note.clone().unwrap_or_default())
    };
    // The article claims studies prove acupuncture works, and names none.
    let (c, note) = certainty("acupuncture", "treats", "chronic-spasm");
    assert_eq!(c, Certainty::Doubtful);
    assert!(note.contains("studies"), "{note}");
    // The energy-information and pancreas chain.
    assert_eq!(certainty("pinched-vessels-and-fibres", "causes", "energy-information-exchange").0, Certainty::Doubtful);
    assert_eq!(certainty("vagus-nerve-compression", "causes", "digestive-enzyme-problems").0, Certainty::Doubtful);
    // The article admits the exact causes are unknown.
    for from in ["dehydration", "electrolyte-imbalance", "physical-exercise"] {
        let (c, note) = certainty(from, "causes", "back-muscle-spasm");
        assert_eq!(c, Certainty::Hedged, "{from}");
        assert!(note.contains("not established"), "{from}: {note}");
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
        ("heat-therapy", &["heat treatment", "moist heat"]),
        ("warm-compress", &["warm compress", "hot compress"]),
        ("opiates", &["strong painkillers", "opioids"]),
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
