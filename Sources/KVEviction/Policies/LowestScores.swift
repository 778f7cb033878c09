/// The `count` positions of `candidates` with the lowest `score`, ties to the older position,
/// returned in increasing position order: the selection every score-based policy shares.
/// A few victims (the one-per-step policies) take one scan each; more take a sort.
func lowestScoring(_ candidates: [Int32], count: Int, score: (Int32) -> Double) -> [Int32] {
    guard count > 0 else { return [] }
    guard count < candidates.count else { return candidates }
    let scores = candidates.map(score)
    guard count <= 4 else {
        let ranked = candidates.indices.sorted {
            scores[$0] != scores[$1] ? scores[$0] < scores[$1] : candidates[$0] < candidates[$1]
        }
        return ranked.prefix(count).map { candidates[$0] }.sorted()
    }
    var taken = [Bool](repeating: false, count: candidates.count)
    var chosen: [Int32] = []
    for _ in 0..<count {
        var best = -1
        for k in candidates.indices where !taken[k] {
            // Candidates are in increasing position order, so a strict < keeps the older on ties.
            if best < 0 || scores[k] < scores[best] { best = k }
        }
        taken[best] = true
        chosen.append(candidates[best])
    }
    return chosen.sorted()
}
