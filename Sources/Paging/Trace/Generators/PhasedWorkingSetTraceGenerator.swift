import SimCore

/// Shifting working sets: the trace is cut into `phases` phases of (nearly) equal length;
/// in phase `j` (from 0) each request is object `j * shift + r`, with rank `r` drawn from
/// Zipf(alpha) over `phaseObjects` objects.
///
/// With `shift >= phaseObjects` the phases' working sets are disjoint; with a smaller
/// shift consecutive phases overlap in `phaseObjects - shift` objects. Phase `j` holds the
/// requests `j * requests / phases ..< (j + 1) * requests / phases` (integer division).
public struct PhasedWorkingSetTraceGenerator: TraceGenerating {
    public let phases: Int
    public let phaseObjects: Int
    public let shift: Int
    public let alpha: Double
    public let requests: Int

    public init(phases: Int, phaseObjects: Int, shift: Int, alpha: Double, requests: Int) {
        self.phases = phases
        self.phaseObjects = phaseObjects
        self.shift = shift
        self.alpha = alpha
        self.requests = requests
    }

    public func generate(using random: inout RandomSource) throws -> Trace {
        let zipf = try ZipfDistribution(items: phaseObjects, exponent: alpha)
        var keys = [Int32](repeating: 0, count: requests)
        for phase in 0..<phases {
            let start = phase * requests / phases
            let end = (phase + 1) * requests / phases
            for i in start..<end {
                keys[i] = Int32(truncatingIfNeeded: phase * shift + zipf.sample(using: &random))
            }
        }
        return Trace(keys: keys, keyBound: (phases - 1) * shift + phaseObjects)
    }
}
