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
use crate::graph::Graph;
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

/// Every triple of the export, grouped by subject.
pub fn triples(g: &Graph) -> Vec<Triple> {
    let mut t: Vec<Triple> = Vec::new();
    let a = || rdf("type");

    let article = kg("article");
    t.push((article.clone(), a(), kg("Article")));
    t.push((article.clone(), rdfs("label"), string(&g.article.title)));
    t.push((article, kg("subject"), iri(node_iri(&g.node(g.subject).id))));

    for &k in Kind::ALL {
        let c = iri(kind_iri(k));
        t.push((c.clone(), a(), rdfs("Class")));
        t.push((c.clone(), rdfs("label"), string(k.label())));
        t.push((c, rdfs("comment"), string(k.describe())));
    }
    for &r in Relation::ALL {
        let p = iri(rel_iri(r));
        t.push((p.clone(), a(), rdf("Property")));
        t.push((p.clone(), rdfs("label"), string(&r.label())));
        t.push((p, rdfs("comment"), string(r.describe())));
        let not = iri(not_rel_iri(r));
        t.push((not.clone(), a(), rdf("Property")));
        t.push((not.clone(), rdfs("label"), string(&format!("not {}", r.label()))));
        t.push((not, rdfs("comment"), string(&format!("the article denies this: {}", r.negated_phrase()))));
    }
    let source = kg("rel/source");
    t.push((source.clone(), a(), rdf("Property")));
    t.push((source, rdfs("label"), string("cited from")));

    let edges = sorted_edges(g);
    for ix in sorted_nodes(g) {
        let n = g.node(ix);
        let s = iri(node_iri(&n.id));
        t.push((s.clone(), a(), iri(kind_iri(n.kind))));
        t.push((s.clone(), rdfs("label"), string(&n.name)));
        for alias in &n.aliases {
            t.push((s.clone(), iri(format!("{SKOS}altLabel")), string(alias)));
        }
        t.push((s.clone(), rdfs("comment"), string(&n.summary)));
        if n.lay {
            t.push((s.clone(), kg("lay"), boolean(true)));
        }
        for &e in edges.iter().filter(|&&e| g.ends(e).0 == ix) {
            let (_, to) = g.ends(e);
            // A denied claim is not asserted: it gets the relation's
            // negative property (`notrel:causes`) instead.
            let p = if g.edge(e).negated { not_rel_iri(g.edge(e).relation) } else { rel_iri(g.edge(e).relation) };
            let triple = (s.clone(), iri(p), iri(node_iri(&g.node(to).id)));
            if t.last() != Some(&triple) {
                t.push(triple);
            }
        }
    }

    let mut cited: Vec<Source> = Vec::new();
    for (i, &e) in edges.iter().enumerate() {
        let (from, to) = g.ends(e);
        let edge = g.edge(e);
        let st = Term::Blank(format!("e{}", i + 1));
        t.push((st.clone(), a(), rdf("Statement")));
        t.push((st.clone(), rdf("subject"), iri(node_iri(&g.node(from).id))));
        t.push((st.clone(), rdf("predicate"), iri(rel_iri(edge.relation))));
        t.push((st.clone(), rdf("object"), iri(node_iri(&g.node(to).id))));
        t.push((st.clone(), kg("certainty"), string(edge.certainty.as_str())));
        if edge.negated {
            t.push((st.clone(), kg("negated"), boolean(true)));
        }
        for &src in &edge.sources {
            t.push((st.clone(), kg("rel/source"), iri(source_iri(g, src))));
            if !cited.contains(&src) {
                cited.push(src);
            }
        }
        if let Some(w) = &edge.when {
            t.push((st.clone(), kg("when"), string(&w.text())));
            if let Some(d) = w.from_day {
                t.push((st.clone(), kg("fromDay"), integer(d)));
            }
            if let Some(d) = w.to_day {
                t.push((st.clone(), kg("toDay"), integer(d)));
            }
            if let Some(m) = w.minutes {
                t.push((st.clone(), kg("minutes"), decimal(m)));
            }
            if let Some(m) = w.pause_minutes {
                t.push((st.clone(), kg("pauseMinutes"), decimal(m)));
            }
            if let Some(l) = &w.lasts {
                t.push((st.clone(), kg("lasts"), string(l)));
            }
            if let Some(n) = &w.note {
                t.push((st.clone(), kg("whenNote"), string(n)));
            }
        }
        if let Some(n) = &edge.note {
            t.push((st, kg("note"), string(n)));
        }
    }

    cited.sort();
    for src in cited {
        let c = iri(source_iri(g, src));
        t.push((c.clone(), a(), kg("Citation")));
        t.push((c.clone(), kg("section"), string(&g.section(src).title)));
        t.push((c.clone(), kg("sectionId"), string(&g.section(src).id)));
        t.push((c, kg("paragraph"), integer(src.paragraph)));
    }
    t
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

/// The graph as N-Triples, one triple a line.
pub fn ntriples(g: &Graph) -> String {
    let mut out = String::new();
    for (s, p, o) in triples(g) {
        let _ = writeln!(out, "{} {} {} .", nt_term(&s), nt_term(&p), nt_term(&o));
    }
    out
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

/// The graph as Turtle: prefixes, then one block per subject.
pub fn turtle(g: &Graph) -> String {
    let mut out = String::new();
    out.push_str("# The knowledge graph of one health article; see `kg export --help` for the IRI scheme.\n");
    let _ = writeln!(out, "# {}", g.article.title.replace(['\n', '\r'], " "));
    for (prefix, ns) in PREFIXES {
        let _ = writeln!(out, "@prefix {prefix}: {} .", quote_iri(ns));
    }
    let triples = triples(g);
    let mut prev: Option<(&Term, &Term)> = None;
    for (s, p, o) in &triples {
        match prev {
            Some((ps, pp)) if ps == s && pp == p => {
                let _ = write!(out, " ,\n        {}", ttl_term(o));
            }
            Some((ps, _)) if ps == s => {
                let _ = write!(out, " ;\n    {} {}", ttl_term(p), ttl_term(o));
            }
            _ => {
                if prev.is_some() {
                    out.push_str(" .\n");
                }
                let _ = write!(out, "\n{} {} {}", ttl_term(s), ttl_term(p), ttl_term(o));
            }
        }
        prev = Some((s, p));
    }
    if prev.is_some() {
        out.push_str(" .\n");
    }
    out
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
        let g = Graph::new(crate::bundled::data().expect("bundled graph"));
        let nt = ntriples(&g);
        let statements = nt.lines().filter(|l| l.ends_with(&format!("<{RDF}Statement> ."))).count();
        assert_eq!(statements, g.edge_count());
        assert_eq!(nt, ntriples(&g), "deterministic");
        let ttl = turtle(&g);
        assert!(ttl.contains("@prefix node: <https://kg.example/back-spasm/node/> ."));
    }
}
