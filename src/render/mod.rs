//! Rendering reports: one module per format, all from the same [`Report`].

pub mod dot;
pub mod json;
pub mod text;
pub mod tsv;
pub mod wrap;

use crate::format::Format;
use crate::graph::Graph;
use crate::model::Kind;
use crate::report::Report;

/// How text for people looks: whether to colour (decided once per stream)
/// and the width to wrap to (on a terminal; `None` leaves lines whole).
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    pub color: bool,
    pub width: Option<usize>,
}

impl Style {
    pub fn paint(self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }

    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    /// A colour per kind, so kinds tell apart at a glance.
    pub fn kind(self, kind: Kind, text: &str) -> String {
        let code = match kind {
            Kind::Condition | Kind::Symptom => "35",
            Kind::Harm | Kind::RedFlag => "31",
            Kind::Mechanism | Kind::Factor | Kind::Behaviour => "33",
            Kind::Treatment | Kind::Procedure | Kind::HomeRemedy | Kind::Exercise => "32",
            Kind::Medication => "36",
            Kind::Food | Kind::Nutrient => "34",
            Kind::BodyPart | Kind::Specialist => "37",
        };
        self.paint(code, text)
    }
}

/// Renders a report in a format, with the notes said about it (JSON
/// carries them; the other formats leave them to stderr). `None` if the
/// report has nothing to draw in DOT.
pub fn render(report: &Report, g: &Graph, format: Format, style: Style, notes: &[String]) -> Option<String> {
    match format {
        // Text is for people: graph strings cannot reach a terminal raw.
        Format::Text => {
            let text = text::render(report, g, style);
            Some(match crate::escape::safe(&text, style.color) {
                std::borrow::Cow::Borrowed(_) => text,
                std::borrow::Cow::Owned(escaped) => escaped,
            })
        }
        Format::Json => Some(json::render(report, g, notes)),
        Format::Tsv => Some(tsv::render(report, g)),
        Format::Dot => dot::report(g, report),
    }
}

/// Pads `text` to `width` display columns (ANSI codes are not counted, since
/// callers pad before painting).
pub fn pad(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let w = text.width();
    if w >= width { text.to_string() } else { format!("{text}{}", " ".repeat(width - w)) }
}
