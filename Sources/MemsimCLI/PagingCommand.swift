import ArgumentParser
import CachePolicies
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

    @Option(
        help: "Trace format: txt, csv or oracleGeneral.",
        transform: { try ArgumentValues.choice($0, kind: "format") as TraceFormat })
    var format = TraceFormat.txt

    @Option(
        help: "Comma-separated policies (default: all built in but external; with --stream, all online ones).",
        transform: { try NameList(parsing: $0, kind: "policy", known: PagingPolicyRegistry.names) })
    var policies: NameList?

    @Option(
        help:
            "Comma-separated cache sizes: counts of objects (100, 1e3), or fractions of the working set written with a decimal point (0.01).",
        transform: CacheSizeList.init(parsing:))
    var sizes = CacheSizeList(sizes: [.objects(100), .objects(1_000)], description: "100,1000")

    @Option(help: "CSV: 1-based column of the object id.")
    var csvColumn: Int = 1

    @Option(help: "CSV: field delimiter (one ASCII character).", transform: Delimiter.init(parsing:))
    var csvDelimiter = Delimiter(byte: UInt8(ascii: ","))

    @Flag(help: "CSV: the first line is a header.")
    var csvHeader = false

    @Flag(help: "One JSON object per line: policy, cache_size, requests, misses, miss_ratio.")
    var json = false

    @Flag(
        help:
            "Stream the file instead of loading it: memory follows the cache sizes (online policies, sizes in objects)."
    )
    var stream = false

    @Option(
        help: ArgumentHelp(
            "The external policy's command line, run by /bin/sh -c (JSON lines protocol memsim-policy/1).",
            valueName: "command"))
    var externalCommand: String?

    @Option(help: "The longest wait in seconds for one reply of the external policy.")
    var externalTimeout: Double = 60

    func validate() throws {
        guard externalTimeout > 0, externalTimeout <= 86_400 else {
            throw ValidationError("--external-timeout \(externalTimeout): must be in (0, 86400]")
        }
        guard csvColumn >= 1 else { throw ValidationError("--csv-column \(csvColumn): must be at least 1") }
    }

    func run() throws {
        var reader = TraceFileReader(format: format)
        reader.csvColumn = csvColumn
        reader.csvDelimiter = csvDelimiter.byte
        reader.csvHeader = csvHeader
        let rows: [TraceSimulation.Row]
        if stream {
            let online = policies?.names ?? PagingPolicyRegistry.entries.filter(\.isOnline).map(\.name)
            rows = try StreamingTraceSimulation.run(path: trace, reader: reader, policies: online, sizes: sizes.sizes)
        } else {
            let loaded = try reader.read(path: trace)
            rows = try TraceSimulation.run(
                loaded, policies: policies?.names ?? PagingPolicyRegistry.entries.filter { !$0.isExternal }.map(\.name),
                sizes: sizes.sizes,
                external: externalCommand.map { ExternalPolicySettings(command: $0, timeoutSeconds: externalTimeout) })
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
}
