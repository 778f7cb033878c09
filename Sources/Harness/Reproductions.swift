import Foundation
import SimCore

/// The paper reproductions: one spec per paper in a directory (by default
/// `Experiments/reproductions/`), named by file name without `.yaml`.
public enum Reproductions {
    /// The reproduction specs' directory, relative to a clone's root.
    static let relativeDirectory = "Experiments/reproductions"

    /// Where the reproduction specs are by default, the first that exists of:
    /// `Experiments/reproductions` of the working directory (a clone); the copy `make install`
    /// put under `share/memsim` beside the executable's `bin`; and the clone the executable was
    /// built in (`.build/<configuration>/memsim` of a checkout). Wherever memsim is run from,
    /// it finds the reproductions shipped with its build.
    public static func locateDirectory() throws -> String {
        if FileManager.default.fileExists(atPath: relativeDirectory) { return relativeDirectory }
        if let installed = BuildInfo.installed(relativeDirectory) { return installed }
        if let built = BuildInfo.checkout(relativeDirectory) { return built }
        throw HarnessError(
            "no reproduction specs found: not in ./\(relativeDirectory), not installed beside this memsim "
                + "(../share/memsim/\(relativeDirectory)) and not in the checkout it was built in; "
                + "give the directory with --experiments DIR")
    }

    /// One line per reproduction in `directory`: its name, paper and setting, tab-separated.
    public static func listing(in directory: String) throws -> String {
        try names(in: directory).map { name in
            let spec = try ExperimentSpec(document: try YAMLDocument.load(path: specPath(name, in: directory)))
            try check(spec)
            let card = spec.reproduction
            return "\(name)\t\(card?.paper ?? "")\t\(card?.setting.rawValue ?? "")\n"
        }.joined()
    }

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
            throw HarnessError(
                ConfigError.unknownName(directory, kind: "reproduction", name: name, known: known).description)
        }
        return name
    }

    /// Checks that a spec is a reproduction: it has a `reproduction` card and at least one
    /// `reproduces` claim.
    public static func check(_ spec: ExperimentSpec) throws {
        guard spec.reproduction != nil else {
            throw spec.document.error("reproduction", "missing: a reproduction's card (paper, source, setting, how)")
        }
        guard spec.claims.contains(where: { $0.role == .reproduces }) else {
            throw spec.document.error("claims", "a reproduction needs at least one claim with role: reproduces")
        }
    }

    /// The README's table of reproductions, generated from the specs in `directory`: paper,
    /// where its numbers stand, setting, and the counts of `reproduces` claims by the
    /// agreement each is known (and checked by `memsim reproduce`) to reach, then the counts
    /// of `counter` and `sanity` claims.
    public static func markdownTable(in directory: String) throws -> String {
        var md =
            "| reproduction | paper | numbers from | setting | reproduces: number / direction / disagrees | counter | sanity |\n"
        md += "|---|---|---|---|---|---|---|\n"
        for name in try names(in: directory) {
            let spec = try ExperimentSpec(document: try YAMLDocument.load(path: specPath(name, in: directory)))
            try check(spec)
            guard let card = spec.reproduction else { continue }
            let expected = spec.claims.compactMap(\.expectedAgreement)
            func count(_ a: Agreement) -> Int { expected.filter { $0 == a }.count }
            func count(_ role: ClaimRole) -> Int { spec.claims.filter { $0.role == role }.count }
            let cells = [
                "`\(name)`", card.paper, card.source, card.setting.rawValue,
                "\(count(.number)) / \(count(.direction)) / \(count(.disagrees))", "\(count(.counter))",
                "\(count(.sanity))",
            ]
            md += "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        return md
    }
}
