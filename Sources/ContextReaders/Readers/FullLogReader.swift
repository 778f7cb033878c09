/// A full-log correlator: every fragment so far, in arrival order (append-only, so its
/// renderings share their whole prefix, but its context grows without bound).
public struct FullLogReader: ContextReader {
    public static let summary = "every fragment so far in arrival order: append-only, unbounded context"

    public private(set) var rendering: [Int] = []

    public init() {}

    public mutating func ingest(_ fragment: ContextFragment) -> Int {
        rendering.append(fragment.id)
        return rendering.count - 1
    }
}
