import Foundation
import SimCore

/// A trace file format.
public enum TraceFormat: String, Sendable, CaseIterable {
    /// One decimal object id per line; the last line may lack a newline.
    case txt
    /// Delimited text; the object id is in a chosen column (decimal ids are used as
    /// numbers, any other text is hashed with FNV-1a 64).
    case csv
    /// libCacheSim's `oracleGeneral` binary: packed little-endian 24-byte records
    /// `{uint32 timestamp; uint64 obj_id; uint32 obj_size; int64 next_access_vtime}`.
    case oracleGeneral
}

/// Reads a trace file into a `Trace` (object ids remapped to dense ids in order of first
/// appearance; every object counts as size 1).
public struct TraceFileReader: Sendable {
    public var format: TraceFormat
    /// CSV: 1-based column of the object id.
    public var csvColumn: Int = 1
    /// CSV: field delimiter (one ASCII character).
    public var csvDelimiter: UInt8 = UInt8(ascii: ",")
    /// CSV: whether the first line is a header to skip.
    public var csvHeader: Bool = false

    public init(format: TraceFormat) { self.format = format }

    /// Reads the whole file into a trace (ids remapped, next-request indices computed).
    public func read(path: String) throws -> Trace {
        var ids: [UInt64] = []
        try forEachObjectID(path: path) { ids.append($0) }
        guard !ids.isEmpty else { throw InputFileError("\(path): the trace has no requests") }
        return Trace(keys: ids)
    }

    /// Streams the object id of every request, in order, reading the file in chunks of
    /// `chunkSize` bytes: memory is independent of the file's length.
    ///
    /// Errors name the file and the 1-based line (text formats) or record (binary).
    public func forEachObjectID(path: String, chunkSize: Int = 1 << 20, _ body: (UInt64) throws -> Void) throws {
        try InputFileError.requireRegularFile(path)
        guard let handle = FileHandle(forReadingAtPath: path) else { throw InputFileError("\(path): cannot read file") }
        defer { try? handle.close() }
        func nextChunk() throws -> [UInt8]? {
            do {
                guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else { return nil }
                return [UInt8](data)
            } catch {
                throw InputFileError("\(path): cannot read file (\(error.localizedDescription))")
            }
        }
        switch format {
        case .oracleGeneral:
            try Self.streamOracleGeneral(path: path, nextChunk: nextChunk, body)
        case .txt, .csv:
            let parse: (ArraySlice<UInt8>, Int) throws -> UInt64 =
                format == .txt
                ? { try Self.parseTextID($0, $1, path) }
                : {
                    try parseCSVID($0, $1, path)
                }
            try Self.streamLines(path: path, skipFirst: format == .csv && csvHeader, nextChunk: nextChunk) {
                line, number in
                try body(try parse(line, number))
            }
        }
    }

    // MARK: - Formats

    /// The longest line a text trace may have: far more than any id or CSV record needs, so
    /// that a file without line structure stops at once instead of filling memory.
    static let maxLineBytes = 65_536

    /// Splits the stream into lines (`\n`, optional `\r`), calling `handle` with each line
    /// and its 1-based number. A final line without newline counts; an empty line, or one
    /// longer than `maxLineBytes`, is an error.
    static func streamLines(
        path: String, skipFirst: Bool, nextChunk: () throws -> [UInt8]?,
        _ handle: (ArraySlice<UInt8>, Int) throws -> Void
    ) throws {
        var carry: [UInt8] = []
        var number = 0
        func emit(_ line: ArraySlice<UInt8>) throws {
            number += 1
            var end = line.endIndex
            if end > line.startIndex, line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let content = line[line.startIndex..<end]
            if skipFirst && number == 1 { return }
            guard !content.isEmpty else { throw InputFileError("\(path):\(number): empty line") }
            try handle(content, number)
        }
        while let chunk = try nextChunk() {
            var start = 0
            while let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
                if carry.isEmpty {
                    guard newline - start <= maxLineBytes else {
                        throw InputFileError(
                            "\(path):\(number + 1): line longer than \(maxLineBytes) bytes: not a trace with one request per line"
                        )
                    }
                    try emit(chunk[start..<newline])
                } else {
                    carry += chunk[start..<newline]
                    try emit(carry[...])
                    carry.removeAll(keepingCapacity: true)
                }
                start = newline + 1
            }
            carry += chunk[start...]
            guard carry.count <= maxLineBytes else {
                throw InputFileError(
                    "\(path):\(number + 1): line longer than \(maxLineBytes) bytes: not a trace with one request per line"
                )
            }
        }
        if !carry.isEmpty { try emit(carry[...]) }
    }

    static func parseTextID(_ line: ArraySlice<UInt8>, _ number: Int, _ path: String) throws -> UInt64 {
        guard let id = decimal(line) else {
            throw InputFileError("\(path):\(number): expected a decimal object id, found '\(text(line))'")
        }
        return id
    }

    func parseCSVID(_ line: ArraySlice<UInt8>, _ number: Int, _ path: String) throws -> UInt64 {
        let column = csvColumn
        let delimiter = csvDelimiter
        var field = 1
        var fieldStart = line.startIndex
        var i = line.startIndex
        while i <= line.endIndex {
            if i == line.endIndex || line[i] == delimiter {
                if field == column {
                    var value = line[fieldStart..<i]
                    if value.first == UInt8(ascii: "\""), value.last == UInt8(ascii: "\""), value.count >= 2 {
                        value = value.dropFirst().dropLast()
                    }
                    guard !value.isEmpty else {
                        throw InputFileError("\(path):\(number): empty object id in column \(column)")
                    }
                    return Self.decimal(value) ?? FNV1a.hash(value)
                }
                field += 1
                fieldStart = i + 1
            }
            i += 1
        }
        throw InputFileError("\(path):\(number): no column \(column) (the line has \(field - 1) fields)")
    }

    /// Record size of `oracleGeneral`.
    static let oracleRecordSize = 24

    static func streamOracleGeneral(path: String, nextChunk: () throws -> [UInt8]?, _ body: (UInt64) throws -> Void)
        throws
    {
        let size = oracleRecordSize
        var carry: [UInt8] = []
        var records = 0
        var lastTimestamp: UInt32 = 0
        // The object id of a record, after checking that it is plausible: timestamps never
        // decrease, and the next access is -1 (none) or a later record.
        func id(_ bytes: ArraySlice<UInt8>) throws -> UInt64 {
            try bytes.withUnsafeBytes { raw in
                let timestamp = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
                let next = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: Int64.self))
                guard timestamp >= lastTimestamp else {
                    throw InputFileError(
                        "\(path): record \(records): timestamp \(timestamp) is before the previous record's \(lastTimestamp); "
                            + "not an oracleGeneral trace?")
                }
                // `next` is the 1-based position of the object's next request.
                guard next == -1 || next > Int64(records) else {
                    throw InputFileError(
                        "\(path): record \(records): next access \(next) is not a later record (nor -1); "
                            + "not an oracleGeneral trace?")
                }
                lastTimestamp = timestamp
                return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt64.self))
            }
        }
        while let chunk = try nextChunk() {
            var start = 0
            if !carry.isEmpty {
                let needed = size - carry.count
                carry += chunk.prefix(needed)
                start = min(needed, chunk.count)
                guard carry.count == size else { continue }
                records += 1
                try body(try id(carry[...]))
                carry.removeAll(keepingCapacity: true)
            }
            while start + size <= chunk.count {
                records += 1
                try body(try id(chunk[start..<(start + size)]))
                start += size
            }
            carry += chunk[start...]
        }
        if !carry.isEmpty {
            throw InputFileError("\(path): record \(records + 1) is truncated (\(carry.count) of \(size) bytes)")
        }
    }

    /// A non-negative decimal integer that fits in 64 bits, else `nil`.
    static func decimal(_ digits: ArraySlice<UInt8>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 20 else { return nil }
        var value: UInt64 = 0
        for d in digits {
            guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(d - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            value = sum
        }
        return value
    }

    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix(40), as: UTF8.self)
    }
}
