/// The adapters resident in GPU memory, within a capacity of `slots` adapters or of
/// `capacityBytes` bytes (whichever the model configured; the other is unlimited).
public struct AdapterCache: Sendable {
    public let sizes: [Int]
    public let slots: Int
    public let capacityBytes: Int
    public private(set) var resident: [Bool]
    public private(set) var count = 0
    public private(set) var usedBytes = 0

    public init(sizes: [Int], slots: Int, capacityBytes: Int) {
        self.sizes = sizes
        self.slots = slots
        self.capacityBytes = capacityBytes
        resident = [Bool](repeating: false, count: sizes.count)
    }

    /// Whether a set of adapters with this count and bytes fits.
    public func fits(count: Int, bytes: Int) -> Bool { count <= slots && bytes <= capacityBytes }

    /// Whether `adapter` alone could ever be resident.
    public func canHold(_ adapter: Int) -> Bool { fits(count: 1, bytes: sizes[adapter]) }

    /// Whether `adapter` fits beside the current residents.
    public func hasRoom(for adapter: Int) -> Bool { fits(count: count + 1, bytes: usedBytes + sizes[adapter]) }

    /// The resident adapters, ascending.
    public var members: [Int] { resident.indices.filter { resident[$0] } }

    public mutating func insert(_ adapter: Int) {
        guard !resident[adapter] else { return }
        resident[adapter] = true
        count += 1
        usedBytes += sizes[adapter]
    }

    public mutating func remove(_ adapter: Int) {
        guard resident[adapter] else { return }
        resident[adapter] = false
        count -= 1
        usedBytes -= sizes[adapter]
    }
}
