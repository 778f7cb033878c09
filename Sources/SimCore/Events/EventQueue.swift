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
/// Order: earlier `time` first; at equal times, lower `priority` (an `Int16`) first; at
/// equal time and priority, the event scheduled first (lower insertion `sequence`) first. This order is
/// total, so the pop sequence is a pure function of the schedule and cancel calls.
///
/// Cancellation is lazy: a cancelled event stays in the heap and is skipped when it
/// reaches the top.
///
/// - Complexity: `schedule` and `popNext` are O(log n) in the number of pending events.
public struct EventQueue<Payload> {
    /// A pending event. `order` packs the priority (biased to be non-negative) above the
    /// 47-bit insertion sequence, so `(time, order)` compares as `(time, priority, sequence)`
    /// with two integer comparisons.
    @usableFromInline
    struct Entry: Comparable {
        @usableFromInline let time: SimTime
        @usableFromInline let order: UInt64
        @usableFromInline let payload: Payload

        @usableFromInline static var sequenceBits: UInt64 { 47 }

        @inlinable
        init(time: SimTime, priority: Int16, sequence: UInt64, payload: Payload) {
            self.time = time
            self.order = (UInt64(Int32(priority) + 32_768) << Self.sequenceBits) | sequence
            self.payload = payload
        }

        @inlinable
        var sequence: UInt64 { order & ((1 << Self.sequenceBits) - 1) }

        @inlinable
        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.time.ticks < rhs.time.ticks || (lhs.time.ticks == rhs.time.ticks && lhs.order < rhs.order)
        }

        @inlinable
        static func == (lhs: Entry, rhs: Entry) -> Bool { lhs.order == rhs.order && lhs.time == rhs.time }
    }

    @usableFromInline var heap = Heap<Entry>()
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
    @inlinable
    @discardableResult
    public mutating func schedule(at time: SimTime, priority: Int16 = 0, _ payload: Payload) -> EventHandle {
        let sequence = nextSequence
        precondition(sequence < (1 << Entry.sequenceBits), "more than 2^47 events scheduled")
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
    @inlinable
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

    @inlinable
    mutating func dropCancelledTop() {
        guard !cancelled.isEmpty else { return }
        while let top = heap.min, cancelled.contains(top.sequence) {
            cancelled.remove(top.sequence)
            _ = heap.popMin()
        }
    }
}
