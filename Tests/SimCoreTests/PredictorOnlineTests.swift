import Foundation
import SimCore
import Testing

@Suite struct PredictorOnlineTests {
    @Test func onlineValuesFollowTheErrorModel() {
        var perfect = Predictor(errorModel: .perfect, random: RandomSource(seed: 1))
        #expect(perfect.predictValue(3.5) == 3.5)
        var noisy = Predictor(errorModel: .logNormalNoise(sigma: 0.5), random: RandomSource(seed: 2))
        let logs = (0..<20_000).map { _ in log(noisy.predictValue(2)) - log(2) }
        let mean = logs.reduce(0, +) / Double(logs.count)
        let sd = (logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(logs.count - 1)).squareRoot()
        // Log errors N(0, 0.25): the mean's standard error is 0.0035.
        #expect(abs(mean) < 0.02 && abs(sd - 0.5) < 0.02)
    }
}
