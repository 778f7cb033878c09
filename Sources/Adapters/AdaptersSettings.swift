import SimCore

/// The validated configuration of the `adapters` model (every key of
/// `AdaptersModel.parameters`), with the trace read and checked up front so that a bad trace
/// fails the spec's validation, not a run.
struct AdaptersSettings: Sendable {
    /// The router and the cache controller, resolved once.
    let router: AdapterRouterRegistry.Entry
    let controller: AdapterCacheControllerRegistry.Entry
    let horizon: Int
    let adapters: Int
    let baseModel: LoRABaseModel
    let ranks: [Int]
    let sizesMiB: [Double]
    let slots: Int
    let capacityBytes: Int
    let path: AdapterPagingPath
    let exchangeRate: Double
    let noise: Double
    let dimension: Int
    let components: Int
    let skew: Double
    let spread: Double
    let jitter: Double
    let drift: AdapterWorkload.Drift
    let switches: Int
    let segments: Int
    let arrivalRate: Double
    let serviceNanoseconds: Int64
    let alpha: Double
    let thompsonScale: Double
    let epsilon: Double
    let exp3Gamma: Double
    let lambda: Double
    let epoch: Int
    let firstEpoch: Int
    let exploration: Double
    let sample: Int
    let pilot: Int
    let trace: AdapterTrace?

    init(_ config: Configuration) throws {
        router = try config.entry("router", from: AdapterRouterRegistry.entries)
        controller = try config.entry("controller", from: AdapterCacheControllerRegistry.entries)
        trace = try Self.trace(config)
        horizon = try config.int("horizon")
        if let requests = trace?.contexts.count {
            try config.require(horizon <= requests, "horizon", "\(horizon) is beyond the trace's \(requests) requests")
        }
        adapters = try config.int("adapters.count")
        if let traced = trace?.adapters, traced != adapters {
            throw ConfigError("adapters.count", "is \(adapters) but the trace gives rewards for \(traced) adapters")
        }
        let baseName = try config.string("adapters.base_model")
        baseModel = LoRABaseModel.presets.first { $0.name == baseName } ?? LoRABaseModel.presets[0]
        (ranks, sizesMiB) = try Self.ranksAndSizes(config, adapters: adapters)
        let givenSlots = try config.int("cache.slots")
        try config.require(
            givenSlots <= adapters, "cache.slots", "\(givenSlots) is more than adapters.count \(adapters)")
        let bytesMiB = try config.double("cache.bytes_mib")
        // A byte budget replaces the slot count: any number of adapters that fit.
        slots = bytesMiB > 0 ? adapters : givenSlots
        capacityBytes = bytesMiB > 0 ? Int(bytesMiB * 1_048_576) : Int.max
        path = try Self.pagingPath(config)
        exchangeRate = try config.double("reward.exchange_rate")
        noise = try config.double("reward.noise")
        dimension = try config.int("context.dimension")
        if let traced = trace?.dimension, traced != dimension {
            throw ConfigError("context.dimension", "is \(dimension) but the trace's contexts have \(traced) entries")
        }
        components = try config.int("context.components")
        skew = try config.double("context.skew")
        spread = try config.double("context.spread")
        jitter = try config.double("context.jitter")
        drift =
            AdapterWorkload.Drift(
                rawValue: try config.string("drift.kind"))
            ?? .none
        if trace != nil, drift != .none {
            throw ConfigError("drift.kind", "a trace sets its own drift; use none with trace.path")
        }
        switches = try config.int("drift.switches")
        segments = try config.int("drift.segments")
        // Bounds that keep the integer-nanosecond queue clock of 10^7 requests below 2^63.
        arrivalRate = try config.double("workload.rate")
        serviceNanoseconds = Int64(
            (try config.double("workload.service_ms") * 1e6).rounded())
        alpha = try config.double("bandit.alpha")
        thompsonScale = try config.double("bandit.thompson_scale")
        epsilon = try config.double("bandit.epsilon")
        exp3Gamma = try config.double("bandit.exp3_gamma")
        lambda = try config.double("bandit.lambda")
        epoch = try config.int("polar.epoch")
        firstEpoch = try config.int("polar.first_epoch")
        exploration = try config.double("polar.exploration")
        sample = try config.int("polar.sample")
        pilot = try config.int("static.pilot")
    }

    /// The request trace of `trace.path`, through the process's input-file cache (`nil` when empty).
    private static func trace(_ config: Configuration) throws -> AdapterTrace? {
        let tracePath = try config.path("trace.path")
        if tracePath.isEmpty {
            return nil
        } else {
            do {
                return try InputFileCache.shared.value(
                    for: InputFileCache.key(path: tracePath, format: "adapter-requests-jsonl"), path: tracePath
                ) { try AdapterTrace.read(path: tracePath) }
            } catch let error as InputFileError {
                throw ConfigError("trace.path", error.description)
            }
        }
    }

    /// The adapters' ranks (`adapters.ranks`) and explicit sizes (`adapters.sizes_mib`, one per adapter or none).
    private static func ranksAndSizes(_ config: Configuration, adapters: Int) throws -> ([Int], [Double]) {
        let ranks = try numbers(config, "adapters.ranks").enumerated().map { i, r in
            guard r == r.rounded(), r >= 1, r <= 4096 else {
                throw ConfigError("adapters.ranks[\(i)]", "\(r) is not a rank in 1...4096")
            }
            return Int(r)
        }
        let sizesMiB = try numbers(config, "adapters.sizes_mib")
        if sizesMiB.isEmpty {
            guard !ranks.isEmpty else {
                throw ConfigError("adapters.ranks", "give at least one rank (or adapters.sizes_mib)")
            }
        } else {
            guard sizesMiB.count == adapters else {
                throw ConfigError("adapters.sizes_mib", "has \(sizesMiB.count) sizes for \(adapters) adapters")
            }
            if let i = sizesMiB.firstIndex(where: { !($0 > 0 && $0 <= 1e7) }) {
                throw ConfigError("adapters.sizes_mib[\(i)]", "sizes must be in (0, 1e7] MiB")
            }
        }
        return (ranks, sizesMiB)
    }

    /// The paging path of `paging.path`, with the overhead and bandwidths the spec overrides.
    private static func pagingPath(_ config: Configuration) throws -> AdapterPagingPath {
        let pathName = try config.string("paging.path")
        var path = AdapterPagingPath.presets.first { $0.name == pathName } ?? AdapterPagingPath.presets[0]
        let overhead = try config.double("paging.overhead_ms")
        if overhead >= 0 { path.overheadSeconds = overhead / 1000 }
        let storage = try config.double("paging.storage_gbs")
        if storage >= 0 { path.storageGBs = storage }
        let host = try config.double("paging.host_gbs")
        if host == 0 { throw ConfigError("paging.host_gbs", "must be > 0, or -1 for the path's") }
        if host > 0 { path.hostToGPUGBs = host }
        return path
    }

    private static func numbers(_ config: Configuration, _ key: String) throws -> [Double] {
        let value = try config.value(key)
        guard case .list(let items) = value else {
            throw config.wrongType(key, expected: "a list of numbers", found: value)
        }
        return try items.enumerated().map { i, item in
            guard let x = item.numericValue, x.isFinite else {
                throw ConfigError("\(key)[\(i)]", "expected a number, found '\(item)'")
            }
            return x
        }
    }

    /// Every adapter's size in bytes: given, or from its rank (ranks assigned in turn).
    /// - Throws: when an adapter's paging latency exceeds 100 s (the queue clock's bound).
    func adapterSizes() throws -> [Int] {
        let sizes =
            sizesMiB.isEmpty
            ? (0..<adapters).map { baseModel.adapterBytes(rank: ranks[$0 % ranks.count]) }
            : sizesMiB.map { Int(($0 * 1_048_576).rounded()) }
        if let i = sizes.firstIndex(where: { path.latency(bytes: $0) > 100 }) {
            throw ConfigError(
                "paging",
                "adapter \(i) would take \(path.latency(bytes: sizes[i])) s to page in; at most 100 s is supported")
        }
        return sizes
    }

    func requestSource(_ root: RandomSource) throws -> AdapterRequests.Source {
        var random = root.split("workload")
        let workload = AdapterWorkload(
            dimension: dimension, components: components, adapters: adapters, skew: skew, spread: spread,
            jitter: jitter,
            drift: drift, switches: switches, horizon: horizon, random: &random)
        if let trace { return .trace(trace, thetas: workload.thetas) }
        return .synthetic(workload)
    }

    /// The first round of each segment the oracle plans for.
    func segmentStarts(_ source: AdapterRequests.Source) -> [Int] {
        guard case .synthetic(let workload) = source else { return [0] }
        switch drift {
        case .none: return [0]
        case .switch: return Array(Set([0] + workload.switchRounds.filter { $0 < horizon })).sorted()
        case .gradual: return Array(Set((0..<segments).map { $0 * horizon / segments })).sorted()
        }
    }

    /// How often each adapter had the highest utility among `pilot` historical requests:
    /// `requests` should be a sequence drawn apart from the run's (its own random split), so
    /// the static baseline does not see the requests it is scored on.
    func popularity(_ requests: AdapterRequests, adapters: Int) -> [Int] {
        var requests = requests
        var counts = [Int](repeating: 0, count: adapters)
        for _ in 0..<min(pilot, horizon) { counts[argmax(requests.next().utilities)] += 1 }
        return counts
    }

    func routerParameters(adapters: Int) -> AdapterRouterParameters {
        AdapterRouterParameters(
            adapters: adapters, dimension: dimension, alpha: alpha, thompsonScale: thompsonScale, epsilon: epsilon,
            exp3Gamma: exp3Gamma, lambda: lambda)
    }
}
