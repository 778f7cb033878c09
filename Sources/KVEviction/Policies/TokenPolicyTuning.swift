import SimCore

/// The constants of the token eviction policies, each a documented key with its source's
/// default, in effect only under its policy.
public struct TokenPolicyTuning: Sendable, Equatable {
    /// H2O: the recent window's share of the budget (the rest holds heavy hitters; half and half in the paper).
    public var h2oRecentShare = 0.5
    /// StreamingLLM: attention sinks kept (4 in the paper).
    public var streamingSinks = 4
    /// Scissorhands: steps of history, protected recent tokens, batch share of the budget, and
    /// the importance threshold as a multiple of the uniform share.
    public var scissorhandsHistory = 100
    public var scissorhandsRecent = 10
    public var scissorhandsDropShare = 0.1
    public var scissorhandsThreshold = 1.0
    /// SnapKV: observation window and pooling kernel (max pooling).
    public var snapkvWindow = 32
    public var snapkvKernel = 7
    /// TRIM-KV: the lifetime predictor's error model, a constant beta instead (nil: predicted),
    /// and the first tokens given beta = 1.
    public var trimErrorModel = PredictionErrorModel.perfect
    public var trimConstantBeta: Double?
    public var trimSinkTokens = 0
    /// TRIM-KV: a token is useful at a step while its attention is at least this multiple of the
    /// uniform share; its true lifetime ends at its last useful step.
    public var trimUsefulShare = 1.0
    /// LazyEviction: the lag W (steps between batch evictions, newest tokens protected) and the
    /// activity threshold as a multiple of the uniform share.
    public var lazyWindow = 16
    public var lazyThreshold = 1.0

    public init() {}

    static let parameters: [ModelParameter] = [
        ModelParameter(
            "h2o.recent_share", .double(0.5), .number(.probability),
            "h2o: the recent window's share of the budget; the rest holds the heavy hitters",
            appliesWhen: .when("policy", is: "h2o")),
        ModelParameter(
            "streaming-llm.sinks", .int(4), .integer(0...1_000_000),
            "streaming-llm: the first tokens always kept (attention sinks); must be below the budget",
            appliesWhen: .when("policy", is: "streaming-llm")),
        ModelParameter(
            "scissorhands.history", .int(100), .integer(1...1_000_000),
            "scissorhands: steps of history over which a token's unimportance is counted",
            appliesWhen: .when("policy", is: "scissorhands")),
        ModelParameter(
            "scissorhands.recent", .int(10), .integer(0...1_000_000),
            "scissorhands: most recent tokens never dropped", appliesWhen: .when("policy", is: "scissorhands")),
        ModelParameter(
            "scissorhands.drop_share", .double(0.1), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 0.5)),
            "scissorhands: tokens dropped at once, as a share of the budget (at least the excess)",
            appliesWhen: .when("policy", is: "scissorhands")),
        ModelParameter(
            "scissorhands.threshold", .double(1), .number(.positive),
            "scissorhands: a token is important at a step when its attention is at least this x 1/|cache|",
            appliesWhen: .when("policy", is: "scissorhands")),
        ModelParameter(
            "snapkv.window", .int(32), .integer(1...1_000_000),
            "snapkv: the last prompt queries that vote (observation window); at most half the budget",
            appliesWhen: .when("policy", is: "snapkv")),
        ModelParameter(
            "snapkv.kernel", .int(7), .integer(1...1_001),
            "snapkv: width of the max pooling over the votes (odd)", appliesWhen: .when("policy", is: "snapkv")),
        ModelParameter(
            "trim-kv.beta", .string("predicted"), .choice(["predicted", "constant"]),
            "trim-kv: beta from the lifetime predictor, or trim-kv.constant_beta for every token",
            appliesWhen: .when("policy", is: "trim-kv")),
        ModelParameter(
            "trim-kv.constant_beta", .double(0.99), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1)),
            "trim-kv: the beta of every token when trim-kv.beta is constant",
            appliesWhen: .when("trim-kv.beta", is: "constant")),
        ModelParameter(
            "trim-kv.sink_tokens", .int(0), .integer(0...1_000_000),
            "trim-kv: the first tokens get beta = 1 (never decay)", appliesWhen: .when("policy", is: "trim-kv")),
        ModelParameter(
            "trim-kv.useful_share", .double(1), .number(.positive),
            "trim-kv: a token is useful at a decode step while its full attention is at least this x 1/(t+1); its lifetime ends at its last useful step",
            appliesWhen: .when("trim-kv.beta", is: "predicted")),
        ModelParameter(
            "trim-kv.prediction.error", .string("perfect"), .choice(["perfect", "lognormal"]),
            "trim-kv: error model of the lifetime predictor", appliesWhen: .when("trim-kv.beta", is: "predicted")),
        ModelParameter(
            "trim-kv.prediction.sigma", .double(0), .number(.nonNegative),
            "trim-kv lognormal: log-error standard deviation of predicted lifetimes",
            appliesWhen: .when("trim-kv.prediction.error", is: "lognormal")),
        ModelParameter(
            "lazy-eviction.window", .int(16), .integer(1...1_000_000),
            "lazy-eviction: W, steps between batch evictions of W tokens; the W newest are protected (below half the budget)",
            appliesWhen: .when("policy", is: "lazy-eviction")),
        ModelParameter(
            "lazy-eviction.threshold", .double(1), .number(.positive),
            "lazy-eviction: a token is active at a step when its attention is at least this x 1/|cache|",
            appliesWhen: .when("policy", is: "lazy-eviction")),
    ]

    /// The tuning `config` sets (its keys declared by `parameters`).
    init(config: Configuration) throws {
        h2oRecentShare = try config.double("h2o.recent_share")
        streamingSinks = try config.int("streaming-llm.sinks")
        scissorhandsHistory = try config.int("scissorhands.history")
        scissorhandsRecent = try config.int("scissorhands.recent")
        scissorhandsDropShare = try config.double("scissorhands.drop_share")
        scissorhandsThreshold = try config.double("scissorhands.threshold")
        snapkvWindow = try config.int("snapkv.window")
        snapkvKernel = try config.int("snapkv.kernel")
        try config.require(snapkvKernel % 2 == 1, "snapkv.kernel", "must be odd (a centred pooling window)")
        trimConstantBeta =
            try config.string("trim-kv.beta") == "constant" ? config.double("trim-kv.constant_beta") : nil
        trimSinkTokens = try config.int("trim-kv.sink_tokens")
        trimUsefulShare = try config.double("trim-kv.useful_share")
        let sigma = try config.double("trim-kv.prediction.sigma")
        trimErrorModel =
            try config.string("trim-kv.prediction.error") == "lognormal" ? .logNormalNoise(sigma: sigma) : .perfect
        lazyWindow = try config.int("lazy-eviction.window")
        lazyThreshold = try config.double("lazy-eviction.threshold")
    }
}
