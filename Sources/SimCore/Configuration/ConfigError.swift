/// A configuration problem, naming the key path that caused it.
///
/// The message is one line meant for a researcher: what is wrong, where, and what is
/// allowed instead (with the nearest valid name when one is close).
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Dotted key path of the offending value (`"base.trace.alpha"`), or empty for the whole document.
    public var keyPath: String
    /// What is wrong, without the key path.
    public var problem: String

    public init(_ keyPath: String, _ problem: String) {
        self.keyPath = keyPath
        self.problem = problem
    }

    public var description: String { keyPath.isEmpty ? problem : "\(keyPath): \(problem)" }

    /// Prefixes the key path with `parent` (used when a model's configuration sits under
    /// a spec section such as `base`).
    public func nested(under parent: String) -> ConfigError {
        guard !parent.isEmpty else { return self }
        return ConfigError(keyPath.isEmpty ? parent : "\(parent).\(keyPath)", problem)
    }

    /// An unknown name, with the nearest of `known` suggested when it is close.
    public static func unknownName(_ keyPath: String, kind: String, name: String, known: [String]) -> ConfigError {
        var message = "unknown \(kind) '\(name)'"
        if let suggestion = NearestName.suggestion(for: name, among: known) {
            message += " (did you mean '\(suggestion)'?)"
        }
        message += "; valid: " + known.joined(separator: ", ")
        return ConfigError(keyPath, message)
    }
}

/// Finds the valid name closest to a misspelt one.
public enum NearestName {
    /// The closest name of `known` by edit distance (insertions, deletions, substitutions
    /// and transpositions of adjacent characters, case-insensitive) if that distance is at
    /// most a third of the longer name's length (at least 1, at most 3); otherwise a name
    /// that starts with `name` (at least 3 characters typed). Ties go to the earlier name.
    public static func suggestion(for name: String, among known: [String]) -> String? {
        let typed = Array(name.lowercased().utf8)
        var best: (name: String, distance: Int)?
        for candidate in known {
            let d = distance(typed, Array(candidate.lowercased().utf8))
            if let current = best, current.distance <= d { continue }
            best = (candidate, d)
        }
        if let found = best, found.distance <= min(3, max(1, max(name.count, found.name.count) / 3)) {
            return found.name
        }
        guard typed.count >= 3 else { return nil }
        return known.first { $0.lowercased().hasPrefix(name.lowercased()) }
    }

    /// Optimal-string-alignment edit distance between two byte strings: the Levenshtein
    /// distance where swapping two adjacent characters also costs 1.
    public static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, table[i - 2][j - 2] + 1)
                }
                table[i][j] = d
            }
        }
        return table[a.count][b.count]
    }
}
