import OrderedCollections

/// A configuration value as written in an experiment spec: a scalar, a list or a map.
///
/// Maps keep their declared key order (the order of the spec), which is the order in
/// which resolved configurations are printed. Integers and floating-point numbers are
/// distinct cases because a spec may give them different meanings (for example an
/// integer cache size is an absolute count, a float is a fraction).
public enum ConfigValue: Hashable, Sendable {
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([ConfigValue])
    case map(OrderedDictionary<String, ConfigValue>)

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .list: return "list"
        case .map: return "map"
        }
    }

    /// The numeric value of an integer or a number, else `nil`.
    public var numericValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The value at a dotted key path (`"trace.alpha"`), or `nil` if absent.
    public func value(at path: String) -> ConfigValue? {
        var current = self
        for component in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard case .map(let entries) = current, let next = entries[String(component)] else {
                return nil
            }
            current = next
        }
        return current
    }

    /// A copy with the value at a dotted key path replaced (intermediate maps are created).
    public func setting(_ path: String, to newValue: ConfigValue) -> ConfigValue {
        let components = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        return setting(components[...], to: newValue)
    }

    private func setting(_ components: ArraySlice<String>, to newValue: ConfigValue) -> ConfigValue {
        guard let first = components.first else { return newValue }
        var entries: OrderedDictionary<String, ConfigValue> = [:]
        if case .map(let existing) = self { entries = existing }
        let child = entries[first] ?? .map([:])
        entries[first] = child.setting(components.dropFirst(), to: newValue)
        return .map(entries)
    }

    /// Deep merge: maps merge key by key (keys of `overlay` win, new keys append in
    /// overlay order); any other value is replaced by the overlay's.
    public func merged(with overlay: ConfigValue) -> ConfigValue {
        guard case .map(var base) = self, case .map(let top) = overlay else { return overlay }
        for (key, value) in top {
            if let existing = base[key] {
                base[key] = existing.merged(with: value)
            } else {
                base[key] = value
            }
        }
        return .map(base)
    }

    /// Every leaf key path of a map, in declared order (`["policy", "trace.alpha", ...]`).
    public var leafPaths: [String] {
        guard case .map(let entries) = self else { return [] }
        var paths: [String] = []
        for (key, value) in entries {
            if case .map(let inner) = value, !inner.isEmpty {
                paths += value.leafPaths.map { "\(key).\($0)" }
            } else {
                paths.append(key)
            }
        }
        return paths
    }
}

extension ConfigValue: CustomStringConvertible {
    /// A compact, deterministic rendering (flow-style YAML), used in keys and messages.
    public var description: String {
        switch self {
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return NumberFormatting.string(d)
        case .string(let s): return s
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let entries):
            return "{" + entries.map { "\($0.key): \($0.value.description)" }.joined(separator: ", ") + "}"
        }
    }
}
