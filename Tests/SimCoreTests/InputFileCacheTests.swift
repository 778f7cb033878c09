import Foundation
import SimCore
import TestSupport
import Testing

@Suite struct InputFileCacheTests {
    /// Reads `path` through a fresh cache, counting the reads.
    final class Reader: @unchecked Sendable {
        var reads = 0
        func read(_ path: String) throws -> String {
            reads += 1
            return try TestFiles.read(path)
        }
    }

    @Test func aFileIsReadOnceUntilItChanges() throws {
        let cache = InputFileCache()
        let reader = Reader()
        let path = try TestFiles.temporaryFile("a.txt", "first")
        let key = InputFileCache.key(path: path, format: "text")
        for _ in 0..<3 { #expect(try cache.value(for: key, path: path) { try reader.read(path) } == "first") }
        #expect(reader.reads == 1 && cache.loads(of: key) == 1)
        // Another format or option is another value.
        let other = InputFileCache.key(path: path, format: "text", options: ["header"])
        _ = try cache.value(for: other, path: path) { try reader.read(path) }
        #expect(reader.reads == 2)
        // A rewritten file (another size) is read again.
        try TestFiles.write("second, longer", to: path)
        #expect(try cache.value(for: key, path: path) { try reader.read(path) } == "second, longer")
        #expect(reader.reads == 3 && cache.loads(of: key) == 2)
    }

    @Test func aFailedReadIsNotKept() throws {
        let cache = InputFileCache()
        let path = try TestFiles.temporaryDirectory() + "/missing.txt"
        let key = InputFileCache.key(path: path, format: "text")
        for _ in 0..<2 {
            #expect(throws: InputFileError("\(path): no such file")) {
                try cache.value(for: key, path: path) { () throws -> String in
                    throw InputFileError("\(path): no such file")
                }
            }
        }
        #expect(cache.loads(of: key) == 0)
        try TestFiles.write("now here", to: path)
        #expect(try cache.value(for: key, path: path) { try TestFiles.read(path) } == "now here")
    }
}
