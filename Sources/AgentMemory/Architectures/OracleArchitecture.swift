/// Oracle: exactly the facts a question needs, with their times, and nothing else: the
/// upper bound on evidence recall at the fewest context tokens.
///
/// ```
/// context: the needed facts' statements (facts.tokens each); one call (the answer)
/// ```
struct OracleArchitecture: MemoryArchitecture {
    static let summary = "exactly the needed facts (upper bound on recall at the fewest tokens; reads the questions)"

    let facts: [Fact]

    init(history: MemoryHistory) { facts = history.facts }

    mutating func ingest(_ turn: HistoryTurn, costs: inout ManagementCosts) {}
    mutating func context(for question: Question) -> ContextBuild {
        var build = ContextBuild()
        for id in question.needed {
            build.tokens += facts[id].tokens
            build.add(fact: id, timed: true)
        }
        return build
    }
    var storedTokens: Int { 0 }
}
