import Foundation
import SimCore

/// Where a paging run's trace comes from, parsed from the `trace.*` keys.
///
/// Generated traces are drawn from the run's `workload` split, so every policy and size
/// sees the same trace for the same seed; file traces are read once per process and
/// shared read-only by every run naming the same file and options.
public enum PagingTraceSource: Sendable {
    case generated(any TraceGenerating, identity: String)
    case file(path: String, reader: TraceFileReader)

    /// Generator names accepted by `trace.generator`, in documentation order.
    public static let generatorNames = ["zipf", "uniform", "scan", "zipf-scan", "phases", "stack-distance", "file"]

    /// The `trace.*` rows of the paging defaults table.
    static let parameters: [ModelParameter] = [
        ModelParameter(
            "trace.generator", .string("zipf"), .choice(Self.generatorNames),
            "zipf, uniform, scan (cyclic over trace.objects pages), zipf-scan (Zipf with periodic scans), "
                + "phases (shifting working sets), stack-distance (LRU stack model), or file"),
        ModelParameter(
            "trace.alpha", .double(1.0), .number(.nonNegative),
            "Zipf exponent of zipf, zipf-scan and phases; stack-depth exponent of stack-distance"),
        ModelParameter(
            "trace.objects", .int(10_000), .integer(1...Int(Int32.max)),
            "objects the generator draws from; pages of scan"),
        ModelParameter(
            "trace.requests", .int(100_000), .integer(1...1_000_000_000),
            "number of requests"),
        ModelParameter(
            "trace.scan_length", .int(1_000), .integer(1...Int(Int32.max)),
            "zipf-scan: objects per scan, all distinct from the Zipf objects"),
        ModelParameter(
            "trace.scan_every", .int(10_000), .integer(1...Int.max),
            "zipf-scan: Zipf requests between two scans"),
        ModelParameter(
            "trace.phases", .int(4), .integer(1...1_000_000),
            "phases: number of phases"),
        ModelParameter(
            "trace.phase_objects", .int(1_000), .integer(1...Int(Int32.max)),
            "phases: objects of each phase's working set"),
        ModelParameter(
            "trace.phase_shift", .int(1_000), .integer(0...Int(Int32.max)),
            "phases: id offset between consecutive phases (< phase_objects overlaps)"),
        ModelParameter(
            "trace.path", .string(""), .text,
            "file: trace file path (relative to the working directory)"),
        ModelParameter(
            "trace.format", .string("txt"), .choice(TraceFormat.allCases.map(\.rawValue)),
            "file: txt, csv or oracleGeneral"),
        ModelParameter(
            "trace.csv_column", .int(1), .integer(1...10_000),
            "csv: 1-based column of the object id"),
        ModelParameter(
            "trace.csv_delimiter", .string(","), .text,
            "csv: field delimiter (one ASCII character)"),
        ModelParameter(
            "trace.csv_header", .bool(false), .flag,
            "csv: whether the first line is a header"),
    ]

    /// Parses and validates the `trace.*` keys of `config`. Every key is range-checked,
    /// whichever generator uses it, so a bad value is never silently ignored.
    public init(config: Configuration) throws {
        let generator = try config.string("trace.generator")
        let requests = try config.int("trace.requests")
        let objects = try config.int("trace.objects")
        let alpha = try config.double("trace.alpha")
        let scanLength = try config.int("trace.scan_length")
        try config.require(
            scanLength <= Int(Int32.max) - objects, "trace.scan_length",
            "\(scanLength) objects past the generator's overflow the id space")
        let scanEvery = try config.int("trace.scan_every")
        let phases = try config.int("trace.phases")
        let phaseObjects = try config.int("trace.phase_objects")
        let shift = try config.int("trace.phase_shift")
        let made: any TraceGenerating
        switch generator {
        case "file":
            self = try Self.file(config: config)
            return
        case "uniform":
            made = UniformTraceGenerator(objects: objects, requests: requests)
        case "scan":
            made = CyclicScanTraceGenerator(pages: objects, requests: requests)
        case "zipf-scan":
            made = ZipfScanMixtureTraceGenerator(
                objects: objects, alpha: alpha, requests: requests, scanLength: scanLength, scanEvery: scanEvery)
        case "phases":
            guard (phases - 1) * shift + phaseObjects <= Int(Int32.max) else {
                throw config.error("trace.phase_shift", "phases x phase_shift exceeds 2^31 object ids")
            }
            made = PhasedWorkingSetTraceGenerator(
                phases: phases, phaseObjects: phaseObjects, shift: shift, alpha: alpha, requests: requests)
        case "stack-distance":
            made = StackDistanceTraceGenerator(objects: objects, alpha: alpha, requests: requests)
        default:
            made = ZipfTraceGenerator(objects: objects, requests: requests, alpha: alpha)
        }
        self = .generated(made, identity: "\(generator)|\(made)")
    }

    private static func file(config: Configuration) throws -> PagingTraceSource {
        let path = try config.string("trace.path")
        guard !path.isEmpty else { throw config.error("trace.path", "the file generator needs a trace path") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw config.error("trace.path", "cannot read trace file '\(path)'")
        }
        let formatName = try config.string("trace.format")
        var reader = TraceFileReader(format: TraceFormat(rawValue: formatName) ?? .txt)
        reader.csvColumn = try config.int("trace.csv_column")
        let delimiter = try config.string("trace.csv_delimiter")
        guard delimiter.utf8.count == 1, let byte = delimiter.utf8.first else {
            throw config.error("trace.csv_delimiter", "expected one ASCII character, found '\(delimiter)'")
        }
        reader.csvDelimiter = byte
        reader.csvHeader = try config.bool("trace.csv_header")
        return .file(path: path, reader: reader)
    }

    /// A string that is equal for two sources exactly when they give the same trace for
    /// every seed (generated traces also depend on the seed; see `trace(seed:)`).
    public var identity: String {
        switch self {
        case .generated(_, let identity): return identity
        case .file(let path, let reader):
            return InputFileCache.key(
                path: path, format: reader.format.rawValue,
                options: ["\(reader.csvColumn)", "\(reader.csvDelimiter)", "\(reader.csvHeader)"])
        }
    }

    /// Whether the trace depends on the seed.
    public var dependsOnSeed: Bool {
        if case .generated = self { return true }
        return false
    }

    /// The trace of a run with `seed` (generated from its `workload` split, or the shared
    /// copy of the file).
    public func trace(seed: UInt64) throws -> Trace {
        switch self {
        case .generated(let generator, _):
            var workload = RandomSource(seed: seed).split("workload")
            return try generator.generate(using: &workload)
        case .file(let path, let reader):
            return try InputFileCache.shared.value(for: identity, path: path) { try reader.read(path: path) }
        }
    }
}
