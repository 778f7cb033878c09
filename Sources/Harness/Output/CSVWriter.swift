import Foundation

/// Builds RFC 4180 CSV text: comma-separated, fields quoted only when needed, `\n` line ends.
public struct CSVWriter {
    public private(set) var text = ""

    public init(header: [String]) { append(header) }

    public mutating func append(_ fields: [String]) {
        text += fields.map(Self.field).joined(separator: ",") + "\n"
    }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
