import SimCore

/// The bookkeeping shared by marking algorithms (Fiat et al. 1991): resident pages are
/// marked or unmarked, and the request sequence is cut into phases.
///
/// ```
/// on every request: mark the requested page (once it is resident)
/// on a miss with a full cache and no unmarked page: a new phase starts; every resident
///     page becomes unmarked
/// ```
/// Every page has a class (0 by default; Mark&Predict uses its predicted bit), and the
/// unmarked resident pages of each class sit in an array pool with each page's position,
/// so a uniformly random unmarked page of a class is found and removed in O(1). A phase
/// reset costs O(k), at most once per k distinct requests.
///
/// Invariant: every resident page is either marked (in `markedPages`) or in the pool of
/// its class, never both.
struct MarkingPhases {
    static let absent: Int32 = -1
    /// Position of each page in its class's pool, or `absent`.
    private var poolPosition: [Int32]
    private var isMarked: [Bool]
    private var pageClass: [UInt8]
    /// The unmarked resident pages of each class, in no particular order.
    private(set) var pools: [[Int]]
    /// The marked resident pages, in the order they were marked.
    private(set) var markedPages: [Int] = []
    /// Number of phases started so far (the first request opens phase 1).
    private(set) var phase = 0

    init(objectCount: Int, classes: Int = 1) {
        poolPosition = [Int32](repeating: Self.absent, count: objectCount)
        isMarked = [Bool](repeating: false, count: objectCount)
        pageClass = [UInt8](repeating: 0, count: objectCount)
        pools = [[Int]](repeating: [], count: classes)
    }

    var residentCount: Int { unmarkedCount + markedPages.count }
    var unmarkedCount: Int { pools.reduce(0) { $0 + $1.count } }

    func isResident(_ page: Int) -> Bool { isMarked[page] || poolPosition[page] != Self.absent }
    func isUnmarkedResident(_ page: Int) -> Bool { poolPosition[page] != Self.absent }

    /// Marks a resident page (a hit); no-op if it is already marked.
    mutating func mark(_ page: Int) {
        guard poolPosition[page] != Self.absent else { return }
        removeFromPool(page)
        isMarked[page] = true
        markedPages.append(page)
    }

    /// Sets the class of a page (resident or not), moving it between pools if unmarked.
    mutating func setClass(_ page: Int, _ newClass: Int) {
        guard Int(pageClass[page]) != newClass else { return }
        let unmarked = poolPosition[page] != Self.absent
        if unmarked { removeFromPool(page) }
        pageClass[page] = UInt8(newClass)
        if unmarked { addToPool(page) }
    }

    /// Starts a new phase if no resident page is unmarked. Returns whether it did.
    @discardableResult
    mutating func startPhaseIfAllMarked() -> Bool {
        guard unmarkedCount == 0 else { return false }
        phase += 1
        for page in markedPages {
            isMarked[page] = false
            addToPool(page)
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

    /// A uniformly random unmarked resident page of `pageClass`. Requires that pool to be non-empty.
    func randomUnmarked(inClass pageClass: Int = 0, using random: inout RandomSource) -> Int {
        pools[pageClass][random.nextInt(below: pools[pageClass].count)]
    }

    private mutating func addToPool(_ page: Int) {
        let c = Int(pageClass[page])
        poolPosition[page] = Int32(pools[c].count)
        pools[c].append(page)
    }

    private mutating func removeFromPool(_ page: Int) {
        let c = Int(pageClass[page])
        let position = Int(poolPosition[page])
        let last = pools[c].removeLast()
        if last != page {
            pools[c][position] = last
            poolPosition[last] = Int32(position)
        }
        poolPosition[page] = Self.absent
    }

    func checkInvariants(_ name: String) throws {
        for (c, pool) in pools.enumerated() {
            for (i, page) in pool.enumerated()
            where poolPosition[page] != Int32(i) || isMarked[page] || Int(pageClass[page]) != c {
                throw InvariantViolation(
                    "\(name): pool \(c) slot \(i) holds page \(page) with position \(poolPosition[page])")
            }
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
