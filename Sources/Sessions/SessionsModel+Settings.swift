import Foundation
import SimCore

/// How `SessionsModel.init(config:)` turns the declared keys into its settings, one concern
/// per function; each throws a `ConfigError` naming the key.
extension SessionsModel {
    /// The trace file when `workload.source` is `file` (checked readable), else `nil`.
    static func tracePath(_ config: Configuration) throws -> String? {
        guard try config.string("workload.source") == "file" else { return nil }
        let path = try config.path("workload.path")
        try config.require(!path.isEmpty, "workload.path", "the file source needs a session trace path")
        do { try InputFileError.requireRegularFile(path) } catch let error as InputFileError {
            throw config.error("workload.path", error.description)
        }
        return path
    }

    /// Policies that index sessions by id need their number in advance, which a closed
    /// population does not give; a closed population and a trace exclude each other.
    static func checkClosedPopulation(_ config: Configuration, users: Int, retention: String, tracePath: String?)
        throws
    {
        guard users > 0 else { return }
        let dramPolicy = try config.string("server.dram_policy")
        let needsCount =
            "indexes sessions by id and needs their number in advance: use open arrivals or a trace, not workload.users"
        try config.require(dramPolicy == "lru", "server.dram_policy", "\(dramPolicy) \(needsCount)")
        try config.require(
            !KVRetentionRegistry.cachePolicyNames.contains(retention), "retention", "\(retention) \(needsCount)")
        try config.require(
            tracePath == nil, "workload.users",
            "a closed population and a session trace exclude each other; set users to 0")
    }

    /// The cost model of the presets with their overrides (`cost.model`, `engine`, `cost.*`),
    /// and the KV capacity in tokens (given, or derived from the memory left after the weights).
    static func costAndCapacity(_ config: Configuration) throws -> (cost: StepCostModel, kvCapacityTokens: Int) {
        let (model, gpu) = try PresetOverrides.resolve(config)
        let roofline = RooflineCostModel(
            model: model, gpu: gpu, tensorParallel: try config.int("server.tensor_parallel"),
            engine: try CostParameters.engine(config))
        let cost = try CostParameters.costModel(config, roofline: roofline)
        let reserve = try config.double("server.activation_reserve")
        let given = try config.int("server.kv_capacity_tokens")
        let derived = Int(roofline.kvCapacityBytes(activationReserve: reserve) / Double(model.kvBytesPerToken))
        try config.require(
            given > 0 || derived > 0, "server.tensor_parallel",
            "\(model.name) weights do not fit in \(cost.tensorParallel) x \(gpu.name); raise tensor_parallel")
        return (cost, given > 0 ? given : derived)
    }

    /// The KV allocator named by `server.allocator`.
    static func allocator(_ config: Configuration, cost: StepCostModel) throws -> KVAllocator {
        switch try config.string("server.allocator") {
        case "reserve-max": return .reserveMax(outputTokens: try config.int("workload.max_turn_tokens"))
        case "reserve-pow2": return .reservePow2(outputTokens: try config.int("workload.max_turn_tokens"))
        case "paged": return .paged(blockTokens: try config.int("server.block_tokens"))
        case "demand-paged":
            let kib = try config.int("server.page_kib")
            try config.require(
                [64, 128, 256, 2_048].contains(kib), "server.page_kib",
                "\(kib) is not a page size: use 64, 128, 256 or 2048")
            return .demandPaged(
                pageTokens: KVAllocator.tokensPerPage(
                    pageBytes: kib * 1_024, model: cost.model, tensorParallel: cost.tensorParallel))
        default: return .reserveExact
        }
    }

    /// The system prompt's tokens held once for every session: all of them when shared
    /// explicitly, its full blocks under prefix caching, none otherwise.
    static func sharedPrefixTokens(
        _ config: Configuration, retention: String, allocator: KVAllocator, kvCapacityTokens: Int
    ) throws -> Int {
        let systemPromptTokens = try config.int("workload.system_prompt_tokens")
        let shared: Int
        if try config.bool("server.share_system_prompt") {
            shared = systemPromptTokens
        } else if retention == PrefixCacheRetention.name {
            try config.require(
                allocator.grows, "server.allocator",
                "prefix-cache caches KV blocks: use the paged or demand-paged allocator")
            // Full blocks of the common prefix hash alike in every session: one copy.
            shared = systemPromptTokens / allocator.granularity * allocator.granularity
        } else {
            shared = 0
        }
        try config.require(
            allocator.rounded(shared) < kvCapacityTokens, "workload.system_prompt_tokens",
            "a shared system prompt of \(systemPromptTokens) tokens leaves no KV capacity (\(kvCapacityTokens) tokens)")
        return shared
    }

    /// The replica's settings: cost model, capacities of its tiers, allocator and scheduling.
    static func serverSettings(_ config: Configuration, retention: String) throws -> SessionServer.Settings {
        let (cost, kvCapacityTokens) = try costAndCapacity(config)
        let kvBytesPerToken = Double(cost.model.kvBytesPerToken)
        let allocator = try allocator(config, cost: cost)
        let preemption = PreemptionMode(rawValue: try config.string("server.preemption")) ?? .recompute
        let watermark = try config.double("server.watermark")
        let dramCapacityTokens = Int(try config.double("server.dram_bytes") / kvBytesPerToken)
        let ssdCapacityTokens = Int(try config.double("server.ssd_bytes") / kvBytesPerToken)
        try config.require(
            ssdCapacityTokens == 0 || dramCapacityTokens > 0, "server.ssd_bytes",
            "the SSD tier sits behind DRAM: set server.dram_bytes too")
        try config.require(
            retention != "tiered-lru" || dramCapacityTokens > 0, "server.dram_bytes",
            "is 0, so retention tiered-lru (hbm-lru that moves evicted KV to DRAM) runs exactly as hbm-lru; "
                + "give DRAM bytes or use hbm-lru")
        let keep = try config.double("server.kv_keep_fraction")
        try config.require(
            keep == 1 || retention == "stateless", "server.kv_keep_fraction",
            "\(keep) compresses each turn's KV, which is modelled with stateless retention only (compressed KV kept "
                + "between turns is not a prefix of the next turn's sequence); set retention: stateless")
        try config.require(
            keep == 1 || !(try config.bool("server.share_system_prompt")), "server.share_system_prompt",
            "a shared system prompt is held whole outside each turn's kept share; with server.kv_keep_fraction "
                + "\(keep) set it to false")
        let maxBatchTokens = try config.int("server.max_batch_tokens")
        let maxRunning = try config.int("server.max_running")
        try config.require(
            maxBatchTokens >= maxRunning, "server.max_batch_tokens",
            "\(maxBatchTokens) is below server.max_running \(maxRunning): every running turn decodes one token per step"
        )
        var settings = SessionServer.Settings(
            cost: cost, kvCapacityTokens: kvCapacityTokens, maxBatchTokens: maxBatchTokens, maxRunning: maxRunning,
            systemPromptTokens: try config.int("workload.system_prompt_tokens"),
            sharedPrefixTokens: try sharedPrefixTokens(
                config, retention: retention, allocator: allocator, kvCapacityTokens: kvCapacityTokens),
            allocator: allocator, dramCapacityTokens: dramCapacityTokens,
            hostLinkBandwidth: try config.double("server.host_link_gbs") * 1e9,
            ssdCapacityTokens: ssdCapacityTokens, ssdBandwidth: try config.double("server.ssd_gbs") * 1e9,
            dramOrder: CachePolicyKind(rawValue: try config.string("server.dram_policy")), preemption: preemption,
            admissionWatermarkTokens: Int(watermark * Double(kvCapacityTokens)),
            programLevelFCFS: try config.string("server.scheduling") == "program-fcfs")
        settings.kvKeepFraction = keep
        return settings
    }

    /// The `ttl.*` settings of the TTL policies.
    static func ttlSettings(_ config: Configuration) throws -> TTLSettings {
        let sigma = try config.double("ttl.prediction.sigma")
        return TTLSettings(
            ttl: .seconds(try config.double("ttl.seconds")),
            margin: try config.double("ttl.margin"),
            errorModel: try config.string("ttl.prediction.error") == "lognormal"
                ? .logNormalNoise(sigma: sigma) : .perfect,
            fullAfterTurns: try config.int("ttl.full_after_turns"))
    }

    /// The session generator of the `workload.*` keys.
    static func workloadGenerator(_ config: Configuration) throws -> SessionWorkloadGenerator {
        var generator = SessionWorkloadGenerator(
            arrivalRate: try config.double("workload.arrival_rate"),
            duration: try config.double("workload.duration"),
            turnsMean: try config.double("workload.turns_mean"),
            promptMedian: try config.double("workload.prompt_median"),
            promptSigma: try config.double("workload.prompt_sigma"),
            outputMedian: try config.double("workload.output_median"),
            outputSigma: try config.double("workload.output_sigma"),
            thinkTimeMean: try config.double("workload.think_time_mean"),
            maxTurnTokens: try config.int("workload.max_turn_tokens"))
        generator.toolCallProbability = try config.double("workload.tool_call_probability")
        generator.toolCount = try config.int("workload.tool_count")
        generator.toolScale = try config.double("workload.tool_scale")
        generator.toolShape = try config.double("workload.tool_shape")
        return generator
    }
}
