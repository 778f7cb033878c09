import SimCore
import Zstd

/// Reads a trace file, plain or zstd-compressed, into a `Trace` (object ids remapped to
/// dense ids in order of first appearance), or streams its requests.
///
/// Sizes: with `readsSizes`, requests carry their object sizes in bytes (oracleGeneral's
/// `obj_size`, a CSV's `csvSizeColumn`; txt has none, so its requests stay unit size); a
/// size of 0, or one that is not a whole number, is an error. Without it every request has
/// size 1. Errors name the file and the 1-based line (text) or record (binary).
///
/// Speed: a plain oracleGeneral file is memory-mapped and its next-access field reused
/// (`MappedOracleGeneralLoader`); other files are read in chunks with a fixed-hash table
/// for the remapping (`DenseIDMap`).
public struct TraceFileReader: Sendable {
    public var format: TraceFormat
    /// CSV: 1-based column of the object id.
    public var csvColumn: Int = 1
    /// CSV: 1-based column of the object size in bytes, if any (read with `readsSizes`).
    public var csvSizeColumn: Int?
    /// CSV: field delimiter (one ASCII character).
    public var csvDelimiter: UInt8 = UInt8(ascii: ",")
    /// CSV: whether the first line is a header to skip.
    public var csvHeader: Bool = false
    /// Whether requests carry sizes from the file (byte-sized caches).
    public var readsSizes: Bool = false

    public init(format: TraceFormat) { self.format = format }

    /// The CSV columns and syntax.
    struct CSVLayout: Sendable {
        var idColumn: Int
        var sizeColumn: Int?
        var delimiter: UInt8
        var header: Bool
    }

    var csvLayout: CSVLayout {
        CSVLayout(idColumn: csvColumn, sizeColumn: csvSizeColumn, delimiter: csvDelimiter, header: csvHeader)
    }

    /// Whether the requests read carry sizes (`readsSizes` on a format that has them).
    public var carriesSizes: Bool {
        readsSizes && (format == .oracleGeneral || (format == .csv && csvSizeColumn != nil))
    }

    /// Reads the whole file into a trace (ids remapped, next-request indices computed).
    public func read(path: String) throws -> Trace {
        if format == .oracleGeneral, try !TraceByteStream.isCompressed(path: path), !path.hasSuffix(".zst") {
            do {
                return try MappedOracleGeneralLoader.load(path: path, readsSizes: readsSizes)
            } catch is MappedFile.Unmappable {
                // Read as a stream below (a file system that cannot map files).
            }
        }
        var dense = DenseIDMap()
        var objects: [Int32] = []
        var sizes: [UInt32] = []
        let sized = carriesSizes
        try forEachRequest(path: path) { id, size in
            let found = dense.id(for: id)
            if found.isNew && dense.count > Int(Int32.max) {
                throw InputFileError("\(path): more than \(Int32.max) distinct objects")
            }
            objects.append(found.id)
            if sized { sizes.append(size) }
        }
        guard !objects.isEmpty else { throw InputFileError("\(path): the trace has no requests") }
        return Trace(denseObjects: objects, objectCount: dense.count, sizes: sizes)
    }

    /// Streams the object id of every request, in order, reading the file in chunks of
    /// `chunkSize` bytes: memory is independent of the file's length.
    public func forEachObjectID(path: String, chunkSize: Int = 1 << 20, _ body: (UInt64) throws -> Void) throws {
        try forEachRequest(path: path, chunkSize: chunkSize) { id, _ in try body(id) }
    }

    /// Streams every request's object id and size (1 unless `carriesSizes`), in order.
    public func forEachRequest(
        path: String, chunkSize: Int = 1 << 20, _ body: (_ id: UInt64, _ size: UInt32) throws -> Void
    ) throws {
        let stream = TraceByteStream(path: path, chunkSize: chunkSize)
        switch format {
        case .oracleGeneral:
            var parser = OracleGeneralParser(path: path, readsSizes: readsSizes)
            do {
                try stream.forEachChunk { chunk in try parser.consume(chunk) { try body($0.id, $0.size) } }
            } catch let error as ZstdError {
                throw InputFileError("\(path): record \(parser.records + 1): \(error)")
            }
            try parser.finish()
        case .txt, .csv:
            var parser = TextTraceParser(path: path, format: format, csv: csvLayout, readsSizes: readsSizes)
            do {
                try stream.forEachChunk { chunk in try parser.consume(chunk, body) }
            } catch let error as ZstdError {
                throw InputFileError("\(path):\(parser.lineNumber + 1): \(error)")
            }
            try parser.finish(body)
        }
    }
}
