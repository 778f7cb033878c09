import Foundation
import SimCore
import Zstd

/// The bytes of a trace file, handed over in chunks: a plain file as read from disk, a
/// zstd-compressed one (recognised by its magic number, whatever its name) decompressed
/// through libzstd as it is read. Memory is one chunk, independent of the file's length.
struct TraceByteStream {
    let path: String
    /// Bytes read from the file per step.
    let chunkSize: Int

    /// Whether the file starts with the zstd magic number. Throws for a missing or unreadable file.
    static func isCompressed(path: String) throws -> Bool {
        try InputFileError.requireRegularFile(path)
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputFileError("\(path): cannot read file") }
        defer { close(descriptor) }
        var magic = [UInt8](repeating: 0, count: 4)
        let got = magic.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 4) }
        return got == 4 && ZstdDecompressor.hasMagic(magic)
    }

    /// Calls `body` with each chunk of the (decompressed) content, in order. A corrupt or
    /// truncated zstd stream throws `ZstdError` (the caller names the record it reached).
    func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let compressed = try Self.isCompressed(path: path)
        if path.hasSuffix(".zst") && !compressed {
            throw InputFileError("\(path): named .zst but not zstd-compressed (no zstd magic number)")
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputFileError("\(path): cannot read file") }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(chunkSize, 1), alignment: 16)
        defer { buffer.deallocate() }
        let decompressor = compressed ? try ZstdDecompressor() : nil
        while true {
            let got = read(descriptor, buffer.baseAddress, buffer.count)
            guard got >= 0 else {
                if errno == EINTR { continue }
                throw InputFileError("\(path): cannot read file (\(String(cString: strerror(errno))))")
            }
            if got == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<got])
            if let decompressor {
                try decompressor.decompress(chunk, into: body)
            } else {
                try body(chunk)
            }
        }
        try decompressor?.finish()
    }
}
