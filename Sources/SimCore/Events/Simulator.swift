/// A discrete-event run loop over integer simulated time.
///
/// A model schedules payloads (usually a model-specific enum) and runs the loop with a
/// handler; the handler receives each event at its time and may schedule or cancel
/// others, or stop the run. The loop is single-threaded and deterministic: the same
/// schedule calls give the same event order (see `EventQueue`).
///
/// ```swift
/// var sim = Simulator<Event>()
/// sim.schedule(after: .seconds(1), .arrival)
/// try sim.run(until: .seconds(60)) { event, sim in ... }
/// ```
public struct Simulator<Payload> {
    /// The current simulated time: the time of the event being handled, or of the last one.
    @inlinable
    public var now: SimTime { currentTime }
    /// Number of events handled so far.
    @inlinable
    public var eventsHandled: Int { handledCount }
    @usableFromInline var currentTime: SimTime = .zero
    @usableFromInline var handledCount = 0
    @usableFromInline var queue = EventQueue<Payload>()
    @usableFromInline var stopRequested = false

    @inlinable
    public init() {}

    /// Number of pending (uncancelled) events.
    @inlinable
    public var pendingCount: Int { queue.count }

    /// Schedules `payload` at absolute time `time`, which must not be in the past.
    @inlinable
    @discardableResult
    public mutating func schedule(at time: SimTime, priority: Int16 = 0, _ payload: Payload) -> EventHandle {
        precondition(time >= now, "cannot schedule an event in the past (\(time) < now \(now))")
        return queue.schedule(at: time, priority: priority, payload)
    }

    /// Schedules `payload` after a non-negative `delay` from now.
    @inlinable
    @discardableResult
    public mutating func schedule(after delay: SimTime, priority: Int16 = 0, _ payload: Payload) -> EventHandle {
        precondition(delay.ticks >= 0, "negative delay \(delay)")
        return queue.schedule(at: now + delay, priority: priority, payload)
    }

    /// Cancels a pending event; returns `false` if it already ran or was cancelled.
    @inlinable
    @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool { queue.cancel(handle) }

    /// Asks the running loop to return after the current event.
    @inlinable
    public mutating func stop() { stopRequested = true }

    /// Why `run` returned.
    public enum StopReason: Equatable, Sendable {
        /// No event was left.
        case empty
        /// The next event lies after the time limit; `now` was advanced to the limit.
        case reachedTime
        /// The handler called `stop()`.
        case stopped
    }

    /// Handles events in order until the queue is empty, the next event lies after `limit`
    /// (events exactly at `limit` are handled), or the handler calls `stop()`.
    @inlinable
    @discardableResult
    public mutating func run(
        until limit: SimTime = .never,
        _ handle: (Payload, inout Simulator<Payload>) throws -> Void
    ) rethrows -> StopReason {
        stopRequested = false
        while true {
            guard let next = queue.nextTime() else { return .empty }
            if next > limit {
                currentTime = limit
                return .reachedTime
            }
            guard let event = queue.popNext() else { return .empty }
            currentTime = event.time
            handledCount += 1
            try handle(event.payload, &self)
            if stopRequested { return .stopped }
        }
    }
}
