/// One configuration key of a model, defined once: its key path, default, allowed values
/// and meaning.
///
/// The model reads the value through `Configuration` (which checks it against `domain`
/// and names the key in any error), `memsim list models` prints it, and the README's
/// parameter tables are generated from it (`memsim list models --markdown`).
public struct ModelParameter: Sendable {
    /// Dotted key path (`trace.alpha`).
    public let path: String
    /// Default value, used when neither the spec nor the command line sets the key.
    public let defaultValue: ConfigValue
    /// The values the key accepts.
    public let domain: ParameterDomain
    /// What the key means, in one line (the allowed values are `domain`'s, not repeated here).
    public let documentation: String
    /// When the key has an effect (`nil`: always). Given a value other than its default where
    /// it has none, the key is an error (`Configuration.declaring`).
    public let appliesWhen: ParameterCondition?

    public init(
        _ path: String, _ defaultValue: ConfigValue, _ domain: ParameterDomain, _ documentation: String,
        appliesWhen: ParameterCondition? = nil
    ) {
        self.path = path
        self.defaultValue = defaultValue
        self.domain = domain
        self.documentation = documentation
        self.appliesWhen = appliesWhen
    }
}

/// The settings under which a key has an effect: another key's value is one of `values`, or
/// (`whenPositive`) a number above 0. A condition key the configuration leaves out has its
/// declared default.
public struct ParameterCondition: Sendable {
    /// What the other key's value must be.
    public enum Test: Sendable {
        case isOneOf([ConfigValue])
        case isPositive
    }

    public let key: String
    public let test: Test
    /// The condition in words (`trace.generator is file`, `server.dram_bytes > 0`).
    public let description: String

    public init(_ key: String, isOneOf values: [ConfigValue], description: String? = nil) {
        self.key = key
        test = .isOneOf(values)
        self.description = description ?? "\(key) is " + values.map { "\($0)" }.joined(separator: " or ")
    }

    private init(_ key: String, test: Test, description: String) {
        self.key = key
        self.test = test
        self.description = description
    }

    /// `key` is one of the names.
    public static func when(_ key: String, is names: String...) -> ParameterCondition { when(key, isOneOf: names) }

    /// `key` is one of the names.
    public static func when(_ key: String, isOneOf names: [String]) -> ParameterCondition {
        ParameterCondition(key, isOneOf: names.map { .string($0) })
    }

    /// `key` is a number above 0 (a capacity that turns a component on).
    public static func whenPositive(_ key: String) -> ParameterCondition {
        ParameterCondition(key, test: .isPositive, description: "\(key) > 0")
    }

    /// Whether `value`, the condition key's setting, meets the condition (numbers compared by value).
    public func holds(for value: ConfigValue) -> Bool {
        switch test {
        case .isOneOf(let values):
            return values.contains { a in
                if let x = a.numericValue, let y = value.numericValue { return x == y }
                return a == value
            }
        case .isPositive:
            return (value.numericValue ?? 0) > 0
        }
    }
}

/// The values a configuration key accepts.
public enum ParameterDomain: Sendable, CustomStringConvertible {
    /// An integer in the range (a number with an integral value, such as `1e6`, is accepted).
    case integer(ClosedRange<Int>)
    /// A finite number in the interval (integers are accepted).
    case number(NumberDomain)
    /// One of the names.
    case choice([String])
    /// Any string.
    case text
    /// A file path; a relative path is relative to the spec file's directory
    /// (`Configuration.path`), or to the working directory when given on the command line.
    case file
    /// `true` or `false`.
    case flag
    /// A list or map whose shape the model checks when it reads it, described in words.
    case structured(String)

    /// The type's name, as `memsim list models` prints it.
    public var typeName: String {
        switch self {
        case .integer: return "integer"
        case .number: return "number"
        case .choice: return "name"
        case .text: return "string"
        case .file: return "path"
        case .flag: return "boolean"
        case .structured: return "list"
        }
    }

    /// The allowed values in words (`1...1024`, `> 0`, `lru, fifo`).
    public var description: String {
        switch self {
        case .integer(let range):
            if range.upperBound == .max { return ">= \(range.lowerBound)" }
            return "\(range.lowerBound)...\(range.upperBound)"
        case .number(let domain): return domain.description
        case .choice(let names): return names.joined(separator: ", ")
        case .text: return "any string"
        case .file: return "a file path, relative to the spec"
        case .flag: return "true, false"
        case .structured(let shape): return shape
        }
    }

    /// Whether `value` is allowed (structured values are checked by the model): the rule
    /// `Configuration` applies when a model declares the key.
    public func allows(_ value: ConfigValue) -> Bool {
        let parameter = ModelParameter("value", value, self, "")
        return (try? Configuration(.map(["value": value])).declaring([parameter])) != nil
    }
}
