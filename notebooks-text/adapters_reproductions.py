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
# # Bandit reproductions: adapter caching and routing, streaming bandits, textbook rates
#
# Reads the `summary.csv` files written by `memsim reproduce --all` and draws four log-log
# panels of regret against the horizon T: every cache controller of `polar` without drift and
# under switching drift (K = 5 of N = 15 adapters), uniform exploration against
# epsilon-best-then-commit for each instance of `streaming-bandits` (K = 100), with the
# T^(2/3) slope for reference, and UCB1, Thompson and EXP3 of `bandit-sanity`. Bands are 95%
# Student-t intervals of the mean over seeds. It never runs simulations.
#
# Usage as a script: `python notebooks-text/adapters_reproductions.py [RESULTS_DIR] [OUT.png]`
# (default `results/reproductions`, PNG written to `RESULTS_DIR/adapters_reproductions.png`).

# %%
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import reproduction_tables  # noqa: E402  (beside this file)

args = [a for a in sys.argv[1:] if not a.startswith("-")] if "__file__" in globals() else []
results = args[0] if args else "results/reproductions"
output = args[1] if len(args) > 1 else os.path.join(results, "adapters_reproductions.png")


def summary(name, metric):
    return reproduction_tables.summary(results, name, metric, "adapters_reproductions.py")


line = reproduction_tables.band

# %% [markdown]
# Four panels side by side.

# %%
fig, axes = plt.subplots(1, 4, figsize=(22, 4.8))

polar = [r for r in summary("polar", "regret") if r["adapters.count"] == "15" and r["cache.slots"] == "5"]
for ax, drift in [(axes[0], "none"), (axes[1], "switch")]:
    for controller in dict.fromkeys(r["controller"] for r in polar):
        line(ax, [r for r in polar if r["controller"] == controller and r["drift.kind"] == drift], "horizon", controller)
    ax.set_title(f"Adapter caching, K = 5 of 15, drift: {drift}")
    ax.set_ylabel("regret against the hindsight oracle")

ax = axes[2]
streaming = [r for r in summary("streaming-bandits", "regret") if r["arms"] == "100"]
for kind in dict.fromkeys(r["instance.kind"] for r in streaming):
    for algorithm, style in [("uniform", "--"), ("epsilon-best", "-")]:
        chosen = [r for r in streaming if r["instance.kind"] == kind and r["algorithm"] == algorithm]
        line(ax, chosen, "horizon", f"{algorithm}, {kind}", linestyle=style)
reference = sorted({float(r["horizon"]) for r in streaming})
ax.plot(reference, [3 * t ** (2 / 3) for t in reference], color="grey", linewidth=0.8, label="3 T^(2/3)")
ax.set_title("Streaming bandits, K = 100, one stored arm")
ax.set_ylabel("pseudo-regret")

ax = axes[3]
sanity = summary("bandit-sanity", "regret")
for policy in dict.fromkeys(r["policy"] for r in sanity):
    line(ax, [r for r in sanity if r["policy"] == policy], "horizon", policy)
ax.set_title("UCB1, Thompson (gap 0.2), EXP3 (adversarial)")
ax.set_ylabel("pseudo-regret")

for ax in axes:
    # Log axes; a band reaching below zero (EXP3's seeds) is cut at a third of the lowest mean.
    lowest = min(y for drawn in ax.lines for y in drawn.get_ydata() if y > 0)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(bottom=lowest / 3)
    ax.set_xlabel("horizon T")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=6)
fig.tight_layout()
fig.savefig(output, dpi=110)
print(f"adapters_reproductions.py: wrote {output}")
