import SimCore

/// No replay: the learner sees the stream only (fine-tuning, the lower bound of replay).
public struct NoBuffer: ReplayBuffer {
    public static let summary = "no replay (plain fine-tuning on the stream)"

    public let capacity = 0
    public let stored: [Int] = []

    public init() {}

    public func offer(_ sample: Int, of data: FeatureDataset, random: inout RandomSource) {}
}
