import Foundation
import OrderedCollections
import SimCore
import Yams

/// What an output directory keeps about how it was made, besides the manifest: the spec as
/// run (`spec.yaml`) and the model's metric definitions (`metrics.json`). Both are pure
/// functions of the plan, so every writer of a directory writes the same bytes.
enum Provenance {
    /// The spec as run: the file's top-level keys in their order, with `seeds`, `base` and
    /// `sweep` as the overrides left them and only the claims the plan checks; running it
    /// with no options runs the same sweep. Relative file paths are written absolute (they
    /// were relative to the original spec's directory, not to the output directory).
    static func specYAML(plan: ExperimentPlan) throws -> String {
        let spec = plan.spec
        guard case .map(var root) = spec.document.root else { return "" }
        root["seeds"] = .list(plan.seeds.map { .int(Int($0)) })
        var base = spec.base
        for override in plan.overrides where !plan.axes.contains(where: { $0.key == override.key }) {
            base = base.setting(override.key, to: override.value)
        }
        let files = plan.modelType.parameters.filter { if case .file = $0.domain { true } else { false } }.map(\.path)
        let directory = ExperimentPlan.directory(of: spec) ?? "."
        for path in files {
            if let value = base.value(at: path) { base = base.setting(path, to: absolute(value, in: directory)) }
        }
        root["base"] = base
        if !plan.axes.isEmpty {
            var sweep = OrderedDictionary<String, ConfigValue>()
            for axis in plan.axes {
                sweep[axis.key] = .list(
                    files.contains(axis.key) ? axis.values.map { absolute($0, in: directory) } : axis.values)
            }
            root["sweep"] = .map(sweep)
        }
        if case .list(let claims) = root["claims"] {
            let kept = Set(spec.claims.map(\.path))
            let remaining = claims.indices.filter { kept.contains("claims[\($0)]") }.map { claims[$0] }
            root["claims"] = remaining.isEmpty ? nil : .list(remaining)
        }
        var text = "# The spec as run (overrides applied), written by memsim \(BuildInfo.version).\n"
        for (key, value) in root {
            text += try Yams.serialize(node: .mapping(Node.Mapping([(.scalar(.init(key)), node(value))])))
        }
        return text
    }

    /// A relative path string made absolute against `directory` (itself relative to the
    /// working directory); anything else unchanged.
    private static func absolute(_ value: ConfigValue, in directory: String) -> ConfigValue {
        guard case .string(let path) = value, !path.isEmpty, !path.hasPrefix("/") else { return value }
        let base =
            directory.hasPrefix("/")
            ? directory : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(directory)
        return .string(((base as NSString).appendingPathComponent(path) as NSString).standardizingPath)
    }

    /// `metrics.json`: every metric and table of the model with its unit and definition.
    static func metricsJSON(plan: ExperimentPlan) -> String {
        func entry(_ metric: MetricDefinition, kind: String) -> String {
            JSONWriter.object([
                ("definition", JSONWriter.quote(metric.definition)), ("kind", JSONWriter.quote(kind)),
                ("name", JSONWriter.quote(metric.name)), ("unit", JSONWriter.quote(metric.unit)),
            ])
        }
        let entries =
            plan.modelType.metrics.map { entry($0, kind: "metric") }
            + plan.modelType.tables.map { entry($0, kind: "table") }
        return "[\n" + entries.map { "  " + $0 }.joined(separator: ",\n") + "\n]\n"
    }

    /// A YAML node for a configuration value: strings quoted, numbers and booleans plain.
    private static func node(_ value: ConfigValue) -> Node {
        switch value {
        case .bool(let b): return .scalar(.init(b ? "true" : "false"))
        case .int(let i): return .scalar(.init(String(i)))
        case .double(let d):
            // YAML reads 1e-05 as text: a float needs its point (1.0e-05).
            var text = NumberFormatting.string(d)
            if !text.contains("."), let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                text.insert(contentsOf: ".0", at: e)
            } else if !text.contains(".") {
                text += ".0"
            }
            return .scalar(.init(text))
        case .string(let s): return .scalar(.init(s, .implicit, .doubleQuoted))
        case .list(let items): return .sequence(.init(items.map(node), .implicit, .flow))
        case .map(let entries):
            return .mapping(.init(entries.map { (Node.scalar(.init($0.key)), node($0.value)) }, .implicit, .flow))
        }
    }
}
