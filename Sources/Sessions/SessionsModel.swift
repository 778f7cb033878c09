import CachePolicies
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
                "retention", .string("hbm-lru"), .choice(KVRetentionRegistry.names),
                "KV retention policy"),
            ModelParameter(
                "model", .string("llama-3.1-8b"), .choice(TransformerPreset.all.map(\.name)),
                "model preset"),
            ModelParameter(
                "gpu", .string("h100-sxm"), .choice(GPUPreset.names),
                "GPU preset (h100-80gb: the H100 SXM's earlier name)"),
        ] + PresetOverrides.parameters + CostParameters.parameters + [
            ModelParameter(
                "server.tensor_parallel", .int(1), .integer(1...1_024),
                "GPUs per replica: FLOP/s, bandwidth and memory scale with it, and each layer adds two all-reduces over hw.interconnect_gbs (none under engine roofline-v1)"
            ),
            ModelParameter(
                "server.replicas", .int(1), .integer(1...1_024),
                "identical replicas; session (or closed-population user) i is served by replica i mod replicas for all its turns (sticky round-robin routing, so each replica keeps its sessions' KV)"
            ),
            ModelParameter(
                "server.allocator", .string("reserve-exact"),
                .choice(["reserve-exact", "reserve-max", "reserve-pow2", "paged", "demand-paged"]),
                "KV allocation: reserve-exact (reserve the turn's actual output; an oracle), reserve-max (reserve workload.max_turn_tokens of output, as allocators that pre-allocate the maximum length), reserve-pow2 (reserve the output rounded up to a power of two, at most workload.max_turn_tokens: Orca (Pow2)), paged (vLLM blocks of server.block_tokens, grown as tokens are generated) or demand-paged (vAttention: physical pages of server.page_kib per layer's K or V buffer, mapped on demand)"
            ),
            ModelParameter(
                "server.block_tokens", .int(16), .integer(1...4_096),
                "paged: tokens per KV block (vLLM's default is 16)", appliesWhen: .when("server.allocator", is: "paged")
            ),
            ModelParameter(
                "server.page_kib", .int(2048), .integer(64...2_048),
                "demand-paged: KiB of one physical page (64, 128, 256 or 2048; CUDA maps 2 MiB pages, vAttention adds 64-256 KiB); tokens per page = page bytes / (KV bytes per token / (2 x layers x tensor_parallel))",
                appliesWhen: .when("server.allocator", is: "demand-paged")
            ),
            ModelParameter(
                "server.preemption", .string("recompute"), .choice(PreemptionMode.allCases.map(\.rawValue)),
                "paged and demand-paged, when memory runs out mid-turn: recompute (free the KV, prefill it again) or swap (copy it to DRAM and back)",
                appliesWhen: .when("server.allocator", is: "paged", "demand-paged")
            ),
            ModelParameter(
                "server.watermark", .double(0.01), .number(NumberDomain(lower: 0, upper: 0.5)),
                "paged and demand-paged: fraction of KV capacity kept free when admitting a turn while others run (vLLM's default 0.01)",
                appliesWhen: .when("server.allocator", is: "paged", "demand-paged")
            ),
            ModelParameter(
                "ttl.seconds", .double(10), .number(.positive),
                "ttl: seconds a session's KV stays pinned after a tool call; ttl-predicted: the longest pin",
                appliesWhen: .when("retention", is: "ttl", "ttl-predicted")),
            ModelParameter(
                "ttl.margin", .double(1.5), .number(.positive),
                "ttl-predicted: pin for ttl.margin x the predicted tool-call duration",
                appliesWhen: .when("retention", is: "ttl-predicted")),
            ModelParameter(
                "ttl.full_after_turns", .int(1), .integer(1...10_000),
                "ttl-predicted: the cap on pinned calls grows linearly with completed turns, reaching ttl.seconds after this many",
                appliesWhen: .when("retention", is: "ttl-predicted")
            ),
            ModelParameter(
                "ttl.prediction.error", .string("perfect"), .choice(["perfect", "lognormal"]),
                "ttl-predicted: error model of the tool-call duration predictor: perfect or lognormal",
                appliesWhen: .when("retention", is: "ttl-predicted")),
            ModelParameter(
                "ttl.prediction.sigma", .double(0), .number(.nonNegative),
                "ttl-predicted, lognormal: standard deviation of the log error",
                appliesWhen: .when("retention", is: "ttl-predicted")),
            ModelParameter(
                "server.scheduling", .string("request-fcfs"), .choice(["request-fcfs", "program-fcfs"]),
                "admission order: request-fcfs (turns in arrival order) or program-fcfs (turns of earlier sessions first, as Continuum schedules programs)"
            ),
            ModelParameter(
                "server.max_batch_tokens", .int(8192), .integer(1...10_000_000),
                "token budget of one step: decode tokens plus prefill chunk tokens"),
            ModelParameter(
                "server.max_running", .int(256), .integer(1...1_000_000),
                "most turns admitted at once"),
            ModelParameter(
                "server.activation_reserve", .double(0.1),
                .number(NumberDomain(lower: 0, upper: 1, upperInclusive: false)),
                "fraction of GPU memory kept for activations"),
            ModelParameter(
                "server.kv_capacity_tokens", .int(0), .integer(0...Int(Int32.max)),
                "KV capacity in tokens; 0 derives it: (memory x (1 - activation_reserve) - weights) / KV bytes per token"
            ),
            ModelParameter(
                "server.kv_keep_fraction", .double(1), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1)),
                "token eviction: once its prefill ends (which holds the whole prompt) a turn keeps fraction x its final tokens of KV (the kv-eviction model's budget.fraction; H2O's cache once the prompt is compressed), which bounds its memory, KV reads and attention; the quality this costs is measured by kv-eviction, not here (below 1: stateless retention, no shared system prompt)"
            ),
            ModelParameter(
                "server.dram_bytes", .double(0), .number(.nonNegative),
                "bytes of host DRAM for idle KV (the tiered-lru policy spills there; 0: no DRAM tier)"),
            ModelParameter(
                "server.host_link_gbs", .double(25), .number(.positive),
                "HBM <-> DRAM bandwidth in GB/s (10^9 bytes/s; about 25 effective for PCIe 4.0 x16, 50 for PCIe 5.0 x16)"
            ),
            ModelParameter(
                "server.dram_policy", .string("lru"), .choice(["lru"] + KVRetentionRegistry.cachePolicyNames),
                "order in which DRAM drops idle sessions (to SSD, or for good): lru (least recently idle) or a classic cache policy over sessions: session-lru, session-fifo, session-clock, session-sieve, session-lfu, session-arc",
                appliesWhen: .whenPositive("server.dram_bytes")),
            ModelParameter(
                "server.ssd_bytes", .double(0), .number(.nonNegative),
                "bytes of SSD behind DRAM: idle KV that DRAM drops moves there (needs server.dram_bytes > 0; 0: no SSD tier)"
            ),
            ModelParameter(
                "server.ssd_gbs", .double(7), .number(.positive),
                "SSD <-> DRAM bandwidth in GB/s (about 7 for one PCIe 4.0 NVMe drive's sequential reads)",
                appliesWhen: .whenPositive("server.ssd_bytes")),
            ModelParameter(
                "workload.source", .string("generated"), .choice(["generated", "file"]),
                "generated (the keys below) or file (a JSONL session trace)"),
            ModelParameter(
                "workload.path", .string(""), .file,
                "file: JSONL trace, one session per line (see SessionTraceReader)",
                appliesWhen: .when("workload.source", is: "file")),
            ModelParameter(
                "workload.users", .int(0), .integer(0...10_000_000),
                "0: open arrivals at arrival_rate; N > 0: a closed population of N users, each starting a new session a think time after its last ends"
            ),
            ModelParameter(
                "workload.arrival_rate", .double(1.0), .number(.positive),
                "session arrivals per second (Poisson; open workload)"),
            ModelParameter(
                "workload.duration", .double(300), .number(.positive),
                "seconds during which sessions start"),
            ModelParameter(
                "workload.turns_mean", .double(5), .number(NumberDomain(lower: 1)),
                "mean turns per session (geometric on 1, 2, ...)"),
            ModelParameter(
                "workload.prompt_median", .double(200), .number(NumberDomain(lower: 1)),
                "median prompt tokens per turn (log-normal)"),
            ModelParameter(
                "workload.prompt_sigma", .double(1.0), .number(.nonNegative),
                "log-sd of prompt tokens"),
            ModelParameter(
                "workload.output_median", .double(200), .number(NumberDomain(lower: 1)),
                "median output tokens per turn (log-normal)"),
            ModelParameter(
                "workload.output_sigma", .double(0.8), .number(.nonNegative),
                "log-sd of output tokens"),
            ModelParameter(
                "workload.think_time_mean", .double(30), .number(.positive),
                "mean seconds between a turn's answer and the next prompt (exponential)"),
            ModelParameter(
                "workload.tool_call_probability", .double(0), .number(.probability),
                "probability that the gap after a turn is a tool call instead of think time"),
            ModelParameter(
                "workload.tool_count", .int(3), .integer(1...16),
                "number of tools, chosen uniformly for a call"),
            ModelParameter(
                "workload.tool_scale", .double(0.5), .number(.positive),
                "Pareto scale in seconds of tool 0; tool i has scale x 4^i"),
            ModelParameter(
                "workload.tool_shape", .double(1.5), .number(.positive),
                "Pareto shape of tool-call durations (<= 2 has infinite variance)"),
            ModelParameter(
                "workload.max_turn_tokens", .int(4096), .integer(1...10_000_000),
                "cap on prompt and on output tokens of one turn"),
            ModelParameter(
                "workload.system_prompt_tokens", .int(0), .integer(0...10_000_000),
                "shared system prompt at the start of every session"),
            ModelParameter(
                "server.share_system_prompt", .bool(false), .flag,
                "keep one pinned copy of the system prompt's KV in HBM for every session (vLLM-style prefix caching of the common prefix, warm from the start) instead of one per session"
            ),
            ModelParameter(
                "limit_factor", .double(20), .number(NumberDomain(lower: 1)),
                "simulate at most limit_factor x duration seconds; unfinished turns are counted"),
        ] + ExternalPolicySettings.parameters(policyKey: "retention")

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
            "last_completion_s", unit: "s",
            "seconds from the start to the last completed turn: a benchmark's duration when its requests arrive at the start"
        ),
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

    /// The retention policy, resolved once.
    let retention: KVRetentionRegistry.Entry
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
    /// How to start the `external` retention policy's process (`nil` under other policies).
    let external: ExternalPolicySettings?

    public init(config: Configuration) throws {
        let config = try config.declaring(Self.parameters)
        retention = try config.entry("retention", from: KVRetentionRegistry.entries)
        tracePath = try Self.tracePath(config)
        users = try config.int("workload.users")
        try Self.checkClosedPopulation(config, users: users, retention: retention.name, tracePath: tracePath)
        server = try Self.serverSettings(config, retention: retention.name)
        ttl = try Self.ttlSettings(config)
        external = try ExternalPolicySettings(config: config, policyKey: "retention")
        workload = try Self.workloadGenerator(config)
        replicas = try config.int("server.replicas")
        limitFactor = try config.double("limit_factor")
    }

    public func run(seed: UInt64) throws -> MetricRow {
        try run(seed: seed, checkingInvariants: false).row
    }

    /// A run, optionally checking the server's bookkeeping after every event (for tests);
    /// also returns the number of events after which it failed.
    func run(seed: UInt64, checkingInvariants: Bool) throws -> (row: MetricRow, violations: Int) {
        let sessions: [SessionSpec]
        if let tracePath {
            sessions = try InputFileCache.shared.value(
                for: InputFileCache.key(path: tracePath, format: "sessions-jsonl"), path: tracePath
            ) {
                try SessionTraceReader.read(path: tracePath)
            }
        } else if users > 0 {
            sessions = []
        } else {
            var random = RandomSource(seed: seed).split("workload")
            sessions = workload.generate(using: &random)
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
                sessions: mine.count, cost: server.cost, ttl: ttl, random: RandomSource(seed: seed).split(label),
                external: external)
            var simulation = SessionServer(
                settings: settings, sessions: mine, retention: retention.make(context), population: population)
            r.merge(simulation.run(limit: limit))
            if let failure = simulation.hbm.policy.failure { throw failure }
        }
        return (try Self.row(r, kvCapacityTokens: server.kvCapacityTokens), r.invariantViolations)
    }
}
