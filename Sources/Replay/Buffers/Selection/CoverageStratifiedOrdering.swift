import SimCore

/// Coverage-centric coreset selection (CCS; Zheng et al., ICLR 2023; strata and allocation as
/// in the authors' code): drop the hardest `hardCutoff` fraction of the candidates, cut the
/// rest into `strata` equal-width bins of `difficulty`, and give the budget to the bins
/// smallest first, each min(its size, remaining budget / remaining bins), sampling uniformly
/// within a bin. The order interleaves the bins round-robin so that a prefix stays stratified.
public struct CoverageStratifiedOrdering: ExemplarOrdering {
    public let strata: Int
    public let hardCutoff: Double

    public init(strata: Int, hardCutoff: Double) {
        self.strata = strata
        self.hardCutoff = hardCutoff
    }

    public func order(
        _ candidates: [Int], label: Int, data: FeatureDataset, means: [[Double]?], limit: Int,
        random: inout RandomSource
    ) -> [Int] {
        var scored = candidates.map { ($0, difficulty(data, $0, label: label, means: means)) }
        scored.sort { ($0.1, $0.0) < ($1.1, $1.0) }
        let keep = scored.count - Int((hardCutoff * Double(scored.count)).rounded(.down))
        let easier = Array(scored.prefix(max(keep, 0)))
        guard let low = easier.first?.1, let high = easier.last?.1 else { return [] }
        let width = (high - low) / Double(strata)
        var bins = [[Int]](repeating: [], count: strata)
        for (i, score) in easier {
            let b = width > 0 ? min(strata - 1, Int((score - low) / width)) : 0
            bins[b].append(i)
        }
        var budget = min(limit, easier.count)
        var left = bins.filter { !$0.isEmpty }.count
        var picks = [[Int]](repeating: [], count: strata)
        for b in bins.indices.sorted(by: { (bins[$0].count, $0) < (bins[$1].count, $1) }) where !bins[b].isEmpty {
            let share = min(bins[b].count, budget / max(left, 1))
            picks[b] = Array(random.shuffled(bins[b]).prefix(share))
            budget -= share
            left -= 1
        }
        var ordered: [Int] = []
        var round = 0
        while ordered.count < picks.reduce(0, { $0 + $1.count }) {
            for b in picks.indices where round < picks[b].count { ordered.append(picks[b][round]) }
            round += 1
        }
        return ordered
    }
}
