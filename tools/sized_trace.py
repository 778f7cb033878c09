"""Writes a synthetic oracleGeneral trace whose objects have sizes that sometimes change.

The golden tests of byte-sized caches use it beside the CloudPhysics sample (whose
objects never change size) to pin libCacheSim's rules for a size change between
requests and for OPT's ties among objects never requested again.

Requests: Zipf(0.9) over OBJECTS objects; each object's first size is log-normal
(median 4 KiB, clipped to 1 B..256 KiB); with probability 0.05 a request carries a new
size for its object, which later requests keep. next_access_vtime is the 1-based
position of the object's next request, or -1. Deterministic for a seed (numpy PCG64).

Usage: python tools/sized_trace.py OUT [REQUESTS] [OBJECTS] [SEED]
"""
import sys

import numpy as np

RECORD = np.dtype([("t", "<u4"), ("id", "<u8"), ("size", "<u4"), ("next", "<i8")])


def sizes(rng, n):
    return np.clip(np.exp(rng.normal(np.log(4096), 1.5, n)), 1, 262144).astype(np.uint32)


def main():
    out = sys.argv[1]
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 30_000
    objects = int(sys.argv[3]) if len(sys.argv) > 3 else 3_000
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, objects + 1) ** 0.9
    ids = rng.choice(objects, size=requests, p=weights / weights.sum()).astype(np.uint64) * 7919 + 11
    current = {}
    record = np.zeros(requests, dtype=RECORD)
    first = sizes(rng, requests)
    changed = sizes(rng, requests)
    change = rng.random(requests) < 0.05
    for i, key in enumerate(ids):
        if key not in current:
            current[key] = first[i]
        elif change[i]:
            current[key] = changed[i]
        record["size"][i] = current[key]
    record["t"] = np.arange(requests, dtype=np.uint32) // 10
    record["id"] = ids
    nxt = np.full(requests, -1, dtype=np.int64)
    seen = {}
    for i in range(requests - 1, -1, -1):
        nxt[i] = seen.get(ids[i], -1)
        seen[ids[i]] = i + 1
    record["next"] = nxt
    record.tofile(out)


if __name__ == "__main__":
    main()
