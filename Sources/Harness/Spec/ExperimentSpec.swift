import Foundation
import OrderedCollections
import SimCore

/// A parsed experiment spec (see the README's "Experiment spec" section).
///
/// Parsing checks the spec's own structure; `ExperimentPlan` then checks it against the
/// model (keys, types, ranges) before anything runs.
public struct ExperimentSpec: Sendable {
    /// The YAML document, for locating errors.
    public let document: YAMLDocument
    public let name: String
    public let modelKind: String
    /// Seeds of every sweep point, in order.
    public var seeds: [UInt64]
    /// Overrides of the model defaults shared by every run.
    public let base: ConfigValue
    /// Ordered axes; the sweep is their cartesian product, first axis slowest.
    public var sweep: [SweepAxis]
    /// Validity filters; a point runs only if every one holds.
    public let filters: [(text: String, expression: WhereExpression)]
    public let pareto: ParetoSpec?
    /// The claims to check (a plan may drop some: `--no-claims`, or values an override removed).
    public var claims: [ClaimSpec]
    /// The paper card of a reproduction (required by `memsim reproduce`).
    public let reproduction: ReproductionCard?
    /// Metrics `report.md` shows besides those the claims and the Pareto front use (`report: {metrics: [...]}`).
    public let reportMetrics: [String]

    public var file: String { document.file }
}

/// One sweep axis: a dotted configuration key and its values in declared order.
public struct SweepAxis: Sendable, Equatable {
    public let key: String
    public var values: [ConfigValue]
}

/// The Pareto objectives: the point's value of each is a sweep parameter or a metric mean.
public struct ParetoSpec: Sendable, Equatable {
    public struct Objective: Sendable, Equatable {
        public let name: String
        public let minimize: Bool
    }
    /// When one point dominates another.
    public enum Dominance: String, Sendable, CaseIterable {
        /// No worse in every objective and better in one, by the means.
        case means
        /// As `means`, and the better objective's 95% intervals do not overlap (a sweep key
        /// has no interval: its values separate), so no front rests on overlapping intervals.
        case intervals
    }

    public let objectives: [Objective]
    /// Sweep keys whose values split the points into series, each with its own front.
    public let series: [String]
    public var dominance = Dominance.means
}

extension ExperimentSpec {
    static let topLevelKeys = [
        "name", "description", "model", "seeds", "base", "sweep", "where", "pareto", "claims", "reproduction", "report",
    ]

    /// Parses a spec document (structure only).
    public init(document: YAMLDocument) throws {
        self.document = document
        guard case .map(let top) = document.root else {
            throw document.error("", "the spec must be a map with keys " + Self.topLevelKeys.joined(separator: ", "))
        }
        for key in top.keys where !Self.topLevelKeys.contains(key) {
            throw HarnessError.spec(
                document.file, line: document.line(of: key), keyPath: key,
                ConfigError.unknownName(key, kind: "key", name: key, known: Self.topLevelKeys).problem)
        }
        let reader = SpecReader(document: document)
        name = try reader.string(top, "name")
        // The name is the default output directory under results/: one plain path component.
        let plain = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7a) || "._-".utf8.contains(byte)
        }
        guard plain, !name.isEmpty, name.first != ".", name.utf8.count <= 200 else {
            throw document.error(
                "name",
                "'\(name)' is not a plain name (letters, digits, '.', '_', '-', not starting with '.'); "
                    + "it names the output directory under results/")
        }
        modelKind = try reader.string(top, "model")
        seeds = try reader.seeds(top["seeds"] ?? .int(10))
        base = try reader.expandingDottedKeys(reader.map(top, "base") ?? .map([:]), path: "base")
        sweep = try reader.sweep(top["sweep"])
        filters = try reader.filters(top["where"])
        pareto = try reader.pareto(top["pareto"])
        claims = try reader.claims(top["claims"])
        reproduction = try top["reproduction"].map { try ReproductionCard($0, document: document) }
        reportMetrics = try reader.reportMetrics(top["report"])
    }

    /// Number of sweep points before filtering.
    public var pointCount: Int { sweep.reduce(1) { $0 * $1.values.count } }
}

/// Structural readers for spec sections, producing located errors.
struct SpecReader {
    let document: YAMLDocument

    func string(_ map: SpecMap, _ key: String, path: String? = nil) throws -> String {
        let keyPath = path ?? key
        guard let value = map[key] else { throw document.error(keyPath, "missing required key") }
        guard case .string(let s) = value, !s.isEmpty else {
            throw document.error(keyPath, "expected a non-empty string, found \(value.typeName) '\(value)'")
        }
        return s
    }

    func map(_ map: SpecMap, _ key: String) throws -> ConfigValue? {
        guard let value = map[key] else { return nil }
        guard case .map = value else { throw document.error(key, "expected a map, found \(value.typeName)") }
        return value
    }

    func seeds(_ value: ConfigValue) throws -> [UInt64] {
        switch value {
        case .int(let n):
            guard (1...1_000_000).contains(n) else {
                throw document.error(
                    "seeds", "\(n) is out of range; allowed: a count in 1...1000000 or a list of seeds")
            }
            return (1...n).map { UInt64($0) }
        case .list(let items):
            guard !items.isEmpty else { throw document.error("seeds", "empty list") }
            var seen = Set<UInt64>()
            return try items.enumerated().map { index, item in
                guard case .int(let s) = item, s >= 0 else {
                    throw document.error("seeds[\(index)]", "expected a non-negative integer seed, found '\(item)'")
                }
                guard seen.insert(UInt64(s)).inserted else {
                    throw document.error("seeds[\(index)]", "duplicate seed \(s)")
                }
                return UInt64(s)
            }
        default:
            throw document.error("seeds", "expected a count or a list of integer seeds, found \(value.typeName)")
        }
    }

    /// `value` with every dotted key of its maps (`trace.requests: 777`) nested as the
    /// path it names (`trace: {requests: 777}`), the form sweeps and `--set` use; a key
    /// given both ways is an error.
    func expandingDottedKeys(_ value: ConfigValue, path: String) throws -> ConfigValue {
        guard case .map(let entries) = value else { return value }
        var result = ConfigValue.map([:])
        for (key, child) in entries {
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            let expanded = try expandingDottedKeys(child, path: childPath)
            if key.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
                throw document.error(childPath, "'\(key)' is not a key path (an empty part between dots)")
            }
            if let existing = result.value(at: key) {
                guard case .map = existing, case .map = expanded else {
                    throw document.error(childPath, "given twice (as '\(key)' and within a map)")
                }
                for leaf in expanded.leafPaths where existing.value(at: leaf) != nil {
                    throw document.error("\(childPath).\(leaf)", "given twice (with and without dots)")
                }
                result = result.setting(key, to: existing.merged(with: expanded))
            } else {
                result = result.setting(key, to: expanded)
            }
        }
        return result
    }

    func sweep(_ value: ConfigValue?) throws -> [SweepAxis] {
        guard let value else { return [] }
        guard case .map(let entries) = value else { throw document.error("sweep", "expected a map of key: [values]") }
        return try entries.map { key, values in
            guard case .list(let items) = values else {
                throw document.error("sweep.\(key)", "expected a list of values, found \(values.typeName) '\(values)'")
            }
            guard !items.isEmpty else { throw document.error("sweep.\(key)", "empty sweep list") }
            for (i, item) in items.enumerated() where items[..<i].contains(where: { $0.matches(item) }) {
                throw document.error("sweep.\(key)[\(i)]", "duplicate value '\(item)'")
            }
            return SweepAxis(key: key, values: items)
        }
    }

    func filters(_ value: ConfigValue?) throws -> [(text: String, expression: WhereExpression)] {
        guard let value else { return [] }
        let items: [ConfigValue]
        switch value {
        case .list(let list): items = list
        case .string: items = [value]
        default: throw document.error("where", "expected a list of conditions")
        }
        return try items.enumerated().map { index, item in
            let path = "where[\(index)]"
            guard case .string(let text) = item else { throw document.error(path, "expected a condition string") }
            do {
                return (text, try WhereExpression.parse(text))
            } catch let error as WhereError {
                throw document.error(path, "cannot parse '\(text)': \(error.description)")
            }
        }
    }

    func pareto(_ value: ConfigValue?) throws -> ParetoSpec? {
        guard let value else { return nil }
        guard case .map(let entries) = value else { throw document.error("pareto", "expected a map") }
        let allowed = ["x", "y", "objectives", "minimize", "maximize", "series", "dominance"]
        for key in entries.keys where !allowed.contains(key) {
            throw document.error(
                "pareto.\(key)", ConfigError.unknownName("", kind: "key", name: key, known: allowed).problem)
        }
        // Objectives: `x` and `y` roles, and/or an `objectives` list of names.
        var roles: [(role: String, name: String)] = []
        for role in ["x", "y"] {
            if let v = entries[role] {
                guard case .string(let name) = v else {
                    throw document.error("pareto.\(role)", "expected a parameter or metric name")
                }
                roles.append((role, name))
            }
        }
        if let list = entries["objectives"] {
            guard case .list(let items) = list else {
                throw document.error("pareto.objectives", "expected a list of names")
            }
            for (i, item) in items.enumerated() {
                guard case .string(let name) = item else {
                    throw document.error("pareto.objectives[\(i)]", "expected a name")
                }
                roles.append((name, name))
            }
        }
        guard roles.count >= 2 else {
            throw document.error("pareto", "needs at least two objectives (x and y, or an objectives list)")
        }
        if let twice = roles.map(\.name).enumerated().first(where: { i, name in
            roles.prefix(i).contains { $0.name == name }
        })?.element {
            throw document.error("pareto", "objective '\(twice)' appears twice; each objective is one column")
        }
        let minimize = try names(entries["minimize"], path: "pareto.minimize")
        let maximize = try names(entries["maximize"], path: "pareto.maximize")
        var objectives: [ParetoSpec.Objective] = []
        for (role, name) in roles {
            let isMin = minimize.contains(role) || minimize.contains(name)
            let isMax = maximize.contains(role) || maximize.contains(name)
            guard isMin != isMax else {
                throw document.error("pareto", "objective '\(name)' must appear in exactly one of minimize or maximize")
            }
            objectives.append(.init(name: name, minimize: isMin))
        }
        let known = Set(roles.map(\.role) + roles.map(\.name))
        for (path, list) in [("pareto.minimize", minimize), ("pareto.maximize", maximize)] {
            for name in list where !known.contains(name) {
                throw document.error(path, "'\(name)' is not one of the objectives")
            }
        }
        var spec = ParetoSpec(objectives: objectives, series: try names(entries["series"], path: "pareto.series"))
        spec.dominance = try dominance(entries["dominance"])
        return spec
    }

    /// `report: {metrics: [a, b]}`: the names (checked against the model by the plan).
    func reportMetrics(_ value: ConfigValue?) throws -> [String] {
        guard let value else { return [] }
        guard case .map(let entries) = value else { throw document.error("report", "expected a map {metrics: [...]}") }
        for key in entries.keys where key != "metrics" {
            throw document.error(
                "report.\(key)", ConfigError.unknownName("", kind: "key", name: key, known: ["metrics"]).problem)
        }
        return try names(entries["metrics"], path: "report.metrics")
    }

    /// `pareto.dominance`: `means` (the default) or `intervals`.
    func dominance(_ value: ConfigValue?) throws -> ParetoSpec.Dominance {
        guard let value else { return .means }
        guard case .string(let name) = value, let dominance = ParetoSpec.Dominance(rawValue: name) else {
            throw document.error(
                "pareto.dominance",
                ConfigError.unknownName(
                    "", kind: "dominance", name: "\(value)", known: ParetoSpec.Dominance.allCases.map(\.rawValue)
                ).problem)
        }
        return dominance
    }

    func names(_ value: ConfigValue?, path: String) throws -> [String] {
        switch value {
        case nil: return []
        case .string(let s): return [s]
        case .list(let items):
            return try items.map {
                guard case .string(let s) = $0 else { throw document.error(path, "expected names, found '\($0)'") }
                return s
            }
        default: throw document.error(path, "expected a name or a list of names")
        }
    }

    func claims(_ value: ConfigValue?) throws -> [ClaimSpec] {
        guard let value else { return [] }
        guard case .list(let items) = value else { throw document.error("claims", "expected a list of claims") }
        let claims = try items.enumerated().map { index, item in
            try ClaimSpec(item, index: index, document: document)
        }
        for claim in claims where claims[..<claim.index].contains(where: { $0.name == claim.name }) {
            throw document.error("\(claim.path).name", "duplicate claim name '\(claim.name)'")
        }
        return claims
    }
}

/// A spec section's entries in declared order.
typealias SpecMap = OrderedDictionary<String, ConfigValue>

extension ConfigValue {
    /// Equality in which an integer equals the float of the same value (`1 == 1.0`).
    public func matches(_ other: ConfigValue) -> Bool {
        if let x = numericValue, let y = other.numericValue { return x == y }
        return self == other
    }
}
