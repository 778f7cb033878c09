import SimCore

/// The `arch.*` and `hw.*` keys: every preset figure can be overridden in a spec (0 keeps
/// the preset's value), so users can model architectures and accelerators memsim does not
/// ship.
enum PresetOverrides {
    static let parameters: [ModelParameter] = [
        ModelParameter(
            "arch.parameters", .double(0), .number(.nonNegative),
            "override: weights of the model (0: the preset's)"),
        ModelParameter(
            "arch.layers", .int(0), .integer(0...1_000_000),
            "override: transformer layers (0: the preset's)"),
        ModelParameter(
            "arch.attention_width", .int(0), .integer(0...1_000_000),
            "override: query heads x head dimension (0: the preset's)"),
        ModelParameter(
            "arch.kv_heads", .int(0), .integer(0...1_000_000),
            "override: KV heads (0: the preset's)"),
        ModelParameter(
            "arch.head_dim", .int(0), .integer(0...1_000_000),
            "override: head dimension (0: the preset's)"),
        ModelParameter(
            "arch.bytes_per_value", .int(0), .integer(0...1_000_000),
            "override: bytes per weight and KV value, e.g. 1 for fp8 (0: the preset's)"),
        ModelParameter(
            "arch.vocab", .int(0), .integer(0...10_000_000),
            "override: vocabulary size, the rows of the embedding table and output layer (0: the preset's)"),
        ModelParameter(
            "arch.tied_embeddings", .string("preset"), .choice(["preset", "tied", "untied"]),
            "override: tied (the output layer shares the embedding table's weights, as OPT's) or untied (Llama 3's); preset: the preset's"
        ),
        ModelParameter(
            "hw.peak_tflops", .double(0), .number(.nonNegative),
            "override: peak dense TFLOP/s of one GPU (0: the preset's)"),
        ModelParameter(
            "hw.peak_fp8_tflops", .double(0), .number(.nonNegative),
            "override: peak dense fp8 TFLOP/s of one GPU, used for 1-byte weights (0: the preset's)"),
        ModelParameter(
            "hw.hbm_tbs", .double(0), .number(.nonNegative),
            "override: HBM bandwidth of one GPU in TB/s, 10^12 bytes/s (0: the preset's)"),
        ModelParameter(
            "hw.memory_gib", .double(0), .number(.nonNegative),
            "override: HBM of one GPU in GiB (0: the preset's)"),
        ModelParameter(
            "hw.interconnect_gbs", .double(0), .number(.nonNegative),
            "override: GPU-to-GPU bandwidth in one direction, GB/s, for tensor parallelism's all-reduces (0: the preset's)"
        ),
    ]

    /// The presets named by `model` and `gpu`, with the overrides applied.
    static func resolve(_ config: Configuration) throws -> (model: TransformerPreset, gpu: GPUPreset) {
        let modelName = try config.string("model")
        let gpuName = try config.string("gpu")
        let m = TransformerPreset.all.first { $0.name == modelName } ?? .llama31_8B
        let g = GPUPreset.named(gpuName) ?? .h100SXM
        func int(_ key: String, _ preset: Int) throws -> Int {
            let value = try config.int(key)
            return value > 0 ? value : preset
        }
        func double(_ key: String, _ preset: Double, scale: Double) throws -> Double {
            let value = try config.double(key)
            return value > 0 ? value * scale : preset
        }
        let model = TransformerPreset(
            name: m.name, parameters: try double("arch.parameters", m.parameters, scale: 1),
            layers: try int("arch.layers", m.layers),
            attentionWidth: try int("arch.attention_width", m.attentionWidth),
            kvHeads: try int("arch.kv_heads", m.kvHeads),
            headDimension: try int("arch.head_dim", m.headDimension),
            bytesPerValue: try int("arch.bytes_per_value", m.bytesPerValue),
            vocabulary: try int("arch.vocab", m.vocabulary),
            tiedEmbeddings: try tied(config.string("arch.tied_embeddings"), preset: m.tiedEmbeddings),
            mlpWidth: m.mlpWidth)
        let gpu = GPUPreset(
            name: g.name, peakFLOPs: try double("hw.peak_tflops", g.peakFLOPs, scale: 1e12),
            // 1-byte weights never run slower than bf16 ones (an A100's fp8 "peak" is its bf16 one).
            peakFP8FLOPs: max(
                try double("hw.peak_fp8_tflops", g.peakFP8FLOPs, scale: 1e12),
                try double("hw.peak_tflops", g.peakFLOPs, scale: 1e12)),
            memoryBandwidth: try double("hw.hbm_tbs", g.memoryBandwidth, scale: 1e12),
            memoryBytes: try double("hw.memory_gib", g.memoryBytes, scale: GPUPreset.gibibyte),
            interconnectBandwidth: try double("hw.interconnect_gbs", g.interconnectBandwidth, scale: 1e9))
        try config.require(
            model.layerParameters > 0, "arch.parameters",
            "\(model.parameters) weights leave none for the layers once the embedding table and output layer "
                + "(\(model.vocabulary) x \(model.attentionWidth) each) are taken out; check arch.vocab")
        return (model, gpu)
    }

    private static func tied(_ setting: String, preset: Bool) -> Bool {
        switch setting {
        case "tied": return true
        case "untied": return false
        default: return preset
        }
    }
}
