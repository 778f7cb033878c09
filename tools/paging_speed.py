"""Times `memsim paging` against libCacheSim's PyPI wheel on one generated trace.

Writes a Zipf trace in oracleGeneral form (REQUESTS requests over OBJECTS objects,
alpha 1.0, log-normal object sizes of median 4 KiB, seed 1), then, whole process against
whole process in this one run:
  1. each of LRU, FIFO, CLOCK, SIEVE, ARC, S3-FIFO and OPT at 1% of the working set (unit
     sizes): `memsim paging --policies P --sizes 0.01` against a Python process that opens
     the trace and runs libCacheSim's `process_trace` once;
  2. a sweep of 4 policies x 4 sizes (0.1%, 1%, 5%, 10% of the working set): one
     `memsim paging` (its --jobs, default the core count) against one Python process running
     the 16 `process_trace` calls;
  3. with sizes, each of LRU and S3-FIFO at 1% of the working set's bytes (`--bytes`)
     against libCacheSim with object sizes.
Prints wall-clock seconds (best of RUNS), the miss ratios (which must agree) and the
ratio libCacheSim / memsim per line, then each goal (2x, 6x, 1.5x) met or missed.

Usage: python tools/paging_speed.py [--memsim BIN] [--requests N] [--objects N] [--runs K] [--keep DIR]
Needs `pip install libcachesim==0.3.5 numpy` and a release build (`swift build -c release`).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

RECORD = np.dtype([("t", "<u4"), ("id", "<u8"), ("size", "<u4"), ("next", "<i8")])
POLICIES = [("lru", "LRU"), ("fifo", "FIFO"), ("clock", "Clock"), ("sieve", "Sieve"), ("arc", "ARC"),
            ("s3fifo", "S3FIFO"), ("opt", "Belady")]
SWEEP_POLICIES = [("lru", "LRU"), ("sieve", "Sieve"), ("arc", "ARC"), ("s3fifo", "S3FIFO")]
SWEEP_FRACTIONS = [0.001, 0.01, 0.05, 0.1]


def write_trace(path, requests, objects):
    rng = np.random.default_rng(1)
    ranks = np.arange(1, objects + 1, dtype=np.float64)
    cdf = np.cumsum(1.0 / ranks)
    cdf /= cdf[-1]
    ids = np.searchsorted(cdf, rng.random(requests)).astype(np.uint64)
    ids = rng.permutation(objects).astype(np.uint64)[ids] * 2654435761 % (1 << 40)
    sizes_of = np.clip(np.exp(rng.normal(np.log(4096), 1.0, objects)), 64, 1 << 20).astype(np.uint32)
    dense = np.unique(ids, return_inverse=True)[1]
    record = np.zeros(requests, dtype=RECORD)
    record["t"] = np.arange(requests, dtype=np.uint64) // 1000
    record["id"] = ids
    record["size"] = sizes_of[dense % objects]
    nxt = np.full(requests, -1, dtype=np.int64)
    last = np.full(dense.max() + 1, -1, dtype=np.int64)
    for i in range(requests - 1, -1, -1):
        nxt[i] = last[dense[i]]
        last[dense[i]] = i + 1
    record["next"] = nxt
    record.tofile(path)
    distinct = int(dense.max() + 1)
    first = np.unique(dense, return_index=True)[1]
    return distinct, int(record["size"][first].astype(np.int64).sum())


LCS_SCRIPT = """
import sys, json, libcachesim as lcs
path, sized, jobs = sys.argv[1], sys.argv[2] == "1", json.loads(sys.argv[3])
out = []
for policy, size in jobs:
    reader = lcs.TraceReader(path, lcs.TraceType.ORACLE_GENERAL_TRACE, lcs.ReaderInitParam(ignore_obj_size=not sized))
    cache = getattr(lcs, policy)(cache_size=size)
    out.append(cache.process_trace(reader))
print(json.dumps(out))
"""


def timed(command, runs):
    best = None
    output = ""
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
        best = elapsed if best is None else min(best, elapsed)
        output = result.stdout
    return best, output


def memsim_ratios(output):
    return [(r["miss_ratio"], r["byte_miss_ratio"]) for r in map(json.loads, output.splitlines())]


def compare(label, memsim, lcs_jobs, path, sized, runs, goal, results):
    t_memsim, out_memsim = timed(memsim, runs)
    t_lcs, out_lcs = timed([sys.executable, "-c", LCS_SCRIPT, path, "1" if sized else "0", json.dumps(lcs_jobs)], runs)
    ours = memsim_ratios(out_memsim)
    theirs = json.loads(out_lcs)
    agree = all(abs(a[0] - b[0]) < 1e-9 and (not sized or abs(a[1] - b[1]) < 1e-9) for a, b in zip(ours, theirs))
    ratio = t_lcs / t_memsim
    results.append((label, ratio, goal))
    print(f"{label:<28} memsim {t_memsim:7.3f} s  libCacheSim {t_lcs:7.3f} s  ratio {ratio:5.2f}x  "
          f"(goal {goal}x; miss ratios {'agree' if agree else 'DIFFER'})", flush=True)
    if not agree:
        print(f"  memsim {ours}\n  libCacheSim {theirs}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--memsim", default=".build/release/memsim")
    parser.add_argument("--requests", type=int, default=10_000_000)
    parser.add_argument("--objects", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", help="directory for the trace (kept), else a temporary one")
    args = parser.parse_args()
    directory = args.keep or tempfile.mkdtemp(prefix="memsim-speed-")
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, f"zipf-{args.requests}.oracleGeneral.bin")
    if not os.path.exists(path):
        print(f"writing {path} ...", flush=True)
        write_trace(path, args.requests, args.objects)
    # Working set as each tool counts it (distinct objects; bytes of first requests).
    record = np.fromfile(path, dtype=RECORD)
    _, first = np.unique(record["id"], return_index=True)
    objects, ws_bytes = len(first), int(record["size"][first].astype(np.int64).sum())
    print(f"trace: {len(record)} requests, {objects} objects, {ws_bytes} bytes of working set; "
          f"{os.cpu_count()} cores\n", flush=True)
    base = [args.memsim, "paging", path, "--format", "oracleGeneral", "--json"]
    results = []
    one = max(1, round(0.01 * objects))
    for name, lcs_name in POLICIES:
        compare(f"{name} at 1%", base + ["--policies", name, "--sizes", str(one)], [[lcs_name, one]], path, False,
                args.runs, 2, results)
    sizes = [max(1, round(f * objects)) for f in SWEEP_FRACTIONS]
    compare("sweep 4 policies x 4 sizes",
            base + ["--policies", ",".join(n for n, _ in SWEEP_POLICIES), "--sizes", ",".join(map(str, sizes))],
            [[lcs, s] for _, lcs in SWEEP_POLICIES for s in sizes], path, False, args.runs, 6, results)
    one_bytes = max(1, round(0.01 * ws_bytes))
    for name, lcs_name in [("lru", "LRU"), ("s3fifo", "S3FIFO")]:
        compare(f"{name} --bytes at 1%", base + ["--bytes", "--policies", name, "--sizes", str(one_bytes)],
                [[lcs_name, one_bytes]], path, True, args.runs, 1.5, results)
    missed = [label for label, ratio, goal in results if ratio < goal]
    print("\nall goals met" if not missed else "\ngoals missed: " + ", ".join(missed))
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
