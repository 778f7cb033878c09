import SimCore

/// k-center greedy (Sener and Savarese, "Active Learning for Convolutional Neural Networks: A
/// Core-Set Approach", ICLR 2018): start from the candidate nearest the class mean, then
/// repeatedly add the candidate farthest from every chosen one (max-min distance; ties: the
/// earliest), covering the class's spread rather than its centre.
public struct KCenterOrdering: ExemplarOrdering {
    public init() {}

    public func order(
        _ candidates: [Int], label: Int, data: FeatureDataset, means: [[Double]?], limit: Int,
        random: inout RandomSource
    ) -> [Int] {
        guard !candidates.isEmpty, limit > 0 else { return [] }
        let centre = mean(of: candidates, in: data)
        let start =
            candidates.indices.min {
                squaredDistance(data, candidates[$0], centre) < squaredDistance(data, candidates[$1], centre)
            } ?? 0
        var nearest = [Double](repeating: .infinity, count: candidates.count)
        var chosen: [Int] = []
        var next = start
        while chosen.count < min(limit, candidates.count) {
            chosen.append(candidates[next])
            nearest[next] = -1
            let point = Array(data.sample(candidates[next]))
            var farthest = -1
            for position in candidates.indices where nearest[position] >= 0 {
                nearest[position] = min(nearest[position], squaredDistance(data, candidates[position], point))
                if farthest < 0 || nearest[position] > nearest[farthest] { farthest = position }
            }
            guard farthest >= 0 else { break }
            next = farthest
        }
        return chosen
    }
}
