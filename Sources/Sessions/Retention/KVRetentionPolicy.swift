/// What happens to a session's KV cache between its turns.
///
/// The server asks the policy, at the end of every turn that has a successor, whether to
/// keep the session's KV (its whole history) in HBM while the user thinks; under memory
/// pressure it asks for idle sessions to evict, and tells the policy when a session's
/// retained KV is reused or evicted.
public protocol KVRetentionPolicy: Sendable {
    /// Whether the idle KV of a session is kept after a turn.
    func keepsIdleKV(session: Int) -> Bool
    /// A session's KV became idle (retained) at the end of a turn.
    mutating func retained(session: Int)
    /// A retained session's KV left the idle set (reused by its next turn, or evicted).
    mutating func released(session: Int)
    /// The idle session to evict next other than `session` (whose turn is being admitted),
    /// if any; the server then releases it.
    func victim(excluding session: Int) -> Int?
    /// Whether KV evicted from HBM moves to the DRAM tier (when the server has one) instead of being dropped.
    var spillsToDRAM: Bool { get }
}

extension KVRetentionPolicy {
    public var spillsToDRAM: Bool { false }
}

/// The registry of retention policies: stable names to factories.
public enum KVRetentionRegistry {
    public static let entries: [(name: String, summary: String, make: @Sendable (_ sessions: Int) -> any KVRetentionPolicy)] = [
        ("stateless", StatelessRetention.summary, { _ in StatelessRetention() }),
        ("hbm-lru", HBMLRURetention.summary, { HBMLRURetention(sessions: $0) }),
        ("tiered-lru", HBMLRURetention.tieredSummary, { HBMLRURetention(sessions: $0, spillsToDRAM: true) }),
    ]

    public static var names: [String] { entries.map(\.name) }
}
