import Foundation
import SimCore

/// What one head's run measured over its decode steps.
struct HeadMeasurements {
    var steps = 0
    var recallSum = 0.0
    var recallMin = 1.0
    var errorSum = 0.0
    var criticalMisses = 0
    var reactivations = 0
    var reactivationHits = 0
    var evictions = 0
    /// Cached tokens after each decode step's evictions.
    var cachedAfterStep: [Int] = []
}

/// One head's state during a run: its attention source, the weights of the current step,
/// the cache (positions, increasing) and what has been measured so far.
struct HeadRun<Source: AttentionSource> {
    var head: Source
    let future: TokenFuture?
    var weights: [Float]
    var cached: [Bool]
    var cache: [Int32] = []
    var quantized: QuantizedValues
    var measured = HeadMeasurements()
}

/// One head's sequence through one policy: the step loop of `TokenEvictionPolicy`'s protocol,
/// with the measurements of `KVEvictionModel.metrics` taken at every decode step, before its
/// evictions, against full attention. `run` holds the head to its own budget;
/// `SharedBudgetSimulation` steps the heads of a layer together under one budget.
struct HeadSimulation {
    let settings: SyntheticAttentionSettings
    let budget: Int
    let bits: Int
    let criticalWeight: Float

    /// The attention stream of head `stream` of a run with root `root`.
    static func attention(_ settings: SyntheticAttentionSettings, stream: Int, root: RandomSource)
        -> SyntheticAttentionHead
    {
        SyntheticAttentionHead(settings: settings, stream: stream, random: root.split("attention stream \(stream)"))
    }

    /// A head before its first step.
    func start<Source: AttentionSource>(_ attention: Source, future: TokenFuture?, cacheCapacity: Int) -> HeadRun<
        Source
    > {
        var run = HeadRun(
            head: attention, future: future, weights: [Float](repeating: 0, count: settings.length),
            cached: [Bool](repeating: false, count: settings.length),
            quantized: QuantizedValues(dimension: settings.valueDimension, bits: bits))
        run.cache.reserveCapacity(min(settings.length, cacheCapacity + 1))
        return run
    }

    /// The whole sequence of one head, held to `budget`.
    func run<Policy: TokenEvictionPolicy, Source: AttentionSource>(
        _ policy: inout Policy, attention: Source, future: TokenFuture?
    ) throws -> HeadMeasurements {
        var head = start(attention, future: future, cacheCapacity: budget)
        for t in 0..<settings.length {
            advance(&head, policy: &policy, t: t)
            if t >= settings.prefill - 1, head.cache.count > budget {
                let excess = head.cache.count - budget
                let victims = policy.victims(in: head.cache, excess: excess, query: t)
                try evict(victims, from: &head, excess: excess, query: t)
            }
            if t >= settings.prefill { head.measured.cachedAfterStep.append(head.cache.count) }
        }
        return head.measured
    }

    /// Step t up to its evictions: token t joins the cache, the decode steps are measured,
    /// the future advances and the policy observes the attention over the cache.
    func advance<Policy: TokenEvictionPolicy, Source: AttentionSource>(
        _ run: inout HeadRun<Source>, policy: inout Policy, t: Int
    ) {
        let total = run.head.step(t, into: &run.weights)
        run.quantized.append(run.head.values, token: t)
        run.cache.append(Int32(t))
        run.cached[t] = true
        // Every token cached: the kept mass is the total, bit for bit (recall exactly 1).
        let weights = run.weights
        let keptSum = run.cache.count == t + 1 ? total : run.cache.reduce(Float(0)) { $0 + weights[Int($1)] }
        if t >= settings.prefill {
            measure(
                t, weights: weights, total: total, kept: keptSum, cache: run.cache, cached: run.cached,
                head: run.head, quantized: run.quantized, into: &run.measured)
            if let future = run.future { advance(future, t: t, weights: weights, total: total) }
        }
        policy.observe(
            AttentionStep(
                query: t, prefill: settings.prefill, positions: run.cache,
                weights: run.cache.map { weights[Int($0)] / keptSum }))
    }

    /// Removes `victims` from the head's cache after checking the policy kept its protocol.
    func evict<Source: AttentionSource>(
        _ victims: [Int32], from run: inout HeadRun<Source>, excess: Int, query: Int
    ) throws {
        try remove(victims, from: &run.cache, cached: &run.cached, excess: excess, query: query)
        run.measured.evictions += victims.count
    }

    private func measure<Source: AttentionSource>(
        _ t: Int, weights: [Float], total: Float, kept: Float, cache: [Int32], cached: [Bool],
        head: Source, quantized: QuantizedValues, into measured: inout HeadMeasurements
    ) {
        let chunks = quantized.chunks
        var full = [SIMD8<Float>](repeating: .zero, count: chunks)
        var cachedOutput = full
        var largestEvicted: Float = 0
        weights.withUnsafeBufferPointer { weight in
            head.values.withUnsafeBufferPointer { values in
                cached.withUnsafeBufferPointer { cached in
                    if chunks == 1 {
                        // One pass: the output and (branch-free) the largest evicted weight.
                        var sum = SIMD8<Float>.zero
                        var i = 0
                        while i <= t {
                            let w = weight[i]
                            sum += w * values[i]
                            largestEvicted = max(largestEvicted, cached[i] ? 0 : w)
                            i += 1
                        }
                        full[0] = sum
                    } else {
                        for i in 0...t {
                            for c in 0..<chunks { full[c] += weight[i] * values[i * chunks + c] }
                        }
                        for i in 0...t where !cached[i] { largestEvicted = max(largestEvicted, weight[i]) }
                    }
                }
            }
            quantized.values.withUnsafeBufferPointer { stored in
                for position in cache {
                    let i = Int(position)
                    for c in 0..<chunks { cachedOutput[c] += weight[i] * stored[i * chunks + c] }
                }
            }
        }
        var difference = 0.0
        var norm = 0.0
        for c in 0..<chunks {
            for lane in 0..<8 {
                let reference = Double(full[c][lane]) / Double(total)
                let approximation = Double(cachedOutput[c][lane]) / Double(kept)
                difference += (approximation - reference) * (approximation - reference)
                norm += reference * reference
            }
        }
        let recall = Double(kept) / Double(total)
        measured.steps += 1
        measured.recallSum += recall
        measured.recallMin = min(measured.recallMin, recall)
        measured.errorSum += norm > 0 ? (difference / norm).squareRoot() : 0
        if largestEvicted >= criticalWeight * total { measured.criticalMisses += 1 }
        for token in head.recurring {
            let i = Int(token)
            guard i < t else { break }
            if head.reactivates(i, at: t) {
                measured.reactivations += 1
                if cached[i] { measured.reactivationHits += 1 }
            }
        }
    }

    private func advance(_ future: TokenFuture, t: Int, weights: [Float], total: Float) {
        for i in 0...t { future.received[i] += Double(weights[i] / total) }
    }

    /// Removes `victims` from the cache after checking the policy kept its protocol.
    private func remove(
        _ victims: [Int32], from cache: inout [Int32], cached: inout [Bool], excess: Int, query: Int
    ) throws {
        guard victims.count >= excess, victims.count <= cache.count,
            zip(victims, victims.dropFirst()).allSatisfy({ $0 < $1 }),
            victims.allSatisfy({ $0 >= 0 && Int($0) <= query && cached[Int($0)] })
        else {
            throw InvariantViolation(
                "step \(query): the policy named \(victims.count) victims for an excess of \(excess), not all distinct cached positions in increasing order"
            )
        }
        for victim in victims { cached[Int(victim)] = false }
        cache.removeAll { !cached[Int($0)] }
    }
}
