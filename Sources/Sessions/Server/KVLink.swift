import SimCore

/// The channel KV crosses between two memory tiers: one FIFO queue of copies at a fixed
/// bandwidth. A copy starts when the link is free and the previous copies have ended.
struct KVLink {
    /// Bytes per second the link moves.
    let bytesPerSecond: Double
    /// When the copies queued so far end.
    private(set) var freeAt = SimTime.zero

    init(bytesPerSecond: Double) {
        self.bytesPerSecond = bytesPerSecond
    }

    /// Queues a copy of `bytes` at `now`; returns when it ends.
    mutating func transfer(bytes: Double, now: SimTime) -> SimTime {
        freeAt = max(now, freeAt) + .seconds(bytes / bytesPerSecond)
        return freeAt
    }
}
