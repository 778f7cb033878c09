import SimCore

/// The one table of token eviction policies: adding a policy is its file plus one line here.
/// Entries whose `reads` is not empty read the future (a first pass over the same attention).
public enum TokenPolicyRegistry {
    public typealias Entry = RegistryEntry<TokenPolicyContext, any TokenEvictionPolicy>

    static let future = "the future"

    public static let entries: [Entry] = [
        Entry("full", FullPolicy.summary) { _ in FullPolicy() },
        Entry("window", WindowPolicy.summary) { _ in WindowPolicy() },
        Entry("streaming-llm", StreamingLLMPolicy.summary) { StreamingLLMPolicy(sinks: $0.tuning.streamingSinks) },
        Entry("h2o", H2OPolicy.summary) {
            H2OPolicy(budget: $0.budget, length: $0.prefill + $0.decode, recentShare: $0.tuning.h2oRecentShare)
        },
        Entry("scissorhands", ScissorhandsPolicy.summary) {
            ScissorhandsPolicy(budget: $0.budget, length: $0.prefill + $0.decode, tuning: $0.tuning)
        },
        Entry("snapkv", SnapKVPolicy.summary) {
            SnapKVPolicy(budget: $0.budget, prefill: $0.prefill, decode: $0.decode, tuning: $0.tuning)
        },
        Entry("trim-kv", TRIMKVPolicy.summary, reads: future) {
            TRIMKVPolicy(future: $0.futureOrEmpty, tuning: $0.tuning, random: $0.random)
        },
        Entry("lazy-eviction", LazyEvictionPolicy.summary) {
            LazyEvictionPolicy(length: $0.prefill + $0.decode, tuning: $0.tuning)
        },
        Entry("random", RandomTokenPolicy.summary) { RandomTokenPolicy(random: $0.random) },
        Entry("oracle", OraclePolicy.summary, reads: future) { OraclePolicy(future: $0.futureOrEmpty) },
    ]

    public static var names: [String] { entries.map(\.name) }
}

extension TokenPolicyContext {
    /// The future of a policy that reads it (the model always passes one to such a policy).
    var futureOrEmpty: TokenFuture {
        future
            ?? TokenFuture(
                totalDecodeAttention: Array(repeating: 0, count: prefill + decode),
                lifetime: Array(repeating: 1, count: prefill + decode))
    }
}
