import SimCore
import Statistics

extension SessionsModel {
    /// The metric row of a run from its merged recorder (all replicas), in `metrics` order.
    static func row(_ r: SessionMetricsRecorder, kvCapacityTokens: Int) throws -> MetricRow {
        func quantile(_ values: [Double], _ p: Double) throws -> Double {
            values.isEmpty ? 0 : try Quantile.ofSorted(values.sorted(), probability: p)
        }
        func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
        let end = r.lastCompletion.seconds
        return MetricRow([
            "ttft_p50": try quantile(r.ttft, 0.5), "ttft_p90": try quantile(r.ttft, 0.9),
            "ttft_p99": try quantile(r.ttft, 0.99),
            "tpot_p50": try quantile(r.tpot, 0.5), "tpot_p90": try quantile(r.tpot, 0.9),
            "tpot_p99": try quantile(r.tpot, 0.99),
            "normalized_latency_mean": mean(r.normalizedLatency),
            "queueing_delay_mean": mean(r.queueingDelays), "session_time_mean": mean(r.sessionTimes),
            "session_time_p90": try quantile(r.sessionTimes, 0.9), "last_completion_s": end,
            "output_tokens_per_s": end > 0 ? Double(r.outputTokens) / end : 0,
            "completed_sessions_per_s": end > 0 ? Double(r.completedSessions) / end : 0,
            "completed_sessions": Double(r.completedSessions), "completed_turns": Double(r.completedTurns),
            "rejected_turns": Double(r.rejectedTurns), "unfinished_turns": Double(r.unfinishedTurns),
            "kv_hit_rate": r.laterTurnsAdmitted > 0 ? Double(r.retainedHits) / Double(r.laterTurnsAdmitted) : 0,
            "history_reuse": r.laterTurnHistoryTokens > 0
                ? Double(r.reusedHistoryTokens) / Double(r.laterTurnHistoryTokens) : 0,
            "prefill_tokens_recomputed": Double(r.recomputedPrefillTokens), "evictions": Double(r.evictions),
            "hbm_hits": Double(r.retainedHits - r.dramHits - r.ssdHits), "dram_hits": Double(r.dramHits),
            "dram_drops": Double(r.dramDrops), "bytes_to_dram": r.bytesToDRAM, "bytes_from_dram": r.bytesFromDRAM,
            "ssd_hits": Double(r.ssdHits), "bytes_to_ssd": r.bytesToSSD, "bytes_from_ssd": r.bytesFromSSD,
            "kv_waste": r.reservedTime > 0 ? 1 - r.filledTime / r.reservedTime : 0,
            "preemptions": Double(r.preemptions),
            "preemption_tokens_recomputed": Double(r.preemptionRecomputedTokens),
            "bytes_swapped": r.bytesSwappedOut + r.bytesSwappedIn, "pin_expiries": Double(r.pinExpiries),
            "batch_size_mean": r.busyTime > 0 ? r.runningTime / r.busyTime : 0,
            "hbm_utilisation": r.meanOccupancy,
            "gpu_busy_fraction": r.endTime.ticks > 0
                ? min(1, r.busyTime / (r.endTime.seconds * Double(r.replicas))) : 0,
            "kv_capacity_tokens": Double(kvCapacityTokens), "events": Double(r.events),
        ])
    }
}
