/// Why a distribution could not be built from the given parameters.
///
/// Thrown by the initialisers of distributions that precompute tables or constants
/// (`AliasTable`, `ZipfDistribution`), whose parameters typically come from a configuration.
public enum DistributionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A categorical distribution was given no weights.
    case emptyWeights
    /// The weight at `index` is negative.
    case negativeWeight(index: Int, value: Double)
    /// The weight at `index` is infinite or NaN.
    case nonFiniteWeight(index: Int)
    /// Every weight is zero, so no outcome has positive probability.
    case allWeightsZero
    /// A count of outcomes (for example Zipf's number of items) is below 1.
    case invalidItemCount(Int)
    /// An exponent is negative, infinite or NaN.
    case invalidExponent(Double)

    public var description: String {
        switch self {
        case .emptyWeights:
            return "weights must not be empty"
        case .negativeWeight(let index, let value):
            return "weight at index \(index) is negative (\(value)); weights must be >= 0"
        case .nonFiniteWeight(let index):
            return "weight at index \(index) is not finite"
        case .allWeightsZero:
            return "weights are all zero; at least one must be positive"
        case .invalidItemCount(let count):
            return "item count must be >= 1, got \(count)"
        case .invalidExponent(let exponent):
            return "exponent must be finite and >= 0, got \(exponent)"
        }
    }
}
