/// Accuracies measured during training, and the continual-learning metrics computed from them.
///
/// `log[e]` holds the accuracy on every task's test set at evaluation e, taken at iteration
/// `iterations[e]`; evaluation 0 is before any training, and every task's last iteration is
/// evaluated. With T tasks, a_kj is the accuracy on task j at the end of task k:
/// ```
/// final          = mean_j a_(T-1)j
/// average incremental = mean_k mean_(j<=k) a_kj   (Rebuffi et al., iCaRL, 2017; A_k of Chaudhry et al. 2018 averaged over k)
/// forgetting     = mean_(j<T-1) [max_(j<=k<T-1) a_kj - a_(T-1)j]   (Chaudhry et al. 2018)
/// BWT            = mean_(j<T-1) [a_(T-1)j - a_jj]                   (Lopez-Paz and Ranzato 2017)
/// FWT            = mean_(j>=1) [a_(j-1)j - b_j], b_j at evaluation 0 (Lopez-Paz and Ranzato 2017)
/// min-ACC        = mean_(j<T-1) min over evaluations after task j's end of the accuracy on j
/// WC-ACC         = a_(T-1)(T-1) / T + (1 - 1/T) min-ACC          (De Lange et al., ICLR 2023)
/// gap depth      = mean over switches s of max(0, acc_<s at the end of task s-1 - min during task s of acc_<s)
/// recovery       = mean over switches of the iterations from the switch until acc_<s regains
///                  half of its dip after the trough (the task's length if it never does; 0 without a dip)
/// hidden dip     = mean over switches s of [acc_<s at the end of task s - min during task s of acc_<s]:
///                  the part of the dip that evaluating only at task ends cannot see
/// ```
/// acc_<s is the mean accuracy over the tasks before s.
public struct ContinualEvaluation: Sendable {
    public let tasks: Int
    public private(set) var iterations: [Int] = []
    public private(set) var log: [[Double]] = []
    /// The evaluation index at the end of each task.
    public private(set) var taskEnds: [Int] = []

    public init(tasks: Int) { self.tasks = tasks }

    public mutating func record(iteration: Int, accuracies: [Double], endsTask: Bool) {
        iterations.append(iteration)
        log.append(accuracies)
        if endsTask { taskEnds.append(log.count - 1) }
    }

    /// a_kj.
    public func accuracy(afterTask k: Int, onTask j: Int) -> Double { log[taskEnds[k]][j] }

    /// The accuracy matrix: row k is a_k0 ... a_k(T-1), for every task end recorded.
    public var accuracyMatrix: [[Double]] { taskEnds.map { log[$0] } }

    private func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

    public var finalAccuracy: Double { mean((0..<tasks).map { accuracy(afterTask: tasks - 1, onTask: $0) }) }

    public var averageIncrementalAccuracy: Double {
        mean((0..<tasks).map { k in mean((0...k).map { accuracy(afterTask: k, onTask: $0) }) })
    }

    public var forgetting: Double {
        mean((0..<(tasks - 1)).map { j in
            ((j..<(tasks - 1)).map { accuracy(afterTask: $0, onTask: j) }.max() ?? 0) - accuracy(afterTask: tasks - 1, onTask: j)
        })
    }

    public var backwardTransfer: Double {
        mean((0..<(tasks - 1)).map { accuracy(afterTask: tasks - 1, onTask: $0) - accuracy(afterTask: $0, onTask: $0) })
    }

    public var forwardTransfer: Double {
        mean((1..<max(tasks, 1)).map { accuracy(afterTask: $0 - 1, onTask: $0) - log[0][$0] })
    }

    public var minAccuracy: Double {
        mean((0..<(tasks - 1)).map { j in
            (log.indices.filter { $0 > taskEnds[j] }.map { log[$0][j] }.min()) ?? accuracy(afterTask: j, onTask: j)
        })
    }

    public var worstCaseAccuracy: Double {
        let t = Double(tasks)
        return accuracy(afterTask: tasks - 1, onTask: tasks - 1) / t + (1 - 1 / t) * minAccuracy
    }

    /// Mean accuracy over the tasks before `s` at evaluation e.
    private func earlier(_ e: Int, _ s: Int) -> Double { mean((0..<s).map { log[e][$0] }) }

    /// (depth, recovery iterations, hidden dip) per task switch.
    public var switches: [(depth: Double, recovery: Int, hidden: Double)] {
        (1..<max(tasks, 1)).map { s in
            let before = earlier(taskEnds[s - 1], s)
            let during = Array((taskEnds[s - 1] + 1)...taskEnds[s])
            let trough = during.min { earlier($0, s) < earlier($1, s) } ?? taskEnds[s]
            let depth = max(0, before - earlier(trough, s))
            let start = iterations[taskEnds[s - 1]]
            let hidden = earlier(taskEnds[s], s) - earlier(trough, s)
            guard depth > 0 else { return (0, 0, hidden) }
            let recovered = during.first { $0 > trough && earlier($0, s) >= before - depth / 2 }
            return (depth, (recovered.map { iterations[$0] } ?? iterations[taskEnds[s]]) - start, hidden)
        }
    }
}
