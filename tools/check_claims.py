"""Checks the claims.csv of every reproduction that `memsim reproduce --all` wrote.

Independent of the Swift harness that wrote them, it re-derives each verdict:
- every reproduction has at least one `reproduces` row; at least 12 reproductions have a
  `reproduces` row with a numeric paper range and at least 6 have a `counter` row;
- for every `reproduces` or `counter` row with a paper range, `passed` is true exactly when
  [measured_ci_low, measured_ci_high] overlaps [low - |low| tol, high + |high| tol];
- `agreement` is empty for sanity rows and otherwise number / direction / disagrees as the
  range and `passed` say; a `reproduces` row's agreement equals its `expect`.

Usage: python tools/check_claims.py RESULTS_DIR   (RESULTS_DIR/NAME/claims.csv for each spec)
"""

import csv
import math
import sys
from pathlib import Path

COLUMNS = ["claim", "kind", "measured", "expected", "passed", "role", "measured_ci_low", "measured_ci_high",
           "paper_low", "paper_high", "tolerance", "agreement", "expect"]


def number(text, default):
    return float(text) if text != "" else default


def check_row(name, row):
    problems = []
    role, passed, agreement = row["role"], row["passed"] == "true", row["agreement"]
    ranged = row["paper_low"] != "" or row["paper_high"] != ""
    if role == "sanity":
        if agreement != "":
            problems.append("a sanity row has an agreement")
        return problems
    if ranged:
        low, high = number(row["paper_low"], -math.inf), number(row["paper_high"], math.inf)
        tolerance = number(row["tolerance"], 0.0)
        wide_low = low - abs(low) * tolerance if math.isfinite(low) else low
        wide_high = high + abs(high) * tolerance if math.isfinite(high) else high
        if row["measured_ci_low"] == "" or row["measured_ci_high"] == "":
            overlaps = False
        else:
            overlaps = float(row["measured_ci_high"]) >= wide_low and float(row["measured_ci_low"]) <= wide_high
        if passed != overlaps:
            problems.append(f"passed={passed} but the interval overlap with the widened paper range is {overlaps}")
        wanted = "number" if passed else "disagrees"
    else:
        wanted = "direction" if passed else "disagrees"
    if agreement != wanted:
        problems.append(f"agreement {agreement!r}, expected {wanted!r}")
    if role == "reproduces" and agreement != row["expect"]:
        problems.append(f"agreement {agreement!r} differs from expect {row['expect']!r}")
    return [f"{name}: {row['claim']}: {p}" for p in problems]


def main(results):
    directories = sorted(p for p in Path(results).iterdir() if (p / "claims.csv").exists())
    problems, ranged, counter = [], 0, 0
    for directory in directories:
        with open(directory / "claims.csv", newline="") as f:
            reader = csv.DictReader(f)
            if reader.fieldnames != COLUMNS:
                problems.append(f"{directory.name}: columns {reader.fieldnames}")
                continue
            rows = list(reader)
        if not any(r["role"] == "reproduces" for r in rows):
            problems.append(f"{directory.name}: no reproduces claim")
        if any(r["role"] == "reproduces" and (r["paper_low"] or r["paper_high"]) for r in rows):
            ranged += 1
        if any(r["role"] == "counter" for r in rows):
            counter += 1
        for row in rows:
            problems += check_row(directory.name, row)
    if len(directories) < 17:
        problems.append(f"only {len(directories)} reproductions wrote claims.csv")
    if ranged < 12:
        problems.append(f"only {ranged} reproductions have a reproduces claim with a numeric paper range (need 12)")
    if counter < 6:
        problems.append(f"only {counter} reproductions have a counter claim (need 6)")
    for p in problems:
        print(p)
    print(f"check_claims: {len(directories)} reproductions, {ranged} with numeric paper ranges, {counter} with counter claims")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
