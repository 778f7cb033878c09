import Foundation

/// Reads a JSON Lines file: one `T` object per line; blank lines are skipped. Errors are
/// `InputFileError`s naming the file and line: a missing key, a value of the wrong type (with
/// its key path), or a line that is not such an object (`shape` says what one looks like).
public enum JSONLines {
    /// The decoded lines with their 1-based line numbers, in file order.
    /// - Parameters:
    ///   - what: the file's kind, for the messages ("session trace").
    ///   - items: what the objects are, for the message about a file without any ("sessions").
    public static func read<T: Decodable>(_ type: T.Type, path: String, what: String, items: String, shape: String)
        throws -> [(line: Int, value: T)]
    {
        try InputFileError.requireRegularFile(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFileError("\(path): cannot read \(what)")
        }
        let decoder = JSONDecoder()
        var lines: [(line: Int, value: T)] = []
        for (index, raw) in String(decoding: data, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false
        ).enumerated() {
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { continue }
            let location = "\(path):\(index + 1)"
            do {
                lines.append((index + 1, try decoder.decode(T.self, from: Data(text.utf8))))
            } catch DecodingError.keyNotFound(let key, _) {
                throw InputFileError("\(location): missing key '\(key.stringValue)'")
            } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
                let key = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(
                    separator: ".")
                throw InputFileError("\(location): wrong type at '\(key)'")
            } catch {
                throw InputFileError("\(location): not \(shape)")
            }
        }
        guard !lines.isEmpty else { throw InputFileError("\(path): the \(what) has no \(items)") }
        return lines
    }
}
