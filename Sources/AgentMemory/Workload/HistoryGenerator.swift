import Foundation
import SimCore

/// The seeded synthetic history of the `history.*`, `facts.*` and `questions.*` keys.
///
/// ```
/// session s: day = previous day + Exp(mean days_between_sessions) (0 for the first),
///            topic uniform on 0 ..< topics, turns_per_session turns of
///            max(round(LogNormal(ln turn_tokens, turn_tokens_sigma)), 1) tokens, at least
///            fact tokens + 1 in a turn that states a fact
/// each turn states a fact with probability per_turn: with probability update_share (when a
///   slot exists) a new value of a uniformly chosen existing slot (a knowledge update, which
///   supersedes the slot's previous value), else the first value of a new slot of the
///   session's topic
/// questions, after the last session: kinds drawn by the mix; the probed facts are current
///   (not superseded) facts drawn with weight exp(age_bias x p), p the fact's place in the
///   history from 0 (oldest) to 1 (newest): 0 uniform, > 0 recent, < 0 old; multi-session
///   pairs a second current fact of another session, uniformly (of the same topic when there
///   is one);
///   knowledge updates probe a slot with two or more values by its latest value's weight
/// ```
/// A question whose kind has no candidate in the history (no updated slot, one session) is
/// not asked; `questions` reports how many were.
struct HistoryGenerator: Sendable {
    var sessions = 50
    var turnsPerSession = 10
    var turnTokens = 150.0
    var turnTokensSigma = 0.6
    var daysBetweenSessions = 1.0
    var topics = 20
    var factsPerTurn = 0.2
    var updateShare = 0.2
    var factTokens = 20
    var questions = 100
    /// Shares of single-session, multi-session, temporal, knowledge-update and abstention questions.
    var mix: [Double] = [0.4, 0.25, 0.15, 0.1, 0.1]
    var ageBias = 0.0
    var questionTokens = 30
    var delayDays = 1.0

    func generate(root: RandomSource) throws -> MemoryHistory {
        var history = MemoryHistory()
        var random = root.split("history")
        var slotVersions: [[Int]] = []
        var day = 0.0
        for s in 0..<sessions {
            if s > 0 { day += random.exponential(rate: 1 / daysBetweenSessions) }
            let topic = random.nextInt(below: topics)
            let first = history.turns.count
            for _ in 0..<turnsPerSession {
                addTurn(to: &history, session: s, topic: topic, day: day, slots: &slotVersions, random: &random)
            }
            history.sessions.append(
                HistorySession(index: s, day: day, topic: topic, turns: first..<history.turns.count))
        }
        history.questionDay = day + delayDays
        var asking = root.split("questions")
        history.questions = try questions(for: history, slots: slotVersions, random: &asking)
        return history
    }

    private func addTurn(
        to history: inout MemoryHistory, session: Int, topic: Int, day: Double, slots: inout [[Int]],
        random: inout RandomSource
    ) {
        let index = history.turns.count
        let drawn = Int(random.logNormal(mu: log(turnTokens), sigma: turnTokensSigma).rounded())
        var turn = HistoryTurn(index: index, session: session, tokens: max(1, drawn))
        if random.bernoulli(p: factsPerTurn) {
            let id = history.facts.count
            let slot: Int
            let slotTopic: Int
            if !slots.isEmpty, random.bernoulli(p: updateShare) {
                slot = random.nextInt(below: slots.count)
                slotTopic = history.facts[slots[slot][0]].topic
                if let previous = slots[slot].last { history.facts[previous].superseded = true }
            } else {
                slot = slots.count
                slotTopic = topic
                slots.append([])
            }
            history.facts.append(
                Fact(
                    id: id, slot: slot, version: slots[slot].count, turn: index, session: session, topic: slotTopic,
                    day: day, tokens: factTokens))
            slots[slot].append(id)
            turn = HistoryTurn(index: index, session: session, tokens: max(turn.tokens, factTokens + 1), facts: [id])
        }
        history.turns.append(turn)
    }
}
