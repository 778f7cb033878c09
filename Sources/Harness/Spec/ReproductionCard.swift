import OrderedCollections
import SimCore

/// The card that opens a reproduction's report: which paper, where its numbers stand, and
/// how far memsim's setting is from the paper's.
public struct ReproductionCard: Sendable, Equatable {
    /// How the reproduction's setting relates to the paper's.
    ///
    /// - `faithful`: the paper's own workload, trace or model figures;
    /// - `scaled`: the paper's construction at a smaller size or on a stand-in model or
    ///   hardware;
    /// - `synthetic`: memsim's own construction that shares only the mechanism.
    public enum Setting: String, Sendable, CaseIterable {
        case faithful, scaled, synthetic
    }

    /// Authors, title, venue and year.
    public let paper: String
    /// The figures, tables or sections the claims' numbers come from.
    public let source: String
    public let setting: Setting
    /// What is the paper's and what is memsim's own.
    public let how: String

    static let keys = ["paper", "source", "setting", "how"]

    init(_ value: ConfigValue, document: YAMLDocument) throws {
        guard case .map(let entries) = value else {
            throw document.error("reproduction", "expected a map: " + Self.keys.joined(separator: ", "))
        }
        for key in entries.keys where !Self.keys.contains(key) {
            throw document.error(
                "reproduction.\(key)",
                ConfigError.unknownName("", kind: "key of reproduction", name: key, known: Self.keys).problem)
        }
        let reader = SpecReader(document: document)
        paper = try reader.string(entries, "paper", path: "reproduction.paper")
        source = try reader.string(entries, "source", path: "reproduction.source")
        how = try reader.string(entries, "how", path: "reproduction.how")
        let settingName = try reader.string(entries, "setting", path: "reproduction.setting")
        guard let setting = Setting(rawValue: settingName) else {
            throw document.error(
                "reproduction.setting",
                ConfigError.unknownName("", kind: "setting", name: settingName, known: Setting.allCases.map(\.rawValue))
                    .problem)
        }
        self.setting = setting
    }
}
