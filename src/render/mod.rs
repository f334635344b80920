//! Rendering reports: one module per format, all from the same [`Report`].

pub mod dot;
pub mod json;
pub mod text;
pub mod tsv;

use crate::cli::Format;
use crate::graph::Graph;
use crate::model::{Kind, Window};
use crate::report::Report;

/// Whether to colour, decided once per stream.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    pub color: bool,
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

/// Renders a report in a format. `None` if the format does not apply to it.
pub fn render(report: &Report, g: &Graph, format: Format, style: Style) -> Option<String> {
    match format {
        Format::Text => Some(text::render(report, g, style)),
        Format::Json => Some(json::render(report, g)),
        Format::Tsv => Some(tsv::render(report, g)),
        Format::Dot | Format::Ntriples | Format::Turtle | Format::Graphml => None,
    }
}

/// A timing window in words: "first 3 days; about 20 min at a time, then 90 min off".
pub fn window_text(w: &Window) -> String {
    let mut parts = Vec::new();
    match (w.from_day, w.to_day) {
        (None | Some(0), Some(t)) => parts.push(format!("first {t} days")),
        (Some(f), Some(t)) => parts.push(format!("days {f} to {t}")),
        (Some(0), None) => parts.push("from the start".to_string()),
        (Some(f), None) => parts.push(format!("from day {f}")),
        (None, None) => {}
    }
    if let Some(m) = w.minutes {
        let mut s = format!("about {} min at a time", fmt_num(m));
        if let Some(p) = w.pause_minutes {
            s.push_str(&format!(", then {} min off", fmt_num(p)));
        }
        parts.push(s);
    } else if let Some(p) = w.pause_minutes {
        parts.push(format!("{} min between sessions", fmt_num(p)));
    }
    if let Some(l) = &w.lasts {
        parts.push(format!("lasts {l}"));
    }
    if let Some(n) = &w.note {
        parts.push(n.clone());
    }
    parts.join("; ")
}

fn fmt_num(x: f32) -> String {
    if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x}") }
}

/// Pads `text` to `width` display columns (ANSI codes are not counted, since
/// callers pad before painting).
pub fn pad(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let w = text.width();
    if w >= width { text.to_string() } else { format!("{text}{}", " ".repeat(width - w)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_in_words() {
        let ice = Window {
            from_day: Some(0),
            to_day: Some(3),
            minutes: Some(20.0),
            pause_minutes: Some(90.0),
            ..Window::default()
        };
        assert_eq!(window_text(&ice), "first 3 days; about 20 min at a time, then 90 min off");
        let heat = Window { from_day: Some(3), ..Window::default() };
        assert_eq!(window_text(&heat), "from day 3");
        let shower = Window { minutes: Some(0.5), ..Window::default() };
        assert_eq!(window_text(&shower), "about 0.5 min at a time");
    }
}
