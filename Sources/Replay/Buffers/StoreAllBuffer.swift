import SimCore

/// Stores every sample (no storage constraint; its bytes are reported, not bounded), the
/// setting of Prabhu et al., "Online Continual Learning Without the Storage Constraint", 2023.
public struct StoreAllBuffer: ReplayBuffer {
    public static let summary = "store every sample (unbounded; the bytes stored are reported)"

    public let capacity = Int.max
    public private(set) var stored: [Int] = []

    public init() {}

    public mutating func offer(_ sample: Int, of data: FeatureDataset, random: inout RandomSource) {
        stored.append(sample)
    }
}
