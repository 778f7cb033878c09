import SimCore

/// What one policy's run of the requests produced.
public struct AdapterServingOutcome: Sendable {
    /// Sum over requests of the served adapter's true utility.
    public var utility = 0.0
    /// Sum of paging latencies, seconds (misses, and sets loaded at plan boundaries).
    public var pagingSeconds = 0.0
    public var requests = 0
    /// Requests served by a resident adapter.
    public var hits = 0
    public var pages = 0
    public var bytesPaged = 0
    /// Requests served by the controller's forced choice.
    public var forcedRounds = 0
    /// Sum of the requests' pseudo-utility gaps to the best adapter (routing quality).
    public var bestUtility = 0.0
    /// Each request's latency (queueing + paging + service), nanoseconds.
    public var latencies: [Int64] = []
}

/// The request-by-request simulation of adapter serving on one GPU.
///
/// Per round t: the controller may re-plan the resident set (loading its new members now,
/// paying their paging latency), may force the adapter, otherwise the router chooses (told
/// the paging cost `exchange rate x latency` of each non-resident adapter when the
/// controller is cache-aware). A miss pages the adapter in; demand controllers admit it,
/// evicting their victims until it fits. The router observes utility + noise. Requests
/// queue FIFO at the GPU: `start = max(arrival, previous finish)`,
/// `finish = start + paging + service` (Lindley's recursion, integer nanoseconds).
struct AdapterServingLoop {
    let sizes: [Int]
    let pagingSeconds: [Double]
    let exchangeRate: Double
    let slots: Int
    let capacityBytes: Int
    let horizon: Int
    let noise: Double
    let arrivalRate: Double
    let serviceNanoseconds: Int64
    /// Most recent requests kept for planning.
    let planningWindow: Int

    func serve<Router: AdapterRouter, Controller: AdapterCacheController>(
        router: inout Router, controller: inout Controller, requests: AdapterRequests, random root: RandomSource
    ) -> AdapterServingOutcome {
        var requests = requests
        var outcome = AdapterServingOutcome()
        outcome.latencies.reserveCapacity(horizon)
        var cache = AdapterCache(sizes: sizes, slots: slots, capacityBytes: capacityBytes)
        var routing = root.split("routing")
        var planning = root.split("planning")
        var noiseSource = root.split("reward noise")
        var arrivals = root.split("arrivals")
        let costs = pagingSeconds.map { $0 * exchangeRate }
        var penalties = costs
        var window = [[Double]](repeating: [], count: planningWindow)
        var windowUtilities = [[Double]](repeating: [], count: planningWindow)
        var arrival: Int64 = 0
        var free: Int64 = 0

        for t in 0..<horizon {
            let (context, utilities) = requests.next()
            var paging = 0.0
            if let wanted = controller.planningSample(at: t) {
                let n = min(wanted, t, planningWindow)
                let scores = (0..<n).map { i -> [Double] in
                    let slot = (t - n + i) % max(planningWindow, 1)
                    return router.planningScores(
                        context: window[slot], utilities: windowUtilities[slot], random: &planning)
                }
                let set = controller.plan(
                    CachePlanningInput(round: t, scores: scores, pagingCosts: costs, cache: cache))
                paging += load(set, into: &cache, outcome: &outcome)
            }
            let adapter = choose(
                context: context, utilities: utilities, round: t, router: &router, controller: &controller,
                cache: cache, costs: costs, penalties: &penalties, random: &routing, outcome: &outcome)
            if cache.resident[adapter] {
                outcome.hits += 1
            } else {
                paging += miss(adapter, controller: &controller, cache: &cache, outcome: &outcome)
            }
            controller.served(adapter: adapter, round: t)
            router.observe(
                adapter: adapter, context: context, reward: utilities[adapter] + noise * noiseSource.normal())

            outcome.requests += 1
            outcome.utility += utilities[adapter]
            outcome.bestUtility += utilities.max() ?? 0
            outcome.pagingSeconds += paging
            arrival += Int64((arrivals.exponential(rate: arrivalRate) * 1e9).rounded())
            let start = max(arrival, free)
            free = start + Int64((paging * 1e9).rounded()) + serviceNanoseconds
            outcome.latencies.append(free - arrival)
            if planningWindow > 0 {
                window[t % planningWindow] = context
                windowUtilities[t % planningWindow] = utilities
            }
        }
        return outcome
    }

    /// The adapter that serves round `round`: the controller's forced choice, else the
    /// router's, told each non-resident adapter's paging cost when the controller is cache-aware.
    private func choose<Router: AdapterRouter, Controller: AdapterCacheController>(
        context: [Double], utilities: [Double], round: Int, router: inout Router, controller: inout Controller,
        cache: AdapterCache, costs: [Double], penalties: inout [Double], random routing: inout RandomSource,
        outcome: inout AdapterServingOutcome
    ) -> Int {
        if let forced = controller.forcedAdapter(at: round) {
            outcome.forcedRounds += 1
            return forced
        } else if controller.cacheAwareRouting {
            for a in 0..<penalties.count { penalties[a] = cache.resident[a] ? 0 : costs[a] }
            return router.route(context: context, utilities: utilities, penalties: penalties, random: &routing)
        } else {
            return router.route(context: context, utilities: utilities, penalties: nil, random: &routing)
        }
    }

    /// Makes the cache hold `set`: evicts the members outside it, then pages in the members
    /// of `set` that have room, in order; returns their paging seconds.
    private func load(_ set: [Int], into cache: inout AdapterCache, outcome: inout AdapterServingOutcome) -> Double {
        var paging = 0.0
        for a in cache.members where !set.contains(a) { cache.remove(a) }
        for a in set where !cache.resident[a] && cache.hasRoom(for: a) {
            cache.insert(a)
            paging += pagingSeconds[a]
            outcome.pages += 1
            outcome.bytesPaged += sizes[a]
        }
        return paging
    }

    /// A request for a non-resident adapter: it is paged in, and a demand controller admits
    /// it, evicting its victims until it fits; returns the paging seconds.
    private func miss<Controller: AdapterCacheController>(
        _ adapter: Int, controller: inout Controller, cache: inout AdapterCache, outcome: inout AdapterServingOutcome
    ) -> Double {
        outcome.pages += 1
        outcome.bytesPaged += sizes[adapter]
        if controller.insertsOnMiss, cache.canHold(adapter) {
            while !cache.hasRoom(for: adapter) { cache.remove(controller.victim(cache: cache, incoming: adapter)) }
            cache.insert(adapter)
        }
        return pagingSeconds[adapter]
    }
}
