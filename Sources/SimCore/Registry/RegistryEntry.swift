/// One named choice of a model (a policy, a buffer, a router...): what `memsim list
/// policies` prints and what a spec's key selects.
///
/// Every registry of every model is an array of these: the stable name, one line on the
/// algorithm and its source, what it reads beyond the model's configuration, and the
/// builder. A model resolves its entries once, in `init(config:)`, with
/// `Configuration.entry(_:from:)`, so a run never looks a name up again.
public struct RegistryEntry<Context, Product>: Sendable {
    /// Stable name used in specs (`lru`).
    public let name: String
    /// One line: the algorithm and its source.
    public let summary: String
    /// What it reads beyond the configuration (`next arrivals`, `the future`), empty if nothing.
    public let reads: String
    /// Builds the choice for one run from what the model gives it.
    public let make: @Sendable (Context) -> Product

    public init(
        _ name: String, _ summary: String, reads: String = "", _ make: @escaping @Sendable (Context) -> Product
    ) {
        self.name = name
        self.summary = summary
        self.reads = reads
        self.make = make
    }
}

extension Configuration {
    /// The entry of `entries` named by the string at `key`; an unknown name is a
    /// `ConfigError` listing the valid ones and suggesting the nearest.
    public func entry<Context, Product>(_ key: String, from entries: [RegistryEntry<Context, Product>]) throws
        -> RegistryEntry<Context, Product>
    {
        let name = try string(key)
        guard let found = entries.first(where: { $0.name == name }) else {
            throw ConfigError.unknownName(
                keyPathPrefix.isEmpty ? key : "\(keyPathPrefix).\(key)", kind: "value", name: name,
                known: entries.map(\.name))
        }
        return found
    }
}
