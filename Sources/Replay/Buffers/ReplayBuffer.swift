import SimCore

/// A replay buffer of stream samples (held as indices into the training stream; their bytes
/// are accounted by the model from the exemplar shape), at most `capacity` of them.
public protocol ReplayBuffer: Sendable {
    var capacity: Int { get }
    /// The stored samples, in slot order.
    var stored: [Int] { get }
    /// Offers stream sample `sample` of class `label` (samples arrive once each, in order).
    mutating func offer(_ sample: Int, label: Int, random: inout RandomSource)
}

/// The registry of replay buffers.
public enum ReplayBufferRegistry {
    public static let entries: [(name: String, summary: String, make: @Sendable (_ capacity: Int) -> any ReplayBuffer)] = [
        ("reservoir", ReservoirBuffer.summary, { ReservoirBuffer(capacity: $0) }),
        ("fifo-per-class", FIFOPerClassBuffer.summary, { FIFOPerClassBuffer(capacity: $0) }),
        ("class-balanced", ClassBalancedBuffer.summary, { ClassBalancedBuffer(capacity: $0) }),
        ("store-all", StoreAllBuffer.summary, { _ in StoreAllBuffer() }),
        ("none", NoBuffer.summary, { _ in NoBuffer() }),
    ]

    public static var names: [String] { entries.map(\.name) }
}
