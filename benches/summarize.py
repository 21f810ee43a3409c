#!/usr/bin/env python3
"""Summarizes several `rounds` outputs (one file per run) into the BENCHMARKS.md tables.

    benches/summarize.py run-1.md run-2.md run-3.md

For each scenario and row: the median over the runs of each run's median time per
request, and of each run's median ratios (× floor, × tower-http, × actix floor), with
the range over the runs in parentheses: first one overview table, then one table per
scenario, then the growth of ours' lookup cost. Rows a run did not time show as "–".
Standard library only.
"""

import re
import statistics
import sys

# The heading `rounds` prints above its lookup-growth table.
GROWTH_HEADING = "### ours: lookup cost against the 1-origin lookup"
NUMBER = re.compile(r"^[\d.]+$")


def parse(path):
    """{scenario: {row: [ns, x_floor, x_tower, x_actix]}} (None for '–'), and
    {scenario: growth ratio}."""
    tables, growth, section = {}, {}, None
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if line.startswith(GROWTH_HEADING):
                section = GROWTH_HEADING
                continue
            heading = re.match(r"^### (\S+)$", line)
            if heading:
                section = heading.group(1)
                continue
            cells = [c.strip() for c in line.strip("|").split("|")]
            if section == GROWTH_HEADING and len(cells) == 2 and NUMBER.match(cells[1]):
                growth[cells[0]] = float(cells[1])
            elif section and len(cells) == 5 and NUMBER.match(cells[1]):
                values = [None if c == "–" else float(c) for c in cells[1:]]
                tables.setdefault(section, {})[cells[0]] = values
    return tables, growth


def cell(values, digits=2, with_range=True):
    """Median of the values present, with their range when it is not a single value."""
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    text = f"{statistics.median(values):.{digits}f}"
    low, high = f"{min(values):.{digits}f}", f"{max(values):.{digits}f}"
    if with_range and low != high:
        text += f" ({low}–{high})"
    return text


def column(runs, scenario, row, index, digits=2, with_range=True):
    return cell([tables[scenario].get(row, [None] * 4)[index] for tables in runs], digits, with_range)


def main(paths):
    parsed = [parse(p) for p in paths]
    runs = [tables for tables, _ in parsed]
    scenarios = list(runs[0])
    rows = list(runs[0][scenarios[0]])
    ours, builder = "ours (compiled)", "ours (builder, Arc)"
    print("| scenario | floor ns | ours ns | ours × floor | ours × tower-http | builder × floor "
          "| tower-http × floor | actix-cors × actix floor |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for s in scenarios:
        print(f"| {s} | {column(runs, s, 'floor', 0, 0, False)} | {column(runs, s, ours, 0, 0, False)} "
              f"| {column(runs, s, ours, 1)} | {column(runs, s, ours, 2)} "
              f"| {column(runs, s, builder, 1)} | {column(runs, s, 'tower-http 0.7', 1)} "
              f"| {column(runs, s, 'actix-cors 0.7', 3)} |")
    for s in scenarios:
        print(f"\n#### {s}\n")
        print("| row | median ns/request | × floor | × tower-http | × actix floor |")
        print("|---|---:|---:|---:|---:|")
        for row in rows:
            print(f"| {row} | {column(runs, s, row, 0, 0, False)} | {column(runs, s, row, 1)} "
                  f"| {column(runs, s, row, 2)} | {column(runs, s, row, 3)} |")
    growths = [growth for _, growth in parsed]
    if growths[0]:
        print("\n#### ours: lookup cost against the 1-origin lookup\n")
        print("| scenario | × lookup_1 |\n|---|---:|")
        for s in growths[0]:
            print(f"| {s} | {cell([growth.get(s) for growth in growths])} |")


if __name__ == "__main__":
    main(sys.argv[1:])
