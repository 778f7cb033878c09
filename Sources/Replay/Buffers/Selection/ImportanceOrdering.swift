import SimCore

/// Importance-only selection: the hardest candidates first (highest `difficulty`), the rule of
/// score-based pruning (forgetting scores, EL2N, AUM) that Zheng et al. ("Coverage-centric
/// Coreset Selection for High Pruning Rates", ICLR 2023) show collapsing at high pruning rates,
/// where it keeps only boundary and mislabelled samples.
public struct ImportanceOrdering: ExemplarOrdering {
    public init() {}

    public func order(
        _ candidates: [Int], label: Int, data: FeatureDataset, means: [[Double]?], limit: Int,
        random: inout RandomSource
    ) -> [Int] {
        let scored = candidates.map { ($0, difficulty(data, $0, label: label, means: means)) }
        return Array(scored.sorted { ($0.1, -$0.0) > ($1.1, -$1.0) }.prefix(limit).map(\.0))
    }
}
