import SimCore

/// MemGPT (Packer, Wooders, Lin, Fang, Patil, Stoica and Gonzalez, "MemGPT: Towards LLMs as
/// Operating Systems", arXiv:2310.08560, 2023): a main context managed like virtual memory,
/// with the rest of the conversation in external storage paged in by function calls.
///
/// ```
/// main context = recursive summary + FIFO queue of the newest messages (turns), at most
///                context.window tokens
/// ingest(turn): append it to the queue
///   queue at memgpt.warning x window (memory pressure, 70% in the paper): one call reads the
///     messages about to be flushed and writes each fact they state to archival storage
///     with probability memgpt.archive_recall (once per flush cycle)
///   queue over the window: flush the oldest memgpt.flush_share x window tokens (50%) to
///     recall storage; one call reads the old summary and the flushed messages and writes the
///     new recursive summary, which keeps each fact it read with probability
///     summary.fidelity (facts already in it are re-read, so older facts fade further),
///     without their dates, at most memgpt.summary_tokens (its oldest facts dropped beyond);
///     archived facts keep their dates
/// question: if the main context lacks a needed fact, the agent searches: each search is
///   one call returning the next page of rag.k results (the stylised retriever over recall
///   and archival storage, ranked once per question), at most memgpt.max_searches, stopping
///   when the main context and the pages hold the evidence; the context is the summary, the
///   queued messages holding a needed fact, the pages (the last page first) and the newest
///   of the other queued messages, in that order, as far as the window goes (a recall page
///   can repeat a queued turn's facts); then one call (the answer)
/// ```
/// The agent is assumed to recognise the evidence when a page holds it, and to search only
/// when the main context does not (an abstention question is searched once); both are the
/// best case of the paper's function calling.
struct MemGPTArchitecture: MemoryArchitecture {
    static let summary =
        "MemGPT (Packer et al., 2023): FIFO main context + recursive summary; flushed messages searchable, facts archived; paged retrieval calls"

    private let history: MemoryHistory
    private let settings: ArchitectureSettings
    private var random: RandomSource
    /// The queue: turn indices, oldest first, from `queueStart`.
    private var queue: [Int] = []
    private var queueStart = 0
    private var queueTokens = 0
    /// Facts the recursive summary still holds, and its tokens.
    private var summaryFacts: [Int] = []
    /// Flushed turns (recall storage) and archived facts (archival storage).
    private var recall: [Int] = []
    private var archival: [Int] = []
    private var archivedThisCycle = false

    init(context: ArchitectureContext) {
        history = context.history
        settings = context.settings
        random = context.random
    }

    private var summaryTokens: Int { summaryFacts.reduce(0) { $0 + history.facts[$1].tokens } }

    mutating func ingest(_ turn: HistoryTurn, costs: inout ManagementCosts) {
        queue.append(turn.index)
        queueTokens += turn.tokens
        let window = Double(settings.window)
        if !archivedThisCycle, Double(queueTokens + summaryTokens) >= settings.memGPT.warning * window {
            archive(costs: &costs)
        }
        if queueTokens + summaryTokens > settings.window { flush(costs: &costs) }
    }

    /// Memory pressure: the agent saves the facts of the messages the next flush will evict.
    private mutating func archive(costs: inout ManagementCosts) {
        archivedThisCycle = true
        var tokens = 0
        var i = queueStart
        let target = Int(settings.memGPT.flushShare * Double(settings.window))
        while i < queue.count, tokens < target {
            let turn = history.turns[queue[i]]
            tokens += turn.tokens
            for id in turn.facts where random.bernoulli(p: settings.memGPT.archiveRecall) { archival.append(id) }
            i += 1
        }
        costs.onlineCalls += 1
        costs.onlineTokens += tokens
    }

    /// Evicts the oldest flush_share of the window to recall storage and re-summarises.
    private mutating func flush(costs: inout ManagementCosts) {
        let target = Int(settings.memGPT.flushShare * Double(settings.window))
        var flushed = 0
        var read = summaryFacts
        while queueStart < queue.count, flushed < target || queueTokens + summaryTokens > settings.window {
            let turn = history.turns[queue[queueStart]]
            flushed += turn.tokens
            queueTokens -= turn.tokens
            recall.append(turn.index)
            read += turn.facts
            queueStart += 1
        }
        costs.onlineCalls += 1
        costs.onlineTokens += flushed + summaryTokens
        summaryFacts = read.filter { _ in random.bernoulli(p: settings.memGPT.summaryFidelity) }
        var tokens = summaryTokens
        var oldest = 0
        while tokens > settings.memGPT.summaryTokens, oldest < summaryFacts.count {
            tokens -= history.facts[summaryFacts[oldest]].tokens
            oldest += 1
        }
        summaryFacts.removeFirst(oldest)
        archivedThisCycle = false
        if queueStart > 4_096, queueStart * 2 > queue.count {
            queue.removeFirst(queueStart)
            queueStart = 0
        }
    }

    mutating func context(for question: Question) -> ContextBuild {
        var build = ContextBuild()
        var pages: [Int] = []  // recall items (turns, >= 0) and archival items (-1 - fact)
        if settings.memGPT.maxSearches > 0, !mainContextAnswers(question) { pages = search(question, build: &build) }
        var tokens = summaryTokens
        for id in summaryFacts { build.add(fact: id, timed: false) }
        // Queued messages holding a needed fact stay (the agent keeps what it found there),
        // then the pages, then the newest of the rest of the queue.
        let queued = (queueStart..<queue.count).reversed().map { queue[$0] }
        let holding = queued.filter { turn in history.turns[turn].facts.contains { question.needed.contains($0) } }
        let items = holding + pages + queued.filter { !holding.contains($0) }
        for item in items {
            let cost = item >= 0 ? history.turns[item].tokens : history.facts[-1 - item].tokens
            guard tokens + cost <= settings.window else { continue }
            tokens += cost
            if item >= 0 {
                for id in history.turns[item].facts { build.add(fact: id, timed: true) }
            } else {
                build.add(fact: -1 - item, timed: true)
            }
        }
        build.tokens = tokens
        return build
    }

    /// Whether the summary and the queue already hold every needed fact (never for an
    /// abstention question: the agent searches before saying it does not know).
    private func mainContextAnswers(_ question: Question) -> Bool {
        guard !question.needed.isEmpty else { return false }
        return question.needed.allSatisfy { id in
            (!question.needsTime && summaryFacts.contains(id))
                || (queueStart..<queue.count).contains { history.turns[queue[$0]].facts.contains(id) }
        }
    }

    /// Paged searches until a page completes the evidence or the searches run out.
    private mutating func search(_ question: Question, build: inout ContextBuild) -> [Int] {
        let items = recall + archival.map { -1 - $0 }
        let slots = question.slots(in: history.facts)
        let facts = history.facts
        let turns = history.turns
        let sessions = history.sessions
        let retriever = settings.retriever
        let ranked = retriever.top(
            settings.ragK * settings.memGPT.maxSearches, of: items.count, random: &random
        ) { k in
            let item = items[k]
            let topic: Int
            if item >= 0 {
                if turns[item].facts.contains(where: { slots.contains(facts[$0].slot) }) { return 1 }
                topic = sessions[turns[item].session].topic
            } else {
                if slots.contains(facts[-1 - item].slot) { return 1 }
                topic = facts[-1 - item].topic
            }
            return topic == question.topic ? retriever.distractorSimilarity : 0
        }
        // The main context's facts count as found: the agent searches for what it lacks.
        var found = summaryFacts.filter { _ in !question.needsTime }
        for i in queueStart..<queue.count { found += turns[queue[i]].facts }
        var pages: [Int] = []
        for page in 0..<settings.memGPT.maxSearches where page * settings.ragK < ranked.count {
            build.calls += 1
            build.searches += 1
            let slice = ranked[(page * settings.ragK)..<min(ranked.count, (page + 1) * settings.ragK)]
            // The newest page goes first into the context: it is the one that completed the search.
            pages.insert(contentsOf: slice.map { items[$0] }, at: 0)
            for k in slice { found += items[k] >= 0 ? turns[items[k]].facts : [-1 - items[k]] }
            if question.needed.allSatisfy({ found.contains($0) }) { break }
        }
        return pages
    }

    var storedTokens: Int {
        recall.reduce(0) { $0 + history.turns[$1].tokens } + archival.reduce(0) { $0 + history.facts[$1].tokens }
            + summaryTokens
    }
}

/// The `memgpt.*` settings and the summary's fidelity.
struct MemGPTSettings: Sendable {
    var warning = 0.7
    var flushShare = 0.5
    var archiveRecall = 0.8
    var summaryFidelity = 0.5
    var maxSearches = 3
    var summaryTokens = 1_000
}
