import Foundation
import SimCore

/// Reads a history and its questions from a JSONL file (`history.source: file`), one object
/// per line: first the turns, in order, then the questions.
///
/// ```
/// {"session": 0, "day": 0, "topic": "travel", "tokens": 180,
///  "facts": [{"slot": "home_city", "tokens": 20}]}
/// {"question": "knowledge-update", "slots": ["home_city"], "tokens": 30}
/// {"question": "abstention", "slots": [], "topic": "pets"}
/// ```
/// A turn's `session` is a number >= 0 that stays or grows (a new number starts a new
/// session), `day` is the session's day (days since the first; the same on all its turns,
/// never decreasing), `topic` its session's topic (the same on all its turns), `tokens` at
/// least 1 and at least its facts' tokens, `facts` optional; every token count is at most
/// 10^8. A fact's `slot` names what it is the value of: the first fact of a slot is its
/// first value, each later one an update that supersedes it; its topic is its first turn's.
/// A question's kind is one of LongMemEval's (`single-session`, `multi-session`, `temporal`,
/// `knowledge-update`, `abstention`); it needs the latest value of each slot it names (one
/// for single-session and temporal, two or more for multi-session, one with an update for
/// knowledge-update, none for abstention, which names a `topic`; no slot twice); `tokens`
/// defaults to 30. A file needs turns and at least one question.
/// Names are numbered in order of first appearance. Every error names the file and line.
enum HistoryFileReader {
    private struct Line: Decodable {
        let session: Int?
        let day: Double?
        let topic: String?
        let tokens: Int?
        let facts: [FactLine]?
        let question: String?
        let slots: [String]?
    }

    private struct FactLine: Decodable {
        let slot: String
        let tokens: Int
    }

    /// The history of the file at `path`; its questions are asked `delayDays` after the last session.
    static func read(path: String, delayDays: Double) throws -> MemoryHistory {
        var builder = Builder()
        for (number, line) in try JSONLines.read(
            Line.self, path: path, what: "agent history", items: "turns", shape: "a JSON turn or question object")
        {
            let location = "\(path):\(number)"
            if let kind = line.question {
                try builder.addQuestion(line, kind: kind, at: location)
            } else {
                try builder.addTurn(line, at: location)
            }
        }
        guard !builder.history.turns.isEmpty else { throw InputFileError("\(path): the agent history has no turns") }
        guard !builder.history.questions.isEmpty else {
            throw InputFileError("\(path): the agent history has no questions")
        }
        builder.closeSession()
        builder.history.questionDay = (builder.history.sessions.last?.day ?? 0) + delayDays
        return builder.history
    }

    /// The largest token count of a turn, a fact or a question.
    static let maximumTokens = 100_000_000

    /// The history as its lines are read.
    private struct Builder {
        var history = MemoryHistory()
        var topics: [String] = []
        var slots: [String] = []
        var versions: [[Int]] = []
        var sessionNumber = -1
        var sessionDay = 0.0
        var sessionTopic = 0
        var sessionStart = 0

        mutating func topicIndex(_ name: String) -> Int {
            if let i = topics.firstIndex(of: name) { return i }
            topics.append(name)
            return topics.count - 1
        }

        mutating func closeSession() {
            guard history.turns.count > sessionStart else { return }
            history.sessions.append(
                HistorySession(
                    index: history.sessions.count, day: sessionDay, topic: sessionTopic,
                    turns: sessionStart..<history.turns.count))
            sessionStart = history.turns.count
        }

        mutating func addTurn(_ line: Line, at location: String) throws {
            guard history.questions.isEmpty else { throw InputFileError("\(location): a turn after the questions") }
            guard let session = line.session, let day = line.day, let topic = line.topic, let tokens = line.tokens
            else { throw InputFileError("\(location): a turn needs session, day, topic and tokens") }
            guard day.isFinite, day >= 0 else { throw InputFileError("\(location): day must be a number >= 0") }
            guard session >= 0 else { throw InputFileError("\(location): session must be >= 0") }
            if session != sessionNumber {
                guard session > sessionNumber else {
                    throw InputFileError("\(location): session \(session) comes after session \(sessionNumber)")
                }
                guard day >= sessionDay || history.turns.isEmpty else {
                    throw InputFileError("\(location): day \(day) is before the previous session's day \(sessionDay)")
                }
                closeSession()
                (sessionNumber, sessionDay, sessionTopic) = (session, day, topicIndex(topic))
            } else if day != sessionDay {
                throw InputFileError("\(location): day \(day) differs from its session's day \(sessionDay)")
            } else if topicIndex(topic) != sessionTopic {
                throw InputFileError("\(location): topic '\(topic)' differs from its session's topic")
            }
            let facts = line.facts ?? []
            let limit = HistoryFileReader.maximumTokens
            guard (1...limit).contains(tokens), facts.allSatisfy({ (1...limit).contains($0.tokens) }),
                tokens >= facts.reduce(0, { $0 + $1.tokens })
            else {
                throw InputFileError("\(location): tokens must be in 1...\(limit) and at least its facts' tokens")
            }
            let turn = history.turns.count
            var ids: [Int] = []
            for fact in facts {
                let slot: Int
                if let known = slots.firstIndex(of: fact.slot) {
                    slot = known
                    if let previous = versions[slot].last { history.facts[previous].superseded = true }
                } else {
                    slots.append(fact.slot)
                    versions.append([])
                    slot = slots.count - 1
                }
                let id = history.facts.count
                let topic = versions[slot].first.map { history.facts[$0].topic } ?? sessionTopic
                history.facts.append(
                    Fact(
                        id: id, slot: slot, version: versions[slot].count, turn: turn,
                        session: history.sessions.count, topic: topic, day: day, tokens: fact.tokens))
                versions[slot].append(id)
                ids.append(id)
            }
            history.turns.append(
                HistoryTurn(index: turn, session: history.sessions.count, tokens: tokens, facts: ids))
        }

        mutating func addQuestion(_ line: Line, kind name: String, at location: String) throws {
            guard let kind = QuestionKind(rawValue: name) else {
                throw InputFileError(
                    "\(location): unknown question kind '\(name)'; valid: "
                        + QuestionKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let names = line.slots ?? []
            let tokens = line.tokens ?? 30
            guard (1...HistoryFileReader.maximumTokens).contains(tokens) else {
                throw InputFileError("\(location): tokens must be in 1...\(HistoryFileReader.maximumTokens)")
            }
            guard Set(names).count == names.count else { throw InputFileError("\(location): a slot is named twice") }
            let chosen = try names.map { name in
                guard let slot = slots.firstIndex(of: name) else {
                    throw InputFileError("\(location): slot '\(name)' is never stated in the history")
                }
                return slot
            }
            let (fewest, most): (Int, Int) =
                switch kind {
                case .singleSession, .temporal, .knowledgeUpdate: (1, 1)
                case .multiSession: (2, Int.max)
                case .abstention: (0, 0)
                }
            guard (fewest...most).contains(chosen.count) else {
                throw InputFileError(
                    "\(location): a \(kind.rawValue) question names \(fewest == most ? "\(fewest)" : "\(fewest) or more") slots, not \(chosen.count)"
                )
            }
            guard kind != .knowledgeUpdate || chosen.allSatisfy({ versions[$0].count > 1 }) else {
                throw InputFileError("\(location): a knowledge-update question needs a slot that was updated")
            }
            let needed = chosen.compactMap { versions[$0].last }
            let stale = kind == .knowledgeUpdate ? chosen.flatMap { versions[$0].dropLast() } : []
            let topic: Int
            if let name = line.topic {
                topic = topicIndex(name)
            } else if let first = needed.first {
                topic = history.facts[first].topic
            } else {
                throw InputFileError("\(location): an abstention question needs a topic")
            }
            history.questions.append(Question(kind: kind, needed: needed, stale: stale, topic: topic, tokens: tokens))
        }
    }
}
