//! RDF exports: N-Triples and Turtle, the same triples in both.
//!
//! # IRI scheme
//!
//! Everything lives under the base `https://kg.example/back-spasm/`
//! (prefix `kg:` in Turtle):
//!
//! | what | IRI | triples |
//! | --- | --- | --- |
//! | a node | `kg:node/<id>` (`node:<id>`) | `rdf:type kind:<Kind>`, `rdfs:label` name, `skos:altLabel` per alias, `rdfs:comment` summary |
//! | a kind | `kg:kind/<Kind>`, the kind in CamelCase (`kind:HomeRemedy`) | `rdf:type rdfs:Class`, `rdfs:label`, `rdfs:comment` |
//! | a relation | `kg:rel/<relation>` (`rel:treats`) | `rdf:type rdf:Property`, `rdfs:label`, `rdfs:comment` |
//! | a claim | the direct triple `node:<from> rel:<relation> node:<to>` | |
//! | a denied claim (`negated`) | the triple `node:<from> notrel:<relation> node:<to>`, never the `rel:` one | `notrel:<relation>` is an `rdf:Property` labelled "not ..." |
//! | a lay word (`lay`) | its node | `kg:lay true` (it has no citation: the article does not name it) |
//! | its record | a blank node, standard RDF reification | `rdf:type rdf:Statement`, `rdf:subject`, `rdf:predicate`, `rdf:object`, `kg:certainty` (`"stated"`, `"hedged"`, `"doubtful"`), `kg:negated true` for a denied claim, `rel:source` per citation, and when present `kg:when` (in words), `kg:fromDay`, `kg:toDay` (integers), `kg:minutes`, `kg:pauseMinutes`, `kg:overMinutes` (decimals), `kg:phase` (`"start"`, `"eased"`, `"recovered"`), `kg:only true`, `kg:lasts`, `kg:whenNote`, `kg:degree` (`"slight"`, `"severe"`), `kg:note` |
//! | a citation | `kg:source/<section>/<paragraph>` | `rdf:type kg:Citation`, `kg:section` (the section's title), `kg:sectionId`, `kg:paragraph` (integer) |
//! | the article | `kg:article` | `rdf:type kg:Article`, `rdfs:label` title, `kg:subject` its subject node |
//!
//! Ids are kebab-case; any other character in an id would be
//! percent-encoded. Strings are plain literals (`xsd:string`).

use std::borrow::Cow;
use std::fmt::Write as _;

use super::{number, sorted_edges, sorted_nodes};
use crate::graph::{Graph, Ix};
use crate::model::{Kind, Relation, Source};

/// The namespaces as macros too, so fixed IRIs are joined at compile time
/// and an export allocates nothing for them.
macro_rules! base {
    () => {
        "https://kg.example/back-spasm/"
    };
}
macro_rules! rdf_ns {
    () => {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    };
}
macro_rules! rdfs_ns {
    () => {
        "http://www.w3.org/2000/01/rdf-schema#"
    };
}
/// `kg:local`, `rdf:local`, `rdfs:local` as terms, for literal locals.
macro_rules! kg {
    ($local:literal) => {
        Term::Plain(concat!(base!(), $local))
    };
}
macro_rules! rdf {
    ($local:literal) => {
        Term::Plain(concat!(rdf_ns!(), $local))
    };
}
macro_rules! rdfs {
    ($local:literal) => {
        Term::Plain(concat!(rdfs_ns!(), $local))
    };
}

pub const BASE: &str = base!();
const RDF: &str = rdf_ns!();
const RDFS: &str = rdfs_ns!();
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// Turtle prefixes, longest namespace first so the most specific wins.
const PREFIXES: &[(&str, &str)] = &[
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("skos", SKOS),
    ("xsd", XSD),
    ("node", "https://kg.example/back-spasm/node/"),
    ("kind", "https://kg.example/back-spasm/kind/"),
    ("rel", "https://kg.example/back-spasm/rel/"),
    ("notrel", "https://kg.example/back-spasm/notrel/"),
    ("kg", BASE),
];

/// An RDF term; text borrowed where it can be (from the graph, or fixed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term<'a> {
    Iri(Cow<'a, str>),
    /// A fixed IRI known to need no escaping (`kg:`, `rdf:`, `rdfs:` terms).
    Plain(&'static str),
    /// A node's IRI, `node:<id>`: kept as its id so N-Triples can write it
    /// without building the IRI first (the same holds for the next three).
    Node(Cow<'a, str>),
    /// `rel:<relation>`, or `notrel:<relation>` when denied.
    Rel(Relation, bool),
    Kind(Kind),
    /// A citation, `kg:source/<section id>/<paragraph>`.
    Source(Cow<'a, str>, u16),
    Blank(Cow<'a, str>),
    /// A literal and its datatype IRI (`None`: a plain string).
    Literal(Cow<'a, str>, Option<&'static str>),
}

pub type Triple<'a> = (Term<'a>, Term<'a>, Term<'a>);

impl Term<'_> {
    fn into_owned(self) -> Term<'static> {
        match self {
            Term::Node(id) => Term::Node(Cow::Owned(id.into_owned())),
            Term::Source(section, p) => Term::Source(Cow::Owned(section.into_owned()), p),
            Term::Rel(r, n) => Term::Rel(r, n),
            Term::Plain(i) => Term::Plain(i),
            Term::Kind(k) => Term::Kind(k),
            Term::Iri(i) => Term::Iri(Cow::Owned(i.into_owned())),
            Term::Blank(b) => Term::Blank(Cow::Owned(b.into_owned())),
            Term::Literal(v, dt) => Term::Literal(Cow::Owned(v.into_owned()), dt),
        }
    }
}

impl Term<'_> {
    /// The IRI of a term that names something (empty for other terms).
    fn iri(&self) -> String {
        match self {
            Term::Iri(i) => i.to_string(),
            Term::Plain(i) => i.to_string(),
            Term::Node(id) => node_iri(id),
            Term::Rel(r, false) => rel_iri(*r),
            Term::Rel(r, true) => not_rel_iri(*r),
            Term::Kind(k) => kind_iri(*k),
            Term::Source(section, paragraph) => format!("{BASE}source/{}/{paragraph}", segment(section)),
            Term::Blank(_) | Term::Literal(..) => String::new(),
        }
    }
}

fn iri<'a>(s: impl Into<Cow<'a, str>>) -> Term<'a> {
    Term::Iri(s.into())
}

fn string(s: &str) -> Term<'_> {
    Term::Literal(Cow::Borrowed(s), None)
}

fn integer(n: impl std::fmt::Display) -> Term<'static> {
    Term::Literal(n.to_string().into(), Some("http://www.w3.org/2001/XMLSchema#integer"))
}

fn boolean(b: bool) -> Term<'static> {
    Term::Literal(Cow::Borrowed(if b { "true" } else { "false" }), Some("http://www.w3.org/2001/XMLSchema#boolean"))
}

fn decimal(x: f32) -> Term<'static> {
    Term::Literal(number(x).into(), Some("http://www.w3.org/2001/XMLSchema#decimal"))
}

/// A path segment: unreserved characters kept, every other byte
/// percent-encoded.
pub fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_segment(&mut out, s);
    out
}

fn push_segment(out: &mut String, s: &str) {
    if s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')) {
        out.push_str(s);
        return;
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

pub fn node_iri(id: &str) -> String {
    format!("{BASE}node/{}", segment(id))
}

/// `home_remedy` → `HomeRemedy`.
pub fn kind_name(kind: Kind) -> String {
    kind.as_str()
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

pub fn kind_iri(kind: Kind) -> String {
    format!("{BASE}kind/{}", kind_name(kind))
}

pub fn rel_iri(rel: Relation) -> String {
    format!("{BASE}rel/{}", rel.as_str())
}

/// The property for claims the article denies: `notrel:<relation>`.
pub fn not_rel_iri(rel: Relation) -> String {
    format!("{BASE}notrel/{}", rel.as_str())
}

/// Hands every triple of the export, grouped by subject, to `emit`, in one
/// pass: nodes in id order each with its outgoing claims (a run of the
/// export's edge order, which is sorted by the from node's id), then one
/// statement per claim, then the citations used. Linear in the graph; only
/// the set of citations used is held.
pub fn triples(g: &Graph, emit: &mut dyn FnMut(Triple<'_>) -> std::io::Result<()>) -> std::io::Result<()> {
    let a = || rdf!("type");

    let article = kg!("article");
    emit((article.clone(), a(), kg!("Article")))?;
    emit((article.clone(), rdfs!("label"), string(&g.article.title)))?;
    emit((article, kg!("subject"), Term::Node(Cow::Borrowed(g.id(g.subject)))))?;

    for &k in Kind::ALL {
        let c = Term::Kind(k);
        emit((c.clone(), a(), rdfs!("Class")))?;
        emit((c.clone(), rdfs!("label"), string(k.label())))?;
        emit((c, rdfs!("comment"), string(k.describe())))?;
    }
    for &r in Relation::ALL {
        let p = Term::Rel(r, false);
        emit((p.clone(), a(), rdf!("Property")))?;
        emit((p.clone(), rdfs!("label"), Term::Literal(r.label().into(), None)))?;
        emit((p, rdfs!("comment"), string(r.describe())))?;
        let not = Term::Rel(r, true);
        emit((not.clone(), a(), rdf!("Property")))?;
        emit((not.clone(), rdfs!("label"), Term::Literal(format!("not {}", r.label()).into(), None)))?;
        emit((
            not,
            rdfs!("comment"),
            Term::Literal(format!("the article denies this: {}", r.negated_phrase()).into(), None),
        ))?;
    }
    let source = kg!("rel/source");
    emit((source.clone(), a(), rdf!("Property")))?;
    emit((source, rdfs!("label"), string("cited from")))?;

    let edges = sorted_edges(g);
    let mut next = 0;
    for &ix in sorted_nodes(g) {
        let n = g.node(ix);
        let s = Term::Node(Cow::Borrowed(n.id));
        emit((s.clone(), a(), Term::Kind(n.kind)))?;
        emit((s.clone(), rdfs!("label"), string(n.name)))?;
        for alias in n.aliases() {
            emit((
                s.clone(),
                iri(Cow::Borrowed(concat!("http://www.w3.org/2004/02/skos/core#", "altLabel"))),
                string(alias),
            ))?;
        }
        emit((s.clone(), rdfs!("comment"), string(n.summary)))?;
        if n.lay {
            emit((s.clone(), kg!("lay"), boolean(true)))?;
        }
        // Edges are sorted by their from node's id, as nodes are: this
        // node's edges are the next run (ids are unique, so runs never mix).
        while next < edges.len() && g.id(g.ends(edges[next]).0) < n.id {
            next += 1;
        }
        let mut last: Option<(Relation, bool, Ix)> = None;
        while next < edges.len() && g.ends(edges[next]).0 == ix {
            let e = edges[next];
            let (_, to) = g.ends(e);
            let edge = g.edge(e);
            if last != Some((edge.relation, edge.negated, to)) {
                // A denied claim is not asserted: it gets the relation's
                // negative property (`notrel:causes`) instead.
                emit((s.clone(), Term::Rel(edge.relation, edge.negated), Term::Node(Cow::Borrowed(g.id(to)))))?;
                last = Some((edge.relation, edge.negated, to));
            }
            next += 1;
        }
    }

    // The citations used, as one flag per (section, paragraph) in order.
    let mut base = Vec::with_capacity(g.article.sections.len() + 1);
    let mut total = 0usize;
    for s in &g.article.sections {
        base.push(total);
        total += usize::from(s.paragraphs) + 1;
    }
    let mut cited = vec![false; total];
    let mut cite = |src: Source| {
        if let Some(flag) =
            base.get(usize::from(src.section)).and_then(|&b| cited.get_mut(b + usize::from(src.paragraph)))
        {
            *flag = true;
        }
    };
    for (i, &e) in edges.iter().enumerate() {
        let edge = g.edge(e);
        let (from, to) = (edge.from, edge.to);
        let blank = format!("e{}", i + 1);
        let st = Term::Blank(Cow::Borrowed(&blank));
        emit((st.clone(), a(), rdf!("Statement")))?;
        emit((st.clone(), rdf!("subject"), Term::Node(Cow::Borrowed(g.id(from)))))?;
        emit((st.clone(), rdf!("predicate"), Term::Rel(edge.relation, false)))?;
        emit((st.clone(), rdf!("object"), Term::Node(Cow::Borrowed(g.id(to)))))?;
        emit((st.clone(), kg!("certainty"), string(edge.certainty.as_str())))?;
        if edge.negated {
            emit((st.clone(), kg!("negated"), boolean(true)))?;
        }
        if edge.degree != crate::model::Degree::Plain {
            emit((st.clone(), kg!("degree"), string(edge.degree.as_str())))?;
        }
        for &src in edge.sources {
            emit((st.clone(), kg!("rel/source"), Term::Source(Cow::Borrowed(&g.section(src).id), src.paragraph)))?;
            cite(src);
        }
        if let Some(w) = &edge.when {
            emit((st.clone(), kg!("when"), Term::Literal(w.text().into(), None)))?;
            if let Some(d) = w.from_day {
                emit((st.clone(), kg!("fromDay"), integer(d)))?;
            }
            if let Some(d) = w.to_day {
                emit((st.clone(), kg!("toDay"), integer(d)))?;
            }
            if let Some(m) = w.minutes {
                emit((st.clone(), kg!("minutes"), decimal(m)))?;
            }
            if let Some(m) = w.pause_minutes {
                emit((st.clone(), kg!("pauseMinutes"), decimal(m)))?;
            }
            if let Some(m) = w.over_minutes {
                emit((st.clone(), kg!("overMinutes"), decimal(m)))?;
            }
            if let Some(p) = w.phase {
                emit((st.clone(), kg!("phase"), string(p.as_str())))?;
            }
            if w.only {
                emit((st.clone(), kg!("only"), boolean(true)))?;
            }
            if let Some(l) = &w.lasts {
                emit((st.clone(), kg!("lasts"), string(l)))?;
            }
            if let Some(n) = &w.note {
                emit((st.clone(), kg!("whenNote"), string(n)))?;
            }
        }
        if let Some(n) = edge.note {
            emit((st, kg!("note"), string(n)))?;
        }
    }

    let used = g.article.sections.iter().enumerate().flat_map(|(i, s)| {
        let b = base[i];
        let cited = &cited;
        (0..=s.paragraphs)
            .filter(move |&p| cited[b + usize::from(p)])
            .map(move |p| Source { section: i as u16, paragraph: p })
    });
    for src in used {
        let c = Term::Source(Cow::Borrowed(&g.section(src).id), src.paragraph);
        emit((c.clone(), a(), kg!("Citation")))?;
        emit((c.clone(), kg!("section"), string(&g.section(src).title)))?;
        emit((c.clone(), kg!("sectionId"), string(&g.section(src).id)))?;
        emit((c, kg!("paragraph"), integer(src.paragraph)))?;
    }
    Ok(())
}

/// A literal's text, quoted: `\\ \" \n \r \t` escaped, other control
/// characters as `\uXXXX`; the same rules hold in N-Triples and Turtle.
pub fn quote_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_literal(&mut out, s);
    out
}

fn push_literal(out: &mut String, s: &str) {
    out.push('"');
    // Most text needs no escape: copy it whole.
    // (0xC2 leads the C1 controls U+0080..U+009F; other characters it leads
    // merely take the slow path.)
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\' || b == 0x7f || b == 0xC2) {
        out.push_str(s);
        out.push('"');
        return;
    }
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `<iri>`, with the characters an IRI reference may not hold
/// (`<>"{}|^`\` , spaces and controls) written as `\uXXXX`.
pub fn quote_iri(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_iri(&mut out, s);
    out
}

fn push_iri(out: &mut String, s: &str) {
    out.push('<');
    let plain = |b: u8| b > b' ' && !matches!(b, b'<' | b'>' | b'"' | b'{' | b'}' | b'|' | b'^' | b'`' | b'\\');
    if s.bytes().all(plain) {
        out.push_str(s);
        out.push('>');
        return;
    }
    for c in s.chars() {
        if c <= ' ' || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\') {
            let _ = write!(out, "\\u{:04X}", c as u32);
        } else {
            out.push(c);
        }
    }
    out.push('>');
}

/// Appends a term as N-Triples writes it.
fn push_nt(out: &mut String, t: &Term) {
    match t {
        Term::Iri(i) => push_iri(out, i),
        Term::Plain(i) => {
            out.push('<');
            out.push_str(i);
            out.push('>');
        }
        // Segments hold only unreserved characters and `%XX`: nothing in
        // them needs escaping inside `<...>`.
        Term::Node(id) => {
            out.push_str(concat!("<", base!(), "node/"));
            push_segment(out, id);
            out.push('>');
        }
        Term::Source(section, paragraph) => {
            out.push_str(concat!("<", base!(), "source/"));
            push_segment(out, section);
            let _ = write!(out, "/{paragraph}>");
        }
        Term::Rel(..) | Term::Kind(_) => push_iri(out, &t.iri()),
        Term::Blank(b) => {
            out.push_str("_:");
            out.push_str(b);
        }
        Term::Literal(v, dt) => {
            push_literal(out, v);
            if let Some(dt) = dt {
                out.push_str("^^");
                push_iri(out, dt);
            }
        }
    }
}

/// The graph as N-Triples, one triple a line, streamed: each line built in
/// one buffer, reused.
pub fn ntriples(g: &Graph, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut line = String::with_capacity(256);
    triples(g, &mut |(s, p, o)| {
        line.clear();
        push_nt(&mut line, &s);
        line.push(' ');
        push_nt(&mut line, &p);
        line.push(' ');
        push_nt(&mut line, &o);
        line.push_str(" .\n");
        out.write_all(line.as_bytes())
    })
}

/// Whether `local` can follow a prefix unescaped: a conservative subset of
/// Turtle's PN_LOCAL.
fn safe_local(local: &str) -> bool {
    let mut chars = local.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn ttl_iri(i: &str) -> String {
    if i == format!("{RDF}type") {
        return "a".to_string();
    }
    for (prefix, ns) in PREFIXES {
        if let Some(local) = i.strip_prefix(ns)
            && safe_local(local)
        {
            return format!("{prefix}:{local}");
        }
    }
    quote_iri(i)
}

fn ttl_term(t: &Term) -> String {
    match t {
        Term::Iri(i) => ttl_iri(i),
        Term::Plain(i) => ttl_iri(i),
        Term::Node(_) | Term::Rel(..) | Term::Kind(_) | Term::Source(..) => ttl_iri(&t.iri()),
        Term::Blank(b) => format!("_:{b}"),
        Term::Literal(v, None) => quote_literal(v),
        Term::Literal(v, Some(dt)) => format!("{}^^{}", quote_literal(v), ttl_iri(dt)),
    }
}

/// The graph as Turtle: prefixes, then one block per subject, streamed
/// (only the last triple's subject and predicate are held).
pub fn turtle(g: &Graph, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(b"# The knowledge graph of one health article; see `kg export --help` for the IRI scheme.\n")?;
    writeln!(out, "# {}", g.article.title.replace(['\n', '\r'], " "))?;
    for (prefix, ns) in PREFIXES {
        writeln!(out, "@prefix {prefix}: {} .", quote_iri(ns))?;
    }
    let mut prev: Option<(Term, Term)> = None;
    triples(g, &mut |(s, p, o)| {
        match &prev {
            Some((ps, pp)) if *ps == s && *pp == p => write!(out, " ,\n        {}", ttl_term(&o))?,
            Some((ps, _)) if *ps == s => write!(out, " ;\n    {} {}", ttl_term(&p), ttl_term(&o))?,
            _ => {
                if prev.is_some() {
                    out.write_all(b" .\n")?;
                }
                write!(out, "\n{} {} {}", ttl_term(&s), ttl_term(&p), ttl_term(&o))?;
            }
        }
        if !matches!(&prev, Some((ps, pp)) if *ps == s && *pp == p) {
            prev = Some((s.into_owned(), p.into_owned()));
        }
        Ok(())
    })?;
    if prev.is_some() {
        out.write_all(b" .\n")?;
    }
    Ok(())
}

/// An export into a string, for tests.
pub fn to_string(export: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    let _ = export(&mut out);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_and_iris_are_escaped() {
        assert_eq!(quote_literal("a \"b\" c\\d\ne\rf\tg\u{1}"), "\"a \\\"b\\\" c\\\\d\\ne\\rf\\tg\\u0001\"");
        assert_eq!(quote_literal("¶ Rücken"), "\"¶ Rücken\"");
        assert_eq!(quote_iri("http://x/a b<c>"), "<http://x/a\\u0020b\\u003Cc\\u003E>");
        assert_eq!(segment("ice-pack"), "ice-pack");
        assert_eq!(segment("a b/ü"), "a%20b%2F%C3%BC");
        assert_eq!(kind_name(Kind::HomeRemedy), "HomeRemedy");
        assert_eq!(kind_name(Kind::Food), "Food");
    }

    #[test]
    fn turtle_uses_prefixes_only_for_safe_names() {
        assert_eq!(ttl_iri(&node_iri("back-muscle-spasm")), "node:back-muscle-spasm");
        assert_eq!(ttl_iri(&rel_iri(Relation::AvoidWhile)), "rel:avoid_while");
        assert_eq!(ttl_iri(&format!("{BASE}source/ice/1")), "<https://kg.example/back-spasm/source/ice/1>");
        assert_eq!(ttl_iri(&format!("{RDF}type")), "a");
    }

    #[test]
    fn every_edge_is_a_direct_triple_and_a_statement() {
        let g = crate::bundled::graph().expect("bundled graph");
        let nt = to_string(|w| ntriples(&g, w));
        let statements = nt.lines().filter(|l| l.ends_with(&format!("<{RDF}Statement> ."))).count();
        assert_eq!(statements, g.edge_count());
        assert_eq!(nt, to_string(|w| ntriples(&g, w)), "deterministic");
        let ttl = to_string(|w| turtle(&g, w));
        assert!(ttl.contains("@prefix node: <https://kg.example/back-spasm/node/> ."));
    }
}
