/// The latency of answering one question:
/// ```
/// latency = (context tokens + question tokens) / prefill_tokens_per_s
///         + LLM calls x call_seconds + searches x search_seconds
/// ```
/// With `cost.reused_tokens_per_s` above 0, the tokens of a context that stay the same from
/// question to question (full context's conversation) are read from a kept KV cache at that
/// rate instead (prefix caching: attention over cached KV instead of its prefill).
/// Defaults: prefill at 40,000 tokens/s (Llama-3.1-8B on one H100: about 24 ms for 1,000
/// prompt tokens, from Vidur's public operator profiles); a call's own time 0.5 s (about 64
/// output tokens at vLLM 0.6.0's median 7.56 ms per token, Lambda's benchmark); a search 5 ms
/// (an assumption). Each can be overridden (`cost.*`).
struct AnswerCostModel: Sendable {
    var prefillTokensPerSecond = 40_000.0
    var callSeconds = 0.5
    var searchSeconds = 0.005
    /// Tokens/s of reading a reused prefix's KV; 0: no reuse.
    var reusedTokensPerSecond = 0.0

    func latency(of build: ContextBuild, _ outcome: QuestionOutcome) -> Double {
        let reused = reusedTokensPerSecond > 0 ? build.reusableTokens : 0
        let reading =
            Double(outcome.contextTokens - reused) / prefillTokensPerSecond
            + (reused > 0 ? Double(reused) / reusedTokensPerSecond : 0)
        return reading + Double(build.calls) * callSeconds + Double(build.searches) * searchSeconds
    }
}
