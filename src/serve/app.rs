//! The routes of `kg serve`. Each handler parses its input, calls what the
//! CLI calls (the session's `ask`, its JSON replies, `kg dot`'s selection
//! and drawing) and hands the result to a page in [`super::pages`]. A
//! path that is not one of these routes is 404: nothing maps a path to a
//! file, so there is nothing to traverse.

use std::sync::OnceLock;

use maud::Markup;

use super::graphviz::{Drawn, Graphviz};
use super::http::{self, HTML, JSON, Request, Response};
use super::pages::{self, Frame};
use crate::diag::{Failure, render_all};
use crate::graph::{Graph, Ix};
use crate::repl::Names;
use crate::report::Report;
use crate::session::Session;

/// Nodes a diagram draws at most, so a large graph's picture stays one
/// Graphviz can lay out in its time limit.
pub const MAX_DIAGRAM_NODES: usize = 300;
/// Names offered at once while typing.
const COMPLETIONS: usize = 10;

/// What every request may use: the session (in JSON, the format of the
/// API; pages are drawn from the same replies' reports), the names to
/// complete, Graphviz.
pub struct App<'a> {
    pub session: &'a Session,
    /// "the bundled graph", or the paths served.
    pub graph_label: String,
    names: OnceLock<Names>,
    graphviz: Graphviz,
}

impl<'a> App<'a> {
    pub fn new(session: &'a Session, graph_label: String) -> App<'a> {
        App { session, graph_label, names: OnceLock::new(), graphviz: Graphviz::default() }
    }

    fn g(&self) -> &Graph {
        &self.session.graph
    }

    /// The response to a request that passed the checks in [`http`].
    pub fn handle(&self, req: &Request) -> Response {
        let segments: Vec<&str> = req.path.split('/').skip(1).collect();
        // A segment is decoded after the path is split, so `%2F` never
        // makes a new segment and `..` is only ever a name nothing has.
        let decoded = |s: &str| http::decode(s, false);
        match segments.as_slice() {
            [""] => self.home(req),
            ["node", id] => decoded(id).map_or_else(|| self.missing(), |id| self.node(&id)),
            ["section", id] => decoded(id).map_or_else(|| self.missing(), |id| self.section(&id)),
            ["graph"] => self.diagram(req, false),
            ["graph.svg"] => self.diagram(req, true),
            ["api", "ask"] => self.api_ask(req),
            ["api", "node", id] => decoded(id).map_or_else(|| self.missing(), |id| self.api_node(&id)),
            ["api", "complete"] => self.api_complete(req),
            ["assets", name] => asset(name).unwrap_or_else(|| self.missing()),
            _ => self.missing(),
        }
    }

    fn frame<'f>(&'f self, title: &'f str, q: &'f str, json: Option<String>) -> Frame<'f> {
        Frame { title, q, json, graph: &self.graph_label, article: &self.g().article.title }
    }

    fn html(&self, status: u16, frame: &Frame, body: Markup) -> Response {
        Response::new(status, HTML, pages::page(frame, body))
    }

    fn missing(&self) -> Response {
        let f = self.frame("Not found", "", None);
        self.html(404, &f, pages::not_found(self.g(), "There is no page at this address.", &[]))
    }

    /// A query parameter, or a 400 page when the query cannot be decoded.
    fn param(&self, req: &Request, key: &str) -> Result<String, Response> {
        http::query_value(&req.query, key).map(Option::unwrap_or_default).map_err(|_| {
            let f = self.frame("Bad request", "", None);
            self.html(400, &f, pages::trouble("Bad request", "The query string is not percent-encoded UTF-8."))
        })
    }

    /// `/`: the start page, or with `?q=` the answer.
    fn home(&self, req: &Request) -> Response {
        let q = match self.param(req, "q") {
            Ok(q) => q,
            Err(r) => return r,
        };
        let g = self.g();
        if q.trim().is_empty() {
            let t = crate::ask::templates::TEMPLATES;
            let examples: Vec<&str> = t.iter().step_by((t.len() / 8).max(1)).take(8).map(|t| t.example).collect();
            let f = self.frame("Ask the article", "", None);
            return self.html(200, &f, pages::home(g, &examples));
        }
        let f = self.frame(&q, &q, Some(format!("/api/ask?q={}", http::encode(&q))));
        match self.session.ask(&q) {
            Ok(reply) => match &reply.report {
                Some(report) => self.html(200, &f, pages::answer_page(g, &q, &reply.notes, report)),
                // `help`: the kinds of question, as `kg ask help` prints them.
                None => self.html(200, &f, pages::trouble("Questions kg understands", &reply.text)),
            },
            Err(e) => self.html(200, &f, pages::trouble("kg could not read this question", &failure_text(&e))),
        }
    }

    /// A node by its exact id, and the nearest names when there is none.
    fn lookup(&self, id: &str) -> Result<Ix, Response> {
        self.g().by_id(id).ok_or_else(|| {
            let near = crate::resolve::nearest(self.g(), &crate::text::normalize(id), 5);
            let f = self.frame("Not found", "", None);
            self.html(404, &f, pages::not_found(self.g(), "Nothing in the graph has this id.", &near))
        })
    }

    fn node(&self, id: &str) -> Response {
        let ix = match self.lookup(id) {
            Ok(ix) => ix,
            Err(r) => return r,
        };
        let n = self.g().node(ix);
        let f = self.frame(n.name, "", Some(format!("/api/node/{}", http::encode(n.id))));
        self.html(200, &f, pages::show(self.g(), ix, 1))
    }

    fn section(&self, id: &str) -> Response {
        let g = self.g();
        let Some(at) = g.article.sections.iter().position(|s| s.id == id) else {
            let f = self.frame("Not found", "", None);
            return self.html(404, &f, pages::not_found(g, "The article has no section with this id.", &[]));
        };
        let f = self.frame(&g.article.sections[at].title, "", None);
        self.html(200, &f, pages::section(g, at))
    }

    /// `/graph?focus=NODE&depth=N`: `kg dot --focus NODE --depth N`, as
    /// SVG in a page (or alone, `/graph.svg`), every node a link.
    fn diagram(&self, req: &Request, alone: bool) -> Response {
        let g = self.g();
        let (focus, depth) = match (self.param(req, "focus"), self.param(req, "depth")) {
            (Ok(f), Ok(d)) => (f.trim().to_string(), d),
            (Err(r), _) | (_, Err(r)) => return r,
        };
        let depth = match depth.trim() {
            "" => 1,
            d => match d.parse::<usize>() {
                Ok(n) if n <= pages::MAX_DEPTH => n,
                _ => {
                    let f = self.frame("Bad request", "", None);
                    let why = format!("`depth` is a number from 0 to {}.", pages::MAX_DEPTH);
                    return self.html(400, &f, pages::trouble("Bad request", &why));
                }
            },
        };
        let mut opts = crate::dot::Options {
            depth,
            max_nodes: Some(MAX_DIAGRAM_NODES),
            legend: Some(false),
            ..crate::dot::Options::default()
        };
        let mut shown = String::new();
        if !focus.is_empty() {
            match crate::lookup::node(g, &focus) {
                Ok((ix, _)) => {
                    opts.focus.push(ix);
                    shown = g.name(ix).to_string();
                    let steps = if depth == 1 { "step" } else { "steps" };
                    opts.title = Some(format!("{shown}, {depth} {steps} out"));
                }
                Err(e) => {
                    let f = self.frame("Not found", "", None);
                    return self.html(404, &f, pages::trouble("Nothing to draw", &failure_text(&e)));
                }
            }
        }
        let selection = crate::dot::select(g, &opts);
        let (nodes, edges, cut) = (selection.nodes.clone(), selection.edges.clone(), selection.cut);
        let dot = linked(&crate::dot::draw(g, &opts, selection));
        let (status, svg) = match self.graphviz.svg(&dot) {
            Drawn::Svg(svg) => (200, Ok(svg)),
            Drawn::Missing => (
                200,
                Err("Graphviz is not installed here, so there is no picture: install the graphviz package \
                     (apt-get install graphviz, brew install graphviz) and reload. What the picture would \
                     show is listed below."
                    .to_string()),
            ),
            Drawn::Busy => (503, Err("Graphviz is busy drawing other diagrams; reload in a moment.".to_string())),
            Drawn::Failed(why) => (500, Err(why)),
        };
        if alone {
            return match svg {
                Ok(svg) => Response::new(200, http::SVG, svg),
                Err(why) => Response::new(status.max(404), http::TEXT, why),
            };
        }
        let title = if shown.is_empty() { "Diagram".to_string() } else { format!("Diagram around {shown}") };
        let f = self.frame(&title, "", None);
        let d = pages::Diagram { focus: &shown, depth, nodes: &nodes, edges: &edges, cut, svg };
        self.html(status, &f, pages::diagram(g, &d))
    }

    /// `/api/ask?q=`: what `kg ask --format json` prints.
    fn api_ask(&self, req: &Request) -> Response {
        let q = match http::query_value(&req.query, "q") {
            Ok(q) => q.unwrap_or_default(),
            Err(_) => return json_error(400, "the query string is not percent-encoded UTF-8"),
        };
        match self.session.ask(&q) {
            Ok(reply) if reply.report.is_some() => Response::new(200, JSON, reply.text),
            Ok(reply) => Response::new(200, http::TEXT, reply.text),
            Err(e) => json_error(400, &failure_text(&e)),
        }
    }

    /// `/api/node/ID`: what `kg show ID --format json` prints.
    fn api_node(&self, id: &str) -> Response {
        let Some(ix) = self.g().by_id(id) else {
            return json_error(404, &format!("nothing in the graph has the id `{id}`"));
        };
        match self.session.reply(Report::Show { node: ix }, Vec::new()) {
            Ok(reply) => Response::new(200, JSON, reply.text),
            Err(e) => json_error(500, &failure_text(&e)),
        }
    }

    /// `/api/complete?q=TEXT`: names that complete the end of `TEXT`, as
    /// the REPL's Tab offers them: `{"start": N, "names": [...]}`, where
    /// `start` counts the characters before the text they replace.
    fn api_complete(&self, req: &Request) -> Response {
        let Ok(text) = http::query_value(&req.query, "q") else {
            return json_error(400, "the query string is not percent-encoded UTF-8");
        };
        let text = text.unwrap_or_default();
        let names = self.names.get_or_init(|| Names::of(self.g()));
        // As a question: the REPL completes names after `ask`.
        let line = format!("ask {text}");
        let (start, mut found) = crate::repl::complete(&line, line.len(), names);
        found.truncate(COMPLETIONS);
        let start = line[..start.clamp(4, line.len())].chars().count() - 4;
        let body = serde_json::json!({"start": start, "names": found});
        Response::new(200, JSON, crate::render::json::to_string(&body))
    }
}

/// A failure as the CLI prints it on stderr, without colour.
fn failure_text(f: &Failure) -> String {
    render_all(&f.diags, &f.sources, false)
}

/// `{"version", "notes", "error"}` with a status, for the API.
fn json_error(status: u16, message: &str) -> Response {
    let doc = crate::render::json::document(&[], serde_json::json!({"error": message.trim_end()}));
    Response::new(status, JSON, crate::render::json::to_string(&doc))
}

/// The DOT with every node a link to its page (`\N` is Graphviz's escape
/// for the node's name, which is its id).
fn linked(dot: &str) -> String {
    match dot.split_once('\n') {
        Some((first, rest)) => format!("{first}\n  node [URL=\"/node/\\N\"];\n{rest}"),
        None => dot.to_string(),
    }
}

/// The stylesheet, script and icon, compiled in.
fn asset(name: &str) -> Option<Response> {
    let (kind, body): (&'static str, Vec<u8>) = match name {
        "kg.css" => {
            let css = format!("{}\n{}", include_str!("assets/kg.css"), pages::kind_css());
            ("text/css; charset=utf-8", css.into_bytes())
        }
        "kg.js" => ("text/javascript; charset=utf-8", include_str!("assets/kg.js").as_bytes().to_vec()),
        "icon.svg" => (http::SVG, include_str!("assets/icon.svg").as_bytes().to_vec()),
        _ => return None,
    };
    Some(Response::new(200, kind, body))
}
