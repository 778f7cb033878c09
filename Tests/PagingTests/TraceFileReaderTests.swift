import CachePolicies
import Foundation
import SimCore
import TestSupport
import Testing

@testable import Paging

@Suite struct TraceFileReaderTests {
    func write(_ bytes: [UInt8], name: String = "trace") throws -> String {
        try TestFiles.temporaryFile(name, bytes: bytes)
    }

    func write(_ text: String) throws -> String { try write(Array(text.utf8)) }

    @Test func textLastLineWithoutNewlineAndCRLF() throws {
        let a = try TraceFileReader(format: .txt).read(path: write("5\n7\n5\n9"))
        #expect(a.objects == [0, 1, 0, 2])
        let b = try TraceFileReader(format: .txt).read(path: write("5\r\n7\r\n5\r\n"))
        #expect(b.objects == [0, 1, 0])
    }

    @Test func textErrorsNameFileAndLine() throws {
        let bad = try write("1\n2\nabc\n")
        #expect(
            thrownMessage { _ = try TraceFileReader(format: .txt).read(path: bad) }
                == "\(bad):3: expected a decimal object id, found 'abc'")
        let empty = try write("1\n\n2\n")
        #expect(thrownMessage { _ = try TraceFileReader(format: .txt).read(path: empty) } == "\(empty):2: empty line")
        let huge = try write("99999999999999999999999\n")
        #expect(
            thrownMessage { _ = try TraceFileReader(format: .txt).read(path: huge) }.hasPrefix(
                "\(huge):1: expected a decimal object id"))
        #expect(
            thrownMessage { _ = try TraceFileReader(format: .txt).read(path: "/nonexistent/t.txt") }
                == "/nonexistent/t.txt: no such file")
        let none = try write("")
        #expect(
            thrownMessage { _ = try TraceFileReader(format: .txt).read(path: none) }
                == "\(none): the trace has no requests")
    }

    @Test func csvColumnDelimiterHeaderAndStringIds() throws {
        var reader = TraceFileReader(format: .csv)
        reader.csvColumn = 2
        reader.csvDelimiter = UInt8(ascii: ";")
        reader.csvHeader = true
        let trace = try reader.read(path: write("time;key;size\n1;a;10\n2;\"b\";10\n3;a;10\n4;17;1"))
        #expect(trace.objects == [0, 1, 0, 2])
        let short = try write("time;key\n1\n")
        #expect(thrownMessage { _ = try reader.read(path: short) } == "\(short):2: no column 2 (the line has 1 fields)")
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

    @Test func implausibleBinaryRecordsAreNamed() throws {
        func record(timestamp: UInt32, id: UInt64, next: Int64) -> [UInt8] {
            withUnsafeBytes(of: timestamp.littleEndian, Array.init) + withUnsafeBytes(of: id.littleEndian, Array.init)
                + [0, 0, 0, 0] + withUnsafeBytes(of: next.littleEndian, Array.init)
        }
        let backwards = try write(record(timestamp: 5, id: 1, next: -1) + record(timestamp: 4, id: 2, next: -1))
        #expect(
            thrownMessage { _ = try TraceFileReader(format: .oracleGeneral).read(path: backwards) }
                == "\(backwards): record 2: timestamp 4 is before the previous record's 5; not an oracleGeneral trace?")
        // Record 2's next access cannot be itself or an earlier record; record 3 is fine.
        let earlier = try write(
            record(timestamp: 1, id: 1, next: 3) + record(timestamp: 1, id: 2, next: 2)
                + record(timestamp: 2, id: 1, next: -1))
        #expect(
            thrownMessage { _ = try TraceFileReader(format: .oracleGeneral).read(path: earlier) }
                == "\(earlier): record 2: next access 2 is not a later record (nor -1); not an oracleGeneral trace?")
        let zeros = try write([UInt8](repeating: 0, count: 24 * 4))
        #expect(
            thrownMessage { _ = try TraceFileReader(format: .oracleGeneral).read(path: zeros) }.contains(
                "record 1: next access 0"))
    }

    @Test func truncatedBinaryRecordIsNamed() throws {
        // Three plausible records (no next access), then 5 bytes of a fourth.
        let record = [UInt8](repeating: 0, count: 16) + [UInt8](repeating: 0xFF, count: 8)
        let path = try write(record + record + record + [UInt8](repeating: 0, count: 5))
        #expect(
            thrownMessage { _ = try TraceFileReader(format: .oracleGeneral).read(path: path) }
                == "\(path): record 4 is truncated (5 of 24 bytes)")
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
        #expect(throws: ConfigError("trace.path", "/nonexistent/trace.txt: no such file")) {
            try PagingModel(config: Configuration(missing))
        }
    }

    @Test func chunkBoundariesDoNotChangeWhatIsRead() throws {
        let text = "12\r\n7\n123456789\n5\n7"
        var csv = TraceFileReader(format: .csv)
        csv.csvColumn = 2
        csv.csvHeader = true
        let csvText = "t,key\n1,a\n2,\"bb\"\n3,a\n4,99"
        var binary: [UInt8] = []
        for (i, id) in [UInt64(9), 4, 9, 1 << 40].enumerated() {
            binary += withUnsafeBytes(of: UInt32(i).littleEndian, Array.init)
            binary += withUnsafeBytes(of: id.littleEndian, Array.init)
            binary += [UInt8](repeating: 0, count: 4) + [UInt8](repeating: 0xFF, count: 8)
        }
        let cases: [(TraceFileReader, String)] = [
            (TraceFileReader(format: .txt), try write(text)), (csv, try write(csvText)),
            (TraceFileReader(format: .oracleGeneral), try write(binary)),
        ]
        for (reader, path) in cases {
            var whole: [UInt64] = []
            try reader.forEachObjectID(path: path) { whole.append($0) }
            #expect(whole.count == 4 || whole.count == 5)
            for chunk in 1...30 {
                var pieces: [UInt64] = []
                try reader.forEachObjectID(path: path, chunkSize: chunk) { pieces.append($0) }
                #expect(pieces == whole, "\(reader.format) chunk \(chunk)")
            }
        }
        let truncated = try write(Array(binary.prefix(60)))
        for chunk in [7, 24, 1 << 20] {
            let error = thrownMessage {
                try TraceFileReader(format: .oracleGeneral).forEachObjectID(path: truncated, chunkSize: chunk) { _ in }
            }
            #expect(error == "\(truncated): record 3 is truncated (12 of 24 bytes)", "chunk \(chunk)")
        }
        let bad = try write("1\n2\nx3\n")
        #expect(
            thrownMessage { try TraceFileReader(format: .txt).forEachObjectID(path: bad, chunkSize: 3) { _ in } }
                == "\(bad):3: expected a decimal object id, found 'x3'")
    }

    @Test func streamingReplayEqualsTheLoadedReplay() throws {
        let path = TraceFixtures.tracesDirectory + "/cloudPhysicsIO.oracleGeneral.bin"
        let reader = TraceFileReader(format: .oracleGeneral)
        let online = PagingPolicyRegistry.entries.filter(\.isOnline).map(\.name)
        #expect(online.count == 13)
        let sizes: [PagingModel.CacheSize] = [.objects(50), .objects(2_449)]
        let streamed = try StreamingTraceSimulation.run(path: path, reader: reader, policies: online, sizes: sizes)
        let loaded = try TraceSimulation.run(try reader.read(path: path), policies: online, sizes: sizes)
        #expect(streamed == loaded)
        #expect(
            thrownMessage {
                _ = try StreamingTraceSimulation.run(
                    path: path, reader: reader, policies: ["lru"], sizes: [.fractionOfWorkingSet(0.1)])
            }.contains("give cache sizes in objects"))
        #expect(
            thrownMessage {
                _ = try StreamingTraceSimulation.run(
                    path: path, reader: reader, policies: ["lru", "opt"], sizes: sizes)
            }
            .contains("policy 'opt' needs the whole trace"))
        #expect(
            thrownMessage {
                _ = try StreamingTraceSimulation.run(
                    path: path, reader: reader, policies: ["mark-and-predict"], sizes: sizes)
            }.contains("needs the whole trace"))
    }

    @Test func streamingWithRecycledSlotsEqualsTheLoadedReplayOverManySeeds() throws {
        // Every online policy forgets objects correctly: reusing a forgotten object's slot for
        // another object never changes a decision (any stale state would show as a different count).
        let online = PagingPolicyRegistry.entries.filter(\.isOnline)
        #expect(
            online.allSatisfy {
                $0.make(PagingPolicyContext(capacity: 4, objectCount: 0, random: RandomSource(seed: 1)))
                    is any StreamablePolicy
            })
        for seed in UInt64(1)...12 {
            var random = RandomSource(seed: seed)
            let ids = (0..<3_000).map { _ in UInt64(random.nextInt(below: seed % 2 == 0 ? 40 : 400)) * 7_919 }
            let path = try write(ids.map(String.init).joined(separator: "\n"))
            let sizes: [PagingModel.CacheSize] = [.objects(1), .objects(3), .objects(17), .objects(120)]
            let reader = TraceFileReader(format: .txt)
            let streamed = try StreamingTraceSimulation.run(
                path: path, reader: reader, policies: online.map(\.name), sizes: sizes, seed: seed)
            let loaded = try TraceSimulation.run(
                try reader.read(path: path), policies: online.map(\.name), sizes: sizes, seed: seed)
            #expect(streamed == loaded, "seed \(seed)")
        }
    }
}
