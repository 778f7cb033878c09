import SimCore

/// The tunable constants of the paging policies that have them, each a documented key with
/// the published default (`s3fifo.*`, `2q.*`, `clock.bits`, `arc.initial_p`), in effect only
/// under its policy.
public struct PagingPolicyTuning: Sendable, Equatable {
    /// S3-FIFO: the small queue's share of the capacity (Yang et al. 2023: 10%).
    public var s3fifoSmallShare = 0.1
    /// S3-FIFO: accesses in the small queue that move an object to the main queue (2).
    public var s3fifoMoveThreshold = 2
    /// 2Q: A1in's share of the capacity (Johnson and Shasha 1994: Kin = 25%).
    public var twoQInShare = 0.25
    /// 2Q: A1out's ghost share of the capacity (Kout = 50%).
    public var twoQOutShare = 0.5
    /// CLOCK: bits of each object's reference counter (1: the classic reference bit).
    public var clockBits = 1
    /// ARC: T1's initial target as a share of the capacity (Megiddo and Modha 2003: p = 0).
    public var arcInitialTargetShare = 0.0

    public init() {}

    static let parameters: [ModelParameter] = [
        ModelParameter(
            "s3fifo.small_share", .double(0.1),
            .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: false)),
            "s3fifo: the small FIFO's share of the capacity (the ghost FIFO holds the rest's worth of ids)",
            appliesWhen: .when("policy", is: "s3fifo")),
        ModelParameter(
            "s3fifo.move_threshold", .int(2), .integer(1...3),
            "s3fifo: accesses while in the small FIFO that move an object to the main FIFO (frequencies cap at 3)",
            appliesWhen: .when("policy", is: "s3fifo")),
        ModelParameter(
            "2q.in_share", .double(0.25),
            .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: false)),
            "2q: A1in's share of the capacity (Kin)", appliesWhen: .when("policy", is: "2q")),
        ModelParameter(
            "2q.out_share", .double(0.5), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 10)),
            "2q: A1out's ghost ids as a share of the capacity (Kout)", appliesWhen: .when("policy", is: "2q")),
        ModelParameter(
            "clock.bits", .int(1), .integer(1...8),
            "clock: bits of each object's reference counter (1: the classic reference bit; libCacheSim's n-bit counter)",
            appliesWhen: .when("policy", is: "clock")),
        ModelParameter(
            "arc.initial_p", .double(0), .number(NumberDomain(lower: 0, upper: 1)),
            "arc: T1's initial target p as a share of the capacity (the paper starts at 0)",
            appliesWhen: .when("policy", is: "arc")),
    ]

    /// The tuning `config` sets (its keys declared by `parameters`).
    init(config: Configuration) throws {
        s3fifoSmallShare = try config.double("s3fifo.small_share")
        s3fifoMoveThreshold = try config.int("s3fifo.move_threshold")
        twoQInShare = try config.double("2q.in_share")
        twoQOutShare = try config.double("2q.out_share")
        clockBits = try config.int("clock.bits")
        arcInitialTargetShare = try config.double("arc.initial_p")
    }
}
