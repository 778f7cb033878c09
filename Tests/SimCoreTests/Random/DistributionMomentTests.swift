import Testing

@testable import SimCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Mean and variance of each distribution against the exact values, 200,000 draws each, with
/// 5-standard-error tolerances (reasoning in `RandomTestStatistics`). Parameters are chosen so
/// that the fourth moment is finite, which the variance tolerance needs.
@Suite struct DistributionMomentTests {
    typealias Stats = RandomTestStatistics

    private func draws(seed: UInt64, _ draw: (inout RandomSource) -> Double) -> [Double] {
        var random = RandomSource(seed: seed)
        return (0..<Stats.draws).map { _ in draw(&random) }
    }

    @Test func uniform() {
        let xs = draws(seed: 21) { $0.uniform(in: -2..<3) }
        #expect(xs.allSatisfy { $0 >= -2 && $0 < 3 })
        let problem = Stats.momentMismatch(xs, mean: 0.5, variance: 25.0 / 12, excessKurtosis: -1.2)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func normal() {
        let xs = draws(seed: 22) { $0.normal(mean: 3, sd: 2) }
        let problem = Stats.momentMismatch(xs, mean: 3, variance: 4, excessKurtosis: 0)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func exponential() {
        let xs = draws(seed: 23) { $0.exponential(rate: 2.5) }
        #expect(xs.allSatisfy { $0 >= 0 && $0.isFinite })
        let problem = Stats.momentMismatch(xs, mean: 0.4, variance: 0.16, excessKurtosis: 6)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func logNormal() {
        let mu = 0.3
        let s2 = 0.25
        let xs = draws(seed: 24) { $0.logNormal(mu: mu, sigma: s2.squareRoot()) }
        let mean = exp(mu + s2 / 2)
        let variance = (exp(s2) - 1) * exp(2 * mu + s2)
        let excess = exp(4 * s2) + 2 * exp(3 * s2) + 3 * exp(2 * s2) - 6
        let problem = Stats.momentMismatch(xs, mean: mean, variance: variance, excessKurtosis: excess)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func pareto() {
        // Shape 10 keeps the fourth moment finite (it needs shape > 4).
        let xm = 2.0
        let a = 10.0
        let xs = draws(seed: 25) { $0.pareto(scale: xm, shape: a) }
        #expect(xs.allSatisfy { $0 >= xm })
        let mean = a * xm / (a - 1)
        let variance = xm * xm * a / ((a - 1) * (a - 1) * (a - 2))
        let excess = 6 * (a * a * a + a * a - 6 * a - 2) / (a * (a - 3) * (a - 4))
        let problem = Stats.momentMismatch(xs, mean: mean, variance: variance, excessKurtosis: excess)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func bernoulli() {
        let p = 0.3
        let xs = draws(seed: 26) { $0.bernoulli(p: p) ? 1 : 0 }
        let excess = (1 - 6 * p * (1 - p)) / (p * (1 - p))
        let problem = Stats.momentMismatch(xs, mean: p, variance: p * (1 - p), excessKurtosis: excess)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test(arguments: [0.05, 0.3, 1.0, 2.5, 9.0])
    func gamma(shape k: Double) {
        let theta = 1.5
        let xs = draws(seed: 27) { $0.gamma(shape: k, scale: theta) }
        #expect(xs.allSatisfy { $0 >= 0 && $0.isFinite })
        let problem = Stats.momentMismatch(xs, mean: k * theta, variance: k * theta * theta, excessKurtosis: 6 / k)
        #expect(problem == nil, "shape \(k): \(problem ?? "")")
    }

    @Test(arguments: [(2.0, 5.0), (0.5, 0.5), (0.1, 0.3), (30.0, 7.0), (1.0, 0.02)])
    func beta(a: Double, b: Double) {
        let xs = draws(seed: 28) { $0.beta(a: a, b: b) }
        #expect(xs.allSatisfy { $0 >= 0 && $0 <= 1 })
        let s = a + b
        let mean = a / s
        let variance = a * b / (s * s * (s + 1))
        let excess = 6 * ((a - b) * (a - b) * (s + 1) - a * b * (s + 2)) / (a * b * (s + 2) * (s + 3))
        let problem = Stats.momentMismatch(xs, mean: mean, variance: variance, excessKurtosis: excess)
        #expect(problem == nil, "beta(\(a), \(b)): \(problem ?? "")")
    }

    @Test func degenerateParameters() {
        var random = RandomSource(seed: 29)
        for _ in 0..<1000 {
            #expect(random.normal(mean: 7, sd: 0) == 7)
            #expect(random.logNormal(mu: 0, sigma: 0) == 1)
            let never = random.bernoulli(p: 0)
            let always = random.bernoulli(p: 1)
            #expect(!never)
            #expect(always)
            #expect(random.uniform(in: 1.0..<1.0.nextUp) == 1.0)
            // Tiny shapes: the gamma may underflow to 0, the beta must stay a number in [0, 1].
            let g = random.gamma(shape: 1e-4, scale: 1)
            let b = random.beta(a: 1e-4, b: 1e-4)
            #expect(g >= 0 && g.isFinite)
            #expect(b >= 0 && b <= 1)
        }
    }

    @Test func drawsAreAFunctionOfTheStateOnly() {
        // No cached spare values: copies of a source in the same state give identical draws,
        // whatever mix of distributions was drawn before.
        var a = RandomSource(seed: 30)
        _ = a.normal(mean: 0, sd: 1)
        _ = a.gamma(shape: 0.5, scale: 1)
        var b = a
        for _ in 0..<100 {
            #expect(a.normal(mean: 0, sd: 1) == b.normal(mean: 0, sd: 1))
            #expect(a.beta(a: 0.3, b: 2) == b.beta(a: 0.3, b: 2))
        }
    }
}
