import Foundation
import SimCore

/// A recorded attention trace (`attention.source: file`), read whole and checked.
///
/// Format (little-endian; `tools/kv_attention_trace.py` writes it):
/// ```
/// header (28 bytes): magic "MKVA", version UInt32 = 1, layers, heads, prefill, steps, top_k (UInt32)
/// then for each query step t in 0 ..< steps, for each layer, for each head (one record):
///     top_k x (position UInt32, weight Float32): the largest weights of query t over
///         positions 0...t; unused entries (t + 1 < top_k) have position 0xFFFFFFFF, weight 0
///     remaining Float32: the rest of the row's mass, spread evenly over the other positions
/// ```
/// `steps` counts every query step, the prompt's first (`prefill` of them), so a row t covers
/// positions 0...t. Each record's weights are finite and non-negative, its positions distinct
/// and at most t, and its mass (top weights + remaining) within 1e-3 of 1; any other record is
/// an error naming the file and the record.
public struct RecordedAttention: Sendable {
    static let magic: [UInt8] = Array("MKVA".utf8)
    static let headerBytes = 28
    static let unused = UInt32.max

    public let layers: Int
    public let heads: Int
    public let prefill: Int
    public let steps: Int
    public let topK: Int
    /// Positions and weights of every record, `topK` each, record by record.
    let positions: [UInt32]
    let weights: [Float]
    let remaining: [Float]

    var streams: Int { layers * heads }
    var recordBytes: Int { topK * 8 + 4 }

    /// Reads and checks the trace at `path`.
    public static func read(path: String) throws -> RecordedAttention {
        try InputFileError.requireRegularFile(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFileError("\(path): cannot read the attention trace")
        }
        return try RecordedAttention(data: data, path: path)
    }

    /// The shape a trace's header declares.
    struct Header: Sendable, Equatable {
        let layers: Int
        let heads: Int
        let prefill: Int
        let steps: Int
        let topK: Int
    }

    /// The checked header of `bytes` (the file's first bytes).
    static func header(_ bytes: [UInt8], path: String) throws -> Header {
        guard bytes.count >= headerBytes, Array(bytes[0..<4]) == magic else {
            throw InputFileError("\(path): not an attention trace (no MKVA header)")
        }
        func field(_ k: Int) -> Int { Int(uint32(bytes, at: 4 + 4 * k)) }
        guard field(0) == 1 else {
            throw InputFileError("\(path): attention trace version \(field(0)); this memsim reads 1")
        }
        let h = Header(layers: field(1), heads: field(2), prefill: field(3), steps: field(4), topK: field(5))
        guard h.layers >= 1, h.heads >= 1, h.topK >= 1, h.prefill >= 1, h.steps > h.prefill, h.steps <= 65_536,
            h.topK <= 65_536, h.layers * h.heads <= 65_536
        else {
            throw InputFileError(
                "\(path): header: layers \(h.layers), heads \(h.heads), prefill \(h.prefill), steps \(h.steps), top_k \(h.topK): each at least 1, steps above prefill and at most 65,536"
            )
        }
        return h
    }

    /// The checked header of the trace at `path` (reads its first 28 bytes; checks the file's
    /// size against it, so a truncated trace is refused before any run).
    static func header(path: String) throws -> Header {
        try InputFileError.requireRegularFile(path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputFileError("\(path): cannot read the attention trace")
        }
        defer { try? handle.close() }
        let bytes = (try? handle.read(upToCount: headerBytes)) ?? nil
        let h = try header([UInt8](bytes ?? Data()), path: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        let records = h.steps * h.layers * h.heads
        let expected = headerBytes + records * (h.topK * 8 + 4)
        if let size, size != expected {
            let complete = max(0, size - headerBytes) / (h.topK * 8 + 4)
            throw InputFileError(
                "\(path): record \(min(complete, records)) of \(records) is \(size < expected ? "truncated" : "followed by extra bytes") (\(size) bytes, the header needs \(expected))"
            )
        }
        return h
    }

    init(data: Data, path: String) throws {
        let h = try Self.header([UInt8](data.prefix(Self.headerBytes)), path: path)
        (layers, heads, prefill, steps, topK) = (h.layers, h.heads, h.prefill, h.steps, h.topK)
        let records = steps * layers * heads
        let recordBytes = topK * 8 + 4
        let complete = (data.count - Self.headerBytes) / recordBytes
        guard complete >= records, data.count == Self.headerBytes + records * recordBytes else {
            throw InputFileError(
                "\(path): record \(min(complete, records)) of \(records) is \(complete < records ? "truncated" : "followed by extra bytes") (\(data.count) bytes)"
            )
        }
        var positions = [UInt32](repeating: 0, count: records * topK)
        var weights = [Float](repeating: 0, count: records * topK)
        var remaining = [Float](repeating: 0, count: records)
        let topK = topK
        data.withUnsafeBytes { raw in
            for record in 0..<records {
                let base = Self.headerBytes + record * recordBytes
                for k in 0..<topK {
                    positions[record * topK + k] = UInt32(
                        littleEndian: raw.loadUnaligned(fromByteOffset: base + 8 * k, as: UInt32.self))
                    weights[record * topK + k] = Float(
                        bitPattern: UInt32(
                            littleEndian: raw.loadUnaligned(fromByteOffset: base + 8 * k + 4, as: UInt32.self)))
                }
                remaining[record] = Float(
                    bitPattern: UInt32(
                        littleEndian: raw.loadUnaligned(fromByteOffset: base + 8 * topK, as: UInt32.self)))
            }
        }
        self.positions = positions
        self.weights = weights
        self.remaining = remaining
        // The record that last listed each position: a repeat within a record is a duplicate.
        var lastListed = [Int](repeating: -1, count: steps)
        for record in 0..<records { try check(record: record, lastListed: &lastListed, path: path) }
    }

    private func check(record: Int, lastListed: inout [Int], path: String) throws {
        let t = record / streams
        var mass = Double(remaining[record])
        for k in 0..<topK {
            let position = positions[record * topK + k]
            let weight = weights[record * topK + k]
            var problem: String?
            if !weight.isFinite || weight < 0 {
                problem = "weight \(weight) is not a finite non-negative number"
            } else if position == Self.unused {
                if weight != 0 { problem = "an unused entry has weight \(weight)" }
            } else if Int(position) > t {
                problem = "position \(position) is after the query (step \(t))"
            } else if lastListed[Int(position)] == record {
                problem = "position \(position) appears twice"
            } else {
                lastListed[Int(position)] = record
            }
            if let problem {
                throw InputFileError("\(path): record \(record) (step \(t), stream \(record % streams)): \(problem)")
            }
            mass += Double(weight)
        }
        guard remaining[record].isFinite, remaining[record] >= -1e-3, abs(mass - 1) <= 1e-3 else {
            throw InputFileError(
                "\(path): record \(record) (step \(t), stream \(record % streams)): the weights and the remaining mass sum to \(mass), not 1"
            )
        }
    }

    private static func uint32(_ data: [UInt8], at offset: Int) -> UInt32 {
        UInt32(data[offset]) | UInt32(data[offset + 1]) << 8 | UInt32(data[offset + 2]) << 16
            | UInt32(data[offset + 3]) << 24
    }
}
