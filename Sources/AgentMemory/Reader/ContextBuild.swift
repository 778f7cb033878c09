/// What an architecture puts into the context for one question, and what building it cost.
struct ContextBuild: Sendable {
    /// Tokens of memory in the context (the question's own tokens are added by the reader).
    var tokens = 0
    /// The facts present, verbatim or inside a summary that kept them, by id.
    var facts: [Int] = []
    /// Whether each fact in `facts` carries when it was stated (a raw turn carries its
    /// session's date; a summary or an extracted fact may lose it).
    var timed: [Bool] = []
    /// LLM calls to answer: page-in or retrieval calls the architecture makes, plus the answer.
    var calls = 1
    /// Searches of an external store (vector or text retrieval).
    var searches = 0
    /// Tokens of the context that are the same for every question (the conversation itself, as
    /// full context holds it), whose KV a serving engine can keep between questions.
    var reusableTokens = 0

    /// Adds one fact to the context.
    mutating func add(fact: Int, timed isTimed: Bool) {
        facts.append(fact)
        timed.append(isTimed)
    }
}

/// LLM work an architecture spends on managing memory (not on answering), online as the
/// conversation happens or offline in batched consolidation ("sleep time").
struct ManagementCosts: Sendable {
    var onlineCalls = 0
    var onlineTokens = 0
    var offlineCalls = 0
    var offlineTokens = 0
}
