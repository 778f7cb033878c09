import Foundation

/// LazyEviction (Zhang et al., "LazyEviction: Lagged KV Eviction with Attention Pattern
/// Observation for Efficient Long Reasoning", arXiv 2506.15969, 2025): tokens that went quiet
/// recur, so track each token's maximum recurrence interval (MRI) and evict lazily, every W
/// steps, the tokens least likely to recur soon, never the W newest (still being observed).
///
/// ```
/// every step: token i is active when its attention (over the cache) >= threshold / |cache|;
///             if active: MRI(i) = max(MRI(i), t - last(i)); last(i) = t
///             (a new token starts with last = t - 1, MRI = 0)
/// when over budget: outside the W most recent, drop the max(excess, W) tokens of least
///   score(i) = 2 sigmoid(-(1 + (t - last(i)) / (MRI(i) + 1e-5)))
///            + [MRI(i) > 0] 2 sigmoid(1 - MRI(i)),            ties to the older
/// ```
/// The score is the one of the code (a vendored copy of the authors' repository,
/// WeianMao/triattention/LazyEviction; the authors' repository was not reachable, and the
/// paper's equation may differ). The paper's cache cycles between B and B + W - 1; here the
/// budget is the peak, so dropping W at a time keeps the same lag. The code's activity
/// threshold is an absolute 1e-4; synthetic attention is far less sparse than a trained
/// model's, so here it is a multiple of the uniform share (`lazy-eviction.threshold`).
struct LazyEvictionPolicy: TokenEvictionPolicy {
    static let summary =
        "LazyEviction (Zhang et al., 2025): track each token's maximum recurrence interval, evict lazily every W steps"

    let window: Int
    let threshold: Double
    private var last: [Int]
    private var interval: [Double]

    init(length: Int, tuning: TokenPolicyTuning) {
        window = tuning.lazyWindow
        threshold = tuning.lazyThreshold
        last = (0..<length).map { $0 - 1 }
        interval = Array(repeating: 0, count: length)
    }

    mutating func observe(_ step: AttentionStep) {
        let bar = Float(threshold / Double(step.positions.count))
        for (position, weight) in zip(step.positions, step.weights) where weight >= bar {
            let i = Int(position)
            interval[i] = max(interval[i], Double(step.query - last[i]))
            last[i] = step.query
        }
    }

    mutating func victims(in cache: [Int32], excess: Int, query: Int) -> [Int32] {
        let protected = min(window, cache.count - excess)
        let candidates = Array(cache.dropLast(protected))
        return lowestScoring(candidates, count: min(candidates.count, max(excess, window))) { position in
            let i = Int(position)
            let idle = Double(query - last[i])
            let recurrence = 2 * Self.sigmoid(-(1 + idle / (interval[i] + 1e-5)))
            return recurrence + (interval[i] > 0 ? 2 * Self.sigmoid(1 - interval[i]) : 0)
        }
    }

    private static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
}
