import SimCore

/// Herding (Welling, ICML 2009; the exemplar rule of iCaRL, Rebuffi et al., CVPR 2017): the
/// k-th exemplar is the candidate that brings the mean of the first k closest to the class
/// mean, `argmin_x || mu - (x + sum_(j<k) p_j) / k ||`; each candidate is chosen once.
public struct HerdingOrdering: ExemplarOrdering {
    public init() {}

    public func order(
        _ candidates: [Int], label: Int, data: FeatureDataset, means: [[Double]?], limit: Int,
        random: inout RandomSource
    ) -> [Int] {
        let d = data.dimension
        let target = mean(of: candidates, in: data)
        var sum = [Double](repeating: 0, count: d)
        var left = candidates
        var chosen: [Int] = []
        while chosen.count < min(limit, candidates.count) {
            let k = Double(chosen.count + 1)
            var best = 0
            var bestDistance = Double.infinity
            for (position, i) in left.enumerated() {
                var distance = 0.0
                for j in 0..<d {
                    let diff = target[j] - (sum[j] + data.features[i * d + j]) / k
                    distance += diff * diff
                }
                if distance < bestDistance {
                    best = position
                    bestDistance = distance
                }
            }
            let pick = left.remove(at: best)
            for j in 0..<d { sum[j] += data.features[pick * d + j] }
            chosen.append(pick)
        }
        return chosen
    }
}
