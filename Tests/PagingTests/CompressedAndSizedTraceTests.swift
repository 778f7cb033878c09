import Foundation
import SimCore
import TestSupport
import Testing

@testable import Paging

/// zstd-compressed traces read as streams, and object sizes read from traces.
@Suite struct CompressedAndSizedTraceTests {
    static var directory: String { TraceFixtures.tracesDirectory }

    func write(_ bytes: [UInt8], name: String = "trace") throws -> String {
        try TestFiles.temporaryFile(name, bytes: bytes)
    }

    func write(_ text: String) throws -> String { try write(Array(text.utf8)) }

    func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    func sized(_ format: TraceFormat) -> TraceFileReader {
        var reader = TraceFileReader(format: format)
        reader.readsSizes = true
        return reader
    }

    @Test func compressedCopiesGiveTheSameTracesAndResults() throws {
        for (format, name) in [
            (TraceFormat.oracleGeneral, "cloudPhysicsIO.oracleGeneral.bin"), (.txt, "cloudPhysicsIO.txt"),
        ] {
            for reader in [TraceFileReader(format: format), sized(format)] {
                let plain = try reader.read(path: Self.directory + "/" + name)
                let compressed = try reader.read(path: Self.directory + "/" + name + ".zst")
                #expect(compressed.objects == plain.objects && compressed.nextAccess == plain.nextAccess)
                #expect(compressed.sizes == plain.sizes && compressed.workingSetSize == plain.workingSetSize)
                let sizes: [PagingModel.CacheSize] =
                    plain.hasSizes ? [.bytes(16 << 20), .fractionOfWorkingSet(0.1)] : [.objects(1_000)]
                let policies = ["lru", "s3fifo", "opt"]
                #expect(
                    try TraceSimulation.run(compressed, policies: policies, sizes: sizes, jobs: 2)
                        == TraceSimulation.run(plain, policies: policies, sizes: sizes, jobs: 1))
            }
        }
        // Streamed in small chunks, the compressed file gives the same ids.
        var plainIDs: [UInt64] = []
        try TraceFileReader(format: .oracleGeneral).forEachObjectID(
            path: Self.directory + "/cloudPhysicsIO.oracleGeneral.bin"
        ) { plainIDs.append($0) }
        var streamedIDs: [UInt64] = []
        try TraceFileReader(format: .oracleGeneral).forEachObjectID(
            path: Self.directory + "/cloudPhysicsIO.oracleGeneral.bin.zst", chunkSize: 4_099
        ) { streamedIDs.append($0) }
        #expect(streamedIDs == plainIDs)
    }

    /// A frame whose output ends exactly on libzstd's output block (3 x 128 KiB) is whole,
    /// not truncated, read at once or in chunks of any size.
    @Test func aStreamEndingOnAnOutputBlockIsComplete() throws {
        let path = Self.directory + "/cloudPhysicsIO-16384.oracleGeneral.bin.zst"
        let plain = try TraceFileReader(format: .oracleGeneral).read(
            path: Self.directory + "/cloudPhysicsIO.oracleGeneral.bin")
        for chunk in [1 << 20, 65_536, 4_096, 333] {
            var ids: [UInt64] = []
            try TraceFileReader(format: .oracleGeneral).forEachObjectID(path: path, chunkSize: chunk) { ids.append($0) }
            #expect(ids.count == 16_384, "chunk \(chunk)")
        }
        let prefix = try TraceFileReader(format: .oracleGeneral).read(path: path)
        #expect(prefix.objects == Array(plain.objects.prefix(16_384)))
    }

    @Test func corruptAndTruncatedZstdStreamsAreNamed() throws {
        let original = try bytes(Self.directory + "/cloudPhysicsIO.oracleGeneral.bin.zst")
        let truncated = try write(Array(original.prefix(original.count / 2)), name: "t.bin.zst")
        let message = thrownMessage { _ = try TraceFileReader(format: .oracleGeneral).read(path: truncated) }
        #expect(message.hasPrefix("\(truncated): record "), "\(message)")
        #expect(message.contains("truncated zstd stream"), "\(message)")
        var flipped = original
        for i in stride(from: 200, to: 400, by: 7) { flipped[i] ^= 0x5A }
        let corrupt = try write(flipped, name: "c.bin.zst")
        let corruptMessage = thrownMessage { _ = try TraceFileReader(format: .oracleGeneral).read(path: corrupt) }
        #expect(corruptMessage.hasPrefix("\(corrupt): record "), "\(corruptMessage)")
        let text = try bytes(Self.directory + "/cloudPhysicsIO.txt.zst")
        let cut = try write(Array(text.prefix(text.count - 3)), name: "t.txt.zst")
        let textMessage = thrownMessage { _ = try TraceFileReader(format: .txt).read(path: cut) }
        #expect(textMessage.hasPrefix("\(cut):") && textMessage.contains("truncated zstd stream"), "\(textMessage)")
        let notZstd = try write(Array("1\n2\n".utf8), name: "plain.zst")
        #expect(
            thrownMessage { _ = try TraceFileReader(format: .txt).read(path: notZstd) }
                == "\(notZstd): named .zst but not zstd-compressed (no zstd magic number)")
    }

    @Test func oracleGeneralSizesAndTheirErrors() throws {
        func record(_ timestamp: UInt32, _ id: UInt64, _ size: UInt32, _ next: Int64) -> [UInt8] {
            withUnsafeBytes(of: timestamp.littleEndian, Array.init) + withUnsafeBytes(of: id.littleEndian, Array.init)
                + withUnsafeBytes(of: size.littleEndian, Array.init)
                + withUnsafeBytes(of: next.littleEndian, Array.init)
        }
        let good = try write(record(1, 7, 100, 3) + record(1, 8, 50, -1) + record(2, 7, 300, -1))
        let trace = try sized(.oracleGeneral).read(path: good)
        #expect(trace.sizes == [100, 50, 300])
        #expect(trace.workingSetSize == 150, "first sizes: 100 + 50")
        #expect(trace.totalSize == 450 && trace.largestSize == 300)
        #expect(try TraceFileReader(format: .oracleGeneral).read(path: good).sizes.isEmpty, "sizes only when asked")
        let zero = try write(record(1, 7, 100, -1) + record(1, 8, 0, -1))
        #expect(
            thrownMessage { _ = try sized(.oracleGeneral).read(path: zero) } == "\(zero): record 2: object size 0")
        // Unit-size reading ignores the size field.
        #expect(try TraceFileReader(format: .oracleGeneral).read(path: zero).count == 2)
    }

    @Test func csvSizeColumnAndItsErrors() throws {
        var reader = sized(.csv)
        reader.csvColumn = 2
        reader.csvSizeColumn = 3
        reader.csvHeader = true
        let trace = try reader.read(path: write("t,key,size\n1,a,10\n2,\"b\",\"20\"\n3,a,30\n"))
        #expect(trace.objects == [0, 1, 0] && trace.sizes == [10, 20, 30])
        let word = try write("t,key,size\n1,a,10\n2,b,big\n")
        #expect(
            thrownMessage { _ = try reader.read(path: word) }
                == "\(word):3: object size 'big' in column 3 is not a whole number of bytes")
        let zero = try write("t,key,size\n1,a,0\n")
        #expect(
            thrownMessage { _ = try reader.read(path: zero) }
                == "\(zero):2: object size 0 in column 3 is outside 1...4294967295 bytes")
        let short = try write("t,key,size\n1,a\n")
        #expect(thrownMessage { _ = try reader.read(path: short) } == "\(short):2: no column 3 (the line has 2 fields)")
        // txt has no sizes: every request is unit size, even when sizes are asked for.
        #expect(try sized(.txt).read(path: write("5\n6\n5\n")).hasSizes == false)
    }

    @Test func aBrokenNextAccessChainIsRebuiltFromTheIds() throws {
        func record(_ id: UInt64, _ next: Int64) -> [UInt8] {
            [UInt8](repeating: 0, count: 4) + withUnsafeBytes(of: id.littleEndian, Array.init) + [1, 0, 0, 0]
                + withUnsafeBytes(of: next.littleEndian, Array.init)
        }
        // Object 9 recurs, but the file says it is never requested again (as a writer that
        // leaves next_access_vtime at -1 does): the same trace as from the ids alone.
        let unchained = try write(record(9, -1) + record(4, -1) + record(9, -1))
        let trace = try TraceFileReader(format: .oracleGeneral).read(path: unchained)
        #expect(trace.objects == [0, 1, 0] && trace.nextAccess == [2, CacheRequest.never, CacheRequest.never])
        // A link to a request for another object is not followed either.
        let wrong = try write(record(9, 2) + record(4, -1) + record(9, -1))
        let relinked = try TraceFileReader(format: .oracleGeneral).read(path: wrong)
        #expect(relinked.objects == [0, 1, 0] && relinked.nextAccess == [2, CacheRequest.never, CacheRequest.never])
    }

    /// A line longer than the limit is refused whether it lies in one chunk or spans several.
    @Test func aLongLineIsRefusedWhateverTheChunks() throws {
        let path = try write("1\n" + String(repeating: "7", count: 70_000) + "\n2\n")
        for chunk in [1 << 20, 65_536, 4_096, 1_000] {
            let message = thrownMessage {
                try TraceFileReader(format: .txt).forEachObjectID(path: path, chunkSize: chunk) { _ in }
            }
            #expect(message.hasPrefix("\(path):2: line longer than 65536 bytes"), "chunk \(chunk): \(message)")
        }
    }
}
