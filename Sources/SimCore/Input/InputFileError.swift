/// A problem in an input file (a trace, a request log, a feature table): one line that names
/// the file and the line or record at fault, and what is wrong there.
public struct InputFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
