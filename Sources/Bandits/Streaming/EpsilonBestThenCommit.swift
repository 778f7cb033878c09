import Foundation

/// Epsilon-best-arm-then-commit with single-arm memory, at epsilon = (K / T)^(1/3), the rate
/// at which Wang (ICML 2023) shows that finding an epsilon-best arm and committing to it has
/// the optimal Theta(K^(1/3) T^(2/3)) regret with o(K) memory.
///
/// One arm, the king, is stored with an estimate of its mean. Each arriving challenger is
/// pulled in levels of doubling size, `n_l = ceil(2^l / (4 epsilon^2))` fresh pulls at level
/// l, until `N = ceil(ln(1/delta) / (2 epsilon^2))` pulls (delta = epsilon) at the top:
/// ```
/// after each level: drop the challenger if mean + r(n) < king,
///     r(n) = sqrt(ln(2 L K / delta) / (2 n))          (Hoeffding, union over levels and arms)
/// at the top: the challenger becomes king if mean > king; king = that mean
/// ```
/// The first arm is pulled N times and crowned. Then the remaining horizon is committed to
/// the king. Clearly worse arms leave after a few pulls; only arms near the king's mean cost
/// the full N pulls. Uniform exploration pays the full budget on every arm.
///
/// This is my construction of the paper's idea (levels of doubling samples against one stored
/// king, as in Assadi and Wang's and Jin et al.'s single-memory epsilon-best-arm algorithms,
/// with Hoeffding stopping in place of their budget accounting); it does not use the gap, so
/// it is a fair, instance-oblivious algorithm.
public struct EpsilonBestThenCommit: StreamingBanditAlgorithm {
    public static let summary =
        "single stored king; challengers pulled in doubling levels, dropped once clearly worse, crowned if better after ln(1/eps)/(2 eps^2) pulls; eps = (K/T)^(1/3)"

    public func play(_ stream: inout ArmStream) -> Int {
        let k = Double(stream.arms)
        let t = Double(stream.horizon)
        let epsilon = min(0.5, pow(k / t, 1.0 / 3))
        let delta = epsilon
        let top = max(1, Int((log(1 / delta) / (2 * epsilon * epsilon)).rounded(.up)))
        let first = max(1, Int((1 / (4 * epsilon * epsilon)).rounded(.up)))
        var levels: [Int] = []
        var total = 0
        var size = first
        while total < top {
            let n = min(size, top - total)
            levels.append(n)
            total += n
            size *= 2
        }
        let logTerm = log(2 * Double(levels.count) * k / delta)

        stream.arrive(0)
        stream.retain(0)
        var king = 0
        var kingMean = empiricalMean(stream.pull(0, times: top))
        for arm in 1..<stream.arms {
            stream.arrive(arm)
            var successes = 0
            var pulls = 0
            var survived = true
            for n in levels {
                let result = stream.pull(arm, times: n)
                successes += result.successes
                pulls += result.pulls
                if result.pulls < n || pulls == 0 {
                    survived = false
                    break
                }
                let mean = Double(successes) / Double(pulls)
                if mean + (logTerm / (2 * Double(pulls))).squareRoot() < kingMean {
                    survived = false
                    break
                }
            }
            guard survived else { continue }
            let mean = Double(successes) / Double(pulls)
            if mean > kingMean {
                stream.release(king)
                stream.retain(arm)
                king = arm
                kingMean = mean
            }
        }
        stream.commit(king)
        return king
    }
}
