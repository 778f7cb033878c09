import BanditPolicies
import SimCore

/// What a router may be built from.
public struct AdapterRouterParameters: Sendable {
    public var adapters: Int
    public var dimension: Int
    /// LinUCB's exploration width alpha.
    public var alpha: Double
    /// Linear Thompson sampling's posterior scale v.
    public var thompsonScale: Double
    public var epsilon: Double
    public var exp3Gamma: Double
    /// Ridge regularisation lambda of the linear models.
    public var lambda: Double
}

/// The routers of the `adapters` model: SimCore's bandits behind the `AdapterRouter`
/// protocol. Context-free policies and EXP3 learn rewards clamped to [0, 1].
public enum AdapterRouterRegistry {
    public typealias Entry = RegistryEntry<AdapterRouterParameters, any AdapterRouter>

    public static let entries: [Entry] = [
        Entry(
            "linucb", "LinUCB, disjoint models, Sherman-Morrison updates (Li et al. 2010); cache-aware index",
            { p in
                ScoringBanditRouter(
                    LinUCBPolicy(arms: p.adapters, dimension: p.dimension, alpha: p.alpha, lambda: p.lambda),
                    clampsRewards: false)
            }
        ),
        Entry(
            "linear-thompson", "linear Thompson sampling (Agrawal and Goyal 2013); cache-aware sampled index",
            { p in
                ScoringBanditRouter(
                    LinearThompsonPolicy(
                        arms: p.adapters, dimension: p.dimension, scale: p.thompsonScale, lambda: p.lambda),
                    clampsRewards: false)
            }
        ),
        Entry(
            "epsilon-greedy", "epsilon-greedy over ridge models (not cache-aware: no index to penalise)",
            { p in
                ChoosingBanditRouter(
                    EpsilonGreedyPolicy(arms: p.adapters, dimension: p.dimension, epsilon: p.epsilon, lambda: p.lambda),
                    clampsRewards: false)
            }
        ),
        Entry(
            "ucb1", "context-free UCB1 (Auer et al. 2002); cache-aware index",
            { p in
                ScoringBanditRouter(UCB1Policy(arms: p.adapters), clampsRewards: true)
            }
        ),
        Entry(
            "thompson", "context-free Beta-Bernoulli Thompson sampling, fractional rewards; cache-aware sampled index",
            { p in
                ScoringBanditRouter(BetaBernoulliThompsonPolicy(arms: p.adapters), clampsRewards: true)
            }
        ),
        Entry(
            "exp3", "context-free adversarial EXP3 (Auer et al. 2002; not cache-aware)",
            { p in
                ChoosingBanditRouter(EXP3Policy(arms: p.adapters, gamma: p.exp3Gamma), clampsRewards: true)
            }
        ),
        Entry("oracle", "knows the true utilities: best adapter net of paging", { _ in OracleAdapterRouter() }),
    ]

    public static var names: [String] { entries.map(\.name) }
}
