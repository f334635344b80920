//! Where the graph comes from: `--graph` paths, else `$KG_GRAPH`, else the
//! graph compiled into the binary; graph files go through the cache.

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
/// Graph files go through the compiled-graph cache ([`crate::cache`]): a
/// cached load returns no sources and no warnings.
pub fn load_graph(paths: &[PathBuf]) -> Result<(Graph, Sources, Vec<Diagnostic>), Failure> {
    let mut sources = Sources::default();
    if paths.is_empty() {
        let data = crate::bundled::data().map_err(|e| {
            Failure::new(Diagnostic::error(format!("the bundled graph is damaged: {e}")).help("rebuild kg"))
        })?;
        return Ok((Graph::new(data), sources, Vec::new()));
    }
    // A compiled copy of these files from an earlier run, if still current (see `cache`).
    let cache = crate::cache::Entry::for_paths(paths);
    if let Some(data) = cache.as_ref().and_then(crate::cache::Entry::read) {
        return Ok((Graph::new(data), sources, Vec::new()));
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
            if let Some(c) = &cache {
                let texts: Vec<&str> = files.iter().map(|&f| sources.files[f].text.as_str()).collect();
                c.write(&loaded.data, &texts);
            }
            Ok((Graph::new(loaded.data), sources, loaded.warnings))
        }
        Err(diags) => Err(Failure { sources, diags }),
    }
}
