import SimCore

/// The heads of one layer stepped together under one budget of `heads x budget` tokens
/// (`budget.scope: layer`): every head advances through step t as it would alone, then, if the
/// layer holds more than its budget (from the last prompt step on), the policies' evictable
/// tokens of all heads are pooled and the `excess` of least retention score are evicted
/// (`SharedBudgetPolicy`), so a head whose tokens score high keeps more than the per-head
/// budget and one whose tokens score low keeps fewer. Measurements are per head, as alone.
struct SharedBudgetSimulation {
    /// The simulation of each head; its `budget` is the per-head share of the layer's budget.
    let simulation: HeadSimulation

    func run<Source: AttentionSource>(
        _ policies: inout [any SharedBudgetPolicy], sources: [Source], futures: [TokenFuture?]
    ) throws -> [HeadMeasurements] {
        let settings = simulation.settings
        let pool = simulation.budget * sources.count
        var heads = sources.indices.map {
            simulation.start(sources[$0], future: futures[$0], cacheCapacity: 2 * simulation.budget)
        }
        for t in 0..<settings.length {
            for h in heads.indices { advanceHead(&heads[h], policy: &policies[h], t: t) }
            let held = heads.reduce(0) { $0 + $1.cache.count }
            if t >= settings.prefill - 1, held > pool {
                let victims = try sharedVictims(policies, heads: heads, excess: held - pool, query: t)
                for h in heads.indices where !victims[h].isEmpty {
                    try simulation.evict(victims[h], from: &heads[h], excess: victims[h].count, query: t)
                }
            }
            if t >= settings.prefill {
                for h in heads.indices { heads[h].measured.cachedAfterStep.append(heads[h].cache.count) }
            }
        }
        return heads.map(\.measured)
    }

    private func advanceHead<Source: AttentionSource>(
        _ head: inout HeadRun<Source>, policy: inout any SharedBudgetPolicy, t: Int
    ) {
        simulation.advance(&head, policy: &policy, t: t)
    }

    /// Each head's victims (increasing positions): the `excess` pooled evictable tokens of
    /// least score, ties to the older position, then the lower head.
    private func sharedVictims<Source: AttentionSource>(
        _ policies: [any SharedBudgetPolicy], heads: [HeadRun<Source>], excess: Int, query: Int
    ) throws -> [[Int32]] {
        let count = heads.count
        // Candidates keyed position x heads + head: increasing keys are older positions first.
        var keys: [Int] = []
        for h in heads.indices {
            for position in policies[h].evictable(in: heads[h].cache, query: query) {
                keys.append(Int(position) * count + h)
            }
        }
        guard keys.count >= excess else {
            throw InvariantViolation(
                "step \(query): the heads protect all but \(keys.count) tokens, fewer than the excess of \(excess)")
        }
        keys.sort()
        let scores = keys.map { policies[$0 % count].retentionScore(Int32($0 / count), query: query) }
        let chosen = lowestScoring(Array(keys.indices.map { Int32($0) }), count: excess) { scores[Int($0)] }
        var victims = [[Int32]](repeating: [], count: count)
        // `chosen` is increasing, so each head's victims come out in increasing position order.
        for index in chosen {
            let key = keys[Int(index)]
            victims[key % count].append(Int32(key / count))
        }
        return victims
    }
}
