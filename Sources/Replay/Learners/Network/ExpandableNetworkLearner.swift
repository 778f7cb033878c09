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
        4
            * ((shared?.parameterCount ?? 0) + branches.reduce(0) { $0 + $1.reduce(0) { $0 + $1.parameterCount } }
                + head.parameterCount)
    }

    /// The parameter bytes after `tasks` tasks (every expansion), in closed form: with
    /// K = 1 (none) or `tasks` (full, partial) branches,
    /// ```
    /// none, full: 4 (K (d h + h + h w + w) + C K w + C)
    /// partial:    4 (d h + h + K (h w + w) + C K w + C)
    /// ```
    public static func parameterBytes(
        classes: Int, dimension: Int, hidden: Int, width: Int, expansion: NetworkExpansion, tasks: Int
    ) -> Int {
        let k = expansion == .none ? 1 : max(tasks, 1)
        let shallow = dimension * hidden + hidden
        let deep = hidden * width + width
        let head = classes * k * width + classes
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

    // The forward pass writes into one flat buffer: the shared layer's output (when any),
    // each two-layer branch's inner output, every branch's output (contiguous: the head's
    // input), then the logits.
    private var innerOffset: Int { shared == nil ? 0 : hidden }
    private var featureOffset: Int { innerOffset + (branches.first?.count == 2 ? branches.count * hidden : 0) }
    private var logitOffset: Int { featureOffset + branches.count * width }
    private var activationCount: Int { logitOffset + classes }

    /// Where layer l of branch k writes its output.
    private func outputOffset(branch k: Int, layer l: Int) -> Int {
        l == branches[k].count - 1 ? featureOffset + k * width : innerOffset + k * hidden
    }

    /// Where layer l of branch k reads its input (nil: the sample itself).
    private func inputOffset(branch k: Int, layer l: Int) -> Int? {
        l > 0 ? outputOffset(branch: k, layer: l - 1) : (shared == nil ? nil : 0)
    }

    private func forward(_ x: UnsafePointer<Double>, into a: UnsafeMutablePointer<Double>) {
        if let shared { shared.forward(x, into: a, relu: true) }
        for (k, branch) in branches.enumerated() {
            for (l, layer) in branch.enumerated() {
                let input = inputOffset(branch: k, layer: l).map { UnsafePointer(a + $0) } ?? x
                layer.forward(input, into: a + outputOffset(branch: k, layer: l), relu: true)
            }
        }
        head.forward(a + featureOffset, into: a + logitOffset, relu: false)
    }

    /// The logits of sample `i` of `data`.
    private func logits(_ i: Int, of data: FeatureDataset) -> [Double] {
        var activations = [Double](repeating: 0, count: activationCount)
        activations.withUnsafeMutableBufferPointer { ab in
            data.features.withUnsafeBufferPointer { all in
                if let a = ab.baseAddress, let base = all.baseAddress { forward(base + i * dimension, into: a) }
            }
        }
        return Array(activations[logitOffset...])
    }

    /// One forward pass through every layer and branch.
    public var predictionMultiplyAdds: Int { forwardMultiplyAdds }

    private var forwardMultiplyAdds: Int {
        (shared.map { $0.inputs * $0.outputs } ?? 0)
            + branches.reduce(0) { $0 + $1.reduce(0) { $0 + $1.inputs * $1.outputs } } + head.inputs * head.outputs
    }

    public mutating func train(on batch: [Int], of data: FeatureDataset) {
        guard !batch.isEmpty, let newest = branches.indices.last else { return }
        let trainsShared = shared != nil && sharedTrainable
        head.clearGradient()
        for l in branches[newest].indices { branches[newest][l].clearGradient() }
        if trainsShared { shared?.clearGradient() }
        // One scratch buffer for the batch: activations, the logits' and features' deltas,
        // and two alternating deltas below them.
        let widest = max(hidden, width, dimension)
        let activations = activationCount
        let features = head.inputs
        var scratch = [Double](repeating: 0, count: activations + classes + features + 2 * widest)
        scratch.withUnsafeMutableBufferPointer { buffer in
            data.features.withUnsafeBufferPointer { all in
                guard let a = buffer.baseAddress, let base = all.baseAddress else { return }
                let logitDelta = a + activations
                let featureDelta = logitDelta + classes
                let alternating = [featureDelta + features, featureDelta + features + widest]
                for i in batch {
                    let x = base + i * dimension
                    forward(x, into: a)
                    Self.crossEntropyDelta(
                        logits: a + logitOffset, label: data.labels[i], classes: classes, into: logitDelta)
                    head.accumulate(
                        delta: logitDelta, input: a + featureOffset, inputDelta: featureDelta, inputIsReLU: true)
                    // Back through the newest branch, output layer first.
                    var upstream = featureDelta + newest * width
                    var step = 0
                    for l in branches[newest].indices.reversed() {
                        let input = inputOffset(branch: newest, layer: l).map { UnsafePointer(a + $0) } ?? x
                        let below = alternating[step % 2]
                        let needsInputDelta = l > 0 || trainsShared
                        branches[newest][l].accumulate(
                            delta: upstream, input: input, inputDelta: needsInputDelta ? below : nil, inputIsReLU: l > 0
                        )
                        upstream = below
                        step += 1
                    }
                    if trainsShared {
                        // The shared layer feeds every branch: frozen branches pass their deltas
                        // through (their weights stay), then the shared ReLU's derivative applies.
                        for k in 0..<newest {
                            branches[k][0].backpropagate(delta: featureDelta + k * width, into: upstream)
                        }
                        for j in 0..<hidden where a[j] <= 0 { upstream[j] = 0 }
                        shared?.accumulate(delta: upstream, input: x, inputDelta: nil, inputIsReLU: false)
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

    /// The cross-entropy loss's derivative with respect to the logits: softmax(logits) - onehot(label).
    private static func crossEntropyDelta(
        logits: UnsafeMutablePointer<Double>, label: Int, classes: Int, into delta: UnsafeMutablePointer<Double>
    ) {
        var top = -Double.infinity
        for c in 0..<classes { top = max(top, logits[c]) }
        var total = 0.0
        for c in 0..<classes {
            delta[c] = exp(logits[c] - top)
            total += delta[c]
        }
        for c in 0..<classes { delta[c] = delta[c] / total - (c == label ? 1 : 0) }
    }

    /// Per sample: the head's gradient and input delta; each trained branch layer's gradient,
    /// and its input delta unless it is the first layer below a frozen or absent shared layer;
    /// with a trained shared layer, the frozen branches' input deltas and its gradient.
    private func backwardMultiplyAdds(trainsShared: Bool) -> Int {
        guard let newest = branches.last else { return 0 }
        var total = 2 * head.inputs * head.outputs
        for (l, layer) in newest.enumerated() {
            total += layer.inputs * layer.outputs * (l > 0 || trainsShared ? 2 : 1)
        }
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
            let logits = self.logits(i, of: data)
            let top = logits.max() ?? 0
            let normaliser = logits.reduce(0) { $0 + exp($1 - top) }
            return sum - (logits[data.labels[i]] - top - log(normaliser))
        }
        return total / Double(max(batch.count, 1))
    }

    public func predict(_ i: Int, of data: FeatureDataset, among allowed: [Int]?) -> Int {
        let logits = self.logits(i, of: data)
        return bestClass(
            { logits.indices.contains($0) ? logits[$0] : -Double.infinity }, classes: classes, among: allowed)
    }
}
