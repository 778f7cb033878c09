import HeapModule

/// Identifies one scheduled event so that it can be cancelled.
public struct EventHandle: Hashable, Sendable {
    /// The queue's insertion counter when the event was scheduled.
    public let sequence: UInt64

    @usableFromInline
    init(sequence: UInt64) { self.sequence = sequence }
}

/// A priority queue of timed events, popped in `(time, priority, sequence)` order.
///
/// Order: earlier `time` first; at equal times, lower `priority` first; at equal time and
/// priority, the event scheduled first (lower insertion `sequence`) first. This order is
/// total, so the pop sequence is a pure function of the schedule and cancel calls.
///
/// Cancellation is lazy: a cancelled event stays in the heap and is skipped when it
/// reaches the top.
///
/// - Complexity: `schedule` and `popNext` are O(log n) in the number of pending events.
public struct EventQueue<Payload> {
    @usableFromInline
    struct Entry: Comparable {
        @usableFromInline let time: SimTime
        @usableFromInline let priority: Int32
        @usableFromInline let sequence: UInt64
        @usableFromInline let payload: Payload

        @inlinable
        init(time: SimTime, priority: Int32, sequence: UInt64, payload: Payload) {
            self.time = time
            self.priority = priority
            self.sequence = sequence
            self.payload = payload
        }

        @inlinable
        static func < (lhs: Entry, rhs: Entry) -> Bool {
            if lhs.time != rhs.time { return lhs.time < rhs.time }
            if lhs.priority != rhs.priority { return lhs.priority < rhs.priority }
            return lhs.sequence < rhs.sequence
        }

        @inlinable
        static func == (lhs: Entry, rhs: Entry) -> Bool { lhs.sequence == rhs.sequence }
    }

    @usableFromInline var heap: Heap<Entry> = []
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var cancelled: Set<UInt64> = []

    public init() {}

    /// Number of pending events that have not been cancelled.
    public var count: Int { heap.count - cancelled.count }

    /// Whether no uncancelled event is pending.
    public var isEmpty: Bool { count == 0 }

    /// Adds an event and returns its handle.
    @inlinable
    @discardableResult
    public mutating func schedule(at time: SimTime, priority: Int32 = 0, _ payload: Payload) -> EventHandle {
        let sequence = nextSequence
        nextSequence &+= 1
        heap.insert(Entry(time: time, priority: priority, sequence: sequence, payload: payload))
        return EventHandle(sequence: sequence)
    }

    /// Cancels a pending event. Returns `false` if it was already popped or cancelled.
    ///
    /// - Complexity: O(n) in the worst case to check that the event is still pending.
    @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool {
        guard handle.sequence < nextSequence, !cancelled.contains(handle.sequence),
            heap.unordered.contains(where: { $0.sequence == handle.sequence })
        else { return false }
        cancelled.insert(handle.sequence)
        return true
    }

    /// The time of the next uncancelled event, if any.
    public mutating func nextTime() -> SimTime? {
        dropCancelledTop()
        return heap.min?.time
    }

    /// Removes and returns the next uncancelled event in `(time, priority, sequence)` order.
    @inlinable
    public mutating func popNext() -> (time: SimTime, handle: EventHandle, payload: Payload)? {
        while let entry = heap.popMin() {
            if !cancelled.isEmpty, cancelled.remove(entry.sequence) != nil { continue }
            return (entry.time, EventHandle(sequence: entry.sequence), entry.payload)
        }
        return nil
    }

    @usableFromInline
    mutating func dropCancelledTop() {
        while let top = heap.min, !cancelled.isEmpty, cancelled.contains(top.sequence) {
            cancelled.remove(top.sequence)
            _ = heap.popMin()
        }
    }
}
