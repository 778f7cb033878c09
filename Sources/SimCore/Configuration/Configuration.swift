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
    /// The declared parameters by key path (empty: reads are checked only by their own
    /// arguments). Once a model has declared its table (`declaring`), every typed read
    /// takes its allowed values from the declaration, and reading an undeclared key or
    /// reading a key as another type is an error.
    private let declared: [String: ParameterDomain]

    /// The directory that relative file paths (`ParameterDomain.file`) are relative to, if
    /// not the working directory: the spec file's.
    public let baseDirectory: String?
    /// Whether a key set where it has no effect is accepted (`--allow-inert`; the harness
    /// lists it as a warning) instead of refused.
    public let allowsInert: Bool

    public init(
        _ root: ConfigValue, keyPathPrefix: String = "", baseDirectory: String? = nil, allowsInert: Bool = false
    ) {
        self.root = root
        self.keyPathPrefix = keyPathPrefix
        self.declared = [:]
        self.baseDirectory = baseDirectory
        self.allowsInert = allowsInert
    }

    private init(
        _ root: ConfigValue, keyPathPrefix: String, declared: [String: ParameterDomain], baseDirectory: String?,
        allowsInert: Bool
    ) {
        self.root = root
        self.keyPathPrefix = keyPathPrefix
        self.declared = declared
        self.baseDirectory = baseDirectory
        self.allowsInert = allowsInert
    }

    /// The same configuration with `parameters` declared: what a model's `init(config:)`
    /// reads through. Every declared key present is checked here, whether or not the model
    /// reads it for these settings: its type and allowed values, and that a key given a
    /// value other than its default has an effect (`ModelParameter.appliesWhen`).
    public func declaring(_ parameters: [ModelParameter]) throws -> Configuration {
        var table: [String: ParameterDomain] = [:]
        for parameter in parameters { table[parameter.path] = parameter.domain }
        let declared = Configuration(
            root, keyPathPrefix: keyPathPrefix, declared: table, baseDirectory: baseDirectory, allowsInert: allowsInert)
        for parameter in parameters where contains(parameter.path) {
            switch parameter.domain {
            case .integer: _ = try declared.int(parameter.path)
            case .number: _ = try declared.double(parameter.path)
            case .choice, .text, .file: _ = try declared.string(parameter.path)
            case .flag: _ = try declared.bool(parameter.path)
            case .structured: break
            }
        }
        if !allowsInert, let inert = inertSettings(parameters).first { throw inert }
        return declared
    }

    /// The keys of `parameters` given a value other than their default where they have no
    /// effect (`ModelParameter.appliesWhen`), as errors naming each. A condition key that is not
    /// set counts at its default, looked up in `declared` (default: `parameters`); a key applies
    /// only where its condition key applies too (the chain of conditions is followed).
    public func inertSettings(_ parameters: [ModelParameter], declared: [ModelParameter]? = nil) -> [ConfigError] {
        let table = declared ?? parameters
        return parameters.compactMap { parameter in
            guard setsAwayFromDefault(parameter), let (condition, setting) = unmetCondition(of: parameter, table: table)
            else { return nil }
            return ConfigError(
                fullPath(parameter.path),
                "has no effect here: it applies only when \(condition.description), and \(condition.key) is '\(setting)'; "
                    + "remove it (or leave it at its default, '\(parameter.defaultValue)')")
        }
    }

    /// The first condition that does not hold on the way from `parameter` up its chain of
    /// condition keys, with the setting it saw (`nil` when the parameter applies).
    private func unmetCondition(of parameter: ModelParameter, table: [ModelParameter], depth: Int = 0)
        -> (ParameterCondition, ConfigValue)?
    {
        guard let condition = parameter.appliesWhen, depth < 16,
            let setting = root.value(at: condition.key)
                ?? table.first(where: { $0.path == condition.key })?.defaultValue
        else { return nil }
        if !condition.holds(for: setting) { return (condition, setting) }
        guard let parent = table.first(where: { $0.path == condition.key }) else { return nil }
        return unmetCondition(of: parent, table: table, depth: depth + 1)
    }

    /// Whether `parameter` is given a value other than its default (numbers compared by value).
    public func setsAwayFromDefault(_ parameter: ModelParameter) -> Bool {
        guard let given = root.value(at: parameter.path) else { return false }
        return !Self.same(given, parameter.defaultValue)
    }

    /// Equal values, numbers compared by value (`1` and `1.0`).
    private static func same(_ a: ConfigValue, _ b: ConfigValue) -> Bool {
        if let x = a.numericValue, let y = b.numericValue { return x == y }
        return a == b
    }

    public static func == (a: Configuration, b: Configuration) -> Bool {
        a.root == b.root && a.keyPathPrefix == b.keyPathPrefix
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(root)
        hasher.combine(keyPathPrefix)
    }

    /// The declared domain of `key`, or `nil` when nothing is declared; throws when a
    /// table is declared but `key` is not in it, or is declared as another type.
    private func declaredDomain(_ key: String, readAs type: String) throws -> ParameterDomain? {
        guard !declared.isEmpty else { return nil }
        guard let domain = declared[key] else {
            throw ConfigError(fullPath(key), "read but not declared in the model's parameters (a bug in the model)")
        }
        let matches: Bool
        switch (domain, type) {
        case (.integer, "integer"), (.number, "number"), (.choice, "string"), (.text, "string"), (.file, "string"),
            (.flag, "boolean"),
            (.structured, _):
            matches = true
        default: matches = false
        }
        guard matches else {
            throw ConfigError(fullPath(key), "declared as \(domain.typeName) but read as \(type) (a bug in the model)")
        }
        return domain
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
        return Configuration(
            found, keyPathPrefix: fullPath(key), baseDirectory: baseDirectory, allowsInert: allowsInert)
    }

    public func bool(_ key: String) throws -> Bool {
        _ = try declaredDomain(key, readAs: "boolean")
        let found = try value(key)
        guard case .bool(let b) = found else { throw wrongType(key, expected: "boolean", found: found) }
        return b
    }

    /// An integer in `given` or else the declared range; a float with an integral value (such as `1e6`) is accepted.
    public func int(_ key: String, in given: ClosedRange<Int>? = nil) throws -> Int {
        var range = given
        if case .integer(let declaredRange) = try declaredDomain(key, readAs: "integer") {
            range = given ?? declaredRange
        }
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

    /// A finite number (integers are accepted) in `given` or else the declared domain.
    public func double(_ key: String, allowed given: NumberDomain? = nil) throws -> Double {
        var allowed = given
        if case .number(let declaredDomain) = try declaredDomain(key, readAs: "number") {
            allowed = given ?? declaredDomain
        }
        let found = try value(key)
        guard let d = found.numericValue else { throw wrongType(key, expected: "number", found: found) }
        guard d.isFinite else { throw ConfigError(fullPath(key), "\(found) is not a finite number") }
        if let allowed, !allowed.contains(d) {
            throw ConfigError(fullPath(key), "\(found) is out of range; allowed: \(allowed.description)")
        }
        return d
    }

    /// A string, one of `given` or else the declared choices (the error suggests the nearest).
    public func string(_ key: String, oneOf given: [String]? = nil) throws -> String {
        var choices = given
        if case .choice(let names) = try declaredDomain(key, readAs: "string") { choices = given ?? names }
        let found = try value(key)
        guard case .string(let s) = found else { throw wrongType(key, expected: "string", found: found) }
        if let choices, !choices.contains(s) {
            throw ConfigError.unknownName(fullPath(key), kind: "value", name: s, known: choices)
        }
        return s
    }

    /// A file path: the string at `key`, relative to `baseDirectory` when it is relative (an
    /// empty string stays empty: no file).
    public func path(_ key: String) throws -> String {
        let given = try string(key)
        guard let baseDirectory, !given.isEmpty, !given.hasPrefix("/") else { return given }
        return baseDirectory.hasSuffix("/") ? baseDirectory + given : baseDirectory + "/" + given
    }

    /// Throws `problem` at `key` unless `condition` holds: the limits that depend on another
    /// key's value (a span no longer than the context), which a declaration cannot state.
    public func require(_ condition: Bool, _ key: String, _ problem: @autoclosure () -> String) throws {
        guard condition else { throw error(key, problem()) }
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
