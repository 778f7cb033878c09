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
        guard FileManager.default.fileExists(atPath: path) else {
            throw HarnessError("\(path): no such file")
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
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw HarnessError(Self.describe(error, file: file))
        }
        guard let node else { throw HarnessError("\(file): the document is empty") }
        var lines: [String: Int] = [:]
        let root = try convert(node, path: "", file: file, lines: &lines)
        return YAMLDocument(file: file, root: root, lines: lines)
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

    private static func convert(_ node: Node, path: String, file: String, lines: inout [String: Int]) throws
        -> ConfigValue
    {
        if let mark = node.mark, !path.isEmpty, lines[path] == nil { lines[path] = mark.line }
        switch node {
        case .scalar(let scalar):
            return try convertScalar(scalar, path: path, file: file)
        case .sequence(let sequence):
            var items: [ConfigValue] = []
            for (index, item) in sequence.enumerated() {
                items.append(try convert(item, path: "\(path)[\(index)]", file: file, lines: &lines))
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
                entries[key] = try convert(valueNode, path: childPath, file: file, lines: &lines)
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

    private static func describe(_ error: YamlError, file: String) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
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
