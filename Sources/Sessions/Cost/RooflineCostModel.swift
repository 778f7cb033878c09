import SimCore

/// Step times of one serving replica from a roofline per operator, with the efficiencies
/// and overheads of an `EngineProfile`.
///
/// With P_l the weights of the layers (all but the embedding table and output layer), V h
/// those of the output layer, L layers, d the attention width, T = prefill + decode tokens,
/// S the sampled sequences and peaks and bandwidths of the replica's t GPUs (`Accounting.engine`):
/// ```
/// linear     = max(2 P_l (prefill / e_mm,prefill + decode / e_mm,decode) / peak_mm,
///                  P_l bytes / (bandwidth e_weights))
/// output     = max(2 V h S / (peak_mm e_mm,decode), V h bytes / (bandwidth e_weights))
/// prefill attention = max(4 L d pairs / (peak e_attn,prefill), prefill context x KV bytes / (bandwidth e_kv))
/// decode attention  = max(4 L d context / (peak e_attn,decode), decode context x KV bytes / (bandwidth e_kv))
/// all-reduce = 2 L (2 (t - 1) / t x T h x 2 bytes / link + latency)      (t > 1)
/// overhead   = per step + per sequence x sequences in the step
/// ```
/// The embedding lookup costs nothing; the output layer runs once per sampled sequence.
/// peak_mm is the fp8 peak for 1-byte weights, else the bf16 peak; attention runs at the
/// bf16 peak. `Accounting.uncalibrated` is memsim's first roofline,
/// `max((2 P T + 4 L d (pairs + decode context)) / (peak e_mm,prefill), (all weight bytes + KV read) / (bandwidth e_weights))`
/// plus the per-step overhead, with ideal tensor parallelism.
public struct RooflineCostModel: Sendable {
    public let model: TransformerPreset
    public let gpu: GPUPreset
    public let tensorParallel: Int
    public let engine: EngineProfile

    public init(model: TransformerPreset, gpu: GPUPreset, tensorParallel: Int, engine: EngineProfile) {
        self.model = model
        self.gpu = gpu
        self.tensorParallel = tensorParallel
        self.engine = engine
    }

    /// Bytes of HBM left for the KV cache: memory of all GPUs minus weights minus the
    /// activation reserve (a fraction of the memory).
    public func kvCapacityBytes(activationReserve: Double) -> Double {
        let memory = gpu.memoryBytes * Double(tensorParallel)
        return memory * (1 - activationReserve) - model.weightBytes
    }

    /// FLOPs of the weights for one prompt token: 2 x the layers' weights (2 x all weights
    /// under the uncalibrated accounting).
    public var weightFLOPsPerPromptToken: Double {
        2 * (engine.accounting == .engine ? model.layerParameters : model.parameters)
    }

    private var scale: Double { Double(tensorParallel) }
    private var matmulPeak: Double { (model.bytesPerValue == 1 ? gpu.peakFP8FLOPs : gpu.peakFLOPs) * scale }
    private var bandwidth: Double { gpu.memoryBandwidth * scale }

    /// The layers' token-wise operators for `prefill` prompt tokens and `decode` decode
    /// tokens, in seconds.
    public func linearTime(prefill: Int, decode: Int) -> Double {
        let flops = 2 * model.layerParameters
        let compute =
            flops
            * (Double(prefill) / engine.matmulPrefillEfficiency + Double(decode) / engine.matmulDecodeEfficiency)
            / matmulPeak
        let memory =
            model.layerParameters * Double(model.bytesPerValue) / (bandwidth * engine.weightBandwidthEfficiency)
        return max(compute, memory)
    }

    /// Prefill attention over `pairs` query-key pairs that reads `context` earlier KV tokens.
    public func prefillAttentionTime(pairs: Double, context: Int) -> Double {
        let flops = 4 * Double(model.layers) * Double(model.attentionWidth) * pairs
        let compute = flops / (gpu.peakFLOPs * scale * engine.attentionPrefillEfficiency)
        return max(compute, kvReadTime(tokens: context))
    }

    /// Decode attention of sequences whose contexts hold `context` tokens in total.
    public func decodeAttentionTime(context: Int) -> Double {
        let flops = 4 * Double(model.layers) * Double(model.attentionWidth) * Double(context)
        let compute = flops / (gpu.peakFLOPs * scale * engine.attentionDecodeEfficiency)
        return max(compute, kvReadTime(tokens: context))
    }

    private func kvReadTime(tokens: Int) -> Double {
        Double(tokens) * Double(model.kvBytesPerToken) / (bandwidth * engine.kvBandwidthEfficiency)
    }

    /// The step's parts. Under the uncalibrated accounting the whole step but its overhead is
    /// one roofline, given as `linear`.
    public func times(_ work: StepWork) -> StepTimes {
        var times = StepTimes()
        guard engine.accounting == .engine else {
            times.linear = uncalibratedTime(work)
            times.overhead = engine.stepOverhead
            return times
        }
        times.linear = linearTime(prefill: work.prefillTokens, decode: work.decodeSequences)
        let vocabulary = model.vocabularyMatrixParameters
        times.outputLayer =
            work.sampledSequences == 0
            ? 0
            : max(
                2 * vocabulary * Double(work.sampledSequences) / (matmulPeak * engine.matmulDecodeEfficiency),
                vocabulary * Double(model.bytesPerValue) / (bandwidth * engine.weightBandwidthEfficiency))
        if work.prefillTokens > 0 {
            times.prefillAttention = prefillAttentionTime(pairs: work.prefillPairs, context: work.prefillContext)
        }
        if work.decodeSequences > 0 { times.decodeAttention = decodeAttentionTime(context: work.decodeContext) }
        if tensorParallel > 1 {
            // Two all-reduces per layer (after attention and after the MLP) of the step's
            // activations in bf16, by ring over the GPUs' links.
            let bytes = Double(work.tokens) * Double(model.attentionWidth) * 2
            let ring = 2 * (scale - 1) / scale * bytes / gpu.interconnectBandwidth
            times.allReduce = 2 * Double(model.layers) * (ring + engine.allReduceLatency)
        }
        times.overhead =
            engine.stepOverhead + engine.sequenceOverhead * Double(work.decodeSequences + work.prefillSequences)
        return times
    }

    /// memsim's first roofline, unchanged (without its per-step overhead).
    private func uncalibratedTime(_ work: StepWork) -> Double {
        let p = model.parameters
        let l = Double(model.layers)
        let d = Double(model.attentionWidth)
        let flops =
            2 * p * Double(work.tokens) + 4 * l * d * (work.prefillPairs + Double(work.decodeContext))
        let bytes = model.weightBytes + Double(work.decodeContext + work.prefillContext) * Double(model.kvBytesPerToken)
        let compute = flops / (gpu.peakFLOPs * scale * engine.matmulPrefillEfficiency)
        let memory = bytes / (bandwidth * engine.weightBandwidthEfficiency)
        return max(compute, memory)
    }
}
