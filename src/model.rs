//! The schema: node kinds, relations, nodes, edges and citations, as serde
//! types read from the RON graph files, plus the checked form the loader
//! produces and the compiled format is written from.
//!
//! This module knows nothing else of the crate, so `build.rs` can include it.

use serde::{Deserialize, Serialize};

macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $($variant:ident = $text:literal : $doc:literal,)* }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $(#[doc = $doc] $variant,)* }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The name used in graph files, queries and output.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }

            /// One line saying what the value means.
            pub fn describe(self) -> &'static str {
                match self { $($name::$variant => $doc,)* }
            }

            /// The value with this name, if any.
            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }

            /// Every name, for "did you mean" and completion.
            pub fn names() -> impl Iterator<Item = &'static str> {
                Self::ALL.iter().map(|v| v.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named_enum! {
    /// What a node is.
    pub enum Kind {
        Condition = "condition": "a disorder or bodily state (the spasm itself, osteochondrosis, a calcium deficiency)",
        Symptom = "symptom": "something the patient feels or cannot do",
        Harm = "harm": "damage or a bad outcome: from a condition, a misuse or a side effect",
        Mechanism = "mechanism": "a bodily process the article uses to explain a cause or a harm",
        Factor = "factor": "a state or exposure that brings a spasm on (stress, heat, fatigue)",
        Behaviour = "behaviour": "something a person does, sensible or not",
        Treatment = "treatment": "a general class of treatment or approach",
        Procedure = "procedure": "a treatment given by a professional",
        HomeRemedy = "home_remedy": "a treatment a person can do at home",
        Exercise = "exercise": "physical training, stretching or warming up",
        Medication = "medication": "a drug or class of drugs",
        Food = "food": "a food or drink",
        Nutrient = "nutrient": "a substance in food or drink the body needs",
        BodyPart = "body_part": "a part of the body: muscle, organ, nerve, region",
        RedFlag = "red_flag": "a sign that means it is time to see a doctor",
        Specialist = "specialist": "a health professional",
    }
}

named_enum! {
    /// How the article puts a claim.
    pub enum Certainty {
        Stated = "stated": "the article states it plainly (a plain \"can\" of a risk or a capacity is stated)",
        Hedged = "hedged": "the article itself qualifies it (may, might, in some cases, some experts, causes not established) or we infer it",
        Doubtful = "doubtful": "the article asserts it but gives no support, or it is vague; kept as the article's claim, not endorsed",
    }
}

named_enum! {
    /// A stage of the spasm the article names without a count of days.
    pub enum Phase {
        Start = "start": "the very start of the spasm and of its treatment",
        Eased = "eased": "once the spasm has eased a little",
        Recovered = "recovered": "after a full recovery",
    }
}

named_enum! {
    /// How strongly the article puts a risk or an effect.
    pub enum Degree {
        Plain = "plain": "as the relation says",
        Slight = "slight": "the article says it is small or few (a minimum of side effects)",
        Severe = "severe": "the article says it is very serious or can kill",
    }
}

// The variants are declared through a macro, so `#[default]` cannot be used.
#[allow(clippy::derivable_impls)]
impl Default for Degree {
    fn default() -> Self {
        Degree::Plain
    }
}

impl Phase {
    /// The stage in words, as a condition: "once the spasm has eased a little".
    pub fn text(self) -> &'static str {
        match self {
            Phase::Start => "at the very start",
            Phase::Eased => "once the spasm has eased a little",
            Phase::Recovered => "after a full recovery",
        }
    }
}

named_enum! {
    /// How two nodes are related. Each relation has a domain and a range.
    pub enum Relation {
        IsA = "is_a": "a kind of: what is said of the class holds for the member",
        PartOf = "part_of": "a body part inside a larger one",
        Causes = "causes": "brings about or leads to",
        Presents = "presents": "a condition shows this symptom",
        LocatedIn = "located_in": "is found or felt in this body part",
        RadiatesTo = "radiates_to": "pain spreads to this body part",
        Affects = "affects": "acts on this body part, for the worse",
        Benefits = "benefits": "acts on this body part, for the better",
        Treats = "treats": "changes the condition itself",
        Relieves = "relieves": "eases it for a while or eases its symptoms",
        Prevents = "prevents": "keeps it from happening or coming back",
        AvoidWhile = "avoid_while": "a contraindication: do not do the first while on or using the second",
        Risks = "risks": "what can go wrong: a side effect or a misuse and the harm it can do",
        RichIn = "rich_in": "a food that is a source of this nutrient",
        LackOf = "lack_of": "a shortage of this nutrient",
        ReferTo = "refer_to": "sends the patient on to this specialist or procedure",
        Prescribes = "prescribes": "a professional prescribes or gives this treatment",
        SeeDoctorIf = "see_doctor_if": "see a doctor when this red flag appears",
        IndicatedIf = "indicated_if": "this treatment suits, or should only be considered, when this holds",
        Before = "before": "done before the second",
        After = "after": "done after the second",
        ActsOn = "acts_on": "works through this body part or process",
        ReducesNeedFor = "reduces_need_for": "makes the second less needed",
        ContrastsWith = "contrasts_with": "the article sets the two apart",
        Improves = "improves": "makes the second work better",
        BestOf = "best_of": "the article calls the first the best kind of the second",
    }
}

// The variants are declared through a macro, so `#[default]` cannot be used.
#[allow(clippy::derivable_impls)]
impl Default for Certainty {
    fn default() -> Self {
        Certainty::Stated
    }
}

impl Kind {
    /// Kinds that are something a person can do or take to get better.
    pub const TREATMENTS: &'static [Kind] =
        &[Kind::Treatment, Kind::Procedure, Kind::HomeRemedy, Kind::Exercise, Kind::Medication];

    /// The name with spaces, for prose.
    pub fn label(self) -> &'static str {
        match self {
            Kind::HomeRemedy => "home remedy",
            Kind::BodyPart => "body part",
            Kind::RedFlag => "red flag",
            other => other.as_str(),
        }
    }

    /// Whether `self` may be a kind of `parent`: the same kind, or any
    /// treatment under the general `treatment` class.
    pub fn may_be_a(self, parent: Kind) -> bool {
        self == parent || (parent == Kind::Treatment && Kind::TREATMENTS.contains(&self))
    }
}

use Kind::*;

const ANY: &[Kind] = Kind::ALL;
const TREAT: &[Kind] = Kind::TREATMENTS;
const STATES: &[Kind] = &[Condition, Symptom, Harm, Mechanism, Factor];
const ACTS: &[Kind] = &[Treatment, Procedure, HomeRemedy, Exercise, Medication, Behaviour, Food];
/// What can treat or relieve: the treatments, and a behaviour (starting
/// early, or, negated, waiting for it to pass).
const DOERS: &[Kind] = &[Treatment, Procedure, HomeRemedy, Exercise, Medication, Behaviour];

impl Relation {
    /// The kinds allowed at the `from` end and at the `to` end.
    pub fn domain_range(self) -> (&'static [Kind], &'static [Kind]) {
        use Relation::*;
        match self {
            IsA => (ANY, ANY),
            PartOf => (&[BodyPart], &[BodyPart]),
            Causes => (
                &[
                    Condition, Symptom, Harm, Mechanism, Factor, Behaviour, Treatment, Procedure, HomeRemedy, Exercise,
                    Medication, Food,
                ],
                STATES,
            ),
            Presents => (&[Condition], &[Symptom]),
            LocatedIn => (&[Condition, Symptom, Harm, Mechanism, Factor, RedFlag], &[BodyPart]),
            RadiatesTo => (&[Condition, Symptom], &[BodyPart]),
            Affects => (&[Condition, Symptom, Harm, Mechanism, Factor, Behaviour], &[BodyPart]),
            Benefits => (&[Treatment, Procedure, HomeRemedy, Exercise, Medication, Food, Nutrient], &[BodyPart]),
            Treats | Relieves => (DOERS, &[Condition, Symptom, Harm, Mechanism]),
            Prevents => (&[Treatment, Procedure, HomeRemedy, Exercise, Medication, Behaviour, Food, Nutrient], STATES),
            AvoidWhile => (
                &[Treatment, Procedure, HomeRemedy, Exercise, Medication, Behaviour, Food, Factor],
                &[Treatment, Procedure, HomeRemedy, Exercise, Medication, Behaviour, Condition, RedFlag],
            ),
            Risks => (
                &[Treatment, Procedure, HomeRemedy, Exercise, Medication, Behaviour, Food, Factor],
                &[Harm, Condition, Symptom],
            ),
            RichIn => (&[Food], &[Nutrient]),
            LackOf => (&[Condition, Factor, Mechanism], &[Nutrient]),
            ReferTo => (&[Specialist, RedFlag, Condition], &[Specialist, Procedure]),
            Prescribes => (&[Specialist], TREAT),
            SeeDoctorIf => (&[Condition], &[RedFlag]),
            IndicatedIf => (TREAT, &[Condition, Symptom, Harm, Factor, RedFlag]),
            Before | After => (
                &[Treatment, Procedure, HomeRemedy, Exercise, Medication, Behaviour],
                &[Treatment, Procedure, HomeRemedy, Exercise, Medication, Behaviour],
            ),
            ActsOn => (TREAT, &[BodyPart, Mechanism]),
            ReducesNeedFor | ContrastsWith => (TREAT, TREAT),
            Improves => (ACTS, TREAT),
            BestOf => (TREAT, TREAT),
        }
    }

    /// The relation's name with spaces, for headings.
    pub fn label(self) -> String {
        self.as_str().replace('_', " ")
    }

    /// How `X relation Y` reads as a sentence: "X is rich in Y".
    pub fn phrase(self) -> &'static str {
        use Relation::*;
        match self {
            IsA => "is a kind of",
            PartOf => "is part of",
            Causes => "causes",
            Presents => "presents with",
            LocatedIn => "is located in",
            RadiatesTo => "radiates to",
            Affects => "affects",
            Benefits => "benefits",
            Treats => "treats",
            Relieves => "relieves",
            Prevents => "prevents",
            AvoidWhile => "is to be avoided while on",
            Risks => "risks",
            RichIn => "is rich in",
            LackOf => "is a lack of",
            ReferTo => "refers to",
            Prescribes => "prescribes",
            SeeDoctorIf => "needs a doctor if there is",
            IndicatedIf => "is indicated for",
            Before => "comes before",
            After => "comes after",
            ActsOn => "acts on",
            ReducesNeedFor => "reduces the need for",
            ContrastsWith => "contrasts with",
            Improves => "makes better",
            BestOf => "is the best kind of",
        }
    }

    /// How `X relation Y` reads when the article says it does not hold:
    /// "X does not cause Y".
    pub fn negated_phrase(self) -> String {
        use Relation::*;
        match self {
            IsA => "is not a kind of".into(),
            PartOf => "is not part of".into(),
            RichIn => "is not a source of".into(),
            AvoidWhile => "need not be avoided while on".into(),
            LackOf => "is not a lack of".into(),
            SeeDoctorIf => "needs no doctor for".into(),
            IndicatedIf => "is not indicated for".into(),
            Before => "does not come before".into(),
            After => "does not come after".into(),
            other if other.phrase().starts_with("is ") => other.phrase().replacen("is ", "is not ", 1),
            other => {
                let p = other.phrase();
                let (verb, rest) = p.split_once(' ').unwrap_or((p, ""));
                let base = verb
                    .strip_suffix("es")
                    .filter(|b| b.ends_with("ss") || b.ends_with("sh"))
                    .or_else(|| verb.strip_suffix('s'))
                    .unwrap_or(verb);
                if rest.is_empty() { format!("does not {base}") } else { format!("does not {base} {rest}") }
            }
        }
    }

    /// How the relation reads from its `to` end: `X treats Y` shows at `Y`
    /// as "treated by X".
    pub fn inverse_label(self) -> &'static str {
        use Relation::*;
        match self {
            IsA => "includes",
            PartOf => "has part",
            Causes => "caused by",
            Presents => "symptom of",
            LocatedIn => "site of",
            RadiatesTo => "pain spreads here from",
            Affects => "affected by",
            Benefits => "helped by",
            Treats => "treated by",
            Relieves => "relieved by",
            Prevents => "prevented by",
            AvoidWhile => "avoid while on it",
            Risks => "risked by",
            RichIn => "found in",
            LackOf => "lacking in",
            ReferTo => "referred from",
            Prescribes => "prescribed by",
            SeeDoctorIf => "red flag of",
            IndicatedIf => "indication for",
            Before => "preceded by",
            After => "followed by",
            ActsOn => "acted on by",
            ReducesNeedFor => "needed less thanks to",
            ContrastsWith => "contrasted with",
            Improves => "made better by",
            BestOf => "best done as",
        }
    }
}

/// A citation: a section id and a 1-based paragraph number, written
/// `("ice-pack", 1)` in graph files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cite(pub String, pub u16);

/// When a claim holds: the conditions the article puts on it, as fields a
/// yes/no verdict can read. Days count since the spasm began; the window
/// covers day `d` when `from_day <= d < to_day`, either end open.
/// `minutes` is a session of about that long (the claim holds for sessions up
/// to it), `over_minutes` the opposite (it holds only past that long: icing
/// too long), `pause_minutes` the rest between sessions. `phase` is a stage
/// the article names without days ("once the spasm has eased a little").
/// `only` on an `indicated_if` edge says the treatment is for those cases
/// only (surgery), not merely suited to them. `lasts` is how long the effect
/// lasts; `note` what is left in words.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    #[serde(default)]
    pub from_day: Option<u16>,
    #[serde(default)]
    pub to_day: Option<u16>,
    #[serde(default)]
    pub minutes: Option<f32>,
    #[serde(default)]
    pub pause_minutes: Option<f32>,
    /// Holds only for a session longer than this many minutes.
    #[serde(default)]
    pub over_minutes: Option<f32>,
    /// A stage of the spasm with no day count.
    #[serde(default)]
    pub phase: Option<Phase>,
    /// On `indicated_if`: only in these cases, not otherwise.
    #[serde(default)]
    pub only: bool,
    /// How long the effect lasts, in our own words ("several months").
    #[serde(default)]
    pub lasts: Option<String>,
    /// In our own words, e.g. "until the pain eases".
    #[serde(default)]
    pub note: Option<String>,
}

impl Window {
    /// Whether the window gives days at all: a window with only minutes,
    /// a duration or a note says nothing about when in the course of a
    /// spasm something applies.
    pub fn has_days(&self) -> bool {
        self.from_day.is_some() || self.to_day.is_some()
    }

    /// Whether the window's note gives a length of time in words ("a few
    /// minutes of a hot jet, then half a minute of cool water").
    pub fn note_gives_length(&self) -> bool {
        self.note.as_deref().is_some_and(|n| {
            n.split(|c: char| !c.is_alphanumeric())
                .any(|w| matches!(w, "second" | "seconds" | "minute" | "minutes" | "hour" | "hours"))
        })
    }

    /// Whether the window shares at least one day with `[from, to)`.
    pub fn overlaps(&self, from: u16, to: Option<u16>) -> bool {
        let starts_before_end = to.is_none_or(|to| self.from_day.unwrap_or(0) < to);
        let ends_after_start = self.to_day.is_none_or(|end| end > from);
        starts_before_end && ends_after_start
    }

    /// The window in words: "first 3 days; about 20 minutes at a time, then 90 minutes off".
    pub fn text(&self) -> String {
        let mut parts = Vec::new();
        match (self.from_day, self.to_day) {
            (None | Some(0), Some(t)) => parts.push(format!("first {t} days")),
            (Some(f), Some(t)) => parts.push(format!("days {f} to {t}")),
            (Some(0), None) => parts.push("from the start".to_string()),
            (Some(f), None) => parts.push(format!("after the first {f} days (from day {f})")),
            (None, None) => {}
        }
        let num = |x: f32| if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x}") };
        if let Some(m) = self.minutes {
            let mut s = format!("about {} minutes at a time", num(m));
            if let Some(p) = self.pause_minutes {
                s.push_str(&format!(", then {} minutes off", num(p)));
            }
            parts.push(s);
        } else if let Some(p) = self.pause_minutes {
            parts.push(format!("{} minutes between sessions", num(p)));
        }
        if let Some(m) = self.over_minutes {
            parts.push(format!("longer than about {} minutes at a time", num(m)));
        }
        if let Some(p) = self.phase {
            parts.push(p.text().to_string());
        }
        if self.only {
            parts.push("only in this case".to_string());
        }
        if let Some(l) = &self.lasts {
            parts.push(format!("lasts {l}"));
        }
        if let Some(n) = &self.note {
            parts.push(n.clone());
        }
        parts.join("; ")
    }
}

/// A section of the article, as cited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub paragraphs: u16,
}

/// The article the graph encodes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub title: String,
    /// The id of the node the article is about: the default entity for
    /// questions that name none ("when should I see a doctor").
    pub subject: String,
    /// Where the text came from, for the record.
    #[serde(default)]
    pub source: String,
    pub sections: Vec<Section>,
}

/// A node as written in a graph file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub summary: String,
    /// A lay word the article never uses (a drug or a brand people ask
    /// about), joined to the article's node it is a kind of by an uncited
    /// `is_a` edge, so an answer about it says how it reaches the article.
    #[serde(default)]
    pub lay: bool,
    /// The article says what this is or how it is done, not only names it:
    /// "what is X" is answered only for such nodes.
    #[serde(default)]
    pub described: bool,
}

/// An edge as written in a graph file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EdgeDef {
    pub from: String,
    pub relation: Relation,
    pub to: String,
    pub sources: Vec<Cite>,
    #[serde(default)]
    pub when: Option<Window>,
    #[serde(default)]
    pub certainty: Certainty,
    /// The article says the relation does *not* hold ("not addictive",
    /// "will not go away by itself"). Plain relation steps never follow a
    /// negated edge; `!relation` in a query matches only them.
    #[serde(default)]
    pub negated: bool,
    /// Why, in our own words: the reason behind a warning, say.
    #[serde(default)]
    pub note: Option<String>,
    /// How strongly the article puts it: `slight` (few side effects),
    /// `severe` (very serious, can kill); `plain` by default.
    #[serde(default)]
    pub degree: Degree,
}

/// One graph file: any of an article description, nodes and edges.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GraphFile {
    #[serde(default)]
    pub article: Option<Article>,
    #[serde(default)]
    pub nodes: Vec<Node>,
    #[serde(default)]
    pub edges: Vec<EdgeDef>,
}

/// A checked citation: indexes into the article's sections. `#[repr(C)]`,
/// so the compiled graph's citations are read as a slice of these in place.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    pub section: u16,
    pub paragraph: u16,
}

/// A checked edge: its ends are indexes into [`GraphData::nodes`].
///
/// Kept small, since a graph may hold millions: the citations are a boxed
/// slice, and the rarely set timing window and note are boxed (56 bytes in
/// all, instead of 112 with them inline). Serialized exactly as a `Vec`, a
/// `Window` and a `String` would be.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    pub from: u32,
    pub relation: Relation,
    pub to: u32,
    pub sources: Box<[Source]>,
    pub when: Option<Box<Window>>,
    pub certainty: Certainty,
    pub negated: bool,
    pub note: Option<Box<str>>,
    pub degree: Degree,
}

/// A checked graph: what the loader produces, and what the compiled format
/// (`src/compiled/`) is written from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GraphData {
    pub article: Article,
    /// Index of the article's subject in `nodes`.
    pub subject: u32,
    #[serde(deserialize_with = "exact_vec")]
    pub nodes: Vec<Node>,
    #[serde(deserialize_with = "exact_vec")]
    pub edges: Vec<Edge>,
    /// Every normalized id, name and alias with the nodes it names, sorted
    /// by form: computed once when the graph is checked (at build time for
    /// the bundled graph), so a question never normalizes the whole graph.
    pub names: NameIndex,
    /// Node indexes sorted by id, for lookups by id.
    #[serde(deserialize_with = "exact_vec")]
    pub id_order: Vec<u32>,
}

/// The name index, flat: form `i` is `text[form_ends[i-1]..form_ends[i]]`
/// and names the nodes `nodes[node_ends[i-1]..node_ends[i]]` (indexes into
/// [`GraphData::nodes`]). Four allocations however large the graph.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NameIndex {
    pub text: String,
    #[serde(deserialize_with = "exact_vec")]
    pub form_ends: Vec<u32>,
    #[serde(deserialize_with = "exact_vec")]
    pub node_ends: Vec<u32>,
    #[serde(deserialize_with = "exact_vec")]
    pub nodes: Vec<u32>,
}

impl NameIndex {
    pub fn len(&self) -> usize {
        self.form_ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.form_ends.is_empty()
    }

    fn span(ends: &[u32], i: usize) -> std::ops::Range<usize> {
        let start = if i == 0 { 0 } else { ends[i - 1] as usize };
        start..ends[i] as usize
    }

    /// The `i`th form.
    pub fn form(&self, i: usize) -> &str {
        &self.text[Self::span(&self.form_ends, i)]
    }

    /// Where the nodes of the `i`th form are in `nodes`.
    pub fn node_span(&self, i: usize) -> std::ops::Range<usize> {
        Self::span(&self.node_ends, i)
    }

    /// The position of a form, by binary search.
    pub fn find(&self, form: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.form(mid).cmp(form) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// Whether the index is well formed for `node_count` nodes: ends rising
    /// and in range, cuts on char boundaries, node indexes in range. A
    /// damaged cache entry must not panic later.
    pub fn is_valid(&self, node_count: usize) -> bool {
        let rising = |ends: &[u32], max: usize| {
            ends.windows(2).all(|w| w[0] <= w[1]) && ends.last().is_none_or(|&e| e as usize == max)
        };
        self.form_ends.len() == self.node_ends.len()
            && rising(&self.form_ends, self.text.len())
            && rising(&self.node_ends, self.nodes.len())
            && self.form_ends.iter().all(|&e| self.text.is_char_boundary(e as usize))
            && self.nodes.iter().all(|&n| (n as usize) < node_count)
    }
}

/// Decodes a sequence into a vector allocated once at its stated length
/// (serde's own visitor starts small and doubles, which at a million edges
/// leaves a third of the vector unused and briefly holds two copies). The
/// stated length is trusted up to 2^24 elements, then the vector grows.
fn exact_vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Exact<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Exact<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 24));
            while let Some(x) = seq.next_element()? {
                v.push(x);
            }
            Ok(v)
        }
    }
    d.deserialize_seq(Exact(std::marker::PhantomData))
}

impl GraphData {
    /// How many citations the edges carry in all.
    pub fn citation_count(&self) -> usize {
        self.edges.iter().map(|e| e.sources.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_in_words() {
        let ice = Window {
            from_day: Some(0),
            to_day: Some(3),
            minutes: Some(20.0),
            pause_minutes: Some(90.0),
            ..Window::default()
        };
        assert_eq!(ice.text(), "first 3 days; about 20 minutes at a time, then 90 minutes off");
        let heat = Window { from_day: Some(3), ..Window::default() };
        assert_eq!(heat.text(), "after the first 3 days (from day 3)");
        let shower = Window { minutes: Some(0.5), ..Window::default() };
        assert_eq!(shower.text(), "about 0.5 minutes at a time");
    }
}
