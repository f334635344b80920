//! Wrapping text to a terminal's width. A long line breaks at spaces and
//! each continuation hangs under the column where the broken text began
//! (the citations column of an answer, the text after `note: `), so aligned
//! output stays aligned. ANSI colour codes take no room; a colour open at a
//! break is closed before the line ends and opened again after the indent,
//! so a pager shows each line in its own colour.

use unicode_width::UnicodeWidthChar;

/// `text` with every line wider than `width` columns broken.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        wrap_line(body, width.max(8), &mut out);
        out.push_str(end);
    }
    out
}

/// Display width of text, escape sequences excluded.
pub fn width_of(text: &str) -> usize {
    let mut w = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            skip_escape(&mut chars, &mut |_| {});
        } else {
            w += c.width().unwrap_or(0);
        }
    }
    w
}

/// Consumes the rest of an escape sequence after its ESC, handing each char
/// to `keep`: `ESC [ params final` (CSI, final byte `@`..`~`), or ESC and one char.
fn skip_escape(chars: &mut std::str::Chars<'_>, keep: &mut dyn FnMut(char)) {
    match chars.next() {
        Some('[') => {
            keep('[');
            for c in chars.by_ref() {
                keep(c);
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
        Some(c) => keep(c),
        None => {}
    }
}

/// Where a column of aligned text starts, and where text hangs inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cell {
    start: usize,
    /// Columns taken by a leading `word: ` label (`note: `, `also called: `).
    label: usize,
}

/// The columns a line's cells start at: its first text, and any text after
/// two or more spaces.
fn cells(line: &str) -> Vec<Cell> {
    let plain: Vec<(usize, char)> = {
        let mut v = Vec::new();
        let (mut col, mut chars) = (0, line.chars());
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                skip_escape(&mut chars, &mut |_| {});
                continue;
            }
            v.push((col, c));
            col += c.width().unwrap_or(0);
        }
        v
    };
    let mut out = Vec::new();
    let mut spaces = usize::MAX; // at the line's start, as after a gap
    for (i, &(col, c)) in plain.iter().enumerate() {
        if c == ' ' {
            spaces = spaces.saturating_add(1);
            continue;
        }
        if spaces >= 2 {
            out.push(Cell { start: col, label: label_len(&plain[i..]) });
        }
        spaces = 0;
    }
    out
}

/// Columns of a `words: ` label at the start of `text`, else 0.
fn label_len(text: &[(usize, char)]) -> usize {
    for (i, &(_, c)) in text.iter().enumerate().take(16) {
        match c {
            ':' if i > 0 && text.get(i + 1).is_some_and(|&(_, n)| n == ' ') => return i + 2,
            'a'..='z' | ' ' => {}
            _ => return 0,
        }
    }
    0
}

/// Columns a continuation should leave for its text before a deeper indent
/// is given up for a shallower one.
fn min_room(width: usize) -> usize {
    (width / 4).max(16)
}

/// Columns a continuation needs before it hangs under a label's text
/// rather than under the label.
const LABEL_ROOM: usize = 32;

/// The indent for continuations of text that began at column `at`.
fn hang(cells: &[Cell], at: usize, width: usize) -> usize {
    let room = min_room(width);
    let fits = |indent: usize| indent + room <= width;
    let Some(cell) = cells.iter().rev().find(|c| c.start <= at).or(cells.first()) else { return 0 };
    let lead = cells.first().map_or(0, |c| c.start);
    let label = Some(cell.start + cell.label).filter(|&i| cell.label > 0 && i + LABEL_ROOM.max(room) <= width);
    label.into_iter().chain([cell.start, lead + 2, lead, 4]).find(|&i| fits(i)).unwrap_or(0)
}

/// Writes `line` to `out`, broken to `width`.
fn wrap_line(line: &str, width: usize, out: &mut String) {
    if width_of(line) <= width {
        out.push_str(line);
        return;
    }
    let cells = cells(line);
    let mut w = Writer { out, active: Vec::new(), col: 0 };
    let mut indent: Option<usize> = None;
    let mut at = 0; // column in the unbroken line
    let mut pending = ""; // spaces since the last word
    let mut has_word = false;
    for (is_space, seg) in segments(line) {
        if is_space {
            pending = seg;
            continue;
        }
        let (sw, ww) = (pending.chars().count(), width_of(seg));
        if has_word && w.col + sw + ww > width {
            let ind = *indent.get_or_insert_with(|| hang(&cells, at + sw, width));
            w.break_line(ind);
        } else {
            w.out.push_str(pending);
            w.col += sw;
        }
        at += sw + ww;
        pending = "";
        has_word = true;
        // A word wider than the room left is cut where the line ends.
        let mut chars = seg.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                w.escape(&mut chars);
                continue;
            }
            let cw = c.width().unwrap_or(0);
            if w.col + cw > width && w.col > *indent.get_or_insert_with(|| hang(&cells, at - ww, width)) {
                let ind = indent.unwrap_or(0);
                w.break_line(ind);
            }
            w.out.push(c);
            w.col += cw;
        }
    }
    if w.col + pending.chars().count() <= width {
        w.out.push_str(pending);
    }
}

/// Runs of spaces and runs of anything else, in order.
fn segments(line: &str) -> impl Iterator<Item = (bool, &str)> {
    let mut rest = line;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first == ' ';
        let end = rest.find(|c: char| (c == ' ') != space).unwrap_or(rest.len());
        let (seg, tail) = rest.split_at(end);
        rest = tail;
        Some((space, seg))
    })
}

/// The output line being written: its column and the colours in force.
struct Writer<'a> {
    out: &'a mut String,
    /// SGR sequences since the last reset, to reopen after a break.
    active: Vec<String>,
    col: usize,
}

impl Writer<'_> {
    fn escape(&mut self, chars: &mut std::str::Chars<'_>) {
        let mut seq = String::from('\x1b');
        skip_escape(chars, &mut |c| seq.push(c));
        if seq == "\x1b[0m" || seq == "\x1b[m" {
            self.active.clear();
        } else if seq.ends_with('m') {
            self.active.push(seq.clone());
        }
        self.out.push_str(&seq);
    }

    fn break_line(&mut self, indent: usize) {
        if !self.active.is_empty() {
            self.out.push_str("\x1b[0m");
        }
        self.out.push('\n');
        self.out.extend(std::iter::repeat_n(' ', indent));
        for s in &self.active {
            self.out.push_str(s);
        }
        self.col = indent;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<&str> {
        s.lines().collect()
    }

    #[test]
    fn short_lines_are_left_alone() {
        assert_eq!(wrap("one two\n\nthree\n", 20), "one two\n\nthree\n");
        assert_eq!(wrap("no newline at the end", 40), "no newline at the end");
    }

    #[test]
    fn a_paragraph_breaks_at_spaces_and_never_mid_word() {
        let text = "Ask a question (what treats muscle spasm), Tab completes names, :help for more\n";
        let got = wrap(text, 30);
        for l in lines(&got) {
            assert!(width_of(l) <= 30, "{l:?}");
        }
        assert_eq!(got.split_whitespace().collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
        assert!(lines(&got).iter().all(|l| !l.starts_with(' ')), "a paragraph hangs at column 0: {got}");
    }

    #[test]
    fn continuations_hang_under_the_column_that_broke() {
        let row = format!(
            "  {:<10}  {:<8}  {}\n",
            "ice pack", "remedy", "Ice pack ¶1; Important warnings during spasm treatment ¶1, ¶2"
        );
        let got = wrap(&row, 50);
        let ls = lines(&got);
        assert!(ls.len() > 1, "{got}");
        assert!(ls[0].starts_with("  ice pack    remedy    Ice pack"), "{got}");
        for l in &ls[1..] {
            assert_eq!(l.len() - l.trim_start().len(), 24, "hangs under the citations: {got}");
            assert!(width_of(l) <= 50, "{l:?}");
        }
    }

    #[test]
    fn a_label_hangs_its_text_after_the_label_when_there_is_room() {
        let text = "    note: one two three four five six seven eight nine ten eleven twelve thirteen\n";
        let got = wrap(text, 50);
        let ls = lines(&got);
        assert!(ls.len() > 1);
        assert!(ls[1].starts_with("          ") && !ls[1].starts_with("           "), "{got}");
        // Too narrow for that: under the label.
        let got = wrap(text, 40);
        assert!(lines(&got)[1].starts_with("    seven"), "{got}");
    }

    #[test]
    fn too_little_room_falls_back_to_a_shallow_indent() {
        let row = format!("{:<40}{}\n", "  a very long first column", "text that will not fit in the room left over");
        let got = wrap(&row, 50);
        for l in lines(&got).iter().skip(1) {
            let indent = l.len() - l.trim_start().len();
            assert!(indent <= 4, "{got}");
        }
    }

    #[test]
    fn colours_take_no_room_and_are_reopened_after_a_break() {
        let text = "\x1b[2mone two three four five six\x1b[0m\n";
        let got = wrap(text, 10);
        let ls = lines(&got);
        assert!(ls.len() >= 3, "{got:?}");
        for l in &ls {
            assert!(width_of(l) <= 10, "{l:?}");
        }
        assert!(ls[0].ends_with("\x1b[0m") && ls[1].starts_with("\x1b[2m"), "{got:?}");
        assert_eq!(width_of(&got.replace('\n', " ")), width_of(&text.replace('\n', " ")));
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let got = wrap("x aaaaaaaaaaaaaaaaaaaaaaaaa\n", 10);
        for l in lines(&got) {
            assert!(width_of(l) <= 10, "{got:?}");
        }
        assert_eq!(got.chars().filter(|&c| c == 'a').count(), 25);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        assert_eq!(width_of("¶1 — 痙攣"), 9);
        assert_eq!(width_of("\x1b[1;36mnote\x1b[0m"), 4);
    }
}
