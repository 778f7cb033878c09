import SimCore

/// Step times of one serving replica from a roofline model.
///
/// A step processes `prefillTokens` new prompt tokens in chunks (whose earlier KV, summed
/// over the chunks, is `prefillContext` tokens, read once per step) and one decode token for each of
/// `decodeSequences` running sequences whose contexts hold `decodeContext` tokens in total:
/// ```
/// FLOPs = 2 P (prefill tokens + decode sequences)            (weights)
///       + 4 L d (prefill attention pairs + decode context)   (QK^T and PV)
/// bytes = weight bytes + KV bytes read (decode context + prefill context) x KV bytes per token
/// time  = max(FLOPs / (peak x mfu), bytes / (bandwidth x mbu)) + overhead
/// ```
/// with P parameters, L layers, d the attention width, and the replica's peak and
/// bandwidth scaled by its tensor-parallel degree (ideal scaling). Prefill is therefore
/// compute-bound and decode bandwidth-bound, as on real accelerators.
public struct RooflineCostModel: Sendable {
    public let model: TransformerPreset
    public let gpu: GPUPreset
    public let tensorParallel: Int
    /// Fraction of peak FLOP/s reached (model FLOPs utilisation).
    public let computeEfficiency: Double
    /// Fraction of peak bandwidth reached.
    public let bandwidthEfficiency: Double
    /// Fixed time per step (kernel launches, scheduling).
    public let stepOverhead: SimTime

    public init(
        model: TransformerPreset, gpu: GPUPreset, tensorParallel: Int, computeEfficiency: Double,
        bandwidthEfficiency: Double,
        stepOverhead: SimTime
    ) {
        self.model = model
        self.gpu = gpu
        self.tensorParallel = tensorParallel
        self.computeEfficiency = computeEfficiency
        self.bandwidthEfficiency = bandwidthEfficiency
        self.stepOverhead = stepOverhead
    }

    /// Bytes of HBM left for the KV cache: memory of all GPUs minus weights minus the
    /// activation reserve (a fraction of the memory).
    public func kvCapacityBytes(activationReserve: Double) -> Double {
        let memory = gpu.memoryBytes * Double(tensorParallel)
        return memory * (1 - activationReserve) - model.weightBytes
    }

    /// Query-key pairs of attention for `queries` new tokens appended after `context` tokens:
    /// each new token attends to the context and to the new tokens up to itself.
    public func attentionPairs(queries: Int, context: Int) -> Double {
        Double(queries) * Double(context) + Double(queries) * Double(queries + 1) / 2
    }

    /// The duration of one step.
    public func stepTime(
        prefillTokens: Int, prefillPairs: Double, prefillContext: Int, decodeSequences: Int, decodeContext: Int
    ) -> SimTime {
        let p = model.parameters
        let l = Double(model.layers)
        let d = Double(model.attentionWidth)
        let flops = 2 * p * Double(prefillTokens + decodeSequences) + 4 * l * d * (prefillPairs + Double(decodeContext))
        let bytes = model.weightBytes + Double(decodeContext + prefillContext) * Double(model.kvBytesPerToken)
        let scale = Double(tensorParallel)
        let compute = flops / (gpu.peakFLOPs * scale * computeEfficiency)
        let memory = bytes / (gpu.memoryBandwidth * scale * bandwidthEfficiency)
        return SimTime.seconds(max(compute, memory)) + stepOverhead
    }
}
