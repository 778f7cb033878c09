"""Reading `memsim reproduce` outputs and drawing mean lines with their 95% bands.

Shared by the reproduction notebooks; it never runs simulations.
"""

import csv
import os
import sys


def table(results, name, file, script):
    """The rows of RESULTS/NAME/FILE; exits with one line naming the file if it is missing."""
    path = os.path.join(results, name, file)
    if not os.path.exists(path):
        sys.exit(f"{script}: {path}: no such file (run `memsim reproduce --all` first)")
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def summary(results, name, metric, script):
    """The summary.csv rows of one metric; exits if there are none."""
    rows = [r for r in table(results, name, "summary.csv", script) if r["metric"] == metric]
    if not rows:
        sys.exit(f"{script}: {os.path.join(results, name, 'summary.csv')} has no {metric} rows")
    return rows


def band(ax, points, x_key, label, **style):
    """One mean line over x (sorted numerically) with its 95% Student-t band."""
    points = sorted(points, key=lambda r: float(r[x_key]))
    x = [float(r[x_key]) for r in points]
    mean = [float(r["mean"]) for r in points]
    low = [float(r["ci95_low"]) if r["ci95_low"] else m for r, m in zip(points, mean)]
    high = [float(r["ci95_high"]) if r["ci95_high"] else m for r, m in zip(points, mean)]
    (drawn,) = ax.plot(x, mean, marker="o", markersize=3, label=label, **style)
    ax.fill_between(x, low, high, color=drawn.get_color(), alpha=0.2)
