import Foundation
import SimCore
import Statistics

/// The `sessions` model: multi-turn chat sessions served by one replica with continuous
/// batching, a roofline cost model and a KV cache in HBM, under a retention policy that
/// decides what happens to a session's KV between turns.
///
/// Randomness: the sessions come from the run's `workload` split (each session from its own
/// labelled split), so every policy sees the same sessions for the same seed.
public struct SessionsModel: Model {
    public static let kind = "sessions"
    public static let summary =
        "multi-turn LLM sessions on a GPU replica: KV retention between turns vs latency and throughput"

    public static let parameters: [ModelParameter] =
        [
            ModelParameter(
                "retention", .string("hbm-lru"),
                "KV retention policy: " + KVRetentionRegistry.names.joined(separator: ", ")),
            ModelParameter(
                "model", .string("llama-3.1-8b"),
                "model preset: " + TransformerPreset.all.map(\.name).joined(separator: ", ")),
            ModelParameter(
                "gpu", .string("h100-80gb"), "GPU preset: " + GPUPreset.all.map(\.name).joined(separator: ", ")),
        ] + PresetOverrides.parameters + [
            ModelParameter(
                "server.tensor_parallel", .int(1),
                "GPUs per replica (ideal scaling of FLOP/s, bandwidth and memory; >= 1)"),
            ModelParameter(
                "server.replicas", .int(1),
                "identical replicas (1...1024); session (or closed-population user) i is served by replica i mod replicas for all its turns (sticky round-robin routing, so each replica keeps its sessions' KV)"
            ),
            ModelParameter(
                "server.allocator", .string("reserve-exact"),
                "KV allocation: reserve-exact (reserve the turn's actual output; an oracle), reserve-max (reserve workload.max_turn_tokens of output, as allocators that pre-allocate the maximum length), reserve-pow2 (reserve the output rounded up to a power of two, at most workload.max_turn_tokens: Orca (Pow2)), paged (vLLM blocks of server.block_tokens, grown as tokens are generated) or demand-paged (vAttention: physical pages of server.page_kib per layer's K or V buffer, mapped on demand)"
            ),
            ModelParameter(
                "server.block_tokens", .int(16), "paged: tokens per KV block (1...4096; vLLM's default is 16)"),
            ModelParameter(
                "server.page_kib", .int(2048),
                "demand-paged: KiB of one physical page (64, 128, 256 or 2048; CUDA maps 2 MiB pages, vAttention adds 64-256 KiB); tokens per page = page bytes / (KV bytes per token / (2 x layers x tensor_parallel))"
            ),
            ModelParameter(
                "server.preemption", .string("recompute"),
                "paged and demand-paged, when memory runs out mid-turn: recompute (free the KV, prefill it again) or swap (copy it to DRAM and back)"
            ),
            ModelParameter(
                "server.watermark", .double(0.01),
                "paged and demand-paged: fraction of KV capacity kept free when admitting a turn while others run, [0, 0.5] (vLLM's default 0.01)"
            ),
            ModelParameter(
                "ttl.seconds", .double(10),
                "ttl: seconds a session's KV stays pinned after a tool call; ttl-predicted: the longest pin (> 0)"),
            ModelParameter(
                "ttl.margin", .double(1.5), "ttl-predicted: pin for ttl.margin x the predicted tool-call duration (> 0)"
            ),
            ModelParameter(
                "ttl.full_after_turns", .int(1),
                "ttl-predicted: the cap on pinned calls grows linearly with completed turns, reaching ttl.seconds after this many (1...10000)"
            ),
            ModelParameter(
                "ttl.prediction.error", .string("perfect"),
                "ttl-predicted: error model of the tool-call duration predictor: perfect or lognormal"),
            ModelParameter(
                "ttl.prediction.sigma", .double(0),
                "ttl-predicted, lognormal: standard deviation of the log error (>= 0)"),
            ModelParameter(
                "server.scheduling", .string("request-fcfs"),
                "admission order: request-fcfs (turns in arrival order) or program-fcfs (turns of earlier sessions first, as Continuum schedules programs)"
            ),
            ModelParameter(
                "server.max_batch_tokens", .int(8192),
                "token budget of one step: decode tokens plus prefill chunk tokens (>= 1)"),
            ModelParameter("server.max_running", .int(256), "most turns admitted at once (>= 1)"),
            ModelParameter("server.mfu", .double(0.5), "fraction of peak FLOP/s reached, (0, 1]"),
            ModelParameter("server.mbu", .double(0.8), "fraction of peak HBM bandwidth reached, (0, 1]"),
            ModelParameter("server.step_overhead_us", .double(0), "fixed time per step in microseconds (>= 0)"),
            ModelParameter(
                "server.activation_reserve", .double(0.1), "fraction of GPU memory kept for activations, [0, 1)"),
            ModelParameter(
                "server.kv_capacity_tokens", .int(0),
                "KV capacity in tokens; 0 derives it: (memory x (1 - activation_reserve) - weights) / KV bytes per token"
            ),
            ModelParameter(
                "server.dram_bytes", .double(0),
                "bytes of host DRAM for idle KV (the tiered-lru policy spills there; 0: no DRAM tier)"),
            ModelParameter(
                "server.host_link_gbs", .double(25),
                "HBM <-> DRAM bandwidth in GB/s (10^9 bytes/s; about 25 effective for PCIe 4.0 x16, 50 for PCIe 5.0 x16)"
            ),
            ModelParameter(
                "server.dram_policy", .string("lru"),
                "order in which DRAM drops idle sessions (to SSD, or for good): lru (least recently idle) or one of the paging model's policies: paging-lru, paging-fifo, paging-clock, paging-sieve, paging-lfu, paging-arc"
            ),
            ModelParameter(
                "server.ssd_bytes", .double(0),
                "bytes of SSD behind DRAM: idle KV that DRAM drops moves there (needs server.dram_bytes > 0; 0: no SSD tier)"
            ),
            ModelParameter(
                "server.ssd_gbs", .double(7),
                "SSD <-> DRAM bandwidth in GB/s (about 7 for one PCIe 4.0 NVMe drive's sequential reads)"),
            ModelParameter(
                "workload.source", .string("generated"), "generated (the keys below) or file (a JSONL session trace)"),
            ModelParameter(
                "workload.path", .string(""),
                "file: JSONL trace, one session per line (see SessionTraceReader), relative to the working directory"),
            ModelParameter(
                "workload.users", .int(0),
                "0: open arrivals at arrival_rate; N > 0: a closed population of N users, each starting a new session a think time after its last ends"
            ),
            ModelParameter(
                "workload.arrival_rate", .double(1.0), "session arrivals per second (Poisson, > 0; open workload)"),
            ModelParameter("workload.duration", .double(300), "seconds during which sessions start (> 0)"),
            ModelParameter("workload.turns_mean", .double(5), "mean turns per session (geometric on 1, 2, ...; >= 1)"),
            ModelParameter("workload.prompt_median", .double(200), "median prompt tokens per turn (log-normal, >= 1)"),
            ModelParameter("workload.prompt_sigma", .double(1.0), "log-sd of prompt tokens (>= 0)"),
            ModelParameter("workload.output_median", .double(200), "median output tokens per turn (log-normal, >= 1)"),
            ModelParameter("workload.output_sigma", .double(0.8), "log-sd of output tokens (>= 0)"),
            ModelParameter(
                "workload.think_time_mean", .double(30),
                "mean seconds between a turn's answer and the next prompt (exponential, > 0)"),
            ModelParameter(
                "workload.tool_call_probability", .double(0),
                "probability that the gap after a turn is a tool call instead of think time, [0, 1]"),
            ModelParameter("workload.tool_count", .int(3), "number of tools, chosen uniformly for a call (1...16)"),
            ModelParameter(
                "workload.tool_scale", .double(0.5), "Pareto scale in seconds of tool 0; tool i has scale x 4^i (> 0)"),
            ModelParameter(
                "workload.tool_shape", .double(1.5),
                "Pareto shape of tool-call durations (> 0; <= 2 has infinite variance)"),
            ModelParameter(
                "workload.max_turn_tokens", .int(4096), "cap on prompt and on output tokens of one turn (>= 1)"),
            ModelParameter(
                "workload.system_prompt_tokens", .int(0), "shared system prompt at the start of every session (>= 0)"),
            ModelParameter(
                "server.share_system_prompt", .bool(false),
                "keep one pinned copy of the system prompt's KV in HBM for every session (vLLM-style prefix caching of the common prefix, warm from the start) instead of one per session"
            ),
            ModelParameter(
                "limit_factor", .double(20),
                "simulate at most limit_factor x duration seconds (>= 1); unfinished turns are counted"),
        ]

    public static let metrics: [MetricDefinition] = [
        MetricDefinition(
            "ttft_p50", unit: "s", "median time to first token over completed prefills, queueing included (0 if none)"),
        MetricDefinition("ttft_p90", unit: "s", "90th percentile of the time to first token (type-7 quantile)"),
        MetricDefinition("ttft_p99", unit: "s", "99th percentile of the time to first token"),
        MetricDefinition("tpot_p50", unit: "s", "median time per output token after the first, over completed turns"),
        MetricDefinition("tpot_p90", unit: "s", "90th percentile of the time per output token"),
        MetricDefinition("tpot_p99", unit: "s", "99th percentile of the time per output token"),
        MetricDefinition(
            "normalized_latency_mean", unit: "s/token",
            "mean over completed turns of (arrival to last token) / output tokens: the normalized latency of vLLM (Kwon et al., SOSP 2023), queueing included"
        ),
        MetricDefinition("queueing_delay_mean", unit: "s", "mean seconds from a turn's arrival to its admission"),
        MetricDefinition(
            "session_time_mean", unit: "s",
            "mean seconds from a session's arrival to the end of its last turn (job completion time)"),
        MetricDefinition("session_time_p90", unit: "s", "90th percentile of the session (job) completion time"),
        MetricDefinition(
            "output_tokens_per_s", unit: "tokens/s",
            "output tokens / time of the last session completion; under open-loop arrivals it follows the offered load until the server saturates, so it is not throughput at equal latency (a capacity claim measures that)"
        ),
        MetricDefinition(
            "completed_sessions_per_s", unit: "sessions/s",
            "completed sessions / time of the last session completion (open-loop: follows the offered load until saturation)"
        ),
        MetricDefinition("completed_sessions", unit: "sessions", "sessions whose every turn finished (exact count)"),
        MetricDefinition("completed_turns", unit: "turns", "turns whose answer finished (exact count)"),
        MetricDefinition(
            "rejected_turns", unit: "turns",
            "turns whose history, prompt and output exceed the whole KV capacity (exact count)"),
        MetricDefinition(
            "unfinished_turns", unit: "turns", "turns still queued or running at the time limit (exact count)"),
        MetricDefinition(
            "kv_hit_rate", unit: "ratio",
            "fraction of admitted later turns whose history was still kept (in HBM or DRAM), so not recomputed"),
        MetricDefinition(
            "history_reuse", unit: "ratio",
            "history tokens of admitted later turns whose KV was found (whole or a cached prefix), over all their history tokens"
        ),
        MetricDefinition(
            "prefill_tokens_recomputed", unit: "tokens",
            "history tokens prefilled again because their KV was not retained (exact count)"),
        MetricDefinition("evictions", unit: "sessions", "idle session KV evicted to admit other turns (exact count)"),
        MetricDefinition(
            "hbm_hits", unit: "turns",
            "later turns whose history (whole or a cached prefix) was still in HBM (exact count)"),
        MetricDefinition(
            "dram_hits", unit: "turns",
            "later turns whose history was copied back from DRAM instead of recomputed (exact count)"),
        MetricDefinition(
            "dram_drops", unit: "sessions",
            "idle sessions dropped from DRAM (to SSD, or for good) to make room: DRAM overflowed (exact count)"),
        MetricDefinition("bytes_to_dram", unit: "bytes", "KV bytes moved from HBM to DRAM (exact)"),
        MetricDefinition(
            "bytes_from_dram", unit: "bytes", "KV bytes moved from DRAM to HBM (exact; SSD hits pass through DRAM)"),
        MetricDefinition("ssd_hits", unit: "turns", "later turns whose history came back from SSD (exact count)"),
        MetricDefinition("bytes_to_ssd", unit: "bytes", "KV bytes moved from DRAM to SSD (exact)"),
        MetricDefinition("bytes_from_ssd", unit: "bytes", "KV bytes moved from SSD to DRAM (exact)"),
        MetricDefinition(
            "kv_waste", unit: "ratio",
            "step-time weighted: KV allocated to running turns that holds no token, over that allocation (internal fragmentation and unused reservation)"
        ),
        MetricDefinition(
            "preemptions", unit: "turns",
            "running turns preempted because a growing allocation found no memory (exact count)"),
        MetricDefinition(
            "preemption_tokens_recomputed", unit: "tokens",
            "KV tokens of preempted turns freed and computed again (exact count)"),
        MetricDefinition("bytes_swapped", unit: "bytes", "KV bytes of preempted turns copied to DRAM and back (exact)"),
        MetricDefinition(
            "pin_expiries", unit: "sessions",
            "pinned idle KV evicted because its time-to-live ended first (exact count)"),
        MetricDefinition(
            "batch_size_mean", unit: "turns", "step-time average number of running turns (the admitted batch)"),
        MetricDefinition(
            "hbm_utilisation", unit: "ratio",
            "time-average of reserved and retained KV tokens over the KV capacity (all replicas)"),
        MetricDefinition(
            "gpu_busy_fraction", unit: "ratio",
            "time spent in steps / (replicas x simulated time of the run, its end or the time limit)"),
        MetricDefinition("kv_capacity_tokens", unit: "tokens", "resolved KV capacity of one replica's HBM"),
        MetricDefinition("events", unit: "events", "simulation events handled (exact count)"),
    ]

    public static var policies: [PolicyDescription] {
        KVRetentionRegistry.entries.map { PolicyDescription(key: "retention", name: $0.name, summary: $0.summary) }
    }

    let retentionName: String
    let workload: SessionWorkloadGenerator
    /// The trace file, when `workload.source` is `file`.
    let tracePath: String?
    /// Users of the closed population, 0 for open arrivals.
    let users: Int
    /// Replicas serving the sessions (sticky round-robin).
    let replicas: Int
    /// The resolved server: cost model, capacities, allocator and scheduling.
    let server: SessionServer.Settings
    let limitFactor: Double
    /// The `ttl.*` settings of the TTL policies.
    let ttl: TTLSettings

    public init(config: Configuration) throws {
        retentionName = try config.string("retention", oneOf: KVRetentionRegistry.names)
        if try config.string("workload.source", oneOf: ["generated", "file"]) == "file" {
            let path = try config.string("workload.path")
            guard !path.isEmpty else {
                throw config.error("workload.path", "the file source needs a session trace path")
            }
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw config.error("workload.path", "cannot read session trace '\(path)'")
            }
            tracePath = path
        } else {
            tracePath = nil
        }
        let (model, gpu) = try PresetOverrides.resolve(config)
        let unit = NumberDomain(lower: 0, lowerInclusive: false, upper: 1)
        let cost = RooflineCostModel(
            model: model, gpu: gpu, tensorParallel: try config.int("server.tensor_parallel", in: 1...1_024),
            computeEfficiency: try config.double("server.mfu", allowed: unit),
            bandwidthEfficiency: try config.double("server.mbu", allowed: unit),
            stepOverhead: .seconds(try config.double("server.step_overhead_us", allowed: .nonNegative) * 1e-6))
        let reserve = try config.double(
            "server.activation_reserve", allowed: NumberDomain(lower: 0, upper: 1, upperInclusive: false))
        let given = try config.int("server.kv_capacity_tokens", in: 0...Int(Int32.max))
        let derived = Int(cost.kvCapacityBytes(activationReserve: reserve) / Double(model.kvBytesPerToken))
        guard given > 0 || derived > 0 else {
            throw config.error(
                "server.tensor_parallel",
                "\(model.name) weights do not fit in \(cost.tensorParallel) x \(gpu.name); raise tensor_parallel")
        }
        let kvCapacityTokens = given > 0 ? given : derived
        let users = try config.int("workload.users", in: 0...10_000_000)
        let allocator: KVAllocator
        switch try config.string(
            "server.allocator", oneOf: ["reserve-exact", "reserve-max", "reserve-pow2", "paged", "demand-paged"])
        {
        case "reserve-max":
            allocator = .reserveMax(outputTokens: try config.int("workload.max_turn_tokens", in: 1...10_000_000))
        case "reserve-pow2":
            allocator = .reservePow2(outputTokens: try config.int("workload.max_turn_tokens", in: 1...10_000_000))
        case "paged": allocator = .paged(blockTokens: try config.int("server.block_tokens", in: 1...4_096))
        case "demand-paged":
            let kib = try config.int("server.page_kib", in: 64...2_048)
            guard [64, 128, 256, 2_048].contains(kib) else {
                throw config.error("server.page_kib", "\(kib) is not a page size: use 64, 128, 256 or 2048")
            }
            allocator = .demandPaged(
                pageTokens: KVAllocator.tokensPerPage(
                    pageBytes: kib * 1_024, model: model, tensorParallel: cost.tensorParallel))
        default: allocator = .reserveExact
        }
        let preemption =
            PreemptionMode(
                rawValue: try config.string("server.preemption", oneOf: PreemptionMode.allCases.map(\.rawValue)))
            ?? .recompute
        let watermark = try config.double("server.watermark", allowed: NumberDomain(lower: 0, upper: 0.5))
        let dramPolicy = try config.string("server.dram_policy", oneOf: ["lru"] + KVRetentionRegistry.cachePolicyNames)
        if users > 0, dramPolicy != "lru" {
            throw config.error(
                "server.dram_policy",
                "\(dramPolicy) indexes sessions by id and needs their number in advance: use open arrivals or a trace, not workload.users"
            )
        }
        if users > 0, KVRetentionRegistry.cachePolicyNames.contains(retentionName) {
            throw config.error(
                "retention",
                "\(retentionName) indexes sessions by id and needs their number in advance: use open arrivals or a trace, not workload.users"
            )
        }
        if users > 0, tracePath != nil {
            throw config.error(
                "workload.users", "a closed population and a session trace exclude each other; set users to 0")
        }
        let dramCapacityTokens = Int(
            try config.double("server.dram_bytes", allowed: .nonNegative) / Double(model.kvBytesPerToken))
        let hostLinkBandwidth = try config.double("server.host_link_gbs", allowed: .positive) * 1e9
        let ssdCapacityTokens = Int(
            try config.double("server.ssd_bytes", allowed: .nonNegative) / Double(model.kvBytesPerToken))
        let ssdBandwidth = try config.double("server.ssd_gbs", allowed: .positive) * 1e9
        if ssdCapacityTokens > 0, dramCapacityTokens == 0 {
            throw config.error("server.ssd_bytes", "the SSD tier sits behind DRAM: set server.dram_bytes too")
        }
        let maxBatchTokens = try config.int("server.max_batch_tokens", in: 1...10_000_000)
        let maxRunning = try config.int("server.max_running", in: 1...1_000_000)
        guard maxBatchTokens >= maxRunning else {
            throw config.error(
                "server.max_batch_tokens",
                "\(maxBatchTokens) is below server.max_running \(maxRunning): every running turn decodes one token per step"
            )
        }
        let systemPromptTokens = try config.int("workload.system_prompt_tokens", in: 0...10_000_000)
        let sharesSystemPrompt = try config.bool("server.share_system_prompt")
        let programLevelFCFS =
            try config.string("server.scheduling", oneOf: ["request-fcfs", "program-fcfs"]) == "program-fcfs"
        let sharedPrefixTokens: Int
        if sharesSystemPrompt {
            sharedPrefixTokens = systemPromptTokens
        } else if retentionName == PrefixCacheRetention.name {
            guard allocator.grows else {
                throw config.error(
                    "server.allocator", "prefix-cache caches KV blocks: use the paged or demand-paged allocator")
            }
            // Full blocks of the common prefix hash alike in every session: one copy.
            sharedPrefixTokens = systemPromptTokens / allocator.granularity * allocator.granularity
        } else {
            sharedPrefixTokens = 0
        }
        if allocator.rounded(sharedPrefixTokens) >= kvCapacityTokens {
            throw config.error(
                "workload.system_prompt_tokens",
                "a shared system prompt of \(systemPromptTokens) tokens leaves no KV capacity (\(kvCapacityTokens) tokens)"
            )
        }
        let ttlError = try config.string("ttl.prediction.error", oneOf: ["perfect", "lognormal"])
        let ttlSigma = try config.double("ttl.prediction.sigma", allowed: .nonNegative)
        ttl = TTLSettings(
            ttl: .seconds(try config.double("ttl.seconds", allowed: .positive)),
            margin: try config.double("ttl.margin", allowed: .positive),
            errorModel: ttlError == "lognormal" ? .logNormalNoise(sigma: ttlSigma) : .perfect,
            fullAfterTurns: try config.int("ttl.full_after_turns", in: 1...10_000))
        limitFactor = try config.double("limit_factor", allowed: NumberDomain(lower: 1))
        var generator = SessionWorkloadGenerator(
            arrivalRate: try config.double("workload.arrival_rate", allowed: .positive),
            duration: try config.double("workload.duration", allowed: .positive),
            turnsMean: try config.double("workload.turns_mean", allowed: NumberDomain(lower: 1)),
            promptMedian: try config.double("workload.prompt_median", allowed: NumberDomain(lower: 1)),
            promptSigma: try config.double("workload.prompt_sigma", allowed: .nonNegative),
            outputMedian: try config.double("workload.output_median", allowed: NumberDomain(lower: 1)),
            outputSigma: try config.double("workload.output_sigma", allowed: .nonNegative),
            thinkTimeMean: try config.double("workload.think_time_mean", allowed: .positive),
            maxTurnTokens: try config.int("workload.max_turn_tokens", in: 1...10_000_000))
        generator.toolCallProbability = try config.double("workload.tool_call_probability", allowed: .probability)
        generator.toolCount = try config.int("workload.tool_count", in: 1...16)
        generator.toolScale = try config.double("workload.tool_scale", allowed: .positive)
        generator.toolShape = try config.double("workload.tool_shape", allowed: .positive)
        workload = generator
        self.users = users
        replicas = try config.int("server.replicas", in: 1...1_024)
        server = SessionServer.Settings(
            cost: cost, kvCapacityTokens: kvCapacityTokens, maxBatchTokens: maxBatchTokens, maxRunning: maxRunning,
            systemPromptTokens: systemPromptTokens, sharedPrefixTokens: sharedPrefixTokens, allocator: allocator,
            dramCapacityTokens: dramCapacityTokens, hostLinkBandwidth: hostLinkBandwidth,
            ssdCapacityTokens: ssdCapacityTokens,
            ssdBandwidth: ssdBandwidth, dramOrder: CachePolicyKind(rawValue: dramPolicy), preemption: preemption,
            admissionWatermarkTokens: Int(watermark * Double(kvCapacityTokens)),
            programLevelFCFS: programLevelFCFS)
    }

    public func run(seed: UInt64) throws -> MetricRow {
        try run(seed: seed, checkingInvariants: false).row
    }

    /// A run, optionally checking the server's bookkeeping after every event (for tests);
    /// also returns the number of events after which it failed.
    func run(seed: UInt64, checkingInvariants: Bool) throws -> (row: MetricRow, violations: Int) {
        let sessions: [SessionSpec]
        if let tracePath {
            sessions = try SessionTraceReader.read(path: tracePath)
        } else if users > 0 {
            sessions = []
        } else {
            var random = RandomSource(seed: seed).split("workload")
            sessions = workload.generate(using: &random)
        }
        guard let entry = KVRetentionRegistry.entries.first(where: { $0.name == retentionName }) else {
            throw ConfigError("retention", "unknown retention policy '\(retentionName)'")
        }
        var settings = server
        settings.checksInvariants = checkingInvariants
        let lastArrival = sessions.map(\.arrival.seconds).max() ?? 0
        let limit = SimTime.seconds(max(workload.duration, lastArrival) * limitFactor)
        // Sticky round-robin routing: session (or user) i is served by replica i mod R for
        // all its turns, so the replicas are independent simulations whose observations merge.
        var r = SessionMetricsRecorder()
        for replica in 0..<replicas {
            let mine = stride(from: replica, to: sessions.count, by: replicas).map { sessions[$0] }
            let population =
                users > 0
                ? SessionServer.ClosedPopulation(
                    users: Array(stride(from: replica, to: users, by: replicas)), until: .seconds(workload.duration),
                    generator: workload,
                    root: RandomSource(seed: seed).split("workload"))
                : nil
            let label = replica == 0 ? "retention predictor" : "retention predictor replica \(replica)"
            let context = RetentionContext(
                sessions: mine.count, cost: server.cost, ttl: ttl, random: RandomSource(seed: seed).split(label))
            var simulation = SessionServer(
                settings: settings, sessions: mine, retention: entry.make(context), population: population)
            r.merge(simulation.run(limit: limit))
        }
        func quantile(_ values: [Double], _ p: Double) throws -> Double {
            values.isEmpty ? 0 : try Quantile.ofSorted(values.sorted(), probability: p)
        }
        func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
        let end = r.lastCompletion.seconds
        return (
            MetricRow([
                "ttft_p50": try quantile(r.ttft, 0.5), "ttft_p90": try quantile(r.ttft, 0.9),
                "ttft_p99": try quantile(r.ttft, 0.99),
                "tpot_p50": try quantile(r.tpot, 0.5), "tpot_p90": try quantile(r.tpot, 0.9),
                "tpot_p99": try quantile(r.tpot, 0.99),
                "normalized_latency_mean": mean(r.normalizedLatency),
                "queueing_delay_mean": mean(r.queueingDelays), "session_time_mean": mean(r.sessionTimes),
                "session_time_p90": try quantile(r.sessionTimes, 0.9),
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
                "kv_capacity_tokens": Double(server.kvCapacityTokens), "events": Double(r.events),
            ]), r.invariantViolations
        )
    }
}
