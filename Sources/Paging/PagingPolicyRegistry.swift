import CachePolicies
import SimCore

/// Everything a paging policy may need when it is built.
public struct PagingPolicyContext: Sendable {
    /// Cache capacity in objects.
    public let capacity: Int64
    /// Number of distinct objects in the trace (ids are `0..<objectCount`).
    public let objectCount: Int
    /// The policy's own random stream (the run's `policy` split).
    public let random: RandomSource
    /// The predictions the policy asked for (`PagingPolicyEntry.prediction`), or `.none`.
    public let predictions: PagingPredictions
    /// The policies' tunable constants (published defaults unless the spec sets them).
    public let tuning: PagingPolicyTuning
    /// How to reach the `external` policy's process (`nil` unless the policy is `external`).
    public let external: ExternalPolicySettings?

    public init(
        capacity: Int64, objectCount: Int, random: RandomSource, predictions: PagingPredictions = .none,
        tuning: PagingPolicyTuning = PagingPolicyTuning(), external: ExternalPolicySettings? = nil
    ) {
        self.capacity = capacity
        self.objectCount = objectCount
        self.random = random
        self.predictions = predictions
        self.tuning = tuning
        self.external = external
    }
}

/// One named paging policy.
public struct PagingPolicyEntry: Sendable {
    /// Stable name used in specs and on the command line.
    public let name: String
    /// One line: the algorithm and its source.
    public let summary: String
    /// The predictions it reads (`.none` for classic policies).
    public let prediction: PagingPredictionKind
    /// Whether it reads the true future (`CacheRequest.nextAccess`): OPT.
    public let readsFuture: Bool
    /// Whether it runs in a process of its own (`external`), which a run must be told how to start.
    public let isExternal: Bool
    /// Whether it simulates objects of different sizes (a byte-sized cache, evicting until
    /// the new object fits, as libCacheSim does); the others count objects only.
    public let simulatesSizes: Bool
    /// Whether every missed object that fits enters the cache (demand paging). A policy that
    /// may leave one out (GDSF) can beat OPT, which is optimal among demand-paging policies.
    public let admitsEveryMiss: Bool
    /// Whether it decides from the past alone, so it can simulate a trace read as a stream.
    public var isOnline: Bool { !readsFuture && prediction == .none && !isExternal }
    /// Builds a fresh policy.
    public let make: @Sendable (PagingPolicyContext) -> any CachePolicy

    public init(
        _ name: String, _ summary: String, prediction: PagingPredictionKind = .none, readsFuture: Bool = false,
        isExternal: Bool = false, simulatesSizes: Bool = false, admitsEveryMiss: Bool = true,
        make: @escaping @Sendable (PagingPolicyContext) -> any CachePolicy
    ) {
        self.name = name
        self.summary = summary
        self.prediction = prediction
        self.readsFuture = readsFuture
        self.isExternal = isExternal
        self.simulatesSizes = simulatesSizes
        self.admitsEveryMiss = admitsEveryMiss
        self.make = make
    }
}

/// The one table of paging policies: adding a policy is its file plus one line here, or, from a
/// program built on memsim's library, a `register` call before `MemsimCommand.main()`.
public enum PagingPolicyRegistry {
    /// Every policy: the built-in ones, then those registered, in registration order.
    public static var entries: [PagingPolicyEntry] { builtIn + extensions.readAdded() }

    /// Adds a policy of the program's own after the built-in ones.
    /// - Throws: `RegistrationError` if its name is taken or the registry was already read.
    public static func register(_ entry: PagingPolicyEntry) throws {
        try extensions.register(entry, builtIn: builtIn)
    }

    private static let extensions = RegistryExtensions<PagingPolicyEntry>(kind: "paging policy") { $0.name }

    static let builtIn: [PagingPolicyEntry] = [
        PagingPolicyEntry("fifo", FIFOPolicy.summary, simulatesSizes: true) {
            FIFOPolicy(capacity: $0.capacity, objectCount: $0.objectCount)
        },
        PagingPolicyEntry("lru", LRUPolicy.summary, simulatesSizes: true) {
            LRUPolicy(capacity: $0.capacity, objectCount: $0.objectCount)
        },
        PagingPolicyEntry("clock", ClockPolicy.summary, simulatesSizes: true) {
            ClockPolicy(capacity: $0.capacity, objectCount: $0.objectCount, bits: $0.tuning.clockBits)
        },
        PagingPolicyEntry("sieve", SievePolicy.summary, simulatesSizes: true) {
            SievePolicy(capacity: $0.capacity, objectCount: $0.objectCount)
        },
        PagingPolicyEntry("arc", ARCPolicy.summary, simulatesSizes: true) {
            ARCPolicy(
                capacity: $0.capacity, objectCount: $0.objectCount,
                initialTargetShare: $0.tuning.arcInitialTargetShare)
        },
        PagingPolicyEntry("lfu", LFUPolicy.summary, simulatesSizes: true) {
            LFUPolicy(capacity: $0.capacity, objectCount: $0.objectCount)
        },
        PagingPolicyEntry("2q", TwoQPolicy.summary, simulatesSizes: true) {
            TwoQPolicy(
                capacity: $0.capacity, objectCount: $0.objectCount, inShare: $0.tuning.twoQInShare,
                outShare: $0.tuning.twoQOutShare)
        },
        PagingPolicyEntry("s3fifo", S3FIFOPolicy.summary, simulatesSizes: true) {
            S3FIFOPolicy(
                capacity: $0.capacity, objectCount: $0.objectCount, smallShare: $0.tuning.s3fifoSmallShare,
                moveThreshold: $0.tuning.s3fifoMoveThreshold)
        },
        PagingPolicyEntry("gdsf", GDSFPolicy.summary, simulatesSizes: true, admitsEveryMiss: false) {
            GDSFPolicy(capacity: $0.capacity, objectCount: $0.objectCount)
        },
        PagingPolicyEntry("random", RandomPolicy.summary) {
            RandomPolicy(capacity: $0.capacity, objectCount: $0.objectCount, random: $0.random)
        },
        PagingPolicyEntry("fwf", FWFPolicy.summary) { FWFPolicy(capacity: $0.capacity, objectCount: $0.objectCount) },
        PagingPolicyEntry("marking", MarkingPolicy.summary) {
            MarkingPolicy(capacity: $0.capacity, objectCount: $0.objectCount)
        },
        PagingPolicyEntry("randomized-marking", RandomizedMarkingPolicy.summary) {
            RandomizedMarkingPolicy(capacity: $0.capacity, objectCount: $0.objectCount, random: $0.random)
        },
        PagingPolicyEntry("opt", BeladyPolicy.summary, readsFuture: true, simulatesSizes: true) {
            BeladyPolicy(capacity: $0.capacity, objectCount: $0.objectCount)
        },
        PagingPolicyEntry("follow-the-prediction", FollowThePredictionPolicy.summary, prediction: .nextArrival) {
            FollowThePredictionPolicy(
                capacity: $0.capacity, objectCount: $0.objectCount, predictedNext: $0.predictions.nextArrival)
        },
        PagingPolicyEntry(
            "follow-the-prediction-robust", "follow the prediction, " + robustFallback, prediction: .nextArrival
        ) {
            RobustCombinationPolicy(
                predicted: FollowThePredictionPolicy(
                    capacity: $0.capacity, objectCount: $0.objectCount, predictedNext: $0.predictions.nextArrival),
                context: $0)
        },
        PagingPolicyEntry("predictive-marker", PredictiveMarkerPolicy.summary, prediction: .nextArrival) {
            PredictiveMarkerPolicy(
                capacity: $0.capacity, objectCount: $0.objectCount, predictedNext: $0.predictions.nextArrival,
                random: $0.random)
        },
        PagingPolicyEntry("discard-follow", DiscardFollowPolicy.summary, prediction: .discardBit) {
            DiscardFollowPolicy(capacity: $0.capacity, objectCount: $0.objectCount, bits: $0.predictions.bits)
        },
        PagingPolicyEntry("discard-robust", "discard bits (MARK0), " + robustFallback, prediction: .discardBit) {
            RobustCombinationPolicy(
                predicted: DiscardFollowPolicy(
                    capacity: $0.capacity, objectCount: $0.objectCount, bits: $0.predictions.bits),
                context: $0)
        },
        PagingPolicyEntry("phase-follow", PhaseFollowPolicy.summary, prediction: .phaseBit) {
            PhaseFollowPolicy(capacity: $0.capacity, objectCount: $0.objectCount, bits: $0.predictions.bits)
        },
        PagingPolicyEntry("mark-and-predict", MarkAndPredictPolicy.summary, prediction: .phaseBit) {
            MarkAndPredictPolicy(
                capacity: $0.capacity, objectCount: $0.objectCount, bits: $0.predictions.bits, random: $0.random)
        },
        PagingPolicyEntry("external", ExternalCachePolicy.summary, isExternal: true, simulatesSizes: true) {
            ExternalCachePolicy(capacity: $0.capacity, objectCount: $0.objectCount, settings: $0.external)
        },
    ]

    static let robustFallback = "combined with randomized marking (followed while within 2x + k of its misses)"

    /// Registered names, in table order.
    public static var names: [String] { entries.map(\.name) }

    /// The entry called `name`, if any.
    public static func entry(named name: String) -> PagingPolicyEntry? {
        entries.first { $0.name == name }
    }
}
