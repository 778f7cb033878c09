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
# # Agent memory: evidence recall and accuracy against the context's tokens
#
# Reads the `summary.csv` of the `longmemeval-decline`, `memgpt` and `convomem` reproductions
# written by `memsim reproduce --all` and draws, per architecture, evidence recall and the
# reader model's accuracy against the mean tokens the reader reads per question (each point one
# history size or configuration), and ConvoMem's crossover: accuracy and latency of full
# context and Mem0-style memory against the number of conversations. Error bars and bands are
# 95% Student-t intervals of the mean over seeds. It never runs simulations.
#
# Usage as a script: `python notebooks-text/agent_memory_reproductions.py [RESULTS_DIR] [OUT.png]`
# (default `results/reproductions`; PNG (200 dpi) and PDF written to
# `RESULTS_DIR/agent_memory_reproductions.png` and `.pdf`).

# %%
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import reproduction_tables  # noqa: E402  (beside this file)

args = [a for a in sys.argv[1:] if not a.startswith("-")] if "__file__" in globals() else []
results = args[0] if args else "results/reproductions"
output = args[1] if len(args) > 1 else os.path.join(results, "agent_memory_reproductions.png")
script = "agent_memory_reproductions.py"


def points(name, metric, keys):
    """(label, x mean, x low, x high, y mean, y low, y high) per sweep point, by `keys`."""
    x = {tuple(r[k] for k in keys): r for r in reproduction_tables.summary(results, name, "context_tokens_mean", script)}
    out = []
    for r in reproduction_tables.summary(results, name, metric, script):
        key = tuple(r[k] for k in keys)
        c = x[key]
        def bounds(row):
            mean = float(row["mean"])
            return mean, float(row["ci95_low"] or mean), float(row["ci95_high"] or mean)
        out.append((key, *bounds(c), *bounds(r)))
    return out


def draw(ax, name, metric, series, label_key, keys, title, ylabel):
    """`series` maps a point's key (values of `keys`) to its line's label."""
    rows = points(name, metric, keys)
    for value in dict.fromkeys(series(k) for k, *_ in rows):
        mine = sorted((p for p in rows if series(p[0]) == value), key=lambda p: p[1])
        xs = [p[1] for p in mine]
        ys = [p[4] for p in mine]
        drawn = ax.errorbar(
            xs, ys, xerr=[[p[1] - p[2] for p in mine], [p[3] - p[1] for p in mine]],
            yerr=[[p[4] - p[5] for p in mine], [p[6] - p[4] for p in mine]],
            marker="o", markersize=3, capsize=2, label=value)
        for p in mine:
            ax.annotate(p[0][keys.index(label_key)], (p[1], p[4]), fontsize=6, xytext=(3, 3),
                        textcoords="offset points", color=drawn[0].get_color())
    ax.set_xscale("log")
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("context tokens per question (mean)")
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=9)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)


# %% [markdown]
# Top: LongMemEval's sizes (points labelled by sessions): full context keeps the evidence up
# to the window while the reader model's accuracy falls; beyond it (500 sessions) truncation
# loses the evidence and extracted-fact retrieval keeps most of it at a few hundred tokens.
# Bottom: MemGPT's deep memory retrieval (points labelled by the summary's fidelity).

# %%
fig, axes = plt.subplots(3, 2, figsize=(12, 13.5), squeeze=False)
lme = ["architecture", "history.sessions"]
def by_architecture(key):
    return key[0]


def by_searches(key):
    architecture, searches = key[0], key[1]
    if architecture != "memgpt":
        return architecture
    return "memgpt, summary only" if searches == "0" else f"memgpt, up to {searches} searches"


draw(axes[0][0], "longmemeval-decline", "evidence_recall", by_architecture, "history.sessions", lme,
     "longmemeval-decline: evidence recall (points: sessions)", "evidence recall")
draw(axes[0][1], "longmemeval-decline", "answer_accuracy", by_architecture, "history.sessions", lme,
     "longmemeval-decline: accuracy (reader model)", "answer accuracy (reader model)")
dmr = ["architecture", "memgpt.max_searches", "summary.fidelity"]
draw(axes[1][0], "memgpt", "evidence_recall", by_searches, "summary.fidelity", dmr,
     "memgpt, deep memory retrieval (points: summary fidelity)", "evidence recall")
draw(axes[1][1], "memgpt", "answer_accuracy", by_searches, "summary.fidelity", dmr,
     "memgpt: accuracy (reader model)", "answer accuracy (reader model)")
# %% [markdown]
# Bottom: ConvoMem's crossover. Full context stays ahead in accuracy; its latency grows with
# the history and passes Mem0's flat latency between 30 and 150 conversations (the cost
# figures are fitted to ConvoMem's latencies; see the spec); with the conversation's KV kept
# between questions (an assumed reuse rate) the crossover moves past 150.

# %%
for column, (metric, label) in enumerate([("answer_accuracy", "answer accuracy (reader model)"),
                                          ("latency_mean", "latency per question (s)")]):
    ax = axes[2][column]
    rows = reproduction_tables.summary(results, "convomem", metric, script)
    def series(r):
        name = "Mem0-style facts (rag)" if r["architecture"] == "rag" else r["architecture"]
        return name + (", KV reused" if float(r.get("cost.reused_tokens_per_s") or 0) > 0 else "")
    for line in dict.fromkeys(series(r) for r in rows):
        reproduction_tables.band(ax, [r for r in rows if series(r) == line], "history.sessions", line)
    ax.set_xscale("log")
    ax.set_xlabel("conversations (sessions) in the history")
    ax.set_ylabel(label)
    if metric == "answer_accuracy":
        ax.set_ylim(0, 1.02)
    ax.set_title(f"convomem: {label}", fontsize=9)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
fig.tight_layout()
fig.savefig(output, dpi=200)
fig.savefig(os.path.splitext(output)[0] + ".pdf")
print(f"{script}: wrote {output}")
