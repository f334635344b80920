//! A synthetic, schema-valid graph for benchmarks and load tests.
//!
//! ```text
//! cargo run --release --example gen_graph -- --edges 100000 --out target/bench-graphs/100k [--seed 7]
//! ```
//!
//! Writes `article.ron` (the article, its sections and paragraph counts),
//! `nodes.ron` and `edges-000.ron`, `edges-001.ron`, ... (100 000 edges a
//! file) with about `--edges` edges. Every edge respects its relation's
//! domain and range, cites one or two existing paragraphs and is unique;
//! `is_a` edges form per-kind hierarchies four levels deep that cannot cycle;
//! names are multi-word phrases from word lists, and a name or alias is only
//! used if its normal form is new, so no two nodes answer to one name. The
//! article's subject is `back muscle spasm` (aliases `muscle spasm`, `back
//! spasm`), so `kg ask "what treats muscle spasm"` answers at every size.
//! Output is deterministic for a given size and seed (xorshift, no `rand`).
//! The directory is written whole or not at all, and an earlier output in it
//! is replaced whole (see [`Generated::write`]).
//!
//! Benches and tests include this file as a module (`#[path]`), so the
//! generator is the functions below and `main` only parses arguments.
#![allow(dead_code)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use kg::model::{Certainty, Kind, Relation};
use kg::text::normalize;

/// A seeded xorshift64 generator.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

pub struct GenNode {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub aliases: Vec<String>,
}

pub struct GenEdge {
    pub from: u32,
    pub relation: Relation,
    pub to: u32,
    /// (section index, 1-based paragraph)
    pub sources: Vec<(u32, u16)>,
    pub certainty: Certainty,
    pub when: Option<(u16, u16)>,
    pub note: Option<&'static str>,
}

pub struct GenSection {
    pub id: String,
    pub title: String,
    pub paragraphs: u16,
}

/// A generated graph, before it is written out.
pub struct Generated {
    pub sections: Vec<GenSection>,
    pub nodes: Vec<GenNode>,
    pub edges: Vec<GenEdge>,
    pub subject: u32,
    /// Per kind (in `Kind::ALL` order), the node indexes at each `is_a` level (0 = roots).
    pub levels: Vec<[Vec<u32>; LEVELS]>,
}

/// `is_a` levels: roots and four levels below them.
pub const LEVELS: usize = 5;

/// Edges per `edges-NNN.ron` file.
pub const EDGES_PER_FILE: usize = 100_000;

#[rustfmt::skip]
fn words(kind: Kind) -> (&'static [&'static str], &'static [&'static str]) {
    use Kind::*;
    match kind {
        Condition => (
            &[
                "chronic", "recurrent", "lumbar", "cervical", "thoracic", "postural", "nocturnal", "myofascial",
                "diffuse", "focal", "intermittent", "exertional", "degenerative", "paraspinal", "occupational",
                "idiopathic",
            ],
            &[
                "muscle strain", "disc protrusion", "joint stiffness", "nerve irritation", "tendon inflammation",
                "osteochondrosis", "spondylosis", "myositis", "scoliosis", "facet syndrome", "muscle imbalance",
                "ligament sprain", "radiculopathy", "kyphosis", "hypertonus", "muscle contracture",
            ],
        ),
        Symptom => (
            &[
                "morning", "evening", "sharp", "dull", "persistent", "mild", "throbbing", "radiating", "stabbing",
                "migrating", "deep", "burning", "pulsing", "gnawing", "creeping", "cramping",
            ],
            &[
                "back pain", "neck ache", "numbness", "tingling", "stiffness", "weakness", "limited mobility",
                "muscle twitching", "tenderness", "heaviness", "spinal ache", "shoulder discomfort", "leg cramping",
                "pins and needles", "restricted bending", "postural fatigue",
            ],
        ),
        Harm => (
            &[
                "lasting", "progressive", "irreversible", "secondary", "structural", "cumulative", "functional",
                "permanent", "gradual", "localized", "systemic", "delayed",
            ],
            &[
                "spinal deformation", "nerve damage", "muscle atrophy", "disc herniation", "joint wear",
                "circulation loss", "tissue scarring", "stomach irritation", "liver strain", "skin burn",
                "frostbite injury", "posture collapse",
            ],
        ),
        Mechanism => (
            &[
                "local", "reflex", "sustained", "metabolic", "neural", "vascular", "inflammatory", "protective",
                "cyclic", "segmental", "hormonal", "cellular",
            ],
            &[
                "vessel compression", "lactic acid buildup", "nerve signalling", "muscle tone rise",
                "oxygen shortage", "electrolyte shift", "calcium release", "pain spasm cycle", "tissue swelling",
                "blood flow reduction", "fibre shortening", "trigger point formation",
            ],
        ),
        Factor => (
            &[
                "emotional", "physical", "prolonged", "sudden onset", "seasonal", "workplace", "household",
                "thermal", "dietary", "hormonal", "repetitive", "static",
            ],
            &[
                "stress", "overheating", "hypothermia", "fatigue", "dehydration", "overload", "draught exposure",
                "sleep deprivation", "weight gain", "poor posture", "cold exposure", "vibration exposure",
            ],
        ),
        Behaviour => (
            &[
                "daily", "careless", "habitual", "weekend", "late night", "hurried", "unbalanced", "prolonged",
                "awkward", "vigorous", "sedentary", "improvised",
            ],
            &[
                "bag carrying", "heavy lifting", "desk sitting", "phone scrolling", "car driving", "gardening",
                "floor cleaning", "sofa lounging", "self massage", "bed resting", "twisting", "shovelling",
            ],
        ),
        Treatment => (
            &[
                "combined", "conservative", "integrative", "stepwise", "rehabilitative", "supportive", "holistic",
                "targeted", "multimodal", "preventive", "restorative", "graded",
            ],
            &[
                "therapy approach", "care plan", "pain management", "spine programme", "relief strategy",
                "recovery protocol", "treatment course", "manual medicine", "movement therapy", "symptom control",
                "posture correction", "tension release",
            ],
        ),
        Procedure => (
            &[
                "therapeutic", "clinical", "guided", "deep tissue", "segmental", "gentle", "intensive", "targeted",
                "ultrasound", "electric", "laser", "hydro",
            ],
            &[
                "massage", "acupuncture", "manual therapy", "traction", "nerve block", "physiotherapy session",
                "kinesio taping", "spinal mobilisation", "dry needling", "shockwave therapy", "electrotherapy",
                "heat wrap session",
            ],
        ),
        HomeRemedy => (
            &[
                "warm", "cold", "herbal", "salt", "mustard", "pepper", "wool", "towel", "clay", "camphor", "mint",
                "honey",
            ],
            &[
                "compress", "bath", "rub", "plaster", "wrap", "pack", "ointment", "poultice", "foot soak",
                "pillow rest", "shower", "balm",
            ],
        ),
        Exercise => (
            &[
                "gentle", "dynamic", "static", "supine", "prone", "seated", "standing", "kneeling", "slow",
                "assisted", "isometric", "rhythmic",
            ],
            &[
                "back stretch", "hip bridge", "cat camel", "pelvic tilt", "plank hold", "knee hug", "spinal twist",
                "wall slide", "bird dog", "child pose", "hamstring stretch", "shoulder roll",
            ],
        ),
        Medication => (
            &[
                "oral", "topical", "injectable", "slow release", "generic", "compound", "low dose", "liquid",
                "chewable", "transdermal", "rapid", "paediatric",
            ],
            &[
                "muscle relaxant", "ibuprofen", "diclofenac", "paracetamol", "naproxen", "tolperisone", "tizanidine",
                "magnesium supplement", "vitamin complex", "anti inflammatory gel", "analgesic", "baclofen",
            ],
        ),
        Food => (
            &[
                "fresh", "dried", "baked", "raw", "steamed", "roasted", "fermented", "pickled", "ripe", "grilled",
                "boiled", "smoked",
            ],
            &[
                "banana", "spinach", "almond", "salmon", "lentil", "apricot", "yoghurt", "buckwheat", "avocado",
                "potato", "pumpkin seed", "cottage cheese",
            ],
        ),
        Nutrient => (
            &[
                "dietary", "organic", "bound", "free", "ionic", "chelated", "plant", "animal", "trace", "soluble",
                "stored", "serum",
            ],
            &[
                "potassium", "magnesium", "calcium", "sodium", "vitamin d", "vitamin b6", "iron", "zinc", "glucose",
                "protein", "omega fat", "phosphorus",
            ],
        ),
        BodyPart => (
            &[
                "left", "right", "deep", "superficial", "inner", "outer", "anterior", "posterior", "upper", "lower",
                "central", "lateral",
            ],
            &[
                "back muscle", "trapezius", "latissimus", "spinal disc", "facet joint", "sciatic nerve",
                "lumbar vertebra", "shoulder blade", "hip joint", "calf muscle", "neck muscle", "rib cage",
            ],
        ),
        RedFlag => (
            &[
                "sudden", "unexplained", "worsening", "night time", "persistent", "one sided", "rapid", "unusual",
                "constant", "spreading", "new", "recurring",
            ],
            &[
                "leg numbness", "bladder trouble", "fever with pain", "weight loss", "chest pain",
                "weakness in legs", "pain after injury", "pain lasting weeks", "loss of balance", "saddle numbness",
                "breathing trouble", "bowel trouble",
            ],
        ),
        Specialist => (
            &[
                "senior", "sports", "paediatric", "rehabilitation", "community", "hospital", "private", "consultant",
                "family", "district", "spine", "pain clinic",
            ],
            &[
                "neurologist", "orthopaedist", "physiotherapist", "chiropractor", "massage therapist",
                "vertebrologist", "rheumatologist", "general practitioner", "osteopath", "surgeon", "acupuncturist",
                "nurse",
            ],
        ),
    }
}

/// How many nodes of each kind, relatively.
fn kind_weight(kind: Kind) -> usize {
    use Kind::*;
    match kind {
        Condition | Symptom | BodyPart => 10,
        Factor | Medication => 8,
        Harm | Mechanism | Behaviour | Food => 6,
        Procedure | HomeRemedy | Exercise => 5,
        Treatment | RedFlag => 4,
        Nutrient => 3,
        Specialist => 2,
    }
}

/// How often each relation is drawn for the random edges (`is_a` is drawn apart).
fn relation_weight(r: Relation) -> usize {
    use Relation::*;
    match r {
        // `best_of` came later: not drawn, so generated graphs stay as they were.
        IsA | BestOf => 0,
        Causes => 12,
        Presents | Treats | Relieves => 8,
        LocatedIn | Prevents => 6,
        Affects => 5,
        Benefits | Risks => 4,
        RadiatesTo | AvoidWhile | RichIn | Prescribes | IndicatedIf | ActsOn => 3,
        LackOf | ReferTo | SeeDoctorIf | PartOf => 2,
        Before | After | ReducesNeedFor | ContrastsWith | Improves => 1,
    }
}

const SECTION_WORDS: &[&str] = &[
    "causes",
    "symptoms",
    "treatment",
    "prevention",
    "diet",
    "exercise",
    "warnings",
    "diagnosis",
    "recovery",
    "massage",
    "medication",
    "posture",
    "sleep",
    "stress",
    "heat",
    "cold",
    "work",
    "sport",
    "children",
    "elderly",
];

const VARIANTS: &[&str] = &["type", "variant", "form", "pattern", "grade", "group"];

const NOTES: &[&str] = &[
    "the article gives this as an example",
    "only in the article's closing advice",
    "the article stresses this twice",
];

struct Namer {
    taken: HashSet<String>,
    counter: usize,
}

impl Namer {
    /// Claims `text` if its normal form is new.
    fn claim(&mut self, text: &str) -> bool {
        let key = normalize(text);
        !key.is_empty() && self.taken.insert(key)
    }

    /// A new multi-word name for a node of `kind`.
    fn name(&mut self, kind: Kind, rng: &mut Rng) -> String {
        let (quals, bases) = words(kind);
        for _ in 0..4 {
            let base = rng.pick(bases);
            let q1 = rng.pick(quals);
            let name = if rng.chance(50) {
                format!("{q1} {base}")
            } else {
                let q2 = rng.pick(quals);
                if q1 == q2 {
                    continue;
                }
                format!("{q1} {q2} {base}")
            };
            if self.claim(&name) {
                return name;
            }
        }
        loop {
            self.counter += 1;
            let name = format!("{} {} {} {}", rng.pick(quals), rng.pick(bases), rng.pick(VARIANTS), self.counter);
            if self.claim(&name) {
                return name;
            }
        }
    }

    /// Up to two aliases for `name`, each only if new.
    fn aliases(&mut self, name: &str, kind: Kind, rng: &mut Rng) -> Vec<String> {
        let mut out = Vec::new();
        let words: Vec<&str> = name.split(' ').collect();
        // The name without its first qualifier: "chronic lumbar myositis" → "lumbar myositis".
        if words.len() >= 3 && rng.chance(60) {
            let short = words[1..].join(" ");
            if self.claim(&short) {
                out.push(short);
            }
        }
        // Initials plus a unique number: "clm 17".
        if rng.chance(50) {
            self.counter += 1;
            let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
            let abbr = format!("{initials} {}", self.counter);
            if self.claim(&abbr) {
                out.push(abbr);
            }
        }
        // A made-up brand for some drugs: "tiz-ex 18".
        if kind == Kind::Medication && rng.chance(30) {
            self.counter += 1;
            let last = words[words.len() - 1];
            let brand = format!("{}-ex {}", &last[..last.len().min(3)], self.counter);
            if self.claim(&brand) {
                out.push(brand);
            }
        }
        out
    }
}

/// Generates a graph with about `edges` edges.
pub fn generate(edges: usize, seed: u64) -> Generated {
    let mut rng = Rng::new(seed);
    let target = edges.max(50);

    // The article: sections with 1 to 6 paragraphs.
    let section_count = (target / 100).clamp(8, 400);
    let sections: Vec<GenSection> = (0..section_count)
        .map(|i| {
            let a = rng.pick(SECTION_WORDS);
            let b = rng.pick(SECTION_WORDS);
            GenSection {
                id: format!("s{}-{a}-{b}", i + 1),
                title: format!("{} and {b}, part {}", capitalize(a), i + 1),
                paragraphs: 1 + rng.below(6) as u16,
            }
        })
        .collect();

    // Nodes: the subject first, then each kind in proportion.
    let mut namer = Namer { taken: HashSet::new(), counter: 0 };
    let mut nodes = Vec::new();
    let subject_aliases = ["muscle spasm", "back spasm"];
    for t in std::iter::once("back muscle spasm").chain(subject_aliases) {
        namer.claim(t);
    }
    nodes.push(GenNode {
        id: "back-muscle-spasm".into(),
        name: "back muscle spasm".into(),
        kind: Kind::Condition,
        aliases: subject_aliases.iter().map(|s| s.to_string()).collect(),
    });
    let node_target = (target / 4).max(40);
    let total_weight: usize = Kind::ALL.iter().map(|&k| kind_weight(k)).sum();
    let mut by_kind: Vec<Vec<u32>> = vec![Vec::new(); Kind::ALL.len()];
    for (ki, &kind) in Kind::ALL.iter().enumerate() {
        let count = (node_target * kind_weight(kind) / total_weight).max(3);
        for _ in 0..count {
            let name = namer.name(kind, &mut rng);
            let aliases = namer.aliases(&name, kind, &mut rng);
            by_kind[ki].push(nodes.len() as u32);
            nodes.push(GenNode { id: name.replace(' ', "-"), name, kind, aliases });
        }
    }

    let mut g = Builder { edges: Vec::new(), seen: HashSet::new(), touched: vec![false; nodes.len()], sections };

    // `is_a` hierarchies: level ℓ points to a node of level ℓ-1 of the same kind
    // (or, for a treatment kind at level 1, sometimes to a general treatment root).
    let mut levels: Vec<[Vec<u32>; LEVELS]> = Vec::new();
    for list in &by_kind {
        let m = list.len();
        let bounds = [(m / 500).max(1), (m * 4 / 100).max(2), (m * 12 / 100).max(3), (m * 35 / 100).max(4)];
        let mut lv: [Vec<u32>; LEVELS] = Default::default();
        for (j, &ix) in list.iter().enumerate() {
            lv[bounds.iter().filter(|&&b| b <= j).count()].push(ix);
        }
        levels.push(lv);
    }
    let treatment_roots = levels[kind_index(Kind::Treatment)][0].clone();
    for (lv, &kind) in levels.iter().zip(Kind::ALL) {
        for level in 1..LEVELS {
            for &ix in &lv[level] {
                if !rng.chance(if level == LEVELS - 1 { 45 } else { 90 }) {
                    continue;
                }
                let parents =
                    if level == 1 && kind != Kind::Treatment && Kind::TREATMENTS.contains(&kind) && rng.chance(30) {
                        &treatment_roots
                    } else {
                        &lv[level - 1]
                    };
                if parents.is_empty() {
                    continue;
                }
                let parent = *rng.pick(parents);
                g.add(ix, Relation::IsA, parent, &mut rng);
            }
        }
    }

    // The subject: a few treatments and symptoms, so the usual questions answer.
    let treat_kinds = [Kind::Procedure, Kind::HomeRemedy, Kind::Exercise, Kind::Medication];
    for i in 0..12 {
        let list = &by_kind[kind_index(treat_kinds[i % treat_kinds.len()])];
        let t = *rng.pick(list);
        let rel = if i % 2 == 0 { Relation::Treats } else { Relation::Relieves };
        g.add(t, rel, 0, &mut rng);
    }
    for _ in 0..6 {
        let s = *rng.pick(&by_kind[kind_index(Kind::Symptom)]);
        g.add(0, Relation::Presents, s, &mut rng);
    }

    // Every node gets at least one edge.
    let relations: Vec<Relation> = Relation::ALL.iter().copied().filter(|&r| r != Relation::IsA).collect();
    for ix in 0..nodes.len() as u32 {
        if g.touched[ix as usize] || g.edges.len() >= target {
            continue;
        }
        let kind = nodes[ix as usize].kind;
        let fitting: Vec<Relation> = relations
            .iter()
            .copied()
            .filter(|r| {
                let (d, r) = r.domain_range();
                d.contains(&kind) || r.contains(&kind)
            })
            .collect();
        for _ in 0..50 {
            let rel = *rng.pick(&fitting);
            let (domain, range) = rel.domain_range();
            let as_from = domain.contains(&kind);
            let as_to = range.contains(&kind);
            let from_side = match (as_from, as_to) {
                (false, false) => continue,
                (true, false) => true,
                (false, true) => false,
                (true, true) => rng.chance(50),
            };
            let other_kinds = if from_side { range } else { domain };
            let other_kind = *rng.pick(other_kinds);
            let other = *rng.pick(&by_kind[kind_index(other_kind)]);
            let (f, t) = if from_side { (ix, other) } else { (other, ix) };
            if g.add(f, rel, t, &mut rng) {
                break;
            }
        }
    }

    // The rest: random edges, relations drawn by weight.
    let weighted: Vec<Relation> =
        Relation::ALL.iter().flat_map(|&r| std::iter::repeat_n(r, relation_weight(r))).collect();
    let mut misses = 0;
    while g.edges.len() < target && misses < 1000 {
        let rel = *rng.pick(&weighted);
        let (domain, range) = rel.domain_range();
        let (fk, tk) = (*rng.pick(domain), *rng.pick(range));
        let f = *rng.pick(&by_kind[kind_index(fk)]);
        let t = *rng.pick(&by_kind[kind_index(tk)]);
        if g.add(f, rel, t, &mut rng) {
            misses = 0;
        } else {
            misses += 1;
        }
    }

    Generated { sections: g.sections, nodes, edges: g.edges, subject: 0, levels }
}

fn kind_index(kind: Kind) -> usize {
    Kind::ALL.iter().position(|&k| k == kind).expect("every kind is in ALL")
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

struct Builder {
    edges: Vec<GenEdge>,
    seen: HashSet<(u32, Relation, u32)>,
    touched: Vec<bool>,
    sections: Vec<GenSection>,
}

impl Builder {
    /// Adds an edge unless it is a loop or a repeat; cites one or two paragraphs.
    fn add(&mut self, from: u32, relation: Relation, to: u32, rng: &mut Rng) -> bool {
        if from == to || !self.seen.insert((from, relation, to)) {
            return false;
        }
        let mut sources = Vec::with_capacity(2);
        for _ in 0..if rng.chance(30) { 2 } else { 1 } {
            let s = rng.below(self.sections.len());
            let p = 1 + rng.below(self.sections[s].paragraphs as usize) as u16;
            if !sources.contains(&(s as u32, p)) {
                sources.push((s as u32, p));
            }
        }
        let certainty = match rng.below(20) {
            0..=1 => Certainty::Hedged,
            2 => Certainty::Doubtful,
            _ => Certainty::Stated,
        };
        let when = (matches!(relation, Relation::Treats | Relation::Relieves) && rng.chance(20)).then(|| {
            let from_day = rng.below(4) as u16;
            (from_day, from_day + 1 + rng.below(5) as u16)
        });
        let note = rng.chance(5).then(|| *rng.pick(NOTES));
        self.touched[from as usize] = true;
        self.touched[to as usize] = true;
        self.edges.push(GenEdge { from, relation, to, sources, certainty, when, note });
        true
    }
}

impl Generated {
    /// Writes `article.ron`, `nodes.ron` and `edges-NNN.ron` as the directory
    /// `dir`, whole or not at all: the files are written and synced in a new
    /// directory beside it, which then takes its place. An earlier output at
    /// `dir` is replaced whole, so no shard of a larger earlier graph stays
    /// to merge in, and an interrupted run leaves the old graph (or none),
    /// never part of a new one. A directory holding anything but such shards
    /// is refused rather than replaced. Returns the files written.
    pub fn write(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = dir.file_name().ok_or_else(|| std::io::Error::other("--out names no directory"))?;
        let prefix = format!(".{}.", name.to_string_lossy());
        std::fs::create_dir_all(&parent)?;
        sweep_dirs(&parent, &prefix);
        if dir.exists() {
            let foreign =
                std::fs::read_dir(dir)?.filter_map(|e| e.ok()).find(|e| !is_shard(&e.file_name().to_string_lossy()));
            if let Some(e) = foreign {
                return Err(std::io::Error::other(format!(
                    "{} holds {}, which gen_graph did not write; give a new or empty directory",
                    dir.display(),
                    e.file_name().to_string_lossy()
                )));
            }
        }
        let fresh = tempfile::Builder::new().prefix(&prefix).suffix(".kg-tmp").tempdir_in(&parent)?;
        let mut names = Vec::new();
        let mut put = |name: String, text: &str| -> std::io::Result<()> {
            let mut f = std::fs::File::create(fresh.path().join(&name))?;
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
            names.push(name);
            Ok(())
        };
        put("article.ron".into(), &self.article_ron())?;
        put("nodes.ron".into(), &self.nodes_ron())?;
        for (i, chunk) in self.edges.chunks(EDGES_PER_FILE).enumerate() {
            put(format!("edges-{i:03}.ron"), &self.edges_ron(chunk))?;
        }
        // The old output moves into a directory that is removed when dropped.
        let old = tempfile::Builder::new().prefix(&prefix).suffix(".kg-tmp").tempdir_in(&parent)?;
        if dir.exists() {
            std::fs::rename(dir, old.path().join("old"))?;
        }
        std::fs::rename(fresh.keep(), dir)?;
        Ok(names.into_iter().map(|n| dir.join(n)).collect())
    }

    pub fn article_ron(&self) -> String {
        let mut s = String::from("// A synthetic article for benchmarks (examples/gen_graph.rs).\n(\n    article: (\n");
        let _ = writeln!(s, "        title: \"Synthetic back spasm article with {} edges\",", self.edges.len());
        let _ = writeln!(s, "        subject: {:?},", self.nodes[self.subject as usize].id);
        s.push_str("        source: \"examples/gen_graph.rs\",\n        sections: [\n");
        for sec in &self.sections {
            let _ =
                writeln!(s, "            (id: {:?}, title: {:?}, paragraphs: {}),", sec.id, sec.title, sec.paragraphs);
        }
        s.push_str("        ],\n    ),\n)\n");
        s
    }

    pub fn nodes_ron(&self) -> String {
        let mut s = String::with_capacity(self.nodes.len() * 160);
        s.push_str("(\n    nodes: [\n");
        for n in &self.nodes {
            let _ = writeln!(
                s,
                "        (id: {:?}, name: {:?}, kind: {}, aliases: {:?},\n         summary: \"A {} in the synthetic article.\"),",
                n.id,
                n.name,
                n.kind,
                n.aliases,
                n.kind.label()
            );
        }
        s.push_str("    ],\n)\n");
        s
    }

    pub fn edges_ron(&self, edges: &[GenEdge]) -> String {
        let mut s = String::with_capacity(edges.len() * 140);
        s.push_str("(\n    edges: [\n");
        for e in edges {
            let _ = write!(
                s,
                "        (from: {:?}, relation: {}, to: {:?}, sources: [",
                self.nodes[e.from as usize].id, e.relation, self.nodes[e.to as usize].id
            );
            for (i, &(sec, p)) in e.sources.iter().enumerate() {
                let sep = if i == 0 { "" } else { ", " };
                let _ = write!(s, "{sep}({:?}, {p})", self.sections[sec as usize].id);
            }
            s.push(']');
            if e.certainty != Certainty::Stated {
                let _ = write!(s, ", certainty: {}", e.certainty);
            }
            if let Some((a, b)) = e.when {
                let _ = write!(s, ", when: (from_day: {a}, to_day: {b})");
            }
            if let Some(n) = e.note {
                let _ = write!(s, ", note: {n:?}");
            }
            s.push_str("),\n");
        }
        s.push_str("    ],\n)\n");
        s
    }

    /// The node at index `ix`.
    pub fn node(&self, ix: u32) -> &GenNode {
        &self.nodes[ix as usize]
    }

    /// A root of `kind`'s `is_a` hierarchy.
    pub fn root(&self, kind: Kind) -> &GenNode {
        self.node(self.levels[kind_index(kind)][0][0])
    }

    /// A node at the deepest level of `kind`'s hierarchy (or the deepest there is).
    pub fn leaf(&self, kind: Kind) -> &GenNode {
        let lv = &self.levels[kind_index(kind)];
        let list = lv.iter().rev().find(|l| !l.is_empty()).expect("every kind has nodes");
        self.node(list[list.len() / 2])
    }
}

/// Whether a file name is one `write` makes.
fn is_shard(name: &str) -> bool {
    name == "article.ron"
        || name == "nodes.ron"
        || name
            .strip_prefix("edges-")
            .and_then(|r| r.strip_suffix(".ron"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Removes the directories an interrupted `write` left beside the output
/// (`.<name>.XXXX.kg-tmp`), once they are an hour old.
fn sweep_dirs(parent: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let old = e
            .metadata()
            .ok()
            .filter(|m| m.is_dir())
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > kg::fsutil::STALE_AFTER);
        if name.starts_with(prefix) && name.ends_with(".kg-tmp") && old {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

fn main() {
    let mut edges: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed = 7u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage(&format!("{a} needs a value")));
        match a.as_str() {
            "--edges" => edges = Some(parse_count(&value())),
            "--out" => out = Some(PathBuf::from(value())),
            "--seed" => seed = value().parse().unwrap_or_else(|_| usage("--seed takes a number")),
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown argument `{other}`")),
        }
    }
    let (Some(edges), Some(out)) = (edges, out) else { usage("--edges and --out are required") };
    let started = std::time::Instant::now();
    let g = generate(edges, seed);
    let files = g.write(&out).unwrap_or_else(|e| {
        eprintln!("gen_graph: cannot write {}: {e}", out.display());
        std::process::exit(1);
    });
    eprintln!(
        "gen_graph: {} nodes, {} edges, {} sections in {} files under {} ({:.1?})",
        g.nodes.len(),
        g.edges.len(),
        g.sections.len(),
        files.len(),
        out.display(),
        started.elapsed()
    );
}

/// "100000", "100k", "1m", "1_000_000".
fn parse_count(s: &str) -> usize {
    let t = s.trim().to_lowercase().replace('_', "");
    let (num, mul) = match t.chars().last() {
        Some('k') => (&t[..t.len() - 1], 1_000),
        Some('m') => (&t[..t.len() - 1], 1_000_000),
        _ => (&t[..], 1),
    };
    num.parse::<usize>().map(|n| n * mul).unwrap_or_else(|_| usage(&format!("not a count: `{s}`")))
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("gen_graph: {problem}");
    }
    eprintln!("usage: gen_graph --edges N --out DIR [--seed S]   (N may be 10k, 1m)");
    std::process::exit(if problem.is_empty() { 0 } else { 2 });
}
