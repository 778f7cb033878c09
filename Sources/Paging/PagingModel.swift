import CachePolicies
import SimCore

/// The `paging` model: a request trace run through one cache policy.
///
/// Configuration (the defaults table is `parameters`):
/// - `policy`: a name from `PagingPolicyRegistry`.
/// - `cache_size`: a capacity in objects (in bytes with `bytes`); when 0, `cache_fraction`
///   (in (0, 1]) of the trace's working set (its distinct objects, or their bytes), rounded
///   to the nearest unit and at least 1. Sizes and fractions are different keys, so no value
///   means two things.
/// - `bytes`: a byte-sized cache over the object sizes of a file trace (`TraceFileReader`);
///   only policies that simulate sizes (`PagingPolicyEntry.simulatesSizes`) accept it.
/// - `trace.*`: the workload (`PagingTraceSource`): a seeded generator or a file.
/// - `prediction.*`: the error model of the predictor advising learning-augmented policies.
///
/// Randomness: the trace comes from the run's `workload` split, so every policy and cache
/// size sees the same trace for the same seed (common random numbers); a policy's own
/// randomness comes from the `policy` split and the predictor's noise from `predictor`.
public struct PagingModel: Model {
    public static let kind = "paging"
    public static let summary = "a request trace run through a cache policy (miss ratio vs cache size)"

    public static let parameters: [ModelParameter] =
        [
            ModelParameter(
                "policy", .string("lru"), .choice(PagingPolicyRegistry.names),
                "cache policy"),
            ModelParameter(
                "cache_size", .int(0), .integer(0...(1 << 50)),
                "capacity in objects, or in bytes with bytes (an integer; 1e3 is 1000; at most 2^31 - 1 objects); 0: use cache_fraction"
            ),
            ModelParameter(
                "cache_fraction", .double(0.01), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1)),
                "capacity as a fraction of the trace's working set (its distinct objects, or with bytes the sum of their sizes at first request), rounded to the nearest unit and at least 1; used when cache_size is 0"
            ),
            ModelParameter(
                "bytes", .bool(false), .flag,
                "byte-sized cache: object sizes from the file trace (oracleGeneral's obj_size, or csv's trace.csv_size_column), cache_size in bytes; the policy evicts until the new object fits (libCacheSim's rule) and never admits an object larger than the cache"
            ),
        ] + PagingTraceSource.parameters + PagingPredictionSettings.parameters + PagingPolicyTuning.parameters
        + ExternalPolicySettings.parameters(policyKey: "policy")

    public static let metrics: [MetricDefinition] = [
        MetricDefinition("requests", unit: "requests", "number of requests in the trace (exact count)"),
        MetricDefinition(
            "misses", unit: "requests", "requests not served from the cache, cold misses included (exact count)"),
        MetricDefinition("miss_ratio", unit: "ratio", "misses / requests (exact for the run)"),
        MetricDefinition(
            "bytes", unit: "bytes", "sum of the requests' sizes (equals requests for unit-size objects; exact)"),
        MetricDefinition("byte_misses", unit: "bytes", "sum of the missed requests' sizes (exact)"),
        MetricDefinition("byte_miss_ratio", unit: "ratio", "byte_misses / bytes (exact for the run)"),
        MetricDefinition(
            "hits_probation", unit: "requests",
            "hits served by the probationary component: ARC T1, 2Q A1in, S3-FIFO small queue; 0 for one-component policies (exact)"
        ),
        MetricDefinition(
            "hits_protected", unit: "requests",
            "hits served by the protected component: ARC T2, 2Q Am, S3-FIFO main queue; 0 for one-component policies (exact)"
        ),
        MetricDefinition(
            "opt_misses", unit: "requests",
            "misses of OPT (Belady) on the same trace and capacity (exact count); with bytes, libCacheSim's size-blind Belady, not a lower bound"
        ),
        MetricDefinition(
            "competitive_ratio", unit: "ratio", "misses / opt_misses on the same trace and capacity (exact for the run)"
        ),
        MetricDefinition(
            "prediction_errors", unit: "predictions",
            "predictions that differ from the truth (wrong bits, or wrong next arrivals); 0 for classic policies (exact)"
        ),
        MetricDefinition(
            "prediction_eta", unit: "requests",
            "L1 error of next-arrival predictions, sum over requests of |predicted - true next arrival| (Lykouris and Vassilvitskii); 0 otherwise"
        ),
        MetricDefinition("capacity", unit: "objects or bytes", "resolved cache capacity (in bytes with bytes)"),
        MetricDefinition("working_set", unit: "objects", "distinct objects requested in the trace"),
    ]

    public static var policies: [PolicyDescription] {
        PagingPolicyRegistry.entries.map { PolicyDescription(key: "policy", name: $0.name, summary: $0.summary) }
    }

    /// Cache size as configured: absolute or a fraction of the working set.
    public enum CacheSize: Sendable, Equatable {
        /// A count of objects (unit-size caches).
        case objects(Int64)
        /// A count of bytes (byte-sized caches, a trace with sizes).
        case bytes(Int64)
        /// A fraction of the working set: of its distinct objects, or of their bytes.
        case fractionOfWorkingSet(Double)

        /// Capacity in the trace's size units for a working set of `workingSet` units
        /// (`Trace.workingSetSize`): rounded to the nearest unit, at least 1.
        public func capacity(workingSet: Int64) -> Int64 {
            switch self {
            case .objects(let n), .bytes(let n): return n
            case .fractionOfWorkingSet(let f): return max(1, Int64((f * Double(workingSet)).rounded()))
            }
        }
    }

    public let policy: PagingPolicyEntry
    public let cacheSize: CacheSize
    public let traceSource: PagingTraceSource
    /// About how many bytes one run holds at its peak (its generated trace and what grows with it).
    public let estimatedRunBytes: Double
    public let prediction: PagingPredictionSettings
    /// The tunable constants of the policies (S3-FIFO's and 2Q's queue shares).
    public let tuning: PagingPolicyTuning
    /// How to start the `external` policy's process (`nil` under other policies).
    public let external: ExternalPolicySettings?

    public init(config: Configuration) throws {
        let config = try config.declaring(Self.parameters)
        let policyName = try config.string("policy")
        guard let entry = PagingPolicyRegistry.entry(named: policyName) else {
            throw config.error("policy", "unknown policy '\(policyName)'")
        }
        policy = entry
        let size = try config.int("cache_size")
        let bytes = try config.bool("bytes")
        if !bytes, size > Int(Int32.max) {
            throw config.error("cache_size", "\(size) objects: at most \(Int32.max) (set bytes for a size in bytes)")
        }
        if bytes, !entry.simulatesSizes {
            let sized = PagingPolicyRegistry.entries.filter(\.simulatesSizes).map(\.name)
            throw config.error(
                "policy",
                "'\(policyName)' counts objects, not bytes; with bytes use \(sized.joined(separator: ", "))")
        }
        cacheSize =
            size > 0
            ? (bytes ? .bytes(Int64(size)) : .objects(Int64(size)))
            : .fractionOfWorkingSet(try config.double("cache_fraction"))
        traceSource = try PagingTraceSource(config: config)
        estimatedRunBytes = try traceSource.estimatedBytes(config: config)
        prediction = try PagingPredictionSettings(config: config, kind: entry.prediction)
        tuning = try PagingPolicyTuning(config: config)
        external = try ExternalPolicySettings(config: config, policyKey: "policy")
    }

    /// The trace of a run with `seed`.
    public func trace(seed: UInt64) throws -> Trace { try traceSource.trace(seed: seed) }

    public func run(seed: UInt64) throws -> MetricRow {
        let root = RandomSource(seed: seed)
        let trace = try self.trace(seed: seed)
        let capacity = cacheSize.capacity(workingSet: trace.workingSetSize)
        var (cache, predictions) = policy.build(
            for: trace, capacity: capacity, root: root, errorModel: prediction.errorModel, tuning: tuning,
            external: external)
        let result = cache.simulate(trace)
        if let failure = cache.failure { throw failure }
        let components = (cache as? any ComponentHitReporting)?.componentHits ?? (probation: 0, protected: 0)
        let traceKey = traceSource.dependsOnSeed ? "\(traceSource.identity)|seed \(seed)" : traceSource.identity
        let optMisses = OptimalMissCache.shared.misses(traceKey: traceKey, capacity: capacity) {
            // A run of OPT itself already has the count; any other policy simulates OPT once.
            if cache is BeladyPolicy { return result.misses }
            var opt = BeladyPolicy(capacity: capacity, objectCount: trace.objectCount)
            return opt.simulate(trace).misses
        }
        return MetricRow([
            "requests": Double(result.requests),
            "misses": Double(result.misses),
            "miss_ratio": result.missRatio,
            "bytes": Double(result.bytes),
            "byte_misses": Double(result.byteMisses),
            "byte_miss_ratio": result.byteMissRatio,
            "hits_probation": Double(components.probation),
            "hits_protected": Double(components.protected),
            "opt_misses": Double(optMisses),
            "competitive_ratio": Double(result.misses) / Double(max(optMisses, 1)),
            "prediction_errors": Double(predictions.wrongPredictions),
            "prediction_eta": predictions.l1Error,
            "capacity": Double(capacity),
            "working_set": Double(trace.objectCount),
        ])
    }
}
