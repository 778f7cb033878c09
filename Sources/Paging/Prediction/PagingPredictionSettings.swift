import SimCore

/// The `prediction.*` keys: the error model of the predictor that advises
/// learning-augmented policies (classic policies ignore it).
public struct PagingPredictionSettings: Sendable, Equatable {
    public let errorModel: PredictionErrorModel

    static let parameters: [ModelParameter] = [
        ModelParameter(
            "prediction.error", .string("perfect"), .choice(PredictionErrorModel.names),
            "predictor error model: perfect, bitflip (bits: each flipped with probability prediction.eps), "
                + "lognormal (next arrivals: distance x exp(sigma Z)), adversarial (the prediction.eps fraction "
                + "of predictions on the shortest reuse distances get their worst value)",
            appliesWhen: .learningAugmented),
        ModelParameter(
            "prediction.eps", .double(0.0), .number(.probability),
            "bitflip: flip probability; adversarial: corrupted fraction", appliesWhen: .learningAugmented),
        ModelParameter(
            "prediction.sigma", .double(0.0), .number(.nonNegative),
            "lognormal: standard deviation of the log error", appliesWhen: .learningAugmented),
    ]

    public init(errorModel: PredictionErrorModel) { self.errorModel = errorModel }

    /// Parses the keys and checks that the error model suits what `kind` predicts.
    init(config: Configuration, kind: PagingPredictionKind) throws {
        let name = try config.string("prediction.error")
        let eps = try config.double("prediction.eps")
        let sigma = try config.double("prediction.sigma")
        switch name {
        case "bitflip": errorModel = .bitFlip(rate: eps)
        case "lognormal": errorModel = .logNormalNoise(sigma: sigma)
        case "adversarial": errorModel = .adversarial(fraction: eps)
        default: errorModel = .perfect
        }
        switch kind {
        case .none:
            break
        case .nextArrival where !errorModel.appliesToValues:
            throw config.error(
                "prediction.error",
                "'\(name)' corrupts bits, but this policy predicts next arrivals; use lognormal or adversarial")
        case .discardBit, .phaseBit:
            if !errorModel.appliesToBits {
                throw config.error(
                    "prediction.error",
                    "'\(name)' corrupts next arrivals, but this policy reads one-bit predictions; use bitflip or adversarial"
                )
            }
        default:
            break
        }
    }
}

extension ParameterCondition {
    /// The policies that read predictions (`PagingPolicyEntry.prediction`).
    static var learningAugmented: ParameterCondition {
        .when("policy", isOneOf: PagingPolicyRegistry.entries.filter { $0.prediction != .none }.map(\.name))
    }
}
