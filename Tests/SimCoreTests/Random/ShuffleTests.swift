import Testing

@testable import SimCore

@Suite struct ShuffleTests {
    @Test func shuffleIsASeededPermutationWithUniformPositions() {
        var random = RandomSource(seed: 8)
        var firstPositions = [Int](repeating: 0, count: 5)
        for _ in 0..<10_000 {
            let order = random.shuffled(Array(0..<5))
            #expect(order.sorted() == Array(0..<5))
            firstPositions[order[0]] += 1
        }
        // Each value leads about 2,000 times (binomial sd 40).
        #expect(firstPositions.allSatisfy { abs($0 - 2_000) < 200 })
        var a = RandomSource(seed: 3)
        var b = RandomSource(seed: 3)
        #expect(a.shuffled(Array(0..<100)) == b.shuffled(Array(0..<100)))
    }
}
