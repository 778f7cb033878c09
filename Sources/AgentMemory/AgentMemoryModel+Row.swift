import SimCore
import Statistics

extension AgentMemoryModel {
    public static let metrics: [MetricDefinition] =
        [
            MetricDefinition(
                "evidence_recall", unit: "ratio",
                "answerable questions whose needed facts are all in the context (with their time for temporal ones); NaN if none was asked"
            )
        ]
        + QuestionKind.allCases.filter { $0 != .abstention }.map {
            MetricDefinition(
                "evidence_recall_\($0.rawValue.replacingDashes)", unit: "ratio",
                "evidence recall over \($0.rawValue) questions (NaN if none was asked)")
        } + [
            MetricDefinition(
                "answer_accuracy", unit: "ratio", "the reader model's expected accuracy over all questions asked"),
            MetricDefinition(
                "abstention_accuracy", unit: "ratio",
                "the reader model's expected accuracy over abstention questions (NaN if none was asked)"),
            MetricDefinition(
                "stale_read_rate", unit: "ratio",
                "knowledge-update questions whose context holds an older value and not the latest (NaN if none was asked)"
            ),
            MetricDefinition(
                "context_tokens_mean", unit: "tokens", "tokens the reader reads per question (memory + question)"),
            MetricDefinition("context_tokens_p95", unit: "tokens", "95th percentile of context tokens per question"),
            MetricDefinition(
                "answer_calls", unit: "calls", "LLM calls per question to answer it (retrievals, page-ins, the answer)"),
            MetricDefinition(
                "memory_calls_online", unit: "calls", "LLM calls of online memory management, per question asked"),
            MetricDefinition(
                "memory_calls_offline", unit: "calls", "LLM calls of offline consolidation, per question asked"),
            MetricDefinition(
                "memory_tokens_online", unit: "tokens",
                "tokens read by online memory management calls, per question asked"),
            MetricDefinition(
                "memory_tokens_offline", unit: "tokens",
                "tokens read by offline consolidation calls, per question asked"),
            MetricDefinition(
                "stored_tokens", unit: "tokens",
                "tokens the architecture holds outside its context on the question day: stored turns, entries, archives, summaries"
            ),
            MetricDefinition("latency_mean", unit: "s", "seconds to answer a question (the cost model)"),
            MetricDefinition("latency_p95", unit: "s", "95th percentile of the latency"),
            MetricDefinition("history_tokens", unit: "tokens", "tokens of the whole history"),
            MetricDefinition("questions", unit: "questions", "questions asked (kinds without a candidate are not)"),
        ]
}

/// The outcomes of a run's questions, summed as they come.
struct OutcomeTally {
    private var asked = [Int](repeating: 0, count: QuestionKind.allCases.count)
    private var withEvidence = [Int](repeating: 0, count: QuestionKind.allCases.count)
    private var accuracy = [Double](repeating: 0, count: QuestionKind.allCases.count)
    private var staleReads = 0
    private var contextTokens: [Double] = []
    private var latencies: [Double] = []
    private var calls = 0

    mutating func add(_ question: Question, _ outcome: QuestionOutcome, calls answerCalls: Int, latency: Double) {
        let k = QuestionKind.allCases.firstIndex(of: question.kind) ?? 0
        asked[k] += 1
        if outcome.evidence { withEvidence[k] += 1 }
        accuracy[k] += outcome.accuracy
        if outcome.staleRead { staleReads += 1 }
        contextTokens.append(Double(outcome.contextTokens))
        latencies.append(latency)
        calls += answerCalls
    }

    func row(costs: ManagementCosts, storedTokens: Int, historyTokens: Int) throws -> MetricRow {
        // A rate over no question is undefined: NaN, so that a summary over seeds shows it.
        func share(_ part: Int, _ whole: Int) -> Double { whole > 0 ? Double(part) / Double(whole) : .nan }
        func p95(_ values: [Double]) throws -> Double {
            values.isEmpty ? .nan : try Quantile.ofSorted(values.sorted(), probability: 0.95)
        }
        func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
        let total = contextTokens.count
        let abstention = QuestionKind.allCases.firstIndex(of: .abstention) ?? 0
        let update = QuestionKind.allCases.firstIndex(of: .knowledgeUpdate) ?? 0
        let answerable = asked.indices.filter { $0 != abstention }
        var values: [String: Double] = [:]
        values["evidence_recall"] = share(
            answerable.reduce(0) { $0 + withEvidence[$1] }, answerable.reduce(0) { $0 + asked[$1] })
        for k in answerable {
            values["evidence_recall_\(QuestionKind.allCases[k].rawValue.replacingDashes)"] = share(
                withEvidence[k], asked[k])
        }
        values["answer_accuracy"] = total > 0 ? accuracy.reduce(0, +) / Double(total) : .nan
        values["abstention_accuracy"] = asked[abstention] > 0 ? accuracy[abstention] / Double(asked[abstention]) : .nan
        values["stale_read_rate"] = share(staleReads, asked[update])
        values["context_tokens_mean"] = mean(contextTokens)
        values["context_tokens_p95"] = try p95(contextTokens)
        values["answer_calls"] = share(calls, total)
        values["memory_calls_online"] = share(costs.onlineCalls, total)
        values["memory_calls_offline"] = share(costs.offlineCalls, total)
        values["memory_tokens_online"] = share(costs.onlineTokens, total)
        values["memory_tokens_offline"] = share(costs.offlineTokens, total)
        values["stored_tokens"] = Double(storedTokens)
        values["latency_mean"] = mean(latencies)
        values["latency_p95"] = try p95(latencies)
        values["history_tokens"] = Double(historyTokens)
        values["questions"] = Double(total)
        var row = MetricRow()
        for metric in AgentMemoryModel.metrics { row[metric.name] = values[metric.name] ?? 0 }
        return row
    }
}
