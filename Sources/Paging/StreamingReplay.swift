import SimCore

/// Replays a trace file through online policies without holding the trace in memory: the
/// `memsim paging --stream` command.
///
/// Two passes over the file: the first assigns dense ids in order of first appearance and
/// counts the requests; the second feeds every request to every (policy, size) cache at
/// once, as a cache simulator does. Memory is proportional to the number of distinct
/// objects times the number of caches, independent of the trace's length; the results
/// equal `TraceReplay.run` on the loaded trace (tested).
public enum StreamingReplay {
    /// Rows in the order of `TraceReplay.run` (policies outermost). Throws `TraceFileError`
    /// for an unknown or offline policy (OPT and learning-augmented policies need the
    /// whole trace) and for any problem in the file.
    public static func run(
        path: String, reader: TraceFileReader, policies: [String], sizes: [PagingModel.CacheSize], seed: UInt64 = 1
    ) throws -> [TraceReplay.Row] {
        let entries = try TraceReplay.entries(named: policies)
        if let offline = entries.first(where: { !$0.isOnline }) {
            throw TraceFileError(
                "--stream: policy '\(offline.name)' needs the whole trace (it reads the future or predictions); replay it without --stream")
        }
        var dense: [UInt64: Int32] = [:]
        var requests = 0
        try reader.forEachObjectID(path: path) { id in
            requests += 1
            if dense[id] == nil { dense[id] = Int32(dense.count) }
        }
        guard requests > 0 else { throw TraceFileError("\(path): the trace has no requests") }
        let objectCount = dense.count
        var caches: [any CachePolicy] = []
        var labels: [(policy: String, capacity: Int64)] = []
        for entry in entries {
            for size in sizes {
                let capacity = size.capacity(workingSet: objectCount)
                let context = PagingPolicyContext(capacity: capacity, objectCount: objectCount, random: RandomSource(seed: seed).split("policy"))
                caches.append(entry.make(context))
                labels.append((entry.name, capacity))
            }
        }
        var misses = [Int](repeating: 0, count: caches.count)
        var index = 0
        try reader.forEachObjectID(path: path) { id in
            guard let object = dense[id] else { throw TraceFileError("\(path): the file changed between the two passes") }
            let request = CacheRequest(object: Int(object), index: index)
            for c in caches.indices where !caches[c].access(request) { misses[c] += 1 }
            index += 1
        }
        guard index == requests else { throw TraceFileError("\(path): the file changed between the two passes") }
        return labels.indices.map {
            TraceReplay.Row(policy: labels[$0].policy, cacheSize: labels[$0].capacity, requests: requests, misses: misses[$0])
        }
    }
}
