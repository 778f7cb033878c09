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
# # Serving reproductions: KV allocation, time-to-live, multi-turn eviction, memory readers
#
# Reads the `summary.csv`, `pareto.csv` and `claims.csv` files written by `memsim reproduce
# --all` and draws five panels: throughput against load for every KV allocator
# (`paged-attention`), job completion time against the KV time-to-live (`continuum`),
# accuracy on later questions against the KV budget (`multi-turn-eviction`), the
# recall-vs-prefix-stability front of cross-session memory readers (`cross-session-reader`),
# and memsim's cost model against published serving measurements (`serving-fidelity`). Bands and bars are 95% Student-t
# intervals of the mean over seeds. It never runs simulations.
#
# Usage as a script: `python notebooks-text/sessions_reproductions.py [RESULTS_DIR] [OUT.png]`
# (default `results/reproductions`, PNG written to `RESULTS_DIR/sessions_reproductions.png`).

# %%
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import reproduction_tables  # noqa: E402  (beside this file)

args = [a for a in sys.argv[1:] if not a.startswith("-")] if "__file__" in globals() else []
results = args[0] if args else "results/reproductions"
output = args[1] if len(args) > 1 else os.path.join(results, "sessions_reproductions.png")


def table(name, file):
    return reproduction_tables.table(results, name, file, "sessions_reproductions.py")


def summary(name, metric):
    return reproduction_tables.summary(results, name, metric, "sessions_reproductions.py")


line = reproduction_tables.band


# %% [markdown]
# Five panels side by side.

# %%
fig, axes = plt.subplots(1, 5, figsize=(28, 4.8))

ax = axes[0]
# The paper's Fig. 12 view: normalized latency against the request rate; the capacity claims
# read each curve where it crosses the SLO (dotted).
rows = summary("paged-attention", "normalized_latency_mean")
configurations = [
    ("reserve-max", "16", "2048"), ("reserve-pow2", "16", "2048"), ("reserve-exact", "16", "2048"),
    ("paged", "8", "2048"), ("paged", "16", "2048"), ("paged", "32", "2048"), ("demand-paged", "16", "64"),
    ("demand-paged", "16", "2048"),
]
for allocator, block, page in configurations:
    points = [r for r in rows if (r["server.allocator"], r["server.block_tokens"], r["server.page_kib"]) == (allocator, block, page)]
    label = {"paged": f"paged B={block}", "demand-paged": f"demand-paged {page} KiB"}.get(allocator, allocator)
    line(ax, points, "workload.arrival_rate", label)
slo = next((float(r["slo"]) for r in table("paged-attention", "capacity.csv")), None)
if slo is not None:
    ax.axhline(slo, color="black", linestyle=":", linewidth=0.8, label=f"SLO {slo:g} s/token")
ax.set_yscale("log")
ax.set_xlabel("requests per second")
ax.set_ylabel("normalized latency (s / output token)")
ax.set_title("KV allocators: Llama-3.1-70B on 2 x A100")
ax.legend(fontsize=7)

ax = axes[1]
rows = [r for r in summary("continuum", "session_time_mean") if r["ttl.prediction.sigma"] == "0"]
for rate, style in [("0.3", "-"), ("0.6", "--")]:
    for scheduling in ["program-fcfs", "request-fcfs"]:
        points = [r for r in rows if r["retention"] == "ttl" and r["server.scheduling"] == scheduling and r["workload.arrival_rate"] == rate]
        line(ax, points, "ttl.seconds", f"TTL, {scheduling}, {rate}/s", linestyle=style)
    baseline = [r for r in rows if r["retention"] == "hbm-lru" and r["server.scheduling"] == "request-fcfs" and r["workload.arrival_rate"] == rate]
    for r in baseline:
        ax.axhline(float(r["mean"]), color="black", linestyle=style, linewidth=0.8, label=f"LRU + request FCFS, {rate}/s")
ax.set_xscale("log")
ax.set_xlabel("time-to-live after a tool call (s)")
ax.set_ylabel("mean job completion time (s)")
ax.set_title("Continuum: pinning KV across tool calls")
ax.legend(fontsize=7)

ax = axes[2]
# Questions with disjoint evidence (overlap 0), the setting where eviction after the first fails.
later = [r for r in summary("multi-turn-eviction", "accuracy_later") if float(r.get("overlap", "0")) == 0]
first = [r for r in summary("multi-turn-eviction", "accuracy_first") if float(r.get("overlap", "0")) == 0]
for method in dict.fromkeys(r["method"] for r in later):
    line(ax, [r for r in later if r["method"] == method], "budget", f"{method}, later questions")
    ax.plot(
        sorted(float(r["budget"]) for r in first if r["method"] == method),
        [float(r["mean"]) for r in sorted((r for r in first if r["method"] == method), key=lambda r: float(r["budget"]))],
        linestyle=":", color=ax.lines[-1].get_color(), label=f"{method}, first question")
ax.set_xscale("log")
ax.set_xlabel("KV budget (tokens of an 8,192-token context)")
ax.set_ylabel("questions answered")
ax.set_title("Shared context, 5 questions (SCBench)")
ax.legend(fontsize=6)

ax = axes[3]
front = [r for r in table("cross-session-reader", "pareto.csv") if r["stream.spread"] == "8"]
for reader, marker in [("session-bound", "s"), ("full-log", "^"), ("coreset", "o")]:
    points = [r for r in front if r["reader"] == reader]
    for ranker in dict.fromkeys(r["coreset.ranker"] for r in points):
        chosen = [r for r in points if r["coreset.ranker"] == ranker]
        label = f"coreset, {ranker} ranker" if reader == "coreset" else reader
        ax.scatter([float(r["csr_prefix"]) for r in chosen], [float(r["attack_recall"]) for r in chosen], marker=marker, label=label)
        if reader == "coreset":
            for r in chosen:
                ax.annotate(f"K={r['coreset.k']}", (float(r["csr_prefix"]), float(r["attack_recall"])), fontsize=6)
ax.set_xlabel("CSR_prefix (prefix stability)")
ax.set_ylabel("attack recall at the action step")
ax.set_title("Cross-session readers, attacks over 8 sessions")
ax.legend(fontsize=7)

ax = axes[4]
# memsim over the published figure for every claim with a number (the middle of a published
# range), with the claim's tolerance as a band: green agrees, red is a declared disagreement.
rows = [r for r in table("serving-fidelity", "claims.csv") if r["paper_low"] and r["role"] == "reproduces"]
for i, r in enumerate(rows):
    ratio = float(r["measured_ci_low"]) / ((float(r["paper_low"]) + float(r["paper_high"])) / 2)
    tolerance = float(r["tolerance"])
    ax.plot([1 - tolerance, 1 + tolerance], [i, i], color="grey", alpha=0.4, linewidth=6)
    ax.scatter([ratio], [i], color="tab:green" if r["agreement"] == "number" else "tab:red", zorder=3)
ax.axvline(1, color="black", linewidth=0.8)
ax.set_yticks(range(len(rows)))
ax.set_yticklabels([r["claim"] for r in rows], fontsize=6)
ax.set_xlabel("memsim / published (grey: the claim's tolerance)")
ax.set_title("Serving fidelity: the calibrated cost model")

for ax in axes:
    ax.grid(True, which="both", alpha=0.3)
fig.tight_layout()
fig.savefig(output, dpi=110)
print(f"sessions_reproductions.py: wrote {output}")
