/// A session-bound judge: its memory is the current session only, reset when a new
/// session starts (the memoryless guardrail that cross-session attacks evade).
public struct SessionBoundReader: ContextReader {
    public static let summary = "memory reset at every session: sees only the current session's fragments"

    public private(set) var rendering: [Int] = []
    private var session = -1

    public init() {}

    public mutating func ingest(_ fragment: ContextFragment) -> Int {
        if fragment.session != session {
            session = fragment.session
            rendering.removeAll(keepingCapacity: true)
            rendering.append(fragment.id)
            return 0
        }
        rendering.append(fragment.id)
        return rendering.count - 1
    }
}
