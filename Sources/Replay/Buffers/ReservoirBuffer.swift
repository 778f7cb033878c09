import SimCore

/// Reservoir sampling (Vitter, "Random Sampling with a Reservoir", ACM TOMS 1985, Algorithm
/// R): the first `capacity` samples fill the buffer; the n-th sample after that replaces a
/// uniformly chosen slot with probability capacity / n. Every sample seen so far is then in
/// the buffer with the same probability capacity / n.
public struct ReservoirBuffer: ReplayBuffer {
    public static let summary = "reservoir sampling (Vitter's Algorithm R): a uniform sample of the stream so far"

    public let capacity: Int
    public private(set) var stored: [Int] = []
    private var seen = 0

    public init(capacity: Int) { self.capacity = capacity }

    public mutating func offer(_ sample: Int, of data: FeatureDataset, random: inout RandomSource) {
        seen += 1
        if stored.count < capacity {
            stored.append(sample)
            return
        }
        let slot = random.nextInt(below: seen)
        if slot < capacity { stored[slot] = sample }
    }
}
