import Foundation

/// Input files (traces, request logs, feature tables) read once per process and shared
/// read-only by every model and run that names the same file, format and reading options:
/// every policy, size and seed of a sweep reads the file once.
///
/// A loaded value is immutable, so sharing it cannot change results. A run that asks while
/// the file is loading waits for it rather than reading it again. A failed read is not
/// stored: its error (which names the file and line) reaches every run that asks. A file
/// whose size or modification time changed since it was read is read again.
public final class InputFileCache: @unchecked Sendable {
    /// The process's cache.
    public static let shared = InputFileCache()

    /// An empty cache of its own (tests); models share `shared`.
    public init() {}

    private let lock = NSLock()
    private var values: [String: any Sendable] = [:]
    private var loadCounts: [String: Int] = [:]

    /// The identity of a file read: its path, format and the options that change what is read.
    public static func key(path: String, format: String, options: [String] = []) -> String {
        ([path, format] + options).joined(separator: "|")
    }

    /// How many times the file under `key` was read (1 once loaded; for tests).
    public func loads(of key: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return loadCounts[key] ?? 0
    }

    /// The value read from the file at `path` under `key` (see `key(path:format:options:)`),
    /// reading it with `read` on first use.
    public func value<Value: Sendable>(for key: String, path: String, read: () throws -> Value) throws -> Value {
        let typedKey = "\(Value.self)|\(key)|\(Self.stamp(of: path))"
        lock.lock()
        defer { lock.unlock() }
        if let found = values[typedKey] as? Value { return found }
        let loaded = try read()
        values[typedKey] = loaded
        loadCounts[key, default: 0] += 1
        return loaded
    }

    /// The file's size and modification time, which tell a changed file from the one read.
    private static func stamp(of path: String) -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "unreadable" }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size)|\(modified)"
    }
}
