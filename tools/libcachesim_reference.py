"""Reference miss counts from libCacheSim for golden tests.

Replays data/traces/cloudPhysicsIO.oracleGeneral.bin with unit object sizes through
libCacheSim's own policies (its Python bindings, `pip install libcachesim==0.3.5`) and
prints the miss count of each policy at each cache size, to paste into
Tests/PagingTests/GoldenMissCountTests.swift.

Usage: python tools/libcachesim_reference.py [TRACE] [SIZE ...]
"""
import sys

import libcachesim as lcs

POLICIES = ["FIFO", "LRU", "Belady", "Clock", "ARC", "Sieve", "S3FIFO", "TwoQ", "LFU"]  # memsim: fifo lru opt clock arc sieve s3fifo 2q lfu


def misses(policy, size, path):
    reader = lcs.TraceReader(path, lcs.TraceType.ORACLE_GENERAL_TRACE, lcs.ReaderInitParam(ignore_obj_size=True))
    cache = getattr(lcs, policy)(cache_size=size)
    requests = missed = 0
    for request in reader:
        requests += 1
        if not cache.get(request):
            missed += 1
    return requests, missed


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "data/traces/cloudPhysicsIO.oracleGeneral.bin"
    sizes = [int(s) for s in sys.argv[2:]] or [10, 20, 100, 1000, 5000]
    print("size," + ",".join(POLICIES))
    for size in sizes:
        counts = [misses(policy, size, path)[1] for policy in POLICIES]
        print(f"{size}," + ",".join(str(c) for c in counts))


if __name__ == "__main__":
    main()
