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

    /// x^T A^-1 x: the squared width of the confidence ellipsoid along x (rows of A^-1
    /// dotted with x four at a time).
    public func variance(_ x: [Double]) -> Double {
        let d = dimension
        let wide = d / 4 * 4
        return inverse.withUnsafeBufferPointer { m in
            x.withUnsafeBufferPointer { v in
                var total = 0.0
                for i in 0..<d {
                    let base = i * d
                    var lanes = SIMD4<Double>()
                    var j = 0
                    while j < wide {
                        let row = SIMD4(m[base + j], m[base + j + 1], m[base + j + 2], m[base + j + 3])
                        let col = SIMD4(v[j], v[j + 1], v[j + 2], v[j + 3])
                        lanes += row * col
                        j += 4
                    }
                    var dot = lanes.sum()
                    while j < d {
                        dot += m[base + j] * v[j]
                        j += 1
                    }
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
