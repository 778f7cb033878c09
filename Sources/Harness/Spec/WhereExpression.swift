import SimCore

/// A validity filter over a sweep point's resolved configuration, as written in a spec's
/// `where` list: `policy != 'opt' or cache_size <= 0.1`.
///
/// Grammar (lowest precedence first):
/// ```
/// expr       := and ( "or" and )*
/// and        := unary ( "and" unary )*
/// unary      := "not" unary | comparison
/// comparison := operand ( ("==" | "!=" | "<" | "<=" | ">" | ">=") operand )? | "(" expr ")"
/// operand    := NAME (dotted key path) | NUMBER | 'string' | "string" | true | false
/// ```
/// Numbers compare numerically (an integer equals the same float); strings and booleans
/// support `==` and `!=` only. A bare operand must be a boolean.
public indirect enum WhereExpression: Sendable, Equatable {
    case literal(ConfigValue)
    case key(String)
    case not(WhereExpression)
    case and(WhereExpression, WhereExpression)
    case or(WhereExpression, WhereExpression)
    case compare(WhereExpression, ComparisonOperator, WhereExpression)

    public enum ComparisonOperator: String, Sendable, CaseIterable {
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }

    /// Every key path the expression reads.
    public var keys: [String] {
        switch self {
        case .literal: return []
        case .key(let k): return [k]
        case .not(let e): return e.keys
        case .and(let a, let b), .or(let a, let b), .compare(let a, _, let b): return a.keys + b.keys
        }
    }

    /// Parses `text`; throws a message describing the first problem.
    public static func parse(_ text: String) throws -> WhereExpression {
        var parser = Parser(tokens: try tokenize(text))
        let expression = try parser.parseOr()
        guard parser.atEnd else { throw WhereError("unexpected '\(parser.peek?.text ?? "")'") }
        return expression
    }

    /// Evaluates against a resolved configuration.
    public func evaluate(in config: ConfigValue) throws -> Bool {
        guard case .bool(let b) = try value(in: config) else {
            throw WhereError("the expression is not a true/false condition")
        }
        return b
    }

    private func value(in config: ConfigValue) throws -> ConfigValue {
        switch self {
        case .literal(let v): return v
        case .key(let k):
            guard let v = config.value(at: k) else { throw WhereError("unknown key '\(k)'") }
            return v
        case .not(let e): return .bool(!(try e.evaluate(in: config)))
        case .and(let a, let b): return .bool(try a.evaluate(in: config) && b.evaluate(in: config))
        case .or(let a, let b): return .bool(try a.evaluate(in: config) || b.evaluate(in: config))
        case .compare(let a, let op, let b):
            return .bool(try Self.compare(a.value(in: config), op, b.value(in: config)))
        }
    }

    private static func compare(_ lhs: ConfigValue, _ op: ComparisonOperator, _ rhs: ConfigValue) throws -> Bool {
        if let x = lhs.numericValue, let y = rhs.numericValue {
            switch op {
            case .equal: return x == y
            case .notEqual: return x != y
            case .less: return x < y
            case .lessOrEqual: return x <= y
            case .greater: return x > y
            case .greaterOrEqual: return x >= y
            }
        }
        switch op {
        case .equal: return lhs == rhs
        case .notEqual: return lhs != rhs
        default: throw WhereError("'\(op.rawValue)' needs two numbers, got '\(lhs)' and '\(rhs)'")
        }
    }

    // MARK: - Tokens

    struct Token: Equatable {
        enum Kind: Equatable { case name, number, string, symbol }
        let kind: Kind
        let text: String
    }

    static func tokenize(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                i += 1
            } else if c == "'" || c == "\"" {
                guard let end = chars[(i + 1)...].firstIndex(of: c) else { throw WhereError("unterminated string") }
                tokens.append(Token(kind: .string, text: String(chars[(i + 1)..<end])))
                i = end + 1
            } else if c.isNumber || (c == "-" && i + 1 < chars.count && chars[i + 1].isNumber) || c == "." {
                var j = i + 1
                while j < chars.count,
                    chars[j].isNumber || chars[j] == "." || chars[j] == "e" || chars[j] == "E"
                        || ((chars[j] == "-" || chars[j] == "+") && (chars[j - 1] == "e" || chars[j - 1] == "E"))
                {
                    j += 1
                }
                tokens.append(Token(kind: .number, text: String(chars[i..<j])))
                i = j
            } else if c.isLetter || c == "_" {
                var j = i + 1
                while j < chars.count,
                    chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "." || chars[j] == "+"
                        || chars[j] == "-"
                {
                    j += 1
                }
                tokens.append(Token(kind: .name, text: String(chars[i..<j])))
                i = j
            } else {
                let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
                if ["==", "!=", "<=", ">="].contains(two) {
                    tokens.append(Token(kind: .symbol, text: two))
                    i += 2
                } else if "<>()".contains(c) {
                    tokens.append(Token(kind: .symbol, text: String(c)))
                    i += 1
                } else {
                    throw WhereError("unexpected character '\(c)'")
                }
            }
        }
        return tokens
    }

    // MARK: - Parser

    struct Parser {
        let tokens: [Token]
        var position = 0

        init(tokens: [Token]) { self.tokens = tokens }

        var atEnd: Bool { position >= tokens.count }
        var peek: Token? { atEnd ? nil : tokens[position] }

        mutating func accept(_ kind: Token.Kind, _ text: String) -> Bool {
            guard let t = peek, t.kind == kind, t.text == text else { return false }
            position += 1
            return true
        }

        mutating func parseOr() throws -> WhereExpression {
            var e = try parseAnd()
            while accept(.name, "or") { e = .or(e, try parseAnd()) }
            return e
        }

        mutating func parseAnd() throws -> WhereExpression {
            var e = try parseUnary()
            while accept(.name, "and") { e = .and(e, try parseUnary()) }
            return e
        }

        /// Open `not`s and parentheses around the current position.
        var depth = 0
        /// The deepest nesting of `not`s and parentheses accepted (the parser recurses on each).
        static let maxDepth = 100

        mutating func parseUnary() throws -> WhereExpression {
            let nests = peek.map { ($0.kind == .name && $0.text == "not") || ($0.kind == .symbol && $0.text == "(") }
            if nests == true {
                depth += 1
                guard depth <= Self.maxDepth else {
                    throw WhereError("nested more than \(Self.maxDepth) levels deep (not and parentheses)")
                }
            }
            defer { if nests == true { depth -= 1 } }
            if accept(.name, "not") { return .not(try parseUnary()) }
            if accept(.symbol, "(") {
                let e = try parseOr()
                guard accept(.symbol, ")") else { throw WhereError("missing ')'") }
                return e
            }
            let lhs = try parseOperand()
            if let t = peek, t.kind == .symbol, let op = ComparisonOperator(rawValue: t.text) {
                position += 1
                return .compare(lhs, op, try parseOperand())
            }
            return lhs
        }

        mutating func parseOperand() throws -> WhereExpression {
            guard let t = peek else { throw WhereError("unexpected end of expression") }
            position += 1
            switch t.kind {
            case .string: return .literal(.string(t.text))
            case .number:
                if let i = Int(t.text) { return .literal(.int(i)) }
                if let d = Double(t.text) { return .literal(.double(d)) }
                throw WhereError("malformed number '\(t.text)'")
            case .name:
                if t.text == "true" { return .literal(.bool(true)) }
                if t.text == "false" { return .literal(.bool(false)) }
                if ["and", "or", "not"].contains(t.text) { throw WhereError("unexpected '\(t.text)'") }
                return .key(t.text)
            case .symbol: throw WhereError("unexpected '\(t.text)'")
            }
        }
    }
}

/// A problem in a `where` expression.
public struct WhereError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
