/// How efficiently a serving engine runs a step, and what it spends around it: the figures
/// the cost models take from the `engine` key (each can be set on its own with its `cost.*`
/// key).
///
/// The efficiencies are fractions of the GPU's peak: matrix multiplies (the layers'
/// projections and MLP, with the norms, rotary embedding, activation and residual adds
/// they carry) for prompt tokens and for decode tokens apart, attention for prefill and for
/// decode apart, and bandwidth for streaming the weights and for reading KV. The overheads
/// are per step (scheduling, input preparation, sampling launch) and per sequence in the
/// step; `allReduceLatency` is the fixed time of one all-reduce under tensor parallelism.
public struct EngineProfile: Sendable, Equatable {
    /// How FLOPs and bytes are counted.
    public enum Accounting: Sendable, Equatable {
        /// As engines run a step: no FLOPs for the embedding lookup, the output layer once per
        /// sampled sequence, weights streamed without the embedding table, matrix multiplies
        /// and attention as separate kernels, all-reduces under tensor parallelism.
        case engine
        /// memsim's first roofline: 2 x all weights FLOPs for every token, every weight byte
        /// streamed, one max(compute, memory) for the whole step, ideal tensor parallelism.
        case uncalibrated
    }

    public let name: String
    public var accounting: Accounting
    public var matmulPrefillEfficiency: Double
    public var matmulDecodeEfficiency: Double
    public var attentionPrefillEfficiency: Double
    public var attentionDecodeEfficiency: Double
    public var weightBandwidthEfficiency: Double
    public var kvBandwidthEfficiency: Double
    /// Seconds per step.
    public var stepOverhead: Double
    /// Seconds per sequence in a step.
    public var sequenceOverhead: Double
    /// Seconds per all-reduce (tensor parallelism only).
    public var allReduceLatency: Double

    /// vLLM 0.6 on a recent GPU, calibrated against public measurements (see the README's
    /// "Serving cost model"; `serving-fidelity` checks it against figures it was not fitted to):
    /// - matrix multiplies at 0.65 of peak for prompt tokens: Vidur's A100 profile of
    ///   Llama-3-8B (microsoft/vidur, MIT), whose layers' token-wise operators reach
    ///   0.61-0.67 of 312 TFLOP/s at 1,024-16,384 tokens;
    /// - 0.45 for decode tokens: Vidur's H100 profile of Llama-2-7B (as measured, not scaled
    ///   to Llama 3) at 256-512 tokens, the size of large decode batches (0.36-0.55 of
    ///   989 TFLOP/s);
    /// - weights streamed at 0.70 of peak bandwidth: both profiles as measured at 1-8 tokens
    ///   (0.68-0.70);
    /// - prefill attention at 0.45: Vidur's A100 attention profile of Llama-3-8B, a
    ///   4,096-token prompt (0.967 ms per layer, read from the public fork
    ///   sw5sh/cs378-assignment3 at 7ac2fe9, as Vidur's own attention tables were too large
    ///   to fetch here);
    /// - decode attention at 0.45 of peak FLOP/s and KV read at 0.70 of peak bandwidth:
    ///   assumed equal to the figures above (no decode-attention profile was at hand);
    /// - 1.62 ms per step: fitted to vLLM's nightly latency test on one A100 (Llama-3-8B,
    ///   batch 8, 32 + 128 tokens, 1,579.3 ms); the H100 and H200 runs of the same test are
    ///   held out;
    /// - no per-sequence overhead: no public measurement at hand separates it from the
    ///   per-step one, which absorbs it at the batch of the fit;
    /// - 20 µs per all-reduce: the small-message all-reduce times of Vidur's H100 DGX
    ///   network profile (7-38 µs).
    public static let vllm06 = EngineProfile(
        name: "vllm-0.6", accounting: .engine, matmulPrefillEfficiency: 0.65, matmulDecodeEfficiency: 0.45,
        attentionPrefillEfficiency: 0.45, attentionDecodeEfficiency: 0.45, weightBandwidthEfficiency: 0.70,
        kvBandwidthEfficiency: 0.70, stepOverhead: 1.62e-3, sequenceOverhead: 0, allReduceLatency: 20e-6)

    /// memsim's first, uncalibrated roofline: one compute efficiency (0.5), one bandwidth
    /// efficiency (0.8), no overheads, and its FLOP and byte counts (`Accounting.uncalibrated`).
    /// Kept so that earlier results can be re-run (up to the presets' corrected weight counts).
    public static let rooflineV1 = EngineProfile(
        name: "roofline-v1", accounting: .uncalibrated, matmulPrefillEfficiency: 0.5, matmulDecodeEfficiency: 0.5,
        attentionPrefillEfficiency: 0.5, attentionDecodeEfficiency: 0.5, weightBandwidthEfficiency: 0.8,
        kvBandwidthEfficiency: 0.8, stepOverhead: 0, sequenceOverhead: 0, allReduceLatency: 0)

    public static let all = [vllm06, rooflineV1]
}
