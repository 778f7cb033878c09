/// Sessions in least-recently-idle order: a doubly linked list threaded through arrays
/// indexed by session, O(1) per operation.
struct SessionLRUList: Sendable {
    static let none = -1

    private var newer: [Int]
    private var older: [Int]
    private var listed: [Bool]
    private var head = SessionLRUList.none
    private var tail = SessionLRUList.none

    init(sessions: Int) {
        newer = [Int](repeating: Self.none, count: sessions)
        older = newer
        listed = [Bool](repeating: false, count: sessions)
    }

    func contains(_ session: Int) -> Bool { session < listed.count && listed[session] }

    /// Adds `session` as the most recent (sessions beyond the initial count grow the arrays).
    mutating func push(_ session: Int) {
        if session >= listed.count {
            let grown = max(session + 1, 2 * listed.count)
            newer += [Int](repeating: Self.none, count: grown - newer.count)
            older += [Int](repeating: Self.none, count: grown - older.count)
            listed += [Bool](repeating: false, count: grown - listed.count)
        }
        precondition(!listed[session], "session \(session) is already listed")
        older[session] = head
        newer[session] = Self.none
        if head != Self.none { newer[head] = session } else { tail = session }
        head = session
        listed[session] = true
    }

    mutating func remove(_ session: Int) {
        guard contains(session) else { return }
        let n = newer[session]
        let o = older[session]
        if n != Self.none { older[n] = o } else { head = o }
        if o != Self.none { newer[o] = n } else { tail = n }
        listed[session] = false
    }

    /// The least recent session other than `excluded`, if any.
    func oldest(excluding excluded: Int) -> Int? {
        let candidate = tail == excluded && tail != Self.none ? newer[tail] : tail
        return candidate == Self.none ? nil : candidate
    }
}
