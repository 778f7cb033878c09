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

    public init(_ path: String, _ defaultValue: ConfigValue, _ domain: ParameterDomain, _ documentation: String) {
        self.path = path
        self.defaultValue = defaultValue
        self.domain = domain
        self.documentation = documentation
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
    /// Any string (a file path).
    case text
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
        case .flag: return "true, false"
        case .structured(let shape): return shape
        }
    }

    /// Whether `value` is allowed (structured values are checked by the model).
    public func allows(_ value: ConfigValue) -> Bool {
        switch (self, value) {
        case (.integer(let range), .int(let i)): return range.contains(i)
        case (.integer(let range), .double(let d)):
            return d == d.rounded() && abs(d) < 9.2e18 && range.contains(Int(d))
        case (.number(let domain), _): return value.numericValue.map { $0.isFinite && domain.contains($0) } ?? false
        case (.choice(let names), .string(let s)): return names.contains(s)
        case (.text, .string): return true
        case (.flag, .bool): return true
        case (.structured, _): return true
        default: return false
        }
    }
}
