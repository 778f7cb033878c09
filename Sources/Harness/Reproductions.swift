import Foundation
import SimCore

/// The paper reproductions: one spec per paper in a directory (by default
/// `Experiments/reproductions/`), named by file name without `.yaml`.
public enum Reproductions {
    /// The spec file of reproduction `name` in `directory`.
    public static func specPath(_ name: String, in directory: String) -> String {
        (directory as NSString).appendingPathComponent("\(name).yaml")
    }

    /// Every reproduction in `directory`, sorted by name.
    public static func names(in directory: String) throws -> [String] {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw HarnessError("\(directory): cannot read the reproductions directory")
        }
        let names = files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        guard !names.isEmpty else { throw HarnessError("\(directory): no reproduction specs (*.yaml)") }
        return names
    }

    /// `name` if `directory` holds its spec; otherwise an error naming the known ones.
    public static func checkedName(_ name: String, in directory: String) throws -> String {
        let known = try names(in: directory)
        guard known.contains(name) else {
            throw HarnessError(ConfigError.unknownName(directory, kind: "reproduction", name: name, known: known).description)
        }
        return name
    }
}
