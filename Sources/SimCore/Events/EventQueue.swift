/// Identifies one scheduled event so that it can be cancelled.
public struct EventHandle: Hashable, Sendable {
    /// The queue's insertion counter when the event was scheduled.
    public let sequence: UInt64

    @usableFromInline
    init(sequence: UInt64) { self.sequence = sequence }
}

/// A priority queue of timed events, popped in `(time, priority, sequence)` order.
///
/// Order: earlier `time` first; at equal times, lower `priority` (an `Int16`) first; at
/// equal time and priority, the event scheduled first (lower insertion `sequence`) first. This order is
/// total, so the pop sequence is a pure function of the schedule and cancel calls.
///
/// Cancellation is lazy: a cancelled event stays in the heap and is skipped when it
/// reaches the top.
///
/// Storage is `EventHeap`, a binary heap over one 128-bit key per event.
///
/// - Complexity: `schedule` and `popNext` are O(log n) in the number of pending events.
public struct EventQueue<Payload> {
    @usableFromInline var heap = EventHeap<Payload>()
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var cancelled: Set<UInt64> = []

    @inlinable
    public init() {}

    /// Number of pending events that have not been cancelled.
    @inlinable
    public var count: Int { heap.count - cancelled.count }

    /// Whether no uncancelled event is pending.
    @inlinable
    public var isEmpty: Bool { count == 0 }

    /// Adds an event and returns its handle.
    ///
    /// - Precondition: fewer than 2^47 events were scheduled on this queue before.
    @inlinable
    @discardableResult
    public mutating func schedule(at time: SimTime, priority: Int16 = 0, _ payload: Payload) -> EventHandle {
        let sequence = nextSequence
        precondition(sequence < EventKey.sequenceLimit, "more than 2^47 events scheduled")
        nextSequence &+= 1
        heap.insert(.init(key: EventKey(time: time, priority: priority, sequence: sequence), payload: payload))
        return EventHandle(sequence: sequence)
    }

    /// Cancels a pending event. Returns `false` if it was already popped or cancelled.
    ///
    /// - Complexity: O(n) in the worst case to check that the event is still pending.
    @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool {
        guard handle.sequence < nextSequence, !cancelled.contains(handle.sequence),
            heap.contains(sequence: handle.sequence)
        else { return false }
        cancelled.insert(handle.sequence)
        return true
    }

    /// The time of the next uncancelled event, if any.
    @inlinable
    public mutating func nextTime() -> SimTime? {
        dropCancelledTop()
        return heap.min?.key.time
    }

    /// Removes and returns the next uncancelled event in `(time, priority, sequence)` order.
    @inlinable
    public mutating func popNext() -> (time: SimTime, handle: EventHandle, payload: Payload)? {
        while let entry = heap.popMin() {
            if !cancelled.isEmpty, cancelled.remove(entry.key.sequence) != nil { continue }
            return (entry.key.time, EventHandle(sequence: entry.key.sequence), entry.payload)
        }
        return nil
    }

    @inlinable
    mutating func dropCancelledTop() {
        guard !cancelled.isEmpty else { return }
        while let top = heap.min, cancelled.contains(top.key.sequence) {
            cancelled.remove(top.key.sequence)
            _ = heap.popMin()
        }
    }

    /// Checks the heap property and the cancellation bookkeeping; for tests.
    public func checkInvariants() -> Bool {
        heap.checkHeapProperty() && cancelled.allSatisfy { heap.contains(sequence: $0) }
    }
}
