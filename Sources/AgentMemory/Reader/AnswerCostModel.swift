/// The latency of answering one question:
/// ```
/// latency = (context tokens + question tokens) / prefill_tokens_per_s
///         + LLM calls x call_seconds + searches x search_seconds
/// ```
/// Defaults: prefill at 40,000 tokens/s (Llama-3.1-8B on one H100: about 24 ms for 1,000
/// prompt tokens, from Vidur's public operator profiles); a call's own time 0.5 s (about 64
/// output tokens at vLLM 0.6.0's median 7.56 ms per token, Lambda's benchmark); a search 5 ms
/// (an assumption). Each can be overridden (`cost.*`).
struct AnswerCostModel: Sendable {
    var prefillTokensPerSecond = 40_000.0
    var callSeconds = 0.5
    var searchSeconds = 0.005

    func latency(of build: ContextBuild, _ outcome: QuestionOutcome) -> Double {
        Double(outcome.contextTokens) / prefillTokensPerSecond + Double(build.calls) * callSeconds
            + Double(build.searches) * searchSeconds
    }
}
