import SimCore

/// The `streaming-bandit` model: K Bernoulli arms arrive one at a time in a random order, a
/// single-pass algorithm with bounded arm memory spends T pulls on them (Wang, "Tight Regret
/// Bounds for Single-pass Streaming Multi-armed Bandits", ICML 2023).
///
/// Instances (`instance.kind`):
/// - `uniform`: means i.i.d. U[0, 1] (the paper's "mix-in" setting: many near-best arms);
/// - `gap`: one best arm at `instance.best`, every other at `instance.best - instance.gap`
///   (the hard instance of the lower bounds when the gap is near epsilon);
/// - `clear-cut`: one arm at 0.82 and the rest normal(0.5, 0.1) truncated to [0, 0.8] by
///   rejection (the setting of the paper's experiment code).
///
/// Regret is pseudo-regret, `sum over pulls of (mu* - mu_arm)`, exact given the pulls.
public struct StreamingBanditModel: Model {
    public static let kind = "streaming-bandit"
    public static let summary =
        "single-pass streaming bandits with bounded arm memory: uniform exploration vs epsilon-best-then-commit"

    public enum InstanceKind: String, CaseIterable, Sendable {
        case uniform, gap
        case clearCut = "clear-cut"
    }

    public static let parameters: [ModelParameter] = [
        ModelParameter(
            "algorithm", .string("epsilon-best"), .choice(StreamingBanditRegistry.names),
            "streaming algorithm"),
        ModelParameter(
            "arms", .int(100), .integer(2...10_000_000),
            "arms in the stream, K"),
        ModelParameter(
            "horizon", .int(100_000), .integer(2...10_000_000_000),
            "pulls, T (arms...10000000000)"),
        ModelParameter(
            "instance.kind", .string("uniform"), .choice(InstanceKind.allCases.map(\.rawValue)),
            "arm means"),
        ModelParameter(
            "instance.best", .double(0.6), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1)),
            "mean of the best arm of a gap instance"),
        ModelParameter(
            "instance.gap", .double(0.1), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1)),
            "best mean minus every other arm's in a gap instance, (0, instance.best]"),
    ]

    public static let metrics: [MetricDefinition] = [
        MetricDefinition("regret", unit: "reward", "pseudo-regret over the horizon (exact given the pulls)"),
        MetricDefinition("exploration_regret", unit: "reward", "the part of the regret spent before committing"),
        MetricDefinition("commit_gap", unit: "reward", "best mean minus the committed arm's mean"),
        MetricDefinition("exploration_pulls", unit: "pulls", "pulls spent before committing"),
        MetricDefinition("arms_stored", unit: "arms", "most arms held in memory at once, the arriving arm not counted"),
    ]

    public static var policies: [PolicyDescription] {
        StreamingBanditRegistry.entries.map { PolicyDescription(key: "algorithm", name: $0.name, summary: $0.summary) }
    }

    /// The algorithm, resolved once.
    let algorithm: StreamingBanditRegistry.Entry
    let arms: Int
    let horizon: Int
    let instanceKind: InstanceKind
    let best: Double
    let gap: Double

    public init(config: Configuration) throws {
        let config = try config.declaring(Self.parameters)
        algorithm = try config.entry("algorithm", from: StreamingBanditRegistry.entries)
        arms = try config.int("arms")
        horizon = try config.int("horizon")
        try config.require(horizon >= arms, "horizon", "\(horizon) is below arms \(arms): every arm must be read once")
        instanceKind =
            InstanceKind(rawValue: try config.string("instance.kind"))
            ?? .uniform
        best = try config.double("instance.best")
        gap = try config.double("instance.gap")
        try config.require(
            gap <= best, "instance.gap", "\(gap) is above instance.best \(best): the worst arm's mean would be negative"
        )
    }

    public func run(seed: UInt64) throws -> MetricRow {
        let root = RandomSource(seed: seed)
        var instanceRandom = root.split("instance")
        var means = drawMeans(&instanceRandom)
        // Arrival order: a uniform shuffle (Fisher-Yates).
        var order = root.split("arrival order")
        order.shuffle(&means)
        var stream = ArmStream(means: means, horizon: horizon, random: root.split("pulls"))
        let committed = algorithm.make(()).play(&stream)
        return MetricRow([
            "regret": stream.regret,
            "exploration_regret": stream.regret - Double(horizon - stream.explorationPulls)
                * (stream.bestMean - means[committed]),
            "commit_gap": stream.bestMean - means[committed],
            "exploration_pulls": Double(stream.explorationPulls),
            "arms_stored": Double(stream.peakStored),
        ])
    }

    private func drawMeans(_ random: inout RandomSource) -> [Double] {
        switch instanceKind {
        case .uniform:
            return (0..<arms).map { _ in random.nextDouble() }
        case .gap:
            return (0..<arms).map { $0 == 0 ? best : best - gap }
        case .clearCut:
            return (0..<arms).map { i in
                if i == 0 { return 0.82 }
                while true {
                    let m = random.normal(mean: 0.5, sd: 0.1)
                    if m >= 0 && m <= 0.8 { return m }
                }
            }
        }
    }
}
