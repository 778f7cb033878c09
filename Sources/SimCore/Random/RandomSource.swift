/// A seeded, splittable pseudo-random number generator: the only source of randomness in memsim.
///
/// The generator is xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number
/// generators", 2018/2021): 256 bits of state, period 2^256 - 1, output 64 bits per step.
/// Its four state words are filled from the 64-bit seed by running SplitMix64 (Steele, Lea and
/// Flood, "Fast splittable pseudorandom number generators", 2014) four times. SplitMix64's
/// finaliser is a bijection on 64-bit words and its four inputs are distinct, so at most one
/// state word can be zero and the forbidden all-zero state never arises.
///
/// Components never share a source. A run creates `RandomSource(seed: runSeed)` and hands each
/// component its own labelled stream, `root.split("workload")`, `root.split("policy")`, so a
/// draw added in one component never shifts the draws of another.
///
/// What is guaranteed: the raw stream (`next()`, `nextDouble()`, `nextInt(below:)`) from a seed,
/// and every split derived from it, is a fixed function of that seed and those labels, identical
/// on every platform, build mode and run (golden values in the tests pin it). Draws that go
/// through `log` / `exp` (normal, gamma, Zipf, ...) are identical for a given platform math
/// library; another libm may differ in the last ulp. What is not guaranteed: cryptographic
/// strength, and stability of the standard library's generic algorithms that accept `using:`
/// (`Int.random(in:using:)`, `shuffled(using:)`), whose use of the generator may change between
/// Swift releases; code that must reproduce bit for bit should use the methods defined here.
public struct RandomSource: RandomNumberGenerator, Sendable {
    /// The seed this source was created from. `split(_:)` derives children from it, never from
    /// the current state.
    public let seed: UInt64

    @usableFromInline internal var s0: UInt64
    @usableFromInline internal var s1: UInt64
    @usableFromInline internal var s2: UInt64
    @usableFromInline internal var s3: UInt64

    /// Creates a source whose whole sequence is determined by `seed`. Every `UInt64` is valid.
    ///
    /// - Complexity: O(1).
    public init(seed: UInt64) {
        self.seed = seed
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// Returns the next 64 uniformly distributed bits and advances the state by one step.
    ///
    /// - Complexity: O(1); a handful of shifts, rotations and xors.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, by: 45)
        return result
    }

    /// Returns a stream for the component named `label`, independent of this one.
    ///
    /// The child's seed is `mix(fnv1a64(label's UTF-8 bytes) ^ mix(seed &+ γ))`, where `mix` is
    /// SplitMix64's output function and γ = 0x9E3779B97F4A7C15 its increment; FNV-1a is a fixed
    /// function of the bytes, unlike Swift's per-process `Hasher`. The child's seed depends only on this source's
    /// original `seed` and on `label`: neither how many values were drawn before nor the process
    /// or machine changes it. For a fixed seed, distinct labels give distinct child seeds exactly
    /// when their FNV-1a hashes differ (both steps are bijections). Splits nest:
    /// `root.split("a").split("b")` has its own seed, unrelated to `root.split("b")` or
    /// `root.split("b").split("a")`.
    ///
    /// - Complexity: O(label's UTF-8 length).
    public func split(_ label: String) -> RandomSource {
        let hash = FNV1a.hash(label.utf8)
        let childSeed = SplitMix64.finalize(hash ^ SplitMix64.finalize(seed &+ SplitMix64.increment))
        return RandomSource(seed: childSeed)
    }

    /// Returns a double uniformly distributed on [0, 1): the top 53 bits of `next()` times 2^-53.
    ///
    /// Every multiple of 2^-53 in [0, 1) is equally likely; 1 is never returned, 0 can be.
    ///
    /// - Complexity: O(1); one call to `next()`.
    @inlinable @inline(__always)
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Returns an integer uniformly distributed on `0 ..< n`, exactly (no modulo bias).
    ///
    /// Lemire's multiply-shift ("Fast random integer generation in an interval", 2019): the high
    /// word of the 128-bit product `next() * n` is the result unless the low word falls in the
    /// short, biased range below `2^64 mod n`, in which case the draw is repeated.
    ///
    /// - Parameter n: the number of outcomes; must be positive.
    /// - Complexity: O(1) expected; fewer than 2 draws on average for every `n`, and a division
    ///   only in the rare case that the first low word is below `n`.
    @inlinable @inline(__always)
    public mutating func nextInt(below n: Int) -> Int {
        precondition(n > 0, "RandomSource.nextInt(below:) needs a positive bound, got \(n)")
        let bound = UInt64(n)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return Int(truncatingIfNeeded: product.high)
    }

    /// Rotates the bits of `x` left by `k` places, `0 < k < 64`.
    @inlinable @inline(__always)
    internal static func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 &- k))
    }
}

// MARK: - SplitMix64

/// SplitMix64: a Weyl sequence (increment γ = 0x9E3779B97F4A7C15) passed through a bijective
/// finaliser. Used here only to expand seeds into xoshiro state and to mix split labels.
internal struct SplitMix64: Sendable {
    static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    var state: UInt64

    /// Advances the Weyl sequence and returns the finalised value.
    mutating func next() -> UInt64 {
        state &+= Self.increment
        return Self.finalize(state)
    }

    /// The SplitMix64 output function (a variant of MurmurHash3's fmix64 with Stafford's
    /// "Mix13" constants). A bijection: distinct inputs give distinct outputs.
    static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
