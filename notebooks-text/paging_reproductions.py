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
# # Paging reproductions: miss-ratio curves and learning-augmented paging
#
# Reads the `summary.csv` files written by `memsim reproduce --all` and draws three panels:
# the CloudPhysics miss-ratio curves of every policy (`cloudphysics-mrc`), the competitive
# ratio against the bit-flip rate of discard and phase predictions (`succinct-predictions`),
# and the competitive ratio against the log-normal noise of next-arrival predictions
# (`predictive-marker`). Bands are 95% Student-t intervals of the mean over seeds. It never
# runs simulations.
#
# Usage as a script: `python notebooks-text/paging_reproductions.py [RESULTS_DIR] [OUT.png]`
# (default `results/reproductions`, PNG written to `RESULTS_DIR/paging_reproductions.png`).

# %%
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

args = [a for a in sys.argv[1:] if not a.startswith("-")] if "__file__" in globals() else []
results = args[0] if args else "results/reproductions"
output = args[1] if len(args) > 1 else os.path.join(results, "paging_reproductions.png")


def summary(name, metric):
    path = os.path.join(results, name, "summary.csv")
    if not os.path.exists(path):
        sys.exit(f"paging_reproductions.py: {path}: no such file (run `memsim reproduce --all` first)")
    with open(path, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["metric"] == metric]
    if not rows:
        sys.exit(f"paging_reproductions.py: {path} has no {metric} rows")
    return rows


def curves(ax, rows, x_key, series_key="policy"):
    """One line per series value, in declared order, with its 95% band."""
    for value in dict.fromkeys(r[series_key] for r in rows):
        points = sorted((r for r in rows if r[series_key] == value), key=lambda r: float(r[x_key]))
        if len(points) < 2:
            continue
        x = [float(r[x_key]) for r in points]
        mean = [float(r["mean"]) for r in points]
        low = [float(r["ci95_low"]) if r["ci95_low"] else m for r, m in zip(points, mean)]
        high = [float(r["ci95_high"]) if r["ci95_high"] else m for r, m in zip(points, mean)]
        style = {"color": "black", "linestyle": "--"} if value == "opt" else {}
        (line,) = ax.plot(x, mean, marker="o", markersize=3, label=value, **style)
        ax.fill_between(x, low, high, color=line.get_color(), alpha=0.2)


# %% [markdown]
# Three panels side by side.

# %%
fig, axes = plt.subplots(1, 3, figsize=(17, 4.8))

ax = axes[0]
ax.set_prop_cycle(color=plt.cm.tab20.colors)
curves(ax, summary("cloudphysics-mrc", "miss_ratio"), "cache_size")
ax.set_xscale("log")
ax.set_xlabel("cache size (objects)")
ax.set_ylabel("miss ratio")
ax.set_title("CloudPhysics sample: miss-ratio curves")
ax.legend(fontsize=7, ncol=2)

ax = axes[1]
curves(ax, summary("succinct-predictions", "competitive_ratio"), "prediction.eps")
ax.set_xlabel("bit-flip rate eps")
ax.set_ylabel("competitive ratio (misses / OPT)")
ax.set_yscale("log")
ax.set_title("Succinct predictions: one bit per request")
ax.legend(fontsize=7)

ax = axes[2]
curves(ax, summary("predictive-marker", "competitive_ratio"), "prediction.sigma")
ax.set_xlabel("log-normal noise sigma on next arrivals")
ax.set_ylabel("competitive ratio (misses / OPT)")
ax.set_title("Next-arrival predictions")
ax.legend(fontsize=7)

for ax in axes:
    ax.grid(True, which="both", alpha=0.3)
fig.tight_layout()
fig.savefig(output, dpi=110)
print(f"paging_reproductions.py: wrote {output}")
