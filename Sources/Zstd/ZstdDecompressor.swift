import CZstd

/// A zstd decompression error: the stream is corrupt or truncated.
public struct ZstdError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Streaming zstd decompression (libzstd's `ZSTD_decompressStream`): compressed bytes go in
/// by chunks, decompressed bytes come out by chunks, so memory is independent of the
/// stream's length. Concatenated frames (as `zstd` writes for several inputs) are read one
/// after another.
///
/// The one owner of its `ZSTD_DCtx`, freed in `deinit`; no pointer escapes.
public final class ZstdDecompressor {
    private let context: OpaquePointer
    /// Whether the last frame seen has ended (its last byte was consumed and flushed).
    private var frameEnded = true
    /// Decompressed bytes produced so far (for error messages).
    public private(set) var producedBytes: UInt64 = 0

    /// The output chunk size libzstd recommends (`ZSTD_DStreamOutSize`, one full block).
    public static var recommendedOutputSize: Int { ZSTD_DStreamOutSize() }
    /// The input chunk size libzstd recommends (`ZSTD_DStreamInSize`).
    public static var recommendedInputSize: Int { ZSTD_DStreamInSize() }

    public init() throws {
        guard let context = ZSTD_createDCtx() else { throw ZstdError("cannot allocate a zstd decompression context") }
        self.context = context
    }

    deinit { ZSTD_freeDCtx(context) }

    /// Decompresses all of `input`, handing each decompressed piece to `output` (in order).
    /// Throws `ZstdError` naming libzstd's reason when the data is not a valid zstd stream.
    public func decompress(_ input: UnsafeRawBufferPointer, into output: (UnsafeRawBufferPointer) throws -> Void) throws
    {
        guard let base = input.baseAddress, !input.isEmpty else { return }
        let outSize = Self.recommendedOutputSize
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: outSize, alignment: 16)
        defer { out.deallocate() }
        var inBuffer = ZSTD_inBuffer(src: base, size: input.count, pos: 0)
        // Until the input is consumed (libzstd's own streaming example). libzstd consumes a
        // frame's last byte only once it has flushed all of the frame's output, so a status
        // of 0 after the last byte means the frame is complete; output still held for an
        // unfinished frame comes out with the next chunk. No call is made without input: it
        // would open a new, empty frame.
        while inBuffer.pos < inBuffer.size {
            var outBuffer = ZSTD_outBuffer(dst: out.baseAddress, size: outSize, pos: 0)
            let status = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
            if ZSTD_isError(status) != 0 {
                throw ZstdError(String(cString: ZSTD_getErrorName(status)).lowercased())
            }
            frameEnded = status == 0
            if outBuffer.pos > 0 {
                producedBytes += UInt64(outBuffer.pos)
                try output(UnsafeRawBufferPointer(rebasing: out[0..<outBuffer.pos]))
            }
        }
    }

    /// Checks that the stream ended on a frame boundary; throws `ZstdError` for a truncated stream.
    public func finish() throws {
        guard frameEnded else {
            throw ZstdError("truncated zstd stream (it ends inside a frame, after \(producedBytes) decompressed bytes)")
        }
    }

    /// Whether `prefix` (a file's first bytes) starts with the zstd frame magic number.
    public static func hasMagic(_ prefix: some Collection<UInt8>) -> Bool {
        Array(prefix.prefix(4)) == [0x28, 0xB5, 0x2F, 0xFD]
    }
}
