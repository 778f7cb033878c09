import Foundation
import SimCore

/// The synthetic request population of the `adapters` model: contexts from a drifting
/// mixture, and each adapter's true utility linear in the context.
///
/// ```
/// context x = (1, u),  u = normalise(c_k + spread g),  k ~ w(t),  g ~ N(0, I_{d-1})
/// utility of adapter a: theta_a . x = 1/2 + (s_a / 2) v_a . u    in [0, 1]
/// v_a = normalise(c_{a mod C} + jitter g'),  s_a ~ U[1/2, 1]
/// ```
/// c_1..c_C are random unit directions, so each component has its specialist adapters and
/// the rest are near 1/2. Component weights w_k are proportional to 1 / (rank_k + 1)^skew
/// for a random ranking, and drift:
/// - `none`: fixed;
/// - `switch`: at `switches` evenly spaced rounds the ranking is redrawn (abrupt change);
/// - `gradual`: w(t) moves linearly from the first ranking's weights to a second's.
/// The centres, adapters and rankings come from the run's "workload" split, so every policy
/// of a seed sees the same population; contexts come from the "contexts" split.
public struct AdapterWorkload: Sendable {
    public enum Drift: String, Sendable, CaseIterable {
        case none, `switch`, gradual
    }

    public let dimension: Int
    public let components: Int
    public let drift: Drift
    public let switches: Int
    public let horizon: Int
    public let spread: Double
    /// theta_a, each of `dimension` entries.
    public let thetas: [[Double]]
    /// The component weights of each drift phase (one phase unless `switch`; the start
    /// and end weights for `gradual`).
    let phaseWeights: [[Double]]
    let centres: [[Double]]

    public init(
        dimension: Int, components: Int, adapters: Int, skew: Double, spread: Double, jitter: Double,
        drift: Drift, switches: Int, horizon: Int, random: inout RandomSource
    ) {
        self.dimension = dimension
        self.components = components
        self.drift = drift
        self.switches = switches
        self.horizon = horizon
        self.spread = spread
        let directions = dimension - 1
        func unit(_ v: [Double]) -> [Double] {
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? v.map { $0 / norm } : v
        }
        let centres = (0..<components).map { _ in unit((0..<directions).map { _ in random.normal() }) }
        self.centres = centres
        thetas = (0..<adapters).map { a in
            let v = unit(centres[a % components].map { $0 + jitter * random.normal() })
            let strength = random.uniform(in: 0.5..<1)
            return [0.5] + v.map { strength / 2 * $0 }
        }
        let base = (0..<components).map { 1 / pow(Double($0 + 1), skew) }
        let total = base.reduce(0, +)
        func ranked(_ random: inout RandomSource) -> [Double] {
            var order = Array(0..<components)
            random.shuffle(&order)
            var weights = [Double](repeating: 0, count: components)
            for (rank, component) in order.enumerated() { weights[component] = base[rank] / total }
            return weights
        }
        let phases: Int
        switch drift {
        case .none: phases = 1
        case .switch: phases = switches + 1
        case .gradual: phases = 2
        }
        phaseWeights = (0..<phases).map { _ in ranked(&random) }
    }

    /// The component weights at round `t`.
    public func weights(at t: Int) -> [Double] {
        switch drift {
        case .none:
            return phaseWeights[0]
        case .switch:
            return phaseWeights[min(switches, t * (switches + 1) / max(horizon, 1))]
        case .gradual:
            let f = horizon > 1 ? Double(t) / Double(horizon - 1) : 0
            return zip(phaseWeights[0], phaseWeights[1]).map { (1 - f) * $0 + f * $1 }
        }
    }

    /// The round indices where the population changes abruptly (`switch` only), ascending.
    public var switchRounds: [Int] {
        guard drift == .switch, switches > 0 else { return [] }
        // ceil(j T / (S + 1)): the first round of phase j.
        return (1...switches).map { ($0 * horizon + switches) / (switches + 1) }
    }

    /// The context of round `t`.
    public func context(at t: Int, random: inout RandomSource) -> [Double] {
        let w = weights(at: t)
        let u = random.nextDouble()
        var component = components - 1
        var cumulative = 0.0
        for k in 0..<components {
            cumulative += w[k]
            if u < cumulative {
                component = k
                break
            }
        }
        var v = centres[component].map { $0 + spread * random.normal() }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { v = v.map { $0 / norm } }
        return [1] + v
    }
}
