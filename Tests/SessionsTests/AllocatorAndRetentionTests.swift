import Foundation
import SimCore
import TestSupport
import Testing

@testable import Sessions

@Suite struct AllocatorTests {
    func config(_ entries: [String: ConfigValue]) -> Configuration { SessionsModel.configuration(entries) }

    func run(_ entries: [String: ConfigValue], seed: UInt64 = 1) throws -> MetricRow {
        let (row, violations) = try SessionsModel(config: config(entries)).run(seed: seed, checkingInvariants: true)
        #expect(violations == 0, "\(entries)")
        return row
    }

    @Test func presetFiguresCanBeOverridden() throws {
        func capacity(_ entries: [String: ConfigValue]) throws -> Double {
            try quickRun(entries.merging(["workload.duration": .double(5)]) { $1 })["kv_capacity_tokens"] ?? 0
        }
        func expected(memoryGiB: Double, weightBytes: Double, bytesPerToken: Double) -> Double {
            let free: Double = memoryGiB * 1_073_741_824 * 0.9 - weightBytes
            return (free / bytesPerToken).rounded(.down)
        }
        // 80 GiB x 0.9 - 16.06 GB of weights (8,030,261,248 x 2 bytes), in 128 KiB tokens.
        #expect(try capacity([:]) == expected(memoryGiB: 80, weightBytes: 16_060_522_496, bytesPerToken: 131_072))
        #expect(
            try capacity(["arch.kv_heads": .int(4)])
                == expected(memoryGiB: 80, weightBytes: 16_060_522_496, bytesPerToken: 65_536))
        // fp8: 1-byte weights and KV.
        #expect(
            try capacity(["arch.bytes_per_value": .int(1)])
                == expected(memoryGiB: 80, weightBytes: 8_030_261_248, bytesPerToken: 65_536))
        #expect(
            try capacity(["hw.memory_gib": .double(141)])
                == expected(memoryGiB: 141, weightBytes: 16_060_522_496, bytesPerToken: 131_072))
    }

    @Test func unitsRoundUpAndPagesFollowTheArchitecture() {
        #expect(KVAllocator.paged(blockTokens: 16).rounded(17) == 32)
        #expect(KVAllocator.paged(blockTokens: 16).rounded(16) == 16)
        #expect(KVAllocator.reserveExact.rounded(17) == 17)
        // Llama-3.1-8B: one layer's K buffer is 8 KV heads x 128 dims x 2 bytes = 2 KiB per token.
        #expect(KVAllocator.tokensPerPage(pageBytes: 2 << 20, model: .llama31_8B, tensorParallel: 1) == 1_024)
        #expect(KVAllocator.tokensPerPage(pageBytes: 64 << 10, model: .llama31_8B, tensorParallel: 1) == 32)
        // Two GPUs hold 4 KV heads each: 1 KiB per token per buffer.
        #expect(KVAllocator.tokensPerPage(pageBytes: 64 << 10, model: .llama31_70B, tensorParallel: 2) == 64)
    }

    /// Memory-bound serving: Llama-3.1-70B on two A100s (about 41,000 KV tokens), single-turn
    /// requests of ShareGPT-like lengths at 4 per second.
    let loaded: [String: ConfigValue] = [
        "retention": .string("stateless"), "model": .string("llama-3.1-70b"), "gpu": .string("a100-80gb"),
        "server.tensor_parallel": .int(2), "workload.turns_mean": .double(1), "workload.arrival_rate": .double(4),
        "workload.duration": .double(30), "workload.prompt_median": .double(160),
        "workload.output_median": .double(300),
        "workload.output_sigma": .double(1), "workload.max_turn_tokens": .int(2_048),
    ]

    func quickRun(_ entries: [String: ConfigValue]) throws -> MetricRow {
        try SessionsModel(config: config(entries)).run(seed: 1)
    }

    @Test func pagingWastesAtMostTheLastBlockAndBeatsReservingTheMaximum() throws {
        let maximum = try quickRun(loaded.merging(["server.allocator": .string("reserve-max")]) { $1 })
        let paged = try run(loaded.merging(["server.allocator": .string("paged")]) { $1 })
        let exact = try quickRun(loaded)
        let pagedWaste = paged["kv_waste"] ?? 1
        let maxWaste = maximum["kv_waste"] ?? 0
        // Blocks of 16 tokens over contexts of hundreds of tokens: vLLM reports under 4%.
        #expect(pagedWaste > 0 && pagedWaste < 0.04, "paged waste \(pagedWaste)")
        #expect(maxWaste > 0.6, "reserve-max waste \(maxWaste)")
        #expect((paged["batch_size_mean"] ?? 0) > 1.5 * (maximum["batch_size_mean"] ?? 1e9))
        #expect((paged["output_tokens_per_s"] ?? 0) > (exact["output_tokens_per_s"] ?? 1e9))
        #expect((paged["ttft_p50"] ?? 1e9) < (maximum["ttft_p50"] ?? 0))
        for row in [maximum, paged, exact] {
            #expect(row["completed_turns"] == exact["completed_turns"] && row["unfinished_turns"] == 0)
        }
        // Bigger blocks waste more.
        let coarse = try quickRun(
            loaded.merging(["server.allocator": .string("paged"), "server.block_tokens": .int(256)]) { $1 })
        #expect((coarse["kv_waste"] ?? 0) > pagedWaste)
        // vAttention's 2 MiB pages hold 1,024 tokens of one layer: coarse; 64 KiB pages (32 tokens) are not.
        let large = try quickRun(loaded.merging(["server.allocator": .string("demand-paged")]) { $1 })
        let small = try run(
            loaded.merging(["server.allocator": .string("demand-paged"), "server.page_kib": .int(64)]) { $1 })
        #expect((large["kv_waste"] ?? 0) > 0.5)
        #expect((small["kv_waste"] ?? 1) < 0.08)
    }

    @Test func powerOfTwoReservationSitsBetweenExactAndMaximum() throws {
        #expect(KVAllocator.powerOfTwoReservation(output: 25, cap: 2_048) == 32)
        #expect(KVAllocator.powerOfTwoReservation(output: 32, cap: 2_048) == 32)
        #expect(KVAllocator.powerOfTwoReservation(output: 1_500, cap: 2_048) == 2_048)
        #expect(KVAllocator.powerOfTwoReservation(output: 1_500, cap: 1_600) == 1_600, "capped at the longest output")
        #expect(KVAllocator.powerOfTwoReservation(output: 3_000, cap: 2_048) == 3_000, "never below the output")
        let exact = try quickRun(loaded)
        let pow2 = try run(loaded.merging(["server.allocator": .string("reserve-pow2")]) { $1 })
        let maximum = try quickRun(loaded.merging(["server.allocator": .string("reserve-max")]) { $1 })
        let waste = [exact, pow2, maximum].map { $0["kv_waste"] ?? .nan }
        #expect(waste[0] < waste[1] && waste[1] < waste[2], "\(waste)")
    }

    @Test func normalizedLatencyIsLatencyPerOutputToken() throws {
        let idle = try quickRun(
            loaded.merging(["workload.arrival_rate": .double(0.05), "workload.duration": .double(60)]) { $1 })
        let busy = try quickRun(loaded.merging(["server.allocator": .string("reserve-max")]) { $1 })
        let unloaded = try #require(idle["normalized_latency_mean"])
        // Unloaded, a token costs about one decode step (tens of ms) plus the prefill spread over the output.
        #expect(unloaded > 0.01 && unloaded < 0.2, "\(unloaded)")
        #expect(try #require(busy["normalized_latency_mean"]) > unloaded)
    }

    let tight: [String: ConfigValue] = [
        "retention": .string("hbm-lru"), "workload.arrival_rate": .double(2), "workload.duration": .double(60),
        "server.kv_capacity_tokens": .int(12_000), "server.allocator": .string("paged"),
        "workload.max_turn_tokens": .int(2_048),
        "server.watermark": .double(0),
    ]

    @Test func runningOutOfBlocksPreemptsByRecomputeOrSwap() throws {
        let recompute = try run(tight)
        #expect((recompute["preemptions"] ?? 0) > 0)
        #expect((recompute["preemption_tokens_recomputed"] ?? 0) > 0 && recompute["bytes_swapped"] == 0)
        #expect(recompute["unfinished_turns"] == 0)
        // Swap without a DRAM tier falls back to recompute: the same run.
        #expect(try run(tight.merging(["server.preemption": .string("swap")]) { $1 }) == recompute)
        let swap = try run(
            tight.merging(["server.preemption": .string("swap"), "server.dram_bytes": .double(50e9)]) { $1 })
        #expect((swap["preemptions"] ?? 0) > 0 && (swap["bytes_swapped"] ?? 0) > 0)
        #expect(swap["preemption_tokens_recomputed"] == 0)
        #expect(swap["completed_turns"] == recompute["completed_turns"] && swap["unfinished_turns"] == 0)
        // Every swapped byte goes out and comes back: an even number of whole tokens.
        #expect(((swap["bytes_swapped"] ?? 1) / 131_072).truncatingRemainder(dividingBy: 2) == 0)
        // A watermark leaves headroom for growth: fewer preemptions.
        let headroom = try run(tight.merging(["server.watermark": .double(0.1)]) { $1 })
        #expect((headroom["preemptions"] ?? 1e9) < (recompute["preemptions"] ?? 0))
    }
}

@Suite struct RetentionPolicyTests {
    func idle(_ session: Int, context: Int = 100, at seconds: Int64, gap: Int64 = 10, tool: Int? = nil) -> IdleKV {
        IdleKV(
            session: session, tokens: context, contextTokens: context, turnsDone: 1, now: .seconds(seconds),
            gap: .seconds(gap), tool: tool)
    }

    @Test func theOracleEvictsTheFurthestNextTurn() {
        var oracle = NextArrivalOracleRetention()
        oracle.retained(idle(0, at: 0, gap: 50))
        oracle.retained(idle(1, at: 0, gap: 80))
        oracle.retained(idle(2, at: 20, gap: 70))
        #expect(oracle.victim(excluding: 9, now: .seconds(Int64(30))) == 2)  // next turn at 90
        #expect(oracle.victim(excluding: 2, now: .seconds(Int64(30))) == 1)  // at 80
        oracle.released(session: 2)
        oracle.released(session: 1)
        #expect(oracle.victim(excluding: 9, now: .seconds(Int64(30))) == 0)
        #expect(oracle.victim(excluding: 0, now: .seconds(Int64(30))) == nil)
    }

    @Test func costAwareEvictionWeighsRecomputeCostAgainstIdleTime() {
        let cost = CostModelTests.h100
        var policy = CostAwareRetention(cost: cost)
        // Same idle time: the shorter history is cheaper per byte to recompute.
        policy.retained(idle(0, context: 10_000, at: 0))
        policy.retained(idle(1, context: 100, at: 0))
        #expect(policy.victim(excluding: 9, now: .seconds(Int64(10))) == 1)
        // 2 P_l + 2 L d (h + 1) FLOPs per token, P_l the 6,979,588,096 weights of the layers.
        let perToken = 2 * 6_979_588_096.0 + 2 * 32 * 4_096 * 101
        #expect(policy.recomputeFLOPsPerToken(history: 100) == perToken)
        // A long history idle for much longer loses its advantage: 10,000 tokens idle 1,000 s
        // against 100 tokens idle 1 s.
        policy.released(session: 1)
        policy.retained(idle(1, context: 100, at: 999))
        #expect(policy.victim(excluding: 9, now: .seconds(Int64(1_000))) == 0)
        // LRU would evict 0 in both cases.
        var lru = HBMLRURetention(sessions: 2)
        lru.retained(idle(0, context: 10_000, at: 0))
        lru.retained(idle(1, context: 100, at: 0))
        #expect(lru.victim(excluding: 9, now: .seconds(Int64(10))) == 0)
    }

    @Test func ttlPinsToolCallsOnly() {
        let settings = TTLSettings(ttl: .seconds(Int64(5)), margin: 2, errorModel: .perfect)
        var fixed = TTLRetention(sessions: 4, settings: settings, predictor: nil)
        #expect(fixed.decide(idle(0, at: 10, tool: 1)) == .pin(until: .seconds(Int64(15))))
        #expect(fixed.decide(idle(0, at: 10)) == .keep)
        var predicted = TTLRetention(
            sessions: 4, settings: settings, predictor: Predictor(errorModel: .perfect, random: RandomSource(seed: 1)))
        // A 2 s call is pinned for 2 x 2 s; a 10 s call exceeds the 5 s cap and is not pinned.
        #expect(predicted.decide(idle(0, at: 10, gap: 2, tool: 0)) == .pin(until: .seconds(Int64(14))))
        #expect(predicted.decide(idle(0, at: 10, gap: 10, tool: 0)) == .keep)
        // With the cap reached after 4 turns, a 2 s call after the first turn exceeds 5 s x 1/4.
        var patient = TTLRetention(
            sessions: 4,
            settings: TTLSettings(ttl: .seconds(Int64(5)), margin: 2, errorModel: .perfect, fullAfterTurns: 4),
            predictor: Predictor(errorModel: .perfect, random: RandomSource(seed: 1)))
        #expect(patient.decide(idle(0, at: 10, gap: 2, tool: 0)) == .keep)
        let later = IdleKV(
            session: 0, tokens: 100, contextTokens: 100, turnsDone: 2, now: .seconds(Int64(10)),
            gap: .seconds(Int64(2)), tool: 0)
        #expect(patient.decide(later) == .pin(until: .seconds(Int64(14))))
    }
}

@Suite struct RetentionModelTests {
    func config(_ entries: [String: ConfigValue]) -> Configuration { SessionsModel.configuration(entries) }

    let agentic: [String: ConfigValue] = [
        "workload.arrival_rate": .double(0.5), "workload.duration": .double(120),
        "workload.tool_call_probability": .double(0.6),
    ]

    /// Later turns of the seed's sessions, and those that follow a tool call.
    func laterTurns(seed: UInt64) throws -> (all: Int, afterTools: Int) {
        var random = RandomSource(seed: seed).split("workload")
        let sessions = try SessionsModel(config: config(agentic)).workload.generate(using: &random)
        var all = 0
        var afterTools = 0
        for session in sessions {
            for turn in session.turns.dropLast() {
                all += 1
                if turn.tool != nil { afterTools += 1 }
            }
        }
        return (all, afterTools)
    }

    @Test func aTTLShorterThanEveryCallExpiresEveryPin() throws {
        let counts = try laterTurns(seed: 4)
        // Ample HBM: only the pins' expiry loses KV. Tool calls last at least 0.5 s.
        let short = try SessionsModel(
            config: config(agentic.merging(["retention": .string("ttl"), "ttl.seconds": .double(0.1)]) { $1 })
        )
        .run(seed: 4, checkingInvariants: true)
        #expect(short.violations == 0)
        #expect(short.row["pin_expiries"] == Double(counts.afterTools))
        #expect(short.row["kv_hit_rate"] == Double(counts.all - counts.afterTools) / Double(counts.all))
        // A TTL longer than every call keeps them all.
        let long = try SessionsModel(
            config: config(agentic.merging(["retention": .string("ttl"), "ttl.seconds": .double(1e6)]) { $1 })
        ).run(seed: 4)
        #expect(long["pin_expiries"] == 0 && long["kv_hit_rate"] == 1)
        // A perfect prediction with a margin above 1 never expires; calls above the cap are kept unpinned.
        let predicted = try SessionsModel(
            config: config(
                agentic.merging([
                    "retention": .string("ttl-predicted"), "ttl.seconds": .double(20), "ttl.margin": .double(1.5),
                ]) { $1 })
        ).run(seed: 4)
        #expect(predicted["pin_expiries"] == 0 && predicted["kv_hit_rate"] == 1)
        // Under-predicted durations (log-normal error, no margin) expire some pins.
        let noisy = try SessionsModel(
            config: config(
                agentic.merging([
                    "retention": .string("ttl-predicted"), "ttl.seconds": .double(1e6), "ttl.margin": .double(1),
                    "ttl.prediction.error": .string("lognormal"), "ttl.prediction.sigma": .double(1),
                ]) { $1 })
        ).run(seed: 4)
        let expiries = noisy["pin_expiries"] ?? 0
        // About half the predictions fall short of the truth.
        #expect(
            expiries > 0.3 * Double(counts.afterTools) && expiries < 0.7 * Double(counts.afterTools),
            "\(expiries) of \(counts.afterTools)")
    }

    @Test func everyRetentionPolicyKeepsTheBookkeepingUnderPressure() throws {
        // Conformance over the registry: tight HBM, a small DRAM tier, tool calls, both
        // allocator families; every identity holds after every event and every turn finishes.
        for name in KVRetentionRegistry.names {
            for allocator in name == PrefixCacheRetention.name
                ? ["paged", "demand-paged"] : ["reserve-exact", "paged"]
            {
                let entries = agentic.merging([
                    "retention": .string(name), "server.allocator": .string(allocator),
                    "server.kv_capacity_tokens": .int(8_000),
                    "server.dram_bytes": .double(1e9), "server.ssd_bytes": .double(4e9),
                    "workload.arrival_rate": .double(1),
                    "workload.duration": .double(60),
                    // The TTL only where it applies (elsewhere it is refused as having no effect).
                    "ttl.seconds": .double(name.hasPrefix("ttl") ? 3 : 10),
                ]) { $1 }.merging(
                    name == "external"
                        ? [
                            "external.command": .string(
                                "python3 \(TestFiles.repositoryRoot)/Examples/external-policy/retention_lru.py")
                        ] : [:]
                ) { $1 }
                let (row, violations) = try SessionsModel(config: config(entries)).run(
                    seed: 2, checkingInvariants: true)
                #expect(violations == 0, "\(name) \(allocator)")
                #expect(row["unfinished_turns"] == 0, "\(name) \(allocator)")
                #expect((row["completed_turns"] ?? 0) > 0, "\(name) \(allocator)")
            }
        }
    }

    @Test func pagingPoliciesOrderIdleSessions() throws {
        // LRU from the paging model, referenced at every turn end and reuse, orders idle
        // sessions by their last turn end: the same run as tiered-lru.
        let pressure: [String: ConfigValue] = [
            "workload.arrival_rate": .double(2), "workload.duration": .double(120),
            "server.kv_capacity_tokens": .int(20_000),
        ]
        for dram in [0.0, 2e9] {
            let entries = pressure.merging(["server.dram_bytes": .double(dram)]) { $1 }
            let lru = try SessionsModel(config: config(entries.merging(["retention": .string("session-lru")]) { $1 }))
                .run(seed: 3)
            // Without DRAM, tiered-lru is refused: it would be hbm-lru.
            let tiered = try SessionsModel(
                config: config(entries.merging(["retention": .string(dram > 0 ? "tiered-lru" : "hbm-lru")]) { $1 })
            )
            .run(seed: 3)
            #expect(lru == tiered, "DRAM \(dram)")
            #expect((lru["evictions"] ?? 0) > 0)
        }
        // DRAM ordered by the paging model's LRU drops as the built-in LRU does.
        let tight: [String: ConfigValue] = pressure.merging([
            "retention": .string("tiered-lru"), "server.dram_bytes": .double(1e9),
        ]) { $1 }
        let builtIn = try SessionsModel(config: config(tight)).run(seed: 3)
        let ordered = try SessionsModel(
            config: config(tight.merging(["server.dram_policy": .string("session-lru")]) { $1 })
        ).run(seed: 3)
        #expect(builtIn == ordered && (builtIn["dram_hits"] ?? 0) > 0)
        let (arcDRAM, violations) = try SessionsModel(
            config: config(
                tight.merging(["server.dram_policy": .string("session-arc"), "retention": .string("session-lfu")]) {
                    $1
                })
        )
        .run(seed: 3, checkingInvariants: true)
        #expect(violations == 0 && arcDRAM["completed_turns"] == builtIn["completed_turns"])
        // Other orders evict differently.
        let fifo = try SessionsModel(config: config(pressure.merging(["retention": .string("session-fifo")]) { $1 }))
            .run(seed: 3)
        let arc = try SessionsModel(config: config(pressure.merging(["retention": .string("session-arc")]) { $1 })).run(
            seed: 3)
        let lru = try SessionsModel(config: config(pressure.merging(["retention": .string("session-lru")]) { $1 })).run(
            seed: 3)
        #expect(fifo != lru && arc["completed_turns"] == lru["completed_turns"])
        #expect(throws: ConfigError.self) {
            _ = try SessionsModel(config: config(["retention": .string("session-arc"), "workload.users": .int(5)]))
        }
        #expect(throws: ConfigError.self) {
            _ = try SessionsModel(
                config: config(["server.dram_policy": .string("session-arc"), "workload.users": .int(5)]))
        }
    }

    @Test func anSSDTierCatchesWhatDRAMDrops() throws {
        // HBM of 20,000 tokens and DRAM of 1 GB (8,192 tokens): DRAM drops idle sessions;
        // with 50 GB of SSD behind it they come back from there instead of being recomputed.
        let tiers: [String: ConfigValue] = [
            "retention": .string("tiered-lru"), "server.kv_capacity_tokens": .int(20_000),
            "server.dram_bytes": .double(1.073_741_824e9),
            "workload.arrival_rate": .double(2), "workload.duration": .double(120),
        ]
        let dramOnly = try SessionsModel(config: config(tiers)).run(seed: 5)
        let (withSSD, violations) = try SessionsModel(
            config: config(tiers.merging(["server.ssd_bytes": .double(50e9)]) { $1 })
        )
        .run(seed: 5, checkingInvariants: true)
        #expect(violations == 0)
        #expect(dramOnly["ssd_hits"] == 0 && dramOnly["bytes_to_ssd"] == 0)
        #expect((withSSD["ssd_hits"] ?? 0) > 0)
        let toSSD = withSSD["bytes_to_ssd"] ?? 0
        let fromSSD = withSSD["bytes_from_ssd"] ?? 0
        #expect(fromSSD > 0 && fromSSD <= toSSD && fromSSD.truncatingRemainder(dividingBy: 131_072) == 0)
        #expect((withSSD["prefill_tokens_recomputed"] ?? 1e12) < (dramOnly["prefill_tokens_recomputed"] ?? 0))
        #expect(withSSD["completed_turns"] == dramOnly["completed_turns"])
        #expect(throws: ConfigError.self) {
            _ = try SessionsModel(config: config(["server.ssd_bytes": .double(1e9)]))
        }
    }

    @Test func prefixCachingRecomputesOnlyThePartialLastBlock() throws {
        // Ample HBM, a 1,000-token system prompt, blocks of 16: the prompt's 62 full blocks are
        // one shared copy, and every later turn recomputes only what its session's partial last
        // block held: (history tokens) mod 16, where the history starts with the prompt's 8
        // tokens beyond its full blocks.
        let entries: [String: ConfigValue] = [
            "retention": .string("prefix-cache"), "server.allocator": .string("paged"),
            "workload.system_prompt_tokens": .int(1_000),
            "workload.arrival_rate": .double(0.5), "workload.duration": .double(120),
        ]
        let (row, violations) = try SessionsModel(config: config(entries)).run(seed: 3, checkingInvariants: true)
        #expect(violations == 0)
        var random = RandomSource(seed: 3).split("workload")
        let sessions = try SessionsModel(config: config(entries)).workload.generate(using: &random)
        var partial = 0
        var history = 0
        for session in sessions {
            var own = 8
            for (t, turn) in session.turns.enumerated() {
                if t > 0 {
                    partial += own % 16
                    history += own
                }
                own += turn.promptTokens + turn.outputTokens
            }
        }
        #expect(row["prefill_tokens_recomputed"] == Double(partial))
        #expect(row["history_reuse"] == Double(history - partial) / Double(history))
        #expect(row["evictions"] == 0)
        // Prefix caching needs blocks.
        #expect(throws: ConfigError.self) {
            _ = try SessionsModel(
                config: config(entries.merging(["server.allocator": .string("reserve-exact")]) { $1 }))
        }
    }

    @Test func evictingTailBlocksKeepsMoreHistoryThanEvictingSessions() throws {
        let pressure: [String: ConfigValue] = [
            "workload.arrival_rate": .double(2), "workload.duration": .double(120),
            "server.kv_capacity_tokens": .int(30_000),
            "server.allocator": .string("paged"),
        ]
        for seed in UInt64(1)...2 {
            let blocks = try SessionsModel(
                config: config(pressure.merging(["retention": .string("prefix-cache")]) { $1 })
            ).run(seed: seed)
            let sessions = try SessionsModel(config: config(pressure.merging(["retention": .string("hbm-lru")]) { $1 }))
                .run(seed: seed)
            #expect((blocks["history_reuse"] ?? 0) > (sessions["history_reuse"] ?? 1), "seed \(seed)")
        }
    }

    @Test func theOracleFindsMoreHistoriesThanLRUUnderPressure() throws {
        let pressure: [String: ConfigValue] = [
            "workload.arrival_rate": .double(2), "workload.duration": .double(120),
            "server.kv_capacity_tokens": .int(30_000),
        ]
        var oracle = 0.0
        var lru = 0.0
        for seed in UInt64(1)...3 {
            oracle +=
                try SessionsModel(config: config(pressure.merging(["retention": .string("oracle")]) { $1 })).run(
                    seed: seed)["kv_hit_rate"] ?? 0
            lru +=
                try SessionsModel(config: config(pressure.merging(["retention": .string("hbm-lru")]) { $1 })).run(
                    seed: seed)["kv_hit_rate"] ?? 1
        }
        #expect(oracle > lru, "oracle \(oracle / 3) vs LRU \(lru / 3)")
    }
}

@Suite struct ReplicaTests {
    func config(_ entries: [String: ConfigValue]) -> Configuration { SessionsModel.configuration(entries) }

    func writeTrace(_ sessions: [SessionSpec]) throws -> String { try SessionTraceFixtures.write(sessions) }

    @Test func replicasServeTheirRoundRobinShareIndependently() throws {
        let light: [String: ConfigValue] = [
            "workload.arrival_rate": .double(2), "workload.duration": .double(60),
            "server.kv_capacity_tokens": .int(20_000),
        ]
        var random = RandomSource(seed: 4).split("workload")
        let sessions = try SessionsModel(config: config(light)).workload.generate(using: &random)
        let all = try writeTrace(sessions)
        let even = try writeTrace(stride(from: 0, to: sessions.count, by: 2).map { sessions[$0] })
        let odd = try writeTrace(stride(from: 1, to: sessions.count, by: 2).map { sessions[$0] })
        func run(_ path: String, replicas: Int) throws -> MetricRow {
            try SessionsModel(
                config: config(
                    light.merging([
                        "workload.source": .string("file"), "workload.path": .string(path),
                        "server.replicas": .int(replicas),
                    ]) { $1 })
            ).run(seed: 1)
        }
        let two = try run(all, replicas: 2)
        let first = try run(even, replicas: 1)
        let second = try run(odd, replicas: 1)
        for metric in ["completed_turns", "completed_sessions", "prefill_tokens_recomputed", "evictions", "events"] {
            #expect(two[metric] == (first[metric] ?? 0) + (second[metric] ?? 0), "\(metric)")
        }
        let one = try run(all, replicas: 1)
        #expect(one["completed_turns"] == two["completed_turns"])
        // Half the load per replica: less pressure, so fewer evictions and shorter waits.
        #expect((two["evictions"] ?? 1e9) < (one["evictions"] ?? 0))
        #expect((two["queueing_delay_mean"] ?? 1e9) <= (one["queueing_delay_mean"] ?? 0))
        #expect((two["gpu_busy_fraction"] ?? 1) < (one["gpu_busy_fraction"] ?? 0))
    }
}
