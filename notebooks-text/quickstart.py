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
# # Quickstart: miss ratio vs cache size
#
# Reads the quickstart sweep's `summary.csv` and `pareto.csv` (written by
# `memsim run Experiments/quickstart.yaml`) and draws the miss ratio of each policy
# against the cache size, with the 95% Student-t interval of the mean over seeds as a
# band, and the Pareto-front points of each policy marked. It never runs simulations.
#
# Usage as a script: `python notebooks-text/quickstart.py RESULTS_DIR [OUT.png]`
# (default `results/quickstart`, PNG written to `RESULTS_DIR/quickstart.png`).

# %%
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

args = [a for a in sys.argv[1:] if not a.startswith("-")] if "__file__" in globals() else []
results = args[0] if args else "results/quickstart"
output = args[1] if len(args) > 1 else os.path.join(results, "quickstart.png")


def read_csv(name):
    path = os.path.join(results, name)
    if not os.path.exists(path):
        sys.exit(f"quickstart.py: {path}: no such file (run `make run` first)")
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


summary = [r for r in read_csv("summary.csv") if r["metric"] == "miss_ratio"]
pareto = read_csv("pareto.csv")
if not summary:
    sys.exit(f"quickstart.py: {results}/summary.csv has no miss_ratio rows")

# %% [markdown]
# One line per policy, in the order the sweep declared them.

# %%
policies = list(dict.fromkeys(r["policy"] for r in summary))
fig, ax = plt.subplots(figsize=(7, 4.5))
for policy in policies:
    rows = sorted((r for r in summary if r["policy"] == policy), key=lambda r: float(r["cache_fraction"]))
    x = [float(r["cache_fraction"]) for r in rows]
    mean = [float(r["mean"]) for r in rows]
    low = [float(r["ci95_low"]) if r["ci95_low"] else m for r, m in zip(rows, mean)]
    high = [float(r["ci95_high"]) if r["ci95_high"] else m for r, m in zip(rows, mean)]
    (line,) = ax.plot(x, mean, marker="o", label=policy)
    ax.fill_between(x, low, high, color=line.get_color(), alpha=0.25)
    series_front = [(float(r["cache_fraction"]), float(r["miss_ratio"])) for r in pareto
                    if r["policy"] == policy and r.get("on_series_front", r["on_front"]) == "true"]
    if series_front:
        ax.scatter(*zip(*series_front), s=80, facecolors="none", edgecolors=line.get_color())

# The global front (across policies) in black over the per-policy fronts.
front = [(float(r["cache_fraction"]), float(r["miss_ratio"])) for r in pareto if r["on_front"] == "true"]
if front:
    ax.plot(*zip(*sorted(front)), color="black", linewidth=1, linestyle="--", marker="*", markersize=9,
            label="Pareto front (all policies)")
ax.scatter([], [], s=80, facecolors="none", edgecolors="gray", label="front of its policy")
ax.set_xscale("log")
ax.set_xlabel("cache size (fraction of the working set)")
ax.set_ylabel("miss ratio (mean, 95% CI over seeds)")
ax.set_title("Quickstart: Zipf trace, miss ratio vs cache size")
ax.grid(True, which="both", alpha=0.3)
ax.legend(title="policy")
fig.tight_layout()
fig.savefig(output, dpi=120)
print(f"quickstart.py: wrote {output}")
