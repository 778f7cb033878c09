import Foundation
import TestSupport
import Testing

@testable import Replay
@testable import SimCore

@Suite struct SelectionTests {
    /// One class of 300 Gaussian samples in 4 dimensions around (1, 1, 1, 1), and a second class
    /// around the origin, in one dataset.
    func twoClasses(seed: UInt64) -> FeatureDataset {
        var random = RandomSource(seed: seed)
        var data = FeatureDataset(dimension: 4)
        for i in 0..<600 {
            let label = i < 300 ? 0 : 1
            data.append((0..<4).map { _ in Double(1 - label) + random.normal() }, label: label, task: 0)
        }
        return data
    }

    func means(_ data: FeatureDataset) -> [[Double]?] {
        [mean(of: Array(0..<300), in: data), mean(of: Array(300..<600), in: data)]
    }

    @Test func herdingTracksTheClassMeanBetterThanRandom() {
        for seed in 1...5 as ClosedRange<UInt64> {
            let data = twoClasses(seed: seed)
            let candidates = Array(0..<300)
            let centre = mean(of: candidates, in: data)
            var random = RandomSource(seed: seed)
            let herded = HerdingOrdering().order(
                candidates, label: 0, data: data, means: means(data), limit: 10, random: &random)
            let sampled = RandomOrdering().order(
                candidates, label: 0, data: data, means: means(data), limit: 10, random: &random)
            func error(_ chosen: [Int]) -> Double {
                zip(mean(of: chosen, in: data), centre).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            }
            #expect(Set(herded).count == 10)
            #expect(error(herded) < error(sampled))
            // The first exemplar is the candidate nearest the mean.
            let nearest = candidates.min { squaredDistance(data, $0, centre) < squaredDistance(data, $1, centre) }
            #expect(herded.first == nearest)
        }
    }

    @Test func kCenterCoversTheClassBetterThanRandom() {
        for seed in 1...5 as ClosedRange<UInt64> {
            let data = twoClasses(seed: seed)
            let candidates = Array(0..<300)
            var random = RandomSource(seed: seed)
            let centres = KCenterOrdering().order(
                candidates, label: 0, data: data, means: means(data), limit: 20, random: &random)
            let sampled = RandomOrdering().order(
                candidates, label: 0, data: data, means: means(data), limit: 20, random: &random)
            func radius(_ chosen: [Int]) -> Double {
                candidates.map { i in chosen.map { squaredDistance(data, i, Array(data.sample($0))) }.min() ?? 0 }.max()
                    ?? 0
            }
            #expect(Set(centres).count == 20)
            #expect(radius(centres) < radius(sampled))
        }
    }

    @Test func importanceKeepsTheHardestAndCoverageDropsThem() {
        let data = twoClasses(seed: 7)
        let candidates = Array(0..<300)
        let m = means(data)
        let scores = candidates.map { difficulty(data, $0, label: 0, means: m) }
        var random = RandomSource(seed: 1)
        let hardest = ImportanceOrdering().order(candidates, label: 0, data: data, means: m, limit: 30, random: &random)
        let threshold = scores.sorted(by: >)[29]
        #expect(hardest.count == 30 && hardest.allSatisfy { scores[$0] >= threshold })
        let ccs = CoverageStratifiedOrdering(strata: 10, hardCutoff: 0.2).order(
            candidates, label: 0, data: data, means: m, limit: 30, random: &random)
        let cutoff = scores.sorted(by: >)[59]
        #expect(ccs.count == 30 && Set(ccs).count == 30)
        #expect(ccs.allSatisfy { scores[$0] < cutoff })
        // Coverage: the chosen difficulties span most of the kept range (easiest to the cutoff).
        let kept = scores.filter { $0 < cutoff }
        let chosen = ccs.map { scores[$0] }
        #expect((chosen.max()! - chosen.min()!) > 0.7 * (kept.max()! - kept.min()!))
    }

    @Test func taskEndSelectionSharesTheCapacityAndKeepsPrefixes() {
        var data = FeatureDataset(dimension: 2)
        var random = RandomSource(seed: 3)
        for i in 0..<600 { data.append([random.normal(), random.normal()], label: i / 100, task: i / 200) }
        var buffer = TaskEndSelectionBuffer(capacity: 60, ordering: HerdingOrdering())
        var afterFirst: [Int] = []
        for task in 0..<3 {
            for i in (task * 200)..<((task + 1) * 200) { buffer.offer(i, of: data, random: &random) }
            #expect(buffer.stored.allSatisfy { $0 < task * 200 }, "replay draws from earlier tasks only")
            buffer.taskEnded(data, random: &random)
            if task == 0 { afterFirst = buffer.stored.filter { $0 < 100 } }
        }
        let counts = (0..<6).map { c in buffer.stored.filter { $0 / 100 == c }.count }
        #expect(counts == [10, 10, 10, 10, 10, 10])
        #expect(afterFirst.count == 30)
        #expect(Array(afterFirst.prefix(10)) == buffer.stored.filter { $0 < 100 })
    }

    @Test func gdumbAdmitsOnlyClassesBelowTheirShare() {
        var data = FeatureDataset(dimension: 1)
        for i in 0..<40 { data.append([0], label: i < 30 ? 0 : 1, task: 0) }
        var buffer = ClassBalancedBuffer(capacity: 10)
        var random = RandomSource(seed: 1)
        for i in 0..<40 { buffer.offer(i, of: data, random: &random) }
        // Class 1 arrives once the buffer is full of class 0: it takes its share of 5, no more.
        #expect(buffer.stored.filter { $0 >= 30 }.count == 5)
        #expect(buffer.stored.count == 10)
    }

    @Test func tableTaskIdsAreRemapped() throws {
        let rows = (0..<60).map { i in "\(i % 3),\(i < 30 ? 3 : 7),\(Double(i % 3)),\(Double(i % 5))" }
        let path = try TestFiles.temporaryFile("t.csv", (["label,task,a,b"] + rows).joined(separator: "\n"))
        let table = try FeatureTable.read(path: path)
        #expect(table.tasks.map { Set($0) } == [0, 1])
        let row = try ReplayModel(
            config: ReplayModel.configuration([
                "stream.csv": .string(path), "stream.classes": .int(3), "stream.tasks": .int(2),
                "stream.dimension": .int(2),
                "learner": .string("ncm"),
            ])
        ).run(seed: 1)
        #expect(try #require(row["final_accuracy"]) > 0.9)
    }

    @Test func repeatedRandomStoresEverythingAndResamplesEachEpoch() {
        var data = FeatureDataset(dimension: 1)
        for i in 0..<100 { data.append([Double(i)], label: 0, task: 0) }
        var buffer = RepeatedRandomBuffer(capacity: 20)
        var random = RandomSource(seed: 5)
        for i in 0..<100 { buffer.offer(i, of: data, random: &random) }
        #expect(buffer.stored.count == 100)
        let first = buffer.trainingSet(epoch: 0, random: &random)
        let second = buffer.trainingSet(epoch: 1, random: &random)
        #expect(first.count == 20 && second.count == 20 && Set(first).count == 20)
        #expect(Set(first) != Set(second))
    }
}

@Suite struct NearestNeighbourAndFromBufferTests {
    @Test func oneNearestNeighbourRecallsItsStoredSamples() {
        var random = RandomSource(seed: 11)
        var data = FeatureDataset(dimension: 3)
        for i in 0..<200 { data.append((0..<3).map { _ in random.normal() }, label: i % 4, task: 0) }
        var knn = NearestNeighbourLearner(classes: 4, dimension: 3, k: 1, budget: 0)
        knn.train(on: Array(0..<200), of: data)
        knn.train(on: Array(0..<50), of: data)
        #expect(knn.parameterBytes == 200 * 3 * 4)
        #expect(knn.trainingMultiplyAdds == 200 * 3)
        #expect(knn.predictionMultiplyAdds == 200 * 3, "a prediction scans the whole store")
        var capped = NearestNeighbourLearner(classes: 4, dimension: 3, k: 1, budget: 50)
        capped.train(on: Array(0..<200), of: data)
        #expect(capped.predictionMultiplyAdds == 50 * 3)
        #expect((0..<200).allSatisfy { knn.predict($0, of: data, among: nil) == data.labels[$0] })
        #expect((0..<200).allSatisfy { [1, 2].contains(knn.predict($0, of: data, among: [1, 2])) })
    }

    @Test func fromBufferTrainingEvaluatesAtTaskEndsOnly() throws {
        let model = try ReplayModel(
            config: ReplayModel.configuration([
                "train.mode": .string("from-buffer"), "buffer": .string("class-balanced"),
                "stream.samples_per_task": .int(300),
                "memory.exemplars": .int(100),
            ]))
        let row = try model.run(seed: 2)
        #expect(row["hidden_dip"] == 0)
        #expect(row["exemplars_stored"] == 100)
        #expect(try #require(row["final_accuracy"]) > 0.5)
        #expect(try model.run(seed: 2) == row)
    }

    @Test func everyBufferRunsOnEveryScenario() throws {
        for buffer in ReplayBufferRegistry.names {
            for kind in ContinualStream.Kind.allCases {
                let row = try ReplayModel(
                    config: ReplayModel.configuration([
                        "buffer": .string(buffer), "stream.kind": .string(kind.rawValue),
                        "stream.samples_per_task": .int(120),
                        "stream.dimension": .int(8), "memory.exemplars": .int(40),
                    ])
                ).run(seed: 1)
                for (name, value) in row.values { #expect(value.isFinite, "\(buffer) \(kind) \(name)") }
                let stored = try #require(row["exemplars_stored"])
                if !["store-all", "repeated-random"].contains(buffer) { #expect(stored <= 40, "\(buffer)") }
            }
        }
    }
}
