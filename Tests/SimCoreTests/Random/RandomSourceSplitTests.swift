import Testing

@testable import SimCore

/// Labelled splits: stable across runs and machines, independent of prior draws, distinct per
/// label and per nesting path. Golden values come from the same independent Python
/// implementation as in `RandomSourceTests`.
@Suite struct RandomSourceSplitTests {
    @Test func fnv1aMatchesPublishedTestVectors() {
        #expect(FNV1a.hash("".utf8) == 0xCBF2_9CE4_8422_2325)
        #expect(FNV1a.hash("a".utf8) == 0xAF63_DC4C_8601_EC8C)
        #expect(FNV1a.hash("foobar".utf8) == 0x8594_4171_F739_67E8)
        #expect(FNV1a.hex("foobar".utf8) == "85944171f73967e8")
    }

    @Test func goldenSplitSeedsAndValues() {
        let root = RandomSource(seed: 42)
        var workload = root.split("workload")
        #expect(workload.seed == 0x1021_A0E7_8C3A_B4EE)
        let expectedWorkload: [UInt64] = [0x84F1_AF25_17CD_6D22, 0xB55B_8D69_435F_1214, 0x62D4_819C_9C3E_AA5C]
        #expect((0..<3).map { _ in workload.next() } == expectedWorkload)

        var policy = root.split("policy")
        let expectedPolicy: [UInt64] = [0x0428_5262_C7E2_5809, 0x50E2_76FC_4833_40B6, 0xADD2_71CB_4BBE_D7DF]
        #expect((0..<3).map { _ in policy.next() } == expectedPolicy)

        var nested = root.split("a").split("b")
        #expect(nested.seed == 0x2F2D_7EE9_7E91_C2F7)
        #expect((0..<2).map { _ in nested.next() } == [0x3737_19B8_8F00_172F, 0x5378_3873_20AA_0342])

        #expect(root.split("").seed == 0x3486_9D7F_6B4A_A57F)
        #expect(root.split("é").seed == 0x8F1B_1BFB_CE63_B31F)  // hashed as its UTF-8 bytes C3 A9
    }

    @Test func splitIgnoresDrawsMadeBeforeIt() {
        let fresh = RandomSource(seed: 9)
        var used = RandomSource(seed: 9)
        for _ in 0..<1234 { _ = used.next() }
        var a = fresh.split("workload")
        var b = used.split("workload")
        #expect(a.seed == b.seed)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
    }

    @Test func splittingDoesNotAdvanceTheParent() {
        var a = RandomSource(seed: 10)
        var b = RandomSource(seed: 10)
        _ = a.split("x")
        _ = a.split("y")
        #expect((0..<10).map { _ in a.next() } == (0..<10).map { _ in b.next() })
    }

    @Test func differentLabelsAndPathsGiveDifferentStreams() {
        let root = RandomSource(seed: 11)
        let streams: [String: RandomSource] = [
            "root": root,
            "workload": root.split("workload"),
            "policy": root.split("policy"),
            "a": root.split("a"),
            "b": root.split("b"),
            "a/b": root.split("a").split("b"),
            "b/a": root.split("b").split("a"),
            "a/a": root.split("a").split("a"),
            "ab": root.split("ab"),
        ]
        var firstValues: [[UInt64]] = []
        for name in streams.keys.sorted() {
            guard var stream = streams[name] else { continue }
            firstValues.append((0..<4).map { _ in stream.next() })
        }
        for i in firstValues.indices {
            for j in firstValues.indices where j > i {
                #expect(firstValues[i] != firstValues[j])
            }
        }
    }

    @Test func manyLabelsGiveDistinctSeeds() {
        let root = RandomSource(seed: 12)
        let seeds = (0..<10_000).map { root.split("worker-\($0)").seed }
        #expect(Set(seeds).count == seeds.count)
        #expect(!seeds.contains(root.seed))
    }

    @Test func siblingStreamsAreUncorrelated() {
        // The sample correlation of n independent uniform pairs has standard error 1/√n.
        let root = RandomSource(seed: 13)
        var a = root.split("workload")
        var b = root.split("policy")
        var c = root.split("a").split("b")
        var d = root.split("b")
        let n = RandomTestStatistics.draws
        var sab = 0.0
        var scd = 0.0
        for _ in 0..<n {
            sab += (a.nextDouble() - 0.5) * (b.nextDouble() - 0.5)
            scd += (c.nextDouble() - 0.5) * (d.nextDouble() - 0.5)
        }
        let tolerance = RandomTestStatistics.standardErrors / Double(n).squareRoot()
        #expect(abs(sab / Double(n) * 12) < tolerance)
        #expect(abs(scd / Double(n) * 12) < tolerance)
    }
}
