import OrderedCollections

/// The named metrics of one run, in the model's declared order (the output column order).
public struct MetricRow: Hashable, Sendable {
    public var values: OrderedDictionary<String, Double>
    /// Per-run tables that do not reduce to one number (an accuracy matrix), by name, each a
    /// list of rows; the harness writes them to `tables.csv`. Names come from the model's
    /// `tables` declaration, in that order.
    public var tables: OrderedDictionary<String, [[Double]]>

    public init(_ values: OrderedDictionary<String, Double> = [:], tables: OrderedDictionary<String, [[Double]]> = [:])
    {
        self.values = values
        self.tables = tables
    }

    public subscript(name: String) -> Double? {
        get { values[name] }
        set { values[name] = newValue }
    }
}

/// Documentation of one metric a model reports.
public struct MetricDefinition: Sendable {
    /// Column name (`miss_ratio`).
    public let name: String
    /// Unit (`requests`, `ratio`, `s`).
    public let unit: String
    /// Definition in one sentence, saying whether the per-run value is exact (a count) or an estimate.
    public let definition: String

    public init(_ name: String, unit: String, _ definition: String) {
        self.name = name
        self.unit = unit
        self.definition = definition
    }
}
