import Statistics
import Testing

@testable import Replay
@testable import SimCore

@Suite struct ReservoirTests {
    @Test func everyItemIsKeptWithEqualProbability() throws {
        // 10,000 replays of a 100-item stream through a 10-slot reservoir: each item is kept
        // 1,000 times in expectation; a chi-square goodness-of-fit test (GSL) must not reject.
        let items = 100
        let capacity = 10
        let replays = 10_000
        var counts = [Double](repeating: 0, count: items)
        let root = RandomSource(seed: 42)
        var data = FeatureDataset(dimension: 1)
        for _ in 0..<items { data.append([0], label: 0, task: 0) }
        for r in 0..<replays {
            var random = root.split("replay \(r)")
            var buffer = ReservoirBuffer(capacity: capacity)
            for i in 0..<items { buffer.offer(i, of: data, random: &random) }
            #expect(buffer.stored.count == capacity)
            for i in buffer.stored { counts[i] += 1 }
        }
        let expected = [Double](repeating: Double(replays * capacity) / Double(items), count: items)
        let test = try ChiSquareTest.goodnessOfFit(observed: counts, expected: expected)
        #expect(test.pValue > 0.01)
    }
}
