/// 64-bit object keys mapped to dense ids `0..<count` in order of first appearance.
///
/// An open-addressing table with linear probing and a fixed multiplicative (Fibonacci)
/// hash, grown to keep it at most half full: deterministic (no per-process hash seed) and
/// about three times faster than `Dictionary` when loading traces of millions of requests.
struct DenseIDMap {
    private static let empty: Int32 = -1
    /// A key and its id side by side: one probe touches one cache line.
    private struct Slot {
        var key: UInt64
        var id: Int32
    }
    private var slots: [Slot]
    private var shift: UInt64
    /// Distinct keys seen.
    private(set) var count = 0

    /// A map sized for about `expectedCount` distinct keys (it grows past them).
    init(expectedCount: Int = 1024) {
        var slots = 16
        while slots < 2 * max(expectedCount, 8) { slots *= 2 }
        self.slots = LargeArrays.filled(Slot(key: 0, id: Self.empty), count: slots)
        shift = UInt64(64 - slots.trailingZeroBitCount)
    }

    /// The dense id of `key`, assigning the next one on first sight; `isNew` says which.
    @inline(__always)
    mutating func id(for key: UInt64) -> (id: Int32, isNew: Bool) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let found = slots[slot]
            if found.id == Self.empty {
                let id = Int32(truncatingIfNeeded: count)
                slots[slot] = Slot(key: key, id: id)
                count += 1
                if 2 * count > slots.count { grow() }
                return (id, true)
            }
            if found.key == key { return (found.id, false) }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = LargeArrays.filled(Slot(key: 0, id: Self.empty), count: old.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for entry in old where entry.id != Self.empty {
            var slot = Int(truncatingIfNeeded: (entry.key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[slot].id != Self.empty { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
