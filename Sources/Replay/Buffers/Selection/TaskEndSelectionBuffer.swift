import SimCore

/// A buffer that selects exemplars at task ends (iCaRL's protocol, Rebuffi et al., CVPR 2017):
/// during a task it collects the task's samples as candidates (the current task's data is at
/// hand, as iCaRL assumes; candidates are not charged to the budget), and at the task's end
/// every class seen gets an equal share of the capacity (the first classes the remainder):
/// new classes keep the first `share` samples of their `ExemplarOrdering`, old classes keep a
/// prefix of their earlier order. Replay during a task draws from the earlier tasks' exemplars.
public struct TaskEndSelectionBuffer<Ordering: ExemplarOrdering>: ReplayBuffer {
    public let capacity: Int
    public let ordering: Ordering
    /// Per class, in order of first appearance: its exemplars in selection order.
    private var exemplars: [(label: Int, samples: [Int])] = []
    private var candidates: [Int] = []

    public init(capacity: Int, ordering: Ordering) {
        self.capacity = capacity
        self.ordering = ordering
    }

    /// Every class's exemplars in order, rebuilt at task ends (the only time they change).
    public private(set) var stored: [Int] = []

    public mutating func offer(_ sample: Int, of data: FeatureDataset, random: inout RandomSource) {
        candidates.append(sample)
    }

    public mutating func taskEnded(_ data: FeatureDataset, random: inout RandomSource) {
        guard !candidates.isEmpty else { return }
        var byClass: [(label: Int, samples: [Int])] = []
        for i in candidates {
            let label = data.labels[i]
            if let k = byClass.firstIndex(where: { $0.label == label }) {
                byClass[k].samples.append(i)
            } else {
                byClass.append((label, [i]))
            }
        }
        candidates.removeAll()
        let classes = (exemplars.map(\.label) + byClass.map(\.label)).reduce(into: [Int]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        func share(_ position: Int) -> Int { capacity / classes.count + (position < capacity % classes.count ? 1 : 0) }
        // Class means from what the buffer knows: old exemplars and the new candidates.
        let top = (classes.max() ?? 0) + 1
        var means = [[Double]?](repeating: nil, count: top)
        for label in classes {
            let known =
                (exemplars.first { $0.label == label }?.samples ?? [])
                + (byClass.first { $0.label == label }?.samples ?? [])
            if !known.isEmpty { means[label] = mean(of: known, in: data) }
        }
        for (position, label) in classes.enumerated() {
            let limit = share(position)
            if let k = exemplars.firstIndex(where: { $0.label == label }) {
                exemplars[k].samples = Array(exemplars[k].samples.prefix(limit))
                if let fresh = byClass.first(where: { $0.label == label }), exemplars[k].samples.count < limit {
                    // A recurring class: top it up from its new samples.
                    let more = ordering.order(
                        fresh.samples, label: label, data: data, means: means,
                        limit: limit - exemplars[k].samples.count, random: &random)
                    exemplars[k].samples += more
                }
            } else if let fresh = byClass.first(where: { $0.label == label }) {
                exemplars.append(
                    (
                        label,
                        ordering.order(
                            fresh.samples, label: label, data: data, means: means, limit: limit, random: &random)
                    ))
            }
        }
        stored = exemplars.flatMap(\.samples)
    }
}
