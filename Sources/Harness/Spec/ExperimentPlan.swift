import Foundation
import OrderedCollections
import SimCore

/// One `--set key=value` override from the command line.
public struct Override: Sendable, Equatable {
    public let key: String
    public let value: ConfigValue

    public init(key: String, value: ConfigValue) {
        self.key = key
        self.value = value
    }

    /// Parses `key=value`; the value is read as YAML (`0.1`, `lru`, `[lru, opt]`).
    public static func parse(_ text: String) throws -> Override {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw HarnessError("expected key=value")
        }
        let key = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
        let raw = String(text[text.index(after: eq)...])
        return Override(key: key, value: try YAMLDocument.parseValue(raw, origin: "--set \(key)"))
    }
}

/// One point of the sweep after filtering: its parameters and resolved configuration.
public struct SweepPoint: Sendable {
    /// Position among the kept points, in sweep order.
    public let index: Int
    /// The sweep values of this point, in axis order.
    public let parameters: [(key: String, value: ConfigValue)]
    /// defaults <- base <- point <- overrides.
    public let configuration: ConfigValue
    /// The model built from `configuration` (validated).
    public let model: any Model

    /// `policy=lru,cache_size=0.01`.
    public var label: String {
        parameters.isEmpty ? "default" : parameters.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    public func value(of key: String) -> ConfigValue? { parameters.first { $0.key == key }?.value }
}

/// One run: a sweep point and a seed.
public struct PlannedRun: Sendable {
    /// Position in canonical order (points in sweep order, seeds in spec order within each).
    public let ordinal: Int
    public let point: Int
    public let seed: UInt64
    /// Stable identity: readable parameters, the seed, and a hash of the resolved configuration.
    public let key: String
}

/// A validated spec expanded into points and runs. Building it checks everything that can
/// be checked without running: keys, types, ranges, filters, Pareto objectives, claims.
public struct ExperimentPlan: Sendable {
    /// The spec, with the claims this plan checks (`--no-claims` drops them all; a claim an
    /// override broke is dropped with a note).
    public private(set) var spec: ExperimentSpec
    /// What the plan changed in the spec, for the user: dropped claims.
    public private(set) var notes: [String] = []
    public let modelType: any Model.Type
    public let overrides: [Override]
    public let axes: [SweepAxis]
    public let points: [SweepPoint]
    public let runs: [PlannedRun]

    /// The most seeds a sweep may use (`seeds` or `--seeds`).
    public static let maxSeeds = 1_000_000
    /// The most sweep points (before `where` filters) and runs a plan may hold.
    public static let maxPoints = 1_000_000
    public static let maxRuns = 10_000_000

    public var metricNames: [String] { modelType.metrics.map(\.name) }
    public var tableNames: [String] { modelType.tables.map(\.name) }

    public init(
        spec: ExperimentSpec, overrides: [Override] = [], seedCount: Int? = nil, checksClaims: Bool = true,
        allowsInert: Bool = false
    ) throws {
        self.spec = spec
        self.overrides = overrides
        let document = spec.document
        guard let modelType = ModelRegistry.model(kind: spec.modelKind) else {
            throw document.error(
                "model",
                ConfigError.unknownName("", kind: "model", name: spec.modelKind, known: ModelRegistry.kinds).problem)
        }
        self.modelType = modelType
        var seeds = spec.seeds
        if let seedCount {
            guard (1...Self.maxSeeds).contains(seedCount) else {
                throw HarnessError("--seeds \(seedCount): must be in 1...\(Self.maxSeeds)")
            }
            seeds = (1...seedCount).map { UInt64($0) }
        }
        let keyCheck = KnownKeys(parameters: modelType.parameters)

        // Keys of base, sweep and overrides must exist in the model's defaults table.
        try keyCheck.check(spec.base, path: "", document: document, section: "base")
        for axis in spec.sweep {
            for value in axis.values {
                try keyCheck.check(value, path: axis.key, document: document, section: "sweep")
            }
        }
        let (axes, fixed) = try Self.applying(
            Self.anchoringPaths(of: overrides, parameters: modelType.parameters), to: spec.sweep, keyCheck: keyCheck)
        self.axes = axes
        let combinations = axes.reduce(1.0) { $0 * Double($1.values.count) }
        guard combinations <= Double(Self.maxPoints), combinations * Double(seeds.count) <= Double(Self.maxRuns) else {
            throw document.error(
                "sweep",
                "\(NumberFormatting.string(combinations)) sweep points x \(seeds.count) seeds is more than memsim plans "
                    + "(at most \(Self.maxPoints) points and \(Self.maxRuns) runs); split the sweep")
        }

        let points = try Self.points(of: spec, modelType: modelType, axes: axes, fixed: fixed)
        self.points = points
        let inert = Self.inertEverywhere(points, parameters: modelType.parameters)
        if let first = inert.first, !allowsInert {
            throw Self.locate(first.error, axes: axes, overrides: fixed, base: spec.base, document: document)
        }

        runs = Self.runs(of: points, seeds: seeds)
        try validateOutputsSpec()
        try selectClaims(checking: checksClaims)
        notes += inert.map {
            "warning: \($0.error.description) (at all \($0.points) points that set it; --allow-inert)"
        }
    }

    /// The sweep axes after `--set` overrides: an override of an axis replaces its values (a
    /// list, its items); the others are returned as fixed overrides.
    static func applying(_ overrides: [Override], to sweep: [SweepAxis], keyCheck: KnownKeys) throws
        -> (axes: [SweepAxis], fixed: [Override])
    {
        var axes = sweep
        var fixed: [Override] = []
        for override in overrides {
            if let error = keyCheck.overrideProblem(override.value, path: override.key) {
                throw HarnessError("--set \(override.key): \(error)")
            }
            if let i = axes.firstIndex(where: { $0.key == override.key }) {
                if case .list(let items) = override.value, !items.isEmpty {
                    // The same checks as the spec's sweep lists.
                    for (j, item) in items.enumerated() where items[..<j].contains(where: { $0.matches(item) }) {
                        throw HarnessError("--set \(override.key): duplicate value '\(item)'")
                    }
                    axes[i].values = items
                } else {
                    axes[i].values = [override.value]
                }
            } else {
                fixed.append(override)
            }
        }
        return (axes, fixed)
    }

    /// The sweep points that pass the spec's filters, each with its model built (validated):
    /// defaults <- base <- point <- fixed overrides.
    static func points(of spec: ExperimentSpec, modelType: any Model.Type, axes: [SweepAxis], fixed: [Override])
        throws -> [SweepPoint]
    {
        let document = spec.document
        let defaults = modelType.defaults
        var points: [SweepPoint] = []
        for combination in Self.cartesianProduct(axes) {
            var config = defaults.merged(with: spec.base)
            for (key, value) in combination {
                config = config.setting(key, to: config.value(at: key)?.merged(with: value) ?? value)
            }
            for override in fixed { config = config.setting(override.key, to: override.value) }
            var keep = true
            for (index, filter) in spec.filters.enumerated() {
                do {
                    keep = try filter.expression.evaluate(in: config)
                } catch let error as WhereError {
                    throw document.error("where[\(index)]", "'\(filter.text)': \(error.description)")
                }
                if !keep { break }
            }
            guard keep else { continue }
            let model: any Model
            do {
                // Keys without effect are judged over the whole sweep (`inertEverywhere`), not per point.
                model = try modelType.init(
                    config: Configuration(config, baseDirectory: Self.directory(of: spec), allowsInert: true))
            } catch let error as ConfigError {
                throw Self.locate(error, axes: axes, overrides: fixed, base: spec.base, document: document)
            }
            points.append(SweepPoint(index: points.count, parameters: combination, configuration: config, model: model))
        }
        guard !points.isEmpty else {
            throw document.error(
                spec.filters.isEmpty ? "sweep" : "where", "the filters exclude every sweep point: nothing to run")
        }
        return points
    }

    /// Every point's runs, seeds in order within each point, keyed by the point's label, the
    /// seed and a hash of the resolved configuration.
    static func runs(of points: [SweepPoint], seeds: [UInt64]) -> [PlannedRun] {
        var runs: [PlannedRun] = []
        for point in points {
            let configText = JSONWriter.encode(point.configuration)
            for seed in seeds {
                let identity = FNV1a.hex(Array("\(configText)#\(seed)".utf8))
                let key = "\(point.label),seed=\(seed)#\(identity.prefix(12))"
                runs.append(PlannedRun(ordinal: runs.count, point: point.index, seed: seed, key: key))
            }
        }
        return runs
    }

    /// The keys set (other than their default) at some points that have no effect at any of
    /// them: a base key no point uses, or a swept key whose every point ignores it. A key
    /// that some points use and others ignore (prediction settings in a sweep over learned
    /// and classic policies) is not among them.
    static func inertEverywhere(_ points: [SweepPoint], parameters: [ModelParameter]) -> [(
        error: ConfigError, points: Int
    )] {
        var found: [(error: ConfigError, points: Int)] = []
        for parameter in parameters where parameter.appliesWhen != nil {
            var given = 0
            var inert: [ConfigError] = []
            for point in points {
                let config = Configuration(point.configuration)
                guard config.setsAwayFromDefault(parameter) else { continue }
                given += 1
                inert += config.inertSettings([parameter], declared: parameters)
            }
            if given > 0, inert.count == given, let first = inert.first { found.append((first, given)) }
        }
        return found
    }

    /// The directory of the spec file, which relative file paths in the spec are relative
    /// to (`nil`: the working directory).
    static func directory(of spec: ExperimentSpec) -> String? {
        let directory = (spec.document.file as NSString).deletingLastPathComponent
        return directory.isEmpty ? nil : directory
    }

    /// Overrides with each relative file path (a key declared `.file`) made absolute against
    /// the working directory, where the command line was typed.
    static func anchoringPaths(of overrides: [Override], parameters: [ModelParameter]) -> [Override] {
        let files = Set(parameters.filter { if case .file = $0.domain { true } else { false } }.map(\.path))
        return overrides.map { override in
            guard files.contains(override.key), case .string(let path) = override.value, !path.isEmpty,
                !path.hasPrefix("/")
            else { return override }
            let absolute = (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
            return Override(key: override.key, value: .string(absolute))
        }
    }

    /// The seeds in use, in order.
    public var seeds: [UInt64] {
        guard let first = runs.first else { return [] }
        return runs.filter { $0.point == first.point }.map(\.seed)
    }

    /// Cartesian product in declared order, first axis slowest.
    static func cartesianProduct(_ axes: [SweepAxis]) -> [[(key: String, value: ConfigValue)]] {
        var result: [[(key: String, value: ConfigValue)]] = [[]]
        for axis in axes {
            result = result.flatMap { prefix in axis.values.map { prefix + [(axis.key, $0)] } }
        }
        return result
    }

    /// Turns a model's `ConfigError` into a located error: the sweep axis, the override or
    /// the base key that supplied the value.
    static func locate(
        _ error: ConfigError, axes: [SweepAxis], overrides: [Override], base: ConfigValue, document: YAMLDocument
    ) -> HarnessError {
        let path = error.keyPath
        func covers(_ key: String) -> Bool { path == key || path.hasPrefix(key + ".") }
        if let override = overrides.last(where: { covers($0.key) }) {
            return HarnessError("--set \(override.key): \(error.problem)")
        }
        if let axis = axes.first(where: { covers($0.key) }) {
            return document.error("sweep.\(axis.key)", error.problem)
        }
        if base.value(at: path) != nil {
            return document.error("base.\(path)", error.problem)
        }
        return document.error(path, error.problem + " (model default)")
    }

    private func validateOutputsSpec() throws {
        let document = spec.document
        let metrics = metricNames
        for name in spec.reportMetrics where !metrics.contains(name) {
            throw document.error(
                "report.metrics", ConfigError.unknownName("", kind: "metric", name: name, known: metrics).problem)
        }
        let axisKeys = axes.map(\.key)
        if let pareto = spec.pareto {
            for objective in pareto.objectives {
                if metrics.contains(objective.name) { continue }
                guard let axis = axes.first(where: { $0.key == objective.name }) else {
                    throw document.error(
                        "pareto",
                        ConfigError.unknownName("", kind: "objective", name: objective.name, known: axisKeys + metrics)
                            .problem)
                }
                guard axis.values.allSatisfy({ $0.numericValue != nil }) else {
                    throw document.error(
                        "pareto", "objective '\(objective.name)' is a sweep key with non-numeric values")
                }
            }
            for key in pareto.series where !axisKeys.contains(key) {
                throw document.error(
                    "pareto.series", ConfigError.unknownName("", kind: "sweep key", name: key, known: axisKeys).problem)
            }
        }
    }

    /// Validates the claims. With overrides, a claim that holds against the spec's own sweep
    /// but not against this plan (an override removed a value or point it needs) is dropped
    /// with a note instead of refusing the run; any other invalid claim is an error.
    private mutating func selectClaims(checking: Bool) throws {
        guard checking else {
            if !spec.claims.isEmpty { notes.append("\(spec.claims.count) claims not checked (--no-claims)") }
            spec.claims = []
            return
        }
        var kept: [ClaimSpec] = []
        for claim in spec.claims {
            do {
                try ClaimValidator(plan: self).validate(claim)
                kept.append(claim)
            } catch let error as HarnessError where !overrides.isEmpty {
                let original = ClaimValidator(plan: self, axes: spec.sweep, checksPoints: false)
                guard (try? original.validate(claim)) != nil else { throw error }
                notes.append("claim '\(claim.name)' dropped: --set leaves it nothing to check (\(error.message))")
            }
        }
        spec.claims = kept
    }
}

/// Checks user-supplied keys against a model's defaults table.
struct KnownKeys {
    let paths: [String]

    init(parameters: [ModelParameter]) { paths = parameters.map(\.path) }

    /// Throws a located error for the first unknown key in `value` placed at `path`.
    func check(_ value: ConfigValue, path: String, document: YAMLDocument, section: String) throws {
        if let problem = problem(value, path: path) {
            let (badPath, message) = problem
            let located = section == "base" ? "base.\(badPath)" : "sweep.\(path)"
            throw document.error(located, message)
        }
    }

    /// The first unknown key path and its message, or `nil`.
    func problem(_ value: ConfigValue, path: String) -> (String, String)? {
        if !path.isEmpty, paths.contains(path) { return nil }
        let prefix = path.isEmpty ? "" : path + "."
        if case .map(let entries) = value, path.isEmpty || paths.contains(where: { $0.hasPrefix(prefix) }) {
            for (key, child) in entries {
                if let found = problem(child, path: prefix + key) { return found }
            }
            return nil
        }
        if case .map = value {
        } else if paths.contains(where: { $0.hasPrefix(prefix) }) {
            return (path, "expected a map of keys " + paths.filter { $0.hasPrefix(prefix) }.joined(separator: ", "))
        }
        return (path, ConfigError.unknownName("", kind: "key", name: path, known: paths).problem)
    }
}

extension KnownKeys {
    /// The message only, for command-line overrides.
    func overrideProblem(_ value: ConfigValue, path: String) -> String? {
        let found = problem(value, path: path)
        return found.map { $0.1 }
    }
}
