import Foundation
import Testing

@testable import SimCore

@Suite struct PredictorTests {
    @Test func perfectPredictionsAreTheTruth() {
        var predictor = Predictor(errorModel: .perfect, random: RandomSource(seed: 1))
        let truths = (0..<100).map { $0 % 3 == 0 }
        #expect(predictor.predictBits(truths, harm: { _ in 0 }) == truths)
        let values = (1...100).map(Double.init)
        #expect(predictor.predictValues(values, harm: { _ in 0 }, worst: { _ in 0 }) == values)
    }

    @Test func bitFlipsHappenAtTheirRateIndependentlyOfTheTruth() {
        // 200,000 flips at rate 0.05: the count is Binomial(n, p), sd 97; 5 sd is 487.
        var predictor = Predictor(errorModel: .bitFlip(rate: 0.05), random: RandomSource(seed: 2))
        let truths = (0..<200_000).map { $0 % 2 == 0 }
        let bits = predictor.predictBits(truths, harm: { _ in 0 })
        let flippedTrue = zip(truths, bits).filter { $0 && !$1 }.count
        let flippedFalse = zip(truths, bits).filter { !$0 && $1 }.count
        #expect(abs(flippedTrue + flippedFalse - 10_000) < 487)
        #expect(abs(flippedTrue - flippedFalse) < 2 * 487)
    }

    @Test func logNormalNoiseIsMedianUnbiasedWithTheGivenLogSpread() {
        var predictor = Predictor(errorModel: .logNormalNoise(sigma: 0.5), random: RandomSource(seed: 3))
        let n = 100_000
        let values = predictor.predictValues([Double](repeating: 10, count: n), harm: { _ in 0 }, worst: { _ in 0 })
        let logs = values.map { log($0 / 10) }
        let mean = logs.reduce(0, +) / Double(n)
        let sd = sqrt(logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1))
        // Standard error of the mean log is 0.5 / sqrt(n) = 0.0016.
        #expect(abs(mean) < 0.01)
        #expect(abs(sd - 0.5) < 0.01)
    }

    @Test func adversaryCorruptsTheMostHarmfulFraction() {
        var predictor = Predictor(errorModel: .adversarial(fraction: 0.3), random: RandomSource(seed: 4))
        let truths = [Bool](repeating: false, count: 10)
        // Harm peaks at positions 7, 2, 9 (ties broken towards the lower position).
        let harm: [Int64] = [0, 1, 9, 0, 0, 0, 1, 9, 0, 9]
        let bits = predictor.predictBits(truths, harm: { harm[$0] })
        #expect(bits.indices.filter { bits[$0] } == [2, 7, 9])
        let values = predictor.predictValues(
            [Double](repeating: 1, count: 10), harm: { harm[$0] }, worst: { Double(100 + $0) })
        #expect(values == [1, 1, 102, 1, 1, 1, 1, 107, 1, 109])
    }

    @Test func errorModelsSayWhatTheyApplyTo() {
        #expect(
            PredictionErrorModel.bitFlip(rate: 0.1).appliesToBits
                && !PredictionErrorModel.bitFlip(rate: 0.1).appliesToValues)
        #expect(!PredictionErrorModel.logNormalNoise(sigma: 1).appliesToBits)
        #expect(
            PredictionErrorModel.adversarial(fraction: 1).appliesToBits
                && PredictionErrorModel.adversarial(fraction: 1).appliesToValues)
        #expect(PredictionErrorModel.names == ["perfect", "bitflip", "lognormal", "adversarial"])
    }
}
