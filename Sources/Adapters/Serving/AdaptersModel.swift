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
        ModelParameter("router", .string("linucb"), "router: " + AdapterRouterRegistry.names.joined(separator: ", ")),
        ModelParameter(
            "controller", .string("polar-plus"),
            "cache controller: " + AdapterCacheControllerRegistry.names.joined(separator: ", ")),
        ModelParameter("horizon", .int(10_000), "requests T (1...10000000; at most the trace's requests)"),
        ModelParameter(
            "adapters.count", .int(15), "adapters N (1...10000; the trace's reward count when it has rewards)"),
        ModelParameter(
            "adapters.base_model", .string("qwen2.5-7b"),
            "base model of the adapters: " + LoRABaseModel.names.joined(separator: ", ")),
        ModelParameter(
            "adapters.ranks", .list([.int(8), .int(16), .int(32), .int(64)]),
            "LoRA ranks on q, k, v, o, assigned to adapters in turn (each 1...4096)"),
        ModelParameter(
            "adapters.sizes_mib", .list([]),
            "adapter sizes in MiB, one per adapter, instead of ranks (empty: from ranks)"),
        ModelParameter("cache.slots", .int(5), "resident adapters K (1...adapters.count)"),
        ModelParameter(
            "cache.bytes_mib", .double(0), "resident adapter bytes B in MiB instead of slots (0: slots only)"),
        ModelParameter(
            "paging.path", .string("nvme-pcie4"),
            "storage-to-GPU path: " + AdapterPagingPath.names.joined(separator: ", ")),
        ModelParameter("paging.overhead_ms", .double(-1), "override: fixed cost per load in ms (-1: the path's)"),
        ModelParameter(
            "paging.storage_gbs", .double(-1),
            "override: storage-to-host GB/s, 0 for adapters kept in host memory (-1: the path's)"),
        ModelParameter("paging.host_gbs", .double(-1), "override: host-to-GPU GB/s (-1: the path's)"),
        ModelParameter("reward.exchange_rate", .double(10), "reward units per second of paging latency (>= 0)"),
        ModelParameter(
            "reward.noise", .double(0.1), "standard deviation of the observed reward around the utility (>= 0)"),
        ModelParameter(
            "context.dimension", .int(16),
            "context dimension d, the first entry a constant 1 (2...256; the trace's when given)"),
        ModelParameter(
            "context.components", .int(5), "mixture components, each with its specialist adapters (1...1000)"),
        ModelParameter("context.skew", .double(1), "component weights proportional to 1 / rank^skew (>= 0)"),
        ModelParameter("context.spread", .double(0.3), "noise of a context around its component's centre (>= 0)"),
        ModelParameter(
            "context.jitter", .double(0.3), "noise of an adapter's direction around its component's centre (>= 0)"),
        ModelParameter(
            "drift.kind", .string("none"),
            "mixture drift: " + AdapterWorkload.Drift.allCases.map(\.rawValue).joined(separator: ", ")),
        ModelParameter("drift.switches", .int(3), "abrupt changes of a switch drift, evenly spaced (1...1000)"),
        ModelParameter("drift.segments", .int(10), "segments the oracle re-plans under gradual drift (1...10000)"),
        ModelParameter("workload.rate", .double(20), "Poisson request arrivals per second (> 0)"),
        ModelParameter(
            "workload.service_ms", .double(30), "GPU time to serve one request once its adapter is resident, ms (>= 0)"),
        ModelParameter("bandit.alpha", .double(0.5), "LinUCB exploration width alpha (>= 0)"),
        ModelParameter("bandit.thompson_scale", .double(0.1), "linear Thompson posterior scale v (>= 0)"),
        ModelParameter("bandit.epsilon", .double(0.05), "epsilon-greedy exploration probability, [0, 1]"),
        ModelParameter("bandit.exp3_gamma", .double(0.05), "EXP3 exploration rate, (0, 1]"),
        ModelParameter("bandit.lambda", .double(1), "ridge regularisation of the linear routers (> 0)"),
        ModelParameter("polar.epoch", .int(1000), "POLAR's fixed epoch length in requests (1...10000000)"),
        ModelParameter("polar.first_epoch", .int(100), "POLAR+'s first epoch; epochs double (1...10000000)"),
        ModelParameter(
            "polar.exploration", .double(1),
            "POLAR+'s forced exploration: ceil(rho sqrt(n_j)) rounds per epoch of n_j (>= 0)"),
        ModelParameter("polar.sample", .int(512), "most recent requests a POLAR boundary scores (1...100000)"),
        ModelParameter(
            "static.pilot", .int(1000),
            "historical requests (drawn apart from the run's; a trace's first rows) whose best adapters rank the static cache (1...1000000)"
        ),
        ModelParameter("trace.path", .string(""), "JSONL request trace (see AdapterTrace); empty: synthetic requests"),
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

    public init(config: Configuration) throws { settings = try AdaptersSettings(config) }

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

        guard let routerEntry = AdapterRouterRegistry.entries.first(where: { $0.name == s.routerName }),
            let controllerEntry = AdapterCacheControllerRegistry.entries.first(where: { $0.name == s.controllerName })
        else { throw ConfigError("router", "unknown router or controller") }
        var router = routerEntry.make(s.routerParameters(adapters: sizes.count))
        var controller = controllerEntry.make(
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
