import Foundation
import SimCore

#if canImport(Glibc)
    import Glibc
#endif

/// A finished run as stored in `runs.jsonl`: its canonical line and its metrics.
public struct StoredRun: Sendable {
    public let ordinal: Int
    /// The exact line (without newline) written to `runs.jsonl`.
    public let line: String
    /// Metrics read back from `line` (so fresh and resumed runs are summarised from the same text).
    public let metrics: [String: Double]
    /// Tables read back from `line`, in the model's declared order.
    public var tables: [(name: String, rows: [[Double]])] = []
}

/// Reads and writes `runs.jsonl`: one canonical JSON object per finished run, appended
/// and flushed as each run completes, rewritten in canonical order when the sweep ends.
///
/// Line format (keys sorted): `{"config":{...},"key":"...","metrics":{...},"params":{...},"point":N,"seed":S}`,
/// with `"tables":{"name":[[...],...]}` after `seed` when the model reports tables.
public struct RunStore: Sendable {
    public let path: String
    let plan: ExperimentPlan

    /// The store of `runs.jsonl` in `directory`, or of the file `path` (a shard's own).
    public init(directory: String, plan: ExperimentPlan, path: String? = nil) {
        self.path = path ?? (directory as NSString).appendingPathComponent("runs.jsonl")
        self.plan = plan
    }

    /// The record files in `directory`: `runs.jsonl` and every shard's `runs-shard-i-of-n.jsonl`, in name order.
    public static func recordFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0 == "runs.jsonl" || ($0.hasPrefix("runs-shard-") && $0.hasSuffix(".jsonl")) }.sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }

    /// The canonical line of a finished run.
    public func line(for run: PlannedRun, metrics: MetricRow) -> String {
        let point = plan.points[run.point]
        var params: [(String, String)] = []
        for (key, value) in point.parameters { params.append((key, JSONWriter.encode(value))) }
        var metricMembers: [(String, String)] = []
        for (name, value) in metrics.values { metricMembers.append((name, JSONWriter.encode(value))) }
        var members = [
            ("config", JSONWriter.encode(point.configuration)),
            ("key", JSONWriter.quote(run.key)),
            ("metrics", JSONWriter.object(metricMembers)),
            ("params", JSONWriter.object(params)),
            ("point", String(run.point)),
            ("seed", String(run.seed)),
        ]
        if !metrics.tables.isEmpty {
            let tables = metrics.tables.map { name, rows in
                (
                    name,
                    "["
                        + rows.map { "[" + $0.map(JSONWriter.encode).joined(separator: ",") + "]" }.joined(
                            separator: ",") + "]"
                )
            }
            members.append(("tables", JSONWriter.object(tables)))
        }
        return JSONWriter.object(members)
    }

    private struct LineFields: Decodable {
        let key: String
        let metrics: [String: Double?]
        let tables: [String: [[Double?]]]?
    }

    /// Parses one line into a stored run of this plan; `nil` if the line is not a complete
    /// record. Throws if it is a complete record of a run this plan does not contain.
    public func parse(_ line: Substring, source: String, lineNumber: Int, ordinals: [String: Int]) throws -> StoredRun?
    {
        guard let fields = try? JSONDecoder().decode(LineFields.self, from: Data(line.utf8)) else { return nil }
        guard let ordinal = ordinals[fields.key] else {
            throw HarnessError(
                "\(source):\(lineNumber): run '\(fields.key)' is not part of this experiment (spec, seeds or --set changed?); "
                    + "use another --out directory or move the old results away")
        }
        var metrics: [String: Double] = [:]
        for (name, value) in fields.metrics { metrics[name] = value ?? .nan }
        for name in plan.metricNames where metrics[name] == nil {
            throw HarnessError("\(source):\(lineNumber): run '\(fields.key)' lacks metric '\(name)'")
        }
        var run = StoredRun(ordinal: ordinal, line: String(line), metrics: metrics)
        for name in plan.tableNames {
            guard let rows = fields.tables?[name] else {
                throw HarnessError(
                    "\(source):\(lineNumber): run '\(fields.key)' lacks table '\(name)' (written by an older memsim?); "
                        + "use another --out directory or move the old results away")
            }
            run.tables.append((name, rows.map { $0.map { $0 ?? .nan } }))
        }
        return run
    }

    /// Map from run key to canonical ordinal.
    public var ordinals: [String: Int] {
        var map: [String: Int] = [:]
        for run in plan.runs { map[run.key] = run.ordinal }
        return map
    }

    /// Reads finished runs from a `runs.jsonl` (this directory's by default). An incomplete
    /// final line (a run interrupted while being written) is skipped and counted.
    public func load(from file: String? = nil) throws -> (runs: [Int: StoredRun], skippedLines: Int) {
        let source = file ?? path
        guard FileManager.default.fileExists(atPath: source) else { return ([:], 0) }
        guard let data = FileManager.default.contents(atPath: source) else {
            throw HarnessError("\(source): cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw HarnessError("\(source): not UTF-8 text") }
        let ordinals = self.ordinals
        var runs: [Int: StoredRun] = [:]
        var skipped = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where !line.isEmpty {
            guard let run = try parse(line, source: source, lineNumber: index + 1, ordinals: ordinals) else {
                // Only the last line may be incomplete; anything else is corruption.
                guard index >= lines.count - 2 else {
                    throw HarnessError("\(source):\(index + 1): malformed run record")
                }
                skipped += 1
                continue
            }
            if let existing = runs[run.ordinal], existing.line != run.line {
                throw HarnessError(
                    "\(source):\(index + 1): run '\(plan.runs[run.ordinal].key)' appears twice with different results")
            }
            runs[run.ordinal] = run
        }
        return (runs, skipped)
    }

    /// Rewrites the file atomically with `runs` in canonical order.
    public func rewrite(_ runs: [Int: StoredRun]) throws {
        let text = runs.keys.sorted().compactMap { runs[$0]?.line }.map { $0 + "\n" }.joined()
        try AtomicFile.write(text, to: path)
    }
}

/// A record file opened for appending only: each finished run is one `write` of its whole
/// line, so that records never interleave.
final class RunAppender: @unchecked Sendable {
    private let descriptor: Int32
    private let path: String

    init(path: String) throws {
        self.path = path
        // A previous run killed mid-line leaves no newline at the end: start a fresh line.
        let endsMidLine = Self.lastByte(of: path).map { $0 != UInt8(ascii: "\n") } ?? false
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw HarnessError("\(path): cannot open for appending: \(String(cString: strerror(errno)))")
        }
        if endsMidLine { try write(Array("\n".utf8)) }
    }

    /// Appends one line and hands it to the operating system before returning.
    func append(_ line: String) throws { try write(Array((line + "\n").utf8)) }

    private func write(_ bytes: [UInt8]) throws {
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            let reason = written < 0 ? String(cString: strerror(errno)) : "wrote \(written) of \(bytes.count) bytes"
            throw HarnessError("\(path): cannot append: \(reason)")
        }
    }

    private static func lastByte(of path: String) -> UInt8? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd(), end > 0 else { return nil }
        try? handle.seek(toOffset: end - 1)
        return (try? handle.read(upToCount: 1))?.first
    }

    deinit { close(descriptor) }
}

/// Writes files so that readers see either the old content or the complete new one.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        // Its own temporary name per process: shards sharing a directory write the same files.
        let temporary = path + ".partial-\(getpid())"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, path) == 0 else {
                throw HarnessError("\(path): cannot replace: \(String(cString: strerror(errno)))")
            }
        } catch let error as HarnessError {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw HarnessError("\(path): cannot write: \(error.localizedDescription)")
        }
    }
}
