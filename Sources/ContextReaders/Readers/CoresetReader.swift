/// A bounded coreset memory reader (the Coreset Memory Reader of Azarafrooz, 2026): keeps
/// the `k` highest-signal fragments seen so far across sessions and renders them in the
/// ranker's order.
///
/// ```
/// admit f   if fewer than k are kept; else if signal(f) > signal(weakest) (+ the margin
///           under `hysteresis`), f displaces the weakest (ties: the earliest arrival is weakest)
/// render    score: by signal, highest first (ties: earlier first); arrival, hysteresis:
///           by arrival
/// ```
/// Cost: O(k) per fragment.
public struct CoresetReader: ContextReader {
    public static let summary =
        "keeps the coreset.k highest-signal fragments across sessions; ranker orders them (score, arrival, hysteresis)"

    public let k: Int
    public let ranker: CoresetRanker
    public let hysteresis: Double
    public private(set) var rendering: [Int] = []
    /// Signal of each kept fragment, parallel to `rendering`.
    private var signals: [Double] = []

    public init(k: Int, ranker: CoresetRanker, hysteresis: Double) {
        self.k = k
        self.ranker = ranker
        self.hysteresis = hysteresis
    }

    public mutating func ingest(_ fragment: ContextFragment) -> Int {
        var firstChanged = rendering.count
        if rendering.count >= k {
            guard let weakest = weakestPosition() else { return rendering.count }
            let margin = ranker == .hysteresis ? hysteresis : 0
            guard fragment.signal > signals[weakest] + margin else { return rendering.count }
            rendering.remove(at: weakest)
            signals.remove(at: weakest)
            firstChanged = weakest
        }
        let position: Int
        if ranker == .score {
            // After every kept fragment of at least its signal (earlier arrivals first on ties).
            position = signals.firstIndex { $0 < fragment.signal } ?? signals.count
        } else {
            position = rendering.count
        }
        rendering.insert(fragment.id, at: position)
        signals.insert(fragment.signal, at: position)
        return min(firstChanged, position)
    }

    /// The kept fragment of least signal, the earliest arrival among equals.
    private func weakestPosition() -> Int? {
        var best: Int?
        for i in signals.indices {
            guard let b = best else {
                best = i
                continue
            }
            if signals[i] < signals[b] || (signals[i] == signals[b] && rendering[i] < rendering[b]) { best = i }
        }
        return best
    }
}
