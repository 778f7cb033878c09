import SimCore

extension KVEvictionModel {
    /// The keys of the sequence, the synthetic attention and the values.
    static let attentionParameters: [ModelParameter] = [
        ModelParameter(
            "attention.source", .string("synthetic"), .choice(["synthetic"]),
            "synthetic: seeded attention from the documented parts below"),
        ModelParameter(
            "sequence.prefill", .int(512), .integer(1...65_536), "prompt tokens (no eviction while they are processed)"),
        ModelParameter("sequence.decode", .int(512), .integer(1...65_536), "decode steps (one new token each)"),
        ModelParameter("attention.heads", .int(4), .integer(1...256), "heads per layer"),
        ModelParameter("attention.layers", .int(1), .integer(1...256), "layers (heads x layers independent streams)"),
        ModelParameter("attention.sinks", .int(4), .integer(0...65_536), "the first positions that get the sink bonus"),
        ModelParameter(
            "attention.sink_bonus", .double(4), .number(.nonNegative), "logit bonus of the sink positions (0: no sinks)"
        ),
        ModelParameter(
            "attention.recency_bonus", .double(2), .number(.nonNegative),
            "logit bonus of the newest position, halving every recency_half_life steps of age (0: no recency)"),
        ModelParameter(
            "attention.recency_half_life", .double(16), .number(.positive), "steps over which the recency bonus halves"),
        ModelParameter(
            "attention.heavy_alpha", .double(1), .number(.nonNegative),
            "Zipf exponent of the tokens' intrinsic importance, -alpha ln(rank) with rank uniform on 1...length (0: no heavy hitters)"
        ),
        ModelParameter(
            "attention.persistence", .double(1), .number(.probability),
            "probability that a token keeps its importance at each persistence window (1: importance never changes)"),
        ModelParameter(
            "attention.persistence_window", .int(64), .integer(1...65_536), "steps between importance redraws"),
        ModelParameter(
            "attention.recurrence_share", .double(0), .number(.probability),
            "share of tokens that re-activate periodically (0: no recurrence)"),
        ModelParameter(
            "attention.recurrence_period", .int(128), .integer(2...65_536),
            "steps between a recurring token's activations"),
        ModelParameter(
            "attention.recurrence_jitter", .int(16), .integer(0...65_536),
            "a recurring token's period is recurrence_period plus a uniform integer in [-jitter, jitter] (at least 2)"),
        ModelParameter(
            "attention.recurrence_boost", .double(6), .number(.nonNegative), "logit bonus of an active recurring token"),
        ModelParameter(
            "attention.recurrence_duration", .int(2), .integer(1...65_536), "steps each activation lasts"),
        ModelParameter(
            "attention.temperature_min", .double(0.5), .number(.positive),
            "softmax temperature of the sharpest head (the first of each layer)"),
        ModelParameter(
            "attention.temperature_max", .double(2), .number(.positive),
            "softmax temperature of the flattest head (the last of each layer); log-spaced between"),
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
            "kv.bits", .int(16), .integer(4...16),
            "bits per stored value: 16 (the reference), 8 or 4 (per-token symmetric quantisation of the values)"),
        ModelParameter("kv.head_dim", .int(128), .integer(1...1_024), "head dimension, for KV bytes (keys and values)"),
        ModelParameter(
            "metrics.critical_weight", .double(0.05), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1)),
            "a token whose full-attention weight reaches this is critical (critical_miss_rate, and trim-kv's lifetimes)"
        ),
    ]
}
