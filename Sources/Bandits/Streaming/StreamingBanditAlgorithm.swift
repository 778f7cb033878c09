import SimCore

/// An algorithm that reads K arms in one pass and spends a horizon of T pulls.
public protocol StreamingBanditAlgorithm: Sendable {
    /// Plays the whole stream: every arm arrives once, then the rest of the horizon is
    /// committed to a stored or arriving arm; returns the arm committed to.
    func play(_ stream: inout ArmStream) -> Int
}

/// The registry of streaming algorithms.
public enum StreamingBanditRegistry {
    public typealias Entry = RegistryEntry<Void, any StreamingBanditAlgorithm>

    public static let entries: [Entry] = [
        Entry("uniform", StreamingUniformExploration.summary, { StreamingUniformExploration() }),
        Entry("epsilon-best", EpsilonBestThenCommit.summary, { EpsilonBestThenCommit() }),
    ]

    public static var names: [String] { entries.map(\.name) }
}
