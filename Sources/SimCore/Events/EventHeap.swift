/// An array-backed binary min-heap of events keyed by one 128-bit integer.
///
/// The key packs `(time, priority, sequence)` so that one unsigned comparison orders two
/// events (see `EventKey`); comparisons compile to branch-free integer instructions. `popMin`
/// uses Floyd's bottom-up deletion: the hole left at the root is moved down along the path
/// of smaller children to a leaf (one comparison per level), and the former last element is
/// then sifted up from there, which for a random last element takes O(1) steps on average.
///
/// This is the queue's own storage; it does no cancellation bookkeeping (see `EventQueue`).
///
/// - Complexity: `insert` O(log n) worst case, O(1) on average for random keys;
///   `popMin` O(log n).
@usableFromInline
struct EventHeap<Payload> {
    @usableFromInline
    struct Entry {
        @usableFromInline var key: EventKey
        @usableFromInline var payload: Payload

        @inlinable
        init(key: EventKey, payload: Payload) {
            self.key = key
            self.payload = payload
        }
    }

    @usableFromInline var entries: [Entry] = []

    @inlinable
    init() {}

    @inlinable
    var count: Int { entries.count }

    @inlinable
    var min: Entry? { entries.first }

    @inlinable
    mutating func insert(_ entry: Entry) {
        entries.append(entry)
        entries.withUnsafeMutableBufferPointer { heap in
            var hole = heap.count - 1
            while hole > 0 {
                let parent = (hole - 1) >> 1
                guard entry.key.value < heap[parent].key.value else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = entry
        }
    }

    @inlinable
    mutating func popMin() -> Entry? {
        guard let last = entries.popLast() else { return nil }
        guard !entries.isEmpty else { return last }
        return entries.withUnsafeMutableBufferPointer { heap in
            let top = heap[0]
            let n = heap.count
            var hole = 0
            // Move the hole down to a leaf along the smaller children.
            while true {
                let left = 2 &* hole &+ 1
                guard left < n else { break }
                let right = left &+ 1
                let child = (right < n && heap[right].key.value < heap[left].key.value) ? right : left
                heap[hole] = heap[child]
                hole = child
            }
            // Sift the former last element up from the leaf.
            while hole > 0 {
                let parent = (hole &- 1) >> 1
                guard last.key.value < heap[parent].key.value else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = last
            return top
        }
    }

    /// Whether some pending entry has `sequence`. O(n).
    @inlinable
    func contains(sequence: UInt64) -> Bool {
        entries.contains { $0.key.sequence == sequence }
    }

    /// Checks the heap property; for tests.
    func checkHeapProperty() -> Bool {
        entries.indices.dropFirst().allSatisfy { entries[($0 - 1) / 2].key.value <= entries[$0].key.value }
    }
}

/// The total order of events as one unsigned 128-bit integer.
///
/// High 64 bits: the time with its sign bit flipped (so that signed order becomes unsigned
/// order). Low 64 bits: the priority biased to be non-negative (16 bits) above the 47-bit
/// insertion sequence. Comparing two keys therefore compares `(time, priority, sequence)`
/// lexicographically.
@usableFromInline
struct EventKey {
    @usableFromInline static var sequenceBits: UInt64 { 47 }
    /// The largest number of events one queue may ever schedule.
    @usableFromInline static var sequenceLimit: UInt64 { 1 << sequenceBits }

    @usableFromInline let value: UInt128

    @inlinable
    init(time: SimTime, priority: Int16, sequence: UInt64) {
        let high = UInt64(bitPattern: time.ticks) ^ (1 << 63)
        let low = (UInt64(Int32(priority) + 32_768) << Self.sequenceBits) | sequence
        value = UInt128(high) << 64 | UInt128(low)
    }

    @inlinable
    var time: SimTime { SimTime(ticks: Int64(bitPattern: UInt64(truncatingIfNeeded: value >> 64) ^ (1 << 63))) }

    @inlinable
    var sequence: UInt64 { UInt64(truncatingIfNeeded: value) & (Self.sequenceLimit - 1) }
}
