/// Chooses a resident set by maximising the routing value it offers a sample of requests
/// (a facility-location objective, monotone submodular in the set):
/// ```
/// f(S) = weight * sum_r max( max_{a in S} s_ra,  max_a (s_ra - c_a) ) - sum_{a in S, not resident} switch_a
/// ```
/// `s_ra` is request r's score for adapter a (a router's optimistic estimate, or the true
/// utility for the oracle), `c_a` the paging cost of serving r through a non-resident a, and
/// `switch_a` the cost of loading a into the cache now. Greedy addition (ties: lowest index)
/// while the set fits, then best-improvement single swaps until none improves f (at most
/// `maxSwaps`). Greedy alone is within 1 - 1/e of the best set of its size (Nemhauser, Wolsey
/// and Fisher 1978); the swaps only improve on it.
public struct CoverageSelection {
    public let scores: [[Double]]
    public let pagingCosts: [Double]
    public let switchCosts: [Double]
    public let weight: Double
    private let fallback: [Double]

    /// Scores that are not finite (UCB1's +infinity for an arm never pulled) are replaced by
    /// 1 above (or below) the finite range, so an unexplored adapter counts as the best one
    /// and the objective stays finite.
    public init(scores: [[Double]], pagingCosts: [Double], switchCosts: [Double], weight: Double) {
        let finite = scores.joined().filter(\.isFinite)
        let high = (finite.max() ?? 0) + 1
        let low = (finite.min() ?? 0) - 1
        let scores = scores.map { row in row.map { $0.isFinite ? $0 : ($0 > 0 ? high : low) } }
        self.scores = scores
        self.pagingCosts = pagingCosts
        self.switchCosts = switchCosts
        self.weight = weight
        fallback = scores.map { row in
            var best = -Double.infinity
            for a in row.indices { best = max(best, row[a] - pagingCosts[a]) }
            return best
        }
    }

    /// f(S) for the set `members` (adapter indices).
    public func value(_ members: [Int]) -> Double {
        var total = 0.0
        for (r, row) in scores.enumerated() {
            var best = fallback[r]
            for a in members { best = max(best, row[a]) }
            total += best
        }
        return weight * total - members.reduce(0) { $0 + switchCosts[$1] }
    }

    /// The chosen set, ascending.
    public func select(cache: AdapterCache, maxSwaps: Int = 64) -> [Int] {
        let n = cache.sizes.count
        var chosen: [Int] = []
        var bytes = 0
        var current = value(chosen)
        while true {
            var bestGain = 0.0
            var pick = -1
            for a in 0..<n
            where !chosen.contains(a) && cache.fits(count: chosen.count + 1, bytes: bytes + cache.sizes[a]) {
                let gain = value(chosen + [a]) - current
                if gain > bestGain {
                    bestGain = gain
                    pick = a
                }
            }
            guard pick >= 0 else { break }
            chosen.append(pick)
            bytes += cache.sizes[pick]
            current += bestGain
        }
        var swaps = 0
        while swaps < maxSwaps {
            var bestGain = 1e-12 * max(1, abs(current))
            var move: (out: Int, in: Int)?
            for (i, out) in chosen.enumerated() {
                for candidate in 0..<n where !chosen.contains(candidate) {
                    let newBytes = bytes - cache.sizes[out] + cache.sizes[candidate]
                    guard cache.fits(count: chosen.count, bytes: newBytes) else { continue }
                    var trial = chosen
                    trial[i] = candidate
                    let gain = value(trial) - current
                    if gain > bestGain {
                        bestGain = gain
                        move = (out, candidate)
                    }
                }
            }
            guard let move, let i = chosen.firstIndex(of: move.out) else { break }
            chosen[i] = move.in
            bytes += cache.sizes[move.in] - cache.sizes[move.out]
            current += bestGain
            swaps += 1
        }
        return chosen.sorted()
    }
}
