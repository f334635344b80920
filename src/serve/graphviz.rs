//! Graphviz for the diagram page: the DOT that `kg dot` builds, through
//! `dot -Tsvg`, with a time limit, an output limit, at most [`AT_ONCE`]
//! runs at a time and the last few diagrams kept, so a large diagram, a
//! slow machine or many reloads cannot tie up the server.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Graphviz runs at once.
pub const AT_ONCE: usize = 2;
/// How long one run may take.
pub const TIME: Duration = Duration::from_secs(10);
/// How long a request waits for a free run before it is told to come back.
const QUEUE_TIME: Duration = Duration::from_secs(5);
/// The most SVG one run may write.
const MAX_SVG: usize = 16 << 20;
/// Diagrams kept.
const KEPT: usize = 32;

/// What came of drawing.
#[derive(Debug)]
pub enum Drawn {
    /// The `<svg>` element, without the XML prolog.
    Svg(String),
    /// `dot` is not installed.
    Missing,
    /// Every run is taken: try again shortly.
    Busy,
    /// It failed, and why.
    Failed(String),
}

#[derive(Default)]
pub struct Graphviz {
    running: Mutex<usize>,
    freed: Condvar,
    kept: Mutex<VecDeque<(String, Arc<str>)>>,
}

impl Graphviz {
    /// The SVG for some DOT, drawn now or kept from before.
    pub fn svg(&self, dot: &str) -> Drawn {
        if let Some(svg) = self.kept(dot) {
            return Drawn::Svg(svg.to_string());
        }
        let Some(_slot) = self.slot() else { return Drawn::Busy };
        let drawn = run(dot);
        if let Drawn::Svg(svg) = &drawn
            && let Ok(mut kept) = self.kept.lock()
        {
            if kept.len() >= KEPT {
                kept.pop_front();
            }
            kept.push_back((dot.to_string(), Arc::from(svg.as_str())));
        }
        drawn
    }

    fn kept(&self, dot: &str) -> Option<Arc<str>> {
        let kept = self.kept.lock().ok()?;
        kept.iter().find(|(d, _)| d == dot).map(|(_, svg)| Arc::clone(svg))
    }

    /// One of the [`AT_ONCE`] runs, waiting at most [`QUEUE_TIME`] for it.
    fn slot(&self) -> Option<Slot<'_>> {
        let deadline = Instant::now() + QUEUE_TIME;
        let mut running = self.running.lock().ok()?;
        while *running >= AT_ONCE {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            running = self.freed.wait_timeout(running, left).ok()?.0;
        }
        *running += 1;
        Some(Slot(self))
    }
}

/// A run taken; given back when dropped.
struct Slot<'a>(&'a Graphviz);

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        if let Ok(mut running) = self.0.running.lock() {
            *running -= 1;
        }
        self.0.freed.notify_one();
    }
}

/// Runs `dot -Tsvg` on the DOT, killing it after [`TIME`].
fn run(dot: &str) -> Drawn {
    let child =
        Command::new("dot").arg("-Tsvg").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Drawn::Missing,
        Err(e) => return Drawn::Failed(format!("cannot run Graphviz `dot`: {e}")),
    };
    let (Some(mut stdin), Some(stdout), Some(stderr)) = (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return Drawn::Failed("cannot talk to Graphviz `dot`".into());
    };
    let deadline = Instant::now() + TIME;
    std::thread::scope(|s| {
        // Feed and read on threads of their own, so neither pipe can fill
        // up and stall the other.
        s.spawn(move || {
            let _ = stdin.write_all(dot.as_bytes());
        });
        let out = s.spawn(move || {
            let mut svg = Vec::new();
            let _ = stdout.take(MAX_SVG as u64 + 1).read_to_end(&mut svg);
            svg
        });
        let err = s.spawn(move || {
            let mut text = String::new();
            let _ = stderr.take(4096).read_to_string(&mut text);
            text
        });
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
            }
        };
        let svg = out.join().unwrap_or_default();
        let why = err.join().unwrap_or_default();
        match status {
            None => Drawn::Failed(format!("Graphviz took longer than {} seconds", TIME.as_secs())),
            Some(_) if svg.len() > MAX_SVG => Drawn::Failed("the diagram is too large to show".into()),
            Some(st) if !st.success() => Drawn::Failed(format!("Graphviz failed ({st}): {}", why.trim())),
            Some(_) => match String::from_utf8(svg).ok().and_then(|s| element(&s).map(str::to_string)) {
                Some(svg) => Drawn::Svg(svg),
                None => Drawn::Failed("Graphviz wrote no SVG".into()),
            },
        }
    })
}

/// The `<svg>...</svg>` element of Graphviz's output, without the XML
/// prolog, doctype and comments before it, to go inside a page.
fn element(svg: &str) -> Option<&str> {
    let start = svg.find("<svg")?;
    let end = svg.rfind("</svg>")? + "</svg>".len();
    (start < end).then(|| &svg[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_element_is_cut_from_the_document() {
        let doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<!-- Generated -->\n<svg width=\"8pt\"><g/></svg>\n";
        assert_eq!(element(doc), Some("<svg width=\"8pt\"><g/></svg>"));
        assert_eq!(element("<?xml?>"), None);
        assert_eq!(element("</svg><svg"), None);
    }

    #[test]
    fn runs_are_limited_and_given_back() {
        let gv = Graphviz::default();
        let a = gv.slot().expect("a first run");
        let b = gv.slot().expect("a second run");
        assert_eq!(*gv.running.lock().unwrap(), AT_ONCE);
        drop(a);
        let c = gv.slot().expect("the freed run");
        drop((b, c));
        assert_eq!(*gv.running.lock().unwrap(), 0);
    }
}
