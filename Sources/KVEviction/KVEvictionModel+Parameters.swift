import SimCore

extension KVEvictionModel {
    private static let synthetic = ParameterCondition.when("attention.source", is: "synthetic")

    /// The keys of the sequence, the synthetic attention and the values.
    static let attentionParameters: [ModelParameter] = [
        ModelParameter(
            "attention.source", .string("synthetic"), .choice(["synthetic", "file"]),
            "synthetic: seeded attention from the documented parts below; file: a recorded trace (attention.path)"),
        ModelParameter(
            "attention.path", .string(""), .file,
            "file: the recorded attention trace (format in the README; tools/kv_attention_trace.py writes it)",
            appliesWhen: .when("attention.source", is: "file")),
        ModelParameter(
            "sequence.prefill", .int(512), .integer(1...65_536), "prompt tokens (no eviction while they are processed)",
            appliesWhen: synthetic),
        ModelParameter(
            "sequence.decode", .int(512), .integer(1...65_536), "decode steps (one new token each)",
            appliesWhen: synthetic),
        ModelParameter("attention.heads", .int(4), .integer(1...256), "heads per layer", appliesWhen: synthetic),
        ModelParameter(
            "attention.layers", .int(1), .integer(1...256), "layers (heads x layers independent streams)",
            appliesWhen: synthetic),
        ModelParameter(
            "attention.sinks", .int(4), .integer(0...65_536), "the first positions that get the sink bonus",
            appliesWhen: synthetic),
        ModelParameter(
            "attention.sink_bonus", .double(4), .number(.nonNegative),
            "logit bonus of the sink positions (0: no sinks)", appliesWhen: synthetic),
        ModelParameter(
            "attention.recency_bonus", .double(2), .number(.nonNegative),
            "logit bonus of the newest position, halving every recency_half_life steps of age (0: no recency)",
            appliesWhen: synthetic),
        ModelParameter(
            "attention.recency_half_life", .double(16), .number(.positive), "steps over which the recency bonus halves",
            appliesWhen: synthetic),
        ModelParameter(
            "attention.heavy_alpha", .double(1), .number(.nonNegative),
            "Zipf exponent of the tokens' intrinsic importance, -alpha ln(rank) with rank uniform on 1...length (0: no heavy hitters)",
            appliesWhen: synthetic),
        ModelParameter(
            "attention.persistence", .double(1), .number(.probability),
            "probability that a token keeps its importance at each persistence window (1: importance never changes)",
            appliesWhen: synthetic),
        ModelParameter(
            "attention.persistence_window", .int(64), .integer(1...65_536), "steps between importance redraws",
            appliesWhen: synthetic),
        ModelParameter(
            "attention.recurrence_share", .double(0), .number(.probability),
            "share of tokens that re-activate periodically (0: no recurrence)", appliesWhen: synthetic),
        ModelParameter(
            "attention.recurrence_period", .int(128), .integer(2...65_536),
            "steps between a recurring token's activations", appliesWhen: synthetic),
        ModelParameter(
            "attention.recurrence_jitter", .int(16), .integer(0...65_536),
            "a recurring token's period is recurrence_period plus a uniform integer in [-jitter, jitter] (at least 2)",
            appliesWhen: synthetic),
        ModelParameter(
            "attention.recurrence_boost", .double(6), .number(.nonNegative), "logit bonus of an active recurring token",
            appliesWhen: synthetic),
        ModelParameter(
            "attention.recurrence_duration", .int(2), .integer(1...65_536), "steps each activation lasts",
            appliesWhen: synthetic),
        ModelParameter(
            "attention.temperature_min", .double(0.5), .number(.positive),
            "softmax temperature of the sharpest head (the first of each layer)", appliesWhen: synthetic),
        ModelParameter(
            "attention.temperature_max", .double(2), .number(.positive),
            "softmax temperature of the flattest head (the last of each layer); log-spaced between",
            appliesWhen: synthetic),
        ModelParameter(
            "values.dim", .int(8), .integer(1...64), "dimension of each token's value vector (standard normal)"),
    ]

    /// The keys of the budget, the stored bytes and the measurements.
    static let budgetParameters: [ModelParameter] = [
        ModelParameter(
            "budget.tokens", .int(0), .integer(0...65_536),
            "tokens each head's cache may hold between steps; 0: use budget.fraction",
            appliesWhen: .when("policy", isOneOf: TokenPolicyRegistry.names.filter { $0 != "full" })),
        ModelParameter(
            "budget.fraction", .double(0.2), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1)),
            "the budget as a fraction of the sequence (prefill + decode), rounded, at least 1; used when budget.tokens is 0",
            appliesWhen: .when("policy", isOneOf: TokenPolicyRegistry.names.filter { $0 != "full" })),
        ModelParameter(
            "budget.scope", .string("head"), .choice(["head", "layer"]),
            "head: each head's cache holds its own budget; layer: the heads of each layer share heads x the budget, evicting the pooled tokens of least score (Ada-KV's flattened selection; window, streaming-llm, h2o, trim-kv and oracle)",
            appliesWhen: .when("policy", isOneOf: TokenPolicyRegistry.names.filter { $0 != "full" })),
        ModelParameter(
            "kv.bits", .int(16), .integer(4...16),
            "bits per stored value: 16 (the reference), 8 or 4 (per-token symmetric quantisation of the values)"),
        ModelParameter("kv.head_dim", .int(128), .integer(1...1_024), "head dimension, for KV bytes (keys and values)"),
        ModelParameter(
            "metrics.critical_weight", .double(0.05), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1)),
            "a token whose full-attention weight reaches this is critical (critical_miss_rate)"
        ),
    ]
}
