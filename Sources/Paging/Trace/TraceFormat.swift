/// A trace file format. Any of them may be zstd-compressed (read as a stream).
public enum TraceFormat: String, Sendable, CaseIterable {
    /// One decimal object id per line; the last line may lack a newline. Unit sizes.
    case txt
    /// Delimited text; the object id is in a chosen column (decimal ids are used as
    /// numbers, any other text is hashed with FNV-1a 64), the size in bytes optionally in another.
    case csv
    /// libCacheSim's `oracleGeneral` binary: packed little-endian 24-byte records
    /// `{uint32 timestamp; uint64 obj_id; uint32 obj_size; int64 next_access_vtime}`.
    case oracleGeneral
}
