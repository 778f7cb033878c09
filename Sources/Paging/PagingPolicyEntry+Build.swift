import CachePolicies
import SimCore

extension PagingPolicyEntry {
    /// A fresh policy for `trace` at `capacity`, with the predictions it asks for.
    ///
    /// Randomness: the policy draws from `root.split("policy")` and the predictor from
    /// `root.split("predictor")`, so a run's policy and predictor streams never overlap.
    public func build(
        for trace: Trace, capacity: Int64, root: RandomSource, errorModel: PredictionErrorModel = .perfect,
        tuning: PagingPolicyTuning = PagingPolicyTuning(), external: ExternalPolicySettings? = nil
    ) -> (policy: any CachePolicy, predictions: PagingPredictions) {
        var predictor = Predictor(errorModel: errorModel, random: root.split("predictor"))
        let predictions = PagingPredictionBuilder.predictions(
            prediction, trace: trace, capacity: capacity, predictor: &predictor)
        let policy = make(
            PagingPolicyContext(
                capacity: capacity, objectCount: trace.objectCount, random: root.split("policy"),
                predictions: predictions, tuning: tuning, external: external))
        return (policy, predictions)
    }
}
