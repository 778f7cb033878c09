import Foundation
import Paging

/// Test fixtures: the real CloudPhysics trace sample in the repository's `data/traces`.
enum TraceFixtures {
    /// `data/traces` of this repository (found from this file's path).
    static var tracesDirectory: String {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repository.appendingPathComponent("data/traces").path
    }

    /// The 113,872 requests of cloudPhysicsIO.txt (one decimal id per line).
    static func cloudPhysics() throws -> Trace {
        let path = tracesDirectory + "/cloudPhysicsIO.txt"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let ids = text.split(whereSeparator: \.isNewline).compactMap { UInt64($0) }
        return Trace(keys: ids)
    }
}
