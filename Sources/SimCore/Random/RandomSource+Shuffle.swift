extension RandomSource {
    /// Puts `values` in a uniformly random order (Fisher-Yates, Durstenfeld's form): for i from
    /// the last index down to 1, swap position i with `nextInt(below: i + 1)`. The draws are
    /// this source's own, so the order is fixed by the seed (unlike `shuffle(using:)` of the
    /// standard library, whose use of the generator may change between Swift versions).
    /// - Complexity: O(n); n - 1 draws.
    public mutating func shuffle<T>(_ values: inout [T]) {
        for i in stride(from: values.count - 1, to: 0, by: -1) { values.swapAt(i, nextInt(below: i + 1)) }
    }

    /// `values` in a uniformly random order (see `shuffle(_:)`).
    public mutating func shuffled<T>(_ values: [T]) -> [T] {
        var result = values
        shuffle(&result)
        return result
    }
}
