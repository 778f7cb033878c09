import Foundation
import SimCore
import Testing

@testable import Sessions

/// `server.kv_keep_fraction`: a token-eviction policy holds each turn's KV to a share of its
/// final sequence, which bounds its memory, its KV reads and its attention.
@Suite struct KVKeepFractionTests {
    func config(_ entries: [String: ConfigValue]) -> Configuration { SessionsModel.configuration(entries) }

    /// One sequence of 8,000 prompt and 8,000 output tokens, alone on an H100.
    let single: [String: ConfigValue] = [
        "retention": .string("stateless"), "workload.users": .int(1), "workload.turns_mean": .double(1),
        "workload.prompt_median": .double(8_000), "workload.prompt_sigma": .double(0),
        "workload.output_median": .double(8_000), "workload.max_turn_tokens": .int(16_384),
        "workload.output_sigma": .double(0),
        "workload.duration": .double(1), "workload.think_time_mean": .double(0.001), "limit_factor": .double(1_000),
    ]

    @Test func aCappedSequenceDecodesAtItsCapsCost() throws {
        // Keep 0.25 of 16,000 tokens: the cache holds 4,000 tokens through every decode step
        // (contexts of 8,000 to 15,999 tokens), so each step reads the weights and 4,000 tokens of KV.
        let capped = try SessionsModel(
            config: config(single.merging(["server.kv_keep_fraction": .double(0.25)]) { $1 })
        )
        .run(seed: 1)
        let cost = StepCostModel(
            roofline: RooflineCostModel(model: .llama31_8B, gpu: .h100SXM, tensorParallel: 1, engine: .vllm06))
        let step = cost.stepTime(StepWork(decodeSequences: 1, decodeContext: 4_000))
        #expect(capped["completed_turns"] == 1)
        #expect(abs((capped["tpot_p50"] ?? 0) - step.seconds) < 1e-9)
        // The whole cache reads 8,000 to 15,999 tokens (6% more bytes than 4,000 at the median
        // step): slower, and the first token is the same.
        let full = try SessionsModel(config: config(single)).run(seed: 1)
        #expect((full["tpot_p50"] ?? 0) > step.seconds * 1.05)
        #expect(full["ttft_p50"] == capped["ttft_p50"])
    }

    @Test func thePrefillHoldsTheWholePrompt() throws {
        // 8,000 prompt tokens kept to 4,000 after the prefill: 6,000 tokens of HBM hold the
        // compressed sequence but not the prompt being prefilled, so the turn never fits.
        let keep: [String: ConfigValue] = ["server.kv_keep_fraction": .double(0.25)]
        let small = try SessionsModel(
            config: config(single.merging(keep.merging(["server.kv_capacity_tokens": .int(6_000)]) { $1 }) { $1 })
        ).run(seed: 1)
        #expect((small["rejected_turns"] ?? 0) >= 1 && small["completed_turns"] == 0)
        let enough = try SessionsModel(
            config: config(single.merging(keep.merging(["server.kv_capacity_tokens": .int(8_001)]) { $1 }) { $1 })
        ).run(seed: 1)
        #expect(enough["completed_turns"] == 1)
        // Reserving the longest output keeps its over-reservation, a quarter of it, after the prefill.
        let entries = single.merging(keep.merging(["server.allocator": .string("reserve-max")]) { $1 }) { $1 }
        let maximum = try SessionsModel(config: config(entries)).run(seed: 1)
        let exact = try SessionsModel(config: config(single.merging(keep) { $1 })).run(seed: 1)
        #expect((maximum["kv_waste"] ?? 0) > (exact["kv_waste"] ?? 1))
    }

    @Test func boundedKVAdmitsLargerBatchesAndKeepsTheBookkeeping() throws {
        // Llama-3.1-70B on two A100s (about 41,000 KV tokens), long outputs at 8 requests/s:
        // KV-bound (turns are still queued when the run ends). Holding each turn to 30% of its
        // tokens runs batches more than 1.5x larger and completes more turns; every allocator
        // and preemption mode keeps its bookkeeping identities.
        let loaded: [String: ConfigValue] = [
            "retention": .string("stateless"), "model": .string("llama-3.1-70b"), "gpu": .string("a100-80gb"),
            "server.tensor_parallel": .int(2), "workload.turns_mean": .double(2), "workload.arrival_rate": .double(8),
            "workload.duration": .double(15), "workload.prompt_median": .double(600),
            "workload.output_median": .double(800), "workload.max_turn_tokens": .int(4_096),
        ]
        for allocator in ["reserve-exact", "reserve-max", "paged"] {
            for preemption in ["recompute", "swap"] where allocator == "paged" || preemption == "recompute" {
                var batch: [Double] = []
                var completed: [Double] = []
                for keep in [1.0, 0.3] {
                    var entries = loaded
                    entries["server.allocator"] = .string(allocator)
                    entries["server.kv_keep_fraction"] = .double(keep)
                    if allocator == "paged" {
                        entries["server.preemption"] = .string(preemption)
                        entries["server.dram_bytes"] = .double(200e9)
                    }
                    for seed: UInt64 in 1...2 {
                        let (row, violations) = try SessionsModel(config: config(entries)).run(
                            seed: seed, checkingInvariants: true)
                        #expect(violations == 0, "\(allocator) \(preemption) keep \(keep) seed \(seed)")
                        if seed == 1 { batch.append(row["batch_size_mean"] ?? 0) }
                        if seed == 1 { completed.append(row["completed_turns"] ?? 0) }
                    }
                }
                #expect(batch[1] > batch[0] * 1.5, "\(allocator) \(preemption): \(batch)")
                #expect(completed[1] > completed[0], "\(allocator) \(preemption): \(completed)")
            }
        }
    }

    @Test func compressedKVIsModelledWithoutRetentionOnly() {
        let error = #expect(throws: ConfigError.self) {
            try SessionsModel(
                config: config(["retention": .string("hbm-lru"), "server.kv_keep_fraction": .double(0.5)]))
        }
        #expect(error?.keyPath == "server.kv_keep_fraction")
        #expect(throws: ConfigError.self) {
            try SessionsModel(config: config(["server.kv_keep_fraction": .double(0)]))
        }
    }
}
