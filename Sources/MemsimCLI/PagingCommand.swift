import ArgumentParser
import CachePolicies
import Foundation
import Harness
import Paging
import SimCore

struct PagingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paging",
        abstract:
            "Run one trace file (plain or zstd-compressed) through paging policies at several cache sizes, in objects or bytes."
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
            "Comma-separated cache sizes: counts (100, 1e3: objects, or bytes with --bytes), byte sizes with --bytes (64KiB, 8MiB, 1GiB, 500MB), or fractions of the working set (its objects, or its bytes with --bytes) written with a decimal point (0.01).",
        transform: CacheSizeList.init(parsing:))
    var sizes = CacheSizeList(sizes: [.objects(100), .objects(1_000)], description: "100,1000")

    @Flag(
        help:
            "Byte-sized caches: object sizes from the trace (oracleGeneral's obj_size, the CSV's --csv-size-column; txt is unit size), cache sizes in bytes; the policy evicts until the new object fits, and an object larger than the cache is never admitted."
    )
    var bytes = false

    @Option(
        help:
            "Parallel (policy, size) simulations, fewer if they would not fit in memory; the output does not depend on it (default: the core count)."
    )
    var jobs: Int?

    @Option(help: "CSV: 1-based column of the object id.")
    var csvColumn: Int = 1

    @Option(help: "CSV: 1-based column of the object size in bytes (read with --bytes).")
    var csvSizeColumn: Int?

    @Option(help: "CSV: field delimiter (one ASCII character).", transform: Delimiter.init(parsing:))
    var csvDelimiter = Delimiter(byte: UInt8(ascii: ","))

    @Flag(help: "CSV: the first line is a header.")
    var csvHeader = false

    @Flag(
        help:
            "One JSON object per line: policy, cache_size, requests, misses, miss_ratio, bytes, byte_misses, byte_miss_ratio."
    )
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
        if let csvSizeColumn {
            guard csvSizeColumn >= 1, csvSizeColumn != csvColumn else {
                throw ValidationError("--csv-size-column \(csvSizeColumn): must be at least 1 and not the id's column")
            }
            guard bytes, format == .csv else {
                throw ValidationError("--csv-size-column: sizes are read only from a csv trace with --bytes")
            }
        }
        if let jobs {
            guard (1...1_024).contains(jobs) else { throw ValidationError("--jobs \(jobs): must be in 1...1024") }
            guard !stream else { throw ValidationError("--jobs: --stream reads the file once, on one thread") }
        }
        if bytes && format == .txt {
            throw ValidationError("--bytes: a txt trace has no object sizes; use an oracleGeneral or csv trace")
        }
        if bytes && format == .csv && csvSizeColumn == nil {
            throw ValidationError("--bytes on a csv trace needs --csv-size-column (the column of object sizes)")
        }
        if bytes && stream {
            throw ValidationError("--stream counts objects; simulate byte-sized caches (--bytes) without --stream")
        }
    }

    func run() throws {
        var reader = TraceFileReader(format: format)
        reader.csvColumn = csvColumn
        reader.csvSizeColumn = csvSizeColumn
        reader.csvDelimiter = csvDelimiter.byte
        reader.csvHeader = csvHeader
        reader.readsSizes = bytes
        let cacheSizes = try sizes.inUnits(bytes: bytes)
        let rows: [TraceSimulation.Row]
        if stream {
            let online = policies?.names ?? PagingPolicyRegistry.entries.filter(\.isOnline).map(\.name)
            rows = try StreamingTraceSimulation.run(path: trace, reader: reader, policies: online, sizes: cacheSizes)
        } else {
            let loaded = try reader.read(path: trace)
            let defaultPolicies = PagingPolicyRegistry.entries.filter {
                !$0.isExternal && (!bytes || $0.simulatesSizes)
            }
            rows = try TraceSimulation.run(
                loaded, policies: policies?.names ?? defaultPolicies.map(\.name), sizes: cacheSizes,
                external: externalCommand.map { ExternalPolicySettings(command: $0, timeoutSeconds: externalTimeout) },
                jobs: jobsThatFit(loaded))
            warnAboutObjectsLargerThanTheCache(rows, trace: loaded)
        }
        if json {
            for row in rows {
                print(
                    JSONWriter.object([
                        ("policy", JSONWriter.quote(row.policy)), ("cache_size", String(row.cacheSize)),
                        ("requests", String(row.requests)), ("misses", String(row.misses)),
                        ("miss_ratio", JSONWriter.encode(row.missRatio)), ("bytes", String(row.result.bytes)),
                        ("byte_misses", String(row.result.byteMisses)),
                        ("byte_miss_ratio", JSONWriter.encode(row.result.byteMissRatio)),
                    ]))
            }
        } else {
            print("policy\tcache_size\trequests\tmisses\tmiss_ratio\tbytes\tbyte_misses\tbyte_miss_ratio")
            for row in rows {
                let result = row.result
                print(
                    "\(row.policy)\t\(row.cacheSize)\t\(row.requests)\t\(row.misses)\t\(NumberFormatting.string(row.missRatio))"
                        + "\t\(result.bytes)\t\(result.byteMisses)\t\(NumberFormatting.string(result.byteMissRatio))")
            }
        }
    }

    /// `--jobs` (default: the cores, at most 1,024), fewer when that many caches at once
    /// would not fit in memory: each holds about 64 bytes per distinct object (a note says so).
    private func jobsThatFit(_ trace: Trace) -> Int {
        let wanted = jobs ?? min(ProcessInfo.processInfo.activeProcessorCount, 1_024)
        let perCache = 64 * Double(max(trace.objectCount, 1)) + 4_096
        let fit = max(1, Int(Double(MemoryBudget.usableBytes) / perCache))
        if fit < wanted {
            note(
                "running \(fit) simulations at once instead of \(wanted): each needs about \(MemoryBudget.gibibytes(perCache))"
            )
        }
        return min(wanted, fit)
    }

    /// One warning on standard error per cache size below the largest request size: how
    /// many requests are for an object larger than the whole cache, which no policy admits
    /// (each is a miss).
    private func warnAboutObjectsLargerThanTheCache(_ rows: [TraceSimulation.Row], trace: Trace) {
        var warned: [Int64] = []
        for row in rows where row.cacheSize < trace.largestSize && !warned.contains(row.cacheSize) {
            warned.append(row.cacheSize)
            note(
                "warning: \(self.trace): cache size \(row.cacheSize) is below the largest object (\(trace.largestSize) bytes): "
                    + "\(row.result.notAdmitted) requests for objects larger than the cache missed (never admitted)")
        }
    }
}
