import SimCore

/// Derives the true advice of every request from the trace and corrupts it with the
/// run's predictor.
enum PagingPredictionBuilder {
    /// The predictions of `kind` for `trace` at `capacity`, drawn from `predictor`.
    static func predictions(
        _ kind: PagingPredictionKind, trace: Trace, capacity: Int64, predictor: inout Predictor
    ) -> PagingPredictions {
        switch kind {
        case .none:
            return .none
        case .nextArrival:
            return nextArrival(trace: trace, predictor: &predictor)
        case .discardBit:
            return bits(
                PagingAdviceTruth.discardBits(trace: trace, capacity: capacity), kind: kind, trace: trace,
                predictor: &predictor)
        case .phaseBit:
            return bits(
                PagingAdviceTruth.phaseBits(trace: trace, capacity: capacity), kind: kind, trace: trace,
                predictor: &predictor)
        }
    }

    /// Reuse distance of request `i` (never-again counts as reaching one past the end).
    static func reuseDistance(_ trace: Trace, _ i: Int) -> Int {
        let next = trace.nextAccess[i]
        return (next == CacheRequest.never ? trace.count : next) - i
    }

    /// Next-arrival predictions: the noise acts on the reuse distance, and a predicted
    /// arrival is always at least one request ahead. Adversarial predictions say "never"
    /// (one past the end) for the requests reused soonest.
    static func nextArrival(trace: Trace, predictor: inout Predictor) -> PagingPredictions {
        let n = trace.count
        let distances = (0..<n).map { Double(reuseDistance(trace, $0)) }
        let predicted = predictor.predictValues(
            distances, harm: { -Int64(reuseDistance(trace, $0)) }, worst: { Double(n - $0) })
        var arrivals = [Int](repeating: 0, count: n)
        var wrong = 0
        var l1 = 0.0
        for i in 0..<n {
            let distance = max(1, min(Double(n - i), predicted[i].rounded()))
            arrivals[i] = i + Int(distance)
            let truth = i + Int(distances[i])
            if arrivals[i] != truth { wrong += 1 }
            l1 += Double(abs(arrivals[i] - truth))
        }
        return PagingPredictions(
            kind: .nextArrival, nextArrival: arrivals, bits: [], wrongPredictions: wrong, l1Error: l1)
    }

    /// One-bit predictions from their truth; the adversary flips the bits of the requests
    /// reused soonest.
    static func bits(_ truths: [Bool], kind: PagingPredictionKind, trace: Trace, predictor: inout Predictor)
        -> PagingPredictions
    {
        let predicted = predictor.predictBits(truths, harm: { -Int64(reuseDistance(trace, $0)) })
        var wrong = 0
        for i in truths.indices where predicted[i] != truths[i] { wrong += 1 }
        return PagingPredictions(kind: kind, nextArrival: [], bits: predicted, wrongPredictions: wrong, l1Error: 0)
    }
}
