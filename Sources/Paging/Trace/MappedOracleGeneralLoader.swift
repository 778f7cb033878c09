import Foundation
import SimCore

/// Loads a plain (uncompressed) `oracleGeneral` file into a `Trace` by memory-mapping it.
///
/// The records' `next_access_vtime` fields chain each object's requests, so dense ids and
/// next-request indices come from the file without hashing every request: only an object's
/// first request (the head of its chain) is looked up in a `DenseIDMap`. Two threads share
/// the work: one follows the chains (dense ids), checking that each link reaches a request
/// for the same object; the other checks every record as `OracleGeneralParser` does and
/// copies the next-request indices and sizes. The chains hold when, besides that, heads are
/// distinct objects (the map says so) and there are exactly as many links as requests that
/// are not heads (each such request is some link's target, so no two links share one). Then the trace equals the one rebuilt from the ids alone; if a check fails
/// (a file whose next-access field is absent or wrong) it is rebuilt from the ids alone.
enum MappedOracleGeneralLoader {
    static let recordSize = OracleGeneralParser.recordSize

    static func load(path: String, readsSizes: Bool) throws -> Trace {
        let file = try MappedFile(path: path)
        return try file.withBytes { raw in
            let count = raw.count / recordSize
            let tail = raw.count - count * recordSize
            guard count > 0, let base = raw.baseAddress else {
                if tail > 0 { throw truncated(path, record: 1, bytes: tail) }
                throw InputFileError("\(path): the trace has no requests")
            }
            guard count <= Int(Int32.max) else {
                throw InputFileError("\(path): more than \(Int32.max) records (memsim's dense ids are 32-bit)")
            }
            let records = MappedRecords(base: base, count: count)
            var objects = LargeArrays.filled(Int32(-1), count: count)
            var next = LargeArrays.uninitialized(Int.self, count: count)
            var sizes = readsSizes ? LargeArrays.uninitialized(UInt32.self, count: count) : []
            var heads = DenseIDMap(expectedCount: max(count / 16, 1024))
            let outcome = RecordCheck()
            var followed = (held: false, links: 0, workingSet: Int64(0))
            objects.withUnsafeMutableBufferPointer { objects in
                next.withUnsafeMutableBufferPointer { next in
                    sizes.withUnsafeMutableBufferPointer { sizes in
                        let copies = RecordCopies(next: next, sizes: readsSizes ? sizes : nil)
                        let done = DispatchSemaphore(value: 0)
                        let checker = Thread {
                            outcome.run(records, into: copies, path: path)
                            done.signal()
                        }
                        checker.stackSize = 1 << 20
                        checker.start()
                        followed = follow(records, objects: objects, heads: &heads, sized: readsSizes)
                        done.wait()
                    }
                }
            }
            if let error = outcome.error { throw error }
            if tail > 0 { throw truncated(path, record: count + 1, bytes: tail) }
            if followed.held && followed.links == count - heads.count {
                guard readsSizes else {
                    return Trace(denseObjects: objects, objectCount: heads.count, sizes: [], nextAccess: next)
                }
                return Trace(
                    denseObjects: objects, objectCount: heads.count, sizes: sizes, nextAccess: next,
                    sizeTotals: (followed.workingSet, outcome.totalSize, outcome.largestSize))
            }
            var dense = DenseIDMap(expectedCount: max(count / 16, 1024))
            for i in 0..<count { objects[i] = dense.id(for: records.id(at: i)).id }
            return Trace(denseObjects: objects, objectCount: dense.count, sizes: sizes)
        }
    }

    static func truncated(_ path: String, record: Int, bytes: Int) -> InputFileError {
        InputFileError("\(path): record \(record) is truncated (\(bytes) of \(recordSize) bytes)")
    }

    /// Gives each request its object's dense id, following the chains; stops at the first
    /// sign that they do not hold (a repeated head, a link that is not forward within the file).
    private static func follow(
        _ records: MappedRecords, objects: UnsafeMutableBufferPointer<Int32>, heads: inout DenseIDMap, sized: Bool
    ) -> (held: Bool, links: Int, workingSet: Int64) {
        var links = 0
        var workingSet: Int64 = 0
        var idOf: [UInt64] = []
        for i in 0..<records.count {
            var dense = objects[i]
            let id = records.id(at: i)
            if dense < 0 {
                let found = heads.id(for: id)
                guard found.isNew else { return (false, links, 0) }
                dense = found.id
                objects[i] = dense
                idOf.append(id)
                if sized { workingSet += Int64(records.size(at: i)) }
            } else if idOf[Int(dense)] != id {
                return (false, links, 0)
            }
            let vtime = records.nextVtime(at: i)
            guard vtime != -1 else { continue }
            guard vtime > Int64(i + 1), vtime <= Int64(records.count) else { return (false, links, 0) }
            objects[Int(vtime - 1)] = dense
            links += 1
        }
        return (true, links, workingSet)
    }
}

/// The mapped records, read-only, read by both loading threads.
struct MappedRecords: @unchecked Sendable {
    let base: UnsafeRawPointer
    let count: Int

    @inline(__always) func timestamp(at i: Int) -> UInt32 {
        UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i * 24, as: UInt32.self))
    }
    @inline(__always) func id(at i: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i * 24 + 4, as: UInt64.self))
    }
    @inline(__always) func size(at i: Int) -> UInt32 {
        UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i * 24 + 12, as: UInt32.self))
    }
    @inline(__always) func nextVtime(at i: Int) -> Int64 {
        Int64(littleEndian: base.loadUnaligned(fromByteOffset: i * 24 + 16, as: Int64.self))
    }
}

/// What the checking thread writes: arrays the chain-following thread never touches.
struct RecordCopies: @unchecked Sendable {
    let next: UnsafeMutableBufferPointer<Int>
    let sizes: UnsafeMutableBufferPointer<UInt32>?
}

/// The checking thread's work and outcome: every record checked (the first error kept),
/// next-request indices and sizes copied.
final class RecordCheck: @unchecked Sendable {
    private(set) var error: InputFileError?
    /// The sum and the largest of the sizes (when they are copied).
    private(set) var totalSize: Int64 = 0
    private(set) var largestSize: Int64 = 0

    func run(_ records: MappedRecords, into copies: RecordCopies, path: String) {
        var lastTimestamp: UInt32 = 0
        for i in 0..<records.count {
            let timestamp = records.timestamp(at: i)
            let vtime = records.nextVtime(at: i)
            if timestamp < lastTimestamp || (vtime != -1 && vtime <= Int64(i + 1)) {
                error = firstError(records, through: i, path: path)
                return
            }
            lastTimestamp = timestamp
            if let sizes = copies.sizes {
                let size = records.size(at: i)
                guard size > 0 else {
                    error = InputFileError("\(path): record \(i + 1): object size 0")
                    return
                }
                sizes[i] = size
                totalSize += Int64(size)
                largestSize = max(largestSize, Int64(size))
            }
            copies.next[i] = vtime == -1 ? CacheRequest.never : Int(clamping: vtime - 1)
        }
    }

    /// The error a streamed read gives for record `i` (the same message).
    private func firstError(_ records: MappedRecords, through i: Int, path: String) -> InputFileError? {
        var parser = OracleGeneralParser(path: path, readsSizes: false)
        let raw = UnsafeRawBufferPointer(start: records.base, count: (i + 1) * 24)
        do {
            for j in 0...i { _ = try parser.record(raw, at: j * 24) }
        } catch let error as InputFileError {
            return error
        } catch {
            return InputFileError("\(path): record \(i + 1): \(error)")
        }
        return nil
    }
}
