/// Labelled feature vectors stored row-major in one array: sample i is
/// `features[i * dimension ..< (i + 1) * dimension]`, with its class and task.
public struct FeatureDataset: Sendable {
    public let dimension: Int
    public private(set) var features: [Double] = []
    public private(set) var labels: [Int] = []
    public private(set) var tasks: [Int] = []

    public init(dimension: Int) { self.dimension = dimension }

    public var count: Int { labels.count }

    public mutating func append(_ x: [Double], label: Int, task: Int) {
        precondition(x.count == dimension, "a sample has \(dimension) features")
        features.append(contentsOf: x)
        labels.append(label)
        tasks.append(task)
    }

    /// The features of sample `i`.
    public func sample(_ i: Int) -> ArraySlice<Double> { features[(i * dimension)..<((i + 1) * dimension)] }
}
