import SimCore

/// The requests of one run, in order: each round's context and every adapter's true expected
/// reward (utility) for it. Synthetic requests come from an `AdapterWorkload`; a trace
/// supplies contexts and, when it has them, the utilities (otherwise the workload's thetas
/// give them). Two sequences made from the same inputs yield the same rounds.
public struct AdapterRequests {
    public enum Source: Sendable {
        case synthetic(AdapterWorkload)
        case trace(AdapterTrace, thetas: [[Double]])
    }

    public let source: Source
    private var random: RandomSource
    private var round = 0

    public init(source: Source, random: RandomSource) {
        self.source = source
        self.random = random
    }

    /// The next round's context and utilities.
    public mutating func next() -> (context: [Double], utilities: [Double]) {
        defer { round += 1 }
        switch source {
        case .synthetic(let workload):
            let x = workload.context(at: round, random: &random)
            return (x, workload.thetas.map { dot($0, x) })
        case .trace(let trace, let thetas):
            let x = trace.contexts[round]
            return (x, trace.rewards?[round] ?? thetas.map { dot($0, x) })
        }
    }
}

func dot(_ a: [Double], _ b: [Double]) -> Double {
    var total = 0.0
    for i in a.indices { total += a[i] * b[i] }
    return total
}
