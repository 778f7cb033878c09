import SimCore

/// The one table of agent-memory architectures: adding one is its file plus one line here.
enum ArchitectureRegistry {
    typealias Entry = RegistryEntry<ArchitectureContext, any MemoryArchitecture>

    static let entries: [Entry] = [
        Entry("full-context", TruncatedHistoryArchitecture.fullContextSummary) {
            TruncatedHistoryArchitecture(history: $0.history, budget: $0.settings.window)
        },
        Entry("recency", TruncatedHistoryArchitecture.recencySummary) {
            TruncatedHistoryArchitecture(
                history: $0.history, budget: min($0.settings.recencyTokens, $0.settings.window))
        },
        Entry("rag", RAGArchitecture.summary) { RAGArchitecture(context: $0) },
        Entry("memgpt", MemGPTArchitecture.summary) { MemGPTArchitecture(context: $0) },
        Entry("memorybank", MemoryBankArchitecture.summary) { MemoryBankArchitecture(context: $0) },
        Entry("memoryos", MemoryOSArchitecture.summary) { MemoryOSArchitecture(context: $0) },
        Entry("lightmem", LightMemArchitecture.summary) { LightMemArchitecture(context: $0) },
        Entry("oracle", OracleArchitecture.summary, reads: "the questions") {
            OracleArchitecture(history: $0.history)
        },
    ]

    static var names: [String] { entries.map(\.name) }
}
