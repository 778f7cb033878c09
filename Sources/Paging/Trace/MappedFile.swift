import Foundation
import SimCore

/// A file mapped read-only into memory (`mmap`), unmapped when released.
///
/// The one owner of its mapping; its bytes are reached only inside `withBytes`. The file
/// must not change while it is mapped (as for any reader: a trace rewritten under a running
/// simulation gives undefined results; one truncated under it stops the process).
final class MappedFile {
    /// The file exists and is readable but cannot be mapped (the caller may read it instead).
    struct Unmappable: Error {}

    private let base: UnsafeMutableRawPointer?
    let count: Int

    /// Maps `path`. Throws `InputFileError` for a missing, unreadable or unmappable file.
    init(path: String) throws {
        try InputFileError.requireRegularFile(path)
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputFileError("\(path): cannot read file") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw InputFileError("\(path): cannot read file") }
        count = Int(status.st_size)
        guard count > 0 else {
            base = nil
            return
        }
        #if os(Linux)
            // Read the whole file in now: one pass over the page cache, no fault per page later.
            let flags = MAP_PRIVATE | MAP_POPULATE
        #else
            let flags = MAP_PRIVATE
        #endif
        let mapped = mmap(nil, count, PROT_READ, flags, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else { throw Unmappable() }
        base = mapped
        _ = madvise(mapped, count, MADV_SEQUENTIAL)
    }

    deinit {
        if let base { munmap(base, count) }
    }

    /// Calls `body` with the file's bytes.
    func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try body(UnsafeRawBufferPointer(start: base.map { UnsafeRawPointer($0) }, count: count))
    }
}
