import SimCore

/// Zipf-popular requests interrupted by periodic sequential scans.
///
/// ```
/// repeat until `requests` requests are drawn:
///     `scanEvery` requests drawn independently from Zipf(alpha) over objects 0..<objects
///     one scan: objects, objects+1, ..., objects+scanLength-1 in order
/// ```
/// Every scan walks the same `scanLength` scan-only objects, so a scan longer than the
/// cache flushes a recency-based cache of its hot Zipf objects, while scan-resistant
/// policies (ARC, 2Q, S3-FIFO) keep them. The trace is cut at exactly `requests` requests.
public struct ZipfScanMixtureTraceGenerator: TraceGenerating {
    public let objects: Int
    public let alpha: Double
    public let requests: Int
    public let scanLength: Int
    public let scanEvery: Int

    public init(objects: Int, alpha: Double, requests: Int, scanLength: Int, scanEvery: Int) {
        self.objects = objects
        self.alpha = alpha
        self.requests = requests
        self.scanLength = scanLength
        self.scanEvery = scanEvery
    }

    public func generate(using random: inout RandomSource) throws -> Trace {
        let zipf = try ZipfDistribution(items: objects, exponent: alpha)
        var keys: [Int32] = []
        keys.reserveCapacity(requests)
        while keys.count < requests {
            for _ in 0..<min(scanEvery, requests - keys.count) {
                keys.append(Int32(truncatingIfNeeded: zipf.sample(using: &random)))
            }
            for s in 0..<min(scanLength, requests - keys.count) {
                keys.append(Int32(truncatingIfNeeded: objects + s))
            }
        }
        return Trace(keys: keys, keyBound: objects + scanLength)
    }
}
