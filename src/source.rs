//! Where the graph comes from: `--graph` paths (RON, or one compiled
//! graph), else `$KG_GRAPH`, else the graph compiled into the binary; graph
//! files go through the cache.

use std::path::PathBuf;

use crate::diag::{Diagnostic, Failure, Sources};
use crate::graph::Graph;
use crate::load;

/// The graph paths in force: `--graph`, else `$KG_GRAPH`, else none (bundled).
pub fn graph_paths(cli_paths: &[PathBuf]) -> Vec<PathBuf> {
    if !cli_paths.is_empty() {
        return cli_paths.to_vec();
    }
    match std::env::var_os("KG_GRAPH") {
        Some(v) if !v.is_empty() => std::env::split_paths(&v).filter(|p| !p.as_os_str().is_empty()).collect(),
        _ => Vec::new(),
    }
}

/// Loads the graph from paths, or the bundled graph when there are none.
/// A compiled graph file (`kg compile`) is mapped and read in place. Graph
/// files go through the compiled-graph cache ([`crate::cache`]): a cached
/// load returns no sources and no warnings.
pub fn load_graph(paths: &[PathBuf]) -> Result<(Graph, Sources, Vec<Diagnostic>), Failure> {
    let mut sources = Sources::default();
    if paths.is_empty() {
        let g = crate::bundled::graph().map_err(|e| {
            Failure::new(Diagnostic::error(format!("the bundled graph is damaged: {e}")).help("rebuild kg"))
        })?;
        return Ok((g, sources, Vec::new()));
    }
    if let Some(p) = paths.iter().find(|p| crate::compiled::is_compiled_file(p)) {
        if paths.len() > 1 {
            return Err(Failure::new(
                Diagnostic::error(format!(
                    "`{}` is a compiled graph, which cannot be merged with other graph files",
                    p.display()
                ))
                .help("compile the RON files together instead: kg compile DIR... -o FILE"),
            ));
        }
        return Ok((open_compiled(p)?, sources, Vec::new()));
    }
    // A compiled copy of these files from an earlier run, if still current (see `cache`).
    let cache = crate::cache::Entry::for_paths(paths);
    if let Some(g) = cache.as_ref().and_then(crate::cache::Entry::read) {
        return Ok((g, sources, Vec::new()));
    }
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for p in paths {
        match load::read_path(p, &mut sources) {
            Ok(mut f) => files.append(&mut f),
            Err(mut d) => diags.append(&mut d),
        }
    }
    if !diags.is_empty() {
        return Err(Failure { sources, diags });
    }
    match load::load(&sources, &files) {
        Ok(loaded) => {
            let texts: Vec<&str> = files.iter().map(|&f| sources.files[f].text.as_str()).collect();
            let (bytes, storable) = match &cache {
                Some(c) => c.compile(&loaded.data, &texts),
                None => {
                    crate::compiled::write::write(&loaded.data, b"", cfg!(target_endian = "big")).map(|b| (b, false))
                }
            }
            .map_err(|e| Failure::new(Diagnostic::error(e)))?;
            drop(loaded.data);
            if let Some(c) = cache.as_ref().filter(|_| storable) {
                c.write(&bytes);
            }
            let g = crate::compiled::Store::from_vec(bytes)
                .and_then(Graph::from_store)
                .map_err(|e| Failure::new(Diagnostic::error(format!("cannot compile the graph: {e}"))))?;
            Ok((g, sources, loaded.warnings))
        }
        Err(diags) => Err(Failure { sources, diags }),
    }
}

/// Opens a compiled graph file; a damaged, truncated or foreign one is an error that says so.
pub fn open_compiled(path: &std::path::Path) -> Result<Graph, Failure> {
    Graph::open(path).map_err(|e| {
        let why = match e {
            crate::graph::OpenError::Io(e) => load::io_reason(&e),
            crate::graph::OpenError::Format(e) => e.to_string(),
        };
        Failure::new(
            Diagnostic::error(format!("cannot read `{}`: {why}", path.display()))
                .help("compile the graph again: kg compile DIR -o FILE"),
        )
    })
}
