/// The capacity of a served system under a service-level objective, as serving papers and
/// simulators report throughput: the highest arrival rate at which a latency metric stays
/// within its SLO.
///
/// Definition (one seed of one series): sort the swept rates `r_1 < ... < r_k` with the
/// metric `m_i` measured at each. Scanning upward, let `r_j` be the first rate with
/// `m_j > slo` (a NaN metric counts as above). The capacity is the rate where the straight
/// line between `(r_{j-1}, m_{j-1})` and `(r_j, m_j)` reaches `slo` (`r_{j-1}` itself when
/// `m_j` is not finite). When even `r_1` is over
/// the SLO the capacity is below the swept range, and when no rate is over it the capacity
/// is at least `r_k`; both are *censored* (reported as `r_1` and `r_k`), and a claim on a
/// censored capacity fails rather than compare a bound with the paper.
public struct CapacityEstimate: Sendable, Equatable {
    public enum Censoring: String, Sendable {
        case none
        case belowRange = "below"
        case aboveRange = "above"
    }

    public let rate: Double
    public let censoring: Censoring

    /// The capacity of one curve; `points` need not be sorted, rates must be distinct.
    public init(points: [(rate: Double, metric: Double)], slo: Double) {
        let sorted = points.sorted { $0.rate < $1.rate }
        guard let first = sorted.first, let last = sorted.last else {
            self.init(rate: .nan, censoring: .belowRange)
            return
        }
        func over(_ m: Double) -> Bool { m.isNaN || m > slo }
        guard !over(first.metric) else {
            self.init(rate: first.rate, censoring: .belowRange)
            return
        }
        for j in 1..<sorted.count where over(sorted[j].metric) {
            let (r0, m0) = sorted[j - 1]
            let (r1, m1) = sorted[j]
            let fraction = m1.isFinite && m1 > m0 ? (slo - m0) / (m1 - m0) : 0
            self.init(rate: r0 + fraction * (r1 - r0), censoring: .none)
            return
        }
        self.init(rate: last.rate, censoring: .aboveRange)
    }

    init(rate: Double, censoring: Censoring) {
        self.rate = rate
        self.censoring = censoring
    }
}

/// Per-seed capacities of one series of sweep points (the points that differ only in the
/// rate key), on the seeds every point of the series ran.
struct CapacitySeries {
    let seeds: [UInt64]
    let estimates: [CapacityEstimate]
    /// Whether two of the points share a rate (the selection holds more than one series).
    let duplicateRates: Bool

    init(points: [SweepPoint], rateKey: String, slo: Double, metric m: Int, summary: SummaryTable) {
        var common = points.first.map { summary.seeds[$0.index] } ?? []
        for point in points.dropFirst() {
            let theirs = summary.seeds[point.index]
            common = common.filter { theirs.contains($0) }
        }
        seeds = common
        let rates = points.compactMap { $0.value(of: rateKey)?.numericValue }
        duplicateRates = rates.enumerated().contains { i, rate in rates[..<i].contains(rate) }
        estimates = common.map { seed in
            let curve: [(rate: Double, metric: Double)] = points.compactMap { point in
                guard let rate = point.value(of: rateKey)?.numericValue,
                    let i = summary.seeds[point.index].firstIndex(of: seed)
                else { return nil }
                return (rate, summary.values[point.index][m][i])
            }
            return CapacityEstimate(points: curve, slo: slo)
        }
    }

    var rates: [Double] { estimates.map(\.rate) }
    var censoredCount: (below: Int, above: Int) {
        (estimates.filter { $0.censoring == .belowRange }.count, estimates.filter { $0.censoring == .aboveRange }.count)
    }
}
