import SimCore
import Testing

@testable import Paging

/// Conformance suite run over every registry entry.
@Suite struct PolicyConformanceTests {
    static let names = PagingPolicyRegistry.names

    @Test func registryNamesAreUniqueAndNonEmpty() {
        #expect(Set(Self.names).count == Self.names.count)
        #expect(Self.names.allSatisfy { !$0.isEmpty && $0 == $0.lowercased() })
        #expect(PagingPolicyRegistry.entries.allSatisfy { !$0.summary.isEmpty })
    }

    static func randomTrace(seed: UInt64, objects: Int, requests: Int) -> Trace {
        var random = RandomSource(seed: seed)
        let keys = (0..<requests).map { _ in Int32(random.nextInt(below: objects)) }
        return Trace(keys: keys, keyBound: objects)
    }

    @Test(arguments: names)
    func capacityRespectedAndInvariantsHoldOverManySeeds(name: String) throws {
        let entry = try #require(PagingPolicyRegistry.entry(named: name))
        for seed in UInt64(1)...40 {
            let trace = Self.randomTrace(seed: seed, objects: 30, requests: 400)
            for capacity in [1, 2, 7, 29, 50] as [Int64] {
                var cache = entry.make(
                    PagingPolicyContext(capacity: capacity, objectCount: trace.objectCount, random: RandomSource(seed: seed)))
                var misses = 0
                for i in 0..<trace.count {
                    if !cache.access(trace.request(at: i)) { misses += 1 }
                    #expect(cache.occupancy <= capacity, "\(name) seed \(seed) capacity \(capacity) at \(i)")
                }
                try cache.checkInvariants()
                // Cold misses are unavoidable; with room for everything only cold misses occur.
                #expect(misses >= trace.objectCount, "\(name) seed \(seed)")
                if capacity >= Int64(trace.objectCount) { #expect(misses == trace.objectCount, "\(name) seed \(seed)") }
            }
        }
    }

    @Test(arguments: names)
    func sameInputSameResult(name: String) throws {
        let entry = try #require(PagingPolicyRegistry.entry(named: name))
        let trace = Self.randomTrace(seed: 9, objects: 100, requests: 5_000)
        func run() -> CacheReplayResult {
            var cache = entry.make(PagingPolicyContext(capacity: 10, objectCount: trace.objectCount, random: RandomSource(seed: 4)))
            return cache.replay(trace)
        }
        #expect(run() == run())
    }

    @Test(arguments: names)
    func optIsALowerBound(name: String) throws {
        let entry = try #require(PagingPolicyRegistry.entry(named: name))
        let opt = try #require(PagingPolicyRegistry.entry(named: "opt"))
        for seed in UInt64(1)...30 {
            let trace = Self.randomTrace(seed: seed, objects: 40, requests: 600)
            for capacity in [1, 5, 20] as [Int64] {
                let context = PagingPolicyContext(capacity: capacity, objectCount: trace.objectCount, random: RandomSource(seed: seed))
                var cache = entry.make(context)
                var best = opt.make(context)
                #expect(best.replay(trace).misses <= cache.replay(trace).misses, "\(name) seed \(seed) capacity \(capacity)")
            }
        }
    }
}
