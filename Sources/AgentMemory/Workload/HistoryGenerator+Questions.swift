import Foundation
import SimCore

extension HistoryGenerator {
    /// The questions asked after the history (see the type's pseudocode).
    func questions(for history: MemoryHistory, slots: [[Int]], random: inout RandomSource) throws -> [Question] {
        let kinds = try AliasTable(weights: mix)
        let turns = max(history.turns.count - 1, 1)
        func weight(_ fact: Int) -> Double { exp(ageBias * Double(history.facts[fact].turn) / Double(turns)) }
        let current = history.facts.filter { !$0.superseded }.map(\.id)
        let updated = slots.filter { $0.count > 1 }
        let currentTable = current.isEmpty ? nil : try AliasTable(weights: current.map(weight))
        let updatedTable = updated.isEmpty ? nil : try AliasTable(weights: updated.map { weight($0[$0.count - 1]) })
        var asked: [Question] = []
        for _ in 0..<questions {
            let kind = QuestionKind.allCases[kinds.sample(using: &random)]
            switch kind {
            case .singleSession, .temporal:
                guard let table = currentTable else { continue }
                let fact = current[table.sample(using: &random)]
                asked.append(question(kind, needed: [fact], history: history))
            case .multiSession:
                guard let table = currentTable else { continue }
                let first = current[table.sample(using: &random)]
                guard let second = partner(of: first, among: current, history: history, random: &random) else {
                    continue
                }
                asked.append(question(kind, needed: [first, second].sorted(), history: history))
            case .knowledgeUpdate:
                guard let table = updatedTable else { continue }
                let versions = updated[table.sample(using: &random)]
                asked.append(
                    Question(
                        kind: kind, needed: [versions[versions.count - 1]], stale: Array(versions.dropLast()),
                        topic: history.facts[versions[0]].topic, tokens: questionTokens))
            case .abstention:
                asked.append(
                    Question(
                        kind: kind, needed: [], stale: [], topic: random.nextInt(below: topics), tokens: questionTokens)
                )
            }
        }
        return asked
    }

    private func question(_ kind: QuestionKind, needed: [Int], history: MemoryHistory) -> Question {
        Question(kind: kind, needed: needed, stale: [], topic: history.facts[needed[0]].topic, tokens: questionTokens)
    }

    /// A current fact of another session than `fact`'s, of the same topic when there is one.
    private func partner(of fact: Int, among current: [Int], history: MemoryHistory, random: inout RandomSource)
        -> Int?
    {
        let own = history.facts[fact]
        let others = current.filter { history.facts[$0].session != own.session }
        let sameTopic = others.filter { history.facts[$0].topic == own.topic }
        let pool = sameTopic.isEmpty ? others : sameTopic
        return pool.isEmpty ? nil : pool[random.nextInt(below: pool.count)]
    }
}
