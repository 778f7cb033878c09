import Foundation
import Testing

@testable import BanditPolicies
@testable import SimCore

@Suite struct BanditTests {
    /// Solves m y = v by Gaussian elimination with partial pivoting (test reference only).
    static func solve(_ m: [[Double]], _ v: [Double]) -> [Double] {
        var a = m
        var b = v
        let n = b.count
        for c in 0..<n {
            let p = (c..<n).max { abs(a[$0][c]) < abs(a[$1][c]) } ?? c
            a.swapAt(c, p)
            b.swapAt(c, p)
            for r in (c + 1)..<n {
                let f = a[r][c] / a[c][c]
                for k in c..<n { a[r][k] -= f * a[c][k] }
                b[r] -= f * b[c]
            }
        }
        var y = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            var s = b[r]
            for k in (r + 1)..<n { s -= a[r][k] * y[k] }
            y[r] = s / a[r][r]
        }
        return y
    }

    @Test func shermanMorrisonMatchesTheDirectRidgeSolution() {
        var random = RandomSource(seed: 11)
        let d = 6
        var ridge = RidgeRegression(dimension: d, lambda: 0.5)
        var a = (0..<d).map { i in (0..<d).map { $0 == i ? 0.5 : 0.0 } }
        var b = [Double](repeating: 0, count: d)
        for _ in 0..<500 {
            let x = (0..<d).map { _ in random.normal() }
            let r = random.normal()
            ridge.update(x, reward: r)
            for i in 0..<d {
                for j in 0..<d { a[i][j] += x[i] * x[j] }
                b[i] += r * x[i]
            }
        }
        let theta = Self.solve(a, b)
        for i in 0..<d { #expect(abs(ridge.theta[i] - theta[i]) < 1e-9) }
        // A^-1 e_0 from the reference solve.
        let column = Self.solve(a, (0..<d).map { $0 == 0 ? 1 : 0 })
        for i in 0..<d { #expect(abs(ridge.inverse[i * d] - column[i]) < 1e-9) }
        let x = (0..<d).map { _ in random.normal() }
        let direct = zip(x, Self.solve(a, x)).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(ridge.variance(x) - direct) < 1e-9)
    }

    @Test func choleskyFactorsRebuildTheMatrix() {
        var random = RandomSource(seed: 3)
        let d = 5
        let g = (0..<(d * d)).map { _ in random.normal() }
        var m = [Double](repeating: 0, count: d * d)
        for i in 0..<d { for j in 0..<d { for k in 0..<d { m[i * d + j] += g[i * d + k] * g[j * d + k] } } }
        for i in 0..<d { m[i * d + i] += 0.1 }
        let l = LinearThompsonPolicy.cholesky(m, dimension: d)
        for i in 0..<d {
            for j in 0..<d {
                let product = (0..<d).reduce(0.0) { $0 + l[i * d + $1] * l[j * d + $1] }
                #expect(abs(product - m[i * d + j]) < 1e-9)
                if j > i { #expect(l[i * d + j] == 0) }
            }
        }
    }

    /// Plays `policy` for `rounds` on Bernoulli arms; returns the pulls of each arm.
    static func bernoulli(_ start: some BanditPolicy, means: [Double], rounds: Int, seed: UInt64) -> [Int] {
        var policy = start
        var random = RandomSource(seed: seed).split("policy")
        var rewards = RandomSource(seed: seed).split("rewards")
        var pulls = [Int](repeating: 0, count: means.count)
        for _ in 0..<rounds {
            let arm = policy.choose(context: [1], random: &random)
            pulls[arm] += 1
            policy.update(arm: arm, context: [1], reward: rewards.bernoulli(p: means[arm]) ? 1 : 0)
        }
        return pulls
    }

    @Test func ucb1PullsSuboptimalArmsWithinAuersBound() {
        // Auer et al. 2002, Theorem 1: E[pulls of arm i] <= 8 ln n / gap_i^2 + 1 + pi^2 / 3.
        let means = [0.9, 0.8, 0.6, 0.3]
        let rounds = 20_000
        var totals = [Double](repeating: 0, count: means.count)
        for seed in UInt64(1)...5 {
            for (a, n) in Self.bernoulli(UCB1Policy(arms: 4), means: means, rounds: rounds, seed: seed).enumerated() {
                totals[a] += Double(n) / 5
            }
        }
        for a in 1..<means.count {
            let gap = means[0] - means[a]
            let bound = 8 * log(Double(rounds)) / (gap * gap) + 1 + Double.pi * Double.pi / 3
            #expect(totals[a] <= bound, "arm \(a): \(totals[a]) pulls, bound \(bound)")
        }
        #expect(totals[0] > 0.9 * Double(rounds))
    }

    @Test func thompsonSamplingConcentratesOnTheBestArm() {
        let pulls = Self.bernoulli(
            BetaBernoulliThompsonPolicy(arms: 3), means: [0.5, 0.6, 0.7], rounds: 5_000, seed: 2)
        #expect(Double(pulls[2]) > 0.85 * 5_000, "\(pulls)")
        let again = Self.bernoulli(
            BetaBernoulliThompsonPolicy(arms: 3), means: [0.5, 0.6, 0.7], rounds: 5_000, seed: 2)
        #expect(again == pulls)
        let greedy = Self.bernoulli(
            EpsilonGreedyPolicy(arms: 3, dimension: 1, epsilon: 0.05), means: [0.5, 0.6, 0.7], rounds: 5_000, seed: 2)
        #expect(Double(greedy[2]) > 0.8 * 5_000, "\(greedy)")
    }

    /// Per-round regret of a contextual policy on linear rewards, in the first and last quarter.
    static func linear(_ start: some BanditPolicy, rounds: Int, seed: UInt64) -> (early: Double, late: Double) {
        let d = 5
        let k = 6
        var setup = RandomSource(seed: seed).split("thetas")
        let thetas = (0..<k).map { _ in (0..<d).map { _ in setup.normal() / Double(d).squareRoot() } }
        var policy = start
        var random = RandomSource(seed: seed).split("policy")
        var world = RandomSource(seed: seed).split("world")
        var early = 0.0
        var late = 0.0
        for t in 0..<rounds {
            let x = (0..<d).map { _ in world.normal() }
            let means = thetas.map { zip($0, x).reduce(0) { $0 + $1.0 * $1.1 } }
            let arm = policy.choose(context: x, random: &random)
            let regret = (means.max() ?? 0) - means[arm]
            if t < rounds / 4 { early += regret } else if t >= 3 * rounds / 4 { late += regret }
            policy.update(arm: arm, context: x, reward: means[arm] + 0.1 * world.normal())
        }
        return (early / Double(rounds / 4), late / Double(rounds / 4))
    }

    @Test func linearPoliciesLearnTheirArms() {
        for seed in UInt64(1)...3 {
            let ucb = Self.linear(LinUCBPolicy(arms: 6, dimension: 5, alpha: 1), rounds: 4_000, seed: seed)
            #expect(ucb.late < ucb.early / 4, "LinUCB seed \(seed): \(ucb)")
            let ts = Self.linear(LinearThompsonPolicy(arms: 6, dimension: 5, scale: 0.2), rounds: 4_000, seed: seed)
            #expect(ts.late < ts.early / 4, "LinTS seed \(seed): \(ts)")
        }
    }

    @Test func exp3StaysWithinItsAdversarialBound() {
        // Auer et al. 2002, Theorem 3.1: G_max - E[G_EXP3] <= (e - 1) gamma G_max + K ln K / gamma.
        // Rewards switch abruptly: arm 0 pays for the first 40% of rounds, arm 1 after.
        let k = 3
        let rounds = 10_000
        func reward(_ arm: Int, _ t: Int) -> Double { arm == (t < 4 * rounds / 10 ? 0 : 1) ? 1 : 0 }
        let gMax = Double(6 * rounds / 10)
        let gamma = min(1, (Double(k) * log(Double(k)) / ((M_E - 1) * gMax)).squareRoot())
        var total = 0.0
        for seed in UInt64(1)...5 {
            var policy = EXP3Policy(arms: k, gamma: gamma)
            var random = RandomSource(seed: seed)
            for t in 0..<rounds {
                let p = policy.probabilities
                #expect(abs(p.reduce(0, +) - 1) < 1e-9 && p.allSatisfy { $0 >= gamma / Double(k) - 1e-12 })
                let arm = policy.choose(context: [], random: &random)
                let r = reward(arm, t)
                total += r / 5
                policy.update(arm: arm, context: [], reward: r)
            }
        }
        let bound = (M_E - 1) * gamma * gMax + Double(k) * log(Double(k)) / gamma
        #expect(gMax - total <= bound, "regret \(gMax - total), bound \(bound)")
        #expect(gMax - total < 0.2 * gMax)
    }

    @Test func theOraclePlaysTheBestArm() {
        var oracle = OracleBanditPolicy(thetas: [[1, 0], [0, 1], [0.6, 0.6]])
        var random = RandomSource(seed: 1)
        #expect(oracle.choose(context: [1, 0.1], random: &random) == 0)
        #expect(oracle.choose(context: [0.1, 1], random: &random) == 1)
        #expect(oracle.choose(context: [1, 1], random: &random) == 2)
        #expect(argmax([]) == 0 && argmax([1, 3, 3]) == 1)
    }
}
