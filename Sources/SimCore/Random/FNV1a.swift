/// FNV-1a, 64-bit (Fowler, Noll, Vo): offset basis 0xCBF29CE484222325, prime 0x100000001B3.
///
/// A fixed function of the bytes, unlike Swift's `Hasher`, which is seeded anew in every
/// process: used wherever a hash reaches results (random-stream labels, run keys, spec hashes).
public enum FNV1a {
    /// The 64-bit hash of `bytes`.
    @inlinable
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The hash as 16 lowercase hexadecimal digits.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = String(hash(bytes), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
