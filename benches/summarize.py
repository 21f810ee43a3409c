#!/usr/bin/env python3
"""Summarizes several `rounds` outputs (one file per run) into the BENCHMARKS.md tables.

    benches/summarize.py run-1.md run-2.md run-3.md

For each scenario and row: the median over the runs of each run's median time per
request, and of each run's median ratios (× floor, × tower-http, × actix floor), with
the range over the runs in parentheses: first one overview table, then one table per
scenario, then the growth of ours' lookup cost. Standard library only.
"""

import re
import statistics
import sys


def parse(path):
    """{scenario: {row: [ns, x_floor, x_tower, x_actix]}} (None where '–')."""
    tables, scenario = {}, None
    for line in open(path, encoding="utf-8"):
        heading = re.match(r"^### (\S+)", line.strip())
        if heading:
            scenario = heading.group(1)
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if scenario == "ours:" and len(cells) == 2 and re.match(r"^[\d.]+$", cells[1]):
            tables.setdefault("growth", {})[cells[0]] = [float(cells[1])]
        elif scenario and len(cells) == 5 and re.match(r"^[\d.]+$", cells[1]):
            values = [None if c == "–" else float(c) for c in cells[1:]]
            tables.setdefault(scenario, {})[cells[0]] = values
    return tables


def cell(values, digits=2, with_range=True):
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    text = f"{statistics.median(values):.{digits}f}"
    low, high = f"{min(values):.{digits}f}", f"{max(values):.{digits}f}"
    if with_range and low != high:
        text += f" ({low}–{high})"
    return text


def main(paths):
    runs = [parse(p) for p in paths]
    scenarios = [s for s in runs[0] if s != "growth"]
    rows = list(runs[0][scenarios[0]])
    print("| scenario | floor ns | ours ns | ours × floor | ours × tower-http | builder × floor | tower-http × floor | actix-cors × actix floor |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for s in scenarios:
        def col(row, i, digits=2, with_range=True):
            return cell([r[s].get(row, [None] * 4)[i] for r in runs], digits, with_range)
        print(f"| {s} | {col('floor', 0, 0, False)} | {col('ours (compiled)', 0, 0, False)} "
              f"| {col('ours (compiled)', 1)} | {col('ours (compiled)', 2)} "
              f"| {col('ours (builder, Arc)', 1)} | {col('tower-http 0.7', 1)} "
              f"| {col('actix-cors 0.7', 3)} |")
    for s in scenarios:
        print(f"\n#### {s}\n")
        print("| row | median ns/request | × floor | × tower-http | × actix floor |")
        print("|---|---:|---:|---:|---:|")
        for row in rows:
            values = [r[s].get(row, [None] * 4) for r in runs]
            print(f"| {row} | {cell([v[0] for v in values], 0, False)} "
                  f"| {cell([v[1] for v in values])} | {cell([v[2] for v in values])} "
                  f"| {cell([v[3] for v in values])} |")


    if "growth" in runs[0]:
        print("\n#### ours: lookup cost against the 1-origin lookup\n")
        print("| scenario | × lookup_1 |\n|---|---:|")
        for s in runs[0]["growth"]:
            print(f"| {s} | {cell([r['growth'][s][0] for r in runs])} |")


if __name__ == "__main__":
    main(sys.argv[1:])
