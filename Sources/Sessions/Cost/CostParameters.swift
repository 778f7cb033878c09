import SimCore

/// The `engine` and `cost.*` keys: which cost model a replica runs on, and the engine
/// figures it uses. `engine` names an `EngineProfile`; each `cost.*` figure replaces that
/// profile's value unless left at its default (0 for an efficiency, -1 for an overhead),
/// which keeps the engine's.
enum CostParameters {
    private static let fraction = NumberDomain(lower: 0, upper: 1)
    /// An overhead's default: the engine's value.
    private static let enginesOverhead = -1.0
    private static let vllm = EngineProfile.vllm06

    /// The keys the uncalibrated accounting reads; the others apply to engine accounting only.
    private static let readByEveryEngine: Set<String> = [
        "cost.matmul_prefill_efficiency", "cost.weight_bandwidth_efficiency", "cost.step_overhead_us",
    ]

    private static func condition(_ key: String) -> ParameterCondition? {
        readByEveryEngine.contains(key)
            ? nil
            : .when("engine", isOneOf: EngineProfile.all.filter { $0.accounting == .engine }.map(\.name))
    }

    /// The efficiency keys with the profile fields they set.
    private static var efficiencies: [(key: String, field: WritableKeyPath<EngineProfile, Double>, what: String)] {
        [
            ("cost.matmul_prefill_efficiency", \.matmulPrefillEfficiency, "matrix multiplies of prompt tokens"),
            ("cost.matmul_decode_efficiency", \.matmulDecodeEfficiency, "matrix multiplies of decode tokens"),
            ("cost.attention_prefill_efficiency", \.attentionPrefillEfficiency, "prefill attention"),
            ("cost.attention_decode_efficiency", \.attentionDecodeEfficiency, "decode attention"),
            ("cost.weight_bandwidth_efficiency", \.weightBandwidthEfficiency, "streaming the weights"),
            ("cost.kv_bandwidth_efficiency", \.kvBandwidthEfficiency, "reading KV"),
        ]
    }

    /// The overhead keys, in microseconds, with the profile fields they set (seconds).
    private static var overheads: [(key: String, field: WritableKeyPath<EngineProfile, Double>, what: String)] {
        [
            ("cost.step_overhead_us", \.stepOverhead, "time per step (scheduling, input preparation, sampling)"),
            ("cost.sequence_overhead_us", \.sequenceOverhead, "time per sequence in a step"),
            ("cost.allreduce_latency_us", \.allReduceLatency, "fixed time of one all-reduce (tensor_parallel > 1)"),
        ]
    }

    static let parameters: [ModelParameter] =
        [
            ModelParameter(
                "engine", .string(vllm.name), .choice(EngineProfile.all.map(\.name)),
                "engine profile of the cost model: vllm-0.6 (efficiencies and overheads calibrated against public measurements; see the README's serving cost model) or roofline-v1 (memsim's first roofline: one compute efficiency 0.5, bandwidth 0.8, no overheads, embedding and output layer charged for every token)"
            ),
            ModelParameter(
                "cost.model", .string("roofline"), .choice(["roofline", "profiled"]),
                "roofline (per-operator roofline with the engine's efficiencies) or profiled (an operator profile's measured times by token count, interpolated; the roofline beyond its rows and for what it does not cover)"
            ),
            ModelParameter(
                "cost.profile", .string(""), .file,
                "profiled: CSV operator profile (operator,tokens,milliseconds per layer; see OperatorProfile); empty: the shipped profile of the gpu and model (\(ShippedOperatorProfiles.names.joined(separator: ", ")))",
                appliesWhen: .when("cost.model", is: "profiled")),
        ]
        + efficiencies.map { entry in
            ModelParameter(
                entry.key, .double(0), .number(fraction),
                "fraction of peak reached by \(entry.what) (0: the engine's; vllm-0.6: \(vllm[keyPath: entry.field]))",
                appliesWhen: condition(entry.key))
        }
        + overheads.map { entry in
            ModelParameter(
                entry.key, .double(enginesOverhead), .number(NumberDomain(lower: enginesOverhead)),
                "\(entry.what), microseconds (-1: the engine's; vllm-0.6: \(formatted(vllm[keyPath: entry.field] * 1e6)))",
                appliesWhen: condition(entry.key))
        }

    private static func formatted(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The engine named by `engine` with the `cost.*` keys given in the spec applied.
    static func engine(_ config: Configuration) throws -> EngineProfile {
        let name = try config.string("engine")
        var engine = EngineProfile.all.first { $0.name == name } ?? vllm
        for entry in efficiencies {
            let value = try config.double(entry.key)
            if value > 0 { engine[keyPath: entry.field] = value }
        }
        for entry in overheads {
            let value = try config.double(entry.key)
            try config.require(
                value == enginesOverhead || value >= 0, entry.key,
                "\(formatted(value)) is not an overhead: give microseconds >= 0, or -1 for the engine's")
            if value >= 0 { engine[keyPath: entry.field] = value * 1e-6 }
        }
        return engine
    }

    /// The cost model of `roofline` that `cost.model` names.
    static func costModel(_ config: Configuration, roofline: RooflineCostModel) throws -> StepCostModel {
        guard try config.string("cost.model") == "profiled" else { return StepCostModel(roofline: roofline) }
        try config.require(
            roofline.engine.accounting == .engine, "cost.model",
            "profiled runs on an engine's accounting; engine \(roofline.engine.name) counts FLOPs as memsim's first roofline did: use engine: vllm-0.6"
        )
        let path = try config.path("cost.profile")
        if !path.isEmpty {
            do {
                let profile = try InputFileCache.shared.value(
                    for: InputFileCache.key(path: path, format: "operator-profile"), path: path
                ) { try OperatorProfile.read(path: path) }
                return StepCostModel(roofline: roofline, profile: profile)
            } catch let error as InputFileError {
                throw config.error("cost.profile", error.description)
            }
        }
        let pair = "\(roofline.gpu.name)/\(roofline.model.name)"
        guard let text = ShippedOperatorProfiles.text(gpu: roofline.gpu.name, model: roofline.model.name) else {
            throw config.error(
                "cost.profile",
                "memsim ships no operator profile for \(pair) (it ships \(ShippedOperatorProfiles.names.joined(separator: ", "))); give a CSV profile"
            )
        }
        try config.require(
            roofline.tensorParallel == 1, "server.tensor_parallel",
            "the shipped profile of \(pair) is measured on one GPU; with tensor_parallel \(roofline.tensorParallel) give a CSV profile measured at that degree"
        )
        try config.require(
            TransformerPreset.all.contains(roofline.model), "cost.profile",
            "the shipped profile of \(pair) is measured on the preset as shipped (bf16); the arch.* overrides change the model: give a CSV profile measured on it"
        )
        try config.require(
            GPUPreset.all.contains(roofline.gpu), "cost.profile",
            "the shipped profile of \(pair) is measured on the GPU as shipped; the hw.* overrides change it: give a CSV profile measured on it"
        )
        let profile = try OperatorProfile.parse(text, source: "shipped:\(pair)")
        return StepCostModel(roofline: roofline, profile: profile)
    }
}
