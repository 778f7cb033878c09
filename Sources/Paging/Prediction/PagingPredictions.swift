import SimCore

/// What a learning-augmented paging policy is told about the future, one value per request.
public enum PagingPredictionKind: String, Sendable, CaseIterable {
    /// No prediction (classic policies).
    case none
    /// The position of the object's next request (Lykouris and Vassilvitskii 2018).
    case nextArrival = "next-arrival"
    /// One bit per request: whether the requested page may be evicted safely
    /// (discard predictions, Antoniadis et al. 2023).
    case discardBit = "discard-bit"
    /// One bit per request: whether the requested page is requested again in the next
    /// marking phase (phase predictions, Antoniadis et al. 2023).
    case phaseBit = "phase-bit"
}

/// The predictions of one run, indexed by request position, and their error against the truth.
public struct PagingPredictions: Sendable {
    public let kind: PagingPredictionKind
    /// `nextArrival`: predicted position of the next request of the object requested at
    /// `i` (never-again is `count`, one past the end). Empty for other kinds.
    public let nextArrival: [Int]
    /// Bit kinds: the predicted bit of request `i`. Empty for other kinds.
    public let bits: [Bool]
    /// Number of predictions that differ from the truth (exact count).
    public let wrongPredictions: Int
    /// L1 error eta = sum over requests of |predicted - true next arrival|, in requests
    /// (next-arrival predictions; 0 otherwise), as defined by Lykouris and Vassilvitskii.
    public let l1Error: Double

    public static let none = PagingPredictions(kind: .none, nextArrival: [], bits: [], wrongPredictions: 0, l1Error: 0)

    public init(kind: PagingPredictionKind, nextArrival: [Int], bits: [Bool], wrongPredictions: Int, l1Error: Double) {
        self.kind = kind
        self.nextArrival = nextArrival
        self.bits = bits
        self.wrongPredictions = wrongPredictions
        self.l1Error = l1Error
    }
}
