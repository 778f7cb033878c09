import Foundation
import SimCore

/// MemoryBank (Zhong, Guo, Gao, Ye and Wang, "MemoryBank: Enhancing Large Language Models with
/// Long-Term Memory", AAAI 2024): conversation records with their dates, retrieved by
/// similarity, and forgotten along the Ebbinghaus curve unless recalled.
///
/// ```
/// each stored memory m: strength S_m (memorybank.initial_strength when stored), last recall d_m
/// memorybank.rule paper: R_m(day) = exp(-(day - d_m) / S_m)   (days; the paper's §2)
///   an access forgets every memory with R_m(day) < memorybank.threshold
/// memorybank.rule code: R_m(day) = exp(-(day - d_m) x S_m / 5)  (the authors'
///   memory_retrieval/forget_memory.py at 3869efc, `exp(-t / 5*S)` read as Python does, so a
///   recall makes a memory fade faster); an access forgets m when a uniform draw exceeds R_m
/// an access on `day` (the start of each later session, and each question):
///   forget as the rule says
///   retrieve the top rag.k memories (stylised retriever) for the access's topic
///   each retrieved memory is recalled: S_m += memorybank.strength_increment, d_m = day
/// ingest: every turn is stored as a memory; no LLM call (the paper's daily summaries and
///         user portrait are not modelled)
/// question: an access; the retrieved memories, best first, each that still fits in
///           context.window, go in the context; one call
/// ```
/// A session's access recalls memories of its topic, so under the paper's rule memories of
/// recurring topics are reinforced and outlive those of topics that never return. A recall
/// resets d_m even with memorybank.strength_increment 0.
struct MemoryBankArchitecture: MemoryArchitecture {
    static let summary =
        "MemoryBank (Zhong et al., AAAI 2024): retrieved records, forgotten along exp(-dt / S) unless recalled (S grows per recall)"

    private let history: MemoryHistory
    private let settings: ArchitectureSettings
    private var random: RandomSource
    /// Stored memories (turn indices) that are not forgotten, with their strengths and last recalls.
    private var memories: [Int] = []
    private var strength: [Double] = []
    private var lastRecall: [Double] = []

    init(context: ArchitectureContext) {
        history = context.history
        settings = context.settings
        random = context.random
    }

    mutating func ingest(_ turn: HistoryTurn, costs: inout ManagementCosts) {
        if turn.index == history.sessions[turn.session].turns.lowerBound, turn.session > 0 {
            let session = history.sessions[turn.session]
            _ = access(day: session.day, topic: session.topic, slots: [])
        }
        memories.append(turn.index)
        strength.append(settings.memoryBank.initialStrength)
        lastRecall.append(history.sessions[turn.session].day)
    }

    mutating func context(for question: Question) -> ContextBuild {
        let slots = question.slots(in: history.facts)
        var build = ContextBuild()
        build.searches = 1
        let retrieved = access(day: history.questionDay, topic: question.topic, slots: slots)
        build.add(turns: retrieved, of: history, within: settings.window)
        return build
    }

    /// Forgets, retrieves and reinforces; returns the retrieved memories (turn indices), best first.
    private mutating func access(day: Double, topic: Int, slots: [Int]) -> [Int] {
        let bank = settings.memoryBank
        var kept = 0
        for m in memories.indices {
            let elapsed = day - lastRecall[m]
            if bank.codeRule {
                guard random.nextDouble() <= exp(-elapsed * strength[m] / 5) else { continue }
            } else {
                guard exp(-elapsed / strength[m]) >= bank.threshold else { continue }
            }
            memories[kept] = memories[m]
            strength[kept] = strength[m]
            lastRecall[kept] = lastRecall[m]
            kept += 1
        }
        memories.removeLast(memories.count - kept)
        strength.removeLast(strength.count - kept)
        lastRecall.removeLast(lastRecall.count - kept)
        let turns = history.turns
        let facts = history.facts
        let sessions = history.sessions
        let memories = memories
        let retriever = settings.retriever
        let top = retriever.top(settings.ragK, of: memories.count, random: &random) { m in
            let turn = turns[memories[m]]
            if !slots.isEmpty, turn.facts.contains(where: { slots.contains(facts[$0].slot) }) { return 1 }
            guard sessions[turn.session].topic == topic else { return 0 }
            return slots.isEmpty ? 1 : retriever.distractorSimilarity
        }
        for m in top {
            strength[m] += settings.memoryBank.strengthIncrement
            lastRecall[m] = day
        }
        return top.map { memories[$0] }
    }

    var storedTokens: Int { memories.reduce(0) { $0 + history.turns[$1].tokens } }
}

/// The `memorybank.*` settings.
struct MemoryBankSettings: Sendable {
    var initialStrength = 1.0
    var strengthIncrement = 1.0
    var threshold = 0.1
    /// The authors' code's rule instead of the paper's (see the type's pseudocode).
    var codeRule = false
}
