import SimCore

/// A replay buffer of stream samples (held as indices into the training stream; their bytes
/// are accounted by the model from the exemplar shape), at most `capacity` of them.
public protocol ReplayBuffer: Sendable {
    var capacity: Int { get }
    /// The stored samples, in slot order.
    var stored: [Int] { get }
    /// `stored.count`, and `stored[slot]`, without building `stored` (replay draws from the
    /// buffer every iteration).
    var storedCount: Int { get }
    func storedSample(_ slot: Int) -> Int
    /// Offers stream sample `sample` of `data` (samples arrive once each, in order).
    mutating func offer(_ sample: Int, of data: FeatureDataset, random: inout RandomSource)
    /// The current task's samples have all been offered (selectors that choose at task ends
    /// choose now).
    mutating func taskEnded(_ data: FeatureDataset, random: inout RandomSource)
    /// The samples to train on in epoch `epoch` when a learner is trained from the buffer.
    mutating func trainingSet(epoch: Int, random: inout RandomSource) -> [Int]
}

extension ReplayBuffer {
    public var storedCount: Int { stored.count }
    public func storedSample(_ slot: Int) -> Int { stored[slot] }
    public mutating func taskEnded(_ data: FeatureDataset, random: inout RandomSource) {}
    public mutating func trainingSet(epoch: Int, random: inout RandomSource) -> [Int] { stored }
}

/// What a buffer may be built from.
public struct ReplayBufferParameters: Sendable {
    public var capacity: Int
    /// CCS: difficulty bins, and the hardest fraction dropped first.
    public var strata: Int
    public var hardCutoff: Double
}

/// One replay buffer: its name, summary and factory.
public typealias ReplayBufferEntry = RegistryEntry<ReplayBufferParameters, any ReplayBuffer>

/// The registry of replay buffers.
public enum ReplayBufferRegistry {
    public static let entries: [ReplayBufferEntry] = [
        ReplayBufferEntry("reservoir", ReservoirBuffer.summary, { ReservoirBuffer(capacity: $0.capacity) }),
        ReplayBufferEntry("fifo-per-class", FIFOPerClassBuffer.summary, { FIFOPerClassBuffer(capacity: $0.capacity) }),
        ReplayBufferEntry(
            "class-balanced", ClassBalancedBuffer.summary, { ClassBalancedBuffer(capacity: $0.capacity) }),
        ReplayBufferEntry(
            "herding", "iCaRL herding at task ends: exemplars whose running mean tracks the class mean",
            {
                TaskEndSelectionBuffer(capacity: $0.capacity, ordering: HerdingOrdering())
            }
        ),
        ReplayBufferEntry(
            "k-center", "k-center greedy coreset at task ends (Sener and Savarese 2018)",
            {
                TaskEndSelectionBuffer(capacity: $0.capacity, ordering: KCenterOrdering())
            }
        ),
        ReplayBufferEntry(
            "importance", "hardest samples first at task ends (importance-only pruning)",
            {
                TaskEndSelectionBuffer(capacity: $0.capacity, ordering: ImportanceOrdering())
            }
        ),
        ReplayBufferEntry(
            "ccs",
            "coverage-centric selection at task ends: drop the hardest, stratify by difficulty (Zheng et al. 2023)",
            {
                TaskEndSelectionBuffer(
                    capacity: $0.capacity,
                    ordering: CoverageStratifiedOrdering(strata: $0.strata, hardCutoff: $0.hardCutoff))
            }
        ),
        ReplayBufferEntry(
            "random-subset", "a uniform random subset per class at task ends",
            {
                TaskEndSelectionBuffer(capacity: $0.capacity, ordering: RandomOrdering())
            }
        ),
        ReplayBufferEntry(
            "repeated-random", RepeatedRandomBuffer.summary, { RepeatedRandomBuffer(capacity: $0.capacity) }),
        ReplayBufferEntry("store-all", StoreAllBuffer.summary, { _ in StoreAllBuffer() }),
        ReplayBufferEntry("none", NoBuffer.summary, { _ in NoBuffer() }),
    ]

    public static var names: [String] { entries.map(\.name) }

    public static func entry(named name: String) -> ReplayBufferEntry? { entries.first { $0.name == name } }
}
