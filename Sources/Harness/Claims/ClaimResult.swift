/// One row of `claims.csv`: a claim's verdict at one point (or group of points) it evaluates.
public struct ClaimResult: Sendable, Equatable {
    public let name: String
    public let kind: String
    public let role: ClaimRole
    /// The sweep point or group of points the row is about (`key=value,...`).
    public let point: String
    /// The figures the verdict rests on, with the point they come from.
    public let measured: String
    /// What the spec expects.
    public let expected: String
    public let passed: Bool
    /// memsim's value and its interval, for kinds that measure one number (threshold,
    /// ratio, slope, capacity); nil for orderings.
    public let value: Double?
    public let interval: (low: Double, high: Double)?
    public let paper: PaperFigure?
    /// Nil for sanity claims.
    public let agreement: Agreement?
    /// The agreement a `reproduces` claim is known to reach; nil for other roles.
    public let expect: Agreement?
    public let note: String?

    /// Whether the row reached the verdict its spec declares: a `reproduces` row its
    /// expected agreement, a `sanity` or `counter` row a pass.
    public var asExpected: Bool {
        role == .reproduces ? agreement == expect : passed
    }

    public static func == (a: ClaimResult, b: ClaimResult) -> Bool {
        a.name == b.name && a.kind == b.kind && a.role == b.role && a.point == b.point && a.measured == b.measured
            && a.expected == b.expected
            && a.passed == b.passed && a.value == b.value && a.interval?.low == b.interval?.low
            && a.interval?.high == b.interval?.high && a.paper == b.paper && a.agreement == b.agreement
            && a.expect == b.expect && a.note == b.note
    }
}
