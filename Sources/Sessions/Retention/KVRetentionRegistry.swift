import CachePolicies
import SimCore

/// What a retention policy may be built from: the run's sessions count (a hint for
/// array sizes), the cost model, the policy's `ttl.*` settings and its own random stream.
public struct RetentionContext: Sendable {
    public let sessions: Int
    public let cost: StepCostModel
    public let ttl: TTLSettings
    public let random: RandomSource
    /// How to start the `external` policy's process (`nil` under other policies).
    public let external: ExternalPolicySettings?
}

/// The registry of retention policies: stable names to factories, the built-in ones and then
/// those a program built on memsim's library registers before `MemsimCommand.main()`.
public enum KVRetentionRegistry {
    public typealias Entry = RegistryEntry<RetentionContext, any KVRetentionPolicy>

    /// Every policy: the built-in ones, then those registered, in registration order.
    public static var entries: [Entry] { builtIn + extensions.readAdded() }

    /// Adds a retention policy of the program's own after the built-in ones.
    /// - Throws: `RegistrationError` if its name is taken or the registry was already read.
    public static func register(_ entry: Entry) throws {
        try extensions.register(entry, builtIn: builtIn)
    }

    private static let extensions = RegistryExtensions<Entry>(kind: "retention policy") { $0.name }
    private static let builtIn: [Entry] = named + orderedByCachePolicies

    private static let named: [Entry] = [
        Entry("stateless", StatelessRetention.summary, { _ in StatelessRetention() }),
        Entry("hbm-lru", HBMLRURetention.summary, { HBMLRURetention(sessions: $0.sessions) }),
        Entry(
            "tiered-lru", HBMLRURetention.tieredSummary, { HBMLRURetention(sessions: $0.sessions, spillsToDRAM: true) }),
        Entry(PrefixCacheRetention.name, PrefixCacheRetention.summary, { PrefixCacheRetention(sessions: $0.sessions) }),
        Entry("pensieve", CostAwareRetention.summary, { CostAwareRetention(cost: $0.cost) }),
        Entry(
            "ttl", TTLRetention.fixedSummary, { TTLRetention(sessions: $0.sessions, settings: $0.ttl, predictor: nil) }),
        Entry(
            "ttl-predicted", TTLRetention.predictedSummary,
            {
                TTLRetention(
                    sessions: $0.sessions, settings: $0.ttl,
                    predictor: Predictor(errorModel: $0.ttl.errorModel, random: $0.random))
            }
        ),
        Entry("oracle", NextArrivalOracleRetention.summary, { _ in NextArrivalOracleRetention() }),
        Entry(
            "external", ExternalRetention.summary,
            { ExternalRetention(sessions: $0.sessions, settings: $0.external) }),
    ]

    private static let orderedByCachePolicies: [Entry] = CachePolicyKind.allCases.map { kind in
        let make: @Sendable (RetentionContext) -> any KVRetentionPolicy = {
            CachePolicyRetention(kind: kind, sessions: $0.sessions)
        }
        return Entry(kind.rawValue, CachePolicyRetention.summary(kind), make)
    }

    /// The names of the entries that order sessions by a classic cache policy (they need
    /// the number of sessions in advance).
    public static var cachePolicyNames: [String] { CachePolicyKind.allCases.map(\.rawValue) }

    public static var names: [String] { entries.map(\.name) }
}
