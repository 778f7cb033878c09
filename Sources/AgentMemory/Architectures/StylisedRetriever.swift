import SimCore

/// A stylised dense retriever: no embeddings, a score per stored item with a documented
/// signal-to-noise ratio.
///
/// ```
/// score(item) = quality x relevance(item) + N(0, 1)
/// relevance   = 1 for an item holding a fact of the question's slot (a needed fact or an
///               older value of it), distractor_similarity for another item of the
///               question's topic, 0 otherwise
/// top-k       = the k items of highest score, best first (ties to the older item)
/// ```
/// `quality` is the separation of a relevant item from an unrelated one in noise standard
/// deviations (d'): at 3, a relevant item outscores a given unrelated one 98% of the time
/// (Phi(3 / sqrt 2)), but among thousands of unrelated items some outscore it, so recall at
/// k falls as the store grows, as it does for real retrievers.
struct StylisedRetriever: Sendable {
    var quality = 3.0
    var distractorSimilarity = 0.5

    /// The indices of the `k` best of `count` items, best first.
    func top(_ k: Int, of count: Int, random: inout RandomSource, relevance: (Int) -> Double) -> [Int] {
        guard k > 0, count > 0 else { return [] }
        var best: [(score: Double, item: Int)] = []
        best.reserveCapacity(min(k, count) + 1)
        for item in 0..<count {
            let score = quality * relevance(item) + random.normal()
            guard best.count < k || score > best[best.count - 1].score else { continue }
            var at = best.count
            while at > 0, best[at - 1].score < score { at -= 1 }
            best.insert((score, item), at: at)
            if best.count > k { best.removeLast() }
        }
        return best.map(\.item)
    }
}
