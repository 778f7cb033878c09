import SimCore

/// A single pass over K Bernoulli arms with a horizon of T pulls, as a streaming algorithm
/// sees it (Assadi and Wang, "Exploration with Limited Memory", STOC 2020; Wang, "Tight Regret
/// Bounds for Single-pass Streaming Multi-armed Bandits", ICML 2023).
///
/// Arms arrive in order `0..<arms`; only the arriving arm and the arms the algorithm holds in
/// memory can be pulled, and memory is metered: `retain` stores an arm, `release` frees it,
/// and `peakStored` is the most arms held at once (the arriving arm not counted, so
/// "single-arm memory" is a peak of 1). Every pull adds its pseudo-regret `mu* - mu_a`.
public struct ArmStream {
    /// Arm means in arrival order.
    public let means: [Double]
    public let horizon: Int
    public let bestMean: Double
    public private(set) var used = 0
    public private(set) var regret = 0.0
    public private(set) var peakStored = 0
    /// Pulls made before `commit` (the whole horizon if the algorithm never commits).
    public private(set) var explorationPulls = 0
    /// The arm now arriving (pullable without being stored).
    public private(set) var arriving = -1
    private var stored: [Int] = []
    private var random: RandomSource

    public init(means: [Double], horizon: Int, random: RandomSource) {
        self.means = means
        self.horizon = horizon
        bestMean = means.max() ?? 0
        self.random = random
    }

    public var arms: Int { means.count }
    public var remaining: Int { horizon - used }

    /// Makes `arm` the arriving arm (arms must arrive in order, once each).
    public mutating func arrive(_ arm: Int) {
        precondition(arm == arriving + 1, "arms arrive once each, in order")
        arriving = arm
    }

    /// Stores `arm` (the arriving one or one already stored).
    public mutating func retain(_ arm: Int) {
        precondition(arm == arriving || stored.contains(arm), "only the arriving arm can be stored")
        if !stored.contains(arm) { stored.append(arm) }
        peakStored = max(peakStored, stored.count)
    }

    /// Frees `arm`'s memory; it can never be pulled again unless it is the arriving arm.
    public mutating func release(_ arm: Int) {
        stored.removeAll { $0 == arm }
    }

    /// Pulls `arm` up to `times` times (fewer when the horizon runs out) and returns the
    /// number of successes and of pulls made.
    /// - Precondition: the arm is arriving or stored.
    public mutating func pull(_ arm: Int, times: Int) -> (successes: Int, pulls: Int) {
        precondition(arm == arriving || stored.contains(arm), "arm \(arm) is neither arriving nor stored")
        let n = max(0, min(times, remaining))
        let p = means[arm]
        var successes = 0
        for _ in 0..<n where random.nextDouble() < p { successes += 1 }
        used += n
        regret += Double(n) * (bestMean - p)
        return (successes, n)
    }

    /// Plays `arm` for every remaining pull (its outcomes do not change the regret).
    public mutating func commit(_ arm: Int) {
        precondition(arm == arriving || stored.contains(arm), "arm \(arm) is neither arriving nor stored")
        explorationPulls = used
        regret += Double(remaining) * (bestMean - means[arm])
        used = horizon
    }
}

/// Empirical mean of pulls, 0 when there were none.
func empiricalMean(_ result: (successes: Int, pulls: Int)) -> Double {
    result.pulls == 0 ? 0 : Double(result.successes) / Double(result.pulls)
}
