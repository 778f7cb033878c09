/// How a predictor corrupts the true value it derives from the future.
///
/// One error model serves every learning-augmented component: one-bit paging advice,
/// next-arrival times, tool-call durations, output lengths, reuse distances.
public enum PredictionErrorModel: Sendable, Equatable, CustomStringConvertible {
    /// Every prediction is the true value.
    case perfect
    /// Each bit is flipped independently with probability `rate` (bits only).
    case bitFlip(rate: Double)
    /// Each value is multiplied by exp(sigma * Z), Z standard normal, independently
    /// (values only): median-unbiased multiplicative noise, log-error standard deviation `sigma`.
    case logNormalNoise(sigma: Double)
    /// The `fraction` of predictions whose errors would hurt most (the caller ranks the
    /// harm) get their worst value; all others are exact. Deterministic.
    case adversarial(fraction: Double)

    /// The names accepted in configurations, in documentation order.
    public static let names = ["perfect", "bitflip", "lognormal", "adversarial"]

    /// The configuration name of this model.
    public var name: String {
        switch self {
        case .perfect: "perfect"
        case .bitFlip: "bitflip"
        case .logNormalNoise: "lognormal"
        case .adversarial: "adversarial"
        }
    }

    /// Whether the model can corrupt bits (`bitflip`, `perfect`, `adversarial`).
    public var appliesToBits: Bool {
        if case .logNormalNoise = self { return false }
        return true
    }

    /// Whether the model can corrupt numeric values (`lognormal`, `perfect`, `adversarial`).
    public var appliesToValues: Bool {
        if case .bitFlip = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .perfect: "perfect"
        case .bitFlip(let rate): "bitflip(rate \(rate))"
        case .logNormalNoise(let sigma): "lognormal(sigma \(sigma))"
        case .adversarial(let fraction): "adversarial(fraction \(fraction))"
        }
    }
}
