import SimCore

/// A uniform random subset of the class (random sampling, the baseline coreset papers compare
/// against).
public struct RandomOrdering: ExemplarOrdering {
    public init() {}

    public func order(
        _ candidates: [Int], label: Int, data: FeatureDataset, means: [[Double]?], limit: Int,
        random: inout RandomSource
    ) -> [Int] {
        Array(random.shuffled(candidates).prefix(limit))
    }
}
