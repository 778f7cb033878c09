import Foundation
import OrderedCollections
import SimCore
import Yams

/// A YAML file read into a `ConfigValue` tree, remembering the line of every key path so
/// that errors can point at it.
public struct YAMLDocument: Sendable {
    /// The file path as given, used in messages.
    public let file: String
    /// The document's root value.
    public let root: ConfigValue
    /// 1-based line of each dotted key path (list items are `path[i]`).
    public let lines: [String: Int]

    /// Reads and parses `path`.
    public static func load(path: String) throws -> YAMLDocument {
        do { try InputFileError.requireRegularFile(path) } catch let error as InputFileError {
            throw HarnessError(error.description)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HarnessError("\(path): cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw HarnessError("\(path): not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses YAML text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws -> YAMLDocument {
        try checkFlowNesting(text, file: file)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw HarnessError(Self.describe(error, text: text, file: file))
        }
        guard let node else { throw HarnessError("\(file): the document is empty") }
        var lines: [String: Int] = [:]
        var budget = maxValues
        let root = try convert(node, path: "", depth: 0, budget: &budget, file: file, lines: &lines)
        return YAMLDocument(file: file, root: root, lines: lines)
    }

    /// The most values (scalars, lists and maps, after YAML aliases are expanded) a spec may hold.
    public static let maxValues = 1_000_000
    /// The deepest nesting of lists and maps a spec may have.
    public static let maxDepth = 64

    /// Refuses flow collections (`[[[...]]]`) nested deeper than `maxDepth` before the YAML
    /// parser, which recurses on each level, sees them.
    private static func checkFlowNesting(_ text: String, file: String) throws {
        var depth = 0
        var line = 1
        var quote: UInt8?
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                guard depth <= maxDepth else {
                    throw HarnessError("\(file):\(line): lists and maps nested more than \(maxDepth) levels deep")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
    }

    /// Parses one command-line value (`--set key=VALUE`) as a YAML scalar or flow collection.
    public static func parseValue(_ text: String, origin: String) throws -> ConfigValue {
        if text.isEmpty { return .string("") }
        let document = try parse(text, file: origin)
        return document.root
    }

    /// The line of `keyPath`, or of its nearest ancestor that has one.
    public func line(of keyPath: String) -> Int? {
        var path = keyPath
        while !path.isEmpty {
            if let line = lines[path] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = String(path[..<cut])
        }
        return nil
    }

    /// A located error at `keyPath` of this document.
    public func error(_ keyPath: String, _ problem: String) -> HarnessError {
        HarnessError.spec(file, line: line(of: keyPath), keyPath: keyPath, problem)
    }

    private static func convert(
        _ node: Node, path: String, depth: Int, budget: inout Int, file: String, lines: inout [String: Int]
    ) throws -> ConfigValue {
        if let mark = node.mark, !path.isEmpty, lines[path] == nil { lines[path] = mark.line }
        budget -= 1
        guard budget >= 0 else {
            throw HarnessError(
                "\(file): more than \(maxValues) values (YAML anchors and aliases expand to copies); a spec is smaller")
        }
        guard depth <= maxDepth else {
            throw HarnessError.spec(
                file, line: node.mark?.line, keyPath: path, "lists and maps nested more than \(maxDepth) levels deep")
        }
        switch node {
        case .scalar(let scalar):
            return try convertScalar(scalar, path: path, file: file)
        case .sequence(let sequence):
            var items: [ConfigValue] = []
            for (index, item) in sequence.enumerated() {
                items.append(
                    try convert(
                        item, path: "\(path)[\(index)]", depth: depth + 1, budget: &budget, file: file, lines: &lines))
            }
            return .list(items)
        case .mapping(let mapping):
            var entries: OrderedDictionary<String, ConfigValue> = [:]
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode else {
                    throw HarnessError.spec(
                        file, line: keyNode.mark?.line, keyPath: path, "map keys must be plain names")
                }
                let key = keyScalar.string
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if let mark = keyNode.mark { lines[childPath] = mark.line }
                guard entries[key] == nil else {
                    throw HarnessError.spec(file, line: keyNode.mark?.line, keyPath: childPath, "duplicate key")
                }
                entries[key] = try convert(
                    valueNode, path: childPath, depth: depth + 1, budget: &budget, file: file, lines: &lines)
            }
            return .map(entries)
        case .alias:
            throw HarnessError.spec(file, line: node.mark?.line, keyPath: path, "YAML aliases are not supported")
        }
    }

    private static func convertScalar(_ scalar: Node.Scalar, path: String, file: String) throws -> ConfigValue {
        let text = scalar.string
        guard scalar.style == .plain else { return .string(text) }
        let node = Node.scalar(scalar)
        switch Tag.Name(rawValue: node.tag.rawValue) {
        case .bool:
            if let b = node.bool { return .bool(b) }
        case .int:
            if let i = node.int { return .int(i) }
            throw HarnessError.spec(
                file, line: scalar.mark?.line, keyPath: path, "integer '\(text)' does not fit in 64 bits")
        case .float:
            if let d = node.float { return .double(d) }
        case .null:
            throw HarnessError.spec(file, line: scalar.mark?.line, keyPath: path, "empty value")
        default:
            // YAML 1.1 reads `1e-3` (no dot) as a string; researchers mean a number.
            if text.allSatisfy({ "0123456789eE+-.".contains($0) }), text.contains(where: \.isNumber),
                let d = Double(text)
            {
                return .double(d)
            }
        }
        return .string(text)
    }

    private static func describe(_ error: YamlError, text: String, file: String) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            // YAML allows plain keys of at most 1024 characters; a longer one reads as a value.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for index in max(0, mark.line - 2)..<min(lines.count, mark.line) {
                let key = lines[index].prefix { $0 != ":" }
                if key.count > 1024, key.count < lines[index].count {
                    return "\(file):\(index + 1): a key of \(key.count) characters; YAML keys have at most 1024"
                }
            }
            return "\(file):\(mark.line): YAML syntax error: \(problem)"
        case .reader(let problem, _, _, _):
            return "\(file): cannot read YAML: \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "\(file):\(context.mark.line): duplicate key \(duplicates.joined(separator: ", "))"
        default:
            return "\(file): YAML error: \(error)"
        }
    }
}
