# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Any sweep: a metric against a swept key, one line per series
#
# Reads an output directory of `memsim run` (`summary.csv`, `runs.jsonl`, `metrics.json`)
# and draws the mean of a metric against a numeric sweep key, one line per value of a
# series key, with the 95% Student-t interval of the mean over seeds as a band. A band is
# clipped to the range of the runs' own values (a mean cannot leave it), so a non-negative
# metric never shows a negative band. It never runs simulations.
#
# Usage: `python notebooks-text/sweep.py DIR --x KEY --y METRIC [--series KEY]
# [--at KEY=VALUE ...] [--logx] [--logy] [--out PREFIX]`; writes PREFIX.png (200 dpi) and
# PREFIX.pdf (default `DIR/sweep-METRIC-vs-KEY`). Every other swept key must be fixed with
# `--at` or have one value.

# %%
import argparse
import csv
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

parser = argparse.ArgumentParser(description="Plot a metric of a memsim sweep against a swept key.")
parser.add_argument("directory")
parser.add_argument("--x", required=True, help="numeric sweep key on the x axis")
parser.add_argument("--y", required=True, help="metric on the y axis")
parser.add_argument("--series", help="sweep key whose values are the lines")
parser.add_argument("--at", action="append", default=[], metavar="KEY=VALUE", help="fix another sweep key")
parser.add_argument("--logx", action="store_true")
parser.add_argument("--logy", action="store_true")
parser.add_argument("--out", help="output path without extension")
args = parser.parse_args(sys.argv[1:] if "__file__" in globals() else [])


def fail(message):
    sys.exit(f"sweep.py: {message}")


def read(name):
    path = os.path.join(args.directory, name)
    if not os.path.exists(path):
        fail(f"{path}: no such file (an output directory of `memsim run`?)")
    return path


with open(read("summary.csv"), newline="") as f:
    summary = list(csv.DictReader(f))
with open(read("metrics.json")) as f:
    units = {m["name"]: m["unit"] for m in json.load(f)}
keys = [k for k in (summary[0].keys() if summary else []) if k not in
        ("metric", "n", "mean", "sd", "ci95_low", "ci95_high")]
if args.y not in units:
    fail(f"unknown metric '{args.y}'; metrics: {', '.join(sorted(units))}")
for key in [args.x] + ([args.series] if args.series else []):
    if key not in keys:
        fail(f"'{key}' is not a sweep key of this directory; sweep keys: {', '.join(keys) or 'none'}")
fixed = {}
for item in args.at:
    key, _, value = item.partition("=")
    if key not in keys:
        fail(f"--at {item}: '{key}' is not a sweep key; sweep keys: {', '.join(keys)}")
    fixed[key] = value

rows = [r for r in summary if r["metric"] == args.y and all(r[k] == v for k, v in fixed.items())]
if not rows:
    fail(f"no summary rows of {args.y} at {fixed or 'any point'}")
for key in keys:
    values = sorted({r[key] for r in rows})
    if key not in (args.x, args.series) and len(values) > 1:
        fail(f"'{key}' takes several values ({', '.join(values)}): fix it with --at {key}=VALUE or use --series {key}")
try:
    for r in rows:
        float(r[args.x])
except ValueError:
    fail(f"'{args.x}' is not numeric; plot it as --series instead")

# %% [markdown]
# The runs' own range of the metric bounds each band.

# %%
low_bound, high_bound = math.inf, -math.inf
with open(read("runs.jsonl")) as f:
    for line in f:
        value = json.loads(line)["metrics"].get(args.y)
        if value is not None and math.isfinite(value):
            low_bound, high_bound = min(low_bound, value), max(high_bound, value)

fig, ax = plt.subplots(figsize=(7, 4.5))
series = list(dict.fromkeys(r[args.series] for r in rows)) if args.series else [None]
for value in series:
    points = sorted((r for r in rows if value is None or r[args.series] == value), key=lambda r: float(r[args.x]))
    x = [float(r[args.x]) for r in points]
    mean = [float(r["mean"]) for r in points]
    low = [max(low_bound, float(r["ci95_low"])) if r["ci95_low"] else m for r, m in zip(points, mean)]
    high = [min(high_bound, float(r["ci95_high"])) if r["ci95_high"] else m for r, m in zip(points, mean)]
    (line,) = ax.plot(x, mean, marker="o", label=value if value is not None else args.y)
    ax.fill_between(x, low, high, color=line.get_color(), alpha=0.25)

if args.logx:
    ax.set_xscale("log")
if args.logy:
    ax.set_yscale("log")
ax.set_xlabel(args.x)
ax.set_ylabel(f"{args.y} [{units[args.y]}] (mean, 95% CI over seeds)")
title = os.path.basename(os.path.normpath(args.directory))
if fixed:
    title += " at " + ", ".join(f"{k}={v}" for k, v in fixed.items())
ax.set_title(title)
ax.grid(True, which="both", alpha=0.3)
ax.legend(title=args.series)
fig.tight_layout()
prefix = args.out or os.path.join(args.directory, f"sweep-{args.y}-vs-{args.x}")
for extension in ("png", "pdf"):
    fig.savefig(f"{prefix}.{extension}", dpi=200)
print(f"sweep.py: wrote {prefix}.png and {prefix}.pdf")
