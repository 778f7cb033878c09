import SimCore

/// The `agent-memory` model: a long-lived assistant's history of sessions, with facts
/// planted, updated and later asked about, through an architecture that decides what stays
/// in the context, what is stored, retrieved or forgotten.
///
/// ```
/// history = the seeded generator (HistoryGenerator), seeded by `history` and `questions`,
///           or a JSONL file (HistoryFileReader)
/// for each session, each turn: architecture.ingest (online memory management, its LLM calls)
/// after each session: architecture.endSession
/// on the question day, for each question in order:
///   build = architecture.context(for: question)      (never more than context.window tokens)
///   the reader checks the evidence and scores the answer (ReaderModel); the cost model
///   gives its latency
/// ```
/// `evidence_recall` needs no model of an LLM; `answer_accuracy` rests on the reader model,
/// and every conclusion drawn from it should be checked under `evidence_recall` too.
public struct AgentMemoryModel: Model {
    public static let kind = "agent-memory"
    public static let summary =
        "agent memory: a long history of sessions through an architecture (context, stores, forgetting); evidence recall, accuracy, tokens, calls"

    public static let parameters: [ModelParameter] =
        [
            ModelParameter(
                "architecture", .string("full-context"), .choice(ArchitectureRegistry.names), "memory architecture")
        ] + historyParameters + architectureParameters

    public static var policies: [PolicyDescription] {
        ArchitectureRegistry.entries.map { PolicyDescription(key: "architecture", name: $0.name, summary: $0.summary) }
    }

    let architecture: ArchitectureRegistry.Entry
    let generator: HistoryGenerator
    /// The history read from `history.path` when `history.source` is `file` (read once, cached).
    let fileHistory: MemoryHistory?
    let settings: ArchitectureSettings
    let reader: ReaderModel
    let cost: AnswerCostModel

    public init(config: Configuration) throws {
        let config = try config.declaring(Self.parameters)
        architecture = try config.entry("architecture", from: ArchitectureRegistry.entries)
        generator = try Self.generator(config)
        fileHistory = try Self.readFileHistory(config)
        settings = try Self.architectureSettings(config, generator: generator, file: fileHistory)
        reader = ReaderModel(
            maxAccuracy: try config.double("reader.max_accuracy"),
            lengthScale: try config.double("reader.length_scale"),
            distractorPenalty: try config.double("reader.distractor_penalty"))
        cost = AnswerCostModel(
            prefillTokensPerSecond: try config.double("cost.prefill_tokens_per_s"),
            callSeconds: try config.double("cost.call_seconds"),
            searchSeconds: try config.double("cost.search_seconds"),
            reusedTokensPerSecond: try config.double("cost.reused_tokens_per_s"))
    }

    public func run(seed: UInt64) throws -> MetricRow {
        let root = RandomSource(seed: seed)
        let history = try fileHistory ?? generator.generate(root: root)
        var memory = architecture.make(
            ArchitectureContext(history: history, settings: settings, random: root.split("architecture")))
        var costs = ManagementCosts()
        for session in history.sessions {
            for t in session.turns { memory.ingest(history.turns[t], costs: &costs) }
            memory.endSession(session, costs: &costs)
        }
        var tally = OutcomeTally()
        for question in history.questions {
            let build = memory.context(for: question)
            guard build.tokens <= settings.window else {
                throw InvariantViolation(
                    "\(architecture.name) put \(build.tokens) tokens in a context window of \(settings.window)")
            }
            let outcome = reader.outcome(of: question, in: build, facts: history.facts)
            tally.add(question, outcome, calls: build.calls, latency: cost.latency(of: build, outcome))
        }
        return try tally.row(costs: costs, storedTokens: memory.storedTokens, historyTokens: history.totalTokens)
    }
}
