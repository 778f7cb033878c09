import BanditPolicies
import SimCore

/// What a context-free policy may be built from.
public struct ContextFreePolicyParameters: Sendable {
    public var arms: Int
    public var epsilon: Double
    public var gamma: Double
}

/// The context-free policies of the `bandit` model, all from SimCore's bandit protocol
/// (contexts are the constant [1]).
public enum BanditPolicyRegistry {
    public typealias Entry = RegistryEntry<ContextFreePolicyParameters, any BanditPolicy>

    public static let entries: [Entry] = [
        Entry(
            "ucb1", "UCB1: mean + sqrt(2 ln t / n) (Auer, Cesa-Bianchi and Fischer 2002)", { UCB1Policy(arms: $0.arms) }
        ),
        Entry(
            "thompson", "Beta-Bernoulli Thompson sampling with a uniform prior (Thompson 1933; Agrawal and Goyal 2012)",
            {
                BetaBernoulliThompsonPolicy(arms: $0.arms)
            }
        ),
        Entry(
            "epsilon-greedy", "epsilon-greedy on sample means (Sutton and Barto 2018, section 2.2)",
            {
                EpsilonGreedyPolicy(arms: $0.arms, dimension: 1, epsilon: $0.epsilon, lambda: 1e-9)
            }
        ),
        Entry(
            "exp3", "EXP3 for adversarial rewards (Auer, Cesa-Bianchi, Freund and Schapire 2002)",
            {
                EXP3Policy(arms: $0.arms, gamma: $0.gamma)
            }
        ),
    ]

    public static var names: [String] { entries.map(\.name) }
}
