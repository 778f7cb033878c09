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
# # Token-level KV eviction: recall and output error against the budget
#
# Reads the `summary.csv` of the `h2o` reproduction written by `memsim reproduce --all` and
# draws, for each attention setting (heavy hitters; recency alone), the attention recall and
# the output error of every policy against the budget (a fraction of the sequence). Bands are
# 95% Student-t intervals of the mean over seeds, clipped to [0, 1] for recall. It never runs
# simulations.
#
# Usage as a script: `python notebooks-text/kv_eviction_reproductions.py [RESULTS_DIR] [OUT.png]`
# (default `results/reproductions`, PNG (200 dpi) and PDF written to
# `RESULTS_DIR/kv_eviction_reproductions.png` and `.pdf`).

# %%
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import reproduction_tables  # noqa: E402  (beside this file)

args = [a for a in sys.argv[1:] if not a.startswith("-")] if "__file__" in globals() else []
results = args[0] if args else "results/reproductions"
output = args[1] if len(args) > 1 else os.path.join(results, "kv_eviction_reproductions.png")


def summary(metric):
    return reproduction_tables.summary(results, "h2o", metric, "kv_eviction_reproductions.py")


settings = [("1.5", "heavy hitters (Zipf 1.5) and sinks"), ("0", "recency alone")]
metrics = [("attention_recall", "attention recall"), ("output_error", "output error (relative L2)")]

# %% [markdown]
# One row per attention setting, recall on the left and output error on the right.

# %%
fig, axes = plt.subplots(len(settings), len(metrics), figsize=(12, 4.2 * len(settings)), squeeze=False)
for row, (alpha, title) in enumerate(settings):
    for column, (metric, label) in enumerate(metrics):
        ax = axes[row][column]
        rows = [r for r in summary(metric) if r["attention.heavy_alpha"] == alpha]
        for policy in dict.fromkeys(r["policy"] for r in rows):
            reproduction_tables.band(ax, [r for r in rows if r["policy"] == policy], "budget.fraction", policy)
        if metric == "attention_recall":
            ax.set_ylim(0, 1.02)
        else:
            ax.set_ylim(bottom=0)
        ax.set_xscale("log")
        ax.set_xlabel("KV budget (fraction of the sequence)")
        ax.set_ylabel(label)
        ax.set_title(f"H2O reproduction, {title}")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
fig.tight_layout()
fig.savefig(output, dpi=200)
fig.savefig(os.path.splitext(output)[0] + ".pdf")
print(f"kv_eviction_reproductions.py: wrote {output}")
