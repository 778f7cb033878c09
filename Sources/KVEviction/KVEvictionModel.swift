import SimCore

/// The `kv-eviction` model: one sequence's attention, head by head, replayed through a
/// token-level KV eviction policy that holds each head's cache to a budget during decoding.
///
/// ```
/// for each of heads x layers streams (independent, seeded by `attention stream s`):
///   steps 0 ..< prefill: the prompt (every token cached)
///   at the last prefill step and every decode step over the budget: the policy evicts
///   at every decode step, before its evictions: recall, output error, critical and
///   recurrence measurements against full attention
/// ```
/// With `budget.scope: layer` the heads of each layer step together and share one budget
/// (`SharedBudgetSimulation`).
/// Randomness: the attention of stream s comes from `attention stream s` (so every policy
/// and budget sees the same attention for the same seed), a policy's own draws from
/// `policy stream s`. Policies that read the future get a first pass over a copy of the
/// stream.
public struct KVEvictionModel: Model {
    public static let kind = "kv-eviction"
    public static let summary =
        "token-level KV eviction: attention replayed through a policy under a cache budget (recall, output error)"

    public static let parameters: [ModelParameter] =
        [
            ModelParameter("policy", .string("h2o"), .choice(TokenPolicyRegistry.names), "token eviction policy")
        ] + attentionParameters + budgetParameters + TokenPolicyTuning.parameters

    public static let metrics: [MetricDefinition] = [
        MetricDefinition(
            "attention_recall", unit: "ratio",
            "full-attention mass on the cached tokens, mean over decode steps and heads (exact for the run)"),
        MetricDefinition("attention_recall_min", unit: "ratio", "the least recall of any decode step and head"),
        MetricDefinition(
            "output_error", unit: "ratio",
            "relative L2 distance of the attention output over the cached (stored) values, softmax renormalised, from the full output; mean over decode steps and heads"
        ),
        MetricDefinition(
            "critical_miss_rate", unit: "ratio",
            "decode steps and heads at which a token of full-attention weight >= metrics.critical_weight had been evicted, over all"
        ),
        MetricDefinition(
            "recurrence_hit_rate", unit: "ratio",
            "re-activations of recurring tokens during decoding that find the token cached, over all (0 when there are none)"
        ),
        MetricDefinition(
            "reactivations", unit: "events", "re-activations of recurring tokens during decoding, all heads"),
        MetricDefinition(
            "kv_bytes_peak", unit: "bytes",
            "the most KV bytes held between decode steps, all heads: tokens x 2 (keys, values) x kv.head_dim x kv.bits / 8"
        ),
        MetricDefinition(
            "compression", unit: "ratio", "KV bytes of the whole sequence at 16 bits, all heads, over kv_bytes_peak"),
        MetricDefinition("evictions", unit: "tokens", "tokens evicted, all heads (exact count)"),
        MetricDefinition("budget_tokens", unit: "tokens", "the resolved budget of each head's cache"),
    ]

    public static var policies: [PolicyDescription] {
        TokenPolicyRegistry.entries.map { PolicyDescription(key: "policy", name: $0.name, summary: $0.summary) }
    }

    let policy: TokenPolicyRegistry.Entry
    /// The attention's shape and, when synthetic, its parts.
    let attention: SyntheticAttentionSettings
    /// The recorded trace, when `attention.source` is `file` (read when a run starts).
    let tracePath: String?
    let budget: Int
    /// Whether the heads of each layer share `heads x budget` tokens.
    let sharedBudget: Bool
    let bits: Int
    let headDimension: Int
    let criticalWeight: Double
    let tuning: TokenPolicyTuning

    public init(config: Configuration) throws {
        let config = try config.declaring(Self.parameters)
        policy = try config.entry("policy", from: TokenPolicyRegistry.entries)
        (attention, tracePath) = try Self.attentionSettings(config)
        tuning = try TokenPolicyTuning(config: config)
        bits = try config.int("kv.bits")
        try config.require([4, 8, 16].contains(bits), "kv.bits", "must be 16, 8 or 4")
        headDimension = try config.int("kv.head_dim")
        criticalWeight = try config.double("metrics.critical_weight")
        budget = try Self.budget(config, policy: policy.name, length: attention.length)
        try Self.checkFits(config, policy: policy.name, budget: budget, tuning: tuning)
        sharedBudget = try Self.sharesBudget(config, policy: policy, tuning: tuning)
    }

    public func run(seed: UInt64) throws -> MetricRow {
        let root = RandomSource(seed: seed)
        let recorded = try tracePath.map { path in
            try InputFileCache.shared.value(
                for: InputFileCache.key(path: path, format: "kv-attention"), path: path
            ) { try RecordedAttention.read(path: path) }
        }
        var heads: [HeadMeasurements] = []
        if sharedBudget {
            for layer in 0..<attention.layers {
                let streams = Array(layer * attention.heads..<(layer + 1) * attention.heads)
                if let recorded {
                    heads += try runLayer(
                        streams, sources: streams.map { recordedHead(recorded, stream: $0, root: root) }, root: root)
                } else {
                    heads += try runLayer(
                        streams, sources: streams.map { HeadSimulation.attention(attention, stream: $0, root: root) },
                        root: root)
                }
            }
            return row(heads)
        }
        for stream in 0..<attention.streams {
            if let recorded {
                heads.append(
                    try run(stream: stream, source: recordedHead(recorded, stream: stream, root: root), root: root))
            } else {
                heads.append(
                    try run(
                        stream: stream, source: HeadSimulation.attention(attention, stream: stream, root: root),
                        root: root))
            }
        }
        return row(heads)
    }

    private func recordedHead(_ recorded: RecordedAttention, stream: Int, root: RandomSource) -> RecordedAttentionHead {
        RecordedAttentionHead(
            trace: recorded, stream: stream, dimension: attention.valueDimension,
            random: root.split("values stream \(stream)"))
    }

    private var simulation: HeadSimulation {
        HeadSimulation(settings: attention, budget: budget, bits: bits, criticalWeight: Float(criticalWeight))
    }

    /// The fresh policy of stream `stream`, given its future when it reads one.
    private func makePolicy(stream: Int, future: TokenFuture?, root: RandomSource) -> any TokenEvictionPolicy {
        policy.make(
            TokenPolicyContext(
                budget: budget, prefill: attention.prefill, decode: attention.decode, tuning: tuning,
                random: root.split("policy stream \(stream)"), future: future))
    }

    /// One layer's streams through fresh policies sharing the layer's budget.
    private func runLayer<Source: AttentionSource>(_ streams: [Int], sources: [Source], root: RandomSource) throws
        -> [HeadMeasurements]
    {
        let simulation = simulation
        let futures = sources.map {
            policy.reads.isEmpty ? nil : simulation.future(of: $0, usefulShare: tuning.trimUsefulShare)
        }
        var policies: [any SharedBudgetPolicy] = []
        for (stream, future) in zip(streams, futures) {
            guard let shared = makePolicy(stream: stream, future: future, root: root) as? any SharedBudgetPolicy else {
                throw InvariantViolation("\(policy.name) cannot share a budget (checked when the spec was read)")
            }
            policies.append(shared)
        }
        return try SharedBudgetSimulation(simulation: simulation).run(&policies, sources: sources, futures: futures)
    }

    /// One stream's run through a fresh policy.
    private func run<Source: AttentionSource>(stream: Int, source: Source, root: RandomSource) throws
        -> HeadMeasurements
    {
        let simulation = simulation
        let future = policy.reads.isEmpty ? nil : simulation.future(of: source, usefulShare: tuning.trimUsefulShare)
        var chosen = makePolicy(stream: stream, future: future, root: root)
        return try simulation.run(&chosen, attention: source, future: future)
    }
}
