import Foundation
import SimCore

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

    public init(directory: String, plan: ExperimentPlan) {
        self.path = (directory as NSString).appendingPathComponent("runs.jsonl")
        self.plan = plan
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

/// An open `runs.jsonl` to which finished runs are appended.
final class RunAppender: @unchecked Sendable {
    private let handle: FileHandle
    private let path: String

    init(path: String) throws {
        self.path = path
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw HarnessError("\(path): cannot create file")
            }
        }
        guard let handle = FileHandle(forUpdatingAtPath: path) else {
            throw HarnessError("\(path): cannot open for writing")
        }
        self.handle = handle
        do {
            let end = try handle.seekToEnd()
            // A previous run killed mid-line leaves no newline at the end: start a fresh line.
            if end > 0 {
                try handle.seek(toOffset: end - 1)
                let last = try handle.read(upToCount: 1)
                try handle.seekToEnd()
                if last != Data("\n".utf8) { try handle.write(contentsOf: Data("\n".utf8)) }
            }
        } catch {
            throw HarnessError("\(path): \(error.localizedDescription)")
        }
    }

    /// Appends one line and hands it to the operating system before returning.
    func append(_ line: String) throws {
        do {
            try handle.write(contentsOf: Data((line + "\n").utf8))
        } catch {
            throw HarnessError("\(path): cannot append: \(error.localizedDescription)")
        }
    }

    deinit { try? handle.close() }
}

/// Writes files so that readers see either the old content or the complete new one.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        let temporary = path + ".partial"
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
