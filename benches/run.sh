#!/usr/bin/env bash
# Reproduces the whole-process figures in BENCHMARKS.md: builds kg in
# release, generates synthetic graphs into target/bench-graphs, then prints
# the machine, hyperfine tables and peak memory. Needs hyperfine, sqlite3,
# python3 and GNU time (/usr/bin/time). In-process figures: `cargo bench --bench kg`.
#
#   benches/run.sh            # all sizes (1k 10k 100k 1m)
#   SIZES="1k 10k" benches/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/bench-graphs
SIZES=${SIZES:-"1k 10k 100k 1m"}
KG=target/release/kg
export XDG_CACHE_HOME="$PWD/$OUT/cache"
unset KG_GRAPH KG_NO_CACHE NO_COLOR
Q="what treats muscle spasm"

cargo build --release --quiet --bin kg --example gen_graph
# The same binary linked statically (static-pie, glibc): no dynamic loader at
# start-up. Only the final link changes, so dependencies build as usual.
cargo rustc --release --quiet --bin kg --target-dir target/static -- -C target-feature=+crt-static
mkdir -p "$OUT"
for n in $SIZES; do
    [ -f "$OUT/$n/article.ron" ] || target/release/examples/gen_graph --edges "$n" --out "$OUT/$n"
done

echo "## Machine"
echo "cores: $(nproc)"
grep -m1 'model name' /proc/cpuinfo
rustc --version
hyperfine --version

# A hello-world Rust binary and an SQLite database holding the bundled graph.
echo 'fn main() { println!("hello, world"); }' > "$OUT/hello.rs"
rustc -O -o "$OUT/hello" "$OUT/hello.rs"
$KG export --format json > "$OUT/bundled.json"
rm -f "$OUT/db.sqlite"
python3 - "$OUT/bundled.json" "$OUT/db.sqlite" <<'PY'
import json, sqlite3, sys
g = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
db.execute("create table nodes (id text primary key, name text, kind text)")
db.execute("create table edges (src text, relation text, dst text)")
db.execute("create index edges_dst on edges (dst, relation)")
db.executemany("insert into nodes values (?, ?, ?)", [(n["id"], n["name"], n["kind"]) for n in g["nodes"]])
db.executemany("insert into edges values (?, ?, ?)", [(e["from"], e["relation"], e["to"]) for e in g["edges"]])
db.commit()
PY
SQL="select n.name, e.relation from edges e join nodes n on n.id = e.src where e.dst = 'back-muscle-spasm' and e.relation in ('treats', 'relieves') order by n.name"

echo
echo "## Bundled graph, one-shot, side by side"
(cd "$OUT" && hyperfine -N --warmup 20 --style basic --export-markdown bundled.md \
    "../release/kg ask \"$Q\"" "../static/release/kg ask \"$Q\"" './hello' "sqlite3 :memory: 'select 1'" "sqlite3 db.sqlite \"$SQL\"" >/dev/null)
cat "$OUT/bundled.md"

echo
echo "## Synthetic graphs, one-shot: first run (builds the cache), cached, KG_NO_CACHE=1"
for n in $SIZES; do
    runs=10; [ "$n" = 1m ] && runs=3
    hyperfine -N --style basic --time-unit millisecond --runs "$runs" --export-markdown "$OUT/first-$n.md" \
        --prepare "rm -rf $XDG_CACHE_HOME" -n "first $n" "$KG --graph $OUT/$n ask \"$Q\"" >/dev/null
    hyperfine -N --style basic --time-unit millisecond --warmup 3 --runs $((runs * 3)) --export-markdown "$OUT/cached-$n.md" \
        -n "cached $n" "$KG --graph $OUT/$n ask \"$Q\"" >/dev/null
    KG_NO_CACHE=1 hyperfine -N --style basic --time-unit millisecond --runs "$runs" --export-markdown "$OUT/nocache-$n.md" \
        -n "no cache $n" "$KG --graph $OUT/$n ask \"$Q\"" >/dev/null
    for f in first cached nocache; do tail -n 1 "$OUT/$f-$n.md"; done
done

echo
echo "## Peak memory (max RSS), one-shot ask"
echo "| edges | cached: max RSS | bytes/edge | KG_NO_CACHE=1: max RSS | bytes/edge |"
echo "|---|---|---|---|---|"
for n in $SIZES; do
    edges=$($KG check "$OUT/$n" | sed -E 's/.* ([0-9]+) edges.*/\1/')
    $KG --graph "$OUT/$n" ask "$Q" >/dev/null # warm the cache
    rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident/ {print $6}'; }
    c=$(rss $KG --graph "$OUT/$n" ask "$Q")
    u=$(KG_NO_CACHE=1 rss $KG --graph "$OUT/$n" ask "$Q")
    echo "| $edges | $((c / 1024)) MiB | $((c * 1024 / edges)) | $((u / 1024)) MiB | $((u * 1024 / edges)) |"
done
