//! Tokens of the pattern language, each with its byte span.

use std::ops::Range;

use crate::diag::Diagnostic;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    /// `?name`
    Var(String),
    /// A word: relation, kind, keyword or bare node id (`ice-pack`).
    Word(String),
    /// A quoted node name, unescaped.
    Str(String),
    Int(u64),
    Comma,
    Colon,
    Pipe,
    Slash,
    Caret,
    Bang,
    Star,
    Plus,
    Question,
    LParen,
    RParen,
    DotDot,
}

impl Tok {
    pub fn describe(&self) -> String {
        match self {
            Tok::Var(v) => format!("variable `?{v}`"),
            Tok::Word(w) => format!("`{w}`"),
            Tok::Str(s) => format!("\"{s}\""),
            Tok::Int(n) => format!("number {n}"),
            Tok::Comma => "`,`".into(),
            Tok::Colon => "`:`".into(),
            Tok::Pipe => "`|`".into(),
            Tok::Slash => "`/`".into(),
            Tok::Caret => "`^`".into(),
            Tok::Bang => "`!`".into(),
            Tok::Star => "`*`".into(),
            Tok::Plus => "`+`".into(),
            Tok::Question => "`?`".into(),
            Tok::LParen => "`(`".into(),
            Tok::RParen => "`)`".into(),
            Tok::DotDot => "`..`".into(),
        }
    }
}

pub type Spanned = (Tok, Range<usize>);

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// Splits a query into tokens. `#` starts a comment to the end of the line.
pub fn lex(src: &str) -> Result<Vec<Spanned>, Diagnostic> {
    let mut toks = Vec::new();
    let mut chars = src.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        let single = match c {
            ',' => Some(Tok::Comma),
            ':' => Some(Tok::Colon),
            '|' => Some(Tok::Pipe),
            '/' => Some(Tok::Slash),
            '^' => Some(Tok::Caret),
            '!' => Some(Tok::Bang),
            '*' => Some(Tok::Star),
            '+' => Some(Tok::Plus),
            '(' => Some(Tok::LParen),
            ')' => Some(Tok::RParen),
            _ => None,
        };
        if let Some(t) = single {
            chars.next();
            toks.push((t, i..i + 1));
            continue;
        }
        if c.is_whitespace() {
            chars.next();
        } else if c == '#' {
            while chars.peek().is_some_and(|&(_, c)| c != '\n') {
                chars.next();
            }
        } else if c == '.' {
            chars.next();
            if chars.peek().is_some_and(|&(_, c)| c == '.') {
                chars.next();
                toks.push((Tok::DotDot, i..i + 2));
            } else {
                return Err(Diagnostic::error("unexpected `.`").at(0, i..i + 1).help("a day range is written `0..3`"));
            }
        } else if c == '?' {
            chars.next();
            let start = i + 1;
            let mut end = start;
            while let Some(&(j, c)) = chars.peek() {
                if c.is_alphanumeric() || c == '_' {
                    end = j + c.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if end == start {
                toks.push((Tok::Question, i..i + 1));
            } else {
                toks.push((Tok::Var(src[start..end].to_string()), i..end));
            }
        } else if c == '"' || c == '\'' {
            let quote = c;
            chars.next();
            let mut text = String::new();
            let mut closed = None;
            while let Some((j, c)) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some((_, e)) => text.push(e),
                        None => break,
                    },
                    c if c == quote => {
                        closed = Some(j + 1);
                        break;
                    }
                    c => text.push(c),
                }
            }
            let Some(end) = closed else {
                return Err(Diagnostic::error("unclosed quote")
                    .at(0, i..src.len())
                    .label("this name has no closing quote")
                    .help(format!("end the name with {quote}")));
            };
            toks.push((Tok::Str(text), i..end));
        } else if c.is_ascii_digit() {
            let mut end = i;
            while let Some(&(j, c)) = chars.peek() {
                if c.is_ascii_digit() {
                    end = j + 1;
                    chars.next();
                } else {
                    break;
                }
            }
            // A digit run followed by word characters is a word (an id like `b12x`).
            if chars.peek().is_some_and(|&(_, c)| is_word_char(c) && !c.is_ascii_digit()) {
                while let Some(&(j, c)) = chars.peek() {
                    if is_word_char(c) {
                        end = j + c.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                toks.push((Tok::Word(src[i..end].to_string()), i..end));
            } else {
                let n = src[i..end].parse().map_err(|_| Diagnostic::error("number too large").at(0, i..end))?;
                toks.push((Tok::Int(n), i..end));
            }
        } else if is_word_char(c) {
            let mut end = i;
            while let Some(&(j, c)) = chars.peek() {
                if is_word_char(c) {
                    end = j + c.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            toks.push((Tok::Word(src[i..end].to_string()), i..end));
        } else {
            return Err(Diagnostic::error(format!("unexpected character `{c}`"))
                .at(0, i..i + c.len_utf8())
                .help("see GRAMMAR.md or `kg query --help` for the syntax"));
        }
    }
    Ok(toks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        lex(src).unwrap().into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn tokens_table() {
        assert_eq!(
            kinds(r#"?t treats|^relieves "ice \"pack\"" # c"#),
            vec![
                Tok::Var("t".into()),
                Tok::Word("treats".into()),
                Tok::Pipe,
                Tok::Caret,
                Tok::Word("relieves".into()),
                Tok::Str("ice \"pack\"".into())
            ]
        );
        assert_eq!(kinds("is_a* ?x"), vec![Tok::Word("is_a".into()), Tok::Star, Tok::Var("x".into())]);
        assert_eq!(kinds("presents? ?x"), vec![Tok::Word("presents".into()), Tok::Question, Tok::Var("x".into())]);
        assert_eq!(kinds("during 0..3"), vec![Tok::Word("during".into()), Tok::Int(0), Tok::DotDot, Tok::Int(3)]);
        assert_eq!(kinds("ice-pack"), vec![Tok::Word("ice-pack".into())]);
    }

    #[test]
    fn spans_are_bytes() {
        let toks = lex("\"é\" ?x").unwrap();
        assert_eq!(toks[0].1, 0..4);
        assert_eq!(toks[1].1, 5..7);
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = lex("?t treats \"open").unwrap_err();
        assert_eq!(e.at.unwrap().span, 10..15);
        let e = lex("?t ; ?x").unwrap_err();
        assert_eq!(e.at.unwrap().span, 3..4);
        assert!(lex("99999999999999999999999").is_err());
    }
}
