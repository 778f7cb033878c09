import Foundation

/// Files the tests read and write: the repository's own data, and fresh temporary files.
public enum TestFiles {
    /// The repository root: `MEMSIM_ROOT` when set, else found from this file's path.
    public static var repositoryRoot: String {
        if let root = ProcessInfo.processInfo.environment["MEMSIM_ROOT"] { return root }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// `data/traces` of the repository: the real traces the golden tests read.
    public static var tracesDirectory: String { repositoryRoot + "/data/traces" }

    /// A fresh, empty temporary directory.
    public static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("memsim-test-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `bytes` to a file named `name` in a fresh temporary directory; returns its path.
    public static func temporaryFile(_ name: String, bytes: [UInt8]) throws -> String {
        let path = try temporaryDirectory() + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes `text` (UTF-8) to a file named `name` in a fresh temporary directory; returns its path.
    public static func temporaryFile(_ name: String, _ text: String) throws -> String {
        try temporaryFile(name, bytes: Array(text.utf8))
    }

    /// Writes `text` (UTF-8) to `path`.
    public static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The UTF-8 text of the file at `path`.
    public static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
}
