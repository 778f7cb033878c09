import Foundation
import SimCore

/// The `bandit` model: a context-free K-armed bandit with Bernoulli rewards, played for
/// `horizon` rounds by one policy, for checking a policy against its textbook regret rate.
///
/// ```
/// regret(T) = max_a sum_t mu_t(a) - sum_t mu_t(a_t)      (pseudo-regret against the
///                                                         best fixed arm in hindsight)
/// ```
/// With stationary means this is the usual sum of gaps of the arms played; with the
/// adversarial sequence (see `BernoulliInstance`) the comparator is arm 1.
/// Expected rewards, not realised ones, enter the regret, so it has no reward noise.
public struct BanditModel: Model {
    public static let kind = "bandit"
    public static let summary =
        "context-free Bernoulli bandits (stochastic or switching-adversarial): regret of UCB1, Thompson, epsilon-greedy, EXP3"

    public static let parameters: [ModelParameter] = [
        ModelParameter(
            "policy", .string("ucb1"), .choice(BanditPolicyRegistry.names),
            "bandit policy"),
        ModelParameter(
            "arms", .int(5), .integer(2...100_000),
            "number of arms K"),
        ModelParameter(
            "horizon", .int(10_000), .integer(1...100_000_000),
            "rounds T"),
        ModelParameter(
            "instance.kind", .string("gap"), .choice(BernoulliInstance.Kind.allCases.map(\.rawValue)),
            "arm means"),
        ModelParameter(
            "instance.best", .double(0.6), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1)),
            "mean of the best arm (gap, adversarial)"),
        ModelParameter(
            "instance.gap", .double(0.2), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1)),
            "best mean minus every other arm's (gap, adversarial), (0, instance.best]"),
        ModelParameter(
            "epsilon", .double(0.1), .number(.probability),
            "exploration probability of epsilon-greedy"),
        ModelParameter(
            "gamma", .double(0), .number(NumberDomain(lower: 0, upper: 1)),
            "EXP3 exploration rate, (0, 1]; 0 means min(1, sqrt(K ln K / ((e - 1) T))) (Auer et al., Corollary 3.2)"),
    ]

    public static let metrics: [MetricDefinition] = [
        MetricDefinition(
            "regret", unit: "reward",
            "pseudo-regret after the horizon against the best fixed arm in hindsight (exact given the run's choices)"),
        MetricDefinition(
            "regret_per_round", unit: "reward", "regret / horizon (falls towards 0 exactly when regret is sublinear)"),
        MetricDefinition("reward", unit: "reward", "realised reward collected over the horizon"),
        MetricDefinition("best_arm_fraction", unit: "ratio", "rounds that played the best fixed arm / horizon"),
        MetricDefinition("distinct_arms_played", unit: "arms", "arms played at least once"),
    ]

    public static var policies: [PolicyDescription] {
        BanditPolicyRegistry.entries.map { PolicyDescription(key: "policy", name: $0.name, summary: $0.summary) }
    }

    /// The policy, resolved once.
    let policy: BanditPolicyRegistry.Entry
    let arms: Int
    let horizon: Int
    let instanceKind: BernoulliInstance.Kind
    let best: Double
    let gap: Double
    let epsilon: Double
    let gamma: Double

    public init(config: Configuration) throws {
        let config = try config.declaring(Self.parameters)
        policy = try config.entry("policy", from: BanditPolicyRegistry.entries)
        arms = try config.int("arms")
        horizon = try config.int("horizon")
        let kindName = try config.string("instance.kind")
        instanceKind = BernoulliInstance.Kind(rawValue: kindName) ?? .gap
        best = try config.double("instance.best")
        gap = try config.double("instance.gap")
        try config.require(
            gap <= best, "instance.gap", "\(gap) is above instance.best \(best): the worst arm's mean would be negative"
        )
        epsilon = try config.double("epsilon")
        let givenGamma = try config.double("gamma")
        let k = Double(arms)
        gamma = givenGamma > 0 ? givenGamma : min(1, (k * log(k) / ((M_E - 1) * Double(horizon))).squareRoot())
    }

    public func run(seed: UInt64) throws -> MetricRow {
        let root = RandomSource(seed: seed)
        var instanceRandom = root.split("instance")
        let instance = BernoulliInstance(
            kind: instanceKind, arms: arms, best: best, gap: gap, random: &instanceRandom)
        var policy = self.policy.make(ContextFreePolicyParameters(arms: arms, epsilon: epsilon, gamma: gamma))
        var choices = root.split("policy")
        var rewards = root.split("rewards")
        let context = [1.0]
        var expectedTotals = [Double](repeating: 0, count: arms)
        var pulls = [Int](repeating: 0, count: arms)
        var collected = 0.0
        var expected = 0.0
        for t in 0..<horizon {
            let arm = policy.choose(context: context, random: &choices)
            let mean = instance.mean(arm, round: t, horizon: horizon)
            let reward: Double = rewards.nextDouble() < mean ? 1 : 0
            policy.update(arm: arm, context: context, reward: reward)
            pulls[arm] += 1
            collected += reward
            expected += mean
        }
        let bestArm: Int
        let bestTotal: Double
        if instance.kind == .adversarial {
            // Each arm's total over the two halves: rounds t < T/2 are the first half.
            let first = Double((horizon + 1) / 2)
            let second = Double(horizon / 2)
            for a in 0..<arms {
                expectedTotals[a] =
                    first * instance.mean(a, round: 0, horizon: horizon)
                    + second * instance.mean(a, round: horizon - 1, horizon: horizon)
            }
            bestArm = argmax(expectedTotals)
            bestTotal = expectedTotals[bestArm]
        } else {
            bestArm = argmax(instance.means)
            bestTotal = instance.means[bestArm] * Double(horizon)
        }
        return MetricRow([
            "regret": bestTotal - expected,
            "regret_per_round": (bestTotal - expected) / Double(horizon),
            "reward": collected,
            "best_arm_fraction": Double(pulls[bestArm]) / Double(horizon),
            "distinct_arms_played": Double(pulls.filter { $0 > 0 }.count),
        ])
    }
}
