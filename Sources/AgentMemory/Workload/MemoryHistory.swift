/// A long-lived assistant's history: sessions of turns, the facts planted in them, and the
/// questions asked after the last session (LongMemEval's setting: the history, then the
/// questions). Indices are dense: `turns[i].index == i`, `facts[f].id == f`.
struct MemoryHistory: Sendable {
    var sessions: [HistorySession] = []
    var turns: [HistoryTurn] = []
    var facts: [Fact] = []
    var questions: [Question] = []
    /// The day on which the questions are asked.
    var questionDay = 0.0

    /// Tokens of the whole history.
    var totalTokens: Int { turns.reduce(0) { $0 + $1.tokens } }
}

/// One session: its day (days since the first session), its topic and its turns.
struct HistorySession: Sendable {
    let index: Int
    let day: Double
    let topic: Int
    /// Indices into `MemoryHistory.turns`.
    let turns: Range<Int>
}

/// One turn (a user message and the assistant's answer) with the facts it states.
struct HistoryTurn: Sendable {
    let index: Int
    let session: Int
    let tokens: Int
    /// Facts stated in the turn (ids), in order.
    var facts: [Int] = []
}

/// A fact stated in a turn: the value of a slot (a user attribute, an event, a preference)
/// at some version; a later fact of the same slot is a knowledge update that supersedes it.
struct Fact: Sendable {
    let id: Int
    let slot: Int
    /// 0 for the first value of the slot, then 1, 2, ... for each update.
    let version: Int
    let turn: Int
    let session: Int
    let topic: Int
    let day: Double
    /// Tokens of the statement inside its turn (what an extracted fact costs in a store).
    let tokens: Int
    /// Whether a later fact of the same slot supersedes this one.
    var superseded = false
}

/// The question kinds of LongMemEval (Wu et al., ICLR 2025), without its split of
/// single-session questions into user, assistant and preference ones.
enum QuestionKind: String, Sendable, CaseIterable {
    /// One fact from one session.
    case singleSession = "single-session"
    /// Two facts from different sessions, to be combined.
    case multiSession = "multi-session"
    /// One fact and when it was stated.
    case temporal
    /// The latest value of a slot that was updated (an older value is a stale answer).
    case knowledgeUpdate = "knowledge-update"
    /// About something never stated: the right answer is to abstain.
    case abstention
}

/// A question and the evidence it needs.
struct Question: Sendable {
    let kind: QuestionKind
    /// The facts whose presence in the context answers it (empty for abstention).
    let needed: [Int]
    /// Superseded versions of a knowledge-update question's slot, older first.
    let stale: [Int]
    /// The topic it is about (its facts' topic, or a topic for abstention).
    let topic: Int
    let tokens: Int
    /// Whether the answer needs when the fact was stated (temporal questions).
    var needsTime: Bool { kind == .temporal }
}
