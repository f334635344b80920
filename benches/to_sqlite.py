#!/usr/bin/env python3
"""Loads `kg export --format json` (read from stdin) into an SQLite file, for
the side-by-side figures in BENCHMARKS.md: the same nodes and edges, every
field the export has, and the indexes a one-hop question needs both ways.

    kg --graph DIR export | python3 benches/to_sqlite.py out.db
"""
import json
import sqlite3
import sys

g = json.load(sys.stdin)
db = sqlite3.connect(sys.argv[1])
db.executescript(
    """
    create table nodes (id text primary key, name text, kind text, aliases text, summary text);
    create table edges (src text, relation text, dst text, sources text, certainty text, negated int, "when" text, note text);
    """
)
db.executemany(
    "insert into nodes values (?, ?, ?, ?, ?)",
    ((n["id"], n["name"], n["kind"], "; ".join(n["aliases"]), n["summary"]) for n in g["nodes"]),
)
db.executemany(
    "insert into edges values (?, ?, ?, ?, ?, ?, ?, ?)",
    (
        (
            e["from"],
            e["relation"],
            e["to"],
            ",".join(f'{s["section"]}:{s["paragraph"]}' for s in e["sources"]),
            e["certainty"],
            int(e.get("negated", False)),
            e["when"]["text"] if "when" in e else None,
            e.get("note"),
        )
        for e in g["edges"]
    ),
)
db.executescript(
    """
    create index edges_dst on edges (dst, relation);
    create index edges_src on edges (src, relation);
    """
)
db.commit()
db.execute("vacuum")
db.close()
