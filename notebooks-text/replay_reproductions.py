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
# # Replay reproductions: memory budgets, stability gap, coreset pruning, storage without constraint
#
# Reads the `summary.csv` files written by `memsim reproduce --all` and draws four panels:
# average incremental accuracy against the total memory budget (model and exemplars) for
# exemplar-only, model-snapshot (DER) and partial-expansion (MEMO) learners (`memo-budget`),
# the drop of earlier tasks' accuracy after a task switch and its hidden part against the
# rotation between tasks (`stability-gap`, evaluated every iteration), accuracy against the
# fraction of the data kept for each selection rule (`coreset-pruning`), and final accuracy
# against forgetting for kNN and SGD replay (`storage-unconstrained`). Bands and bars are 95%
# Student-t intervals of the mean over seeds. It never runs simulations.
#
# Usage as a script: `python notebooks-text/replay_reproductions.py [RESULTS_DIR] [OUT.png]`
# (default `results/reproductions`, PNG written to `RESULTS_DIR/replay_reproductions.png`).

# %%
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import reproduction_tables  # noqa: E402  (beside this file)

args = [a for a in sys.argv[1:] if not a.startswith("-")] if "__file__" in globals() else []
results = args[0] if args else "results/reproductions"
output = args[1] if len(args) > 1 else os.path.join(results, "replay_reproductions.png")


def summary(name, metric):
    return reproduction_tables.summary(results, name, metric, "replay_reproductions.py")


line = reproduction_tables.band

# %% [markdown]
# Four panels side by side.

# %%
fig, axes = plt.subplots(1, 4, figsize=(22, 4.8))

ax = axes[0]
budget = summary("memo-budget", "average_incremental_accuracy")
strategies = {"none": "exemplar-only (width 64)", "full": "model snapshot per task (DER)", "partial": "partial expansion (MEMO)"}
# The spec's two bases: 300 base exemplars at 67, 92, 134 and 186 KiB, 1,000 at the others.
small_base = {67.0, 92.0, 134.0, 186.0}
bases = {"1,000-exemplar base": lambda kib: kib not in small_base, "300-exemplar base": lambda kib: kib in small_base}
for (base, inside), style in zip(bases.items(), ["-", "--"]):
    for (expansion, label), color in zip(strategies.items(), ["C0", "C1", "C2"]):
        points = [r for r in budget if r["network.expansion"] == expansion and inside(float(r["memory.budget_kib"]))]
        line(ax, points, "memory.budget_kib", f"{label}, {base}", linestyle=style, color=color)
ax.set_xlabel("total budget, model + exemplars (KiB)")
ax.set_ylabel("average incremental accuracy")
ax.set_title("A model or exemplars, aligned budgets")

ax = axes[1]
for metric, label in [("early_dip", "early dip (the stability gap)"), ("lasting_drop", "lasting drop"),
                      ("hidden_dip", "hidden dip (recovered within the task)")]:
    line(ax, [r for r in summary("stability-gap", metric)
              if r["eval.every"] == "1" and r.get("stream.kind", "domain-incremental") == "domain-incremental"],
         "stream.rotation", label)
ax.set_xlabel("rotation between tasks (radians)")
ax.set_ylabel("accuracy of earlier tasks lost")
ax.set_title("Stability gap, evaluated every iteration")

ax = axes[2]
pruning = summary("coreset-pruning", "final_accuracy")
for buffer in dict.fromkeys(r["buffer"] for r in pruning):
    points = [dict(r, kept=str(float(r["memory.exemplars"]) / 10000)) for r in pruning
              if r["buffer"] == buffer and r.get("stream.label_noise", "0.05") == "0.05"]
    line(ax, points, "kept", buffer)
ax.set_xscale("log")
ax.set_xlabel("fraction of the 10,000 samples kept")
ax.set_ylabel("test accuracy")
ax.set_title("Coreset selection, 5% noisy labels")

ax = axes[3]
accuracy = summary("storage-unconstrained", "final_accuracy")
forgetting = summary("storage-unconstrained", "forgetting")
for a in accuracy:
    f = next(r for r in forgetting if r["learner"] == a["learner"] and r["buffer"] == a["buffer"])
    ax.errorbar(
        float(f["mean"]), float(a["mean"]),
        xerr=[[float(f["mean"]) - float(f["ci95_low"] or f["mean"])], [float(f["ci95_high"] or f["mean"]) - float(f["mean"])]],
        yerr=[[float(a["mean"]) - float(a["ci95_low"] or a["mean"])], [float(a["ci95_high"] or a["mean"]) - float(a["mean"])]],
        marker="o", capsize=3, label=f"{a['learner']}, buffer {a['buffer']}")
ax.set_xlabel("forgetting")
ax.set_ylabel("final accuracy")
ax.set_title("kNN over stored features vs SGD replay")

for ax in axes:
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
fig.tight_layout()
fig.savefig(output, dpi=110)
print(f"replay_reproductions.py: wrote {output}")
