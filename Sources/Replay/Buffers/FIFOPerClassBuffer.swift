import SimCore

/// A ring per class: the capacity is split evenly over the classes seen so far (the first
/// classes seen get the remainder), and each class keeps its most recent samples; when a new
/// class arrives, every ring drops its oldest samples down to the new share.
public struct FIFOPerClassBuffer: ReplayBuffer {
    public static let summary = "a FIFO ring per class, capacity split evenly over the classes seen (most recent kept)"

    public let capacity: Int
    /// Rings in order of each class's first appearance.
    private var rings: [(label: Int, samples: [Int])] = []

    public init(capacity: Int) { self.capacity = capacity }

    public var stored: [Int] { rings.flatMap(\.samples) }

    public var storedCount: Int { rings.reduce(0) { $0 + $1.samples.count } }

    public func storedSample(_ slot: Int) -> Int {
        var rest = slot
        for ring in rings {
            if rest < ring.samples.count { return ring.samples[rest] }
            rest -= ring.samples.count
        }
        preconditionFailure("slot \(slot) beyond the \(storedCount) stored samples")
    }

    private func share(_ position: Int) -> Int {
        let n = rings.count
        return capacity / n + (position < capacity % n ? 1 : 0)
    }

    public mutating func offer(_ sample: Int, of data: FeatureDataset, random: inout RandomSource) {
        guard capacity > 0 else { return }
        let label = data.labels[sample]
        var position = rings.firstIndex { $0.label == label }
        if position == nil {
            rings.append((label, []))
            position = rings.count - 1
            for p in rings.indices where rings[p].samples.count > share(p) {
                rings[p].samples.removeFirst(rings[p].samples.count - share(p))
            }
        }
        guard let p = position, share(p) > 0 else { return }
        rings[p].samples.append(sample)
        if rings[p].samples.count > share(p) { rings[p].samples.removeFirst() }
    }
}
