/// Plans the oracle's resident set for every segment of a run, in hindsight: for segment j
/// it scores up to `maxRows` evenly spaced requests of the segment by their true utilities
/// and keeps the `CoverageSelection` optimum, weighting the sample up to the segment's length
/// and charging the loads the previous segment's set does not cover.
struct OraclePlanner {
    let segmentStarts: [Int]
    let horizon: Int
    let pagingCosts: [Double]
    let cache: AdapterCache
    var maxRows = 2048

    func plan(_ requests: AdapterRequests) -> (starts: [Int], sets: [[Int]]) {
        var requests = requests
        var sets: [[Int]] = []
        var resident = cache
        var t = 0
        for (j, start) in segmentStarts.enumerated() {
            let end = j + 1 < segmentStarts.count ? segmentStarts[j + 1] : horizon
            let length = end - start
            let stride = max(1, (length + maxRows - 1) / maxRows)
            var rows: [[Double]] = []
            while t < end {
                let utilities = requests.next().utilities
                if (t - start) % stride == 0 { rows.append(utilities) }
                t += 1
            }
            let switching = pagingCosts.indices.map { resident.resident[$0] ? 0 : pagingCosts[$0] }
            let selection = CoverageSelection(
                scores: rows, pagingCosts: pagingCosts, switchCosts: switching,
                weight: Double(length) / Double(max(rows.count, 1)))
            let set = selection.select(cache: resident)
            for a in resident.members where !set.contains(a) { resident.remove(a) }
            for a in set { resident.insert(a) }
            sets.append(set)
        }
        return (segmentStarts, sets)
    }
}
