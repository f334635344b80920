//! A spanned outline of a RON text: which byte span holds which struct field
//! or list item. serde gives values without positions; the outline supplies
//! them, so a dangling edge end can be shown at its own `file:line:col`, and
//! a file that ron rejects can be split into items that are parsed one by one
//! to report every bad item, not only the first.
//!
//! It is built only when something must be reported, so a clean load pays
//! nothing for it, and for a whole file only its top ([`outline_top`]): the
//! items of its lists are kept as spans and outlined one at a time when a
//! problem in one is reported, so a huge file costs a few bytes an item, not
//! a tree of every value in it. Nesting deeper than [`MAX_DEPTH`] gives up
//! (`None`) rather than recursing without bound.

use std::ops::Range;

/// Deeper nesting than this is given up on; ron has the same default limit.
pub const MAX_DEPTH: usize = 128;

#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// `(a: 1, b: 2)` or `Name(a: 1)`: fields with the span of each key.
    Struct(Vec<(String, Range<usize>, Value)>),
    /// `[1, 2]`, `(1, 2)` or `Some(x)`.
    Seq(Vec<Value>),
    /// A string (with its unescaped text when simple), number, identifier or char.
    Atom(Option<String>),
    /// A list whose items were not outlined, only their spans ([`outline_top`]).
    Spans(Vec<Range<usize>>),
    /// A value that was checked but not outlined.
    Skipped,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub span: Range<usize>,
    pub shape: Shape,
}

impl Value {
    /// The value of a struct field; looks through `Some(..)`.
    pub fn field(&self, name: &str) -> Option<&Value> {
        match &self.shape {
            Shape::Struct(fields) => fields.iter().find(|(k, _, _)| k == name).map(|(_, _, v)| v),
            Shape::Seq(items) if items.len() == 1 => items[0].field(name),
            _ => None,
        }
    }

    /// The i-th item of a list or tuple.
    pub fn item(&self, i: usize) -> Option<&Value> {
        match &self.shape {
            Shape::Seq(items) => items.get(i),
            _ => None,
        }
    }

    /// The items of a list or tuple (empty for anything else).
    pub fn items(&self) -> &[Value] {
        match &self.shape {
            Shape::Seq(items) => items,
            _ => &[],
        }
    }

    /// The span of the i-th item, outlined or not.
    pub fn item_span(&self, i: usize) -> Option<Range<usize>> {
        match &self.shape {
            Shape::Seq(items) => items.get(i).map(|v| v.span.clone()),
            Shape::Spans(spans) => spans.get(i).cloned(),
            _ => None,
        }
    }

    /// The spans of every item, outlined or not.
    pub fn item_spans(&self) -> Vec<Range<usize>> {
        match &self.shape {
            Shape::Seq(items) => items.iter().map(|v| v.span.clone()).collect(),
            Shape::Spans(spans) => spans.clone(),
            _ => Vec::new(),
        }
    }

    /// Moves every span `by` bytes on (an outline of a slice, placed in its file).
    pub fn shifted(mut self, by: usize) -> Value {
        self.shift(by);
        self
    }

    fn shift(&mut self, by: usize) {
        self.span = self.span.start + by..self.span.end + by;
        match &mut self.shape {
            Shape::Struct(fields) => {
                for (_, key, v) in fields {
                    *key = key.start + by..key.end + by;
                    v.shift(by);
                }
            }
            Shape::Seq(items) => items.iter_mut().for_each(|v| v.shift(by)),
            Shape::Spans(spans) => spans.iter_mut().for_each(|s| *s = s.start + by..s.end + by),
            Shape::Atom(_) | Shape::Skipped => {}
        }
    }

    /// The text of a plain string atom.
    pub fn as_str(&self) -> Option<&str> {
        match &self.shape {
            Shape::Atom(text) => text.as_deref(),
            _ => None,
        }
    }
}

/// Outlines a whole RON text; `None` if it is not well-formed or too deep.
pub fn outline(text: &str) -> Option<Value> {
    outline_to(text, usize::MAX)
}

/// Outlines the top of a graph file: its fields, and the spans of the items
/// of lists directly under them (`nodes: [..]`, `edges: [..]`). Deeper
/// values are checked for form but not kept.
pub fn outline_top(text: &str) -> Option<Value> {
    outline_to(text, 2)
}

fn outline_to(text: &str, keep: usize) -> Option<Value> {
    let mut p = Parser { text, bytes: text.as_bytes(), pos: 0, depth: 0, keep };
    p.skip_trivia()?;
    // ron allows inner attributes such as `#![enable(implicit_some)]`.
    while p.bytes[p.pos..].starts_with(b"#!") {
        let end = text[p.pos..].find(']')?;
        p.pos += end + 1;
        p.skip_trivia()?;
    }
    let v = p.value()?;
    p.skip_trivia()?;
    (p.pos == p.bytes.len()).then_some(v)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// Values deeper than this are parsed but not kept.
    keep: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skips whitespace and comments (block comments nest in RON).
    fn skip_trivia(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(b) if b.is_ascii_whitespace() => self.pos += 1,
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                    self.pos = self.text[self.pos..].find('\n').map_or(self.bytes.len(), |i| self.pos + i + 1);
                }
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'*') => {
                    let mut level = 0usize;
                    loop {
                        if self.bytes[self.pos..].starts_with(b"/*") {
                            level += 1;
                            self.pos += 2;
                        } else if self.bytes[self.pos..].starts_with(b"*/") {
                            level -= 1;
                            self.pos += 2;
                            if level == 0 {
                                break;
                            }
                        } else if self.pos >= self.bytes.len() {
                            return None;
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                _ => return Some(()),
            }
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Option<Value> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let start = self.pos;
        let shape = match self.peek()? {
            b'(' => self.parens()?,
            b'[' if self.depth == self.keep => {
                self.pos += 1;
                Shape::Spans(self.spans(b']')?)
            }
            b'[' => {
                self.pos += 1;
                Shape::Seq(self.items(b']')?)
            }
            b'{' => {
                self.pos += 1;
                Shape::Seq(self.map_items()?)
            }
            b'"' => Shape::Atom(self.string()?),
            b'\'' => {
                self.char_lit()?;
                Shape::Atom(None)
            }
            b'r' if matches!(self.bytes.get(self.pos + 1), Some(b'"' | b'#')) => Shape::Atom(self.raw_string()?),
            b'b' if self.bytes.get(self.pos + 1) == Some(&b'"') => {
                self.pos += 1;
                self.string()?;
                Shape::Atom(None)
            }
            b if is_ident_start(b) => {
                self.ident();
                self.skip_trivia()?;
                if self.peek() == Some(b'(') { self.parens()? } else { Shape::Atom(None) }
            }
            b if b.is_ascii_digit() || b == b'-' || b == b'+' || b == b'.' => {
                self.pos += 1;
                while self.peek().is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'+' | b'-')) {
                    self.pos += 1;
                }
                Shape::Atom(None)
            }
            _ => return None,
        };
        let shape = match shape {
            _ if self.depth > self.keep => Shape::Skipped,
            Shape::Seq(items) if self.depth == self.keep => Shape::Spans(items.into_iter().map(|v| v.span).collect()),
            shape => shape,
        };
        self.depth -= 1;
        Some(Value { span: start..self.pos, shape })
    }

    /// `( ... )`: a struct if it opens with `ident:`, else a tuple.
    fn parens(&mut self) -> Option<Shape> {
        self.pos += 1;
        self.skip_trivia()?;
        let save = self.pos;
        if self.peek().is_some_and(is_ident_start) {
            self.ident();
            self.skip_trivia()?;
            if self.peek() == Some(b':') {
                self.pos = save;
                return self.fields();
            }
            self.pos = save;
        }
        Some(Shape::Seq(self.items(b')')?))
    }

    fn fields(&mut self) -> Option<Shape> {
        let mut fields = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.eat(b')') {
                return Some(Shape::Struct(fields));
            }
            let key_start = self.pos;
            if !self.peek().is_some_and(is_ident_start) {
                return None;
            }
            let key = self.ident().to_string();
            let key_span = key_start..self.pos;
            self.skip_trivia()?;
            if !self.eat(b':') {
                return None;
            }
            self.skip_trivia()?;
            let v = self.value()?;
            fields.push((key, key_span, v));
            self.skip_trivia()?;
            if !self.eat(b',') {
                self.skip_trivia()?;
                return self.eat(b')').then_some(Shape::Struct(fields));
            }
        }
    }

    fn items(&mut self, close: u8) -> Option<Vec<Value>> {
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.eat(close) {
                return Some(items);
            }
            items.push(self.value()?);
            self.skip_trivia()?;
            if !self.eat(b',') {
                self.skip_trivia()?;
                return self.eat(close).then_some(items);
            }
        }
    }

    /// Like [`Parser::items`], keeping only each item's span.
    fn spans(&mut self, close: u8) -> Option<Vec<Range<usize>>> {
        let mut spans = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.eat(close) {
                return Some(spans);
            }
            spans.push(self.value()?.span);
            self.skip_trivia()?;
            if !self.eat(b',') {
                self.skip_trivia()?;
                return self.eat(close).then_some(spans);
            }
        }
    }

    fn map_items(&mut self) -> Option<Vec<Value>> {
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.eat(b'}') {
                return Some(items);
            }
            items.push(self.value()?);
            self.skip_trivia()?;
            if !self.eat(b':') {
                return None;
            }
            self.skip_trivia()?;
            items.push(self.value()?);
            self.skip_trivia()?;
            if !self.eat(b',') {
                self.skip_trivia()?;
                return self.eat(b'}').then_some(items);
            }
        }
    }

    fn ident(&mut self) -> &'a str {
        let start = self.pos;
        if self.bytes[self.pos..].starts_with(b"r#") {
            self.pos += 2;
        }
        while self.peek().is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80) {
            // Step over whole characters so the position stays on a boundary.
            self.pos += self.text[self.pos..].chars().next().map_or(1, char::len_utf8);
        }
        &self.text[start..self.pos]
    }

    /// A quoted string; its text when it has no escapes.
    fn string(&mut self) -> Option<Option<String>> {
        self.pos += 1;
        let start = self.pos;
        let mut plain = true;
        loop {
            match self.peek()? {
                b'\\' => {
                    plain = false;
                    self.pos += 2;
                }
                b'"' => {
                    let text = plain.then(|| self.text[start..self.pos].to_string());
                    self.pos += 1;
                    return Some(text);
                }
                _ => self.pos += 1,
            }
        }
    }

    fn raw_string(&mut self) -> Option<Option<String>> {
        self.pos += 1;
        let hashes = self.bytes[self.pos..].iter().take_while(|&&b| b == b'#').count();
        self.pos += hashes;
        if !self.eat(b'"') {
            return None;
        }
        let close = format!("\"{}", "#".repeat(hashes));
        let end = self.text[self.pos..].find(&close)?;
        let text = self.text[self.pos..self.pos + end].to_string();
        self.pos += end + close.len();
        Some(Some(text))
    }

    fn char_lit(&mut self) -> Option<()> {
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'\'' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => self.pos += 1,
            }
        }
    }
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fields_and_items() {
        let text = r##"// c
(
  nodes: [
    (id: "a", name: "A", aliases: ["x", "y"]), /* nested /* block */ */
    (id: "b", name: r#"B"#),
  ],
  edges: [],
)"##;
        let v = outline(text).unwrap();
        let nodes = v.field("nodes").unwrap();
        assert_eq!(nodes.items().len(), 2);
        let id = nodes.item(1).unwrap().field("id").unwrap();
        assert_eq!(&text[id.span.clone()], "\"b\"");
        assert_eq!(id.as_str(), Some("b"));
        let alias = nodes.item(0).unwrap().field("aliases").unwrap().item(1).unwrap();
        assert_eq!(&text[alias.span.clone()], "\"y\"");
        assert_eq!(nodes.item(1).unwrap().field("name").unwrap().as_str(), Some("B"));
    }

    #[test]
    fn looks_through_some_and_named_structs() {
        let v = outline("Graph(when: Some((from_day: 3)), x: Kind)").unwrap();
        assert!(v.field("when").unwrap().field("from_day").is_some());
    }

    #[test]
    fn the_top_keeps_item_spans_only() {
        let text = "(nodes: [(id: \"a\", aliases: [\"x\"]), (id: \"b\")], article: (title: \"t\"))";
        let top = outline_top(text).unwrap();
        let nodes = top.field("nodes").unwrap();
        assert!(matches!(nodes.shape, Shape::Spans(_)));
        let second = nodes.item_span(1).unwrap();
        assert_eq!(&text[second.clone()], "(id: \"b\")");
        // Outlined alone, then placed back in the file.
        let item = outline(&text[second.clone()]).unwrap().shifted(second.start);
        assert_eq!(&text[item.field("id").unwrap().span.clone()], "\"b\"");
        assert!(matches!(top.field("article").unwrap().field("title").unwrap().shape, Shape::Skipped));
        // The same text, malformed deep inside an item, is rejected as a whole would be.
        assert_eq!(outline_top("(nodes: [(id: )])"), None);
    }

    #[test]
    fn rejects_malformed_and_deep_input() {
        for bad in ["(", "(a: )", "[1 2]", "\"open", "(a: 1))", "/* open"] {
            assert_eq!(outline(bad), None, "{bad}");
        }
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(outline(&deep), None);
        let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(outline(&ok).is_some());
    }
}
