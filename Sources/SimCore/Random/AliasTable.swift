/// A categorical distribution over outcomes `0 ..< count`, outcome i having probability
/// `weights[i] / weights.sum()`, sampled in O(1) by Walker's alias method.
///
/// The table has one slot per outcome. Slot i holds a threshold t_i in [0, 1] and an alias a_i:
/// a draw picks a slot i uniformly, then returns i with probability t_i and a_i otherwise. The
/// table is built by Vose's method ("A linear algorithm for generating random numbers with a
/// given distribution", IEEE TSE 1991): scale the weights so that they average 1, then
/// repeatedly fill the slot of an outcome with scaled mass below 1 from one with mass at least
/// 1, until every slot is full.
///
///     scaled p_i = k · w_i / Σw;  small = {i : p_i < 1};  large = the rest
///     while small and large are both non-empty:
///         take l from small and g from large
///         t_l = p_l;  a_l = g;  p_g = (p_g + p_l) - 1
///         put g back into small if p_g < 1, else into large
///     every slot left over gets t = 1 (its mass is 1 up to rounding)
///
/// Exactness: with exact arithmetic the slots reproduce the weights exactly; in floating point
/// each outcome's probability is off by a few ulps of 1/k (see `probabilities`). An outcome of
/// weight zero is never returned.
public struct AliasTable: Sendable {
    /// One slot: keep the slot's own outcome when the uniform coin is below `threshold`,
    /// otherwise return `alias`. Stored together so that a draw touches one cache line.
    @usableFromInline
    internal struct Slot: Sendable {
        @usableFromInline var threshold: Double
        @usableFromInline var alias: Int

        @usableFromInline
        init(threshold: Double, alias: Int) {
            self.threshold = threshold
            self.alias = alias
        }
    }

    @usableFromInline internal let slots: [Slot]

    /// The number of outcomes k; samples lie in `0 ..< count`.
    public var count: Int { slots.count }

    /// Builds the table for the given weights; they need not sum to 1.
    ///
    /// - Parameter weights: one non-negative, finite weight per outcome, at least one positive.
    /// - Throws: `DistributionError.emptyWeights`, `.negativeWeight`, `.nonFiniteWeight` or
    ///   `.allWeightsZero`.
    /// - Complexity: O(k) time and memory.
    public init(weights: [Double]) throws {
        guard !weights.isEmpty else { throw DistributionError.emptyWeights }
        var largest = 0.0
        var largestIndex = 0
        for (i, w) in weights.enumerated() {
            guard w.isFinite else { throw DistributionError.nonFiniteWeight(index: i) }
            guard w >= 0 else { throw DistributionError.negativeWeight(index: i, value: w) }
            if w > largest {
                largest = w
                largestIndex = i
            }
        }
        guard largest > 0 else { throw DistributionError.allWeightsZero }

        // Divide by the largest weight first so that the sum cannot overflow.
        let k = weights.count
        var total = 0.0
        for w in weights { total += w / largest }
        let factor = Double(k) / total
        var mass = weights.map { $0 / largest * factor }

        var slots = [Slot](repeating: Slot(threshold: 1, alias: 0), count: k)
        var small: [Int] = []
        var large: [Int] = []
        small.reserveCapacity(k)
        large.reserveCapacity(k)
        for i in 0..<k {
            if mass[i] < 1 { small.append(i) } else { large.append(i) }
        }
        while let l = small.last, let g = large.last {
            small.removeLast()
            large.removeLast()
            slots[l] = Slot(threshold: mass[l], alias: g)
            mass[g] = (mass[g] + mass[l]) - 1
            if mass[g] < 1 { small.append(g) } else { large.append(g) }
        }
        // Leftovers hold mass 1 up to rounding. A zero-weight leftover (possible only through
        // rounding) must still never be returned, so it forwards everything to a positive outcome.
        for i in large { slots[i] = Slot(threshold: 1, alias: i) }
        for i in small {
            slots[i] = weights[i] > 0 ? Slot(threshold: 1, alias: i) : Slot(threshold: 0, alias: largestIndex)
        }
        self.slots = slots
    }

    /// Returns an outcome in `0 ..< count`, outcome i with probability `weights[i] / Σ weights`.
    ///
    /// - Complexity: O(1) expected: one `nextInt(below: count)` and one `nextDouble()`.
    @inlinable @inline(__always)
    public func sample(using random: inout RandomSource) -> Int {
        let i = random.nextInt(below: slots.count)
        let slot = slots[i]
        return random.nextDouble() < slot.threshold ? i : slot.alias
    }

    /// The probability of each outcome as encoded by the table:
    /// (t_i + Σ_{j : a_j = i} (1 - t_j)) / k. Equal to the normalised weights up to rounding.
    ///
    /// - Complexity: O(k).
    public var probabilities: [Double] {
        let k = Double(slots.count)
        var result = [Double](repeating: 0, count: slots.count)
        for (i, slot) in slots.enumerated() {
            result[i] += slot.threshold / k
            result[slot.alias] += (1 - slot.threshold) / k
        }
        return result
    }
}
