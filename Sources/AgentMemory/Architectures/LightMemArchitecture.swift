import SimCore

/// LightMem (Fang et al., "LightMem: Lightweight and Efficient Memory-Augmented Generation",
/// arXiv:2510.18866, 2025): pre-compressed turns grouped by topic into memory entries online,
/// with consolidation moved offline ("sleep-time" update).
///
/// ```
/// ingest(turn): a small compressor keeps lightmem.compression of its tokens (LLMLingua-2
///   style, not an LLM call); each fact it states survives with lightmem.compression_fidelity
///   the compressed turn joins the topic buffer; a turn of another topic, a buffer over
///   lightmem.buffer_tokens, or a session's end flushes it: one online call reads the buffer and writes
///   an entry per surviving fact with probability lightmem.extract_recall, with its date
///   (entries are appended: an update does not yet replace the older value)
/// after every lightmem.sleep_sessions sessions (sleep time, offline): the new entries are
///   read in batches of lightmem.batch_entries, one offline call each, and every entry whose
///   slot has a newer entry is removed (the update applied)
/// question: the top rag.k entries by the stylised retriever; one call (the answer)
/// ```
/// Online and offline calls and tokens are reported apart, as the paper does.
struct LightMemArchitecture: MemoryArchitecture {
    static let summary =
        "LightMem (Fang et al., 2025): compressed turns grouped by topic into entries online, consolidation offline at sleep time"

    private let history: MemoryHistory
    private let settings: ArchitectureSettings
    private var random: RandomSource
    /// The topic buffer: compressed tokens, surviving facts and its topic.
    private var bufferTokens = 0
    private var bufferFacts: [Int] = []
    private var bufferTopic = -1
    /// Entries (fact ids), oldest first, and how many were written since the last sleep.
    private var entries: [Int] = []
    private var unconsolidated = 0
    private var sessionsSinceSleep = 0

    init(context: ArchitectureContext) {
        history = context.history
        settings = context.settings
        random = context.random
    }

    private var light: LightMemSettings { settings.lightMem }

    mutating func ingest(_ turn: HistoryTurn, costs: inout ManagementCosts) {
        let topic = history.sessions[turn.session].topic
        let tokens = max(1, Int((Double(turn.tokens) * light.compression).rounded()))
        if bufferTokens > 0, topic != bufferTopic || bufferTokens + tokens > light.bufferTokens {
            flush(costs: &costs)
        }
        bufferTopic = topic
        bufferTokens += tokens
        bufferFacts += turn.facts.filter { _ in random.bernoulli(p: light.compressionFidelity) }
    }

    mutating func endSession(_ session: HistorySession, costs: inout ManagementCosts) {
        flush(costs: &costs)
        sessionsSinceSleep += 1
        if sessionsSinceSleep >= light.sleepSessions { sleep(costs: &costs) }
    }

    /// One online call turns the buffer into entries.
    private mutating func flush(costs: inout ManagementCosts) {
        guard bufferTokens > 0 else { return }
        costs.onlineCalls += 1
        costs.onlineTokens += bufferTokens
        for id in bufferFacts where random.bernoulli(p: light.extractRecall) {
            entries.append(id)
            unconsolidated += 1
        }
        bufferTokens = 0
        bufferFacts.removeAll()
    }

    /// Sleep time: the new entries are read in batches and superseded values removed.
    private mutating func sleep(costs: inout ManagementCosts) {
        sessionsSinceSleep = 0
        guard unconsolidated > 0 else { return }
        let batches = (unconsolidated + light.batchEntries - 1) / light.batchEntries
        costs.offlineCalls += batches
        costs.offlineTokens += entries.suffix(unconsolidated).reduce(0) { $0 + history.facts[$1].tokens }
        unconsolidated = 0
        var newest = [Int](repeating: -1, count: history.facts.count)
        for id in entries { newest[history.facts[id].slot] = max(newest[history.facts[id].slot], id) }
        entries.removeAll { newest[history.facts[$0].slot] != $0 }
    }

    mutating func context(for question: Question) -> ContextBuild {
        var build = ContextBuild()
        build.searches = 1
        let top = settings.retriever.topFacts(
            settings.ragK, of: entries, for: question, facts: history.facts, random: &random)
        build.add(statements: top, of: history.facts, within: settings.window)
        return build
    }

    var storedTokens: Int { entries.reduce(0) { $0 + history.facts[$1].tokens } }
}

/// The `lightmem.*` settings.
struct LightMemSettings: Sendable {
    var compression = 0.6
    var compressionFidelity = 0.95
    var bufferTokens = 2_048
    var extractRecall = 0.9
    var sleepSessions = 10
    var batchEntries = 20
}
