import SimCore

/// Retrieval-augmented memory: a store searched by a stylised retriever (`StylisedRetriever`),
/// the top `rag.k` items put in the context.
///
/// ```
/// rag.extract: chunks (plain RAG, the RAG baselines of LongMemEval and Convomem)
///   ingest: every turn becomes a chunk (its tokens, its facts, its session's date); no LLM call
/// rag.extract: facts (Mem0: Chhikara et al., arXiv:2504.19413, 2025)
///   ingest: rag.extract_calls LLM calls per turn (Mem0's extraction and update), each reading
///           the turn; each fact stated is extracted with probability rag.extract_recall and
///           stored as one item of facts.tokens tokens with its date; an extracted new value
///           of a slot replaces the stored older one (Mem0's UPDATE)
/// question: one search; the top rag.k items, best first, each that still fits in
///           context.window; one call (the answer)
/// ```
struct RAGArchitecture: MemoryArchitecture {
    static let summary =
        "a store of chunks (or, rag.extract: facts, Mem0-style extracted facts) searched by a stylised retriever; top rag.k in context"

    private let history: MemoryHistory
    private let settings: ArchitectureSettings
    private var random: RandomSource
    /// Stored items: a turn index (chunks) or a fact id (facts), in storage order.
    private var items: [Int] = []
    /// For extracted facts: the stored item of each slot (-1: none); slots are numbered below the facts' count.
    private var itemOfSlot: [Int]

    init(context: ArchitectureContext) {
        history = context.history
        settings = context.settings
        random = context.random
        itemOfSlot = [Int](repeating: -1, count: context.history.facts.count)
    }

    mutating func ingest(_ turn: HistoryTurn, costs: inout ManagementCosts) {
        guard settings.ragExtractsFacts else {
            items.append(turn.index)
            return
        }
        costs.onlineCalls += settings.extractCallsPerTurn
        costs.onlineTokens += settings.extractCallsPerTurn * turn.tokens
        for id in turn.facts where random.bernoulli(p: settings.extractRecall) {
            let slot = history.facts[id].slot
            if itemOfSlot[slot] >= 0 {
                items[itemOfSlot[slot]] = id
            } else {
                itemOfSlot[slot] = items.count
                items.append(id)
            }
        }
    }

    mutating func context(for question: Question) -> ContextBuild {
        var build = ContextBuild()
        build.searches = 1
        let retriever = settings.retriever
        if settings.ragExtractsFacts {
            let top = retriever.topFacts(settings.ragK, of: items, for: question, facts: history.facts, random: &random)
            build.add(statements: top, of: history.facts, within: settings.window)
        } else {
            let top = retriever.topTurns(settings.ragK, of: items, for: question, history: history, random: &random)
            build.add(turns: top, of: history, within: settings.window)
        }
        return build
    }

    var storedTokens: Int {
        items.reduce(0) { $0 + (settings.ragExtractsFacts ? history.facts[$1].tokens : history.turns[$1].tokens) }
    }
}
