import CachePolicies
import SimCore

/// Runs a trace file through online policies in one pass without holding the trace:
/// the `memsim paging --stream` command.
///
/// Each (policy, size) cache sees its objects through its own slot table: an object gets
/// a free slot when it is first requested and gives it back when the policy forgets it
/// (`StreamablePolicy`), so every cache's memory is bounded by its tracked objects (at
/// most `trackedBound(capacity:)`: the resident objects plus ghosts), proportional to the
/// cache and independent of the trace's length and working set. The results equal
/// `TraceSimulation.run` on the loaded trace (tested).
public enum StreamingTraceSimulation {
    /// Rows in the order of `TraceSimulation.run` (policies outermost). Throws `ConfigError` for
    /// an unknown or offline policy (OPT and learning-augmented policies need the whole
    /// trace) and a size given as a fraction (the working set is unknown until the end), and
    /// `InputFileError` for any problem in the file.
    public static func run(
        path: String, reader: TraceFileReader, policies: [String], sizes: [PagingModel.CacheSize], seed: UInt64 = 1
    ) throws -> [TraceSimulation.Row] {
        let entries = try TraceSimulation.entries(named: policies)
        try checkMemory(entries: entries, sizes: sizes)
        var caches: [StreamedCache] = []
        for entry in entries {
            for size in sizes {
                guard case .objects(let capacity) = size else {
                    throw ConfigError(
                        "--stream",
                        "give cache sizes in objects; a fraction of the working set is unknown until the end")
                }
                guard !entry.isExternal else {
                    throw ConfigError(
                        "--stream", "policy '\(entry.name)' runs in a process of its own; simulate it without --stream")
                }
                let random = RandomSource(seed: seed).split("policy")
                let probe = entry.make(PagingPolicyContext(capacity: capacity, objectCount: 0, random: random))
                guard entry.isOnline, let streamable = probe as? any StreamablePolicy else {
                    throw ConfigError(
                        "--stream",
                        "policy '\(entry.name)' needs the whole trace (it reads the future or predictions); simulate it without --stream"
                    )
                }
                let bound = type(of: streamable).trackedBound(capacity: capacity)
                guard
                    var policy = entry.make(
                        PagingPolicyContext(capacity: capacity, objectCount: bound + 1, random: random))
                        as? any StreamablePolicy
                else { throw ConfigError("--stream", "policy '\(entry.name)' cannot stream") }
                policy.forgetLog.isRecording = true
                caches.append(
                    StreamedCache(
                        name: entry.name, capacity: capacity, policy: policy, slots: SlotTable(limit: bound + 1)))
            }
        }
        var requests = 0
        try reader.forEachObjectID(path: path) { id in
            for c in caches.indices { try caches[c].serve(id, index: requests, path: path) }
            requests += 1
        }
        guard requests > 0 else { throw InputFileError("\(path): the trace has no requests") }
        return caches.map {
            TraceSimulation.Row(policy: $0.name, cacheSize: $0.capacity, requests: requests, misses: $0.misses)
        }
    }
}

extension StreamingTraceSimulation {
    /// Bytes a streamed cache may hold per tracked object (its slot, the policy's node and
    /// the id's entry in the slot table), an upper estimate.
    static let bytesPerTrackedObject = 96.0

    /// Refuses sizes whose caches together cannot fit in memory, before any is built.
    static func checkMemory(entries: [PagingPolicyEntry], sizes: [PagingModel.CacheSize]) throws {
        let objects = sizes.reduce(0.0) { total, size in
            guard case .objects(let capacity) = size else { return total }
            // The largest bound of the built-in policies is twice the capacity (ARC's ghosts).
            return total + 2 * Double(capacity) + 1
        }
        try MemoryBudget.check(
            objects * Double(entries.count) * bytesPerTrackedObject,
            for: "streaming \(entries.count) policies at these sizes", key: "--sizes")
    }
}

/// One cache of a streamed simulation with its slot table.
struct StreamedCache {
    let name: String
    let capacity: Int64
    var policy: any StreamablePolicy
    var slots: SlotTable
    var misses = 0

    mutating func serve(_ id: UInt64, index: Int, path: String) throws {
        guard let slot = slots.slot(for: id) else {
            throw InputFileError(
                "\(path): request \(index + 1): policy '\(name)' tracks more objects than its bound (a bug)")
        }
        if !policy.access(CacheRequest(object: slot, index: index)) { misses += 1 }
        policy.forgetLog.drain { slots.release($0) }
    }
}

/// Object ids mapped to dense slots `0..<limit`, reused once released (last released, first reused).
struct SlotTable {
    let limit: Int
    private var slotOf: [UInt64: Int32] = [:]
    private var idOf: [UInt64] = []
    private var free: [Int32] = []

    init(limit: Int) { self.limit = limit }

    /// The slot of `id`, assigning a free one on first sight; `nil` if none is free.
    mutating func slot(for id: UInt64) -> Int? {
        if let known = slotOf[id] { return Int(known) }
        let slot: Int32
        if let reused = free.popLast() {
            slot = reused
            idOf[Int(slot)] = id
        } else {
            guard idOf.count < limit else { return nil }
            slot = Int32(idOf.count)
            idOf.append(id)
        }
        slotOf[id] = slot
        return Int(slot)
    }

    /// Frees `slot` (its object is forgotten by the policy).
    mutating func release(_ slot: Int) {
        slotOf[idOf[slot]] = nil
        free.append(Int32(slot))
    }
}
