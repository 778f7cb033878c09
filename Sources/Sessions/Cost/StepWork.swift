/// What one step of a serving replica computes: prompt chunks and decode tokens.
///
/// `prefillTokens` new prompt tokens in `prefillSequences` chunks, whose earlier KV (summed
/// over the chunks) is `prefillContext` tokens and whose query-key pairs are `prefillPairs`;
/// `sampledPrefills` of the chunks end their prompt, so the step samples their first token;
/// and one decode token for each of `decodeSequences` running sequences, whose contexts
/// hold `decodeContext` tokens in total.
public struct StepWork: Sendable, Equatable {
    public var prefillTokens = 0
    public var prefillPairs = 0.0
    public var prefillContext = 0
    public var prefillSequences = 0
    public var sampledPrefills = 0
    public var decodeSequences = 0
    public var decodeContext = 0

    public init(
        prefillTokens: Int = 0, prefillPairs: Double = 0, prefillContext: Int = 0, prefillSequences: Int = 0,
        sampledPrefills: Int = 0, decodeSequences: Int = 0, decodeContext: Int = 0
    ) {
        self.prefillTokens = prefillTokens
        self.prefillPairs = prefillPairs
        self.prefillContext = prefillContext
        self.prefillSequences = prefillSequences
        self.sampledPrefills = sampledPrefills
        self.decodeSequences = decodeSequences
        self.decodeContext = decodeContext
    }

    /// Tokens that run through the layers: prompt tokens and one per decoding sequence.
    public var tokens: Int { prefillTokens + decodeSequences }

    /// Sequences whose next token the step samples: every decoding one, and every prompt
    /// whose last chunk this is.
    public var sampledSequences: Int { decodeSequences + sampledPrefills }

    /// Query-key pairs of attention for `queries` new tokens appended after `context` tokens:
    /// each new token attends to the context and to the new tokens up to itself.
    public static func attentionPairs(queries: Int, context: Int) -> Double {
        Double(queries) * Double(context) + Double(queries) * Double(queries + 1) / 2
    }
}

/// The time of one step by part, in seconds; `total` is their sum.
public struct StepTimes: Sendable, Equatable {
    /// The layers' matrix multiplies and token-wise operators (under the uncalibrated
    /// accounting, the whole step but its overhead).
    public var linear = 0.0
    /// The output layer, for the sampled sequences.
    public var outputLayer = 0.0
    public var prefillAttention = 0.0
    public var decodeAttention = 0.0
    /// Tensor parallelism's all-reduces.
    public var allReduce = 0.0
    /// Per step and per sequence.
    public var overhead = 0.0

    public var total: Double { linear + outputLayer + prefillAttention + decodeAttention + allReduce + overhead }
}
