import SimCore

/// A problem the harness reports to the user as one line, naming the file and the line
/// or key where it is.
public struct HarnessError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    /// A problem at a key of a spec file: `spec.yaml:12: sweep.policy: problem`.
    public static func spec(_ file: String, line: Int?, keyPath: String, _ problem: String) -> HarnessError {
        var location = file
        if let line { location += ":\(line)" }
        return HarnessError(keyPath.isEmpty ? "\(location): \(problem)" : "\(location): \(keyPath): \(problem)")
    }

    public var description: String { message }
}
