import SimCore

/// An agent-memory architecture: what it does with each turn as the history happens, and
/// what it puts in the context when a question is asked.
///
/// Protocol: `ingest` is called for every turn in order and `endSession` after each session's
/// last turn; then, on the question day, `context(for:)` once per question, in order (a
/// question may change the memory: a recall that strengthens a memory, a page-in). The whole
/// history is given at creation for its turns' and facts' data; only `oracle` reads ahead.
protocol MemoryArchitecture {
    mutating func ingest(_ turn: HistoryTurn, costs: inout ManagementCosts)
    mutating func endSession(_ session: HistorySession, costs: inout ManagementCosts)
    mutating func context(for question: Question) -> ContextBuild
    /// Tokens held outside the context (stores, summaries, archives) on the question day.
    var storedTokens: Int { get }
}

extension MemoryArchitecture {
    mutating func endSession(_ session: HistorySession, costs: inout ManagementCosts) {}
}

/// Everything an architecture may be built from.
struct ArchitectureContext: Sendable {
    let history: MemoryHistory
    let settings: ArchitectureSettings
    /// The architecture's own random stream (retrieval noise, extraction, summaries).
    let random: RandomSource
}

/// The architectures' settings (`context.window` and the keys of each architecture).
struct ArchitectureSettings: Sendable {
    /// The reader's context window in tokens: no architecture puts more memory in a context.
    var window = 128_000
    var recencyTokens = 8_000
    var retriever = StylisedRetriever()
    var ragK = 10
    var ragExtractsFacts = false
    var extractRecall = 0.9
    var extractCallsPerTurn = 2
    var memoryBank = MemoryBankSettings()
    var memGPT = MemGPTSettings()
    var memoryOS = MemoryOSSettings()
    var lightMem = LightMemSettings()
}
