//! Recursive-descent parser for the pattern language (GRAMMAR.md). Each
//! method parses the rule it is named after. Nesting is bounded, so no input
//! can overflow the stack.

use super::ast::{Clause, Days, Path, Query, Span, Term};
use super::lex::{Spanned, Tok, lex};
use crate::diag::Diagnostic;
use crate::model::{Kind, Relation};
use crate::text::suggest;

/// Parentheses nested deeper than this are refused.
const MAX_NESTING: usize = 64;

const KEYWORDS: &[&str] = &["select", "where", "and", "not", "limit", "during"];

/// Parses a query. Diagnostics point into source 0, the query text.
pub fn parse(src: &str) -> Result<Query, Diagnostic> {
    let toks = lex(src)?;
    let mut p = Parser { toks, pos: 0, end: src.len(), depth: 0 };
    let q = p.query()?;
    if let Some((t, span)) = p.toks.get(p.pos) {
        return Err(Diagnostic::error(format!("unexpected {} after the query", t.describe()))
            .at(0, span.clone())
            .help("join clauses with `,` or `and`; `limit N` comes last"));
    }
    Ok(q)
}

struct Parser {
    toks: Vec<Spanned>,
    pos: usize,
    end: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn span(&self) -> Span {
        self.toks.get(self.pos).map_or(self.end..self.end, |(_, s)| s.clone())
    }

    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(x)) if x.eq_ignore_ascii_case(w))
    }

    fn eat(&mut self, t: &Tok) -> bool {
        if self.peek() == Some(t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_word(&mut self, w: &str) -> bool {
        if self.is_word(w) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expected(&self, what: &str) -> Diagnostic {
        match self.toks.get(self.pos) {
            Some((t, span)) => {
                Diagnostic::error(format!("expected {what}, found {}", t.describe())).at(0, span.clone())
            }
            None => Diagnostic::error(format!("expected {what}, found the end of the query"))
                .at(0, self.end..self.end)
                .label("the query ends here"),
        }
    }

    fn query(&mut self) -> Result<Query, Diagnostic> {
        let mut select = Vec::new();
        if self.eat_word("select") {
            loop {
                match self.toks.get(self.pos) {
                    Some((Tok::Var(v), span)) => {
                        select.push((v.clone(), span.clone()));
                        self.pos += 1;
                        self.eat(&Tok::Comma);
                    }
                    _ if select.is_empty() => return Err(self.expected("a variable such as `?t` after `select`")),
                    _ => break,
                }
            }
            // `select ?t where ...`: `where` is optional; `select ?a, ?b ?a treats ?b` reads as two selected variables then a clause.
            self.eat_word("where");
        }
        let mut clauses = vec![self.clause()?];
        while self.eat(&Tok::Comma) || self.eat_word("and") {
            clauses.push(self.clause()?);
        }
        let mut limit = None;
        if self.eat_word("limit") {
            match self.toks.get(self.pos) {
                Some((Tok::Int(n), _)) => {
                    limit = Some(usize::try_from(*n).unwrap_or(usize::MAX));
                    self.pos += 1;
                }
                _ => return Err(self.expected("a number after `limit`")),
            }
        }
        Ok(Query { select, clauses, limit })
    }

    fn clause(&mut self) -> Result<Clause, Diagnostic> {
        let negated = self.eat_word("not");
        // `?x : kind|kind`
        if let (Some((Tok::Var(v), span)), Some((Tok::Colon, _))) =
            (self.toks.get(self.pos), self.toks.get(self.pos + 1))
        {
            if negated {
                return Err(Diagnostic::error("`not` cannot apply to a kind filter")
                    .at(0, span.clone())
                    .help("list the kinds you want instead: `?x : medication|procedure`"));
            }
            let (var, span) = (v.clone(), span.clone());
            self.pos += 2;
            let mut kinds = vec![self.kind()?];
            while self.eat(&Tok::Pipe) {
                kinds.push(self.kind()?);
            }
            return Ok(Clause::Kind { var, span, kinds });
        }
        let subject = self.term()?;
        let path = self.path()?;
        let object = self.term()?;
        let during = if self.eat_word("during") { Some(self.days()?) } else { None };
        Ok(Clause::Triple { negated, subject, path, object, during })
    }

    fn kind(&mut self) -> Result<Kind, Diagnostic> {
        let span = self.span();
        match self.peek() {
            Some(Tok::Word(w)) => {
                let w = w.to_lowercase();
                match Kind::parse(&w) {
                    Some(k) => {
                        self.pos += 1;
                        Ok(k)
                    }
                    None => {
                        let mut d = Diagnostic::error(format!("unknown kind `{w}`")).at(0, span).label("not a kind");
                        if let Some(s) = suggest(&w, Kind::names()) {
                            d = d.help(format!("did you mean `{s}`?"));
                        }
                        Err(d.note(format!("kinds: {}", Kind::names().collect::<Vec<_>>().join(", "))))
                    }
                }
            }
            _ => Err(self.expected("a node kind such as `medication`")),
        }
    }

    fn term(&mut self) -> Result<Term, Diagnostic> {
        let Some((t, span)) = self.toks.get(self.pos).cloned() else {
            return Err(self.expected("a variable like `?t` or a node name in quotes"));
        };
        let term = match t {
            Tok::Var(v) => Term::Var(v, span),
            Tok::Str(s) => Term::Node(s, span),
            Tok::Word(w) if !KEYWORDS.contains(&w.to_lowercase().as_str()) => {
                if Relation::parse(&w).is_some() {
                    return Err(Diagnostic::error(format!("expected a node, found the relation `{w}`"))
                        .at(0, span)
                        .help("a clause reads `subject relation object`, like `?t treats \"spasm\"`"));
                }
                Term::Node(w, span)
            }
            _ => return Err(self.expected("a variable like `?t` or a node name in quotes")),
        };
        self.pos += 1;
        Ok(term)
    }

    fn path(&mut self) -> Result<Path, Diagnostic> {
        let mut alts = vec![self.seq()?];
        while self.eat(&Tok::Pipe) {
            alts.push(self.seq()?);
        }
        Ok(if alts.len() == 1 { alts.remove(0) } else { Path::Alt(alts) })
    }

    fn seq(&mut self) -> Result<Path, Diagnostic> {
        let mut steps = vec![self.unary()?];
        while self.eat(&Tok::Slash) {
            steps.push(self.unary()?);
        }
        Ok(if steps.len() == 1 { steps.remove(0) } else { Path::Seq(steps) })
    }

    fn unary(&mut self) -> Result<Path, Diagnostic> {
        let inverse = self.eat(&Tok::Caret);
        let mut p = self.primary()?;
        if self.eat(&Tok::Star) {
            p = Path::Star(Box::new(p));
        } else if self.eat(&Tok::Plus) {
            p = Path::Plus(Box::new(p));
        } else if self.eat(&Tok::Question) {
            p = Path::Opt(Box::new(p));
        }
        Ok(if inverse { Path::Inverse(Box::new(p)) } else { p })
    }

    fn primary(&mut self) -> Result<Path, Diagnostic> {
        let span = self.span();
        match self.peek().cloned() {
            Some(Tok::LParen) => {
                self.depth += 1;
                if self.depth > MAX_NESTING {
                    return Err(Diagnostic::error("parentheses nested too deeply").at(0, span));
                }
                self.pos += 1;
                let p = self.path()?;
                if !self.eat(&Tok::RParen) {
                    return Err(self.expected("`)`"));
                }
                self.depth -= 1;
                Ok(p)
            }
            Some(Tok::Bang) => {
                self.pos += 1;
                match self.primary()? {
                    Path::Step(r) => Ok(Path::Denied(r)),
                    _ => Err(Diagnostic::error("`!` goes before one relation, as in `!causes`")
                        .at(0, span)
                        .help("`!causes` matches the claims the article denies")),
                }
            }
            Some(Tok::Word(w)) => match Relation::parse(&w.to_lowercase()) {
                Some(r) => {
                    self.pos += 1;
                    Ok(Path::Step(r))
                }
                None => {
                    // One "did you mean", in a help line as for kinds and names.
                    let mut d =
                        Diagnostic::error(format!("unknown relation `{w}`")).at(0, span).label("not a relation");
                    if let Some(s) = suggest(&w.to_lowercase(), Relation::names()) {
                        d = d.help(format!("did you mean `{s}`?"));
                    }
                    Err(d.note("`kg list relations` shows every relation"))
                }
            },
            _ => Err(self.expected("a relation such as `treats`")),
        }
    }

    fn days(&mut self) -> Result<Days, Diagnostic> {
        let num = |p: &mut Parser| -> Result<u16, Diagnostic> {
            match p.toks.get(p.pos) {
                Some((Tok::Int(n), span)) => {
                    let n = u16::try_from(*n).map_err(|_| {
                        Diagnostic::error("day number too large").at(0, span.clone()).help("days run up to 65535")
                    })?;
                    p.pos += 1;
                    Ok(n)
                }
                _ => Err(p.expected("a day number")),
            }
        };
        if self.eat(&Tok::DotDot) {
            let to = num(self)?;
            return Ok(Days { from: 0, to: Some(to) });
        }
        let start_span = self.span();
        let from = num(self)?;
        if !self.eat(&Tok::DotDot) {
            return Ok(Days { from, to: Some(from.saturating_add(1)) });
        }
        if matches!(self.peek(), Some(Tok::Int(_))) {
            let to = num(self)?;
            if to <= from {
                return Err(Diagnostic::error(format!("empty day range {from}..{to}"))
                    .at(0, start_span.start..self.span().start)
                    .help("a range `a..b` covers a <= day < b, so b must be larger"));
            }
            return Ok(Days { from, to: Some(to) });
        }
        Ok(Days { from, to: None })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses and prints back the clauses, as a compact check of the tree.
    fn show(src: &str) -> String {
        let q = parse(src).unwrap_or_else(|e| panic!("{src}: {}", e.message));
        let mut out = Vec::new();
        for c in &q.clauses {
            out.push(match c {
                Clause::Triple { negated, subject, path, object, during } => {
                    let t = |t: &Term| match t {
                        Term::Var(v, _) => format!("?{v}"),
                        Term::Node(n, _) => format!("{n:?}"),
                    };
                    format!(
                        "{}{} [{path}] {}{}",
                        if *negated { "not " } else { "" },
                        t(subject),
                        t(object),
                        during.map_or(String::new(), |d| format!(" during {}..{:?}", d.from, d.to))
                    )
                }
                Clause::Kind { var, kinds, .. } => format!("?{var} : {kinds:?}"),
            });
        }
        let sel: Vec<&str> = q.select.iter().map(|(v, _)| v.as_str()).collect();
        format!("select {sel:?} {} limit {:?}", out.join(", "), q.limit)
    }

    #[test]
    fn parse_table() {
        for (src, want) in [
            ("?t treats \"spasm\"", r#"select [] ?t [treats] "spasm" limit None"#),
            ("?t treats|relieves spasm", r#"select [] ?t [treats|relieves] "spasm" limit None"#),
            ("select ?x where ?a is_a*/^avoid_while ?x", r#"select ["x"] ?a [is_a*/^avoid_while] ?x limit None"#),
            (
                "?c causes+ ?x, ?c : factor|behaviour limit 3",
                "select [] ?c [causes+] ?x, ?c : [Factor, Behaviour] limit Some(3)",
            ),
            (
                "?s (presents?)/(located_in|radiates_to) ?b",
                "select [] ?s [presents?/(located_in|radiates_to)] ?b limit None",
            ),
            (
                "?t relieves ?x during 0..2 and not ?t risks ?h",
                "select [] ?t [relieves] ?x during 0..Some(2), not ?t [risks] ?h limit None",
            ),
            ("?t relieves ?x during 3..", "select [] ?t [relieves] ?x during 3..None limit None"),
            ("?t relieves ?x during 5", "select [] ?t [relieves] ?x during 5..Some(6) limit None"),
            ("?t ^(causes/is_a) ?x", "select [] ?t [^(causes/is_a)] ?x limit None"),
            ("SELECT ?a, ?b WHERE ?a treats ?b", r#"select ["a", "b"] ?a [treats] ?b limit None"#),
        ] {
            assert_eq!(show(src), want, "{src}");
        }
    }

    #[test]
    fn errors_table() {
        for (src, message, at) in [
            ("?t treat \"spasm\"", "unknown relation `treat`", 3),
            ("?t treats", "expected a variable like `?t` or a node name in quotes, found the end of the query", 9),
            ("?t : medicaton", "unknown kind `medicaton`", 5),
            ("?t treats ?x limit", "expected a number after `limit`, found the end of the query", 18),
            ("?t treats ?x ?y", "unexpected variable `?y` after the query", 13),
            ("?t (treats ?x", "expected `)`, found variable `?x`", 11),
            ("?t treats ?x during 3..1", "empty day range 3..1", 20),
            ("?t treats ?x during 70000", "day number too large", 20),
            ("treats ?x ?y", "expected a node, found the relation `treats`", 0),
            ("not ?x : medication", "`not` cannot apply to a kind filter", 4),
            ("", "expected a variable like `?t` or a node name in quotes, found the end of the query", 0),
        ] {
            let e = parse(src).expect_err(src);
            assert_eq!(e.message, message, "{src}");
            assert_eq!(e.at.as_ref().map(|l| l.span.start), Some(at), "{src}");
        }
    }

    #[test]
    fn suggests_the_nearest_relation_once() {
        for src in ["?t treat ?x", "?t treat ?x, ?x : medicaton", "?x : medicaton"] {
            let e = parse(src).unwrap_err();
            let mut sources = crate::diag::Sources::default();
            sources.add("query", src);
            let shown = e.render(&sources, false);
            assert_eq!(shown.matches("did you mean").count(), 1, "{shown}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let src = format!("?a {}treats{} ?b", "(".repeat(10_000), ")".repeat(10_000));
        assert_eq!(parse(&src).unwrap_err().message, "parentheses nested too deeply");
    }
}
