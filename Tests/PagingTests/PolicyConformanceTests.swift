import CachePolicies
import SimCore
import TestSupport
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

    /// The settings of the `external` entry: the Python LRU of Examples/external-policy.
    static let pythonLRU = ExternalPolicySettings(
        command: "python3 \(TestFiles.repositoryRoot)/Examples/external-policy/lru.py")

    /// A fresh policy of `entry` (the external one runs the Python LRU).
    static func build(
        _ entry: PagingPolicyEntry, _ trace: Trace, capacity: Int64, root: RandomSource,
        errorModel: PredictionErrorModel = .perfect
    ) -> any CachePolicy {
        entry.build(
            for: trace, capacity: capacity, root: root, errorModel: errorModel,
            external: entry.isExternal ? pythonLRU : nil
        ).policy
    }

    /// Seeds of the scenario loops; an external policy starts a process per scenario, so fewer.
    static func seeds(_ entry: PagingPolicyEntry, _ all: ClosedRange<UInt64>) -> ClosedRange<UInt64> {
        entry.isExternal ? all.lowerBound...all.lowerBound + 1 : all
    }

    static func randomTrace(seed: UInt64, objects: Int, requests: Int) -> Trace {
        var random = RandomSource(seed: seed)
        let keys = (0..<requests).map { _ in Int32(random.nextInt(below: objects)) }
        return Trace(keys: keys, keyBound: objects)
    }

    /// Traces of several shapes: uniform, skewed, looping (OPT far from LRU), phased.
    static func traces(seed: UInt64) throws -> [Trace] {
        var random = RandomSource(seed: seed)
        return [
            randomTrace(seed: seed, objects: 30, requests: 400),
            try ZipfTraceGenerator(objects: 60, requests: 400, alpha: 1.2).generate(using: &random),
            try CyclicScanTraceGenerator(pages: 9, requests: 200).generate(using: &random),
            try PhasedWorkingSetTraceGenerator(phases: 3, phaseObjects: 12, shift: 6, alpha: 0.8, requests: 300)
                .generate(using: &random),
        ]
    }

    @Test(arguments: names)
    func capacityRespectedAndInvariantsHoldAfterEveryRequest(name: String) throws {
        let entry = try #require(PagingPolicyRegistry.entry(named: name))
        for seed in Self.seeds(entry, 1...12) {
            for trace in try Self.traces(seed: seed) {
                for capacity in [1, 2, 7, 29, 70] as [Int64] {
                    var cache = Self.build(entry, trace, capacity: capacity, root: RandomSource(seed: seed))
                    var misses = 0
                    for i in 0..<trace.count {
                        let request = trace.request(at: i)
                        let resident = cache.contains(request.object)
                        let hit = cache.access(request)
                        #expect(
                            hit == resident,
                            "\(name) seed \(seed) capacity \(capacity) at \(i): contains disagrees with access")
                        if !hit { misses += 1 }
                        // Demand paging: the requested object is resident after its access.
                        #expect(
                            cache.contains(request.object) || !entry.admitsEveryMiss,
                            "\(name) seed \(seed): requested object not resident after access")
                        #expect(cache.occupancy <= capacity, "\(name) seed \(seed) capacity \(capacity) at \(i)")
                        try cache.checkInvariants()
                    }
                    #expect(cache.failure == nil, "\(name): \(String(describing: cache.failure))")
                    // Cold misses are unavoidable; with room for everything only cold misses occur.
                    #expect(misses >= trace.objectCount, "\(name) seed \(seed)")
                    if capacity >= Int64(trace.objectCount) {
                        #expect(misses == trace.objectCount, "\(name) seed \(seed)")
                    }
                }
            }
        }
    }

    @Test(arguments: names)
    func sameInputSameResult(name: String) throws {
        let entry = try #require(PagingPolicyRegistry.entry(named: name))
        let trace = Self.randomTrace(seed: 9, objects: 100, requests: 5_000)
        func run(_ errorModel: PredictionErrorModel) -> CacheSimulationResult {
            var cache = Self.build(entry, trace, capacity: 10, root: RandomSource(seed: 4), errorModel: errorModel)
            return cache.simulate(trace)
        }
        let noisy: PredictionErrorModel =
            entry.prediction == .nextArrival ? .logNormalNoise(sigma: 1) : .bitFlip(rate: 0.2)
        #expect(run(.perfect) == run(.perfect))
        #expect(run(noisy) == run(noisy))
    }

    /// OPT is optimal among demand-paging policies; one that may leave a missed object out
    /// (GDSF) is not bounded by it.
    @Test(arguments: names.filter { PagingPolicyRegistry.entry(named: $0)?.admitsEveryMiss ?? true })
    func optIsALowerBound(name: String) throws {
        let entry = try #require(PagingPolicyRegistry.entry(named: name))
        let opt = try #require(PagingPolicyRegistry.entry(named: "opt"))
        for seed in Self.seeds(entry, 1...20) {
            for trace in try Self.traces(seed: seed) {
                for capacity in [1, 5, 20] as [Int64] {
                    let root = RandomSource(seed: seed)
                    let noisy: PredictionErrorModel =
                        entry.prediction == .nextArrival ? .logNormalNoise(sigma: 1) : .bitFlip(rate: 0.1)
                    var cache = Self.build(entry, trace, capacity: capacity, root: root, errorModel: noisy)
                    var best = opt.build(for: trace, capacity: capacity, root: root).policy
                    #expect(
                        best.simulate(trace).misses <= cache.simulate(trace).misses,
                        "\(name) seed \(seed) capacity \(capacity)")
                }
            }
        }
    }
}
