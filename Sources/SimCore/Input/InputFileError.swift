import Foundation

/// A problem in an input file (a trace, a request log, a feature table): one line that names
/// the file and the line or record at fault, and what is wrong there.
public struct InputFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension InputFileError {
    /// Throws unless `path` names a readable regular file: a missing file, a directory, a
    /// device or a pipe (which may never end) each get their own message.
    public static func requireRegularFile(_ path: String) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: path) else { throw InputFileError("\(path): no such file") }
        let type = (try? manager.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        guard type == .typeRegular else {
            let kind = type == .typeDirectory ? "a directory" : "a device, pipe or socket"
            throw InputFileError("\(path): not a regular file (\(kind)); give a file")
        }
        guard manager.isReadableFile(atPath: path) else {
            throw InputFileError("\(path): cannot read file (permission)")
        }
    }
}
