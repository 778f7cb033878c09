import Foundation
import SimCore

/// A two-hidden-layer ReLU network trained online by SGD with softmax cross-entropy, which
/// may grow a branch per task (`NetworkExpansion`):
/// ```
/// shallow: a = relu(W1 x + b1)  (d -> hidden)        deep: z = relu(W2 a + b2)  (hidden -> width)
/// none:    logits = H z
/// full:    branch k = (shallow_k, deep_k);  logits = H [z_1, ..., z_K]
/// partial: one shared shallow layer;  branch k = deep_k;  logits = H [z_1, ..., z_K]
/// ```
/// At the start of task t >= 1 an expanding network freezes its branches, appends a copy of
/// the newest one (trainable) and grows the head H by `width` zero columns, so its outputs do
/// not change at the switch. Only the newest branch, the head and the shared layer are
/// trained; a frozen branch is the "unforgettable checkpoint" of its task. The shared layer
/// keeps training after the first task when `trainsSharedLayer` (MEMO's `train_base`, which
/// its authors use when the first task has few classes; gradients reach it through every
/// branch, frozen ones included), and is frozen from the second task on otherwise. Hidden layers start He-uniform, the
/// head at zero. Parameter bytes count every stored branch (float32).
///
/// Compute per sample: forward through every layer, then `backwardMultiplyAdds`: each weight
/// of a trained layer once for its gradient and once more where an input delta is needed
/// (always for the head). A new branch's first step leaves it unchanged, since its head
/// columns start at zero and pass it no gradient; it learns from the second step on.
public struct ExpandableNetworkLearner: ContinualLearner {
    public let classes: Int
    public let dimension: Int
    public let hidden: Int
    public let width: Int
    public let expansion: NetworkExpansion
    public let learningRate: Double
    public let trainsSharedLayer: Bool
    private var shared: DenseLayer?
    private var sharedTrainable = true
    /// Per branch, its layers from input to output (full and none: shallow then deep; partial: deep).
    private var branches: [[DenseLayer]]
    private var head: DenseLayer
    public private(set) var trainingMultiplyAdds = 0

    public init(
        classes: Int, dimension: Int, hidden: Int, width: Int, expansion: NetworkExpansion, learningRate: Double,
        trainsSharedLayer: Bool = true, random: RandomSource
    ) {
        self.classes = classes
        self.dimension = dimension
        self.hidden = hidden
        self.width = width
        self.expansion = expansion
        self.learningRate = learningRate
        self.trainsSharedLayer = trainsSharedLayer
        var random = random
        let deep = DenseLayer(inputs: hidden, outputs: width, random: &random)
        if expansion == .partial {
            shared = DenseLayer(inputs: dimension, outputs: hidden, random: &random)
            branches = [[deep]]
        } else {
            let shallow = DenseLayer(inputs: dimension, outputs: hidden, random: &random)
            branches = [[shallow, deep]]
        }
        head = DenseLayer(zeroInputs: width, outputs: classes)
    }

    public var parameterBytes: Int {
        4 * ((shared?.parameterCount ?? 0) + branches.reduce(0) { $0 + $1.reduce(0) { $0 + $1.parameterCount } } + head.parameterCount)
    }

    /// The parameter bytes after `tasks` tasks (every expansion), in closed form: with
    /// K = 1 (none) or `tasks` (full, partial) branches,
    /// ```
    /// none, full: 4 (K (d h + h + h w + w) + C K w + C)
    /// partial:    4 (d h + h + K (h w + w) + C K w + C)
    /// ```
    public static func parameterBytes(classes: Int, dimension: Int, hidden: Int, width: Int, expansion: NetworkExpansion, tasks: Int) -> Int {
        let k = expansion == .none ? 1 : max(tasks, 1)
        let shallow = dimension * hidden + hidden, deep = hidden * width + width, head = classes * k * width + classes
        return 4 * (expansion == .partial ? shallow + k * deep + head : k * (shallow + deep) + head)
    }

    /// Stored branches (one per task so far when expanding).
    public var branchCount: Int { branches.count }

    public mutating func beginTask(_ task: Int) {
        guard expansion != .none, task > 0, let newest = branches.last else { return }
        branches.append(newest)
        head.appendInputs(width)
        if !trainsSharedLayer { sharedTrainable = false }
    }

    /// The forward pass of sample `x`: the shared layer's output (when any), every branch's
    /// layer outputs, and the logits.
    private struct Activations {
        var shared: [Double]
        var layers: [[[Double]]]
        var features: [Double]
        var logits: [Double]
    }

    private func forward(_ x: UnsafePointer<Double>) -> Activations {
        var sharedOut = [Double](repeating: 0, count: shared == nil ? 0 : hidden)
        if let shared { sharedOut.withUnsafeMutableBufferPointer { if let y = $0.baseAddress { shared.forward(x, into: y, relu: true) } } }
        var layers: [[[Double]]] = []
        var features = [Double](repeating: 0, count: branches.count * width)
        for (k, branch) in branches.enumerated() {
            var outputs: [[Double]] = []
            for (l, layer) in branch.enumerated() {
                var y = [Double](repeating: 0, count: layer.outputs)
                let input: [Double]? = l > 0 ? outputs[l - 1] : (shared == nil ? nil : sharedOut)
                y.withUnsafeMutableBufferPointer { yb in
                    guard let yp = yb.baseAddress else { return }
                    if let input { input.withUnsafeBufferPointer { if let ip = $0.baseAddress { layer.forward(ip, into: yp, relu: true) } } } else { layer.forward(x, into: yp, relu: true) }
                }
                outputs.append(y)
            }
            if let z = outputs.last { for j in 0..<width { features[k * width + j] = z[j] } }
            layers.append(outputs)
        }
        var logits = [Double](repeating: 0, count: classes)
        features.withUnsafeBufferPointer { f in
            logits.withUnsafeMutableBufferPointer { if let fp = f.baseAddress, let lp = $0.baseAddress { head.forward(fp, into: lp, relu: false) } }
        }
        return Activations(shared: sharedOut, layers: layers, features: features, logits: logits)
    }

    private var forwardMultiplyAdds: Int {
        (shared.map { $0.inputs * $0.outputs } ?? 0) + branches.reduce(0) { $0 + $1.reduce(0) { $0 + $1.inputs * $1.outputs } } + head.inputs * head.outputs
    }

    public mutating func train(on batch: [Int], of data: FeatureDataset) {
        guard !batch.isEmpty, let newest = branches.indices.last else { return }
        let d = dimension
        let trainsShared = shared != nil && sharedTrainable
        head.clearGradient()
        for l in branches[newest].indices { branches[newest][l].clearGradient() }
        if trainsShared { shared?.clearGradient() }
        for i in batch {
            data.features.withUnsafeBufferPointer { all in
                guard let base = all.baseAddress else { return }
                let x = base + i * d
                let pass = forward(x)
                // dLoss/dlogits = softmax - onehot.
                let top = pass.logits.max() ?? 0
                var delta = pass.logits.map { exp($0 - top) }
                let total = delta.reduce(0, +)
                for c in 0..<classes { delta[c] = delta[c] / total - (c == data.labels[i] ? 1 : 0) }
                var featureDelta = [Double](repeating: 0, count: head.inputs)
                delta.withUnsafeBufferPointer { dp in
                    pass.features.withUnsafeBufferPointer { fp in
                        featureDelta.withUnsafeMutableBufferPointer { fd in
                            if let dBase = dp.baseAddress, let fBase = fp.baseAddress {
                                head.accumulate(delta: dBase, input: fBase, inputDelta: fd.baseAddress, inputIsReLU: true)
                            }
                        }
                    }
                }
                // Back through the newest branch, output layer first.
                var upstream = Array(featureDelta[(newest * width)..<((newest + 1) * width)])
                // Indexed in place: a local copy of the branch would make every mutation below
                // copy the layer's arrays.
                for l in branches[newest].indices.reversed() {
                    let input: [Double]? = l > 0 ? pass.layers[newest][l - 1] : (shared == nil ? nil : pass.shared)
                    let needsInputDelta = l > 0 || trainsShared
                    var below = [Double](repeating: 0, count: branches[newest][l].inputs)
                    upstream.withUnsafeBufferPointer { up in
                        below.withUnsafeMutableBufferPointer { bp in
                            guard let upBase = up.baseAddress else { return }
                            let target = needsInputDelta ? bp.baseAddress : nil
                            if let input {
                                input.withUnsafeBufferPointer { if let ip = $0.baseAddress { branches[newest][l].accumulate(delta: upBase, input: ip, inputDelta: target, inputIsReLU: l > 0) } }
                            } else {
                                branches[newest][l].accumulate(delta: upBase, input: x, inputDelta: nil, inputIsReLU: false)
                            }
                        }
                    }
                    upstream = below
                }
                if trainsShared {
                    // The shared layer feeds every branch: frozen branches pass their deltas
                    // through (their weights stay), then the shared ReLU's derivative applies.
                    upstream.withUnsafeMutableBufferPointer { up in
                        guard let upBase = up.baseAddress else { return }
                        for k in 0..<newest {
                            featureDelta.withUnsafeBufferPointer { fd in
                                if let fBase = fd.baseAddress { branches[k][0].backpropagate(delta: fBase + k * width, into: upBase) }
                            }
                        }
                        for j in 0..<hidden where pass.shared[j] <= 0 { upBase[j] = 0 }
                        shared?.accumulate(delta: upBase, input: x, inputDelta: nil, inputIsReLU: false)
                    }
                }
            }
        }
        let step = learningRate / Double(batch.count)
        head.apply(step: step)
        for l in branches[newest].indices { branches[newest][l].apply(step: step) }
        if trainsShared { shared?.apply(step: step) }
        trainingMultiplyAdds += batch.count * (forwardMultiplyAdds + backwardMultiplyAdds(trainsShared: trainsShared))
    }

    /// Per sample: the head's gradient and input delta; each trained branch layer's gradient,
    /// and its input delta unless it is the first layer below a frozen or absent shared layer;
    /// with a trained shared layer, the frozen branches' input deltas and its gradient.
    private func backwardMultiplyAdds(trainsShared: Bool) -> Int {
        guard let newest = branches.last else { return 0 }
        var total = 2 * head.inputs * head.outputs
        for (l, layer) in newest.enumerated() { total += layer.inputs * layer.outputs * (l > 0 || trainsShared ? 2 : 1) }
        if trainsShared {
            total += (branches.count - 1) * hidden * width
            total += dimension * hidden
        }
        return total
    }

    /// Every parameter in storage order (shared layer, branches in order, head), for gradient
    /// checks; setting it requires the same length.
    var parameterVector: [Double] {
        get { (shared.map { $0.values } ?? []) + branches.flatMap { $0.flatMap(\.values) } + head.values }
        set {
            var rest = newValue[...]
            func take(_ layer: inout DenseLayer) {
                layer.values = Array(rest.prefix(layer.parameterCount))
                rest = rest.dropFirst(layer.parameterCount)
            }
            if var layer = shared {
                take(&layer)
                shared = layer
            }
            for k in branches.indices { for l in branches[k].indices { take(&branches[k][l]) } }
            take(&head)
        }
    }

    /// The mean softmax cross-entropy of `batch`.
    func loss(on batch: [Int], of data: FeatureDataset) -> Double {
        let total = batch.reduce(0.0) { sum, i in
            let logits = data.features.withUnsafeBufferPointer { all -> [Double] in
                guard let base = all.baseAddress else { return [] }
                return forward(base + i * dimension).logits
            }
            let top = logits.max() ?? 0
            let normaliser = logits.reduce(0) { $0 + exp($1 - top) }
            return sum - (logits[data.labels[i]] - top - log(normaliser))
        }
        return total / Double(max(batch.count, 1))
    }

    public func predict(_ i: Int, of data: FeatureDataset, among allowed: [Int]?) -> Int {
        let logits = data.features.withUnsafeBufferPointer { all -> [Double] in
            guard let base = all.baseAddress else { return [] }
            return forward(base + i * dimension).logits
        }
        return bestClass({ logits.indices.contains($0) ? logits[$0] : -Double.infinity }, classes: classes, among: allowed)
    }
}
