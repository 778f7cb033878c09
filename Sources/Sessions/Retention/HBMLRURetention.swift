/// Stateful serving in HBM with LRU eviction (the GPU tier of Pensieve, Yu et al.,
/// "Stateful Large Language Model Serving with Pensieve", EuroSys 2025): a session's KV
/// stays in HBM between turns; when a new turn needs room, the idle session whose turn
/// ended longest ago is evicted (its next turn re-prefills its history).
///
/// Idle sessions sit in a doubly linked list threaded through arrays indexed by session:
/// O(1) per operation.
public struct HBMLRURetention: KVRetentionPolicy {
    public static let summary = "keep idle KV in HBM; evict the least recently idle session under pressure"
    static let none = -1

    private var newer: [Int]
    private var older: [Int]
    private var listed: [Bool]
    private var head = HBMLRURetention.none
    private var tail = HBMLRURetention.none

    public init(sessions: Int) {
        newer = [Int](repeating: Self.none, count: sessions)
        older = newer
        listed = [Bool](repeating: false, count: sessions)
    }

    public func keepsIdleKV(session: Int) -> Bool { true }

    public mutating func retained(session: Int) {
        precondition(!listed[session], "session \(session) is already idle")
        older[session] = head
        newer[session] = Self.none
        if head != Self.none { newer[head] = session } else { tail = session }
        head = session
        listed[session] = true
    }

    public mutating func released(session: Int) {
        guard listed[session] else { return }
        let n = newer[session], o = older[session]
        if n != Self.none { older[n] = o } else { head = o }
        if o != Self.none { newer[o] = n } else { tail = n }
        listed[session] = false
    }

    public func victim(excluding session: Int) -> Int? {
        let candidate = tail == session ? newer[tail] : tail
        return candidate == Self.none ? nil : candidate
    }
}
