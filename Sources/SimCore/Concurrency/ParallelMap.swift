import Foundation

/// Computes `body(0) ..< body(count)` on up to `jobs` threads and returns the results in
/// index order, so the output never depends on the number of threads or their timing.
///
/// Work is handed out one index at a time (the next free index under a lock), which keeps
/// the threads busy when items take very different times. After the first error no new
/// item starts; the error of the lowest failing index among those run is rethrown.
public enum ParallelMap {
    public static func map<T: Sendable>(
        count: Int, jobs: Int, _ body: @escaping @Sendable (Int) throws -> T
    ) throws -> [T] {
        let state = ParallelMapState<T>(count: count)
        let workers = max(1, min(jobs, count))
        if workers == 1 {
            return try (0..<count).map(body)
        }
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                while let i = state.next() {
                    do { state.store(try body(i), at: i) } catch { state.fail(error, at: i) }
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return try state.results()
    }
}

/// The shared state of one `ParallelMap.map`: the next index, results and the first error.
private final class ParallelMapState<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private var nextIndex = 0
    private var values: [T?]
    private var failure: (index: Int, error: any Error)?

    init(count: Int) {
        self.count = count
        values = [T?](repeating: nil, count: count)
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil, nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func store(_ value: T, at i: Int) {
        lock.lock()
        values[i] = value
        lock.unlock()
    }

    func fail(_ error: any Error, at i: Int) {
        lock.lock()
        if failure == nil || i < failure?.index ?? .max { failure = (i, error) }
        lock.unlock()
    }

    func results() throws -> [T] {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure.error }
        return values.compactMap { $0 }
    }
}
