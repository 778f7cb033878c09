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
            "Zipf exponent of zipf, zipf-scan and phases; stack-depth exponent of stack-distance",
            appliesWhen: .when("trace.generator", is: "zipf", "zipf-scan", "phases", "stack-distance")),
        ModelParameter(
            "trace.objects", .int(10_000), .integer(1...Int(Int32.max)),
            "objects the generator draws from; pages of scan",
            appliesWhen: .when("trace.generator", is: "zipf", "uniform", "scan", "zipf-scan", "stack-distance")),
        ModelParameter(
            "trace.requests", .int(100_000), .integer(1...1_000_000_000),
            "number of requests",
            appliesWhen: .when(
                "trace.generator", is: "zipf", "uniform", "scan", "zipf-scan", "phases", "stack-distance")),
        ModelParameter(
            "trace.scan_length", .int(1_000), .integer(1...Int(Int32.max)),
            "zipf-scan: objects per scan, all distinct from the Zipf objects",
            appliesWhen: .when("trace.generator", is: "zipf-scan")),
        ModelParameter(
            "trace.scan_every", .int(10_000), .integer(1...Int.max),
            "zipf-scan: Zipf requests between two scans", appliesWhen: .when("trace.generator", is: "zipf-scan")),
        ModelParameter(
            "trace.phases", .int(4), .integer(1...1_000_000),
            "phases: number of phases", appliesWhen: .when("trace.generator", is: "phases")),
        ModelParameter(
            "trace.phase_objects", .int(1_000), .integer(1...Int(Int32.max)),
            "phases: objects of each phase's working set", appliesWhen: .when("trace.generator", is: "phases")),
        ModelParameter(
            "trace.phase_shift", .int(1_000), .integer(0...Int(Int32.max)),
            "phases: id offset between consecutive phases (< phase_objects overlaps)",
            appliesWhen: .when("trace.generator", is: "phases")),
        ModelParameter(
            "trace.path", .string(""), .file,
            "file: trace file path",
            appliesWhen: .when("trace.generator", is: "file")),
        ModelParameter(
            "trace.format", .string("txt"), .choice(TraceFormat.allCases.map(\.rawValue)),
            "file: txt, csv or oracleGeneral", appliesWhen: .when("trace.generator", is: "file")),
        ModelParameter(
            "trace.csv_column", .int(1), .integer(1...10_000),
            "csv: 1-based column of the object id", appliesWhen: .when("trace.format", is: "csv")),
        ModelParameter(
            "trace.csv_delimiter", .string(","), .text,
            "csv: field delimiter (one ASCII character)", appliesWhen: .when("trace.format", is: "csv")),
        ModelParameter(
            "trace.csv_header", .bool(false), .flag,
            "csv: whether the first line is a header", appliesWhen: .when("trace.format", is: "csv")),
        ModelParameter(
            "trace.csv_size_column", .int(0), .integer(0...10_000),
            "csv: 1-based column of the object size in bytes, read with bytes (0: none)",
            appliesWhen: ParameterCondition("bytes", isOneOf: [.bool(true)])),
    ]

    /// Parses the `trace.*` keys of `config`. Every key is range-checked whichever generator
    /// uses it, and a key the generator does not use must keep its default (both checked by
    /// `Configuration.declaring`), so a value is never silently ignored.
    public init(config: Configuration) throws {
        let generator = try config.string("trace.generator")
        if try config.bool("bytes"), generator != "file" {
            throw config.error(
                "bytes",
                "byte-sized caches need object sizes: set trace.generator to file (an oracleGeneral or csv trace)")
        }
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

    /// About how many bytes a run's trace and the state that grows with it hold: 40 per
    /// request (ids, next-request indices, the generator's keys, predictions) and 64 per
    /// distinct object (policy and OPT state). A file trace is read once per process and
    /// shared, so it counts for none.
    public func estimatedBytes(config: Configuration) throws -> Double {
        guard case .generated = self else { return 0 }
        let requests = Double(try config.int("trace.requests"))
        let objects: Double
        switch try config.string("trace.generator") {
        case "phases": objects = Double(try config.int("trace.phases")) * Double(try config.int("trace.phase_objects"))
        case "zipf-scan":
            let scans = requests / Double(try config.int("trace.scan_every")) + 1
            objects = Double(try config.int("trace.objects")) + scans * Double(try config.int("trace.scan_length"))
        default: objects = Double(try config.int("trace.objects"))
        }
        return requests * 40 + min(objects, requests) * 64
    }

    private static func file(config: Configuration) throws -> PagingTraceSource {
        let path = try config.path("trace.path")
        guard !path.isEmpty else { throw config.error("trace.path", "the file generator needs a trace path") }
        do { try InputFileError.requireRegularFile(path) } catch let error as InputFileError {
            throw config.error("trace.path", error.description)
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
        reader.readsSizes = try config.bool("bytes")
        let sizeColumn = try config.int("trace.csv_size_column")
        reader.csvSizeColumn = sizeColumn > 0 ? sizeColumn : nil
        if sizeColumn > 0 && reader.format != .csv {
            throw config.error("trace.csv_size_column", "sizes come from a column only in a csv trace")
        }
        if reader.readsSizes {
            switch reader.format {
            case .txt:
                throw config.error("bytes", "a txt trace has no object sizes; use an oracleGeneral or csv trace")
            case .csv where sizeColumn == 0:
                throw config.error("trace.csv_size_column", "bytes on a csv trace needs the column of object sizes")
            case .csv where sizeColumn == reader.csvColumn:
                throw config.error("trace.csv_size_column", "\(sizeColumn) is the object id's column")
            default: break
            }
        }
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
                options: [
                    "\(reader.csvColumn)", "\(reader.csvDelimiter)", "\(reader.csvHeader)", "\(reader.readsSizes)",
                    "\(reader.csvSizeColumn ?? 0)",
                ])
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
