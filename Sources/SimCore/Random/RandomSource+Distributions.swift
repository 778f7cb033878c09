#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Draws from common continuous and Bernoulli distributions.
///
/// Every method is a pure function of the source's state: it keeps no cached values between
/// calls (the polar normal method discards its second variate), so the number of raw draws a
/// call consumes depends only on the values drawn, and two sources in the same state give the
/// same results. Invalid parameters are programmer errors (models validate their configuration
/// before drawing) and stop the program through `precondition` with a message naming the
/// parameter.
extension RandomSource {
    // MARK: - Uniform

    /// Returns a double uniformly distributed on `range` = [a, b).
    ///
    /// Computed as `a + (b - a) * U` with `U = nextDouble()`; a result that rounds up to `b` is
    /// replaced by the largest double below `b`, so `b` itself is never returned.
    ///
    /// - Parameter range: finite bounds with `a < b` and a finite width `b - a`.
    /// - Complexity: O(1); one raw draw.
    @inlinable
    public mutating func uniform(in range: Range<Double>) -> Double {
        let a = range.lowerBound
        let b = range.upperBound
        let width = b - a
        precondition(
            a.isFinite && b.isFinite && width.isFinite && width > 0,
            "uniform(in:) needs finite bounds a < b with a finite width, got \(a)..<\(b)")
        let x = a + width * nextDouble()
        return x < b ? x : b.nextDown
    }

    // MARK: - Normal family

    /// Returns a draw from the normal distribution N(`mean`, `sd`²).
    ///
    /// Marsaglia's polar method: draw (u, v) uniformly on the square (-1, 1)², reject until
    /// 0 < s = u² + v² < 1, then u·√(-2 ln s / s) is standard normal. The second variate of the
    /// pair (v·√(...)) is discarded rather than cached, so the source stays the only state.
    ///
    /// - Parameters:
    ///   - mean: finite.
    ///   - sd: the standard deviation, finite and >= 0 (`sd == 0` returns `mean`).
    /// - Complexity: O(1) expected; 4/π ≈ 1.27 pairs of raw draws on average, one log and one
    ///   square root.
    @inlinable
    public mutating func normal(mean: Double = 0, sd: Double = 1) -> Double {
        precondition(mean.isFinite, "normal(mean:sd:) needs a finite mean, got \(mean)")
        precondition(sd.isFinite && sd >= 0, "normal(mean:sd:) needs a finite sd >= 0, got \(sd)")
        return mean + sd * standardNormal()
    }

    /// Returns a draw from the log-normal distribution: `exp(X)` with X ~ N(`mu`, `sigma`²).
    ///
    /// Mean `exp(mu + sigma²/2)`, median `exp(mu)`.
    ///
    /// - Parameters:
    ///   - mu: the mean of the logarithm, finite.
    ///   - sigma: the standard deviation of the logarithm, finite and >= 0.
    /// - Complexity: O(1) expected; one normal draw and one `exp`.
    @inlinable
    public mutating func logNormal(mu: Double, sigma: Double) -> Double {
        precondition(mu.isFinite, "logNormal(mu:sigma:) needs a finite mu, got \(mu)")
        precondition(sigma.isFinite && sigma >= 0, "logNormal(mu:sigma:) needs a finite sigma >= 0, got \(sigma)")
        return exp(mu + sigma * standardNormal())
    }

    /// A standard normal draw by the polar method (see `normal(mean:sd:)`).
    @inlinable
    internal mutating func standardNormal() -> Double {
        while true {
            let u = 2 * nextDouble() - 1
            let v = 2 * nextDouble() - 1
            let s = u * u + v * v
            if s < 1 && s > 0 {
                return u * (-2 * log(s) / s).squareRoot()
            }
        }
    }

    // MARK: - Exponential and Pareto

    /// Returns a draw from the exponential distribution with rate λ = `rate` (mean 1/λ).
    ///
    /// Inversion: `-log(1 - U) / λ` with U = `nextDouble()`. U is a multiple of 2^-53 in
    /// [0, 1), so 1 - U is computed exactly and lies in (0, 1]: the result is finite and >= 0,
    /// and `log1p(-U)` would be no more accurate (only slower).
    ///
    /// - Parameter rate: finite and > 0.
    /// - Complexity: O(1); one raw draw and one `log`.
    @inlinable
    public mutating func exponential(rate: Double) -> Double {
        precondition(rate.isFinite && rate > 0, "exponential(rate:) needs a finite rate > 0, got \(rate)")
        return -log(1 - nextDouble()) / rate
    }

    /// Returns a draw from the Pareto (type I) distribution with scale x_m and shape α:
    /// P(X > x) = (x_m / x)^α for x >= x_m.
    ///
    /// Inversion: `x_m · exp(E / α)` with E = -log(1 - U) a standard exponential draw. The mean is finite only
    /// for α > 1 (α x_m / (α - 1)) and the variance only for α > 2.
    ///
    /// - Parameters:
    ///   - xm: the scale (minimum value), finite and > 0.
    ///   - alpha: the shape (tail index), finite and > 0.
    /// - Complexity: O(1); one raw draw, one `log` and one `exp`.
    @inlinable
    public mutating func pareto(scale xm: Double, shape alpha: Double) -> Double {
        precondition(xm.isFinite && xm > 0, "pareto(scale:shape:) needs a finite scale > 0, got \(xm)")
        precondition(alpha.isFinite && alpha > 0, "pareto(scale:shape:) needs a finite shape > 0, got \(alpha)")
        return xm * exp(-log(1 - nextDouble()) / alpha)
    }

    // MARK: - Bernoulli

    /// Returns `true` with probability `p`: `nextDouble() < p`.
    ///
    /// `p == 0` never returns `true`, `p == 1` always does; otherwise the probability is `p`
    /// rounded up to a multiple of 2^-53.
    ///
    /// - Parameter p: a probability in [0, 1].
    /// - Complexity: O(1); one raw draw.
    @inlinable
    public mutating func bernoulli(p: Double) -> Bool {
        precondition(p >= 0 && p <= 1, "bernoulli(p:) needs a probability in [0, 1], got \(p)")
        return nextDouble() < p
    }

    // MARK: - Gamma and Beta

    /// Returns a draw from the gamma distribution with shape k and scale θ
    /// (density x^(k-1) e^(-x/θ) / (Γ(k) θ^k), mean kθ, variance kθ²).
    ///
    /// Marsaglia and Tsang, "A simple method for generating gamma variables" (2000): for k >= 1,
    /// with d = k - 1/3 and c = 1/√(9d), draw a standard normal z, set v = (1 + cz)³ and accept
    /// d·v when v > 0 and either the quick squeeze U < 1 - 0.0331 z⁴ or the exact test
    /// ln U < z²/2 + d(1 - v + ln v) holds. For k < 1 it uses the boost
    /// Gamma(k) = Gamma(k + 1) · U^(1/k). For very small k the result underflows to 0 with the
    /// probability that the exact variate lies below the smallest double.
    ///
    /// - Parameters:
    ///   - shape: k, finite and > 0.
    ///   - scale: θ, finite and > 0.
    /// - Complexity: O(1) expected; the acceptance rate exceeds 0.95 for every k >= 1.
    @inlinable
    public mutating func gamma(shape: Double, scale: Double = 1) -> Double {
        precondition(shape.isFinite && shape > 0, "gamma(shape:scale:) needs a finite shape > 0, got \(shape)")
        precondition(scale.isFinite && scale > 0, "gamma(shape:scale:) needs a finite scale > 0, got \(scale)")
        if shape >= 1 {
            return scale * marsagliaTsang(shape: shape)
        }
        // U in (0, 1]: 1 - nextDouble() never reaches 0.
        let boost = exp(log(1 - nextDouble()) / shape)
        return scale * marsagliaTsang(shape: shape + 1) * boost
    }

    /// Returns a draw from the beta distribution with parameters a and b
    /// (density ∝ x^(a-1) (1-x)^(b-1) on [0, 1], mean a / (a + b)), as X / (X + Y) with
    /// X ~ Gamma(a), Y ~ Gamma(b) independent: the usual posterior draw of Thompson sampling.
    ///
    /// When a shape is below 1 the two gamma variates are formed in log space
    /// (ln Gamma(k) = ln Gamma(k + 1) + ln(U) / k) and combined as 1 / (1 + exp(ln Y - ln X)), so
    /// small shapes do not underflow both variates to 0 and produce NaN. The result lies in
    /// [0, 1]; it can be exactly 0 or 1 when the exact value is closer to the end than a double
    /// can resolve.
    ///
    /// - Parameters:
    ///   - a: finite and > 0.
    ///   - b: finite and > 0.
    /// - Complexity: O(1) expected; two gamma draws.
    @inlinable
    public mutating func beta(a: Double, b: Double) -> Double {
        precondition(a.isFinite && a > 0, "beta(a:b:) needs a finite a > 0, got \(a)")
        precondition(b.isFinite && b > 0, "beta(a:b:) needs a finite b > 0, got \(b)")
        if a >= 1 && b >= 1 {
            let x = marsagliaTsang(shape: a)
            let y = marsagliaTsang(shape: b)
            return x / (x + y)
        }
        let logX = logStandardGamma(shape: a)
        let logY = logStandardGamma(shape: b)
        return 1 / (1 + exp(logY - logX))
    }

    /// The logarithm of a Gamma(`shape`, 1) draw, finite for every shape > 0.
    @inlinable
    internal mutating func logStandardGamma(shape: Double) -> Double {
        if shape >= 1 {
            return log(marsagliaTsang(shape: shape))
        }
        let logBoost = log(1 - nextDouble()) / shape
        return log(marsagliaTsang(shape: shape + 1)) + logBoost
    }

    /// A Gamma(`shape`, 1) draw for shape >= 1 by Marsaglia and Tsang's method; always > 0.
    @inlinable
    internal mutating func marsagliaTsang(shape: Double) -> Double {
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            let z = standardNormal()
            let w = 1 + c * z
            if w <= 0 { continue }
            let v = w * w * w
            let u = 1 - nextDouble()  // (0, 1], so log(u) is finite
            let z2 = z * z
            if u < 1 - 0.0331 * z2 * z2 { return d * v }
            if log(u) < 0.5 * z2 + d * (1 - v + log(v)) { return d * v }
        }
    }
}
