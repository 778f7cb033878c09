import SimCore

/// Online ridge regression of rewards on contexts, for one arm:
/// ```
/// A = lambda I + sum x x^T,   b = sum r x,   theta = A^-1 b
/// ```
/// A^-1 is kept up to date with the Sherman-Morrison identity,
/// `(A + x x^T)^-1 = A^-1 - (A^-1 x)(A^-1 x)^T / (1 + x^T A^-1 x)`, in O(d^2) per update,
/// never inverting from scratch. Matrices are dense row-major arrays.
public struct RidgeRegression: Sendable {
    public let dimension: Int
    /// A^-1, d x d row-major.
    public private(set) var inverse: [Double]
    public private(set) var b: [Double]
    public private(set) var theta: [Double]
    public private(set) var updates = 0
    private var scratch: [Double]

    /// - Precondition: `dimension >= 1`, `lambda > 0`.
    public init(dimension: Int, lambda: Double) {
        precondition(dimension >= 1 && lambda > 0, "ridge regression needs dimension >= 1 and lambda > 0")
        self.dimension = dimension
        inverse = [Double](repeating: 0, count: dimension * dimension)
        for i in 0..<dimension { inverse[i * dimension + i] = 1 / lambda }
        b = [Double](repeating: 0, count: dimension)
        theta = b
        scratch = b
    }

    /// theta . x.
    public func predict(_ x: [Double]) -> Double {
        theta.withUnsafeBufferPointer { t in
            x.withUnsafeBufferPointer { v in
                var total = 0.0
                for i in 0..<dimension { total += t[i] * v[i] }
                return total
            }
        }
    }

    /// x^T A^-1 x: the squared width of the confidence ellipsoid along x. Rows of A^-1 are
    /// dotted with x four lanes at a time, two rows at once (independent accumulators, so
    /// the multiply-adds do not wait on each other).
    public func variance(_ x: [Double]) -> Double {
        let d = dimension
        let wide = d / 4 * 4
        return inverse.withUnsafeBufferPointer { m in
            x.withUnsafeBufferPointer { v in
                func lane(_ base: Int, _ j: Int) -> SIMD4<Double> {
                    SIMD4(m[base + j], m[base + j + 1], m[base + j + 2], m[base + j + 3])
                }
                var total = 0.0
                var i = 0
                while i + 1 < d {
                    let first = i * d
                    let second = first + d
                    var a = SIMD4<Double>()
                    var b = SIMD4<Double>()
                    var j = 0
                    while j < wide {
                        let col = SIMD4(v[j], v[j + 1], v[j + 2], v[j + 3])
                        a += lane(first, j) * col
                        b += lane(second, j) * col
                        j += 4
                    }
                    var dotA = a.sum()
                    var dotB = b.sum()
                    while j < d {
                        dotA += m[first + j] * v[j]
                        dotB += m[second + j] * v[j]
                        j += 1
                    }
                    total += v[i] * dotA + v[i + 1] * dotB
                    i += 2
                }
                if i < d {
                    let base = i * d
                    var dot = 0.0
                    for j in 0..<d { dot += m[base + j] * v[j] }
                    total += v[i] * dot
                }
                return total
            }
        }
    }

    public mutating func update(_ x: [Double], reward: Double) {
        let d = dimension
        // u = A^-1 x (A^-1 is symmetric).
        for i in 0..<d {
            var row = 0.0
            let base = i * d
            for j in 0..<d { row += inverse[base + j] * x[j] }
            scratch[i] = row
        }
        var denominator = 1.0
        for i in 0..<d { denominator += x[i] * scratch[i] }
        for i in 0..<d {
            let scaled = scratch[i] / denominator
            let base = i * d
            for j in 0..<d { inverse[base + j] -= scaled * scratch[j] }
        }
        for i in 0..<d { b[i] += reward * x[i] }
        for i in 0..<d {
            var row = 0.0
            let base = i * d
            for j in 0..<d { row += inverse[base + j] * b[j] }
            theta[i] = row
        }
        updates += 1
    }
}
