//! Graph strings are data from whoever wrote the graph. A name holding ESC,
//! BEL, NUL or a bidirectional override could move the cursor, clear a
//! line (hiding a warning), ring the bell or reorder what is shown. So text
//! output and every message show such characters escaped (`\x1b`,
//! `\u{202e}`), as `ls` does on a terminal ([`safe`]); the only escape
//! sequences that pass are the colours `kg` itself uses, and only when
//! colour is on. (Kept apart from [`crate::terminal`] so that the renderers
//! use it without importing the terminal, which wraps with them.)

use std::borrow::Cow;

/// Whether `c` must not reach a terminal raw: C0 controls but tab and line
/// feed, DEL, C1 controls, and the bidirectional embeddings, overrides and
/// isolates.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether UTF-8 `b` holds a character [`is_unsafe`] refuses, byte by
/// byte: every output passes here, so the common case (nothing to escape)
/// costs a comparison or two a byte, not a decoded character.
fn has_unsafe(b: &[u8]) -> bool {
    // Bytes that may start an unsafe character; most text has few of them.
    const SUSPECT: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 0x20 {
            t[i] = i != b'\n' as usize && i != b'\t' as usize;
            i += 1;
        }
        t[0x7f] = true;
        t[0xc2] = true;
        t[0xd8] = true;
        t[0xe2] = true;
        t
    };
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    b.iter().enumerate().filter(|&(_, &c)| SUSPECT[c as usize]).any(|(i, &c)| match c {
        // U+0080..U+009F (C1), U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069.
        0xc2 => (0x80..=0x9f).contains(&at(i + 1)),
        0xd8 => at(i + 1) == 0x9c,
        0xe2 => match at(i + 1) {
            0x80 => matches!(at(i + 2), 0x8e | 0x8f | 0xaa..=0xae),
            0x81 => (0xa6..=0xa9).contains(&at(i + 2)),
            _ => false,
        },
        _ => true,
    })
}

/// `text` with unsafe characters escaped. With `color`, the colour
/// sequences `kg` writes (bold, dim, the eight foreground colours, reset)
/// pass; nothing else that starts with ESC does.
pub fn safe(text: &str, color: bool) -> Cow<'_, str> {
    if !has_unsafe(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\x1b'
            && color
            && let Some(len) = our_color(rest)
        {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if is_unsafe(c) {
            if (c as u32) < 0x80 {
                out.push_str(&format!("\\x{:02x}", c as u32));
            } else {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// The length of the colour sequence `ESC [ n(;n)* m` at the start of `s`,
/// if every `n` is one `kg` uses (0 reset, 1 bold, 2 dim, 31 to 37).
fn our_color(s: &str) -> Option<usize> {
    let body = s.strip_prefix("\x1b[")?;
    let end = body.find('m')?;
    let params = &body[..end];
    let ok = !params.is_empty()
        && params.len() <= 8
        && params.split(';').all(|p| matches!(p, "0" | "1" | "2" | "31" | "32" | "33" | "34" | "35" | "36" | "37"));
    ok.then_some(2 + end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(safe("plain\ttext\n", false), "plain\ttext\n");
        assert_eq!(safe("a\x1b[2Kb\x07c\0d\r", false), "a\\x1b[2Kb\\x07c\\x00d\\x0d");
        assert_eq!(safe("del\x7f c1\u{85} rlo\u{202e}x", false), "del\\x7f c1\\u{85} rlo\\u{202e}x");
        assert_eq!(safe("Rücken ¶ 日本", false), "Rücken ¶ 日本");
    }

    #[test]
    fn the_byte_check_agrees_with_the_character_rule() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(has_unsafe(text.as_bytes()), is_unsafe(c), "{:x}", c as u32);
        }
    }

    #[test]
    fn only_our_colours_pass_and_only_with_colour_on() {
        let ours = "\x1b[1;31merror\x1b[0m: \x1b[2mdim\x1b[0m";
        assert_eq!(safe(ours, true), ours);
        assert_eq!(safe(ours, false), "\\x1b[1;31merror\\x1b[0m: \\x1b[2mdim\\x1b[0m");
        // Concealed text, a background, cursor moves and screen clears never pass.
        for bad in ["\x1b[8m", "\x1b[30;40m", "\x1b[1A", "\x1b[2J", "\x1b]0;title\x07", "\x1b[m", "\x1b[1;31;32;33;34m"]
        {
            assert!(!safe(bad, true).contains('\x1b'), "{bad:?}");
        }
    }
}
