/// Turns true values, derived from the simulated future, into predictions by an explicit
/// `PredictionErrorModel`, drawing its noise from its own random stream.
///
/// Guarantee: the predictions are a pure function of the truths, the harm ranking, the
/// error model and the stream's seed. Batch calls see the whole sequence, which is what
/// the adversarial model needs to pick the most harmful positions.
public struct Predictor: Sendable {
    public let errorModel: PredictionErrorModel
    public private(set) var random: RandomSource

    /// A predictor drawing from `random` (pass a labelled split, e.g. `root.split("predictor")`).
    public init(errorModel: PredictionErrorModel, random: RandomSource) {
        self.errorModel = errorModel
        self.random = random
    }

    /// Predicted bits for `truths`.
    ///
    /// - `harm(i)`: how much a wrong bit at position `i` hurts (larger is worse); the
    ///   adversarial model flips the `fraction` most harmful bits (ties: lower position first).
    /// - Precondition: the error model applies to bits.
    public mutating func predictBits(_ truths: [Bool], harm: (Int) -> Int64) -> [Bool] {
        precondition(errorModel.appliesToBits, "\(errorModel) cannot corrupt bits")
        switch errorModel {
        case .perfect, .logNormalNoise:
            return truths
        case .bitFlip(let rate):
            var bits = truths
            for i in bits.indices where random.nextDouble() < rate { bits[i].toggle() }
            return bits
        case .adversarial(let fraction):
            var bits = truths
            for i in Self.mostHarmful(count: truths.count, fraction: fraction, harm: harm) { bits[i].toggle() }
            return bits
        }
    }

    /// Predicted values for positive `truths`.
    ///
    /// - `harm(i)`: as for bits; the adversarial model sets the `fraction` most harmful
    ///   positions to `worst(i)`.
    /// - Precondition: the error model applies to values.
    public mutating func predictValues(_ truths: [Double], harm: (Int) -> Int64, worst: (Int) -> Double) -> [Double] {
        precondition(errorModel.appliesToValues, "\(errorModel) cannot corrupt values")
        switch errorModel {
        case .perfect, .bitFlip:
            return truths
        case .logNormalNoise(let sigma):
            return truths.map { $0 * random.logNormal(mu: 0, sigma: sigma) }
        case .adversarial(let fraction):
            var values = truths
            for i in Self.mostHarmful(count: truths.count, fraction: fraction, harm: harm) { values[i] = worst(i) }
            return values
        }
    }

    /// One prediction of a positive value made online, without seeing the rest of the
    /// sequence: exact under `perfect` (and `bitflip`, which leaves values alone), times
    /// exp(sigma Z) under `logNormalNoise`.
    /// - Precondition: the model is not `adversarial`, whose choice of positions needs the whole sequence.
    public mutating func predictValue(_ truth: Double) -> Double {
        switch errorModel {
        case .perfect, .bitFlip:
            return truth
        case .logNormalNoise(let sigma):
            return truth * random.logNormal(mu: 0, sigma: sigma)
        case .adversarial:
            preconditionFailure("adversarial predictions need the whole sequence; use predictValues")
        }
    }

    /// The `round(fraction * count)` positions of largest harm, ties to the lower position.
    static func mostHarmful(count: Int, fraction: Double, harm: (Int) -> Int64) -> ArraySlice<Int> {
        let chosen = Int((fraction * Double(count)).rounded())
        guard chosen > 0 else { return [] }
        let harms = (0..<count).map(harm)
        let ranked = (0..<count).sorted { harms[$0] != harms[$1] ? harms[$0] > harms[$1] : $0 < $1 }
        return ranked.prefix(chosen)
    }
}
