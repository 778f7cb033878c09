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
            "reader", .string("coreset"), "memory reader: " + ContextReaderRegistry.names.joined(separator: ", ")),
        ModelParameter("coreset.k", .int(50), "coreset: fragments kept (1...100000)"),
        ModelParameter("coreset.ranker", .string("score"), "coreset: rendering order: score, arrival or hysteresis"),
        ModelParameter(
            "coreset.hysteresis", .double(0.1),
            "coreset, hysteresis ranker: signal margin a fragment needs to displace the weakest, [0, 1]"),
        ModelParameter("stream.sessions", .int(20), "sessions of each scenario's stream (1...100000)"),
        ModelParameter("stream.messages_per_session", .int(8), "background messages per session (0...10000)"),
        ModelParameter("stream.tokens_median", .double(60), "median tokens of a fragment (log-normal, >= 1)"),
        ModelParameter("stream.tokens_sigma", .double(0.5), "log-sd of fragment tokens (>= 0)"),
        ModelParameter(
            "stream.benign_hard_fraction", .double(0.1),
            "probability that a background fragment is a high-signal benign confounder, [0, 1]"),
        ModelParameter(
            "stream.attacks", .int(40),
            "attack scenarios, their kinds in turn accumulate, compose, launder, inject-on-reader (0...100000)"),
        ModelParameter(
            "stream.benign_campaigns", .int(40),
            "benign scenarios: a multi-part benign campaign of the same shape (0...100000)"),
        ModelParameter("stream.parts", .int(4), "parts per campaign, the last one the action step (1...64)"),
        ModelParameter("stream.spread", .int(8), "consecutive sessions a campaign spans (1: one session; <= sessions)"),
        ModelParameter(
            "stream.flood", .int(10),
            "high-signal decoys an inject-on-reader attack sends before its action (0...10000)"),
        ModelParameter("correlator.threshold", .double(0.45), "evidence at which the correlator flags a campaign"),
        ModelParameter(
            "correlator.dilution", .double(0.05),
            "evidence lost per doubling of (1 + rendered tokens / dilution_tokens) (>= 0)"),
        ModelParameter(
            "correlator.dilution_tokens", .double(1000), "context length at which dilution starts to bite (> 0)"),
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

    let readerName: String
    let readerSettings: ContextReaderRegistry.Settings
    let stream: ContextStreamGenerator
    let correlator: StylizedCorrelator

    public init(config: Configuration) throws {
        readerName = try config.string("reader", oneOf: ContextReaderRegistry.names)
        let ranker =
            CoresetRanker(rawValue: try config.string("coreset.ranker", oneOf: CoresetRanker.allCases.map(\.rawValue)))
            ?? .score
        readerSettings = .init(
            k: try config.int("coreset.k", in: 1...100_000), ranker: ranker,
            hysteresis: try config.double("coreset.hysteresis", allowed: .probability))
        var stream = ContextStreamGenerator()
        stream.sessions = try config.int("stream.sessions", in: 1...100_000)
        stream.messagesPerSession = try config.int("stream.messages_per_session", in: 0...10_000)
        stream.tokensMedian = try config.double("stream.tokens_median", allowed: NumberDomain(lower: 1))
        stream.tokensSigma = try config.double("stream.tokens_sigma", allowed: .nonNegative)
        stream.benignHardFraction = try config.double("stream.benign_hard_fraction", allowed: .probability)
        stream.attacks = try config.int("stream.attacks", in: 0...100_000)
        stream.benignCampaigns = try config.int("stream.benign_campaigns", in: 0...100_000)
        stream.parts = try config.int("stream.parts", in: 1...64)
        stream.spread = try config.int("stream.spread", in: 1...100_000)
        stream.flood = try config.int("stream.flood", in: 0...10_000)
        guard stream.spread <= stream.sessions else {
            throw config.error("stream.spread", "\(stream.spread) exceeds stream.sessions \(stream.sessions)")
        }
        self.stream = stream
        var correlator = StylizedCorrelator()
        correlator.threshold = try config.double("correlator.threshold")
        correlator.dilution = try config.double("correlator.dilution", allowed: .nonNegative)
        correlator.dilutionTokens = try config.double("correlator.dilution_tokens", allowed: .positive)
        self.correlator = correlator
    }

    public func run(seed: UInt64) throws -> MetricRow {
        guard let entry = ContextReaderRegistry.entries.first(where: { $0.name == readerName }) else {
            throw ConfigError("reader", "unknown reader '\(readerName)'")
        }
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
