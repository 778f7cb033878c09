import SimCore

extension KVEvictionModel {
    /// The attention `config` describes; for a recorded trace, the shape (prefill, decode,
    /// heads, layers) comes from the trace's header and `path` is its file.
    static func attentionSettings(_ config: Configuration) throws -> (SyntheticAttentionSettings, path: String?) {
        var s = SyntheticAttentionSettings()
        s.valueDimension = try config.int("values.dim")
        if try config.string("attention.source") == "file" {
            let path = try config.path("attention.path")
            try config.require(!path.isEmpty, "attention.path", "attention.source file needs a trace file")
            let header = try RecordedAttention.header(path: path)
            (s.prefill, s.decode, s.heads, s.layers) = (
                header.prefill, header.steps - header.prefill, header.heads, header.layers
            )
            return (s, path)
        }
        s.prefill = try config.int("sequence.prefill")
        s.decode = try config.int("sequence.decode")
        s.heads = try config.int("attention.heads")
        s.layers = try config.int("attention.layers")
        s.sinks = try config.int("attention.sinks")
        s.sinkBonus = try config.double("attention.sink_bonus")
        s.recencyBonus = try config.double("attention.recency_bonus")
        s.recencyHalfLife = try config.double("attention.recency_half_life")
        s.heavyAlpha = try config.double("attention.heavy_alpha")
        s.persistence = try config.double("attention.persistence")
        s.persistenceWindow = try config.int("attention.persistence_window")
        s.recurrenceShare = try config.double("attention.recurrence_share")
        s.recurrencePeriod = try config.int("attention.recurrence_period")
        s.recurrenceJitter = try config.int("attention.recurrence_jitter")
        s.recurrenceBoost = try config.double("attention.recurrence_boost")
        s.recurrenceDuration = try config.int("attention.recurrence_duration")
        s.temperatureMin = try config.double("attention.temperature_min")
        s.temperatureMax = try config.double("attention.temperature_max")
        try config.require(
            s.temperatureMax >= s.temperatureMin, "attention.temperature_max",
            "\(s.temperatureMax) is below attention.temperature_min (\(s.temperatureMin))")
        return (s, nil)
    }

    /// Each head's budget in tokens: the whole sequence under `full`, else `budget.tokens`
    /// or `budget.fraction` of the sequence; a budget larger than the sequence is an error.
    static func budget(_ config: Configuration, policy: String, length: Int) throws -> Int {
        guard policy != "full" else { return length }
        let tokens = try config.int("budget.tokens")
        if tokens > 0 {
            try config.require(
                tokens <= length, "budget.tokens", "\(tokens) is larger than the sequence (\(length) tokens)")
            return tokens
        }
        return max(1, Int((try config.double("budget.fraction") * Double(length)).rounded()))
    }

    /// Whether the heads of a layer share their budget (`budget.scope: layer`); refused for a
    /// policy whose scores do not compare across heads.
    static func sharesBudget(_ config: Configuration, policy: TokenPolicyRegistry.Entry, tuning: TokenPolicyTuning)
        throws -> Bool
    {
        guard policy.name != "full", try config.string("budget.scope") == "layer" else { return false }
        let probe = policy.make(
            TokenPolicyContext(
                budget: 1, prefill: 1, decode: 1, tuning: tuning, random: RandomSource(seed: 0), future: nil))
        try config.require(
            probe is any SharedBudgetPolicy, "budget.scope",
            "\(policy.name) has no retention score that compares across heads; a shared budget needs window, "
                + "streaming-llm, h2o, trim-kv or oracle")
        return true
    }

    /// Refuses policy constants that do not fit in the budget.
    static func checkFits(_ config: Configuration, policy: String, budget: Int, tuning: TokenPolicyTuning) throws {
        switch policy {
        case "streaming-llm":
            try config.require(
                tuning.streamingSinks < budget, "streaming-llm.sinks",
                "\(tuning.streamingSinks) sinks leave no window in a budget of \(budget) tokens")
        case "trim-kv":
            try config.require(
                tuning.trimSinkTokens < budget, "trim-kv.sink_tokens",
                "\(tuning.trimSinkTokens) tokens of beta 1 fill a budget of \(budget) tokens")
        case "snapkv":
            try config.require(
                tuning.snapkvWindow <= budget / 2, "snapkv.window",
                "\(tuning.snapkvWindow) is more than half the budget (\(budget) tokens)")
        case "lazy-eviction":
            try config.require(
                tuning.lazyWindow <= budget / 2, "lazy-eviction.window",
                "\(tuning.lazyWindow) is more than half the budget (\(budget) tokens)")
        default: break
        }
    }
}
