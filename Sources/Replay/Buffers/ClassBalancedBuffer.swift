import SimCore

/// GDumb's greedy class-balanced sampler (Prabhu, Torr and Dokania, "GDumb: A Simple
/// Approach that Questions Our Progress in Continual Learning", ECCV 2020, Algorithm 1): a
/// sample is stored while there is room; when full, a sample whose class holds fewer than
/// capacity / (classes seen) slots replaces a uniformly chosen sample of the largest class
/// (the largest class of lowest label on ties), so classes even out as the stream goes on.
public struct ClassBalancedBuffer: ReplayBuffer {
    public static let summary =
        "GDumb greedy class balancing: when full, a sample of a smaller class replaces one of the largest class"

    public let capacity: Int
    public private(set) var stored: [Int] = []
    private var labels: [Int] = []
    private var counts: [Int: Int] = [:]
    /// Classes seen so far (membership only, never iterated).
    private var seen: Set<Int> = []

    public init(capacity: Int) { self.capacity = capacity }

    public mutating func offer(_ sample: Int, of data: FeatureDataset, random: inout RandomSource) {
        guard capacity > 0 else { return }
        let label = data.labels[sample]
        seen.insert(label)
        if stored.count < capacity {
            stored.append(sample)
            labels.append(label)
            counts[label, default: 0] += 1
            return
        }
        guard counts[label, default: 0] < capacity / seen.count else { return }
        // The largest class, lowest label among equals (sorted keys: no dictionary order).
        var largest = -1
        for key in counts.keys.sorted() where largest < 0 || counts[key, default: 0] > counts[largest, default: 0] {
            largest = key
        }
        guard largest != label else { return }
        let slots = labels.indices.filter { labels[$0] == largest }
        let slot = slots[random.nextInt(below: slots.count)]
        stored[slot] = sample
        labels[slot] = label
        counts[largest, default: 0] -= 1
        counts[label, default: 0] += 1
    }
}
