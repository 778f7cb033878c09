import SimCore

/// A memory reader: what context a downstream correlator sees at each message of a stream.
///
/// After each fragment the reader's `rendering` is the ordered list of fragment ids it
/// would put in the correlator's prompt; `ingest` returns the first position at which
/// the rendering differs from the previous one (its length if it only grew), so the
/// caller can measure the prefix a prefix cache would reuse without comparing renderings.
public protocol ContextReader: Sendable {
    mutating func ingest(_ fragment: ContextFragment) -> Int
    var rendering: [Int] { get }
}

/// How a coreset reader orders the fragments it keeps.
public enum CoresetRanker: String, Sendable, CaseIterable {
    /// Highest signal first: every admission may reshuffle the rendering.
    case score
    /// Arrival order: an admission appends, an eviction removes one position.
    case arrival
    /// Arrival order, and a fragment displaces the weakest kept one only if its signal is
    /// higher by the hysteresis margin: fewer swaps.
    case hysteresis
}

/// The registry of readers: stable names to factories.
public enum ContextReaderRegistry {
    public struct Settings: Sendable {
        public var k: Int
        public var ranker: CoresetRanker
        public var hysteresis: Double
    }

    public typealias Entry = RegistryEntry<Settings, any ContextReader>

    public static let entries: [Entry] = [
        Entry("session-bound", SessionBoundReader.summary, { _ in SessionBoundReader() }),
        Entry("full-log", FullLogReader.summary, { _ in FullLogReader() }),
        Entry(
            "coreset", CoresetReader.summary, { CoresetReader(k: $0.k, ranker: $0.ranker, hysteresis: $0.hysteresis) }),
    ]

    public static var names: [String] { entries.map(\.name) }
}
