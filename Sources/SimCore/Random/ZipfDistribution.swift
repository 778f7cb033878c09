#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Zipf distribution over `items` = N outcomes, 0-based: result i in `0 ..< N` has
/// probability (i + 1)^(-α) / H(N, α), where H(N, α) = Σ_{j=1}^{N} j^(-α) is the generalised
/// harmonic number. α = 0 is uniform; α = 1 is classic Zipf; α may be any finite value >= 0.
///
/// Sampling is exact, in O(1) expected time and O(1) memory, by rejection-inversion
/// (W. Hörmann and G. Derflinger, "Rejection-inversion to generate variates from monotone
/// discrete distributions", ACM TOMACS 6(3), 1996). Writing h(x) = x^(-α) for the unnormalised
/// mass of the 1-based item k = i + 1, and 𝓗(x) for an antiderivative of h:
///
///     each k in 2...N owns the interval [𝓗(k - 1/2), 𝓗(k + 1/2)) of the u-axis; because h is
///     convex its length is >= h(k), so its top part [𝓗(k + 1/2) - h(k), 𝓗(k + 1/2)) has
///     length exactly h(k). Item 1 owns [𝓗(3/2) - h(1), 𝓗(3/2)), of length exactly h(1) = 1.
///     repeat:
///         u = uniform on (𝓗(3/2) - 1, 𝓗(N + 1/2)];  x = 𝓗⁻¹(u);  k = round(x), kept in 1...N
///         accept k if k - x <= s (a squeeze) or u >= 𝓗(k + 1/2) - h(k)
///
/// Every k is thus accepted with probability proportional to h(k). The squeeze constant
/// s = 2 - 𝓗⁻¹(𝓗(5/2) - h(2)) is the k = 2 value of g(k) = k - 𝓗⁻¹(𝓗(k + 1/2) - h(k)), which
/// does not decrease in k (it rises towards 1/2), so the squeeze never accepts a point the exact
/// test would reject; it decides almost every draw without evaluating 𝓗 or h. Item 1, the most
/// likely, is always accepted. The expected number of iterations is the length of the u-range
/// over H(N, α): 1.001 at α = 1, N = 10^6, and below 1.02 for every α <= 5 and every N.
///
/// Numerics: 𝓗(x) = (x^(1-α) - 1) / (1 - α), with limit ln x at α = 1, is evaluated as
/// ln(x) · expm1(t)/t with t = (1 - α) ln x, and 𝓗⁻¹(y) = exp(log1p(t) / (1 - α)) with
/// t = (1 - α) y, switching to series near t = 0 (see `inverseIntegral`), so the method is
/// accurate and continuous across α = 1. Exactness holds up to double rounding: computing x
/// from u loses about 2^-53 · |u| relative accuracy (more in the far tail when α > 1, where
/// 𝓗 approaches its bound 1/(α - 1)), so the fraction of draws whose item could differ from an
/// exact-arithmetic run is of order 2^-53 · N · ln N, about 1e-9 for N = 10^6.
public struct ZipfDistribution: Sendable {
    /// N, the number of items; results lie in `0 ..< items`.
    public let items: Int
    /// α, the exponent: item i has weight (i + 1)^(-α).
    public let exponent: Double

    @usableFromInline internal let oneMinusExponent: Double
    /// 1 / (1 - α); infinite at α = 1, where it is never used.
    @usableFromInline internal let reciprocalOneMinusExponent: Double
    /// N as a double.
    @usableFromInline internal let itemBound: Double
    /// 𝓗(N + 1/2): the upper end of the u-range.
    @usableFromInline internal let upperIntegral: Double
    /// 𝓗(3/2) - 1 - 𝓗(N + 1/2): the (negative) width of the u-range.
    @usableFromInline internal let span: Double
    /// The squeeze constant s.
    @usableFromInline internal let squeeze: Double

    /// Creates the distribution over `items` outcomes with exponent `exponent`.
    ///
    /// - Parameters:
    ///   - items: N >= 1.
    ///   - exponent: α, finite and >= 0.
    /// - Throws: `DistributionError.invalidItemCount` or `.invalidExponent`.
    /// - Complexity: O(1).
    public init(items: Int, exponent: Double) throws {
        guard items >= 1 else { throw DistributionError.invalidItemCount(items) }
        guard exponent.isFinite && exponent >= 0 else { throw DistributionError.invalidExponent(exponent) }
        self.items = items
        self.exponent = exponent
        let oneMinus = 1 - exponent
        let reciprocal = 1 / oneMinus
        oneMinusExponent = oneMinus
        reciprocalOneMinusExponent = reciprocal
        itemBound = Double(items)
        let lower = Self.integral(1.5, oneMinus) - 1
        upperIntegral = Self.integral(Double(items) + 0.5, oneMinus)
        span = lower - upperIntegral
        let squeezeBoundary = Self.integral(2.5, oneMinus) - Self.weight(2, exponent)
        squeeze = 2 - Self.inverseIntegral(squeezeBoundary, oneMinus, reciprocal)
    }

    /// Returns an item in `0 ..< items`; item i with probability (i + 1)^(-α) / H(N, α).
    ///
    /// - Complexity: O(1) expected. A typical draw costs one raw draw and one `exp` when α = 1,
    ///   plus one `log` (or `log1p` near the start of the range) when α != 1; up to about 2%
    ///   of iterations (1.4% at α = 1) also take the exact acceptance test (`log`, `expm1`, `exp`).
    @inlinable @inline(__always)
    public func sample(using random: inout RandomSource) -> Int {
        while true {
            // u in (𝓗(3/2) - 1, 𝓗(N + 1/2)]: nextDouble() is in [0, 1) and span < 0.
            let u = upperIntegral + random.nextDouble() * span
            let x = Self.inverseIntegral(u, oneMinusExponent, reciprocalOneMinusExponent)
            // Round to the nearest item, keeping 1...N; the comparison also sends a NaN or an
            // infinite x (possible only through rounding at the ends) to N.
            var k = x < itemBound ? Int(x + 0.5) : items
            if k < 1 { k = 1 }
            if Double(k) - x <= squeeze || passesExactTest(u: u, item: k) {
                return k - 1
            }
        }
    }

    /// The exact acceptance test u >= 𝓗(k + 1/2) - h(k), kept out of line: the squeeze decides
    /// almost every draw, so the caller's loop stays small.
    @usableFromInline @inline(never)
    internal func passesExactTest(u: Double, item k: Int) -> Bool {
        let kd = Double(k)
        return u >= Self.integral(kd + 0.5, oneMinusExponent) - Self.weight(kd, exponent)
    }

    // MARK: - The hat function and its integral

    /// h(x) = x^(-α), for x >= 1.
    @usableFromInline
    internal static func weight(_ x: Double, _ exponent: Double) -> Double {
        exp(-exponent * log(x))
    }

    /// 𝓗(x) = (x^(1-α) - 1) / (1 - α), or ln x when α = 1, for x > 0.
    @usableFromInline
    internal static func integral(_ x: Double, _ oneMinusExponent: Double) -> Double {
        let logX = log(x)
        return expm1OverX(oneMinusExponent * logX) * logX
    }

    /// 𝓗⁻¹(y) = (1 + (1 - α) y)^(1/(1-α)), or exp(y) when α = 1, as exp(log1p(t) / (1 - α))
    /// with t = (1 - α) y. Four regimes:
    /// - α = 1: exp(y), the limit; the same value the series below gives at t = 0, taken
    ///   directly because the shorter dependency chain before `exp` makes the common α = 1 draw
    ///   about 30% faster.
    /// - t > 0.65 or t < -0.4: `log(1 + t) · (1 / (1 - α))`. glibc's `log` is several times
    ///   faster than its `log1p`, and rounding 1 + t costs at most 2^-53 in absolute terms,
    ///   under 2 ulps of a logarithm of magnitude >= 1/2.
    /// - |t| < 1e-8: y · (1 - t/2 + t²/3), the series of log1p(t)/t (omitted terms < 1e-24);
    ///   the path near α = 1, where 1 / (1 - α) is huge.
    /// - otherwise: `log1p(t) / t · y`.
    ///
    /// For α > 1, 𝓗 is bounded above by 1/(α - 1), so t > -1 in exact arithmetic; a rounding
    /// excursion below -1 is clamped, giving +infinity, which `sample` maps to N.
    @inlinable @inline(__always)
    internal static func inverseIntegral(
        _ y: Double, _ oneMinusExponent: Double, _ reciprocalOneMinusExponent: Double
    ) -> Double {
        if oneMinusExponent == 0 { return exp(y) }
        let t = Swift.max(y * oneMinusExponent, -1)
        if t > 0.65 || t < -0.4 {
            return exp(log(1 + t) * reciprocalOneMinusExponent)
        }
        if abs(t) < 1e-8 {
            return exp(y * (1 - t * (0.5 - t * (1.0 / 3.0))))
        }
        return exp(log1p(t) / t * y)
    }

    /// expm1(t) / t, continuous at t = 0 (value 1).
    @usableFromInline
    internal static func expm1OverX(_ t: Double) -> Double {
        if abs(t) < 1e-8 {
            // Series 1 + t/2 + t²/6 + ...; the omitted terms are below 1e-24.
            return 1 + t * (0.5 + t * (1.0 / 6.0))
        }
        return expm1(t) / t
    }
}
