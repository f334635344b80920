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
//! | its record | a blank node, standard RDF reification | `rdf:type rdf:Statement`, `rdf:subject`, `rdf:predicate`, `rdf:object`, `kg:certainty` (`"stated"`, `"hedged"`, `"doubtful"`), `kg:negated true` for a denied claim, `rel:source` per citation, and when present `kg:when` (in words), `kg:fromDay`, `kg:toDay` (integers), `kg:minutes`, `kg:pauseMinutes` (decimals), `kg:lasts`, `kg:whenNote`, `kg:note` |
//! | a citation | `kg:source/<section>/<paragraph>` | `rdf:type kg:Citation`, `kg:section` (the section's title), `kg:sectionId`, `kg:paragraph` (integer) |
//! | the article | `kg:article` | `rdf:type kg:Article`, `rdfs:label` title, `kg:subject` its subject node |
//!
//! Ids are kebab-case; any other character in an id would be
//! percent-encoded. Strings are plain literals (`xsd:string`).

use std::fmt::Write as _;

use super::{number, sorted_edges, sorted_nodes};
use crate::graph::{Graph, Ix};
use crate::model::{Kind, Relation, Source};

pub const BASE: &str = "https://kg.example/back-spasm/";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
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

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    Iri(String),
    Blank(String),
    /// A literal and its datatype IRI (`None`: a plain string).
    Literal(String, Option<&'static str>),
}

pub type Triple = (Term, Term, Term);

fn iri(s: impl Into<String>) -> Term {
    Term::Iri(s.into())
}

fn kg(local: &str) -> Term {
    iri(format!("{BASE}{local}"))
}

fn string(s: &str) -> Term {
    Term::Literal(s.to_string(), None)
}

fn integer(n: impl std::fmt::Display) -> Term {
    Term::Literal(n.to_string(), Some("http://www.w3.org/2001/XMLSchema#integer"))
}

fn boolean(b: bool) -> Term {
    Term::Literal(b.to_string(), Some("http://www.w3.org/2001/XMLSchema#boolean"))
}

fn decimal(x: f32) -> Term {
    Term::Literal(number(x), Some("http://www.w3.org/2001/XMLSchema#decimal"))
}

fn rdf(local: &str) -> Term {
    iri(format!("{RDF}{local}"))
}

fn rdfs(local: &str) -> Term {
    iri(format!("{RDFS}{local}"))
}

/// A path segment: unreserved characters kept, every other byte
/// percent-encoded.
pub fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
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

fn source_iri(g: &Graph, s: Source) -> String {
    format!("{BASE}source/{}/{}", segment(&g.section(s).id), s.paragraph)
}

/// Hands every triple of the export, grouped by subject, to `emit`, in one
/// pass: nodes in id order each with its outgoing claims (a run of the
/// export's edge order, which is sorted by the from node's id), then one
/// statement per claim, then the citations used. Linear in the graph; only
/// the set of citations used is held.
pub fn triples(g: &Graph, emit: &mut dyn FnMut(Triple) -> std::io::Result<()>) -> std::io::Result<()> {
    let a = || rdf("type");

    let article = kg("article");
    emit((article.clone(), a(), kg("Article")))?;
    emit((article.clone(), rdfs("label"), string(&g.article.title)))?;
    emit((article, kg("subject"), iri(node_iri(g.id(g.subject)))))?;

    for &k in Kind::ALL {
        let c = iri(kind_iri(k));
        emit((c.clone(), a(), rdfs("Class")))?;
        emit((c.clone(), rdfs("label"), string(k.label())))?;
        emit((c, rdfs("comment"), string(k.describe())))?;
    }
    for &r in Relation::ALL {
        let p = iri(rel_iri(r));
        emit((p.clone(), a(), rdf("Property")))?;
        emit((p.clone(), rdfs("label"), string(&r.label())))?;
        emit((p, rdfs("comment"), string(r.describe())))?;
        let not = iri(not_rel_iri(r));
        emit((not.clone(), a(), rdf("Property")))?;
        emit((not.clone(), rdfs("label"), string(&format!("not {}", r.label()))))?;
        emit((not, rdfs("comment"), string(&format!("the article denies this: {}", r.negated_phrase()))))?;
    }
    let source = kg("rel/source");
    emit((source.clone(), a(), rdf("Property")))?;
    emit((source, rdfs("label"), string("cited from")))?;

    let edges = sorted_edges(g);
    let mut next = 0;
    for &ix in sorted_nodes(g) {
        let n = g.node(ix);
        let s = iri(node_iri(n.id));
        emit((s.clone(), a(), iri(kind_iri(n.kind))))?;
        emit((s.clone(), rdfs("label"), string(n.name)))?;
        for alias in n.aliases() {
            emit((s.clone(), iri(format!("{SKOS}altLabel")), string(alias)))?;
        }
        emit((s.clone(), rdfs("comment"), string(n.summary)))?;
        if n.lay {
            emit((s.clone(), kg("lay"), boolean(true)))?;
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
                let p = if edge.negated { not_rel_iri(edge.relation) } else { rel_iri(edge.relation) };
                emit((s.clone(), iri(p), iri(node_iri(g.id(to)))))?;
                last = Some((edge.relation, edge.negated, to));
            }
            next += 1;
        }
    }

    let mut cited: std::collections::BTreeSet<Source> = std::collections::BTreeSet::new();
    for (i, &e) in edges.iter().enumerate() {
        let (from, to) = g.ends(e);
        let edge = g.edge(e);
        let st = Term::Blank(format!("e{}", i + 1));
        emit((st.clone(), a(), rdf("Statement")))?;
        emit((st.clone(), rdf("subject"), iri(node_iri(g.id(from)))))?;
        emit((st.clone(), rdf("predicate"), iri(rel_iri(edge.relation))))?;
        emit((st.clone(), rdf("object"), iri(node_iri(g.id(to)))))?;
        emit((st.clone(), kg("certainty"), string(edge.certainty.as_str())))?;
        if edge.negated {
            emit((st.clone(), kg("negated"), boolean(true)))?;
        }
        for &src in edge.sources {
            emit((st.clone(), kg("rel/source"), iri(source_iri(g, src))))?;
            cited.insert(src);
        }
        if let Some(w) = &edge.when {
            emit((st.clone(), kg("when"), string(&crate::render::window_text(w))))?;
            if let Some(d) = w.from_day {
                emit((st.clone(), kg("fromDay"), integer(d)))?;
            }
            if let Some(d) = w.to_day {
                emit((st.clone(), kg("toDay"), integer(d)))?;
            }
            if let Some(m) = w.minutes {
                emit((st.clone(), kg("minutes"), decimal(m)))?;
            }
            if let Some(m) = w.pause_minutes {
                emit((st.clone(), kg("pauseMinutes"), decimal(m)))?;
            }
            if let Some(l) = &w.lasts {
                emit((st.clone(), kg("lasts"), string(l)))?;
            }
            if let Some(n) = &w.note {
                emit((st.clone(), kg("whenNote"), string(n)))?;
            }
        }
        if let Some(n) = edge.note {
            emit((st, kg("note"), string(n)))?;
        }
    }

    for src in cited {
        let c = iri(source_iri(g, src));
        emit((c.clone(), a(), kg("Citation")))?;
        emit((c.clone(), kg("section"), string(&g.section(src).title)))?;
        emit((c.clone(), kg("sectionId"), string(&g.section(src).id)))?;
        emit((c, kg("paragraph"), integer(src.paragraph)))?;
    }
    Ok(())
}

/// A literal's text, quoted: `\\ \" \n \r \t` escaped, other control
/// characters as `\uXXXX`; the same rules hold in N-Triples and Turtle.
pub fn quote_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
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
    out
}

/// `<iri>`, with the characters an IRI reference may not hold
/// (`<>"{}|^`\` , spaces and controls) written as `\uXXXX`.
pub fn quote_iri(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('<');
    for c in s.chars() {
        if c <= ' ' || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\') {
            let _ = write!(out, "\\u{:04X}", c as u32);
        } else {
            out.push(c);
        }
    }
    out.push('>');
    out
}

fn nt_term(t: &Term) -> String {
    match t {
        Term::Iri(i) => quote_iri(i),
        Term::Blank(b) => format!("_:{b}"),
        Term::Literal(v, None) => quote_literal(v),
        Term::Literal(v, Some(dt)) => format!("{}^^{}", quote_literal(v), quote_iri(dt)),
    }
}

/// The graph as N-Triples, one triple a line, streamed.
pub fn ntriples(g: &Graph, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    triples(g, &mut |(s, p, o)| writeln!(out, "{} {} {} .", nt_term(&s), nt_term(&p), nt_term(&o)))
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
        prev = Some((s, p));
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
