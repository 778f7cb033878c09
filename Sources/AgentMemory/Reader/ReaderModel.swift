import Foundation

/// How a question fares given the context built for it.
struct QuestionOutcome: Sendable {
    /// Every needed fact present (with its time when the question needs it); false for abstention.
    let evidence: Bool
    /// A knowledge-update question whose context holds an older value and not the latest.
    let staleRead: Bool
    /// The reader model's probability of a right answer.
    let accuracy: Double
    /// Facts of the question's topic in the context that it does not need.
    let distractors: Int
    /// Context tokens the reader reads: the memory and the question.
    let contextTokens: Int
}

/// The reader: evidence is checked exactly; the answer's accuracy comes from an explicit,
/// documented model of a long-context LLM reader.
///
/// ```
/// evidence  = every needed fact in the context (and its time, for temporal questions)
/// accuracy  = max_accuracy x exp(-context tokens / length_scale) x (1 - distractor_penalty)^distractors
///             when the evidence is there (for abstention: always, the right answer being
///             to abstain); 0 when it is not (no guessing), and a knowledge-update question
///             whose context holds only older values is a stale read (wrong)
/// ```
/// The defaults fit GPT-4o in LongMemEval (Wu et al., ICLR 2025, Fig. 3b, without
/// Chain-of-Note): 0.870 of the questions answered with only the evidence sessions in context
/// ("oracle", counted here as a short context) and 0.606 with the whole LongMemEval_S history
/// (about 115,000 tokens), which exp(-115,000 / L) = 0.606 / 0.870 gives for L of about
/// 318,000 tokens. Other readers decline faster (Llama 3.1 8B: 0.710 to 0.454) or slower
/// (Gemini 2.5 Flash in ConvoMem: 94.7% to 82.0% at about 228,000 tokens): set both keys
/// for the reader studied. With both the latest and an older value present the reader takes
/// the latest. The distractor penalty has no published figure and is 0 (off) by default.
struct ReaderModel: Sendable {
    var maxAccuracy = 0.87
    var lengthScale = 318_000.0
    var distractorPenalty = 0.0

    func outcome(of question: Question, in build: ContextBuild, facts: [Fact]) -> QuestionOutcome {
        var found = [Bool](repeating: false, count: question.needed.count)
        var staleFound = false
        var distractors = 0
        for (k, id) in build.facts.enumerated() {
            if let n = question.needed.firstIndex(of: id) {
                if !question.needsTime || build.timed[k] { found[n] = true }
            } else if question.stale.contains(id) {
                staleFound = true
            } else if facts[id].topic == question.topic {
                distractors += 1
            }
        }
        let evidence = question.kind != .abstention && found.allSatisfy { $0 }
        let tokens = build.tokens + question.tokens
        let reading = maxAccuracy * exp(-Double(tokens) / lengthScale) * pow(1 - distractorPenalty, Double(distractors))
        let answerable = evidence || question.kind == .abstention
        return QuestionOutcome(
            evidence: evidence, staleRead: question.kind == .knowledgeUpdate && !evidence && staleFound,
            accuracy: answerable ? reading : 0, distractors: distractors, contextTokens: tokens)
    }
}
