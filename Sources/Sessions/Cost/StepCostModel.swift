import SimCore

/// The cost model a replica runs on (`cost.model`): the roofline, or an operator profile
/// with the roofline for what the profile does not cover.
///
/// Profiled, a step's layers take `layers x` the profile's `linear` time at the step's tokens,
/// its prefill attention the `attention_prefill` time at the step's query-key pairs (at
/// least the roofline's time to read the chunks' earlier KV) and its decode attention the
/// `attention_decode` time at the batch's context tokens; an operator without rows, the
/// output layer, the all-reduces and the engine's overheads come from the roofline. A
/// profile's rows are times at the replica's tensor-parallel degree.
public struct StepCostModel: Sendable {
    public let roofline: RooflineCostModel
    public let profile: OperatorProfile?

    public init(roofline: RooflineCostModel, profile: OperatorProfile? = nil) {
        self.roofline = roofline
        self.profile = profile
    }

    public var model: TransformerPreset { roofline.model }
    public var gpu: GPUPreset { roofline.gpu }
    public var tensorParallel: Int { roofline.tensorParallel }

    /// The step's time by part, in seconds.
    public func times(_ work: StepWork) -> StepTimes {
        var times = roofline.times(work)
        guard let profile, roofline.engine.accounting == .engine else { return times }
        let layers = Double(roofline.model.layers)
        if work.tokens > 0,
            let linear = profile.value(
                of: .linear, at: Double(work.tokens),
                roofline: { roofline.linearTime(prefill: Int($0), decode: 0) / layers })
        {
            times.linear = layers * linear
        }
        if work.prefillTokens > 0,
            let attention = profile.value(
                of: .attentionPrefill, at: work.prefillPairs,
                roofline: { roofline.prefillAttentionTime(pairs: $0, context: 0) / layers })
        {
            times.prefillAttention = max(
                layers * attention, roofline.prefillAttentionTime(pairs: 0, context: work.prefillContext))
        }
        if work.decodeSequences > 0,
            let attention = profile.value(
                of: .attentionDecode, at: Double(work.decodeContext),
                roofline: { roofline.decodeAttentionTime(context: Int($0)) / layers })
        {
            times.decodeAttention = layers * attention
        }
        return times
    }

    /// The duration of a step: its work and its overhead, each rounded to the nanosecond.
    public func stepTime(_ work: StepWork) -> SimTime {
        let times = times(work)
        return .seconds(times.total - times.overhead) + .seconds(times.overhead)
    }
}
