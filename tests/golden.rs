//! Golden tests: every example script in `queries/` runs through `kg run`,
//! and its stdout, stderr and exit code must match `queries/NAME.out`.
//! Regenerate after a deliberate change with `KG_BLESS=1 cargo test --test golden`
//! and review the diff.

use std::path::Path;
use std::process::Command;

fn transcript(script: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_kg"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--color", "never", "run"])
        .arg(script.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(script))
        .env_remove("KG_GRAPH")
        .env("KG_NO_CACHE", "1")
        .output()
        .expect("kg runs");
    format!(
        "{}--- stderr ---\n{}--- exit {} ---\n",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        out.status.code().unwrap_or(-1)
    )
}

#[test]
fn example_scripts_match_their_transcripts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut scripts: Vec<_> = std::fs::read_dir(&dir)
        .expect("queries/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "kgq"))
        .collect();
    scripts.sort();
    assert!(scripts.len() >= 8, "queries/ holds the example scripts");
    let bless = std::env::var_os("KG_BLESS").is_some();
    let mut failures = Vec::new();
    for script in &scripts {
        let got = transcript(script);
        let expected_path = script.with_extension("out");
        if bless {
            std::fs::write(&expected_path, &got).expect("write transcript");
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != want {
            failures.push(format!("{}:\n--- want\n{want}\n--- got\n{got}", script.display()));
        }
        assert!(got.contains("--- exit 0 ---") || got.contains("--- exit 1 ---"), "{}: {got}", script.display());
    }
    assert!(failures.is_empty(), "transcripts differ (KG_BLESS=1 to accept):\n{}", failures.join("\n"));
}
