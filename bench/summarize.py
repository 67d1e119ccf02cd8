#!/usr/bin/env python3
"""Summarise a bench TSV: per scenario, median seconds and peak RSS per tool, and the median of
the per-repetition ratios converge/peer (paired, so load that hits one repetition hits both)."""
import statistics
import sys
from collections import defaultdict

rows = []
comments = []
with open(sys.argv[1]) as f:
    for line in f:
        if line.startswith("#"):
            comments.append(line[1:].strip())
            continue
        if line.startswith("scenario\t"):
            continue
        s, tool, rep, secs, rss, rc = line.rstrip("\n").split("\t")
        rows.append((s, tool, int(rep), float(secs), int(rss)))

scenarios = list(dict.fromkeys(r[0] for r in rows))
print("\n".join("- " + c for c in comments))
print()
print("| scenario | tool | reps | median s | min s | max s | median peak RSS MiB | ratio converge/tool (median of paired) |")
print("|---|---|---|---|---|---|---|---|")
for s in scenarios:
    by_tool = defaultdict(dict)
    for r in rows:
        if r[0] == s:
            by_tool[r[1]][r[2]] = r
    conv = next((t for t in by_tool if t.startswith("converge")), None)
    for tool, reps in by_tool.items():
        secs = [r[3] for r in reps.values()]
        rss = [r[4] / 1024 for r in reps.values()]
        ratio = ""
        if conv and tool != conv:
            paired = [by_tool[conv][k][3] / v[3] for k, v in reps.items() if k in by_tool[conv] and v[3] > 0]
            if paired:
                ratio = f"{statistics.median(paired):.2f} (range {min(paired):.2f}-{max(paired):.2f})"
        print(f"| {s} | {tool} | {len(secs)} | {statistics.median(secs):.2f} | {min(secs):.2f} | {max(secs):.2f} "
              f"| {statistics.median(rss):.0f} | {ratio} |")
