/// Ranks with ties averaged ("mid-ranks").
enum AverageRanks {
    /// The ranks of `values` (1 for the smallest), in input order. Values that
    /// compare equal (exact `==`, no tolerance) share the mean of the ranks they
    /// span, e.g. `[5, 3, 5]` ranks as `[2.5, 1, 2.5]`. `tieSizes` lists the size
    /// of every group of two or more equal values, in ascending value order.
    ///
    /// - Precondition: no NaN in `values`.
    /// - Complexity: O(n log n).
    static func of(_ values: [Double]) -> (ranks: [Double], tieSizes: [Int]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var tieSizes: [Int] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, values[order[end]] == values[order[start]] {
                end += 1
            }
            // Positions start..<end hold equal values with ranks start+1 ... end.
            let rank = Double(start + 1 + end) / 2
            for position in start..<end {
                ranks[order[position]] = rank
            }
            if end - start > 1 { tieSizes.append(end - start) }
            start = end
        }
        return (ranks, tieSizes)
    }
}
