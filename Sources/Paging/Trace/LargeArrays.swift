import Foundation

/// Large arrays for trace loading, backed by huge pages where the system allows it.
///
/// A 10-million-request trace needs arrays of 40 to 80 MB; touching them page by page costs
/// one fault per 4 KiB. Asking for transparent huge pages (`MADV_HUGEPAGE`, Linux) before
/// the first write cuts the faults 512-fold. Where it is refused, nothing changes but speed.
enum LargeArrays {
    /// An array of `count` elements, each set to `value`.
    static func filled<T: BitwiseCopyable>(_ value: T, count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: value)
            initialized = count
        }
    }

    /// An array of `count` elements whose values the caller writes before reading any.
    static func uninitialized<T: BitwiseCopyable>(_ type: T.Type, count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    private static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
            guard let base = buffer.baseAddress, buffer.count >= 4 << 20 else { return }
            let huge = 2 << 20
            let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
            let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
            guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(pointer, end - start, MADV_HUGEPAGE)
        #endif
    }
}
