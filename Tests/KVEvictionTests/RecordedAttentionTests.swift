import Foundation
import SimCore
import TestSupport
import Testing

@testable import KVEviction

/// Recorded traces written by tools/kv_attention_trace.py read back as written.
@Suite struct RecordedAttentionTests {
    /// The Python of the repository's virtual environment (NumPy), else python3.
    static var python: String {
        let venv = TestFiles.repositoryRoot + "/.venv/bin/python"
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "/usr/bin/env"
    }

    /// Writes a random trace with the Python writer; returns its path (its rows are at path.csv).
    static func demo(topK: Int, heads: Int = 2, steps: Int = 24, prefill: Int = 8) throws -> String {
        let path = try TestFiles.temporaryDirectory() + "/demo.bin"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        let script = TestFiles.repositoryRoot + "/tools/kv_attention_trace.py"
        process.arguments =
            (python.hasSuffix("env") ? ["python3"] : []) + [
                script, "demo", path, "--heads", "\(heads)", "--steps", "\(steps)", "--prefill", "\(prefill)",
                "--top-k", "\(topK)", "--seed", "5",
            ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return path
    }

    /// The dense rows the writer saw, by (step, stream).
    static func rows(_ path: String, heads: Int) throws -> [[Int]: [Double]] {
        var rows: [[Int]: [Double]] = [:]
        for line in try TestFiles.read(path + ".csv").split(separator: "\n") {
            let fields = line.split(separator: ",").map(String.init)
            let (t, layer, head) = (Int(fields[0]) ?? -1, Int(fields[1]) ?? -1, Int(fields[2]) ?? -1)
            rows[[t, layer * heads + head]] = fields.dropFirst(3).compactMap(Double.init)
        }
        return rows
    }

    @Test func everyWeightReadsBackWhenTheTopKeepsTheWholeRow() throws {
        let path = try Self.demo(topK: 24)
        let trace = try RecordedAttention.read(path: path)
        #expect(trace.streams == 2 && trace.prefill == 8 && trace.steps == 24)
        let rows = try Self.rows(path, heads: 2)
        var weights = [Float](repeating: 0, count: 24)
        for stream in 0..<2 {
            var head = RecordedAttentionHead(trace: trace, stream: stream, dimension: 8, random: RandomSource(seed: 1))
            for t in 0..<24 {
                let sum = head.step(t, into: &weights)
                let row = try #require(rows[[t, stream]])
                #expect(row.count == t + 1)
                for i in 0...t { #expect(isClose(Double(weights[i]), row[i], within: 1e-6), "step \(t) position \(i)") }
                #expect(isClose(Double(sum), 1, within: 1e-5))
            }
        }
    }

    @Test func theRestOfARowIsSpreadEvenlyBeyondTheTop() throws {
        let path = try Self.demo(topK: 3)
        let trace = try RecordedAttention.read(path: path)
        let rows = try Self.rows(path, heads: 2)
        var weights = [Float](repeating: 0, count: 24)
        var head = RecordedAttentionHead(trace: trace, stream: 1, dimension: 8, random: RandomSource(seed: 1))
        for t in 0..<24 {
            _ = head.step(t, into: &weights)
            let row = try #require(rows[[t, 1]])
            let top = row.indices.sorted { row[$0] != row[$1] ? row[$0] > row[$1] : $0 < $1 }.prefix(3)
            let rest = (1 - top.reduce(0) { $0 + row[$1] }) / Double(max(1, t + 1 - top.count))
            for i in 0...t {
                #expect(isClose(Double(weights[i]), top.contains(i) ? row[i] : rest, within: 1e-6), "step \(t) \(i)")
            }
        }
    }

    @Test func aModelRunsOnARecordedTrace() throws {
        let path = try Self.demo(topK: 6, heads: 2, steps: 64, prefill: 32)
        func run(_ entries: [String: ConfigValue]) throws -> MetricRow {
            let base: [String: ConfigValue] = ["attention.source": .string("file"), "attention.path": .string(path)]
            return try KVEvictionModel(config: KVEvictionModel.configuration(base.merging(entries) { $1 })).run(seed: 1)
        }
        let full = try run(["policy": .string("full")])
        #expect(full["attention_recall"] == 1 && full["output_error"] == 0 && full["reactivations"] == 0)
        let h2o = try run(["policy": .string("h2o"), "budget.tokens": .int(12)])
        let window = try run(["policy": .string("window"), "budget.tokens": .int(12)])
        #expect((h2o["attention_recall"] ?? 0) < 1 && (window["attention_recall"] ?? 0) < 1)
        #expect(h2o["budget_tokens"] == 12 && h2o["kv_bytes_peak"] == 12 * 2 * 2 * 128 * 2)
        #expect(try run(["policy": .string("h2o"), "budget.tokens": .int(12)]) == h2o)
        // The two heads share 24 tokens: the same peak and evictions, and a run as deterministic.
        let shared = try run(["policy": .string("h2o"), "budget.tokens": .int(12), "budget.scope": .string("layer")])
        #expect(shared["kv_bytes_peak"] == h2o["kv_bytes_peak"] && shared["evictions"] == h2o["evictions"])
        #expect(
            try run(["policy": .string("h2o"), "budget.tokens": .int(12), "budget.scope": .string("layer")]) == shared)
        #expect(thrownMessage { _ = try run(["budget.tokens": .int(65)]) }.contains("budget.tokens"))
    }

    @Test func corruptTracesNameTheFileAndTheRecord() throws {
        let path = try Self.demo(topK: 4)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let truncated = try TestFiles.temporaryFile("truncated.bin", bytes: Array(bytes.dropLast(10)))
        #expect(thrownMessage { _ = try RecordedAttention.read(path: truncated) }.contains("truncated"))
        let magic = try TestFiles.temporaryFile("magic.bin", bytes: [0x4E] + bytes.dropFirst())
        #expect(thrownMessage { _ = try RecordedAttention.read(path: magic) }.contains("no MKVA header"))
        // Record 5's first position beyond its query step (step 2 of 2 streams).
        let record = 28 + 5 * (4 * 8 + 4)
        bytes[record] = 200
        let corrupt = try TestFiles.temporaryFile("corrupt.bin", bytes: bytes)
        let message = thrownMessage { _ = try RecordedAttention.read(path: corrupt) }
        #expect(message.contains("corrupt.bin") && message.contains("record 5 (step 2, stream 1)"), "\(message)")
    }
}
