import CachePolicies
import SimCore

/// Runs one trace through several policies and cache sizes: the `memsim paging` command.
public enum TraceSimulation {
    /// One (policy, size) result.
    public struct Row: Sendable, Equatable {
        public init(policy: String, cacheSize: Int64, requests: Int, misses: Int) {
            self.policy = policy
            self.cacheSize = cacheSize
            self.requests = requests
            self.misses = misses
        }

        public let policy: String
        public let cacheSize: Int64
        public let requests: Int
        public let misses: Int
        public var missRatio: Double { requests == 0 ? 0 : Double(misses) / Double(requests) }
    }

    /// Runs `trace` through each named policy at each size (policies outermost).
    /// Throws `ConfigError` naming an unknown policy, or `external` without `external`
    /// settings, and the error of an external policy whose conversation failed.
    public static func run(
        _ trace: Trace, policies: [String], sizes: [PagingModel.CacheSize], seed: UInt64 = 1,
        external: ExternalPolicySettings? = nil
    ) throws -> [Row] {
        let entries = try Self.entries(named: policies)
        if external == nil, let entry = entries.first(where: \.isExternal) {
            throw ConfigError("--policies", "policy '\(entry.name)' needs --external-command")
        }
        var rows: [Row] = []
        for entry in entries {
            for size in sizes {
                let capacity = size.capacity(workingSet: trace.objectCount)
                var cache = entry.build(
                    for: trace, capacity: capacity, root: RandomSource(seed: seed), external: external
                ).policy
                let result = cache.simulate(trace)
                if let failure = cache.failure { throw failure }
                rows.append(
                    Row(policy: entry.name, cacheSize: capacity, requests: result.requests, misses: result.misses))
            }
        }
        return rows
    }

    /// The registry entries of `names`; throws `ConfigError` naming an unknown policy.
    static func entries(named names: [String]) throws -> [PagingPolicyEntry] {
        try names.map { name in
            guard let entry = PagingPolicyRegistry.entry(named: name) else {
                throw ConfigError.unknownName(
                    "--policies", kind: "policy", name: name, known: PagingPolicyRegistry.names)
            }
            return entry
        }
    }
}
