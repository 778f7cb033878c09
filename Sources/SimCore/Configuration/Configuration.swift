import OrderedCollections

/// A model's fully resolved configuration, with typed access that throws `ConfigError`s
/// naming the key path.
///
/// Keys are dotted paths relative to the configuration root (`"trace.alpha"`). Error key
/// paths are prefixed with `keyPathPrefix`, so a model reading `cache_size` reports
/// `base.cache_size` or whatever section the harness says the value came from.
public struct Configuration: Hashable, Sendable {
    /// The root map.
    public let root: ConfigValue
    /// Prefix of every key path in error messages.
    public let keyPathPrefix: String

    public init(_ root: ConfigValue, keyPathPrefix: String = "") {
        self.root = root
        self.keyPathPrefix = keyPathPrefix
    }

    private func fullPath(_ key: String) -> String {
        keyPathPrefix.isEmpty ? key : "\(keyPathPrefix).\(key)"
    }

    /// The raw value at `key`; throws if it is missing.
    public func value(_ key: String) throws -> ConfigValue {
        guard let found = root.value(at: key) else {
            throw ConfigError(fullPath(key), "missing required key")
        }
        return found
    }

    /// Whether a value exists at `key`.
    public func contains(_ key: String) -> Bool { root.value(at: key) != nil }

    /// A sub-configuration rooted at the map at `key`.
    public func section(_ key: String) throws -> Configuration {
        let found = try value(key)
        guard case .map = found else { throw wrongType(key, expected: "map", found: found) }
        return Configuration(found, keyPathPrefix: fullPath(key))
    }

    public func bool(_ key: String) throws -> Bool {
        let found = try value(key)
        guard case .bool(let b) = found else { throw wrongType(key, expected: "boolean", found: found) }
        return b
    }

    /// An integer; a float with an integral value (such as `1e6`) is accepted.
    public func int(_ key: String, in range: ClosedRange<Int>? = nil) throws -> Int {
        let found = try value(key)
        let result: Int
        switch found {
        case .int(let i): result = i
        case .double(let d) where d == d.rounded() && abs(d) < 9.2e18: result = Int(d)
        default: throw wrongType(key, expected: "integer", found: found)
        }
        if let range, !range.contains(result) {
            throw ConfigError(fullPath(key), "\(result) is out of range; allowed: \(Self.describe(range))")
        }
        return result
    }

    /// A finite number (integers are accepted), optionally restricted by `allowed`.
    public func double(_ key: String, allowed: NumberDomain? = nil) throws -> Double {
        let found = try value(key)
        guard let d = found.numericValue else { throw wrongType(key, expected: "number", found: found) }
        guard d.isFinite else { throw ConfigError(fullPath(key), "\(found) is not a finite number") }
        if let allowed, !allowed.contains(d) {
            throw ConfigError(fullPath(key), "\(found) is out of range; allowed: \(allowed.description)")
        }
        return d
    }

    /// A string, optionally one of `choices` (the error suggests the nearest choice).
    public func string(_ key: String, oneOf choices: [String]? = nil) throws -> String {
        let found = try value(key)
        guard case .string(let s) = found else { throw wrongType(key, expected: "string", found: found) }
        if let choices, !choices.contains(s) {
            throw ConfigError.unknownName(fullPath(key), kind: "value", name: s, known: choices)
        }
        return s
    }

    /// An error saying the value at `key` has the wrong type.
    public func wrongType(_ key: String, expected: String, found: ConfigValue) -> ConfigError {
        ConfigError(fullPath(key), "expected \(expected), found \(found.typeName) '\(found)'")
    }

    /// An error about the value at `key`, with the full key path.
    public func error(_ key: String, _ problem: String) -> ConfigError {
        ConfigError(fullPath(key), problem)
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == .max { return ">= \(range.lowerBound)" }
        return "\(range.lowerBound)...\(range.upperBound)"
    }
}

/// An allowed set of real numbers: an interval with open or closed ends.
public struct NumberDomain: Sendable, CustomStringConvertible {
    public var lower: Double
    public var lowerInclusive: Bool
    public var upper: Double
    public var upperInclusive: Bool

    public init(lower: Double, lowerInclusive: Bool = true, upper: Double = .infinity, upperInclusive: Bool = true) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    /// Numbers strictly greater than zero.
    public static let positive = NumberDomain(lower: 0, lowerInclusive: false)
    /// Numbers greater than or equal to zero.
    public static let nonNegative = NumberDomain(lower: 0)
    /// Probabilities, [0, 1].
    public static let probability = NumberDomain(lower: 0, upper: 1)

    public func contains(_ x: Double) -> Bool {
        (lowerInclusive ? x >= lower : x > lower) && (upperInclusive ? x <= upper : x < upper)
    }

    public var description: String {
        if upper == .infinity {
            return lowerInclusive ? ">= \(NumberFormatting.string(lower))" : "> \(NumberFormatting.string(lower))"
        }
        return (lowerInclusive ? "[" : "(") + NumberFormatting.string(lower) + ", "
            + NumberFormatting.string(upper) + (upperInclusive ? "]" : ")")
    }
}
