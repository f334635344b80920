//! `kg`: a typed knowledge graph of one health article on back muscle
//! spasms, and the tools to question it.
//!
//! The pipeline: RON files ([`model`]) are parsed and checked ([`load`]) into
//! a [`model::GraphData`], compiled ([`compiled`]) into a file read in place
//! (baked into the binary at build time for the bundled graph, [`bundled`];
//! a cache entry or `kg compile` output for others), questioned through
//! [`graph::Graph`], and rendered ([`render`]). Answers report what one article claims; they are not
//! medical advice.

pub mod answer;
pub mod ask;
pub mod bundled;
pub mod cache;
pub mod cli;
pub mod compiled;
pub mod completions;
pub mod diag;
pub mod dot;
pub mod escape;
pub mod export;
pub mod format;
pub mod fsutil;
pub mod graph;
pub mod history;
pub mod load;
pub mod lookup;
pub mod manual;
pub mod model;
pub mod path;
pub mod query;
pub mod render;
pub mod repl;
pub mod report;
pub mod resolve;
pub mod run;
pub mod script;
pub mod serve;
pub mod session;
pub mod source;
pub mod terminal;
pub mod text;
