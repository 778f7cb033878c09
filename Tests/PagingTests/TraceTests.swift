import SimCore
import Testing

@testable import Paging

@Suite struct TraceTests {
    @Test func nextAccessIndices() {
        let trace = Trace(keys: ["a", "b", "a", "c", "b", "a"])
        #expect(trace.objects == [0, 1, 0, 2, 1, 0])
        #expect(trace.objectCount == 3)
        let never = CacheRequest.never
        #expect(trace.nextAccess == [2, 4, 5, never, never, never])
    }

    @Test func denseKeysRemapInFirstAppearanceOrder() {
        let trace = Trace(keys: [5, 3, 5, 9] as [Int32], keyBound: 10)
        #expect(trace.objects == [0, 1, 0, 2])
        #expect(trace.objectCount == 3)
    }

    @Test func zipfGeneratorIsSeededAndSkewed() throws {
        let generator = ZipfTraceGenerator(objects: 1_000, requests: 50_000, alpha: 1.0)
        var a = RandomSource(seed: 7).split("workload")
        var b = RandomSource(seed: 7).split("workload")
        var c = RandomSource(seed: 8).split("workload")
        let t1 = try generator.generate(using: &a)
        let t2 = try generator.generate(using: &b)
        let t3 = try generator.generate(using: &c)
        #expect(t1.objects == t2.objects)
        #expect(t1.objects != t3.objects)
        // The most popular object of Zipf(1) over 1,000 items has probability 1/H(1000) = 0.1336.
        var counts = [Int](repeating: 0, count: t1.objectCount)
        for o in t1.objects { counts[Int(o)] += 1 }
        let top = Double(counts.max() ?? 0) / 50_000
        #expect(abs(top - 0.1336) < 0.01)
    }
}
