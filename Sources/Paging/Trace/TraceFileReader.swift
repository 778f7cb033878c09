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

/// A problem in a trace file, naming the file and the line or record.
public struct TraceFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
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

    /// Reads the whole file.
    public func read(path: String) throws -> Trace {
        guard FileManager.default.fileExists(atPath: path) else { throw TraceFileError("\(path): no such file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw TraceFileError("\(path): cannot read file") }
        let ids: [UInt64]
        switch format {
        case .txt: ids = try Self.parseLines(data, path: path) { line, number in
                guard let id = Self.decimal(line) else {
                    throw TraceFileError("\(path):\(number): expected a decimal object id, found '\(Self.text(line))'")
                }
                return id
            }
        case .csv: ids = try parseCSV(data, path: path)
        case .oracleGeneral: ids = try Self.parseOracleGeneral(data, path: path)
        }
        guard !ids.isEmpty else { throw TraceFileError("\(path): the trace has no requests") }
        return Trace(keys: ids)
    }

    // MARK: - Formats

    /// Splits `data` into lines (`\n`, optional `\r`), calling `parse` with each line and its
    /// 1-based number. A final line without newline counts; an empty line is an error.
    static func parseLines(
        _ data: Data, path: String, skipFirst: Bool = false, _ parse: (ArraySlice<UInt8>, Int) throws -> UInt64
    ) throws -> [UInt64] {
        let bytes = [UInt8](data)
        var ids: [UInt64] = []
        ids.reserveCapacity(bytes.count / 8)
        var start = 0
        var number = 0
        while start < bytes.count {
            number += 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            let line = bytes[start..<lineEnd]
            if !(skipFirst && number == 1) {
                guard !line.isEmpty else { throw TraceFileError("\(path):\(number): empty line") }
                ids.append(try parse(line, number))
            }
            start = end + 1
        }
        return ids
    }

    func parseCSV(_ data: Data, path: String) throws -> [UInt64] {
        let column = csvColumn, delimiter = csvDelimiter
        return try Self.parseLines(data, path: path, skipFirst: csvHeader) { line, number in
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
                        guard !value.isEmpty else { throw TraceFileError("\(path):\(number): empty object id in column \(column)") }
                        return Self.decimal(value) ?? FNV1a.hash(value)
                    }
                    field += 1
                    fieldStart = i + 1
                }
                i += 1
            }
            throw TraceFileError("\(path):\(number): no column \(column) (the line has \(field - 1) fields)")
        }
    }

    /// Record size of `oracleGeneral`.
    static let oracleRecordSize = 24

    static func parseOracleGeneral(_ data: Data, path: String) throws -> [UInt64] {
        let size = oracleRecordSize
        let complete = data.count / size
        if data.count % size != 0 {
            throw TraceFileError(
                "\(path): record \(complete + 1) is truncated (\(data.count % size) of \(size) bytes)")
        }
        var ids = [UInt64](repeating: 0, count: complete)
        data.withUnsafeBytes { raw in
            for r in 0..<complete {
                ids[r] = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: r * size + 4, as: UInt64.self))
            }
        }
        return ids
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
