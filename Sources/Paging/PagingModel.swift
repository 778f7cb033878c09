import Foundation
import SimCore

/// The `paging` model: a request trace replayed through one cache policy.
///
/// Configuration (the defaults table is `parameters`):
/// - `policy`: a name from `PagingPolicyRegistry`.
/// - `cache_size`: an integer is an absolute capacity in objects; a number in (0, 1] is a
///   fraction of the trace's working set (its distinct objects), rounded to the nearest
///   object and at least 1.
/// - `trace`: the workload; `generator: zipf` draws `requests` requests over `objects`
///   objects with Zipf exponent `alpha`; `generator: file` reads `path` in `format`
///   (`txt`, `csv`, `oracleGeneral`), once per process for all runs naming it.
///
/// Randomness: the trace comes from the run's `workload` split, so every policy and cache
/// size sees the same trace for the same seed (common random numbers); a policy's own
/// randomness comes from the `policy` split.
public struct PagingModel: Model {
    public static let kind = "paging"
    public static let summary = "a request trace replayed through a cache policy (miss ratio vs cache size)"

    public static let parameters: [ModelParameter] = [
        ModelParameter("policy", .string("lru"), "cache policy: " + PagingPolicyRegistry.names.joined(separator: ", ")),
        ModelParameter(
            "cache_size", .double(0.01),
            "integer: capacity in objects (>= 1); number in (0, 1]: fraction of the trace's distinct objects"),
        ModelParameter("trace.generator", .string("zipf"), "trace source: zipf (generated) or file"),
        ModelParameter("trace.alpha", .double(1.0), "Zipf exponent (>= 0; 0 is uniform)"),
        ModelParameter("trace.objects", .int(10_000), "number of objects the generator draws from (>= 1)"),
        ModelParameter("trace.requests", .int(100_000), "number of requests (>= 1)"),
        ModelParameter("trace.path", .string(""), "file generator: trace file path (relative to the working directory)"),
        ModelParameter("trace.format", .string("txt"), "file generator: txt, csv or oracleGeneral"),
        ModelParameter("trace.csv_column", .int(1), "csv: 1-based column of the object id"),
        ModelParameter("trace.csv_delimiter", .string(","), "csv: field delimiter (one ASCII character)"),
        ModelParameter("trace.csv_header", .bool(false), "csv: whether the first line is a header"),
    ]

    public static let metrics: [MetricDefinition] = [
        MetricDefinition("requests", unit: "requests", "number of requests in the trace (exact count)"),
        MetricDefinition("misses", unit: "requests", "requests not served from the cache, cold misses included (exact count)"),
        MetricDefinition("miss_ratio", unit: "ratio", "misses / requests (exact for the run)"),
        MetricDefinition("capacity", unit: "objects", "resolved cache capacity in objects"),
        MetricDefinition("working_set", unit: "objects", "distinct objects requested in the trace"),
    ]

    public static var policies: [PolicyDescription] {
        PagingPolicyRegistry.entries.map { PolicyDescription(key: "policy", name: $0.name, summary: $0.summary) }
    }

    /// Cache size as configured: absolute or a fraction of the working set.
    public enum CacheSize: Sendable, Equatable {
        case objects(Int64)
        case fractionOfWorkingSet(Double)

        /// Capacity in objects for a trace with `workingSet` distinct objects.
        public func capacity(workingSet: Int) -> Int64 {
            switch self {
            case .objects(let n): return n
            case .fractionOfWorkingSet(let f): return max(1, Int64((f * Double(workingSet)).rounded()))
            }
        }
    }

    public let policy: PagingPolicyEntry
    public let cacheSize: CacheSize
    public let traceSource: TraceSource

    /// Where a run's trace comes from.
    public enum TraceSource: Sendable {
        case zipf(ZipfTraceGenerator)
        case file(path: String, reader: TraceFileReader)
    }

    public init(config: Configuration) throws {
        let policyName = try config.string("policy", oneOf: PagingPolicyRegistry.names)
        guard let entry = PagingPolicyRegistry.entry(named: policyName) else {
            throw config.error("policy", "unknown policy '\(policyName)'")
        }
        policy = entry
        switch try config.value("cache_size") {
        case .int:
            cacheSize = .objects(Int64(try config.int("cache_size", in: 1...Int.max)))
        case .double:
            let fraction = try config.double(
                "cache_size", allowed: NumberDomain(lower: 0, lowerInclusive: false, upper: 1))
            cacheSize = .fractionOfWorkingSet(fraction)
        case let other:
            throw config.wrongType("cache_size", expected: "integer or number in (0, 1]", found: other)
        }
        switch try config.string("trace.generator", oneOf: ["zipf", "file"]) {
        case "file":
            let path = try config.string("trace.path")
            guard !path.isEmpty else { throw config.error("trace.path", "the file generator needs a trace path") }
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw config.error("trace.path", "cannot read trace file '\(path)'")
            }
            let formatName = try config.string("trace.format", oneOf: TraceFormat.allCases.map(\.rawValue))
            var reader = TraceFileReader(format: TraceFormat(rawValue: formatName) ?? .txt)
            reader.csvColumn = try config.int("trace.csv_column", in: 1...10_000)
            let delimiter = try config.string("trace.csv_delimiter")
            guard delimiter.utf8.count == 1, let byte = delimiter.utf8.first else {
                throw config.error("trace.csv_delimiter", "expected one ASCII character, found '\(delimiter)'")
            }
            reader.csvDelimiter = byte
            reader.csvHeader = try config.bool("trace.csv_header")
            traceSource = .file(path: path, reader: reader)
        default:
            traceSource = .zipf(
                ZipfTraceGenerator(
                    objects: try config.int("trace.objects", in: 1...Int(Int32.max)),
                    requests: try config.int("trace.requests", in: 1...1_000_000_000),
                    alpha: try config.double("trace.alpha", allowed: .nonNegative)))
        }
    }

    /// The trace of a run with `seed` (generated, or the shared copy of the file).
    public func trace(seed: UInt64) throws -> Trace {
        switch traceSource {
        case .zipf(let generator):
            var workload = RandomSource(seed: seed).split("workload")
            return try generator.generate(using: &workload)
        case .file(let path, let reader):
            let key = "\(path)|\(reader.format.rawValue)|\(reader.csvColumn)|\(reader.csvDelimiter)|\(reader.csvHeader)"
            return try SharedTraceCache.shared.trace(for: key) { try reader.read(path: path) }
        }
    }

    public func run(seed: UInt64) throws -> MetricRow {
        let root = RandomSource(seed: seed)
        let trace = try self.trace(seed: seed)
        let capacity = cacheSize.capacity(workingSet: trace.objectCount)
        var cache = policy.make(
            PagingPolicyContext(capacity: capacity, objectCount: trace.objectCount, random: root.split("policy")))
        let result = cache.replay(trace)
        return MetricRow([
            "requests": Double(result.requests),
            "misses": Double(result.misses),
            "miss_ratio": result.missRatio,
            "capacity": Double(capacity),
            "working_set": Double(trace.objectCount),
        ])
    }
}
