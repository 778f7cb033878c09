import SimCore

/// The LRU stack-distance locality model (Mattson et al. 1970; Spirn's "LRU stack model"):
/// the `objects` objects form an LRU stack, and each request takes the object at a depth
/// drawn independently from Zipf(alpha) over depths 1...objects, then moves it to the top.
///
/// Under this model the stack distance of every request is that Zipf draw, so LRU with a
/// cache of `k` objects hits exactly the requests whose depth is at most `k` (after the
/// stack is warm), and its expected miss ratio is P(depth > k). The initial stack holds
/// object 0 on top, then 1, 2, ...; it is implementation detail, not a cold start: the
/// first request of each object is still a (cold) miss for every policy.
///
/// The stack is kept as a Fenwick tree over "last touched" slots (one slot per object
/// for the initial order, then one per request), so finding the object at depth `d` and
/// moving it to the top cost O(log(objects + requests)).
public struct StackDistanceTraceGenerator: TraceGenerating {
    public let objects: Int
    public let alpha: Double
    public let requests: Int

    public init(objects: Int, alpha: Double, requests: Int) {
        self.objects = objects
        self.alpha = alpha
        self.requests = requests
    }

    public func generate(using random: inout RandomSource) throws -> Trace {
        let depths = try ZipfDistribution(items: objects, exponent: alpha)
        let slots = objects + requests
        var tree = FenwickCounter(size: slots)
        var objectAtSlot = [Int32](repeating: -1, count: slots)
        // Slot objects-1-i holds object i, so object 0 is the most recently touched.
        for i in 0..<objects {
            objectAtSlot[objects - 1 - i] = Int32(i)
            tree.add(1, at: objects - 1 - i)
        }
        var keys = [Int32](repeating: 0, count: requests)
        for t in 0..<requests {
            let depth = depths.sample(using: &random) + 1  // 1 = top of the stack
            let slot = tree.position(ofRank: objects - depth + 1)
            let object = objectAtSlot[slot]
            tree.add(-1, at: slot)
            objectAtSlot[slot] = -1
            let top = objects + t
            tree.add(1, at: top)
            objectAtSlot[top] = object
            keys[t] = object
        }
        return Trace(keys: keys, keyBound: objects)
    }
}

/// A Fenwick (binary indexed) tree of non-negative counts over positions `0..<size`.
///
/// - Complexity: `add` and `position(ofRank:)` are O(log size).
struct FenwickCounter {
    private var tree: [Int]
    private let highestPowerOfTwo: Int

    init(size: Int) {
        tree = [Int](repeating: 0, count: size + 1)
        var p = 1
        while p * 2 <= size { p *= 2 }
        highestPowerOfTwo = p
    }

    mutating func add(_ delta: Int, at position: Int) {
        var i = position + 1
        while i < tree.count {
            tree[i] += delta
            i += i & -i
        }
    }

    /// The smallest position whose prefix count reaches `rank` (1-based), i.e. the
    /// position of the `rank`-th counted item in position order.
    func position(ofRank rank: Int) -> Int {
        var index = 0
        var remaining = rank
        var step = highestPowerOfTwo
        while step > 0 {
            let next = index + step
            if next < tree.count, tree[next] < remaining {
                index = next
                remaining -= tree[next]
            }
            step >>= 1
        }
        return index  // 1-based tree index `index + 1` is the position `index`
    }
}
