import SimCore

/// A fully connected layer y = W x + b (W is `outputs` x `inputs`, row-major), optionally
/// followed by a ReLU, with the gradient sums of one mini-batch.
struct DenseLayer: Sendable {
    private(set) var inputs: Int
    let outputs: Int
    private(set) var weights: [Double]
    private(set) var biases: [Double]
    private var weightGradient: [Double] = []
    private var biasGradient: [Double] = []

    /// He-uniform initial weights, U(-sqrt(6 / inputs), sqrt(6 / inputs)), and zero biases.
    init(inputs: Int, outputs: Int, random: inout RandomSource) {
        self.inputs = inputs
        self.outputs = outputs
        let limit = (6 / Double(max(inputs, 1))).squareRoot()
        weights = (0..<(inputs * outputs)).map { _ in (2 * random.nextDouble() - 1) * limit }
        biases = [Double](repeating: 0, count: outputs)
    }

    /// A layer of zero weights (a classifier head that starts undecided).
    init(zeroInputs inputs: Int, outputs: Int) {
        self.inputs = inputs
        self.outputs = outputs
        weights = [Double](repeating: 0, count: inputs * outputs)
        biases = [Double](repeating: 0, count: outputs)
    }

    var parameterCount: Int { inputs * outputs + outputs }

    /// The weights then the biases, as one vector (for gradient checks).
    var values: [Double] {
        get { weights + biases }
        set {
            weights = Array(newValue.prefix(weights.count))
            biases = Array(newValue.dropFirst(weights.count).prefix(outputs))
        }
    }

    /// Appends `count` inputs whose weights are zero, so the outputs do not change.
    mutating func appendInputs(_ count: Int) {
        var grown = [Double](repeating: 0, count: (inputs + count) * outputs)
        for o in 0..<outputs {
            for j in 0..<inputs { grown[o * (inputs + count) + j] = weights[o * inputs + j] }
        }
        weights = grown
        inputs += count
        weightGradient = []
        biasGradient = []
    }

    /// y = W x + b (then max(0, .) when `relu`); `x` holds `inputs` values, `y` `outputs`.
    func forward(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, relu: Bool) {
        let n = inputs
        weights.withUnsafeBufferPointer { w in
            guard let base = w.baseAddress else { return }
            for o in 0..<outputs {
                // Four partial sums in one SIMD register (lane k sums the terms j = k mod 4,
                // in order, so results are reproducible on every machine).
                let row = base + o * n
                var lanes = SIMD4<Double>()
                var j = 0
                while j + 4 <= n {
                    let w4 = UnsafeRawPointer(row + j).loadUnaligned(as: SIMD4<Double>.self)
                    let x4 = UnsafeRawPointer(x + j).loadUnaligned(as: SIMD4<Double>.self)
                    lanes += w4 * x4
                    j += 4
                }
                var tail = 0.0
                while j < n {
                    tail += row[j] * x[j]
                    j += 1
                }
                let total = biases[o] + (((lanes[0] + tail) + lanes[1]) + (lanes[2] + lanes[3]))
                y[o] = relu ? max(total, 0) : total
            }
        }
    }

    /// Clears the gradient sums before a mini-batch.
    mutating func clearGradient() {
        if weightGradient.count != weights.count {
            weightGradient = [Double](repeating: 0, count: weights.count)
            biasGradient = [Double](repeating: 0, count: outputs)
        } else {
            for i in 0..<weightGradient.count { weightGradient[i] = 0 }
            for o in 0..<outputs { biasGradient[o] = 0 }
        }
    }

    /// Adds one sample's gradient: `delta` is dLoss/d(pre-activation) (`outputs` values), `x`
    /// the layer's input. When `inputDelta` is given it receives dLoss/dx = W^T delta, times
    /// the ReLU derivative of x when `inputIsReLU` (x > 0).
    mutating func accumulate(
        delta: UnsafePointer<Double>, input x: UnsafePointer<Double>,
        inputDelta: UnsafeMutablePointer<Double>?, inputIsReLU: Bool
    ) {
        let n = inputs
        if let inputDelta { for j in 0..<n { inputDelta[j] = 0 } }
        weights.withUnsafeBufferPointer { w in
            weightGradient.withUnsafeMutableBufferPointer { g in
                guard let wBase = w.baseAddress, let gBase = g.baseAddress else { return }
                for o in 0..<outputs {
                    let e = delta[o]
                    guard e != 0 else { continue }
                    biasGradient[o] += e
                    let gRow = gBase + o * n
                    for j in 0..<n { gRow[j] += e * x[j] }
                    if let inputDelta {
                        let wRow = wBase + o * n
                        for j in 0..<n { inputDelta[j] += e * wRow[j] }
                    }
                }
            }
        }
        if let inputDelta, inputIsReLU { for j in 0..<n where x[j] <= 0 { inputDelta[j] = 0 } }
    }

    /// Adds W^T delta to `inputDelta` (`inputs` values), leaving the gradient sums alone: the
    /// input delta of a frozen layer.
    func backpropagate(delta: UnsafePointer<Double>, into inputDelta: UnsafeMutablePointer<Double>) {
        let n = inputs
        weights.withUnsafeBufferPointer { w in
            guard let wBase = w.baseAddress else { return }
            for o in 0..<outputs {
                let e = delta[o]
                guard e != 0 else { continue }
                let wRow = wBase + o * n
                for j in 0..<n { inputDelta[j] += e * wRow[j] }
            }
        }
    }

    /// One SGD step: parameters -= step x gradient sums.
    mutating func apply(step: Double) {
        for i in 0..<weights.count { weights[i] -= step * weightGradient[i] }
        for o in 0..<outputs { biases[o] -= step * biasGradient[o] }
    }
}
