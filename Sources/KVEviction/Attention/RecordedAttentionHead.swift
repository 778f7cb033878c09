import SimCore

/// One stream (layer and head) of a recorded trace as an attention source: each step's top
/// weights as recorded, the remaining mass spread evenly over the other positions. Value
/// vectors are not in the trace; they are drawn (standard normal) from the stream's own random
/// source as tokens are created, as for synthetic attention. A recorded trace has no
/// ground truth of recurrence, so no token counts as recurring.
struct RecordedAttentionHead: AttentionSource {
    let trace: RecordedAttention
    let stream: Int
    let dimension: Int
    private var random: RandomSource
    private(set) var values: [SIMD8<Float>] = []
    let recurring: [Int32] = []

    init(trace: RecordedAttention, stream: Int, dimension: Int, random: RandomSource) {
        self.trace = trace
        self.stream = stream
        self.dimension = dimension
        self.random = random
        values.reserveCapacity(trace.steps * ValueRows.chunks(dimension))
    }

    func reactivates(_ i: Int, at t: Int) -> Bool { false }

    mutating func step(_ t: Int, into weights: inout [Float]) -> Float {
        values += ValueRows.row((0..<dimension).map { _ in Float(random.normal()) })
        let record = t * trace.streams + stream
        let entries = record * trace.topK..<(record + 1) * trace.topK
        let used = entries.reduce(0) { $0 + (trace.positions[$1] == RecordedAttention.unused ? 0 : 1) }
        let others = t + 1 - used
        let spread = others > 0 ? max(0, trace.remaining[record]) / Float(others) : 0
        for i in 0...t { weights[i] = spread }
        for k in entries where trace.positions[k] != RecordedAttention.unused {
            weights[Int(trace.positions[k])] = trace.weights[k]
        }
        var sum: Float = 0
        for i in 0...t { sum += weights[i] }
        return sum
    }
}
