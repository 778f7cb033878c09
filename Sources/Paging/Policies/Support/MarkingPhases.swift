import SimCore

/// The bookkeeping shared by marking algorithms (Fiat et al. 1991): resident pages are
/// marked or unmarked, and the request sequence is cut into phases.
///
/// ```
/// on every request: mark the requested page (once it is resident)
/// on a miss with a full cache and no unmarked page: a new phase starts; every resident
///     page becomes unmarked
/// ```
/// Unmarked resident pages sit in an array pool (with each page's position), so a
/// uniformly random unmarked page is found and removed in O(1). A phase reset costs
/// O(k), at most once per k distinct requests.
///
/// Invariant: every resident page is either marked (in `markedPages`) or in the pool, never both.
struct MarkingPhases {
    static let absent: Int32 = -1
    /// Position of each page in `pool`, or `absent`.
    private(set) var poolPosition: [Int32]
    private(set) var isMarked: [Bool]
    /// The unmarked resident pages, in no particular order.
    private(set) var pool: [Int] = []
    /// The marked resident pages, in the order they were marked.
    private(set) var markedPages: [Int] = []
    /// Number of phases started so far (the first request opens phase 1).
    private(set) var phase = 0

    init(objectCount: Int) {
        poolPosition = [Int32](repeating: Self.absent, count: objectCount)
        isMarked = [Bool](repeating: false, count: objectCount)
    }

    var residentCount: Int { pool.count + markedPages.count }
    var unmarkedCount: Int { pool.count }

    func isResident(_ page: Int) -> Bool { isMarked[page] || poolPosition[page] != Self.absent }
    func isUnmarkedResident(_ page: Int) -> Bool { poolPosition[page] != Self.absent }

    /// Marks a resident page (a hit); no-op if it is already marked.
    mutating func mark(_ page: Int) {
        guard poolPosition[page] != Self.absent else { return }
        removeFromPool(page)
        isMarked[page] = true
        markedPages.append(page)
    }

    /// Starts a new phase if no resident page is unmarked. Returns whether it did.
    @discardableResult
    mutating func startPhaseIfAllMarked() -> Bool {
        guard pool.isEmpty else { return false }
        phase += 1
        for page in markedPages {
            isMarked[page] = false
            poolPosition[page] = Int32(pool.count)
            pool.append(page)
        }
        markedPages.removeAll(keepingCapacity: true)
        return true
    }

    /// Adds a newly loaded page, marked.
    mutating func insertMarked(_ page: Int) {
        if phase == 0 { phase = 1 }
        isMarked[page] = true
        markedPages.append(page)
    }

    /// Removes an unmarked resident page (an eviction).
    mutating func evictUnmarked(_ page: Int) {
        precondition(poolPosition[page] != Self.absent, "evicting a page that is not unmarked and resident")
        removeFromPool(page)
    }

    /// Removes every resident page (FWF's flush); the marks go too.
    mutating func evictAll() {
        for page in pool { poolPosition[page] = Self.absent }
        for page in markedPages { isMarked[page] = false }
        pool.removeAll(keepingCapacity: true)
        markedPages.removeAll(keepingCapacity: true)
    }

    /// A uniformly random unmarked resident page. Requires `unmarkedCount > 0`.
    func randomUnmarked(using random: inout RandomSource) -> Int {
        pool[random.nextInt(below: pool.count)]
    }

    private mutating func removeFromPool(_ page: Int) {
        let position = Int(poolPosition[page])
        let last = pool.removeLast()
        if last != page {
            pool[position] = last
            poolPosition[last] = Int32(position)
        }
        poolPosition[page] = Self.absent
    }

    func checkInvariants(_ name: String) throws {
        for (i, page) in pool.enumerated() where poolPosition[page] != Int32(i) || isMarked[page] {
            throw InvariantViolation("\(name): pool slot \(i) holds page \(page) with position \(poolPosition[page])")
        }
        for page in markedPages where !isMarked[page] || poolPosition[page] != Self.absent {
            throw InvariantViolation("\(name): marked list holds page \(page) that is not marked")
        }
        let marks = isMarked.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard marks == markedPages.count else {
            throw InvariantViolation("\(name): \(marks) marks, \(markedPages.count) marked pages")
        }
    }
}
