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
            "hw.peak_tflops", .double(0), .number(.nonNegative),
            "override: peak dense TFLOP/s of one GPU (0: the preset's)"),
        ModelParameter(
            "hw.hbm_tbs", .double(0), .number(.nonNegative),
            "override: HBM bandwidth of one GPU in TB/s, 10^12 bytes/s (0: the preset's)"),
        ModelParameter(
            "hw.memory_gib", .double(0), .number(.nonNegative),
            "override: HBM of one GPU in GiB (0: the preset's)"),
    ]

    /// The presets named by `model` and `gpu`, with the overrides applied.
    static func resolve(_ config: Configuration) throws -> (model: TransformerPreset, gpu: GPUPreset) {
        let modelName = try config.string("model")
        let gpuName = try config.string("gpu")
        let m = TransformerPreset.all.first { $0.name == modelName } ?? .llama31_8B
        let g = GPUPreset.all.first { $0.name == gpuName } ?? .h100_80GB
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
            bytesPerValue: try int("arch.bytes_per_value", m.bytesPerValue))
        let gpu = GPUPreset(
            name: g.name, peakFLOPs: try double("hw.peak_tflops", g.peakFLOPs, scale: 1e12),
            memoryBandwidth: try double("hw.hbm_tbs", g.memoryBandwidth, scale: 1e12),
            memoryBytes: try double("hw.memory_gib", g.memoryBytes, scale: GPUPreset.gibibyte))
        return (model, gpu)
    }
}
