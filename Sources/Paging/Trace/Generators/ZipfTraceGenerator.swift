import SimCore

/// Independent reference model with Zipf popularity: each request is object `k` with
/// probability proportional to `1 / (k + 1)^alpha`, independently of all others.
/// Dense ids are then assigned in order of first appearance (see `Trace`).
public struct ZipfTraceGenerator: Sendable {
    public let objects: Int
    public let requests: Int
    public let alpha: Double

    public init(objects: Int, requests: Int, alpha: Double) {
        self.objects = objects
        self.requests = requests
        self.alpha = alpha
    }

    /// Generates the trace from `random` (the caller passes its `workload` split).
    public func generate(using random: inout RandomSource) throws -> Trace {
        let zipf = try ZipfDistribution(items: objects, exponent: alpha)
        var keys = [Int32](repeating: 0, count: requests)
        for i in 0..<requests {
            keys[i] = Int32(truncatingIfNeeded: zipf.sample(using: &random))
        }
        return Trace(keys: keys, keyBound: objects)
    }
}
