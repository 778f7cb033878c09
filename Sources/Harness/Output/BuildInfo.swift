import Foundation

/// Which build of memsim is running: its version and the commit it was built from.
///
/// `make build-release` and `make install` write the commit (`git rev-parse HEAD`, with
/// `-dirty` when the work tree had changes) to `memsim.commit` beside the executable and to
/// `share/memsim/commit` under the install prefix; a binary built otherwise reports `unknown`.
public enum BuildInfo {
    public static let version = "0.1.0"

    /// The directory of the running executable.
    public static var executableDirectory: URL? { Bundle.main.executableURL?.deletingLastPathComponent() }

    /// The commit the running binary was built from, or `unknown`.
    public static var commit: String {
        guard let directory = executableDirectory else { return "unknown" }
        for candidate in ["memsim.commit", "../share/memsim/commit"] {
            let path = directory.appendingPathComponent(candidate).path
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                let commit = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !commit.isEmpty { return commit }
            }
        }
        return "unknown"
    }

    /// `0.1.0 (commit abc123)`, what `memsim --version` prints.
    public static var description: String { "\(version) (commit \(commit))" }

    /// A data directory of the checkout the executable was built in: the first ancestor of
    /// the executable's directory (`.build/<triple>/<configuration>`, up to five levels up)
    /// that holds both `Package.swift` and `relativePath`.
    public static func checkout(_ relativePath: String) -> String? {
        guard var directory = executableDirectory?.resolvingSymlinksInPath() else { return nil }
        for _ in 0..<5 {
            directory = directory.deletingLastPathComponent()
            let data = directory.appendingPathComponent(relativePath).path
            let package = directory.appendingPathComponent("Package.swift").path
            if FileManager.default.fileExists(atPath: data), FileManager.default.fileExists(atPath: package) {
                return data
            }
        }
        return nil
    }

    /// The installed copy of a data directory of the repository (`Experiments/reproductions`),
    /// under `share/memsim` beside the executable's `bin`, if there is one.
    public static func installed(_ relativePath: String) -> String? {
        guard let directory = executableDirectory else { return nil }
        let path = directory.appendingPathComponent("../share/memsim/\(relativePath)").standardized.path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
