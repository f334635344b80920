//! What a person types for a node, a kind or a relation, looked up for a
//! command: a near match is taken with a note; anything else is an error
//! that says what would have worked.

use crate::diag::{Diagnostic, Failure};
use crate::graph::{Graph, Ix};
use crate::model::{Kind, Relation};
use crate::report::Report;
use crate::resolve::resolve;
use crate::text::suggest;

/// A node named by an id, a name or an alias. A near match comes with the
/// note to print ("taking ... as ..."). The error points at the whole name,
/// which is source 0 of the failure.
pub fn node(g: &Graph, name: &str) -> Result<(Ix, Option<String>), Failure> {
    match resolve(g, name) {
        Ok(r) => {
            let note = (!r.exact).then(|| format!("taking \"{}\" as \"{}\"", name.trim(), g.node(r.ix).name));
            Ok((r.ix, note))
        }
        Err(e) => {
            let (message, helps) = e.describe(g);
            let d = helps.into_iter().fold(Diagnostic::error(message).at(0, 0..name.len()), |d, h| d.help(h));
            Err(Failure::in_text("name", name, d))
        }
    }
}

/// `list [KIND|kinds|relations]`.
pub fn list(g: &Graph, kind: Option<&str>) -> Result<Report, Failure> {
    let kind = match kind.map(str::trim) {
        None | Some("" | "all" | "nodes") => None,
        Some("kinds") => return Ok(Report::Kinds),
        Some("relations") => return Ok(Report::Relations),
        Some(k) => Some(self::kind(k)?),
    };
    Ok(Report::List { kind, nodes: g.of_kind(kind) })
}

/// A kind: `home remedy`, `home-remedy` and plurals are taken; an unknown
/// one is an error listing every kind.
pub fn kind(text: &str) -> Result<Kind, Failure> {
    let k = text.trim().replace([' ', '-'], "_").to_lowercase();
    // As people say it: "the home remedies", "all drugs", "body parts"
    // (kind_of singularizes each word).
    let phrase = || -> Vec<String> {
        crate::ask::words(text)
            .into_iter()
            .skip_while(|w| matches!(w.as_str(), "the" | "all" | "every" | "of"))
            .collect()
    };
    Kind::parse(&k).or_else(|| crate::ask::kind_of(&phrase())).ok_or_else(|| {
        let mut d = Diagnostic::error(format!("unknown kind `{k}`"));
        if let Some(s) = suggest(&k, Kind::names()) {
            d = d.help(format!("did you mean `{s}`?"));
        }
        let names: Vec<&str> = Kind::names().collect();
        Failure::new(d.note(format!("kinds: {}", names.join(", "))))
    })
}

/// A relation (`avoid while`, `avoid-while` are taken); an unknown one is an
/// error listing every relation.
pub fn relation(text: &str) -> Result<Relation, Failure> {
    let r = text.trim().replace([' ', '-'], "_").to_lowercase();
    Relation::parse(&r).ok_or_else(|| {
        let mut d = Diagnostic::error(format!("unknown relation `{r}`"));
        if let Some(s) = suggest(&r, Relation::names()) {
            d = d.help(format!("did you mean `{s}`?"));
        }
        let names: Vec<&str> = Relation::names().collect();
        Failure::new(d.note(format!("relations: {}", names.join(", "))))
    })
}
