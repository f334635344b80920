#!/usr/bin/env bash
# Draws the diagrams in docs/ from the bundled graph, with kg and Graphviz:
#   docs/diagrams.sh              (builds kg first; KG=path/to/kg to use another)
# Each line of the list below is an SVG file and the kg command whose DOT
# it renders. tests/diagrams.rs reads the same list and fails when a file
# is not what the graph draws now, so run this after changing the graph or
# the drawing (graphviz must be installed: apt-get install graphviz).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${KG:-}" ]]; then
    cargo build --quiet --bin kg
    KG=target/debug/kg
fi
while read -r file command; do
    [[ -z "$file" || "$file" == \#* ]] && continue
    eval "args=($command)"
    "$KG" "${args[@]}" | dot -Tsvg > "docs/$file.tmp"
    mv "docs/$file.tmp" "docs/$file"
    echo "docs/$file"
done <<'DIAGRAMS'
# file          kg arguments (the DOT is rendered with `dot -Tsvg`)
answer.svg      ask "what must I avoid while on muscle relaxants" --format dot
focus.svg       dot --focus "ice pack" --legend
treatments.svg  dot --relations treats,relieves
graph.svg       dot --clusters
DIAGRAMS
