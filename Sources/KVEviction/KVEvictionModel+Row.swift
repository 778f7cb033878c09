import SimCore

extension KVEvictionModel {
    /// The metric row of a run's heads, in `metrics` order.
    func row(_ heads: [HeadMeasurements]) -> MetricRow {
        let steps = Double(heads.reduce(0) { $0 + $1.steps })
        let reactivations = heads.reduce(0) { $0 + $1.reactivations }
        let hits = heads.reduce(0) { $0 + $1.reactivationHits }
        let bytesPerToken = 2 * Double(headDimension) * Double(bits) / 8
        var peakTokens = 0
        for step in 0..<attention.decode {
            peakTokens = max(peakTokens, heads.reduce(0) { $0 + $1.cachedAfterStep[step] })
        }
        let peakBytes = Double(peakTokens) * bytesPerToken
        let fullBytes = Double(attention.length * attention.streams) * 2 * Double(headDimension) * 2
        return MetricRow([
            "attention_recall": heads.reduce(0) { $0 + $1.recallSum } / steps,
            "attention_recall_min": heads.map(\.recallMin).min() ?? 1,
            "output_error": heads.reduce(0) { $0 + $1.errorSum } / steps,
            "critical_miss_rate": Double(heads.reduce(0) { $0 + $1.criticalMisses }) / steps,
            "recurrence_hit_rate": reactivations == 0 ? 0 : Double(hits) / Double(reactivations),
            "reactivations": Double(reactivations),
            "kv_bytes_peak": peakBytes,
            "compression": fullBytes / peakBytes,
            "evictions": Double(heads.reduce(0) { $0 + $1.evictions }),
            "budget_tokens": Double(budget),
        ])
    }
}
