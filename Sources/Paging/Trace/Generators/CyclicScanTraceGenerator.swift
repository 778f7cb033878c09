import SimCore

/// A cyclic scan over `pages` pages: request `i` is page `i mod pages`.
///
/// The worst case of LRU and FIFO: with a cache of `k < pages` pages, both miss every
/// request, while OPT misses about once every `k - 1` requests after the first cycle
/// (Sleator and Tarjan 1985). Deterministic: `random` is not read.
public struct CyclicScanTraceGenerator: TraceGenerating {
    public let pages: Int
    public let requests: Int

    public init(pages: Int, requests: Int) {
        self.pages = pages
        self.requests = requests
    }

    public func generate(using random: inout RandomSource) throws -> Trace {
        let keys = (0..<requests).map { Int32(truncatingIfNeeded: $0 % pages) }
        return Trace(keys: keys, keyBound: pages)
    }
}
