import Foundation
import SimCore

extension AgentMemoryModel {
    /// The history generator of the `history.*`, `facts.*` and `questions.*` keys.
    static func generator(_ config: Configuration) throws -> HistoryGenerator {
        var g = HistoryGenerator()
        g.sessions = try config.int("history.sessions")
        g.turnsPerSession = try config.int("history.turns_per_session")
        g.turnTokens = try config.double("history.turn_tokens")
        g.turnTokensSigma = try config.double("history.turn_tokens_sigma")
        g.daysBetweenSessions = try config.double("history.days_between_sessions")
        g.topics = try config.int("history.topics")
        g.factsPerTurn = try config.double("facts.per_turn")
        g.updateShare = try config.double("facts.update_share")
        g.factTokens = try config.int("facts.tokens")
        g.questions = try config.int("questions.count")
        g.mix = try QuestionKind.allCases.map { try config.double("questions.\($0.rawValue.replacingDashes)") }
        try config.require(
            g.mix.reduce(0, +) > 0, "questions.single_session",
            "every question kind has weight 0: no question can be asked")
        g.ageBias = try config.double("questions.age_bias")
        g.questionTokens = try config.int("questions.tokens")
        g.delayDays = try config.double("questions.delay_days")
        return g
    }

    /// The history of `history.path` when `history.source` is `file`, else `nil`; its errors
    /// name the file and line.
    static func readFileHistory(_ config: Configuration) throws -> MemoryHistory? {
        guard try config.string("history.source") == "file" else { return nil }
        let path = try config.path("history.path")
        try config.require(!path.isEmpty, "history.path", "history.source file needs a JSONL history")
        let delay = try config.double("questions.delay_days")
        return try InputFileCache.shared.value(
            for: InputFileCache.key(path: path, format: "agent-history", options: ["\(delay)"]), path: path
        ) { try HistoryFileReader.read(path: path, delayDays: delay) }
    }

    /// The architectures' settings, checked against the history they will hold.
    static func architectureSettings(_ config: Configuration, generator: HistoryGenerator, file: MemoryHistory?)
        throws -> ArchitectureSettings
    {
        var s = ArchitectureSettings()
        s.window = try config.int("context.window")
        if let file {
            let needed = file.questions.map { $0.needed.reduce(0) { $0 + file.facts[$1].tokens } }.max() ?? 0
            try config.require(
                s.window >= needed, "context.window",
                "\(s.window) tokens cannot hold the facts one of the file's questions needs (\(needed) tokens)")
        } else {
            try config.require(
                Double(s.window) >= generator.turnTokens, "context.window",
                "\(s.window) tokens hold less than a median turn (history.turn_tokens \(generator.turnTokens))")
            try config.require(
                s.window >= 2 * generator.factTokens + 1, "context.window",
                "\(s.window) tokens cannot hold the two facts of a multi-session question (facts.tokens \(generator.factTokens))"
            )
        }
        s.recencyTokens = try config.int("recency.tokens")
        s.ragK = try config.int("rag.k")
        let turns = file?.turns.count ?? generator.sessions * generator.turnsPerSession
        if retrievingArchitectures.contains(try config.string("architecture")) {
            try config.require(s.ragK <= turns, "rag.k", "\(s.ragK) is more than the \(turns) turns of the history")
        }
        s.retriever = StylisedRetriever(
            quality: try config.double("rag.retriever_quality"),
            distractorSimilarity: try config.double("rag.distractor_similarity"))
        s.ragExtractsFacts = try config.string("rag.extract") == "facts"
        s.extractRecall = try config.double("rag.extract_recall")
        s.extractCallsPerTurn = try config.int("rag.extract_calls")
        s.memGPT = MemGPTSettings(
            warning: try config.double("memgpt.warning"), flushShare: try config.double("memgpt.flush_share"),
            archiveRecall: try config.double("memgpt.archive_recall"),
            summaryFidelity: try config.double("summary.fidelity"), maxSearches: try config.int("memgpt.max_searches"),
            summaryTokens: try config.int("memgpt.summary_tokens"))
        try config.require(
            try config.string("architecture") != "memgpt" || s.memGPT.summaryTokens < s.window, "memgpt.summary_tokens",
            "\(s.memGPT.summaryTokens) leaves no room for messages in a window of \(s.window)")
        s.memoryOS.shortTermPages = try config.int("memoryos.short_term_pages")
        s.memoryOS.midTermSegments = try config.int("memoryos.mid_term_segments")
        s.memoryOS.segments = try config.int("memoryos.segments")
        s.memoryOS.promotionHeat = try config.double("memoryos.promotion_heat")
        s.memoryOS.longTermFacts = try config.int("memoryos.long_term_facts")
        s.memoryOS.extractRecall = try config.double("memoryos.extract_recall")
        s.lightMem = LightMemSettings(
            compression: try config.double("lightmem.compression"),
            compressionFidelity: try config.double("lightmem.compression_fidelity"),
            bufferTokens: try config.int("lightmem.buffer_tokens"),
            extractRecall: try config.double("lightmem.extract_recall"),
            sleepSessions: try config.int("lightmem.sleep_sessions"),
            batchEntries: try config.int("lightmem.batch_entries"))
        s.memoryBank = MemoryBankSettings(
            initialStrength: try config.double("memorybank.initial_strength"),
            strengthIncrement: try config.double("memorybank.strength_increment"),
            threshold: try config.double("memorybank.threshold"),
            codeRule: try config.string("memorybank.rule") == "code")
        return s
    }
}

extension String {
    /// The key form of a name: dashes become underscores (`single-session` -> `single_session`).
    var replacingDashes: String { replacingOccurrences(of: "-", with: "_") }
}
