import Foundation
import SimCore
import Testing

@testable import Paging

@Suite struct TraceFileReaderTests {
    func write(_ bytes: [UInt8], name: String = "trace") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("memsim-\(UUID().uuidString)-\(name)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func write(_ text: String) throws -> String { try write(Array(text.utf8)) }

    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "<no error>"
        } catch {
            return "\(error)"
        }
    }

    @Test func textLastLineWithoutNewlineAndCRLF() throws {
        let a = try TraceFileReader(format: .txt).read(path: write("5\n7\n5\n9"))
        #expect(a.objects == [0, 1, 0, 2])
        let b = try TraceFileReader(format: .txt).read(path: write("5\r\n7\r\n5\r\n"))
        #expect(b.objects == [0, 1, 0])
    }

    @Test func textErrorsNameFileAndLine() throws {
        let bad = try write("1\n2\nabc\n")
        #expect(message { _ = try TraceFileReader(format: .txt).read(path: bad) } == "\(bad):3: expected a decimal object id, found 'abc'")
        let empty = try write("1\n\n2\n")
        #expect(message { _ = try TraceFileReader(format: .txt).read(path: empty) } == "\(empty):2: empty line")
        let huge = try write("99999999999999999999999\n")
        #expect(message { _ = try TraceFileReader(format: .txt).read(path: huge) }.hasPrefix("\(huge):1: expected a decimal object id"))
        #expect(message { _ = try TraceFileReader(format: .txt).read(path: "/nonexistent/t.txt") } == "/nonexistent/t.txt: no such file")
        let none = try write("")
        #expect(message { _ = try TraceFileReader(format: .txt).read(path: none) } == "\(none): the trace has no requests")
    }

    @Test func csvColumnDelimiterHeaderAndStringIds() throws {
        var reader = TraceFileReader(format: .csv)
        reader.csvColumn = 2
        reader.csvDelimiter = UInt8(ascii: ";")
        reader.csvHeader = true
        let trace = try reader.read(path: write("time;key;size\n1;a;10\n2;\"b\";10\n3;a;10\n4;17;1"))
        #expect(trace.objects == [0, 1, 0, 2])
        let short = try write("time;key\n1\n")
        #expect(message { _ = try reader.read(path: short) } == "\(short):2: no column 2 (the line has 1 fields)")
    }

    @Test func oracleGeneralMatchesTheTextTrace() throws {
        let text = try TraceFileReader(format: .txt).read(path: TraceFixtures.tracesDirectory + "/cloudPhysicsIO.txt")
        let binary = try TraceFileReader(format: .oracleGeneral).read(
            path: TraceFixtures.tracesDirectory + "/cloudPhysicsIO.oracleGeneral.bin")
        #expect(binary.count == 113_872)
        #expect(binary.objects == text.objects)
        #expect(binary.nextAccess == text.nextAccess)
    }

    @Test func oracleGeneralNextAccessAgreesWithTheFile() throws {
        // The file stores next_access_vtime (1-based position of the next request, or -1);
        // the trace computes the same from the ids.
        let path = TraceFixtures.tracesDirectory + "/cloudPhysicsIO.oracleGeneral.bin"
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let trace = try TraceFileReader(format: .oracleGeneral).read(path: path)
        var mismatches = 0
        data.withUnsafeBytes { raw in
            for i in 0..<trace.count {
                let stored = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 24 + 16, as: Int64.self))
                let expected = trace.nextAccess[i] == CacheRequest.never ? -1 : Int64(trace.nextAccess[i] + 1)
                if stored != expected { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func truncatedBinaryRecordIsNamed() throws {
        let path = try write([UInt8](repeating: 0, count: 24 * 3 + 5))
        #expect(message { _ = try TraceFileReader(format: .oracleGeneral).read(path: path) } == "\(path): record 4 is truncated (5 of 24 bytes)")
    }

    @Test func pagingModelReadsAFileTraceOnceForAllRuns() throws {
        var config = PagingModel.defaults
        config = config.setting("trace.generator", to: .string("file"))
        config = config.setting("trace.path", to: .string(TraceFixtures.tracesDirectory + "/cloudPhysicsIO.txt"))
        config = config.setting("cache_size", to: .int(1_000))
        config = config.setting("policy", to: .string("lru"))
        let model = try PagingModel(config: Configuration(config))
        let row = try model.run(seed: 1)
        #expect(row["misses"] == 94_823)
        #expect(row["working_set"] == 48_974)
        #expect(try model.run(seed: 2) == row, "a file trace does not depend on the seed")
        let missing = config.setting("trace.path", to: .string("/nonexistent/trace.txt"))
        #expect(throws: ConfigError("trace.path", "cannot read trace file '/nonexistent/trace.txt'")) {
            try PagingModel(config: Configuration(missing))
        }
    }
}
