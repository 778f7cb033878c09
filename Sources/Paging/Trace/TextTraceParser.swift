import Foundation
import SimCore

/// Parses a text trace (`txt`: one decimal id per line; `csv`: delimited fields) from
/// chunks of bytes, calling back with each request's object id and size.
///
/// Lines end in `\n` with an optional `\r`; a final line without newline counts; an empty
/// line, or one longer than `maxLineBytes`, is an error naming the file and 1-based line.
/// Errors name the file and line. Chunk boundaries never change what is read (tested).
struct TextTraceParser {
    /// The longest line a text trace may have: far more than any id or CSV record needs, so
    /// that a file without line structure stops at once instead of filling memory.
    static let maxLineBytes = 65_536

    let path: String
    let format: TraceFormat
    let csv: TraceFileReader.CSVLayout
    /// Whether to read sizes from the CSV size column (else every request has size 1).
    let readsSizes: Bool
    /// Lines read so far (including a skipped header).
    private(set) var lineNumber = 0
    private var carry: [UInt8] = []

    init(path: String, format: TraceFormat, csv: TraceFileReader.CSVLayout, readsSizes: Bool) {
        self.path = path
        self.format = format
        self.csv = csv
        self.readsSizes = readsSizes && format == .csv && csv.sizeColumn != nil
    }

    /// Parses the complete lines of `chunk` (and a line carried over from the previous one).
    mutating func consume(_ chunk: UnsafeRawBufferPointer, _ body: (UInt64, UInt32) throws -> Void) throws {
        guard let base = chunk.baseAddress else { return }
        var start = 0
        while start < chunk.count, let found = memchr(base + start, 0x0A, chunk.count - start) {
            let newline = base.distance(to: UnsafeRawPointer(found))
            if carry.isEmpty {
                guard newline - start <= Self.maxLineBytes else { throw tooLong() }
                try line(UnsafeRawBufferPointer(rebasing: chunk[start..<newline]), body)
            } else {
                guard carry.count + (newline - start) <= Self.maxLineBytes else { throw tooLong() }
                carry.append(contentsOf: chunk[start..<newline])
                try flushCarry(body)
            }
            start = newline + 1
        }
        carry.append(contentsOf: chunk[start...])
        guard carry.count <= Self.maxLineBytes else { throw tooLong() }
    }

    /// Parses a final line without newline.
    mutating func finish(_ body: (UInt64, UInt32) throws -> Void) throws {
        if !carry.isEmpty { try flushCarry(body) }
    }

    private mutating func flushCarry(_ body: (UInt64, UInt32) throws -> Void) throws {
        var pending: [UInt8] = []
        swap(&pending, &carry)
        try pending.withUnsafeBytes { try line($0, body) }
        pending.removeAll(keepingCapacity: true)
        swap(&pending, &carry)
    }

    private func tooLong() -> InputFileError {
        InputFileError(
            "\(path):\(lineNumber + 1): line longer than \(Self.maxLineBytes) bytes: not a trace with one request per line"
        )
    }

    private mutating func line(_ raw: UnsafeRawBufferPointer, _ body: (UInt64, UInt32) throws -> Void) throws {
        lineNumber += 1
        var end = raw.count
        if end > 0, raw[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        if lineNumber == 1, format == .csv, csv.header { return }
        guard end > 0 else { throw InputFileError("\(path):\(lineNumber): empty line") }
        let content = UnsafeRawBufferPointer(rebasing: raw[0..<end])
        if format == .txt {
            guard let id = Self.decimal(content) else {
                throw InputFileError(
                    "\(path):\(lineNumber): expected a decimal object id, found '\(Self.text(content))'")
            }
            try body(id, 1)
        } else {
            let (id, size) = try csvRequest(content)
            try body(id, size)
        }
    }

    /// The id (decimal, or the FNV-1a 64 hash of any other text) and size of a CSV line.
    private func csvRequest(_ line: UnsafeRawBufferPointer) throws -> (UInt64, UInt32) {
        let sizeColumn = readsSizes ? csv.sizeColumn ?? 0 : 0
        let lastColumn = max(csv.idColumn, sizeColumn)
        var id: UInt64?
        var size: UInt32 = 1
        var field = 1
        var fieldStart = 0
        for i in 0...line.count where i == line.count || line[i] == csv.delimiter {
            if field == csv.idColumn || field == sizeColumn {
                var value = UnsafeRawBufferPointer(rebasing: line[fieldStart..<i])
                if value.count >= 2, value[0] == UInt8(ascii: "\""), value[value.count - 1] == UInt8(ascii: "\"") {
                    value = UnsafeRawBufferPointer(rebasing: value[1..<(value.count - 1)])
                }
                if field == csv.idColumn {
                    guard !value.isEmpty else {
                        throw InputFileError("\(path):\(lineNumber): empty object id in column \(field)")
                    }
                    id = Self.decimal(value) ?? FNV1a.hash(value)
                }
                if field == sizeColumn { size = try objectSize(value, column: field) }
            }
            if field == lastColumn, let id { return (id, size) }
            field += 1
            fieldStart = i + 1
        }
        throw InputFileError("\(path):\(lineNumber): no column \(lastColumn) (the line has \(field - 1) fields)")
    }

    private func objectSize(_ value: UnsafeRawBufferPointer, column: Int) throws -> UInt32 {
        guard let size = Self.decimal(value) else {
            throw InputFileError(
                "\(path):\(lineNumber): object size '\(Self.text(value))' in column \(column) is not a whole number of bytes"
            )
        }
        guard size >= 1, size <= UInt64(UInt32.max) else {
            throw InputFileError(
                "\(path):\(lineNumber): object size \(size) in column \(column) is outside 1...\(UInt32.max) bytes")
        }
        return UInt32(size)
    }

    /// A non-negative decimal integer that fits in 64 bits, else `nil`.
    @inline(__always)
    static func decimal(_ digits: UnsafeRawBufferPointer) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 20 else { return nil }
        var value: UInt64 = 0
        for d in digits {
            let digit = d &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            guard !o1, !o2 else { return nil }
            value = sum
        }
        return value
    }

    static func text(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes.prefix(40), as: UTF8.self)
    }
}
