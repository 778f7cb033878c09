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
/// deepest drop   = mean over switches s of max(0, before_s - min during task s of acc_<s)
/// early dip      = mean over switches s of max(0, before_s - min over the early window of acc_<s)
/// dip recovery   = mean over switches s of [end_s - min over the early window of acc_<s]
/// lasting drop   = mean over switches s of [before_s - end_s]
/// recovery iterations = mean over switches of the iterations from the switch until acc_<s regains
///                  half of its deepest drop after the trough (the task's length if it never does; 0 without a drop)
/// hidden dip     = mean over switches s of [end_s - min during task s of acc_<s]:
///                  the part of the drop that evaluating only at task ends cannot see
/// ```
/// acc_<s is the mean accuracy over the tasks before s; before_s is acc_<s at the end of task
/// s-1 and end_s at the end of task s. The early window is the evaluations of task s at most
/// `dipWindow` x (task s's iterations) after the switch (at least the first evaluation).
/// Where the early minimum is the task's trough and below before_s, early dip = dip recovery + lasting drop: the
/// stability gap of De Lange et al. (ICLR 2023) is the transient part, and lasting forgetting
/// is what stays.
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
        mean(
            (0..<(tasks - 1)).map { j in
                ((j..<(tasks - 1)).map { accuracy(afterTask: $0, onTask: j) }.max() ?? 0)
                    - accuracy(afterTask: tasks - 1, onTask: j)
            })
    }

    public var backwardTransfer: Double {
        mean((0..<(tasks - 1)).map { accuracy(afterTask: tasks - 1, onTask: $0) - accuracy(afterTask: $0, onTask: $0) })
    }

    public var forwardTransfer: Double {
        mean((1..<max(tasks, 1)).map { accuracy(afterTask: $0 - 1, onTask: $0) - log[0][$0] })
    }

    public var minAccuracy: Double {
        mean(
            (0..<(tasks - 1)).map { j in
                (log.indices.filter { $0 > taskEnds[j] }.map { log[$0][j] }.min()) ?? accuracy(afterTask: j, onTask: j)
            })
    }

    public var worstCaseAccuracy: Double {
        let t = Double(tasks)
        return accuracy(afterTask: tasks - 1, onTask: tasks - 1) / t + (1 - 1 / t) * minAccuracy
    }

    /// Mean accuracy over the tasks before `s` at evaluation e.
    private func earlier(_ e: Int, _ s: Int) -> Double { mean((0..<s).map { log[e][$0] }) }

    /// What happens to the earlier tasks' accuracy at one task switch (see the type's formulas).
    public struct Switch: Sendable, Equatable {
        public let depth: Double
        public let earlyDip: Double
        public let recovery: Double
        public let lasting: Double
        public let recoveryIterations: Int
        public let hidden: Double
    }

    /// One `Switch` per task switch, with the early window a `dipWindow` share of each task.
    public func switches(dipWindow: Double) -> [Switch] {
        (1..<max(tasks, 1)).map { s in
            let before = earlier(taskEnds[s - 1], s)
            let end = earlier(taskEnds[s], s)
            let during = Array((taskEnds[s - 1] + 1)...taskEnds[s])
            let trough = during.min { earlier($0, s) < earlier($1, s) } ?? taskEnds[s]
            let depth = max(0, before - earlier(trough, s))
            let start = iterations[taskEnds[s - 1]]
            let windowEnd = start + max(1, Int((dipWindow * Double(iterations[taskEnds[s]] - start)).rounded(.down)))
            let early =
                during.filter { $0 == during.first || iterations[$0] <= windowEnd }.map { earlier($0, s) }.min() ?? end
            let hidden = end - earlier(trough, s)
            var iterationsToRecover = 0
            if depth > 0 {
                let recovered = during.first { $0 > trough && earlier($0, s) >= before - depth / 2 }
                iterationsToRecover = (recovered.map { iterations[$0] } ?? iterations[taskEnds[s]]) - start
            }
            return Switch(
                depth: depth, earlyDip: max(0, before - early), recovery: end - early, lasting: before - end,
                recoveryIterations: iterationsToRecover, hidden: hidden)
        }
    }
}
