import CachePolicies
import Foundation
import SimCore
import Testing

@testable import Paging

@Suite struct TraceGeneratorTests {
    static let generators: [(String, any TraceGenerating)] = [
        ("uniform", UniformTraceGenerator(objects: 500, requests: 20_000)),
        ("scan", CyclicScanTraceGenerator(pages: 37, requests: 1_000)),
        (
            "zipf-scan",
            ZipfScanMixtureTraceGenerator(objects: 400, alpha: 1, requests: 20_000, scanLength: 50, scanEvery: 900)
        ),
        (
            "phases",
            PhasedWorkingSetTraceGenerator(phases: 4, phaseObjects: 100, shift: 60, alpha: 0.5, requests: 20_000)
        ),
        ("stack-distance", StackDistanceTraceGenerator(objects: 300, alpha: 1.2, requests: 20_000)),
    ]

    @Test func everyGeneratorIsAPureFunctionOfTheSeed() throws {
        for (name, generator) in Self.generators {
            var a = RandomSource(seed: 7).split("workload")
            var b = RandomSource(seed: 7).split("workload")
            var c = RandomSource(seed: 8).split("workload")
            let t1 = try generator.generate(using: &a)
            let t2 = try generator.generate(using: &b)
            let t3 = try generator.generate(using: &c)
            #expect(t1.objects == t2.objects, "\(name)")
            if name != "scan" { #expect(t1.objects != t3.objects, "\(name)") }
        }
    }

    @Test func uniformCoversTheObjectsEvenly() throws {
        var random = RandomSource(seed: 1)
        let trace = try UniformTraceGenerator(objects: 10, requests: 100_000).generate(using: &random)
        var counts = [Int](repeating: 0, count: trace.objectCount)
        for o in trace.objects { counts[Int(o)] += 1 }
        #expect(trace.objectCount == 10)
        // Each count is Binomial(100000, 0.1): sd 95, so 5 sd is 475.
        #expect(counts.allSatisfy { abs($0 - 10_000) < 475 })
    }

    @Test func scanCyclesThroughThePages() throws {
        var random = RandomSource(seed: 1)
        let trace = try CyclicScanTraceGenerator(pages: 4, requests: 10).generate(using: &random)
        #expect(trace.objects == [0, 1, 2, 3, 0, 1, 2, 3, 0, 1])
    }

    @Test func zipfScanInsertsTheSameScanPeriodically() throws {
        var random = RandomSource(seed: 2)
        let generator = ZipfScanMixtureTraceGenerator(
            objects: 1_000, alpha: 1, requests: 3_300, scanLength: 100, scanEvery: 1_000)
        let trace = try generator.generate(using: &random)
        #expect(trace.count == 3_300)
        // Requests 1000..<1100 and 2100..<2200 are the same 100 scan objects in the same order.
        let first = Array(trace.objects[1_000..<1_100])
        let second = Array(trace.objects[2_100..<2_200])
        #expect(first == second)
        #expect(Set(first).count == 100)
        #expect(Set(first).isDisjoint(with: Set(trace.objects[0..<1_000])))
    }

    @Test func phasesShiftTheWorkingSet() throws {
        var random = RandomSource(seed: 3)
        let generator = PhasedWorkingSetTraceGenerator(
            phases: 3, phaseObjects: 50, shift: 50, alpha: 0, requests: 30_000)
        let trace = try generator.generate(using: &random)
        let phases = (0..<3).map { Set(trace.objects[($0 * 10_000)..<(($0 + 1) * 10_000)]) }
        #expect(phases.allSatisfy { $0.count == 50 })
        #expect(phases[0].isDisjoint(with: phases[1]) && phases[1].isDisjoint(with: phases[2]))
        let overlapping = try PhasedWorkingSetTraceGenerator(
            phases: 2, phaseObjects: 50, shift: 20, alpha: 0, requests: 20_000
        )
        .generate(using: &random)
        let a = Set(overlapping.objects[0..<10_000])
        let b = Set(overlapping.objects[10_000..<20_000])
        #expect(a.intersection(b).count == 30)
    }

    @Test func stackDistanceModelGivesLRUItsDepthDistribution() throws {
        // Under the LRU stack model, LRU with k objects misses exactly the requests drawn at a
        // depth beyond k, plus first requests of objects drawn within depth k (cold misses,
        // at most k). With depths Zipf(1.2) over 200: P(depth > k) = 1 - H(k, 1.2) / H(200, 1.2).
        let objects = 200
        let requests = 200_000
        let alpha = 1.2
        var random = RandomSource(seed: 4)
        let trace = try StackDistanceTraceGenerator(objects: objects, alpha: alpha, requests: requests).generate(
            using: &random)
        func harmonic(_ n: Int) -> Double { (1...n).reduce(0) { $0 + pow(Double($1), -alpha) } }
        for k in [5, 20, 80] {
            var lru = LRUPolicy(capacity: Int64(k), objectCount: trace.objectCount)
            let misses = lru.simulate(trace).misses
            let expected = (1 - harmonic(k) / harmonic(objects)) * Double(requests)
            // Binomial sd at most sqrt(n / 4) = 224; allow 5 sd plus the k cold misses.
            #expect(abs(Double(misses) - expected) < 5 * 224 + Double(k), "k \(k): \(misses) vs \(expected)")
        }
    }
}
