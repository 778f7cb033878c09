import SimCore

/// The clairvoyant reference: knows every arm's true linear utility theta_a and plays
/// the argmax of theta_a . x; regret is measured against it.
public struct OracleBanditPolicy: ScoringBanditPolicy {
    public let arms: Int
    public let thetas: [[Double]]

    public init(thetas: [[Double]]) {
        arms = thetas.count
        self.thetas = thetas
    }

    public func scores(context: [Double], random: inout RandomSource) -> [Double] {
        thetas.map { theta in zip(theta, context).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    public mutating func update(arm: Int, context: [Double], reward: Double) {}
}
