#!/usr/bin/env python3
"""Draws docs/scale.svg from benches/run.sh's results.csv: one-shot latency
of a one-hop question, peak memory, and size on disk, for kg and sqlite3, at
each graph size. Plain SVG written by hand: no plotting library, no network.

    python3 benches/plot.py target/bench-graphs/results.csv docs/scale.svg
"""
import csv
import math
import sys

rows = list(csv.DictReader(open(sys.argv[1])))
sizes = sorted({int(r["size"]) for r in rows if r["size"].isdigit()})


def series(measure, tool, scale=1.0):
    pts = []
    for n in sizes:
        for r in rows:
            if r["size"] == str(n) and r["measure"] == measure and r["tool"] == tool:
                pts.append((n, float(r["value"]) * scale))
    return pts


panels = [
    ("One-shot one-hop question (ms of CPU)", [
        ("kg query", series("one hop (cpu)", "kg query"), "#1565c0", ""),
        ("kg ask", series("one hop (cpu)", "kg ask"), "#2e7d32", ""),
        ("sqlite3", series("one hop (cpu)", "sqlite3"), "#c62828", "6,4"),
    ]),
    ("Peak RSS (MiB)", [
        ("kg query", series("peak RSS", "kg query", 1 / 1024), "#1565c0", ""),
        ("kg ask", series("peak RSS", "kg ask", 1 / 1024), "#2e7d32", ""),
        ("sqlite3", series("peak RSS", "sqlite3", 1 / 1024), "#c62828", "6,4"),
    ]),
    ("Size on disk (MiB)", [
        ("kg compiled", series("file size", "kg compiled", 1 / 1024), "#1565c0", ""),
        ("RON source", series("file size", "RON", 1 / 1024), "#757575", "2,3"),
        ("sqlite3", series("file size", "sqlite3", 1 / 1024), "#c62828", "6,4"),
    ]),
]

W, H, PAD_L, PAD_B, PAD_T, GAP = 300, 230, 52, 40, 34, 28
width = len(panels) * (W + GAP) + 20
height = H + PAD_T + PAD_B + 30
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
    f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="11">',
    f'<rect width="{width}" height="{height}" fill="white"/>',
]


def ticks(lo, hi):
    """Powers of ten and their 2x, 5x between lo and hi (log axis)."""
    out = []
    e = math.floor(math.log10(lo))
    while 10**e <= hi * 1.0001:
        for m in (1, 2, 5):
            v = m * 10**e
            if lo * 0.9999 <= v <= hi * 1.0001:
                out.append(v)
        e += 1
    return out


def label(v):
    if v >= 1_000_000:
        return f"{v / 1_000_000:g}M"
    if v >= 1000:
        return f"{v / 1000:g}k"
    return f"{v:g}"


for i, (title, lines) in enumerate(panels):
    x0 = 10 + i * (W + GAP) + PAD_L
    y0 = PAD_T
    pw, ph = W - PAD_L, H
    values = [v for _, pts, _, _ in lines for _, v in pts if v > 0]
    if not values or not sizes:
        continue
    ylo = 10 ** math.floor(math.log10(min(values)))
    yhi = 10 ** math.ceil(math.log10(max(values)))
    xlo, xhi = min(sizes), max(sizes)
    xlo_l, xhi_l = math.log10(xlo), math.log10(xhi)
    if xhi_l == xlo_l:
        xhi_l += 1

    def px(n):
        return x0 + (math.log10(n) - xlo_l) / (xhi_l - xlo_l) * pw

    def py(v):
        return y0 + ph - (math.log10(v) - math.log10(ylo)) / (math.log10(yhi) - math.log10(ylo)) * ph

    out.append(f'<text x="{x0 + pw / 2}" y="{y0 - 14}" text-anchor="middle" font-size="13" font-weight="bold">{title}</text>')
    out.append(f'<rect x="{x0}" y="{y0}" width="{pw}" height="{ph}" fill="none" stroke="#bdbdbd"/>')
    yt = ticks(ylo, yhi)
    for v in yt:
        if len(yt) > 8 and str(v)[0] != "1":
            continue
        out.append(f'<line x1="{x0}" x2="{x0 + pw}" y1="{py(v):.1f}" y2="{py(v):.1f}" stroke="#eeeeee"/>')
        out.append(f'<text x="{x0 - 5}" y="{py(v) + 4:.1f}" text-anchor="end" fill="#555">{label(v)}</text>')
    for n in sizes:
        out.append(f'<line x1="{px(n):.1f}" x2="{px(n):.1f}" y1="{y0}" y2="{y0 + ph}" stroke="#eeeeee"/>')
        out.append(f'<text x="{px(n):.1f}" y="{y0 + ph + 15}" text-anchor="middle" fill="#555">{label(n)}</text>')
    out.append(f'<text x="{x0 + pw / 2}" y="{y0 + ph + 31}" text-anchor="middle" fill="#555">edges</text>')
    for j, (name, pts, color, dash) in enumerate(lines):
        if not pts:
            continue
        d = " ".join(f"{px(n):.1f},{py(v):.1f}" for n, v in pts if v > 0)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline points="{d}" fill="none" stroke="{color}" stroke-width="2"{dash_attr}/>')
        for n, v in pts:
            if v > 0:
                out.append(f'<circle cx="{px(n):.1f}" cy="{py(v):.1f}" r="3" fill="{color}"><title>{name}: {v:.3g} at {label(n)} edges</title></circle>')
        ly = y0 + 14 + j * 15
        out.append(f'<line x1="{x0 + 8}" x2="{x0 + 28}" y1="{ly - 4}" y2="{ly - 4}" stroke="{color}" stroke-width="2"{dash_attr}/>')
        out.append(f'<text x="{x0 + 32}" y="{ly}" fill="#333">{name}</text>')

out.append(
    f'<text x="10" y="{height - 8}" fill="#777" font-size="10">kg and sqlite3 on the same synthetic graphs '
    f"(examples/gen_graph, seed 7), one process per question, warm page cache; from benches/run.sh</text>"
)
out.append("</svg>")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
