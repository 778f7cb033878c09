import SimCore

/// The arms of a context-free bandit run: each round every arm has a Bernoulli mean, and the
/// played arm pays 1 with that probability.
///
/// Kinds:
/// - `uniform`: stationary means drawn i.i.d. from U[0, 1] once per run;
/// - `gap`: the hard instance of the lower bounds, one best arm at `best`, every other at
///   `best - gap` (the best arm's index is drawn per run);
/// - `adversarial`: an oblivious sequence that punishes trusting old means: in the first
///   half of the horizon arm 0 has mean `best` and every other arm `best - gap`; in the
///   second half arm 0 pays 0 and arm 1 pays 1. Arm 1 is the best fixed arm in hindsight
///   (`(best - gap) / 2 + 1 / 2` per round against arm 0's `best / 2`), but an index policy
///   that has pulled arm 0 for T / 2 rounds keeps pulling it long after it stops paying.
public struct BernoulliInstance: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case uniform, gap, adversarial
    }

    public let kind: Kind
    public let arms: Int
    /// Stationary means (`uniform`, `gap`; empty for `adversarial`).
    public let means: [Double]
    /// The first half's means of arm 0 and of the others (`adversarial`).
    let high: Double
    let low: Double

    public init(kind: Kind, arms: Int, best: Double, gap: Double, random: inout RandomSource) {
        self.kind = kind
        self.arms = arms
        high = best
        low = best - gap
        switch kind {
        case .uniform:
            means = (0..<arms).map { _ in random.nextDouble() }
        case .gap:
            let top = random.nextInt(below: arms)
            means = (0..<arms).map { $0 == top ? best : best - gap }
        case .adversarial:
            means = []
        }
    }

    /// The mean of `arm` in round `t` of a horizon of `horizon` rounds.
    @inline(__always)
    func mean(_ arm: Int, round t: Int, horizon: Int) -> Double {
        guard kind == .adversarial else { return means[arm] }
        if 2 * t < horizon { return arm == 0 ? high : low }
        return arm == 0 ? 0 : (arm == 1 ? 1 : low)
    }
}
