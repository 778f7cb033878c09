/// GreedyDual-Size (Cao and Irani, "Cost-Aware WWW Proxy Caching Algorithms", USITS 1997),
/// for adapters of different sizes and paging costs:
/// ```
/// on admission or hit of a:  H(a) = L + cost(a) / size(a)
/// evict the resident adapter of least H (ties: lowest index), then L = that H
/// ```
/// cost(a) is a's paging latency, so a large adapter that is cheap per byte to reload leaves
/// first.
public struct GreedyDualSizeController: AdapterCacheController {
    public static let summary =
        "demand caching, GreedyDual-Size: evict least L + paging latency / size (Cao and Irani 1997)"

    public let insertsOnMiss = true
    private let costPerByte: [Double]
    private var credit: [Double]
    private var inflation = 0.0

    public init(pagingSeconds: [Double], sizes: [Int]) {
        costPerByte = zip(pagingSeconds, sizes).map { $0 / Double(max($1, 1)) }
        credit = [Double](repeating: 0, count: sizes.count)
    }

    public mutating func served(adapter: Int, round: Int) { credit[adapter] = inflation + costPerByte[adapter] }

    public mutating func victim(cache: AdapterCache, incoming: Int) -> Int {
        let members = cache.members
        var victim = members.first ?? 0
        for a in members where credit[a] < credit[victim] { victim = a }
        inflation = credit[victim]
        return victim
    }
}
