import Foundation
import SimCore

/// OPT's miss count per (trace, capacity), computed once per process and shared by every
/// run that needs it for its competitive ratio (all policies of one sweep point and seed).
///
/// The count is a pure function of the trace and the capacity, so sharing it cannot
/// change results. Concurrent runs asking for the same key wait for one computation;
/// different keys compute in parallel.
final class OptimalMissCache: @unchecked Sendable {
    static let shared = OptimalMissCache()

    private final class Slot: @unchecked Sendable {
        let lock = NSLock()
        var misses: Int?
    }

    private let lock = NSLock()
    private var slots: [String: Slot] = [:]

    /// OPT's misses at `capacity` on the trace identified by `traceKey`, computed by
    /// `compute` (an OPT simulation, or the count of one already done) the first time.
    func misses(traceKey: String, capacity: Int64, compute: () -> Int) -> Int {
        let key = "\(traceKey)|\(capacity)"
        lock.lock()
        let slot: Slot
        if let found = slots[key] {
            slot = found
        } else {
            slot = Slot()
            slots[key] = slot
        }
        lock.unlock()

        slot.lock.lock()
        defer { slot.lock.unlock() }
        if let known = slot.misses { return known }
        let count = compute()
        slot.misses = count
        return count
    }
}
