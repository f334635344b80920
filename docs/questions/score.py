#!/usr/bin/env python3
"""Scores `kg ask` on a question set (JSONL written from the article alone).

    docs/questions/score.py SET.jsonl [--kg target/release/kg] [--show-misses] [--dump scores.json]

Each line: {"id","question","kind","outcome","expect":[[alt,...],...],...}.
outcome is "answer" | "yes" | "no" | "depends" | "not-covered". A group of `expect` counts
as shown when any of its alternatives appears, as whole words (case, plurals
and punctuation ignored), in what `kg ask` prints on stdout. A yes/no question
is right when the JSON `verdict` matches ("yes", "no" or "depends"). An
answerable question is "refused" when kg exits 1 or 2 on it. A not-covered question is right when
kg exits 1; exit 0 there is a confident answer to a question the article does
not answer (the figure that must be 0). Prints a table per kind and outcome.
"""
import json, re, subprocess, sys
from collections import defaultdict

def stem(w):
    """A crude stem, the same on both sides: falls/falling/fall, minutes/minute."""
    if len(w) > 3 and w.endswith("ies"):
        return w[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            w = w[: -len(suffix)]
            break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def norm(text):
    words = re.findall(r"[a-z0-9]+", text.lower())
    return " " + " ".join(stem(w) for w in words) + " "

def run(kg, args):
    p = subprocess.run([kg, *args], capture_output=True, text=True, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "KG_NO_CACHE": "1", "HOME": "/nonexistent"})
    return p.returncode, p.stdout, p.stderr

def main():
    args = sys.argv[1:]
    kg = "target/release/kg"
    if "--kg" in args:
        i = args.index("--kg"); kg = args[i + 1]; del args[i:i + 2]
    show = "--show-misses" in args
    args = [a for a in args if a != "--show-misses"]
    dump = None
    if "--dump" in args:
        i = args.index("--dump"); dump = args[i + 1]; del args[i:i + 2]
    scores = {}
    qs = [json.loads(l) for l in open(args[0]) if l.strip()]
    by = defaultdict(lambda: [0, 0.0, 0])  # questions, score, perfect
    per = defaultdict(lambda: [0, 0, 0, 0, 0, 0])  # groups, shown, answerable, refused, not covered, confident
    groups_total = groups_shown = 0
    nc_total = nc_confident = nc_error = 0
    verdict_total = verdict_right = 0
    for q in qs:
        code, out, err = run(kg, ["ask", q["question"]])
        o = q["outcome"]
        if o == "not-covered":
            nc_total += 1
            s = 1.0 if code == 1 else 0.0
            nc_confident += code == 0
            nc_error += code == 2
            miss = f"exit {code}" if code != 1 else ""
        else:
            text = norm(out)
            shown = [g for g in q["expect"] if any(norm(a) in text for a in g)]
            groups_total += len(q["expect"])
            groups_shown += len(shown)
            frac = len(shown) / len(q["expect"]) if q["expect"] else (1.0 if code == 0 else 0.0)
            s = frac
            miss = ""
            if o in ("yes", "no", "depends"):
                verdict_total += 1
                jcode, jout, _ = run(kg, ["ask", "--format", "json", q["question"]])
                try:
                    v = json.loads(jout).get("verdict")
                except Exception:
                    v = None
                ok = v == o
                verdict_right += ok
                s = (frac + (1.0 if ok else 0.0)) / 2
                if not ok:
                    miss = f"verdict {v!r} (exit {code})"
            if frac < 1.0:
                missing = [g[0] for g in q["expect"] if g not in shown]
                miss = (miss + " " if miss else "") + f"exit {code}, missing {missing}"
        scores[q["id"]] = s
        p = per[q["kind"]]
        if o == "not-covered":
            p[4] += 1
            p[5] += code == 0
        else:
            p[0] += len(q["expect"])
            p[1] += len([g for g in q["expect"] if any(norm(a) in norm(out) for a in g)])
            p[2] += 1
            p[3] += code != 0
        for key in (q["kind"], "outcome:" + o, "ALL"):
            by[key][0] += 1
            by[key][1] += s
            by[key][2] += s == 1.0
        if show and s < 1.0:
            print(f"MISS {q['id']} [{q['kind']}/{o}] {q['question']!r}: {miss}", file=sys.stderr)
    if dump:
        json.dump(scores, open(dump, "w"), indent=0)
    print(f"| group | questions | mean score | fully right |")
    print(f"|---|---:|---:|---:|")
    for key in sorted(by, key=lambda k: (k == "ALL", k.startswith("outcome:"), k)):
        n, s, p = by[key]
        print(f"| {key} | {n} | {s / n:.2f} | {p} |")
    print()
    print("| kind | facts shown | answerable refused | not covered answered (exit 0) |")
    print("|---|---:|---:|---:|")
    for k in sorted(per):
        g, sh, a, rf, nc, cf = per[k]
        print(f"| {k} | {sh}/{g} = {sh / max(g, 1):.2f} | {rf}/{a} | {cf}/{nc} |")
    tot = [sum(v[i] for v in per.values()) for i in range(6)]
    print(f"| ALL | {tot[1]}/{tot[0]} = {tot[1] / max(tot[0], 1):.2f} | {tot[3]}/{tot[2]} | {tot[5]}/{tot[4]} |")
    print()
    print(f"expected answers shown: {groups_shown}/{groups_total} = {groups_shown / max(groups_total, 1):.2f}")
    print(f"yes/no verdicts right: {verdict_right}/{verdict_total}")
    print(f"not covered: {nc_total}; answered with exit 0 (confident): {nc_confident}; exit 2: {nc_error}; exit 1: {nc_total - nc_confident - nc_error}")

main()
