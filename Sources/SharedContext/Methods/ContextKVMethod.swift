import SimCore

/// A way to hold the KV of a long shared context across several questions about it.
///
/// Before each question t (from 0) the method says which context tokens' KV the model
/// attends to, given what it may know: `relevance[t][i]` is question t's attention
/// relevance of token i, provided for the questions `readsRelevance` names (a
/// query-aware method computes it from the question; one that decides once, after the
/// first question, reads only `relevance[0]`; others are empty).
public protocol ContextKVMethod: Sendable {
    /// The questions whose relevance the method reads.
    var readsRelevance: RelevanceUse { get }
    /// The attended token positions for question `turn`, ascending.
    mutating func attended(turn: Int, relevance: [[Double]], contextTokens: Int) -> [Int]
    /// KV tokens the method keeps resident in HBM between questions.
    func residentTokens(contextTokens: Int) -> Int
    /// Whether it loads its attended tokens from a slower tier every question.
    var loadsPerTurn: Bool { get }
}

extension ContextKVMethod {
    public var loadsPerTurn: Bool { false }
    public var readsRelevance: RelevanceUse { .none }
}

/// Which questions' relevance a method reads.
public enum RelevanceUse: Sendable {
    case none, firstQuestion, everyQuestion
}

/// The positions of the `budget` largest values, ascending (ties: lower position first).
/// Finds the budget-th largest value by quickselect (expected O(n)), then takes every
/// position above it and the lowest positions equal to it.
func topPositions(_ values: [Double], budget: Int) -> [Int] {
    guard budget < values.count else { return Array(values.indices) }
    guard budget > 0 else { return [] }
    var scratch = values
    // Rank `budget - 1` (0-based) in descending order.
    let target = budget - 1
    var low = 0
    var high = scratch.count - 1
    while low < high {
        let pivot = scratch[(low + high) / 2]
        var i = low
        var j = high
        while i <= j {
            while scratch[i] > pivot { i += 1 }
            while scratch[j] < pivot { j -= 1 }
            if i <= j {
                scratch.swapAt(i, j)
                i += 1
                j -= 1
            }
        }
        if target <= j { high = j } else if target >= i { low = i } else { break }
    }
    let threshold = scratch[target]
    var above = 0
    for v in values where v > threshold { above += 1 }
    var ties = budget - above
    var chosen: [Int] = []
    chosen.reserveCapacity(budget)
    for (i, v) in values.enumerated() {
        if v > threshold {
            chosen.append(i)
        } else if v == threshold, ties > 0 {
            chosen.append(i)
            ties -= 1
        }
    }
    return chosen
}

/// The registry of methods: stable names to factories taking the token budget.
public enum ContextKVMethodRegistry {
    public typealias Entry = RegistryEntry<Int, any ContextKVMethod>

    public static let entries: [Entry] = [
        Entry("keep-all", KeepAllMethod.summary, { _ in KeepAllMethod() }),
        Entry("streaming", StreamingWindowMethod.summary, { StreamingWindowMethod(budget: $0) }),
        Entry(
            "evict-after-first", EvictAfterFirstQuestionMethod.summary, { EvictAfterFirstQuestionMethod(budget: $0) }),
        Entry("retrieve-per-turn", RetrievePerTurnMethod.summary, { RetrievePerTurnMethod(budget: $0) }),
    ]

    public static var names: [String] { entries.map(\.name) }
}
