import SimCore

/// The `shared-context` model: one long context followed by several questions about it,
/// each needing different tokens, served by a KV method with a token budget (SCBench's
/// multi-turn shared-context setting, Li et al., ICLR 2025).
///
/// ```
/// per conversation: question t needs `needle_spans` spans of `span_tokens` consecutive
///     tokens at uniform positions of the `context_tokens`-token context (with probability
///     `overlap`, each span is instead one of the first question's)
/// relevance of token i to question t: relevance_gap if question t needs it, else 0,
///     plus standard normal noise (what a query-aware method's attention estimate sees)
/// question t is answered iff at least `answer_fraction` of the tokens it needs are among
///     those the method attends to
/// ```
/// The answer rule is this model's stand-in for a model's accuracy: it measures whether the
/// evidence survives, not language-model quality.
public struct SharedContextModel: Model {
    public static let kind = "shared-context"
    public static let summary =
        "a long shared context and several questions: KV eviction vs retrieval across turns (SCBench)"

    public static let parameters: [ModelParameter] = [
        ModelParameter(
            "method", .string("keep-all"), .choice(ContextKVMethodRegistry.names),
            "KV method"),
        ModelParameter(
            "budget", .int(1024), .integer(1...10_000_000),
            "KV tokens a budgeted method attends to"),
        ModelParameter(
            "context_tokens", .int(16384), .integer(16...10_000_000),
            "tokens of the shared context"),
        ModelParameter(
            "questions", .int(5), .integer(1...1_000),
            "questions asked in turn about the context"),
        ModelParameter(
            "conversations", .int(50), .integer(1...100_000),
            "independent conversations per run"),
        ModelParameter(
            "needle_spans", .int(2), .integer(1...1_000),
            "spans of tokens each question needs"),
        ModelParameter(
            "span_tokens", .int(16), .integer(1...10_000_000),
            "tokens per needed span"),
        ModelParameter(
            "relevance_gap", .double(3), .number(.nonNegative),
            "mean relevance of a needed token above the others, in noise standard deviations"),
        ModelParameter(
            "answer_fraction", .double(0.8), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1)),
            "fraction of its needed tokens a question must attend to"),
        ModelParameter(
            "overlap", .double(0), .number(.probability),
            "probability that a needed span of a later question is one of the first question's"),
    ]

    public static let metrics: [MetricDefinition] = [
        MetricDefinition("accuracy_first", unit: "ratio", "conversations whose first question is answered"),
        MetricDefinition("accuracy_later", unit: "ratio", "answered later questions / later questions"),
        MetricDefinition("accuracy_last", unit: "ratio", "conversations whose last question is answered"),
        MetricDefinition(
            "needle_recall_later", unit: "ratio", "mean fraction of a later question's needed tokens that it attends to"
        ),
        MetricDefinition("kv_tokens_resident", unit: "tokens", "KV tokens the method keeps in HBM between questions"),
        MetricDefinition(
            "tokens_loaded_per_question", unit: "tokens",
            "KV tokens loaded from a slower tier per question (retrieval methods)"),
    ]

    public static var policies: [PolicyDescription] {
        ContextKVMethodRegistry.entries.map { PolicyDescription(key: "method", name: $0.name, summary: $0.summary) }
    }

    /// The method, resolved once.
    let method: ContextKVMethodRegistry.Entry
    let budget: Int
    let contextTokens: Int
    let questions: Int
    let conversations: Int
    let needleSpans: Int
    let spanTokens: Int
    let relevanceGap: Double
    let answerFraction: Double
    let overlap: Double

    public init(config: Configuration) throws {
        let config = try config.declaring(Self.parameters)
        method = try config.entry("method", from: ContextKVMethodRegistry.entries)
        budget = try config.int("budget")
        contextTokens = try config.int("context_tokens")
        questions = try config.int("questions")
        conversations = try config.int("conversations")
        needleSpans = try config.int("needle_spans")
        spanTokens = try config.int("span_tokens")
        try config.require(
            spanTokens <= contextTokens, "span_tokens", "\(spanTokens) is longer than context_tokens \(contextTokens)")
        relevanceGap = try config.double("relevance_gap")
        answerFraction = try config.double("answer_fraction")
        overlap = try config.double("overlap")
    }

    public func run(seed: UInt64) throws -> MetricRow {
        let entry = method
        var answered = [Int](repeating: 0, count: questions)
        var laterRecall = 0.0
        let root = RandomSource(seed: seed)
        for c in 0..<conversations {
            var random = root.split("conversation \(c)")
            let needs = neededSpans(&random)
            var method = entry.make(budget)
            // Question t's relevance comes from its own split, so every method sees the same values.
            let rows: Int
            switch method.readsRelevance {
            case .none: rows = 0
            case .firstQuestion: rows = 1
            case .everyQuestion: rows = questions
            }
            var relevance = [[Double]](repeating: [], count: questions)
            for t in 0..<rows {
                var noise = random.split("relevance \(t)")
                var row = (0..<contextTokens).map { _ in noise.normal() }
                for start in needs[t] { for i in start..<(start + spanTokens) { row[i] += relevanceGap } }
                relevance[t] = row
            }
            for t in 0..<questions {
                var attended = [Bool](repeating: false, count: contextTokens)
                for i in method.attended(turn: t, relevance: relevance, contextTokens: contextTokens) {
                    attended[i] = true
                }
                let needed = Set(needs[t].flatMap { $0..<($0 + spanTokens) }).sorted()
                let found = needed.reduce(0) { $0 + (attended[$1] ? 1 : 0) }
                let fraction = Double(found) / Double(needed.count)
                if fraction >= answerFraction { answered[t] += 1 }
                if t > 0 { laterRecall += fraction }
            }
        }
        let method = entry.make(budget)
        let n = Double(conversations)
        let later = Double(conversations * (questions - 1))
        return MetricRow([
            "accuracy_first": Double(answered[0]) / n,
            "accuracy_later": questions > 1 ? Double(answered.dropFirst().reduce(0, +)) / later : 0,
            "accuracy_last": Double(answered[questions - 1]) / n,
            "needle_recall_later": questions > 1 ? laterRecall / later : 0,
            "kv_tokens_resident": Double(method.residentTokens(contextTokens: contextTokens)),
            "tokens_loaded_per_question": method.loadsPerTurn ? Double(min(budget, contextTokens)) : 0,
        ])
    }

    /// The start of every span each question needs.
    private func neededSpans(_ random: inout RandomSource) -> [[Int]] {
        var needs: [[Int]] = []
        for t in 0..<questions {
            needs.append(
                (0..<needleSpans).map { _ in
                    if t > 0, random.bernoulli(p: overlap) { return needs[0][random.nextInt(below: needleSpans)] }
                    return random.nextInt(below: contextTokens - spanTokens + 1)
                })
        }
        return needs
    }
}
