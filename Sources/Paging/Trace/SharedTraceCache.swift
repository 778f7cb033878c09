import Foundation

/// Traces read from files, loaded once per process and shared read-only by every run that
/// names the same file and reading options (all policies and sizes of a sweep).
///
/// A trace is immutable once loaded, so sharing it cannot change results; runs that ask
/// while a trace is loading wait for it instead of reading the file again.
final class SharedTraceCache: @unchecked Sendable {
    static let shared = SharedTraceCache()

    private let lock = NSLock()
    private var traces: [String: Trace] = [:]
    private var loadCounts: [String: Int] = [:]

    /// How many times the trace under `key` was read (1 once loaded; for tests).
    func loads(of key: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return loadCounts[key] ?? 0
    }

    /// The trace stored under `key`, loading it with `load` on first use.
    func trace(for key: String, load: () throws -> Trace) throws -> Trace {
        lock.lock()
        defer { lock.unlock() }
        if let found = traces[key] { return found }
        let loaded = try load()
        traces[key] = loaded
        loadCounts[key, default: 0] += 1
        return loaded
    }
}
