import SimCore

/// The `context-reader` model: scenarios, each a stream of sessions whose messages yield
/// fragments, one campaign's parts (an attack spread over sessions, or a benign look-alike)
/// among them, read by a memory reader whose rendering a correlator judges at the
/// campaign's action step; and the prefix stability of the renderings, which decides how
/// much prefill a prefix cache saves.
///
/// Metrics follow Azarafrooz, "Cross-Session Threats in AI Agents" (2026): attack recall at
/// the action step (CSDA@action), precision against benign campaigns, F1, CSR_prefix (mean
/// over consecutive renderings of their longest common prefix over the new rendering's
/// length, in tokens) and CSTM = 0.7 F1 + 0.3 CSR_prefix.
public struct ContextReaderModel: Model {
    public static let kind = "context-reader"
    public static let summary =
        "cross-session memory readers: attack recall at the action step vs rendering prefix stability (KV reuse)"

    public static let parameters: [ModelParameter] = [
        ModelParameter(
            "reader", .string("coreset"), .choice(ContextReaderRegistry.names),
            "memory reader"),
        ModelParameter(
            "coreset.k", .int(50), .integer(1...100_000),
            "coreset: fragments kept"),
        ModelParameter(
            "coreset.ranker", .string("score"), .choice(CoresetRanker.allCases.map(\.rawValue)),
            "coreset: rendering order: score, arrival or hysteresis"),
        ModelParameter(
            "coreset.hysteresis", .double(0.1), .number(.probability),
            "coreset, hysteresis ranker: signal margin a fragment needs to displace the weakest"),
        ModelParameter(
            "stream.sessions", .int(20), .integer(1...100_000),
            "sessions of each scenario's stream"),
        ModelParameter(
            "stream.messages_per_session", .int(8), .integer(0...10_000),
            "background messages per session"),
        ModelParameter(
            "stream.tokens_median", .double(60), .number(NumberDomain(lower: 1)),
            "median tokens of a fragment (log-normal)"),
        ModelParameter(
            "stream.tokens_sigma", .double(0.5), .number(.nonNegative),
            "log-sd of fragment tokens"),
        ModelParameter(
            "stream.benign_hard_fraction", .double(0.1), .number(.probability),
            "probability that a background fragment is a high-signal benign confounder"),
        ModelParameter(
            "stream.attacks", .int(40), .integer(0...100_000),
            "attack scenarios, their kinds in turn accumulate, compose, launder, inject-on-reader"),
        ModelParameter(
            "stream.benign_campaigns", .int(40), .integer(0...100_000),
            "benign scenarios: a multi-part benign campaign of the same shape"),
        ModelParameter(
            "stream.parts", .int(4), .integer(1...64),
            "parts per campaign, the last one the action step"),
        ModelParameter(
            "stream.spread", .int(8), .integer(1...100_000),
            "consecutive sessions a campaign spans (1: one session; <= sessions)"),
        ModelParameter(
            "stream.flood", .int(10), .integer(0...10_000),
            "high-signal decoys an inject-on-reader attack sends before its action"),
        ModelParameter(
            "correlator.threshold", .double(0.45), .number(.nonNegative),
            "evidence at which the correlator flags a campaign"),
        ModelParameter(
            "correlator.dilution", .double(0.05), .number(.nonNegative),
            "evidence lost per doubling of (1 + rendered tokens / dilution_tokens)"),
        ModelParameter(
            "correlator.dilution_tokens", .double(1000), .number(.positive),
            "context length at which dilution starts to bite"),
    ]

    public static let metrics: [MetricDefinition] = [
        MetricDefinition(
            "attack_recall", unit: "ratio", "attacks flagged at their action step / attacks (CSDA@action)"),
        MetricDefinition("recall_accumulate", unit: "ratio", "attack recall over accumulate attacks"),
        MetricDefinition("recall_compose", unit: "ratio", "attack recall over compose attacks"),
        MetricDefinition("recall_launder", unit: "ratio", "attack recall over launder attacks"),
        MetricDefinition("recall_inject", unit: "ratio", "attack recall over inject-on-reader attacks"),
        MetricDefinition("precision", unit: "ratio", "flagged attacks / flagged campaigns (0 if none flagged)"),
        MetricDefinition("f1", unit: "ratio", "harmonic mean of precision and attack recall"),
        MetricDefinition(
            "csr_prefix", unit: "ratio",
            "mean over messages of the common prefix of consecutive renderings / the new rendering, in tokens"),
        MetricDefinition("cstm", unit: "ratio", "0.7 f1 + 0.3 csr_prefix"),
        MetricDefinition(
            "prefill_tokens", unit: "tokens",
            "rendered tokens beyond the common prefix with the previous rendering, summed over messages (what a prefix cache must prefill)"
        ),
        MetricDefinition("rendered_tokens_mean", unit: "tokens", "mean tokens of a rendering"),
        MetricDefinition("fragments", unit: "fragments", "fragments over all scenarios (exact count)"),
    ]

    public static var policies: [PolicyDescription] {
        ContextReaderRegistry.entries.map { PolicyDescription(key: "reader", name: $0.name, summary: $0.summary) }
    }

    /// The reader, resolved once.
    let reader: ContextReaderRegistry.Entry
    let readerSettings: ContextReaderRegistry.Settings
    let stream: ContextStreamGenerator
    let correlator: StylizedCorrelator

    public init(config: Configuration) throws {
        let config = try config.declaring(Self.parameters)
        reader = try config.entry("reader", from: ContextReaderRegistry.entries)
        let ranker =
            CoresetRanker(rawValue: try config.string("coreset.ranker"))
            ?? .score
        readerSettings = .init(
            k: try config.int("coreset.k"), ranker: ranker,
            hysteresis: try config.double("coreset.hysteresis"))
        var stream = ContextStreamGenerator()
        stream.sessions = try config.int("stream.sessions")
        stream.messagesPerSession = try config.int("stream.messages_per_session")
        stream.tokensMedian = try config.double("stream.tokens_median")
        stream.tokensSigma = try config.double("stream.tokens_sigma")
        stream.benignHardFraction = try config.double("stream.benign_hard_fraction")
        stream.attacks = try config.int("stream.attacks")
        stream.benignCampaigns = try config.int("stream.benign_campaigns")
        stream.parts = try config.int("stream.parts")
        stream.spread = try config.int("stream.spread")
        stream.flood = try config.int("stream.flood")
        guard stream.spread <= stream.sessions else {
            throw config.error("stream.spread", "\(stream.spread) exceeds stream.sessions \(stream.sessions)")
        }
        self.stream = stream
        var correlator = StylizedCorrelator()
        correlator.threshold = try config.double("correlator.threshold")
        correlator.dilution = try config.double("correlator.dilution")
        correlator.dilutionTokens = try config.double("correlator.dilution_tokens")
        self.correlator = correlator
    }

    public func run(seed: UInt64) throws -> MetricRow {
        let entry = reader
        let replay = ContextReplay(correlator: correlator)
        let kinds = CampaignKind.allCases
        var flagged = [Int](repeating: 0, count: kinds.count)
        var counts = flagged
        var csrSum = 0.0
        var csrCount = 0
        var prefill = 0
        var rendered = 0
        var fragments = 0
        let root = RandomSource(seed: seed).split("stream")
        for (i, kind) in stream.kinds.enumerated() {
            let scenario = stream.scenario(kind: kind, random: root.split("scenario \(i)"))
            let outcome = replay.run(scenario, reader: entry.make(readerSettings))
            let k = kinds.firstIndex(of: kind) ?? 0
            counts[k] += 1
            if outcome.flagged { flagged[k] += 1 }
            csrSum += outcome.csrSum
            csrCount += outcome.csrCount
            prefill += outcome.prefillTokens
            rendered += outcome.renderedTokens
            fragments += scenario.fragments.count
        }
        func ratio(_ a: Int, _ b: Int) -> Double { b > 0 ? Double(a) / Double(b) : 0 }
        func recallOf(_ kind: CampaignKind) -> Double {
            let k = kinds.firstIndex(of: kind) ?? 0
            return ratio(flagged[k], counts[k])
        }
        let benign = kinds.firstIndex(of: .benign) ?? 0
        let attacks = counts.reduce(0, +) - counts[benign]
        let flaggedAttacks = flagged.reduce(0, +) - flagged[benign]
        let recall = ratio(flaggedAttacks, attacks)
        let precision = ratio(flaggedAttacks, flaggedAttacks + flagged[benign])
        let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        let csr = csrCount > 0 ? csrSum / Double(csrCount) : 0
        return MetricRow([
            "attack_recall": recall, "recall_accumulate": recallOf(.accumulate), "recall_compose": recallOf(.compose),
            "recall_launder": recallOf(.launder), "recall_inject": recallOf(.injectOnReader), "precision": precision,
            "f1": f1,
            "csr_prefix": csr, "cstm": 0.7 * f1 + 0.3 * csr, "prefill_tokens": Double(prefill),
            "rendered_tokens_mean": fragments > 0 ? Double(rendered) / Double(fragments) : 0,
            "fragments": Double(fragments),
        ])
    }
}
