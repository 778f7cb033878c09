import Foundation
import SimCore

/// MemoryOS (Kang, Ji, Zhao, Shi and Bai, "Memory OS of AI Agent", EMNLP 2025,
/// arXiv:2506.06326; BAI-LAB/MemoryOS): three tiers, with segments promoted by heat.
///
/// ```
/// short-term: FIFO of the newest memoryos.short_term_pages pages (turns; 7 in the paper)
/// a page leaving short-term joins the mid-term segment of its topic (the paper joins
///   segments above a similarity of 0.6; a topic here), or opens one; one call writes its
///   meta information (reading the page)
/// heat(segment) = N_visit + L_interaction + exp(-days since its last visit / 116)
///   (alpha = beta = gamma = 1, mu = 10^7 s, the paper's §3.3); L_interaction counts the
///   pages joined since the last promotion
/// mid-term over memoryos.mid_term_segments (200): the lowest-heat segment is evicted
/// heat above memoryos.promotion_heat (tau = 5): one call reads the segment's pages and writes
///   each fact they state to the long-term knowledge base with probability memoryos.extract_recall;
///   L_interaction resets to 0. The knowledge base is a FIFO of memoryos.long_term_facts (100)
/// question: the short-term pages; the top memoryos.segments (5) mid-term segments by the
///   stylised retriever, each visited (N_visit += 1), and the top rag.k pages among theirs;
///   the top rag.k long-term facts; everything that fits in context.window; one call
/// ```
struct MemoryOSArchitecture: MemoryArchitecture {
    static let summary =
        "MemoryOS (Kang et al., EMNLP 2025): short-term FIFO, topic segments by heat (visits, length, recency), hot segments' facts promoted to a long-term store"

    private struct Segment {
        let topic: Int
        var pages: [Int] = []
        var visits = 0
        var sincePromotion = 0
        var lastVisit: Double
    }

    private let history: MemoryHistory
    private let settings: ArchitectureSettings
    private var random: RandomSource
    private var shortTerm: [Int] = []
    private var segments: [Segment] = []
    /// The long-term knowledge base: facts, oldest first.
    private var longTerm: [Int] = []

    init(context: ArchitectureContext) {
        history = context.history
        settings = context.settings
        random = context.random
    }

    private var os: MemoryOSSettings { settings.memoryOS }

    private func heat(_ segment: Segment, day: Double) -> Double {
        Double(segment.visits) + Double(segment.sincePromotion) + exp(-(day - segment.lastVisit) / os.recencyDays)
    }

    mutating func ingest(_ turn: HistoryTurn, costs: inout ManagementCosts) {
        shortTerm.append(turn.index)
        guard shortTerm.count > os.shortTermPages else { return }
        let page = shortTerm.removeFirst()
        let day = history.sessions[turn.session].day
        costs.onlineCalls += 1
        costs.onlineTokens += history.turns[page].tokens
        let topic = history.sessions[history.turns[page].session].topic
        let s: Int
        if let found = segments.firstIndex(where: { $0.topic == topic }) {
            s = found
        } else {
            segments.append(Segment(topic: topic, lastVisit: day))
            s = segments.count - 1
        }
        segments[s].pages.append(page)
        segments[s].sincePromotion += 1
        if heat(segments[s], day: day) > os.promotionHeat { promote(s, costs: &costs) }
        if segments.count > os.midTermSegments, let coldest = coldestSegment(day: day) { segments.remove(at: coldest) }
    }

    /// The lowest-heat segment (the older on ties).
    private func coldestSegment(day: Double) -> Int? {
        segments.indices.min { heat(segments[$0], day: day) < heat(segments[$1], day: day) }
    }

    private mutating func promote(_ s: Int, costs: inout ManagementCosts) {
        costs.onlineCalls += 1
        costs.onlineTokens += segments[s].pages.reduce(0) { $0 + history.turns[$1].tokens }
        for page in segments[s].pages {
            for id in history.turns[page].facts where !longTerm.contains(id) {
                guard random.bernoulli(p: os.extractRecall) else { continue }
                longTerm.append(id)
                if longTerm.count > os.longTermFacts { longTerm.removeFirst() }
            }
        }
        segments[s].sincePromotion = 0
    }

    mutating func context(for question: Question) -> ContextBuild {
        var build = ContextBuild()
        build.add(turns: shortTerm, of: history, within: settings.window)
        build.searches = 2
        build.add(turns: retrievePages(for: question), of: history, within: settings.window)
        let top = settings.retriever.topFacts(
            settings.ragK, of: longTerm, for: question, facts: history.facts, random: &random)
        build.add(statements: top, of: history.facts, within: settings.window)
        return build
    }

    /// The top segments (visited), then the top pages among theirs.
    private mutating func retrievePages(for question: Question) -> [Int] {
        let slots = question.slots(in: history.facts)
        let retriever = settings.retriever
        let history = history
        let segments = segments
        let chosen = retriever.top(os.segments, of: segments.count, random: &random) { s in
            segments[s].pages.map {
                retriever.relevance(of: history.turns[$0], slots: slots, topic: question.topic, history: history)
            }.max() ?? 0
        }
        for s in chosen {
            self.segments[s].visits += 1
            self.segments[s].lastVisit = history.questionDay
        }
        let pages = chosen.flatMap { segments[$0].pages }
        return retriever.topTurns(settings.ragK, of: pages, for: question, history: history, random: &random)
    }

    var storedTokens: Int {
        segments.reduce(0) { $0 + $1.pages.reduce(0) { $0 + history.turns[$1].tokens } }
            + longTerm.reduce(0) { $0 + history.facts[$1].tokens }
    }
}

/// The `memoryos.*` settings (defaults from the paper's §3.3 and §4.1).
struct MemoryOSSettings: Sendable {
    var shortTermPages = 7
    var midTermSegments = 200
    var segments = 5
    var promotionHeat = 5.0
    var longTermFacts = 100
    var extractRecall = 0.9
    /// mu of the recency term, in days (10^7 s).
    var recencyDays = 1e7 / 86_400
}
