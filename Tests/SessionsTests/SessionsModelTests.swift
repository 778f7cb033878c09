import Foundation
import SimCore
import TestSupport
import Testing

@testable import Sessions

@Suite struct SessionWorkloadTests {
    static let generator = SessionWorkloadGenerator(
        arrivalRate: 5, duration: 2_000, turnsMean: 4, promptMedian: 100, promptSigma: 0.5, outputMedian: 50,
        outputSigma: 0.5,
        thinkTimeMean: 10, maxTurnTokens: 1_000)

    @Test func seededPoissonSessionsWithGeometricTurns() {
        var a = RandomSource(seed: 1).split("workload")
        var b = RandomSource(seed: 1).split("workload")
        let first = Self.generator.generate(using: &a)
        let second = Self.generator.generate(using: &b)
        #expect(first == second)
        // Poisson count over 2,000 s at 5/s: mean 10,000, sd 100.
        #expect(abs(first.count - 10_000) < 500)
        let turns = first.map { Double($0.turns.count) }
        let meanTurns = turns.reduce(0, +) / Double(turns.count)
        // Geometric with mean 4: sd sqrt(12) = 3.46, standard error 0.035.
        #expect(abs(meanTurns - 4) < 0.2)
        let prompts = first.flatMap { $0.turns.map(\.promptTokens) }.sorted()
        #expect(abs(prompts[prompts.count / 2] - 100) <= 3)
        #expect(prompts.allSatisfy { $0 >= 1 && $0 <= 1_000 })
        #expect(zip(first, first.dropFirst()).allSatisfy { $0.arrival < $1.arrival })
    }

    @Test func toolCallsAreHeavyTailedPerTool() {
        var agentic = Self.generator
        agentic.toolCallProbability = 0.3
        var random = RandomSource(seed: 3).split("workload")
        let turns = agentic.generate(using: &random).flatMap(\.turns)
        let calls = turns.filter { $0.tool != nil }
        // Binomial(n, 0.3) with n about 40,000: sd 92.
        #expect(abs(Double(calls.count) - 0.3 * Double(turns.count)) < 500)
        for tool in 0..<3 {
            let gaps = calls.filter { $0.tool == tool }.map { $0.gapAfter.seconds }.sorted()
            let scale = 0.5 * pow(4, Double(tool))
            #expect(gaps.first.map { $0 >= scale - 1e-9 } == true, "tool \(tool)")
            // Pareto(scale, 1.5) has median scale x 2^(1/1.5) = 1.587 scale.
            let median = gaps[gaps.count / 2]
            #expect(abs(median / scale - 1.5874) < 0.08, "tool \(tool): median \(median)")
        }
        // Without tool calls the streams are those of the default workload.
        var plain = RandomSource(seed: 3).split("workload")
        var same = RandomSource(seed: 3).split("workload")
        #expect(Self.generator.generate(using: &plain) == Self.generator.generate(using: &same))
    }

    @Test func longerDurationKeepsTheEarlierSessions() {
        var shorter = Self.generator
        shorter.duration = 500
        var a = RandomSource(seed: 2).split("workload")
        var b = RandomSource(seed: 2).split("workload")
        let few = shorter.generate(using: &a)
        let all = Self.generator.generate(using: &b)
        #expect(Array(all.prefix(few.count)) == few)
    }
}

@Suite struct SessionServerTests {
    func config(_ entries: [String: ConfigValue]) -> Configuration { SessionsModel.configuration(entries) }

    let light: [String: ConfigValue] = ["workload.arrival_rate": .double(0.5), "workload.duration": .double(120)]

    @Test func rowHasTheDeclaredMetricsAndIsDeterministic() throws {
        let model = try SessionsModel(config: config(light))
        let row = try model.run(seed: 3)
        let again = try model.run(seed: 3)
        let other = try model.run(seed: 4)
        #expect(Array(row.values.keys) == SessionsModel.metrics.map(\.name))
        #expect(again == row)
        #expect(other != row)
        let finite = row.values.values.allSatisfy { $0.isFinite }
        #expect(finite)
    }

    @Test func everyTurnCompletesAndTheLatenciesAreOrdered() throws {
        for retention in ["stateless", "hbm-lru"] {
            let row = try SessionsModel(config: config(light.merging(["retention": .string(retention)]) { $1 })).run(
                seed: 5)
            var random = RandomSource(seed: 5).split("workload")
            let sessions = try SessionsModel(config: config(light)).workload.generate(using: &random)
            #expect(row["completed_sessions"] == Double(sessions.count), "\(retention)")
            #expect(row["completed_turns"] == Double(sessions.reduce(0) { $0 + $1.turns.count }), "\(retention)")
            #expect(row["unfinished_turns"] == 0 && row["rejected_turns"] == 0)
            let p50 = row["ttft_p50"] ?? 0
            let p90 = row["ttft_p90"] ?? 0
            let p99 = row["ttft_p99"] ?? 0
            #expect(p50 > 0 && p50 <= p90 && p90 <= p99, "\(retention)")
        }
    }

    @Test func statelessRecomputesEveryHistoryAndAmpleHBMRetainsThemAll() throws {
        var random = RandomSource(seed: 6).split("workload")
        let sessions = try SessionsModel(config: config(light)).workload.generate(using: &random)
        // Stateless re-prefills the history of every later turn: the sum over turns t >= 1 of
        // all earlier prompts and answers of the session.
        var histories = 0
        for session in sessions {
            var history = 0
            for (t, turn) in session.turns.enumerated() {
                if t > 0 { histories += history }
                history += turn.promptTokens + turn.outputTokens
            }
        }
        let stateless = try SessionsModel(config: config(light.merging(["retention": .string("stateless")]) { $1 }))
            .run(seed: 6)
        #expect(stateless["prefill_tokens_recomputed"] == Double(histories))
        #expect(stateless["kv_hit_rate"] == 0)
        let stateful = try SessionsModel(config: config(light.merging(["retention": .string("hbm-lru")]) { $1 })).run(
            seed: 6)
        #expect(
            stateful["prefill_tokens_recomputed"] == 0 && stateful["kv_hit_rate"] == 1 && stateful["evictions"] == 0)
        #expect((stateful["ttft_p50"] ?? 1) < (stateless["ttft_p50"] ?? 0))
    }

    @Test func memoryPressureEvictsIdleSessions() throws {
        let tight = light.merging([
            "retention": .string("hbm-lru"), "server.kv_capacity_tokens": .int(20_000),
            "workload.arrival_rate": .double(2),
        ]) { $1 }
        let row = try SessionsModel(config: config(tight)).run(seed: 7)
        #expect((row["evictions"] ?? 0) > 0)
        #expect((row["kv_hit_rate"] ?? 1) < 1 && (row["kv_hit_rate"] ?? 0) > 0)
        #expect((row["hbm_utilisation"] ?? 2) <= 1)
    }

    @Test func dramTierTurnsEvictionsIntoCopies() throws {
        let tight: [String: ConfigValue] = [
            "server.kv_capacity_tokens": .int(20_000), "workload.arrival_rate": .double(2),
            "workload.duration": .double(120),
        ]
        let dropped = try SessionsModel(config: config(tight.merging(["retention": .string("hbm-lru")]) { $1 })).run(
            seed: 8)
        // Without a DRAM tier, tiered-lru would behave exactly like hbm-lru: it is refused.
        let noDRAM = #expect(throws: ConfigError.self) {
            try SessionsModel(config: config(tight.merging(["retention": .string("tiered-lru")]) { $1 }))
        }
        #expect(noDRAM?.keyPath == "server.dram_bytes")
        let spilled = try SessionsModel(
            config: config(
                tight.merging(["retention": .string("tiered-lru"), "server.dram_bytes": .double(100e9)]) { $1 })
        ).run(seed: 8)
        #expect((spilled["dram_hits"] ?? 0) > 0)
        #expect(spilled["prefill_tokens_recomputed"] == 0 && spilled["kv_hit_rate"] == 1)
        let toDRAM = spilled["bytes_to_dram"] ?? 0
        let fromDRAM = spilled["bytes_from_dram"] ?? 0
        #expect(fromDRAM > 0 && fromDRAM <= toDRAM)
        // Every copy back is a whole number of 128 KiB tokens.
        #expect(fromDRAM.truncatingRemainder(dividingBy: 131_072) == 0)
        #expect(spilled["completed_turns"] == dropped["completed_turns"])
        #expect((spilled["ttft_p50"] ?? 1) <= (dropped["ttft_p50"] ?? 0))
        // A DRAM tier too small for any session's history drops everything, as without one.
        let tiny = try SessionsModel(
            config: config(
                tight.merging(["retention": .string("tiered-lru"), "server.dram_bytes": .double(1e6)]) { $1 })
        ).run(seed: 8)
        #expect(tiny["dram_hits"] == 0)
    }

    @Test func closedPopulationStartsSessionsWhileTheRunLasts() throws {
        let closed: [String: ConfigValue] = [
            "workload.users": .int(20), "workload.duration": .double(300), "workload.think_time_mean": .double(10),
        ]
        let stateless = try SessionsModel(config: config(closed.merging(["retention": .string("stateless")]) { $1 }))
            .run(seed: 4)
        let again = try SessionsModel(config: config(closed.merging(["retention": .string("stateless")]) { $1 })).run(
            seed: 4)
        #expect(again == stateless)
        // 20 users, sessions of about 5 turns x 10 s of thinking plus 10 s between sessions:
        // about 60 s per session, so about 20 x 300 / 60 = 100 sessions, all finished.
        let done = stateless["completed_sessions"] ?? 0
        #expect(done > 60 && done < 160, "\(done) sessions")
        #expect(stateless["unfinished_turns"] == 0)
        let stateful = try SessionsModel(config: config(closed.merging(["retention": .string("hbm-lru")]) { $1 })).run(
            seed: 4)
        #expect((stateful["kv_hit_rate"] ?? 0) > 0.9)
        #expect((stateful["ttft_p50"] ?? 1) < (stateless["ttft_p50"] ?? 0))
    }

    @Test func reservingTheMaximumOutputWastesKVAndShrinksTheBatch() throws {
        let loaded: [String: ConfigValue] = [
            "retention": .string("stateless"), "workload.arrival_rate": .double(3), "workload.duration": .double(120),
            "server.kv_capacity_tokens": .int(40_000),
        ]
        let exact = try SessionsModel(config: config(loaded)).run(seed: 2)
        let max = try SessionsModel(config: config(loaded.merging(["server.allocator": .string("reserve-max")]) { $1 }))
            .run(seed: 2)
        let exactWaste = exact["kv_waste"] ?? 1
        let maxWaste = max["kv_waste"] ?? 0
        // Reserving 4,096 output tokens for answers of about 200 leaves most of the reservation empty.
        #expect(maxWaste > 0.5 && maxWaste > exactWaste)
        #expect(exactWaste >= 0 && exactWaste < 0.5)
        #expect((max["batch_size_mean"] ?? 1e9) < (exact["batch_size_mean"] ?? 0))
        #expect((max["ttft_p50"] ?? 0) > (exact["ttft_p50"] ?? 1))
        #expect(max["completed_turns"] == exact["completed_turns"])
    }

    @Test func bookkeepingHoldsAfterEveryEventUnderPressure() throws {
        // Tight HBM, a small DRAM tier, long sessions that outgrow HBM (rejected turns),
        // closed and open populations, tool calls: every identity holds after every event.
        let cases: [[String: ConfigValue]] = [
            [
                "retention": .string("tiered-lru"), "server.kv_capacity_tokens": .int(6_000),
                "server.dram_bytes": .double(2e9),
            ],
            ["retention": .string("hbm-lru"), "server.kv_capacity_tokens": .int(6_000), "workload.users": .int(15)],
            [
                "retention": .string("tiered-lru"), "server.kv_capacity_tokens": .int(8_000),
                "server.dram_bytes": .double(1e9),
                "workload.users": .int(10), "workload.tool_call_probability": .double(0.5),
                "server.allocator": .string("reserve-max"),
                "workload.max_turn_tokens": .int(1_000),
            ],
            [
                "retention": .string("stateless"), "server.kv_capacity_tokens": .int(5_000),
                "workload.arrival_rate": .double(1),
            ],
            [
                "retention": .string("hbm-lru"), "server.kv_capacity_tokens": .int(6_000),
                "server.scheduling": .string("program-fcfs"),
                "workload.users": .int(12), "workload.tool_call_probability": .double(0.5),
            ],
        ]
        for (n, entries) in cases.enumerated() {
            let model = try SessionsModel(config: config(light.merging(entries) { $1 }))
            for seed in UInt64(1)...2 {
                let (row, violations) = try model.run(seed: seed, checkingInvariants: true)
                #expect(violations == 0, "case \(n) seed \(seed)")
                #expect(row["unfinished_turns"] == 0, "case \(n) seed \(seed)")
            }
        }
    }

    @Test func rejectedTurnsEndTheirSessionAndUsersReturn() throws {
        // Histories outgrow a 3,000-token HBM: later turns are rejected, the session ends, and
        // in a closed population its user starts a new session after thinking.
        let small: [String: ConfigValue] = [
            "retention": .string("tiered-lru"), "server.kv_capacity_tokens": .int(3_000),
            "server.dram_bytes": .double(1e9),
            "workload.users": .int(5), "workload.turns_mean": .double(20), "workload.think_time_mean": .double(5),
        ]
        let (row, violations) = try SessionsModel(config: config(light.merging(small) { $1 })).run(
            seed: 3, checkingInvariants: true)
        #expect(violations == 0)
        #expect((row["rejected_turns"] ?? 0) > 0)
        // Users keep coming back: far more sessions than users are started and finished or rejected.
        #expect((row["completed_sessions"] ?? 0) + (row["rejected_turns"] ?? 0) > 10)
    }

    @Test func aSharedSystemPromptIsHeldAndPrefilledOnce() throws {
        let prompt: [String: ConfigValue] = [
            "retention": .string("stateless"), "workload.system_prompt_tokens": .int(2_000),
        ]
        let own = try SessionsModel(config: config(light.merging(prompt) { $1 })).run(seed: 5, checkingInvariants: true)
        let shared = try SessionsModel(
            config: config(light.merging(prompt.merging(["server.share_system_prompt": .bool(true)]) { $1 }) { $1 })
        ).run(seed: 5, checkingInvariants: true)
        #expect(own.violations == 0 && shared.violations == 0)
        // Stateless re-prefills the 2,000 system-prompt tokens on every later turn unless shared.
        let laterTurns = (own.row["completed_turns"] ?? 0) - (own.row["completed_sessions"] ?? 0)
        let saved = (own.row["prefill_tokens_recomputed"] ?? 0) - (shared.row["prefill_tokens_recomputed"] ?? 0)
        #expect(saved == 2_000 * laterTurns)
        #expect((shared.row["ttft_p50"] ?? 1) < (own.row["ttft_p50"] ?? 0))
        #expect(shared.row["completed_turns"] == own.row["completed_turns"])
        #expect(throws: ConfigError.self) {
            _ = try SessionsModel(
                config: config([
                    "workload.system_prompt_tokens": .int(50_000), "server.share_system_prompt": .bool(true),
                    "server.kv_capacity_tokens": .int(40_000),
                ]))
        }
    }

    @Test func programLevelFCFSServesEarlierSessionsFirst() throws {
        // KV capacity 10,000 tokens, stateless. C (arrives at 0) decodes 3,000 tokens and holds
        // 3,100 for a long time; A (at 0) has two short turns 10 ms apart; B (at 1 ms) needs
        // 6,910 tokens and cannot fit until C ends. A's second turn arrives while B waits:
        // request-level FCFS queues it behind B until C ends, program-level FCFS admits it at
        // once because A arrived before B.
        let path = try TestFiles.temporaryFile(
            "fcfs.jsonl",
            """
            {"arrival": 0, "turns": [{"prompt_tokens": 100, "output_tokens": 3000}]}
            {"arrival": 0, "turns": [{"prompt_tokens": 100, "output_tokens": 10, "gap_after": 0.01}, {"prompt_tokens": 100, "output_tokens": 10}]}
            {"arrival": 0.001, "turns": [{"prompt_tokens": 6900, "output_tokens": 10}]}
            """)
        func run(_ order: String) throws -> MetricRow {
            try SessionsModel(
                config: config([
                    "workload.source": .string("file"), "workload.path": .string(path),
                    "server.kv_capacity_tokens": .int(10_000),
                    "server.scheduling": .string(order), "retention": .string("stateless"),
                ])
            ).run(seed: 1)
        }
        let request = try run("request-fcfs")
        let program = try run("program-fcfs")
        #expect(request["completed_turns"] == 4 && program["completed_turns"] == 4)
        // Two models and two runs, one read of the file (the process's input-file cache).
        #expect(InputFileCache.shared.loads(of: InputFileCache.key(path: path, format: "sessions-jsonl")) == 1)
        // A's second turn waits about the length of C's decode (seconds) under request-level
        // FCFS and not at all under program-level FCFS; B waits the same in both.
        let requestWait = (request["queueing_delay_mean"] ?? 0) * 4
        let programWait = (program["queueing_delay_mean"] ?? 0) * 4
        #expect(requestWait - programWait > 5, "total waits \(requestWait) vs \(programWait)")
    }

    @Test func traceCopiesStandForIdenticalSessions() throws {
        let path = try TestFiles.temporaryFile(
            "copies.jsonl",
            """
            {"arrival": 0, "copies": 8, "turns": [{"prompt_tokens": 32, "output_tokens": 128}]}
            {"arrival": 0.5, "turns": [{"prompt_tokens": 10, "output_tokens": 5}]}
            """)
        let sessions = try SessionTraceReader.read(path: path)
        #expect(sessions.count == 9)
        #expect(sessions[0] == sessions[7] && sessions[8].arrival == .seconds(0.5))
        let bad = try TestFiles.temporaryFile(
            "copies-bad.jsonl", #"{"arrival": 0, "copies": 0, "turns": [{"prompt_tokens": 1, "output_tokens": 1}]}"#)
        #expect(throws: InputFileError("\(bad):1: copies must be in 1...1000000")) {
            _ = try SessionTraceReader.read(path: bad)
        }
    }

    @Test func aProfileFileWithABadLineNamesTheKeyFileAndLine() throws {
        let path = try TestFiles.temporaryFile("profile.csv", "operator,tokens,milliseconds\nlinear,8,zero\n")
        do {
            _ = try SessionsModel(
                config: config(["cost.model": .string("profiled"), "cost.profile": .string(path)]))
            Issue.record("accepted")
        } catch let error as ConfigError {
            #expect(error.keyPath == "cost.profile")
            #expect("\(error)".contains("\(path):2: milliseconds 'zero'"))
        }
    }

    @Test func aUserProfileDrivesTheSteps() throws {
        // A flat profile: every step's layers take 32 x 1 ms whatever its tokens, so a decode
        // step at batch 1 is 32 ms + the output layer + decode attention + 1.62 ms.
        let path = try TestFiles.temporaryFile(
            "flat.csv", "operator,tokens,milliseconds\nlinear,1,1\nlinear,100000,1\n")
        let single: [String: ConfigValue] = [
            "workload.source": .string("file"), "cost.model": .string("profiled"), "cost.profile": .string(path),
            "workload.path": .string(
                try TestFiles.temporaryFile(
                    "one.jsonl", #"{"arrival": 0, "turns": [{"prompt_tokens": 10, "output_tokens": 3}]}"#)),
        ]
        let row = try SessionsModel(config: config(single)).run(seed: 1)
        // Two decode steps after the first token, over contexts of 11 and 12 tokens.
        let roofline = CostModelTests.h100.roofline
        let steps = [11, 12].map { context in
            let step = roofline.times(StepWork(decodeSequences: 1, decodeContext: context))
            return 0.032 + step.outputLayer + step.decodeAttention + step.overhead
        }
        // Within the nanosecond that each step's duration is rounded to.
        #expect(abs((row["tpot_p50"] ?? 0) - (steps[0] + steps[1]) / 2) < 2e-9)
    }

    @Test func configurationErrorsNameTheirKey() {
        let cases: [([String: ConfigValue], String)] = [
            (["model": .string("llama-3.1-70b")], "server.tensor_parallel"),
            (["retention": .string("lru")], "retention"),
            (["gpu": .string("a100")], "gpu"),
            (["cost.matmul_prefill_efficiency": .double(1.5)], "cost.matmul_prefill_efficiency"),
            (["workload.turns_mean": .double(0.5)], "workload.turns_mean"),
            (["workload.users": .int(-1)], "workload.users"),
            (["server.allocator": .string("pages")], "server.allocator"),
            (["server.allocator": .string("demand-paged"), "server.page_kib": .int(512)], "server.page_kib"),
            (["ttl.prediction.error": .string("adversarial")], "ttl.prediction.error"),
            (["server.watermark": .double(0.9)], "server.watermark"),
            (["server.scheduling": .string("sjf")], "server.scheduling"),
            (["server.max_batch_tokens": .int(100)], "server.max_batch_tokens"),
            (["workload.tool_count": .int(20)], "workload.tool_count"),
            (["workload.tool_call_probability": .double(2)], "workload.tool_call_probability"),
            (["cost.step_overhead_us": .double(-0.5)], "cost.step_overhead_us"),
            (["engine": .string("vllm-0.7")], "engine"),
            // No shipped profile of the H200; the shipped ones are of one GPU and of the preset.
            (["cost.model": .string("profiled"), "gpu": .string("h200")], "cost.profile"),
            (
                ["cost.model": .string("profiled"), "model": .string("llama-3.1-70b"), "gpu": .string("a100-80gb")],
                "cost.profile"
            ),
            (
                ["cost.model": .string("profiled"), "server.tensor_parallel": .int(2)],
                "server.tensor_parallel"
            ),
            (["cost.model": .string("profiled"), "arch.bytes_per_value": .int(1)], "cost.profile"),
            (["cost.model": .string("profiled"), "engine": .string("roofline-v1")], "cost.model"),
            (["cost.model": .string("profiled"), "cost.profile": .string("/nonexistent.csv")], "cost.profile"),
            (["arch.vocab": .int(10_000_000)], "arch.parameters"),
            (["cost.model": .string("profiled"), "hw.hbm_tbs": .double(1)], "cost.profile"),
            // The first roofline reads three of the cost keys; the others would do nothing.
            (
                ["engine": .string("roofline-v1"), "cost.kv_bandwidth_efficiency": .double(0.9)],
                "cost.kv_bandwidth_efficiency"
            ),
            (["engine": .string("roofline-v1"), "cost.sequence_overhead_us": .double(5)], "cost.sequence_overhead_us"),
        ]
        for (entries, path) in cases {
            do {
                _ = try SessionsModel(config: config(entries))
                Issue.record("\(entries) accepted")
            } catch let error as ConfigError {
                #expect(error.keyPath == path, "\(entries)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        #expect(
            (try? SessionsModel(config: config(["model": .string("llama-3.1-70b"), "server.tensor_parallel": .int(2)])))
                != nil)
    }
}
