import Foundation
import Paging
import TestSupport

/// Test fixtures: the real CloudPhysics trace sample in the repository's `data/traces`.
enum TraceFixtures {
    /// `data/traces` of this repository.
    static var tracesDirectory: String { TestFiles.tracesDirectory }

    /// The 113,872 requests of cloudPhysicsIO.txt (one decimal id per line).
    static func cloudPhysics() throws -> Trace {
        let path = tracesDirectory + "/cloudPhysicsIO.txt"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let ids = text.split(whereSeparator: \.isNewline).compactMap { UInt64($0) }
        return Trace(keys: ids)
    }
}
