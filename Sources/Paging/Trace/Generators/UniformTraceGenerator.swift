import SimCore

/// Independent reference model with uniform popularity: each request is one of `objects`
/// objects with probability 1 / `objects`, independently of all others.
public struct UniformTraceGenerator: TraceGenerating {
    public let objects: Int
    public let requests: Int

    public init(objects: Int, requests: Int) {
        self.objects = objects
        self.requests = requests
    }

    public func generate(using random: inout RandomSource) throws -> Trace {
        var keys = [Int32](repeating: 0, count: requests)
        for i in 0..<requests { keys[i] = Int32(truncatingIfNeeded: random.nextInt(below: objects)) }
        return Trace(keys: keys, keyBound: objects)
    }
}
