import SimCore

/// Repeated random sampling (RS2; Okanovic et al., "Repeated Random Sampling for Minimizing the
/// Time-to-Accuracy of Learning", 2023), the baseline that data-pruning methods must beat: keep
/// every sample (its bytes are reported, not bounded) but train each epoch on a fresh uniform
/// subset of `capacity` of them, so compute matches a coreset of that size while no sample is
/// discarded for good. Online replay draws from every stored sample.
public struct RepeatedRandomBuffer: ReplayBuffer {
    public static let summary = "RS2: store everything, train each epoch on a fresh uniform subset of the capacity"

    public let capacity: Int
    public private(set) var stored: [Int] = []

    public init(capacity: Int) { self.capacity = capacity }

    public mutating func offer(_ sample: Int, of data: FeatureDataset, random: inout RandomSource) {
        stored.append(sample)
    }

    public mutating func trainingSet(epoch: Int, random: inout RandomSource) -> [Int] {
        Array(random.shuffled(stored).prefix(capacity))
    }
}
