/// Which sessions' retained HBM KV is pinned (not evictable until its time-to-live ends), the
/// pinned tokens' sum, and a generation per session that tells a pin's expiry event from an
/// earlier pin's.
struct SessionPins {
    private(set) var isPinned: [Bool]
    private(set) var totalTokens = 0
    private(set) var generation: [Int]

    init(sessions: Int) {
        isPinned = [Bool](repeating: false, count: sessions)
        generation = [Int](repeating: 0, count: sessions)
    }

    mutating func addSession() {
        isPinned.append(false)
        generation.append(0)
    }

    /// Pins `tokens` of `session`; returns the pin's generation.
    mutating func pin(_ session: Int, tokens: Int) -> Int {
        isPinned[session] = true
        totalTokens += tokens
        generation[session] += 1
        return generation[session]
    }

    /// Unpins `session`'s `tokens` (if pinned), so that its pending expiry goes stale.
    mutating func unpin(_ session: Int, tokens: Int) {
        guard isPinned[session] else { return }
        isPinned[session] = false
        totalTokens -= tokens
        generation[session] += 1
    }

    /// Whether `session` holds the pin of `generation`.
    func holds(_ session: Int, generation: Int) -> Bool {
        isPinned[session] && self.generation[session] == generation
    }
}
