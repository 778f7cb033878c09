import Foundation
import SimCore

/// Runs planned runs on exactly `jobs` worker threads. Each finished run is handed to
/// `finished` (serialised under a lock) in completion order; completion order never
/// reaches the final outputs, which are rebuilt in canonical order.
struct SweepExecutor {
    let plan: ExperimentPlan
    let jobs: Int

    /// Runs `todo`; after the first failure no new run starts, and the error is rethrown
    /// once the runs in flight have finished (their results are kept).
    func execute(_ todo: [PlannedRun], finished: @escaping @Sendable (PlannedRun, MetricRow, Duration) throws -> Void)
        throws
    {
        let state = ExecutorState()
        let plan = self.plan
        let workers = max(1, min(jobs, todo.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                Self.work(todo, plan: plan, state: state, finished: finished)
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        if let failure = state.failure { throw failure }
    }

    /// One worker: takes the next run until none is left or a run failed.
    private static func work(
        _ todo: [PlannedRun], plan: ExperimentPlan, state: ExecutorState,
        finished: @Sendable (PlannedRun, MetricRow, Duration) throws -> Void
    ) {
        let clock = ContinuousClock()
        while let i = state.next(limit: todo.count) {
            let run = todo[i]
            do {
                let start = clock.now
                let row = try plan.points[run.point].model.run(seed: run.seed)
                let elapsed = clock.now - start
                try checkRow(row, plan: plan, run: run)
                try state.locked { try finished(run, row, elapsed) }
            } catch {
                state.fail(error, run: run)
            }
        }
    }

    static func checkRow(_ row: MetricRow, plan: ExperimentPlan, run: PlannedRun) throws {
        guard Array(row.values.keys) == plan.metricNames else {
            throw HarnessError(
                "run \(run.key): model returned metrics \(row.values.keys.joined(separator: ",")), "
                    + "declared \(plan.metricNames.joined(separator: ","))")
        }
        guard Array(row.tables.keys) == plan.tableNames else {
            throw HarnessError(
                "run \(run.key): model returned tables \(row.tables.keys.joined(separator: ",")), "
                    + "declared \(plan.tableNames.joined(separator: ","))")
        }
    }
}

/// Shared state of the workers: the next index, the first failure, and a lock.
final class ExecutorState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private(set) var failure: Error?

    func next(limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil, nextIndex < limit else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func locked(_ body: () throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        try body()
    }

    func fail(_ error: Error, run: PlannedRun) {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil else { return }
        if let harness = error as? HarnessError {
            failure = harness
        } else {
            failure = HarnessError("run \(run.key) failed: \(error)")
        }
    }
}
