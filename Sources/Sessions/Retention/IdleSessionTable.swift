import SimCore

/// The idle sessions a policy may evict, with what each looked like when it became idle:
/// O(1) insert and remove (swap with the last entry), and a linear scan for the entry a
/// policy values least. Scan order depends only on the sequence of operations, so ties
/// resolve deterministically.
struct IdleSessionTable: Sendable {
    private(set) var entries: [IdleKV] = []
    /// Position of each session in `entries`, -1 if absent.
    private var position: [Int] = []

    mutating func insert(_ idle: IdleKV) {
        if idle.session >= position.count {
            position += [Int](repeating: -1, count: max(idle.session + 1, 2 * position.count) - position.count)
        }
        precondition(position[idle.session] < 0, "session \(idle.session) is already idle")
        position[idle.session] = entries.count
        entries.append(idle)
    }

    mutating func remove(_ session: Int) {
        guard session < position.count, position[session] >= 0 else { return }
        let at = position[session]
        let last = entries.removeLast()
        if at < entries.count {
            entries[at] = last
            position[last.session] = at
        }
        position[session] = -1
    }

    /// The entry other than `excluded`'s with the smallest `score` (the first one scanned on ties).
    func minimum(excluding excluded: Int, score: (IdleKV) -> Double) -> Int? {
        var best: Int?
        var bestScore = Double.infinity
        for entry in entries where entry.session != excluded {
            let value = score(entry)
            if best == nil || value < bestScore {
                best = entry.session
                bestScore = value
            }
        }
        return best
    }
}
