import Foundation

/// Streaming uniform exploration, the baseline of Wang (ICML 2023): pull every arriving arm
/// `b = (T / K)^(2/3) (ln T)^(1/3)` times, keep the one of highest empirical mean (one stored
/// arm), and commit the rest of the horizon to it; regret O(K^(1/3) T^(2/3) log^(1/3) T).
public struct StreamingUniformExploration: StreamingBanditAlgorithm {
    public static let summary =
        "pull each arm (T/K)^(2/3) (ln T)^(1/3) times, keep the best empirical mean, commit (Wang 2023's baseline)"

    public func play(_ stream: inout ArmStream) -> Int {
        let t = Double(stream.horizon)
        let k = Double(stream.arms)
        let budget = max(1, Int((pow(t / k, 2.0 / 3) * pow(log(max(t, 2)), 1.0 / 3)).rounded(.up)))
        var kept = -1
        var keptMean = -1.0
        for arm in 0..<stream.arms {
            stream.arrive(arm)
            let mean = empiricalMean(stream.pull(arm, times: budget))
            if mean > keptMean {
                if kept >= 0 { stream.release(kept) }
                stream.retain(arm)
                kept = arm
                keptMean = mean
            }
        }
        stream.commit(kept)
        return kept
    }
}
