import ArgumentParser
import Foundation
import Harness
import Paging
import SimCore

struct PagingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paging",
        abstract: "Run one trace file through paging policies at several cache sizes (unit-size objects)."
    )

    @Argument(help: "Trace file.")
    var trace: String

    @Option(help: "Trace format: txt, csv or oracleGeneral.")
    var format: String = "txt"

    @Option(help: "Comma-separated policies (default: all).")
    var policies: String?

    @Option(
        help:
            "Comma-separated cache sizes: counts of objects (100, 1e3), or fractions of the working set written with a decimal point (0.01)."
    )
    var sizes: String = "100,1000"

    @Option(help: "CSV: 1-based column of the object id.")
    var csvColumn: Int = 1

    @Option(help: "CSV: field delimiter.")
    var csvDelimiter: String = ","

    @Flag(help: "CSV: the first line is a header.")
    var csvHeader = false

    @Flag(help: "One JSON object per line: policy, cache_size, requests, misses, miss_ratio.")
    var json = false

    @Flag(
        help:
            "Stream the file instead of loading it: memory follows the cache sizes (online policies, sizes in objects)."
    )
    var stream = false

    func run() throws {
        let rows = try reportingErrors { () -> [TraceSimulation.Row] in
            guard let traceFormat = TraceFormat(rawValue: format) else {
                throw HarnessError(
                    "--format: "
                        + ConfigError.unknownName(
                            "", kind: "format", name: format, known: TraceFormat.allCases.map(\.rawValue)
                        ).problem)
            }
            var reader = TraceFileReader(format: traceFormat)
            guard csvColumn >= 1 else { throw HarnessError("--csv-column \(csvColumn): must be at least 1") }
            reader.csvColumn = csvColumn
            guard csvDelimiter.utf8.count == 1, let byte = csvDelimiter.utf8.first else {
                throw HarnessError("--csv-delimiter '\(csvDelimiter)': expected one ASCII character")
            }
            reader.csvDelimiter = byte
            reader.csvHeader = csvHeader
            let names =
                policies.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
                ?? PagingPolicyRegistry.names
            let cacheSizes = try sizes.split(separator: ",").map { try Self.parseSize(String($0)) }
            guard !cacheSizes.isEmpty else { throw HarnessError("--sizes: give at least one size") }
            if stream {
                let online = policies == nil ? PagingPolicyRegistry.entries.filter(\.isOnline).map(\.name) : names
                return try StreamingTraceSimulation.run(
                    path: trace, reader: reader, policies: online, sizes: cacheSizes)
            }
            let loaded = try reader.read(path: trace)
            return try TraceSimulation.run(loaded, policies: names, sizes: cacheSizes)
        }
        if json {
            for row in rows {
                print(
                    JSONWriter.object([
                        ("policy", JSONWriter.quote(row.policy)), ("cache_size", String(row.cacheSize)),
                        ("requests", String(row.requests)), ("misses", String(row.misses)),
                        ("miss_ratio", JSONWriter.encode(row.missRatio)),
                    ]))
            }
        } else {
            print("policy\tcache_size\trequests\tmisses\tmiss_ratio")
            for row in rows {
                print(
                    "\(row.policy)\t\(row.cacheSize)\t\(row.requests)\t\(row.misses)\t\(NumberFormatting.string(row.missRatio))"
                )
            }
        }
    }

    static func parseSize(_ text: String) throws -> PagingModel.CacheSize {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // A decimal point makes a fraction; anything else integral (100, 1e3) is objects.
        if let x = Double(trimmed), x.isFinite {
            if trimmed.contains("."), x > 0, x <= 1 { return .fractionOfWorkingSet(x) }
            if !trimmed.contains("."), x >= 1, x == x.rounded(), x <= 9.2e18 { return .objects(Int64(x)) }
        }
        throw HarnessError(
            "--sizes: '\(trimmed)' is neither a count of objects (100, 1e3) nor a fraction with a decimal point in (0, 1]"
        )
    }
}
