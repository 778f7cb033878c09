import Foundation
import SimCore

/// A non-stationary training stream cut into tasks, with one held-out test set per task.
///
/// Synthetic features: class c has `modes` means `separation * u_cm` (u_cm random unit
/// vectors in R^d); a sample picks one of its class's modes uniformly and adds N(0, I) to its
/// mean (with several modes a class is not linearly separable, so a learner's hidden
/// representation matters). Scenarios (`kind`):
/// - `class-incremental`: task k brings classes [k C/T, (k+1) C/T); the learner predicts
///   among every class;
/// - `task-incremental`: the same classes per task, and the task is known at test time, so the
///   prediction is among the task's classes;
/// - `domain-incremental`: every task has every class, and task k's features are rotated by
///   k x `rotation` radians in each coordinate plane (2i, 2i+1), as in rotated-MNIST
///   benchmarks; the rotation is the task dissimilarity;
/// - `task-free`: class-incremental data whose boundaries blur: within the last `blur`
///   fraction of a task, a sample comes from the next task with a probability rising
///   linearly to 1/2 (and within the first of the next, falling from 1/2).
/// Within a task, classes are drawn with probability proportional to 1 / (rank + 1)^skew
/// (a long tail for skew > 0); with probability `recurrence` a sample is drawn from an
/// earlier task instead; with probability `labelNoise` a training label is replaced by
/// another class of its task, uniformly (test labels stay clean). Test sets hold
/// `testPerClass` samples of each of a task's classes.
public struct ContinualStream: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case classIncremental = "class-incremental"
        case taskIncremental = "task-incremental"
        case domainIncremental = "domain-incremental"
        case taskFree = "task-free"
    }

    public struct Settings: Sendable {
        public var kind: Kind
        public var classes: Int
        public var tasks: Int
        public var dimension: Int
        public var samplesPerTask: Int
        public var testPerClass: Int
        public var separation: Double
        /// Gaussian modes per class (1: one cluster).
        public var modes: Int = 1
        public var rotation: Double
        public var skew: Double
        public var recurrence: Double
        public var blur: Double
        public var labelNoise: Double
    }

    public let settings: Settings
    public let train: FeatureDataset
    /// One test set per task.
    public let tests: [FeatureDataset]
    /// The training rows of each task, in stream order.
    public let taskRanges: [Range<Int>]
    /// The classes of each task (what a task-incremental prediction chooses among).
    public let taskClasses: [[Int]]

    public init(_ settings: Settings, random root: RandomSource) {
        self.settings = settings
        var meansRandom = root.split("class means")
        let d = settings.dimension
        let modes = max(settings.modes, 1)
        let means: [[[Double]]] = (0..<settings.classes).map { _ in
            (0..<modes).map { _ in
                let v = (0..<d).map { _ in meansRandom.normal() }
                let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
                return v.map { settings.separation * $0 / max(norm, 1e-12) }
            }
        }
        func draw(task: Int, random: inout RandomSource, classOf chooser: (inout RandomSource) -> Int) -> (
            x: [Double], label: Int
        ) {
            let label = chooser(&random)
            let mode = modes > 1 ? random.nextInt(below: modes) : 0
            var x = means[label][mode].map { $0 + random.normal() }
            if settings.kind == .domainIncremental { Self.rotate(&x, by: Double(task) * settings.rotation) }
            return (x, label)
        }
        var train = FeatureDataset(dimension: d)
        var stream = root.split("train")
        let weights = Self.classWeights(settings)
        let classesOfTask = (0..<settings.tasks).map { Self.classes(of: $0, settings) }
        for task in 0..<settings.tasks {
            for i in 0..<settings.samplesPerTask {
                var source = task
                if task > 0, stream.nextDouble() < settings.recurrence { source = stream.nextInt(below: task) }
                if settings.kind == .taskFree {
                    source = Self.blurred(task: source, position: i, settings: settings, random: &stream)
                }
                let classes = classesOfTask[source]
                let drawn = draw(task: source, random: &stream) { r in classes[Self.pick(weights, r.nextDouble())] }
                var label = drawn.label
                if settings.labelNoise > 0, classes.count > 1, stream.nextDouble() < settings.labelNoise {
                    let other = stream.nextInt(below: classes.count - 1)
                    label = classes[other >= classes.firstIndex(of: label) ?? 0 ? other + 1 : other]
                }
                train.append(drawn.x, label: label, task: source)
            }
        }
        self.train = train
        var testRandom = root.split("test")
        tests = (0..<settings.tasks).map { task in
            var set = FeatureDataset(dimension: d)
            for label in classesOfTask[task] {
                for _ in 0..<settings.testPerClass {
                    let (x, _) = draw(task: task, random: &testRandom) { _ in label }
                    set.append(x, label: label, task: task)
                }
            }
            return set
        }
        taskRanges = (0..<settings.tasks).map { ($0 * settings.samplesPerTask)..<(($0 + 1) * settings.samplesPerTask) }
        taskClasses = classesOfTask
    }

    /// A stream over a feature table's rows: tasks from its task column, or, without one,
    /// consecutive blocks of `settings.tasks` classes each (class-incremental order). Within
    /// each task and class, a seeded shuffle holds `testFraction` of the rows out (at least
    /// one row stays for training when the class has two or more); training rows are streamed
    /// task by task, shuffled within each task.
    public init(table: FeatureTable, settings: Settings, testFraction: Double, random root: RandomSource) {
        self.settings = settings
        let taskOf: [Int] = table.tasks ?? table.labels.map { $0 / max(table.classes / settings.tasks, 1) }
        var shuffle = root.split("table split")
        var train = FeatureDataset(dimension: table.dimension)
        var tests = (0..<settings.tasks).map { _ in FeatureDataset(dimension: table.dimension) }
        var ranges: [Range<Int>] = []
        var classes: [[Int]] = []
        func row(_ i: Int) -> [Double] { Array(table.features[(i * table.dimension)..<((i + 1) * table.dimension)]) }
        // Rows bucketed by (task, class), each bucket in file order.
        var buckets = [[[Int]]](repeating: [[Int]](repeating: [], count: table.classes), count: settings.tasks)
        for i in 0..<table.rows where taskOf[i] < settings.tasks { buckets[taskOf[i]][table.labels[i]].append(i) }
        for task in 0..<settings.tasks {
            var trainRows: [Int] = []
            for label in 0..<table.classes {
                var rows = buckets[task][label]
                guard !rows.isEmpty else { continue }
                shuffle.shuffle(&rows)
                let held = rows.count >= 2 ? min(rows.count - 1, Int((testFraction * Double(rows.count)).rounded())) : 0
                for i in rows.prefix(held) { tests[task].append(row(i), label: label, task: task) }
                trainRows += rows.dropFirst(held)
            }
            shuffle.shuffle(&trainRows)
            let start = train.count
            for i in trainRows { train.append(row(i), label: table.labels[i], task: task) }
            ranges.append(start..<train.count)
            classes.append((0..<table.classes).filter { !buckets[task][$0].isEmpty })
        }
        self.train = train
        self.tests = tests
        taskRanges = ranges
        taskClasses = classes
    }

    /// The classes of task `task`.
    public static func classes(of task: Int, _ settings: Settings) -> [Int] {
        if settings.kind == .domainIncremental { return Array(0..<settings.classes) }
        let per = settings.classes / settings.tasks
        return Array((task * per)..<((task + 1) * per))
    }

    /// Sampling weights of a task's classes by rank: 1 / (rank + 1)^skew, normalised.
    static func classWeights(_ settings: Settings) -> [Double] {
        let n = settings.kind == .domainIncremental ? settings.classes : settings.classes / settings.tasks
        let raw = (0..<n).map { 1 / pow(Double($0 + 1), settings.skew) }
        let total = raw.reduce(0, +)
        return raw.map { $0 / total }
    }

    static func pick(_ weights: [Double], _ u: Double) -> Int {
        var cumulative = 0.0
        for (i, w) in weights.enumerated() {
            cumulative += w
            if u < cumulative { return i }
        }
        return weights.count - 1
    }

    /// The task a task-free sample comes from near a boundary.
    static func blurred(task: Int, position i: Int, settings: Settings, random: inout RandomSource) -> Int {
        let width = settings.blur * Double(settings.samplesPerTask)
        guard width > 0 else { return task }
        let fromEnd = Double(settings.samplesPerTask - i)
        if task + 1 < settings.tasks, fromEnd <= width, random.nextDouble() < 0.5 * (1 - fromEnd / width) {
            return task + 1
        }
        if task > 0, Double(i) < width, random.nextDouble() < 0.5 * (1 - Double(i) / width) {
            return task - 1
        }
        return task
    }

    /// Rotates every coordinate plane (2i, 2i+1) by `angle` radians.
    static func rotate(_ x: inout [Double], by angle: Double) {
        guard angle != 0 else { return }
        let c = cos(angle)
        let s = sin(angle)
        var i = 0
        while i + 1 < x.count {
            let a = x[i]
            let b = x[i + 1]
            x[i] = c * a - s * b
            x[i + 1] = s * a + c * b
            i += 2
        }
    }
}
