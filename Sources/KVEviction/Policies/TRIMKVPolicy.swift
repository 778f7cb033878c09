import Foundation
import SimCore

/// TRIM-KV (Bui et al., "Cache What Lasts: Token Retention for Memory-Bounded KV Cache in
/// LLMs", arXiv 2512.03324, 2025; ngocbh/trimkv): a learned gate gives each token, when it is
/// created, a retention rate beta in (0, 1]; its retention score decays as beta^(t - t_i),
/// and the cache keeps the tokens of highest score.
///
/// ```
/// at creation: beta_i from the predictor (below), fixed
/// victims: the cached tokens of least log(beta_i) x (t - i), ties to the older
/// ```
/// memsim's stand-in for the learned gate sees each token's true lifetime l_i (steps to its
/// last useful decode step, full-attention weight at least `trim-kv.useful_share` times the
/// uniform share 1/(t+1), from the future pass) through the prediction error model
/// (`trim-kv.prediction.*`), and sets
/// beta_i = 2^(-1/l^_i): the score halves over the predicted lifetime. `trim-kv.beta:
/// constant` gives every token `trim-kv.constant_beta` instead, and `trim-kv.sink_tokens`
/// gives the first tokens beta = 1: the special cases that equal `window` and
/// `streaming-llm` exactly. The reference code evicts in batches of a buffer (128 tokens);
/// here one token at a time, so the cache never exceeds the budget.
struct TRIMKVPolicy: TokenEvictionPolicy {
    static let summary =
        "TRIM-KV (Bui et al., 2025): retention score beta^(t - t_i), beta per token from a noisy lifetime predictor (reads the future)"

    /// log(beta) of every token.
    let logBeta: [Double]

    init(future: TokenFuture, tuning: TokenPolicyTuning, random: RandomSource) {
        var predictor = Predictor(errorModel: tuning.trimErrorModel, random: random)
        let sinks = tuning.trimSinkTokens
        logBeta = future.lifetime.enumerated().map { i, lifetime in
            if i < sinks { return 0 }
            if let constant = tuning.trimConstantBeta { return log(constant) }
            return -log(2) / max(predictor.predictValue(lifetime), 1e-9)
        }
    }

    mutating func observe(_ step: AttentionStep) {}

    mutating func victims(in cache: [Int32], excess: Int, query: Int) -> [Int32] {
        lowestScoring(cache, count: excess) { logBeta[Int($0)] * Double(query - Int($0)) }
    }
}

/// Under a shared budget (`SharedBudgetPolicy`): every token ranked by its retention score, log(beta_i) x (t - i).
extension TRIMKVPolicy: SharedBudgetPolicy {
    func evictable(in cache: [Int32], query: Int) -> [Int32] { cache }
    func retentionScore(_ position: Int32, query: Int) -> Double {
        logBeta[Int(position)] * Double(query - Int(position))
    }
}
