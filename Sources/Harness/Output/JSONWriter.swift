import OrderedCollections
import SimCore

/// Canonical JSON text: object keys sorted by their UTF-8 bytes, no whitespace, numbers
/// in full precision, so that equal values always give equal bytes.
public enum JSONWriter {
    /// A configuration value. Floating-point values keep a fraction (`1.0`) so that they
    /// read back as numbers rather than integers.
    public static func encode(_ value: ConfigValue) -> String {
        switch value {
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? d.description : "null"
        case .string(let s): return quote(s)
        case .list(let items): return "[" + items.map(encode).joined(separator: ",") + "]"
        case .map(let entries):
            let pairs = entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            return "{" + pairs.map { quote($0.key) + ":" + encode($0.value) }.joined(separator: ",") + "}"
        }
    }

    /// A metric value: `NumberFormatting` rendering, `null` if not finite.
    public static func encode(_ number: Double) -> String {
        number.isFinite ? NumberFormatting.string(number) : "null"
    }

    /// An object from already-encoded member values, keys sorted.
    public static func object(_ members: [(String, String)]) -> String {
        let sorted = members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        return "{" + sorted.map { quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// A JSON string literal.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
