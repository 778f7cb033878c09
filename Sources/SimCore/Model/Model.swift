/// One kind of simulation: a resolved configuration and a seed in, named metrics out.
///
/// Contract:
/// - `init(config:)` validates every key it reads and throws `ConfigError` naming the key
///   path; it must be cheap (the harness builds one model per sweep point to validate a
///   whole spec before any run starts).
/// - `run(seed:)` is pure: the same configuration and seed give the same `MetricRow`, bit
///   for bit, whatever thread runs it and whatever else runs concurrently. All randomness
///   comes from `RandomSource(seed: seed)` and its labelled splits.
/// - The row holds exactly the metrics of `metrics`, and the tables of `tables`, in order.
public protocol Model: Sendable {
    /// Stable name used in specs (`paging`).
    static var kind: String { get }
    /// One-line description for `memsim list models`.
    static var summary: String { get }
    /// The documented defaults table: every key the model accepts.
    static var parameters: [ModelParameter] { get }
    /// The metrics every run reports, in column order.
    static var metrics: [MetricDefinition] { get }
    /// The tables every run reports (`MetricRow.tables`), in order; none by default.
    static var tables: [MetricDefinition] { get }
    /// Named choices of the model (policies and the like) for `memsim list policies`.
    static var policies: [PolicyDescription] { get }

    init(config: Configuration) throws
    func run(seed: UInt64) throws -> MetricRow
    /// About how many bytes one run holds at its peak (0: small enough not to matter). The
    /// harness refuses a sweep whose runs cannot fit in memory and runs no more of them at
    /// once than fit (`MemoryBudget`).
    var estimatedRunBytes: Double { get }
}

extension Model {
    public static var tables: [MetricDefinition] { [] }

    public var estimatedRunBytes: Double { 0 }

    /// The defaults table as one configuration map.
    public static var defaults: ConfigValue {
        parameters.reduce(ConfigValue.map([:])) { $0.setting($1.path, to: $1.defaultValue) }
    }

    /// The defaults with `overrides` (key path -> value) set on top: what a sweep point
    /// resolves to without a spec (tests, benchmarks). Overrides apply in key order, so the
    /// result does not depend on dictionary order.
    public static func configuration(_ overrides: [String: ConfigValue]) -> Configuration {
        var value = defaults
        for (key, setting) in overrides.sorted(by: { $0.key < $1.key }) { value = value.setting(key, to: setting) }
        return Configuration(value)
    }
}

/// A registry entry's name and summary, for listings.
public struct PolicyDescription: Sendable {
    /// The key that selects it.
    public let key: String
    /// Stable name (`lru`).
    public let name: String
    /// One line: the algorithm and its source.
    public let summary: String

    public init(key: String, name: String, summary: String) {
        self.key = key
        self.name = name
        self.summary = summary
    }
}
