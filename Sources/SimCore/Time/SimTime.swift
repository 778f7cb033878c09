/// A point or span of simulated time, as an integer number of ticks (1 tick = 1 ns).
///
/// Simulated time is never a floating-point value: two events scheduled for the same
/// instant compare equal exactly, so ties are broken only by the event queue's
/// `(time, priority, sequence)` order and never by rounding drift.
public struct SimTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Ticks since the start of the simulation (or the length of a span), 1 tick = 1 ns.
    public var ticks: Int64

    @inlinable
    public init(ticks: Int64) { self.ticks = ticks }

    /// The start of every simulation.
    public static let zero = SimTime(ticks: 0)
    /// A time later than every reachable time; `run(until: .never)` runs until the queue is empty.
    public static let never = SimTime(ticks: .max)

    public static func nanoseconds(_ n: Int64) -> SimTime { SimTime(ticks: n) }
    public static func microseconds(_ n: Int64) -> SimTime { SimTime(ticks: n * 1_000) }
    public static func milliseconds(_ n: Int64) -> SimTime { SimTime(ticks: n * 1_000_000) }
    public static func seconds(_ n: Int64) -> SimTime { SimTime(ticks: n * 1_000_000_000) }

    /// The span closest to `seconds`, rounded to the nearest tick; spans beyond about 292
    /// years saturate at `never` (and below minus that, at `Int64.min` ticks), NaN is zero.
    ///
    /// For converting model parameters given in seconds (latencies, think times); the
    /// result is exact integer time from then on.
    public static func seconds(_ seconds: Double) -> SimTime {
        let ticks = (seconds * 1e9).rounded()
        if ticks.isNaN { return .zero }
        if ticks >= 9.2e18 { return .never }
        if ticks <= -9.2e18 { return SimTime(ticks: .min) }
        return SimTime(ticks: Int64(ticks))
    }

    /// This time in seconds, for reporting metrics only (never for scheduling).
    public var seconds: Double { Double(ticks) / 1e9 }

    @inlinable
    public static func < (lhs: SimTime, rhs: SimTime) -> Bool { lhs.ticks < rhs.ticks }
    @inlinable
    public static func + (lhs: SimTime, rhs: SimTime) -> SimTime { SimTime(ticks: lhs.ticks + rhs.ticks) }
    @inlinable
    public static func - (lhs: SimTime, rhs: SimTime) -> SimTime { SimTime(ticks: lhs.ticks - rhs.ticks) }

    public var description: String { "\(ticks)ns" }
}
