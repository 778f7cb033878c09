import SimCore
import Testing

@testable import Paging

/// Miss counts on the real CloudPhysics trace sample (113,872 requests, 48,974 objects,
/// unit sizes), which must match exactly. Two independent references agree on every value:
/// libCacheSim's FIFO, LRU, Belady, Clock and Sieve (its Python bindings, libcachesim 0.3.5, replaying
/// cloudPhysicsIO.oracleGeneral.bin with ignore_obj_size; `tools/libcachesim_reference.py`),
/// and, for FIFO, LRU and OPT, a separate Python implementation (deque + set, OrderedDict,
/// heap over next uses).
@Suite struct GoldenMissCountTests {
    static let golden: [(capacity: Int64, fifo: Int, lru: Int, opt: Int, clock: Int, sieve: Int)] = [
        (10, 107_793, 107_620, 102_486, 107_584, 106_040),
        (100, 101_495, 100_215, 94_010, 100_047, 98_130),
        (1_000, 95_520, 94_823, 87_025, 94_727, 93_975),
        (5_000, 91_581, 91_527, 71_311, 91_458, 89_798),
    ]

    @Test func cloudPhysicsTraceShape() throws {
        let trace = try TraceFixtures.cloudPhysics()
        #expect(trace.count == 113_872)
        #expect(trace.objectCount == 48_974)
    }

    @Test func cloudPhysicsMissCounts() throws {
        let trace = try TraceFixtures.cloudPhysics()
        for row in Self.golden {
            for (name, expected) in [
                ("fifo", row.fifo), ("lru", row.lru), ("opt", row.opt), ("clock", row.clock), ("sieve", row.sieve),
            ] {
                let entry = try #require(PagingPolicyRegistry.entry(named: name))
                var cache = entry.make(PagingPolicyContext(capacity: row.capacity, objectCount: trace.objectCount, random: RandomSource(seed: 1)))
                let result = cache.replay(trace)
                #expect(result.misses == expected, "\(name) at capacity \(row.capacity)")
                #expect(result.requests == 113_872)
                try cache.checkInvariants()
            }
        }
    }

    @Test func textbookBeladyExample() {
        // Reference string of Silberschatz et al., Operating System Concepts, with 3 frames:
        // OPT has 9 faults, LRU 12, FIFO 15.
        let reference: [Int32] = [7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1]
        let trace = Trace(keys: reference, keyBound: 8)
        func misses(_ name: String) -> Int {
            guard let entry = PagingPolicyRegistry.entry(named: name) else { return -1 }
            var cache = entry.make(PagingPolicyContext(capacity: 3, objectCount: trace.objectCount, random: RandomSource(seed: 1)))
            return cache.replay(trace).misses
        }
        #expect(misses("opt") == 9)
        #expect(misses("lru") == 12)
        #expect(misses("fifo") == 15)
    }
}
