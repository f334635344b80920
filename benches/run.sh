#!/usr/bin/env bash
# Reproduces the whole-process figures in BENCHMARKS.md, kg and sqlite3 side
# by side on the same data: builds kg in release, generates synthetic graphs
# into target/bench-graphs, loads each into an SQLite file (every field of
# `kg export`, indexes on (dst, relation) and (src, relation)), then prints
# the machine, hyperfine tables, peak memory and file sizes, appends every
# figure to target/bench-graphs/results.csv and draws docs/scale.svg from it.
# Needs hyperfine, sqlite3, python3 and GNU time (/usr/bin/time).
# In-process figures: `cargo bench --bench kg`.
#
#   benches/run.sh                    # 10k 100k 1m, and the bundled graph
#   SIZES="10k 100k" benches/run.sh
#   SIZES="10k 100k 1m 10m" benches/run.sh   # 10M: ~2 GB of RON, ~1 GB compiled
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/bench-graphs
SIZES=${SIZES:-"10k 100k 1m"}
KG=$PWD/target/release/kg
CSV=$OUT/results.csv
export XDG_CACHE_HOME="$PWD/$OUT/cache"
unset KG_GRAPH KG_NO_CACHE NO_COLOR
Q="what treats muscle spasm"
# One hop: what treats or relieves the subject.
KQ='?t treats|relieves "back muscle spasm"'
SQ="select n.name, e.relation from edges e join nodes n on n.id = e.src where e.dst = 'back-muscle-spasm' and e.relation in ('treats', 'relieves') order by n.name"

cargo build --release --quiet --bin kg --example gen_graph
# The same binary linked statically (static-pie, glibc): no dynamic loader at
# start-up. Only the final link changes, so dependencies build as usual.
cargo rustc --release --quiet --bin kg --target-dir target/static -- -C target-feature=+crt-static
mkdir -p "$OUT"
for n in $SIZES; do
    [ -f "$OUT/$n/article.ron" ] || target/release/examples/gen_graph --edges "$n" --out "$OUT/$n"
done
echo "size,measure,tool,value,unit" > "$CSV"

# A hyperfine run's means (ms) into the CSV: `record SIZE MEASURE FILE TOOL...`,
# one tool name per command, in order.
record() {
    python3 - "$CSV" "$@" <<'PY'
import json, sys
csv, size, measure, path, *tools = sys.argv[1:]
results = json.load(open(path))["results"]
with open(csv, "a") as f:
    for tool, r in zip(tools, results):
        f.write(f"{size},{measure},{tool},{r['mean'] * 1000:.3f},ms\n")
        f.write(f"{size},{measure} (median),{tool},{r['median'] * 1000:.3f},ms\n")
        # CPU time, which a machine busy with other work inflates less than wall time.
        f.write(f"{size},{measure} (cpu),{tool},{(r['user'] + r['system']) * 1000:.3f},ms\n")
PY
}
# Peak RSS in KiB: the median of five runs.
rss() {
    for _ in 1 2 3 4 5; do /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; done | sort -n | sed -n 3p
}

echo "## Machine"
echo "cores: $(nproc)"
grep -m1 'model name' /proc/cpuinfo
uname -r
rustc --version
hyperfine --version
sqlite3 --version | cut -d' ' -f1-2
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# A hello-world Rust binary and an SQLite database holding the bundled graph.
echo 'fn main() { println!("hello, world"); }' > "$OUT/hello.rs"
rustc -O -o "$OUT/hello" "$OUT/hello.rs"
rm -f "$OUT/bundled.db"
$KG export | python3 benches/to_sqlite.py "$OUT/bundled.db"

echo
echo "## Bundled graph, one-shot, side by side"
(cd "$OUT" && hyperfine -N --warmup 20 --runs 500 --style basic --export-markdown bundled.md --export-json bundled.json \
    "$KG ask \"$Q\"" "../static/release/kg ask \"$Q\"" './hello' "sqlite3 :memory: 'select 1'" "sqlite3 bundled.db \"$SQ\"" >/dev/null)
sed "s|$PWD/||g" "$OUT/bundled.md"
record bundled one-shot "$OUT/bundled.json" "kg ask" "kg ask (static)" hello "sqlite3 :memory:" "sqlite3 one hop"

for n in $SIZES; do
    G=$OUT/$n
    $KG --graph "$G" stats >/dev/null # the cache entry, built once
    /usr/bin/time -f "$n: kg compile %e s, peak RSS %M KiB" "$KG" compile "$G" -o "$OUT/$n.kg"
    [ -f "$OUT/$n.db" ] || $KG --graph "$G" export | python3 benches/to_sqlite.py "$OUT/$n.db"
    DB=$OUT/$n.db
    # The largest condition hierarchy's root, for is_a* and two hops.
    root=$(sqlite3 "$DB" "select dst from edges where relation = 'is_a' and dst in (select id from nodes where kind = 'condition') and dst not in (select src from edges where relation = 'is_a') group by dst order by count(*) desc, dst limit 1")
    root_name=$(sqlite3 "$DB" "select name from nodes where id = '$root'")
    STAR="with recursive sub(id) as (select '$root' union select e.src from edges e join sub on e.dst = sub.id where e.relation = 'is_a') select n.name from sub join nodes n on n.id = sub.id order by n.name"
    TWO="select distinct n.name from edges e1 join edges e2 on e1.dst = e2.src join nodes n on n.id = e1.src where e2.dst = '$root' and e2.relation = 'is_a' and e1.relation = 'is_a' order by n.name"
    edges=$($KG --graph "$G" stats --format tsv | awk -F'\t' '$1 == "edges" {print $2}')

    echo
    echo "## $n ($edges edges), one-shot, cache entry built, side by side"
    hyperfine -N --warmup 5 --runs 100 --style basic --export-markdown "$OUT/hop-$n.md" --export-json "$OUT/hop-$n.json" \
        -n "kg query (one hop)" "$KG --graph $G query '$KQ'" \
        -n "kg ask (one hop)" "$KG --graph $G ask '$Q'" \
        -n "sqlite3 (one hop)" "sqlite3 $DB \"$SQ\"" >/dev/null
    cat "$OUT/hop-$n.md"
    record "$edges" "one hop" "$OUT/hop-$n.json" "kg query" "kg ask" sqlite3
    hyperfine -N --warmup 3 --runs 50 --style basic --export-markdown "$OUT/deep-$n.md" --export-json "$OUT/deep-$n.json" \
        -n "kg query (two hops)" "$KG --graph $G query '?x is_a/is_a \"$root_name\"'" \
        -n "sqlite3 (two hops, join)" "sqlite3 $DB \"$TWO\"" \
        -n "kg query (is_a*)" "$KG --graph $G query '?x is_a* \"$root_name\"'" \
        -n "sqlite3 (is_a*, recursive CTE)" "sqlite3 $DB \"$STAR\"" >/dev/null
    cat "$OUT/deep-$n.md"
    record "$edges" "deep" "$OUT/deep-$n.json" "kg two hops" "sqlite3 two hops" "kg is_a*" "sqlite3 is_a*"
    # The answers agree: same count from both.
    echo "answers: two hops kg $($KG --graph "$G" query "?x is_a/is_a \"$root_name\"" --format tsv | wc -l), sqlite3 $(sqlite3 "$DB" "$TWO" | wc -l);" \
        "is_a* kg $($KG --graph "$G" query "?x is_a* \"$root_name\"" --format tsv | wc -l), sqlite3 $(sqlite3 "$DB" "$STAR" | wc -l)"

    q=$(rss "$KG" --graph "$G" query "$KQ")
    a=$(rss "$KG" --graph "$G" ask "$Q")
    s=$(rss sqlite3 "$DB" "$SQ")
    ron=$(du -sk "$G" | cut -f1)
    kgsize=$(($(stat -c %s "$OUT/$n.kg") / 1024))
    dbsize=$(($(stat -c %s "$DB") / 1024))
    echo "peak RSS (KiB): kg query $q, kg ask $a, sqlite3 $s; on disk (KiB): RON $ron, compiled $kgsize, sqlite $dbsize"
    {
        echo "$edges,peak RSS,kg query,$q,KiB"
        echo "$edges,peak RSS,kg ask,$a,KiB"
        echo "$edges,peak RSS,sqlite3,$s,KiB"
        echo "$edges,file size,RON,$ron,KiB"
        echo "$edges,file size,kg compiled,$kgsize,KiB"
        echo "$edges,file size,sqlite3,$dbsize,KiB"
    } >>"$CSV"
done

# Exports, at the largest size: streamed to a pipe hyperfine reads and drops.
n=${SIZES##* }
G=$OUT/$n
DB=$OUT/$n.db
edges=$($KG --graph "$G" stats --format tsv | awk -F'\t' '$1 == "edges" {print $2}')
echo
echo "## Exports at $n ($edges edges), side by side with sqlite3 .dump"
hyperfine -N --warmup 1 --runs 3 --style basic --output=pipe --export-markdown "$OUT/export-$n.md" --export-json "$OUT/export-$n.json" \
    -n "kg export --format ntriples" "$KG --graph $G export --format ntriples" \
    -n "kg export --format json" "$KG --graph $G export --format json" \
    -n "kg export --format turtle" "$KG --graph $G export --format turtle" \
    -n "kg export --format graphml" "$KG --graph $G export --format graphml" \
    -n "kg export --format dot" "$KG --graph $G export --format dot" \
    -n "sqlite3 .dump" "sqlite3 $DB .dump" >/dev/null
cat "$OUT/export-$n.md"
record "$edges" export "$OUT/export-$n.json" "kg ntriples" "kg json" "kg turtle" "kg graphml" "kg dot" "sqlite3 .dump"
for f in ntriples json turtle graphml dot; do
    echo "peak RSS, kg export --format $f: $(($(rss "$KG" --graph "$G" export --format "$f") / 1024)) MiB"
done
echo "peak RSS, sqlite3 .dump: $(($(rss sqlite3 "$DB" .dump) / 1024)) MiB"

python3 benches/plot.py "$CSV" docs/scale.svg
echo
echo "results: $CSV; chart: docs/scale.svg"
