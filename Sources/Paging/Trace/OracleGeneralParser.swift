import SimCore

/// Parses libCacheSim's `oracleGeneral` records from chunks of bytes: packed little-endian
/// 24-byte records `{uint32 timestamp; uint64 obj_id; uint32 obj_size; int64 next_access_vtime}`.
///
/// Every record is checked for plausibility (timestamps never decrease; the next access is
/// -1 or the 1-based position of a later record), and, when sizes are read, for a size of at
/// least 1 byte. Errors name the file and the 1-based record.
struct OracleGeneralParser {
    /// Bytes per record.
    static let recordSize = 24

    let path: String
    /// Whether sizes are read (and a size of 0 is an error); else every request has size 1.
    let readsSizes: Bool
    /// Complete records read so far.
    private(set) var records = 0
    private var lastTimestamp: UInt32 = 0
    private var carry: [UInt8] = []

    init(path: String, readsSizes: Bool) {
        self.path = path
        self.readsSizes = readsSizes
    }

    /// One record's fields, after the plausibility checks.
    struct Record {
        var id: UInt64
        var size: UInt32
        /// 1-based position of the next request for the object, or -1.
        var next: Int64
    }

    /// Checks and decodes the record at `offset` of `raw`, the `records + 1`-th of the file.
    @inline(__always)
    mutating func record(_ raw: UnsafeRawBufferPointer, at offset: Int) throws -> Record {
        let timestamp = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        let next = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 16, as: Int64.self))
        records += 1
        guard timestamp >= lastTimestamp else {
            throw InputFileError(
                "\(path): record \(records): timestamp \(timestamp) is before the previous record's \(lastTimestamp); "
                    + "not an oracleGeneral trace?")
        }
        guard next == -1 || next > Int64(records) else {
            throw InputFileError(
                "\(path): record \(records): next access \(next) is not a later record (nor -1); "
                    + "not an oracleGeneral trace?")
        }
        lastTimestamp = timestamp
        var size: UInt32 = 1
        if readsSizes {
            size = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            guard size > 0 else { throw InputFileError("\(path): record \(records): object size 0") }
        }
        return Record(
            id: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt64.self)), size: size,
            next: next)
    }

    /// Parses the complete records of `chunk` (and one carried over from the previous chunk).
    mutating func consume(_ chunk: UnsafeRawBufferPointer, _ body: (Record) throws -> Void) throws {
        let size = Self.recordSize
        var start = 0
        if !carry.isEmpty {
            let needed = min(size - carry.count, chunk.count)
            carry.append(contentsOf: chunk[0..<needed])
            start = needed
            guard carry.count == size else { return }
            var pending: [UInt8] = []
            swap(&pending, &carry)
            let decoded = try pending.withUnsafeBytes { try record($0, at: 0) }
            pending.removeAll(keepingCapacity: true)
            swap(&pending, &carry)
            try body(decoded)
        }
        while start + size <= chunk.count {
            try body(try record(chunk, at: start))
            start += size
        }
        carry.append(contentsOf: chunk[start...])
    }

    /// Throws for a truncated last record.
    func finish() throws {
        if !carry.isEmpty {
            throw InputFileError(
                "\(path): record \(records + 1) is truncated (\(carry.count) of \(Self.recordSize) bytes)")
        }
    }
}
