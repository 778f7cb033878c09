import Foundation
import SimCore
import Statistics

/// The `adapters` model: requests with context vectors are routed to LoRA adapters by a
/// bandit router, only K adapters (or B bytes of them) are resident in GPU memory, and
/// serving through a non-resident adapter first pages its weights in (POLAR, Li and Li,
/// arXiv:2604.16583, 2026).
///
/// ```
/// net reward of a request = utility(adapter, context) - exchange_rate x paging latency
/// regret = oracle's sum of net rewards - the policy's   (expected utilities, no noise)
///        = regret_reward (utility part) + regret_latency (paging part)
/// ```
/// The oracle (`OracleCacheController` with the oracle router) sees the same requests,
/// arrivals and noise. See `AdapterWorkload` for the population, `LoRABaseModel` for adapter
/// sizes and `AdapterPagingPath` for latencies.
public struct AdaptersModel: Model {
    public static let kind = "adapters"
    public static let summary =
        "LoRA adapter routing by contextual bandits with K resident adapters: regret, hit rate and latency (POLAR)"

    public static let parameters: [ModelParameter] = [
        ModelParameter(
            "router", .string("linucb"), .choice(AdapterRouterRegistry.names),
            "router"),
        ModelParameter(
            "controller", .string("polar-plus"), .choice(AdapterCacheControllerRegistry.names),
            "cache controller"),
        ModelParameter(
            "horizon", .int(10_000), .integer(1...10_000_000),
            "requests T (at most the trace's requests)"),
        ModelParameter(
            "adapters.count", .int(15), .integer(1...10_000),
            "adapters N (the trace's reward count when it has rewards)"),
        ModelParameter(
            "adapters.base_model", .string("qwen2.5-7b"), .choice(LoRABaseModel.names),
            "base model of the adapters"),
        ModelParameter(
            "adapters.ranks", .list([.int(8), .int(16), .int(32), .int(64)]),
            .structured("list of integers in 1...4096"),
            "LoRA ranks on q, k, v, o, assigned to adapters in turn"),
        ModelParameter(
            "adapters.sizes_mib", .list([]), .structured("list of numbers > 0, one per adapter"),
            "adapter sizes in MiB, one per adapter, instead of ranks (empty: from ranks)"),
        ModelParameter(
            "cache.slots", .int(5), .integer(1...1_000_000),
            "resident adapters K (1...adapters.count)"),
        ModelParameter(
            "cache.bytes_mib", .double(0), .number(NumberDomain(lower: 0, upper: 1e9)),
            "resident adapter bytes B in MiB instead of slots (0: slots only)"),
        ModelParameter(
            "paging.path", .string("nvme-pcie4"), .choice(AdapterPagingPath.names),
            "storage-to-GPU path"),
        ModelParameter(
            "paging.overhead_ms", .double(-1), .number(NumberDomain(lower: -1, upper: 10_000)),
            "override: fixed cost per load in ms (-1: the path's)"),
        ModelParameter(
            "paging.storage_gbs", .double(-1), .number(NumberDomain(lower: -1, upper: 1e6)),
            "override: storage-to-host GB/s, 0 for adapters kept in host memory (-1: the path's)"),
        ModelParameter(
            "paging.host_gbs", .double(-1), .number(NumberDomain(lower: -1, upper: 1e6)),
            "override: host-to-GPU GB/s (-1: the path's)"),
        ModelParameter(
            "reward.exchange_rate", .double(10), .number(.nonNegative),
            "reward units per second of paging latency"),
        ModelParameter(
            "reward.noise", .double(0.1), .number(.nonNegative),
            "standard deviation of the observed reward around the utility"),
        ModelParameter(
            "context.dimension", .int(16), .integer(2...256),
            "context dimension d, the first entry a constant 1 (the trace's when given)"),
        ModelParameter(
            "context.components", .int(5), .integer(1...1_000),
            "mixture components, each with its specialist adapters"),
        ModelParameter(
            "context.skew", .double(1), .number(.nonNegative),
            "component weights proportional to 1 / rank^skew"),
        ModelParameter(
            "context.spread", .double(0.3), .number(.nonNegative),
            "noise of a context around its component's centre"),
        ModelParameter(
            "context.jitter", .double(0.3), .number(.nonNegative),
            "noise of an adapter's direction around its component's centre"),
        ModelParameter(
            "drift.kind", .string("none"), .choice(AdapterWorkload.Drift.allCases.map(\.rawValue)),
            "mixture drift"),
        ModelParameter(
            "drift.switches", .int(3), .integer(1...1_000),
            "abrupt changes of a switch drift, evenly spaced"),
        ModelParameter(
            "drift.segments", .int(10), .integer(1...10_000),
            "segments the oracle re-plans under gradual drift"),
        ModelParameter(
            "workload.rate", .double(20), .number(NumberDomain(lower: 0.01)),
            "Poisson request arrivals per second"),
        ModelParameter(
            "workload.service_ms", .double(30), .number(NumberDomain(lower: 0, upper: 10_000)),
            "GPU time to serve one request once its adapter is resident, ms"),
        ModelParameter(
            "bandit.alpha", .double(0.5), .number(.nonNegative),
            "LinUCB exploration width alpha"),
        ModelParameter(
            "bandit.thompson_scale", .double(0.1), .number(.nonNegative),
            "linear Thompson posterior scale v"),
        ModelParameter(
            "bandit.epsilon", .double(0.05), .number(.probability),
            "epsilon-greedy exploration probability"),
        ModelParameter(
            "bandit.exp3_gamma", .double(0.05), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1)),
            "EXP3 exploration rate"),
        ModelParameter(
            "bandit.lambda", .double(1), .number(.positive),
            "ridge regularisation of the linear routers"),
        ModelParameter(
            "polar.epoch", .int(1000), .integer(1...10_000_000),
            "POLAR's fixed epoch length in requests"),
        ModelParameter(
            "polar.first_epoch", .int(100), .integer(1...10_000_000),
            "POLAR+'s first epoch; epochs double"),
        ModelParameter(
            "polar.exploration", .double(1), .number(.nonNegative),
            "POLAR+'s forced exploration: ceil(rho sqrt(n_j)) rounds per epoch of n_j"),
        ModelParameter(
            "polar.sample", .int(512), .integer(1...100_000),
            "most recent requests a POLAR boundary scores"),
        ModelParameter(
            "static.pilot", .int(1000), .integer(1...1_000_000),
            "historical requests (drawn apart from the run's; a trace's first rows) whose best adapters rank the static cache"
        ),
        ModelParameter(
            "trace.path", .string(""), .file,
            "JSONL request trace (see AdapterTrace); empty: synthetic requests"),
    ]

    public static let metrics: [MetricDefinition] = [
        MetricDefinition(
            "regret", unit: "reward",
            "oracle's net reward minus the policy's over the horizon (expected utilities; exact given the run)"),
        MetricDefinition("regret_reward", unit: "reward", "the utility part of the regret"),
        MetricDefinition(
            "regret_latency", unit: "reward", "the paging part: exchange rate x (policy's paging seconds - oracle's)"),
        MetricDefinition(
            "reward_mean", unit: "reward", "mean net reward per request (utility - exchange rate x paging)"),
        MetricDefinition("oracle_reward_mean", unit: "reward", "the oracle's mean net reward per request"),
        MetricDefinition(
            "best_adapter_gap", unit: "reward", "mean utility of the best adapter minus the served one's, per request"),
        MetricDefinition("hit_rate", unit: "ratio", "requests served by a resident adapter / requests"),
        MetricDefinition("pages_loaded", unit: "loads", "adapter loads into GPU memory (misses and planned loads)"),
        MetricDefinition("gib_paged", unit: "GiB", "bytes moved into GPU memory, GiB"),
        MetricDefinition("paging_seconds", unit: "s", "total paging latency"),
        MetricDefinition("latency_p50_ms", unit: "ms", "median request latency (queueing + paging + service)"),
        MetricDefinition("latency_p99_ms", unit: "ms", "99th percentile request latency"),
        MetricDefinition("forced_rounds", unit: "requests", "requests served by a controller's forced exploration"),
    ]

    public static var policies: [PolicyDescription] {
        AdapterRouterRegistry.entries.map { PolicyDescription(key: "router", name: $0.name, summary: $0.summary) }
            + AdapterCacheControllerRegistry.entries.map {
                PolicyDescription(key: "controller", name: $0.name, summary: $0.summary)
            }
    }

    let settings: AdaptersSettings

    public init(config: Configuration) throws { settings = try AdaptersSettings(try config.declaring(Self.parameters)) }

    public func run(seed: UInt64) throws -> MetricRow {
        let s = settings
        let root = RandomSource(seed: seed)
        let source = try s.requestSource(root)
        let sizes = try s.adapterSizes()
        let pagingSeconds = sizes.map { s.path.latency(bytes: $0) }
        let loop = AdapterServingLoop(
            sizes: sizes, pagingSeconds: pagingSeconds, exchangeRate: s.exchangeRate, slots: s.slots,
            capacityBytes: s.capacityBytes,
            horizon: s.horizon, noise: s.noise, arrivalRate: s.arrivalRate, serviceNanoseconds: s.serviceNanoseconds,
            planningWindow: s.sample)
        func requests() -> AdapterRequests { AdapterRequests(source: source, random: root.split("contexts")) }

        let oracleSets = OraclePlanner(
            segmentStarts: s.segmentStarts(source), horizon: s.horizon,
            pagingCosts: pagingSeconds.map { $0 * s.exchangeRate },
            cache: AdapterCache(sizes: sizes, slots: s.slots, capacityBytes: s.capacityBytes)
        ).plan(requests())
        var oracleController = OracleCacheController(segmentStarts: oracleSets.starts, sets: oracleSets.sets)
        var oracleRouter = OracleAdapterRouter()
        let oracle = loop.serve(
            router: &oracleRouter, controller: &oracleController, requests: requests(), random: root.split("serving"))

        var router = s.router.make(s.routerParameters(adapters: sizes.count))
        var controller = s.controller.make(
            AdapterControllerParameters(
                adapters: sizes.count, sizes: sizes, pagingSeconds: pagingSeconds,
                popularity: s.popularity(
                    AdapterRequests(source: source, random: root.split("pilot")), adapters: sizes.count),
                epoch: s.epoch, firstEpoch: s.firstEpoch, exploration: s.exploration, sample: s.sample,
                oracleSegmentStarts: oracleSets.starts, oracleSets: oracleSets.sets))
        let policy = loop.serve(
            router: &router, controller: &controller, requests: requests(), random: root.split("serving"))

        let n = Double(s.horizon)
        let regretReward = oracle.utility - policy.utility
        let regretLatency = s.exchangeRate * (policy.pagingSeconds - oracle.pagingSeconds)
        let sorted = policy.latencies.sorted().map { Double($0) / 1e6 }
        return MetricRow([
            "regret": regretReward + regretLatency,
            "regret_reward": regretReward,
            "regret_latency": regretLatency,
            "reward_mean": (policy.utility - s.exchangeRate * policy.pagingSeconds) / n,
            "oracle_reward_mean": (oracle.utility - s.exchangeRate * oracle.pagingSeconds) / n,
            "best_adapter_gap": (policy.bestUtility - policy.utility) / n,
            "hit_rate": Double(policy.hits) / n,
            "pages_loaded": Double(policy.pages),
            "gib_paged": Double(policy.bytesPaged) / 1_073_741_824,
            "paging_seconds": policy.pagingSeconds,
            "latency_p50_ms": try Quantile.ofSorted(sorted, probability: 0.5),
            "latency_p99_ms": try Quantile.ofSorted(sorted, probability: 0.99),
            "forced_rounds": Double(policy.forcedRounds),
        ])
    }
}
