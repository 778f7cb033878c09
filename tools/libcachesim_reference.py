"""Reference miss counts from libCacheSim for golden tests.

Replays an oracleGeneral trace through libCacheSim's own policies (its Python bindings,
`pip install libcachesim==0.3.5`) and prints, for each cache size, the miss count of
each policy (unit sizes), or its misses and missed bytes (with --bytes: the trace's
object sizes, cache sizes in bytes), to paste into Tests/PagingTests/GoldenMissCountTests.swift
and Tests/PagingTests/GoldenByteMissTests.swift.

Usage:
  python tools/libcachesim_reference.py [TRACE] [SIZE ...]
  python tools/libcachesim_reference.py --bytes [TRACE] [BYTES ...]
"""
import sys

import libcachesim as lcs

# memsim names: fifo lru opt clock arc sieve s3fifo 2q lfu (gdsf with --bytes)
POLICIES = ["FIFO", "LRU", "Belady", "Clock", "ARC", "Sieve", "S3FIFO", "TwoQ", "LFU"]
BYTE_POLICIES = POLICIES + ["GDSF"]


def replay(policy, size, path, ignore_size):
    params = lcs.ReaderInitParam(ignore_obj_size=ignore_size)
    reader = lcs.TraceReader(path, lcs.TraceType.ORACLE_GENERAL_TRACE, params)
    cache = getattr(lcs, policy)(cache_size=size)
    requests = missed = missed_bytes = 0
    for request in reader:
        requests += 1
        if not cache.get(request):
            missed += 1
            missed_bytes += request.obj_size
    return requests, missed, missed_bytes


def main():
    args = sys.argv[1:]
    sized = bool(args) and args[0] == "--bytes"
    if sized:
        args = args[1:]
    path = args[0] if args else "data/traces/cloudPhysicsIO.oracleGeneral.bin"
    if sized:
        sizes = [int(s) for s in args[1:]] or [1 << 20, 16 << 20, 256 << 20]
        print("bytes," + ",".join(f"{p} misses,{p} missed bytes" for p in BYTE_POLICIES))
        for size in sizes:
            cells = []
            for policy in BYTE_POLICIES:
                _, missed, missed_bytes = replay(policy, size, path, ignore_size=False)
                cells += [str(missed), str(missed_bytes)]
            print(f"{size}," + ",".join(cells))
    else:
        sizes = [int(s) for s in args[1:]] or [10, 20, 100, 1000, 5000]
        print("size," + ",".join(POLICIES))
        for size in sizes:
            counts = [replay(policy, size, path, ignore_size=True)[1] for policy in POLICIES]
            print(f"{size}," + ",".join(str(c) for c in counts))


if __name__ == "__main__":
    main()
