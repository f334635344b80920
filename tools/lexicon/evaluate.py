#!/usr/bin/env python3
"""Prints what the word table makes of the words of the question sets the
reader is tuned on, for a person to judge.

    python3 tools/lexicon/evaluate.py [--table FILE] [--all]

Reads only tests/questions/*.jsonl and docs/questions/fresh-e.jsonl (the
other sets are held out and never read here). For every word of their
questions that src/ask/lexicon.rs does not list, and (unless --all) that no
name or alias of the bundled graph uses, prints how often it occurs, its
class, flags, Zipf value and readings, as wordclass.rs would find them
(through an inflection or not at all), then a count per class.
"""

import argparse
import collections
import glob
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SETS = sorted(glob.glob(os.path.join(ROOT, "tests", "questions", "*.jsonl"))) + [
    os.path.join(ROOT, "docs", "questions", "fresh-e.jsonl")
]
CLASSES = {"f": "framing", "m": "medical", "p": "person", "a": "amount", "c": "money", "t": "time", "o": "topic"}


def load_table(path):
    table = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            table[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "")
    return table


# The same rules as wordclass::deinflect.
RULES = [("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", "")]


def lookup(table, word):
    if word in table:
        return word, table[word], False
    for suffix, ending in RULES:
        if not word.endswith(suffix):
            continue
        stem = word[: len(word) - len(suffix)]
        if len(stem) < 3 or (suffix == "s" and stem.endswith("s")):
            continue
        bases = [stem]
        if not ending and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
            bases.append(stem[:-1])
        for base in bases:
            e = table.get(base + ending)
            if e is not None and "n" not in e[0][3:]:
                return base + ending, e, True
    return None, None, False


def lexicon_words():
    """Every word in a string literal of src/ask/lexicon.rs."""
    with open(os.path.join(ROOT, "src", "ask", "lexicon.rs"), encoding="utf-8") as f:
        text = f.read()
    words = set()
    for literal in re.findall(r'"([^"\\]*)"', text):
        words.update(re.findall(r"[a-z]+", literal.lower()))
    return words


def graph_words():
    words = set()
    for path in glob.glob(os.path.join(ROOT, "graph", "*.ron")):
        with open(path, encoding="utf-8") as f:
            for m in re.finditer(r'(?:name|aliases)\s*:\s*(\[[^\]]*\]|"[^"]*")', f.read()):
                words.update(re.findall(r"[a-z]+", m.group(1).lower()))
    return words


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--table", default=os.path.join(ROOT, "src", "ask", "lexdata", "words.tsv"))
    ap.add_argument("--all", action="store_true", help="also words the bundled graph's names use")
    args = ap.parse_args()
    table = load_table(args.table)
    known = lexicon_words()
    graph = set() if args.all else graph_words()

    counts = collections.Counter()
    example = {}
    for path in SETS:
        with open(path, encoding="utf-8") as f:
            for line in f:
                q = json.loads(line)
                text = q["question"].lower().replace("\u2019", "'")
                for w in re.findall(r"[a-z]+(?:'[a-z]+)?", text):
                    if "'" in w or w in known or w in graph:
                        continue
                    counts[w] += 1
                    example.setdefault(w, q["id"])

    per_class = collections.Counter()
    rows = []
    for w in sorted(counts):
        form, e, inflected = lookup(table, w)
        if e is None:
            cls, meta, readings = "-", "", "(not in the table)"
        else:
            meta, readings = e
            cls = CLASSES[meta[0].lower()]
            if inflected:
                readings = "L" + form + ("," + readings if readings else "")
        per_class[cls] += 1
        rows.append((cls, w, counts[w], meta, readings, example[w]))
    for cls, w, n, meta, readings, ex in sorted(rows):
        print(f"{cls:8} {w:18} {n:3} {meta:6} {ex:8} {readings}")
    print()
    total = sum(per_class.values())
    print(f"{total} distinct words outside lexicon.rs" + ("" if args.all else " and the bundled graph's names"))
    for cls, n in per_class.most_common():
        print(f"  {cls:8} {n}")


if __name__ == "__main__":
    sys.exit(main())
