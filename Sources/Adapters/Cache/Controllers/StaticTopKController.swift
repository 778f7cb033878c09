/// The non-adaptive cache: before the first request it loads the adapters that were most
/// often the best choice in historical requests (`popularity`, counts), most popular first
/// while they fit, and never changes them. Misses are paged in for their request only.
public struct StaticTopKController: AdapterCacheController {
    public static let summary =
        "load the adapters most often best in historical requests, never change (misses paged per request)"

    private let popularity: [Int]

    public init(popularity: [Int]) { self.popularity = popularity }

    public func planningSample(at round: Int) -> Int? { round == 0 ? 0 : nil }

    public func plan(_ input: CachePlanningInput) -> [Int] {
        let order = popularity.indices.sorted { (popularity[$0], -$0) > (popularity[$1], -$1) }
        var chosen: [Int] = []
        var bytes = 0
        for a in order where input.cache.fits(count: chosen.count + 1, bytes: bytes + input.cache.sizes[a]) {
            chosen.append(a)
            bytes += input.cache.sizes[a]
        }
        return chosen.sorted()
    }
}
