import CachePolicies
import SimCore

/// Runs one trace through several policies and cache sizes: the `memsim paging` command.
///
/// The trace and its next-request indices are built once and shared read-only; the
/// (policy, size) combinations run in parallel on `jobs` threads, each with its own cache,
/// and the rows come back in the same order whatever `jobs` is (policies outermost).
public enum TraceSimulation {
    /// One (policy, size) result.
    public struct Row: Sendable, Equatable {
        public init(policy: String, cacheSize: Int64, result: CacheSimulationResult) {
            self.policy = policy
            self.cacheSize = cacheSize
            self.result = result
        }

        public init(policy: String, cacheSize: Int64, requests: Int, misses: Int) {
            self.init(
                policy: policy, cacheSize: cacheSize,
                result: CacheSimulationResult(
                    requests: requests, misses: misses, bytes: Int64(requests), byteMisses: Int64(misses),
                    notAdmitted: 0))
        }

        public let policy: String
        /// Capacity in the trace's size units (objects, or bytes for a trace with sizes).
        public let cacheSize: Int64
        public let result: CacheSimulationResult
        public var requests: Int { result.requests }
        public var misses: Int { result.misses }
        public var missRatio: Double { result.missRatio }
    }

    /// Runs `trace` through each named policy at each size (policies outermost), on up to
    /// `jobs` threads. Throws `ConfigError` naming an unknown policy, `external` without
    /// `external` settings, or a policy that cannot simulate sizes on a trace with sizes, and
    /// the error of an external policy whose conversation failed.
    public static func run(
        _ trace: Trace, policies: [String], sizes: [PagingModel.CacheSize], seed: UInt64 = 1,
        external: ExternalPolicySettings? = nil, jobs: Int = 1
    ) throws -> [Row] {
        let entries = try Self.entries(named: policies)
        if external == nil, let entry = entries.first(where: \.isExternal) {
            throw ConfigError("--policies", "policy '\(entry.name)' needs --external-command")
        }
        if trace.hasSizes, let entry = entries.first(where: { !$0.simulatesSizes }) {
            throw ConfigError(
                "--policies",
                "policy '\(entry.name)' counts objects, not bytes; with --bytes use \(PagingPolicyRegistry.entries.filter(\.simulatesSizes).map(\.name).joined(separator: ", "))"
            )
        }
        let capacities = sizes.map { $0.capacity(workingSet: trace.workingSetSize) }
        let combinations = entries.flatMap { entry in capacities.map { (entry, $0) } }
        return try ParallelMap.map(count: combinations.count, jobs: jobs) { i in
            let (entry, capacity) = combinations[i]
            var cache = entry.build(
                for: trace, capacity: capacity, root: RandomSource(seed: seed), external: external
            ).policy
            let result = cache.simulate(trace)
            if let failure = cache.failure { throw failure }
            return Row(policy: entry.name, cacheSize: capacity, result: result)
        }
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
