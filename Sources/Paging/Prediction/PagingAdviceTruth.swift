import SimCore

/// The true one-bit advice of every request, derived offline from the trace and the
/// cache size k ("Paging with Succinct Predictions", Antoniadis et al., ICML 2023).
enum PagingAdviceTruth {
    /// Discard bits: bit `t` is true iff OPT (Belady, ties to the larger object id, as
    /// `BeladyPolicy`) with k pages evicts the page requested at `t` before its next
    /// request, or the page is never requested again.
    ///
    /// - Complexity: one Belady simulation, O(n log k).
    static func discardBits(trace: Trace, capacity: Int64) -> [Bool] {
        var bits = [Bool](repeating: false, count: trace.count)
        var residents = FurthestKeyHeap(objectCount: trace.objectCount)
        var latestRequest = [Int](repeating: -1, count: trace.objectCount)
        for t in 0..<trace.count {
            let request = trace.request(at: t)
            if request.nextAccess == CacheRequest.never { bits[t] = true }
            if !residents.contains(request.object), residents.count >= Int(capacity), let victim = residents.popMax() {
                bits[latestRequest[victim]] = true
            }
            residents.set(request.object, key: request.nextAccess)
            latestRequest[request.object] = t
        }
        return bits
    }

    /// The k-phase of every request: phase 0 starts at request 0, and a new phase starts
    /// at the request of the (k+1)-th distinct page since the current phase began.
    static func phases(trace: Trace, capacity: Int64) -> [Int] {
        var phase = [Int](repeating: 0, count: trace.count)
        var seenInPhase = [Int](repeating: -1, count: trace.objectCount)
        var current = 0
        var distinct = 0
        for t in 0..<trace.count {
            let object = Int(trace.objects[t])
            if seenInPhase[object] != current {
                if distinct == Int(capacity) {
                    current += 1
                    distinct = 0
                }
                seenInPhase[object] = current
                distinct += 1
            }
            phase[t] = current
        }
        return phase
    }

    /// Phase bits: bit `t` is true iff the page requested at `t` is requested again in
    /// the k-phase after the one holding `t` (false in the last phase).
    ///
    /// - Complexity: O(n): for each request, the first request of the same page in a
    ///   later phase is found from right to left along the next-request links.
    static func phaseBits(trace: Trace, capacity: Int64) -> [Bool] {
        let phase = phases(trace: trace, capacity: capacity)
        let n = trace.count
        var firstInLaterPhase = [Int](repeating: CacheRequest.never, count: n)
        var bits = [Bool](repeating: false, count: n)
        for t in stride(from: n - 1, through: 0, by: -1) {
            let next = trace.nextAccess[t]
            guard next != CacheRequest.never else { continue }
            firstInLaterPhase[t] = phase[next] > phase[t] ? next : firstInLaterPhase[next]
            let later = firstInLaterPhase[t]
            bits[t] = later != CacheRequest.never && phase[later] == phase[t] + 1
        }
        return bits
    }
}
