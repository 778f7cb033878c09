import SimCore

/// Random eviction: each victim uniformly among the cached tokens (seeded; the baseline of
/// H2O's ablations).
struct RandomTokenPolicy: TokenEvictionPolicy {
    static let summary = "evict uniformly random cached tokens (seeded)"

    var random: RandomSource

    mutating func observe(_ step: AttentionStep) {}
    mutating func victims(in cache: [Int32], excess: Int, query: Int) -> [Int32] {
        var pool = cache
        var chosen: [Int32] = []
        for _ in 0..<excess {
            let k = random.nextInt(below: pool.count)
            chosen.append(pool[k])
            pool.swapAt(k, pool.count - 1)
            pool.removeLast()
        }
        return chosen.sorted()
    }
}
