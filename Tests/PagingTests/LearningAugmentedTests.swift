import SimCore
import Testing

@testable import Paging

/// Consistency, robustness and the truth of the advice, over many seeds and trace shapes.
@Suite struct LearningAugmentedTests {
    static func traces(seed: UInt64) throws -> [Trace] {
        var random = RandomSource(seed: seed)
        return [
            try PhasedWorkingSetTraceGenerator(phases: 5, phaseObjects: 40, shift: 15, alpha: 0.3, requests: 3_000)
                .generate(using: &random),
            try ZipfScanMixtureTraceGenerator(objects: 200, alpha: 0.9, requests: 3_000, scanLength: 30, scanEvery: 200)
                .generate(using: &random),
            try UniformTraceGenerator(objects: 60, requests: 2_000).generate(using: &random),
        ]
    }

    static func misses(
        _ name: String, _ trace: Trace, _ capacity: Int64, _ error: PredictionErrorModel = .perfect, seed: UInt64 = 1
    )
        throws -> Int
    {
        let entry = try #require(PagingPolicyRegistry.entry(named: name))
        var cache = entry.build(for: trace, capacity: capacity, root: RandomSource(seed: seed), errorModel: error)
            .policy
        return cache.simulate(trace).misses
    }

    /// The number of clean pages summed over k-phases (a page is clean in a phase if it is
    /// requested there but not in the phase before): what an optimal marking algorithm pays.
    static func cleanPages(_ trace: Trace, _ capacity: Int64) -> Int {
        let phase = PagingAdviceTruth.phases(trace: trace, capacity: capacity)
        var lastPhase = [Int](repeating: -2, count: trace.objectCount)
        var clean = 0
        for t in 0..<trace.count {
            let page = Int(trace.objects[t])
            guard lastPhase[page] != phase[t] else { continue }
            if lastPhase[page] != phase[t] - 1 { clean += 1 }
            lastPhase[page] = phase[t]
        }
        return clean
    }

    @Test func perfectAdviceIsConsistent() throws {
        for seed in UInt64(1)...15 {
            for trace in try Self.traces(seed: seed) {
                for capacity in [3, 10, 25] as [Int64] {
                    let opt = try Self.misses("opt", trace, capacity)
                    for name in [
                        "follow-the-prediction", "follow-the-prediction-robust", "discard-follow", "discard-robust",
                    ] {
                        #expect(try Self.misses(name, trace, capacity) == opt, "\(name) seed \(seed) k \(capacity)")
                    }
                    // With perfect advice both marking schemes pay exactly the clean pages,
                    // which is at most 2 OPT.
                    let clean = Self.cleanPages(trace, capacity)
                    #expect(clean <= 2 * opt)
                    for name in ["predictive-marker", "mark-and-predict"] {
                        let cost = try Self.misses(name, trace, capacity, seed: seed)
                        #expect(cost == clean, "\(name) seed \(seed) k \(capacity)")
                    }
                }
            }
        }
    }

    @Test func robustSchemesStayWithinAConstantOfRandomizedMarkingUnderAdversarialAdvice() throws {
        for seed in UInt64(1)...6 {
            for trace in try Self.traces(seed: seed) {
                for capacity in [5, 20] as [Int64] {
                    let marking = try Self.misses("randomized-marking", trace, capacity, seed: seed)
                    let slack = Int(capacity) * 12  // k extra misses per switch, O(log) switches
                    for error in [
                        PredictionErrorModel.bitFlip(rate: 1), .adversarial(fraction: 0.5), .bitFlip(rate: 0.3),
                    ] {
                        for name in ["discard-robust", "mark-and-predict"] {
                            let cost = try Self.misses(name, trace, capacity, error, seed: seed)
                            #expect(cost <= 3 * marking + slack, "\(name) \(error) seed \(seed) k \(capacity)")
                        }
                    }
                    for error in [PredictionErrorModel.logNormalNoise(sigma: 4), .adversarial(fraction: 1)] {
                        for name in ["follow-the-prediction-robust", "predictive-marker"] {
                            let cost = try Self.misses(name, trace, capacity, error, seed: seed)
                            #expect(cost <= 3 * marking + slack, "\(name) \(error) seed \(seed) k \(capacity)")
                        }
                    }
                }
            }
        }
    }

    @Test func blindFollowersAreNotRobust() throws {
        // Lykouris and Vassilvitskii's point, on a construction of our own: pages W = 0..<k,
        // then a polluter q = k requested once, then W again m times. The predictions say q
        // is needed next and that the least recently used page of W is needed last, so
        // following them keeps q forever and runs LRU on k pages with k - 1 frames: every
        // request misses, while OPT misses k + 2 times. The robust combination stays within
        // a constant of randomized marking.
        let k = 8
        let m = 60
        var keys = (0..<k).map(Int32.init)
        keys.append(Int32(k))
        for _ in 0..<m { keys += (0..<k).map(Int32.init) }
        let trace = Trace(keys: keys, keyBound: k + 1)
        let far = 10 * trace.count
        let predictions = (0..<trace.count).map { t in trace.objects[t] == Int32(k) ? t + 1 : far - t }
        var blind = FollowThePredictionPolicy(
            capacity: Int64(k), objectCount: trace.objectCount, predictedNext: predictions)
        let blindMisses = blind.simulate(trace).misses
        let opt = try Self.misses("opt", trace, Int64(k))
        #expect(blindMisses == trace.count)
        #expect(opt == k + 2)
        var robust = RobustCombinationPolicy(
            capacity: Int64(k), objectCount: trace.objectCount,
            predicted: FollowThePredictionPolicy(
                capacity: Int64(k), objectCount: trace.objectCount, predictedNext: predictions),
            robust: RandomizedMarkingPolicy(
                capacity: Int64(k), objectCount: trace.objectCount, random: RandomSource(seed: 2)))
        let robustMisses = robust.simulate(trace).misses
        let marking = try Self.misses("randomized-marking", trace, Int64(k), seed: 2)
        #expect(robustMisses <= 3 * marking + 12 * k)
        #expect(robustMisses * 4 < blindMisses)
        try robust.checkInvariants()
    }

    @Test func discardBitsMarkExactlyOPTsEvictions() throws {
        // 1 2 3 1 4 2 with k = 2. OPT: at request 2 (page 3) it evicts 2 (next at 5; 1 is
        // next at 3); at 4 (page 4) pages 1 and 3 are never requested again and the larger
        // id goes (3); at 5 (page 2), 1 and 4 tie again and 4 goes.
        let trace = Trace(keys: [1, 2, 3, 1, 4, 2] as [Int32], keyBound: 5)
        let bits = PagingAdviceTruth.discardBits(trace: trace, capacity: 2)
        // t0 page 1: next at t3; OPT keeps it (evicts 2 at t2) -> false.
        // t1 page 2: next at t5; evicted at t2 -> true.
        // t2 page 3: never again -> true.  t3 page 1: never again -> true.
        // t4 page 4: never again -> true.  t5 page 2: never again -> true.
        #expect(bits == [false, true, true, true, true, true])
    }

    @Test func kPhasesAndPhaseBits() throws {
        // k = 2: phases [1 2 1] [3 2] [1 1 4]. Phase bits: pages 1 of phase 0 are not in
        // phase 1 = {3, 2} (false), page 2 is (true); pages 3 and 2 of phase 1 are not in
        // phase 2 = {1, 4}; the last phase has no next phase.
        let trace = Trace(keys: [1, 2, 1, 3, 2, 1, 1, 4] as [Int32], keyBound: 5)
        #expect(PagingAdviceTruth.phases(trace: trace, capacity: 2) == [0, 0, 0, 1, 1, 2, 2, 2])
        #expect(
            PagingAdviceTruth.phaseBits(trace: trace, capacity: 2) == [
                false, true, false, false, false, false, false, false,
            ])
    }

    @Test func predictionErrorsAreCounted() throws {
        var random = RandomSource(seed: 3)
        let trace = try UniformTraceGenerator(objects: 50, requests: 20_000).generate(using: &random)
        var predictor = Predictor(errorModel: .bitFlip(rate: 0.1), random: RandomSource(seed: 5))
        let bits = PagingPredictionBuilder.predictions(.discardBit, trace: trace, capacity: 10, predictor: &predictor)
        let rate = Double(bits.wrongPredictions) / Double(trace.count)
        #expect(abs(rate - 0.1) < 0.01, "flip rate \(rate)")
        var exact = Predictor(errorModel: .perfect, random: RandomSource(seed: 5))
        let arrivals = PagingPredictionBuilder.predictions(.nextArrival, trace: trace, capacity: 10, predictor: &exact)
        #expect(arrivals.wrongPredictions == 0 && arrivals.l1Error == 0)
        for i in 0..<trace.count {
            let truth = trace.nextAccess[i] == CacheRequest.never ? trace.count : trace.nextAccess[i]
            #expect(arrivals.nextArrival[i] == truth)
        }
        var noisy = Predictor(errorModel: .logNormalNoise(sigma: 1), random: RandomSource(seed: 5))
        let noisyArrivals = PagingPredictionBuilder.predictions(
            .nextArrival, trace: trace, capacity: 10, predictor: &noisy)
        var eta = 0.0
        for i in 0..<trace.count {
            let truth = trace.nextAccess[i] == CacheRequest.never ? trace.count : trace.nextAccess[i]
            eta += Double(abs(noisyArrivals.nextArrival[i] - truth))
            #expect(noisyArrivals.nextArrival[i] > i)
        }
        #expect(noisyArrivals.l1Error == eta && eta > 0)
    }
}
