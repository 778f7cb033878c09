/// The conversation itself, truncated from the oldest end to a token budget: `full-context`
/// (the budget is the reader's `context.window`: the long-context baseline of LongMemEval and
/// Convomem) and `recency` (the last `recency.tokens` tokens: a sliding working memory).
///
/// ```
/// ingest: nothing (no LLM call)
/// context: the newest whole turns whose tokens fit in the budget, with their dates
/// ```
struct TruncatedHistoryArchitecture: MemoryArchitecture {
    static let fullContextSummary = "the whole history up to context.window tokens, oldest turns truncated"
    static let recencySummary = "the last recency.tokens tokens of the conversation (whole turns)"

    let history: MemoryHistory
    let budget: Int
    /// Turns seen so far.
    var seen = 0

    mutating func ingest(_ turn: HistoryTurn, costs: inout ManagementCosts) { seen += 1 }

    mutating func context(for question: Question) -> ContextBuild {
        var build = ContextBuild()
        var i = seen - 1
        while i >= 0, build.tokens + history.turns[i].tokens <= budget {
            build.tokens += history.turns[i].tokens
            for fact in history.turns[i].facts { build.add(fact: fact, timed: true) }
            i -= 1
        }
        build.reusableTokens = build.tokens
        return build
    }

    var storedTokens: Int { 0 }
}
