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
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import reproduction_tables  # noqa: E402  (beside this file)

args = [a for a in sys.argv[1:] if not a.startswith("-")] if "__file__" in globals() else []
results = args[0] if args else "results/reproductions"
output = args[1] if len(args) > 1 else os.path.join(results, "paging_reproductions.png")


def summary(name, metric):
    return reproduction_tables.summary(results, name, metric, "paging_reproductions.py")


def curves(ax, rows, x_key, series_key="policy"):
    """One line per series value, in declared order, with its 95% band."""
    for value in dict.fromkeys(r[series_key] for r in rows):
        points = [r for r in rows if r[series_key] == value]
        if len(points) < 2:
            continue
        style = {"color": "black", "linestyle": "--"} if value == "opt" else {}
        reproduction_tables.band(ax, points, x_key, value, **style)


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
