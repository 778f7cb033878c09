import SimCore

extension Question {
    /// The slots a question is about: those of the facts it needs and of their older values
    /// (what a retriever finds similar to it).
    func slots(in facts: [Fact]) -> [Int] { (needed + stale).map { facts[$0].slot } }
}

extension StylisedRetriever {
    /// The `k` facts of `store` (fact ids) a question retrieves, best first: relevance 1 for a
    /// fact of one of its slots, `distractorSimilarity` for another fact of its topic.
    func topFacts(_ k: Int, of store: [Int], for question: Question, facts: [Fact], random: inout RandomSource)
        -> [Int]
    {
        let slots = question.slots(in: facts)
        return top(k, of: store.count, random: &random) { i in
            let fact = facts[store[i]]
            if slots.contains(fact.slot) { return 1 }
            return fact.topic == question.topic ? distractorSimilarity : 0
        }.map { store[$0] }
    }
}

extension StylisedRetriever {
    /// The relevance of a stored turn to a question about `slots` of `topic`: 1 when it states
    /// a fact of one of the slots, `distractorSimilarity` when its session has the topic.
    func relevance(of turn: HistoryTurn, slots: [Int], topic: Int, history: MemoryHistory) -> Double {
        if turn.facts.contains(where: { slots.contains(history.facts[$0].slot) }) { return 1 }
        return history.sessions[turn.session].topic == topic ? distractorSimilarity : 0
    }

    /// The `k` turns of `store` (turn indices) a question retrieves, best first.
    func topTurns(
        _ k: Int, of store: [Int], for question: Question, history: MemoryHistory, random: inout RandomSource
    ) -> [Int] {
        let slots = question.slots(in: history.facts)
        return top(k, of: store.count, random: &random) { i in
            relevance(of: history.turns[store[i]], slots: slots, topic: question.topic, history: history)
        }.map { store[$0] }
    }
}

extension ContextBuild {
    /// Adds the turns `indices`, in order, each that still fits in `window` tokens, with their dates.
    mutating func add(turns indices: [Int], of history: MemoryHistory, within window: Int) {
        for t in indices where tokens + history.turns[t].tokens <= window {
            tokens += history.turns[t].tokens
            for id in history.turns[t].facts { add(fact: id, timed: true) }
        }
    }

    /// Adds the statements of `ids`, in order, each that still fits in `window` tokens, with their dates.
    mutating func add(statements ids: [Int], of facts: [Fact], within window: Int) {
        for id in ids where tokens + facts[id].tokens <= window {
            tokens += facts[id].tokens
            add(fact: id, timed: true)
        }
    }
}
