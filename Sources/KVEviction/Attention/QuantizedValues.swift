/// Value vectors stored in chunks of 8 lanes (`SIMD8<Float>`), the last chunk of a row padded
/// with zeros, so the output sums run one vector operation per chunk.
enum ValueRows {
    /// Chunks per row of a `dimension`-entry vector.
    static func chunks(_ dimension: Int) -> Int { (dimension + 7) / 8 }

    /// The chunks of one vector.
    static func row(_ entries: [Float]) -> [SIMD8<Float>] {
        stride(from: 0, to: entries.count, by: 8).map { start in
            var chunk = SIMD8<Float>.zero
            for lane in 0..<min(8, entries.count - start) { chunk[lane] = entries[start + lane] }
            return chunk
        }
    }
}

/// The value vectors as the cache stores them: exact at 16 bits (the fp16 reference), else
/// each token's vector quantised symmetrically to `bits` bits with its own scale
/// (absmax / (2^(bits-1) - 1)), round to nearest, as per-token KV quantisation does.
struct QuantizedValues {
    let chunks: Int
    let bits: Int
    private(set) var values: [SIMD8<Float>] = []

    init(dimension: Int, bits: Int) {
        chunks = ValueRows.chunks(dimension)
        self.bits = bits
    }

    /// Stores token `token`'s vector from `exact` (all tokens' rows).
    mutating func append(_ exact: [SIMD8<Float>], token: Int) {
        let row = exact[token * chunks..<(token + 1) * chunks]
        let largest = row.reduce(Float(0)) { max($0, $1.replacing(with: -$1, where: $1 .< 0).max()) }
        guard bits < 16, largest > 0 else {
            values.append(contentsOf: row)
            return
        }
        let scale = largest / Float((1 << (bits - 1)) - 1)
        for chunk in row { values.append((chunk / scale).rounded(.toNearestOrAwayFromZero) * scale) }
    }
}
