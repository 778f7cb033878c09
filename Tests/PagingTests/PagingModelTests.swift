import SimCore
import Testing

@testable import Paging

@Suite struct PagingModelTests {
    func config(_ entries: [String: ConfigValue]) -> Configuration { PagingModel.configuration(entries) }

    @Test func rowHasTheDeclaredMetricsInOrder() throws {
        let model = try PagingModel(config: config(["trace.requests": .int(2_000), "trace.objects": .int(100)]))
        let row = try model.run(seed: 1)
        #expect(Array(row.values.keys) == PagingModel.metrics.map(\.name))
        #expect(row["requests"] == 2_000)
        #expect(row["miss_ratio"] == (row["misses"] ?? 0) / 2_000)
    }

    @Test func sameSeedSameRowDifferentSeedDifferentRow() throws {
        let model = try PagingModel(config: config(["trace.requests": .int(5_000)]))
        #expect(try model.run(seed: 3) == model.run(seed: 3))
        #expect(try model.run(seed: 3) != model.run(seed: 4))
    }

    /// Objects and fractions are different keys: `cache_size` counts objects (`1e3` too),
    /// `cache_fraction` applies when `cache_size` is 0.
    @Test func cacheSizeCountsObjectsCacheFractionIsAFraction() throws {
        let absolute = try PagingModel(config: config(["cache_size": .int(7)]))
        #expect(absolute.cacheSize == .objects(7))
        let exponent = try PagingModel(config: config(["cache_size": .double(1e3), "cache_fraction": .double(0.5)]))
        #expect(exponent.cacheSize == .objects(1_000), "1e3 is 1000 objects and takes precedence")
        let one = try PagingModel(config: config(["cache_size": .double(1.0)]))
        #expect(one.cacheSize == .objects(1), "1.0 is one object, never the whole working set")
        let fraction = try PagingModel(
            config: config(["cache_fraction": .double(0.25), "trace.requests": .int(1_000)]))
        let row = try fraction.run(seed: 1)
        #expect(row["capacity"] == ((row["working_set"] ?? 0) * 0.25).rounded())
    }

    @Test func invalidValuesAreRejectedWithTheirKey() {
        let cases: [(String, ConfigValue, String)] = [
            ("cache_size", .double(1.5), "cache_size"),
            ("cache_size", .int(-1), "cache_size"),
            ("cache_fraction", .double(1.5), "cache_fraction"),
            ("cache_fraction", .int(0), "cache_fraction"),
            ("cache_size", .string("big"), "cache_size"),
            ("policy", .string("lur"), "policy"),
            ("trace.alpha", .double(-1), "trace.alpha"),
            ("trace.objects", .int(0), "trace.objects"),
            ("trace.generator", .string("zipfian"), "trace.generator"),
            ("trace.scan_every", .int(0), "trace.scan_every"),
            ("prediction.eps", .double(1.5), "prediction.eps"),
            ("prediction.error", .string("gaussian"), "prediction.error"),
        ]
        for (key, value, path) in cases {
            do {
                _ = try PagingModel(config: config([key: value]))
                Issue.record("\(key)=\(value) accepted")
            } catch let error as ConfigError {
                #expect(error.keyPath == path, "\(key)=\(value)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func configurationErrorsOfGeneratorsAndPredictors() {
        let cases: [([String: ConfigValue], String)] = [
            (["trace.generator": .string("zipf-scan"), "trace.scan_every": .int(0)], "trace.scan_every"),
            (["trace.generator": .string("phases"), "trace.phases": .int(0)], "trace.phases"),
            (["policy": .string("discard-follow"), "prediction.error": .string("lognormal")], "prediction.error"),
            (["policy": .string("predictive-marker"), "prediction.error": .string("bitflip")], "prediction.error"),
            (["prediction.sigma": .double(-1)], "prediction.sigma"),
        ]
        for (entries, path) in cases {
            do {
                _ = try PagingModel(config: config(entries))
                Issue.record("\(entries) accepted")
            } catch let error as ConfigError {
                #expect(error.keyPath == path, "\(entries)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func competitiveRatioAndComponentHits() throws {
        let base: [String: ConfigValue] = [
            "trace.generator": .string("zipf-scan"), "trace.objects": .int(500), "trace.requests": .int(20_000),
            "trace.scan_length": .int(80), "trace.scan_every": .int(1_000), "cache_size": .int(50),
        ]
        let opt = try PagingModel(config: config(base.merging(["policy": .string("opt")]) { $1 })).run(seed: 2)
        #expect(opt["competitive_ratio"] == 1)
        #expect(opt["opt_misses"] == opt["misses"])
        for name in ["arc", "2q", "s3fifo", "lru"] {
            let row = try PagingModel(config: config(base.merging(["policy": .string(name)]) { $1 })).run(seed: 2)
            let hits = (row["requests"] ?? 0) - (row["misses"] ?? 0)
            #expect(row["opt_misses"] == opt["misses"], "\(name)")
            #expect(row["competitive_ratio"] == (row["misses"] ?? 0) / (opt["misses"] ?? 1), "\(name)")
            if name == "lru" {
                #expect(row["hits_probation"] == 0 && row["hits_protected"] == 0)
            } else {
                #expect((row["hits_probation"] ?? 0) + (row["hits_protected"] ?? 0) == hits, "\(name)")
                #expect((row["hits_protected"] ?? 0) > 0, "\(name)")
            }
        }
    }

    @Test func predictionErrorMetrics() throws {
        let base: [String: ConfigValue] = [
            "trace.requests": .int(5_000), "trace.objects": .int(300), "cache_size": .int(30),
        ]
        let exact = try PagingModel(config: config(base.merging(["policy": .string("follow-the-prediction")]) { $1 }))
            .run(seed: 1)
        #expect(exact["prediction_errors"] == 0 && exact["prediction_eta"] == 0)
        #expect(exact["competitive_ratio"] == 1)
        let noisy = try PagingModel(
            config: config(
                base.merging([
                    "policy": .string("follow-the-prediction"), "prediction.error": .string("lognormal"),
                    "prediction.sigma": .double(1),
                ]) { $1 })
        ).run(seed: 1)
        #expect((noisy["prediction_errors"] ?? 0) > 1_000 && (noisy["prediction_eta"] ?? 0) > 0)
        let bits = try PagingModel(
            config: config(
                base.merging([
                    "policy": .string("mark-and-predict"), "prediction.error": .string("bitflip"),
                    "prediction.eps": .double(0.2),
                ]) { $1 })
        ).run(seed: 1)
        #expect(abs((bits["prediction_errors"] ?? 0) / 5_000 - 0.2) < 0.03)
        #expect(bits["prediction_eta"] == 0)
    }

    @Test func aSweepOverOneFileReadsAndIndexesItOnce() throws {
        let path = TraceFixtures.tracesDirectory + "/cloudPhysicsIO.oracleGeneral.bin"
        var rows: [MetricRow] = []
        var key = ""
        for policy in ["fifo", "lru", "clock", "sieve", "arc", "opt"] {
            for size in [10, 100, 1_000, 5_000] {
                let model = try PagingModel(
                    config: config([
                        "policy": .string(policy), "cache_size": .int(size), "trace.generator": .string("file"),
                        "trace.path": .string(path), "trace.format": .string("oracleGeneral"),
                    ]))
                key = model.traceSource.identity
                rows.append(try model.run(seed: 1))
            }
        }
        #expect(InputFileCache.shared.loads(of: key) == 1)
        #expect(rows.count == 24)
        #expect(rows[4 * 4 + 3]["misses"] == 87_770)  // arc at 5,000, as libCacheSim
    }
}

/// The policies' tunable constants: documented keys with the published defaults.
@Suite struct PolicyTuningTests {
    func misses(_ entries: [String: ConfigValue]) throws -> Double {
        let base: [String: ConfigValue] = [
            "trace.alpha": .double(0.8), "trace.objects": .int(2_000), "trace.requests": .int(30_000),
            "cache_size": .int(100),
        ]
        let model = try PagingModel(config: PagingModel.configuration(base.merging(entries) { $1 }))
        return try #require(try model.run(seed: 3)["misses"])
    }

    @Test func defaultsAreThePublishedConstantsAndOtherValuesChangeTheResult() throws {
        let s3fifo = try misses(["policy": .string("s3fifo")])
        #expect(
            try misses([
                "policy": .string("s3fifo"), "s3fifo.small_share": .double(0.1), "s3fifo.move_threshold": .int(2),
            ]) == s3fifo)
        #expect(try misses(["policy": .string("s3fifo"), "s3fifo.small_share": .double(0.3)]) != s3fifo)
        #expect(try misses(["policy": .string("s3fifo"), "s3fifo.move_threshold": .int(1)]) != s3fifo)
        let twoQ = try misses(["policy": .string("2q")])
        #expect(
            try misses(["policy": .string("2q"), "2q.in_share": .double(0.25), "2q.out_share": .double(0.5)]) == twoQ)
        #expect(try misses(["policy": .string("2q"), "2q.in_share": .double(0.1)]) != twoQ)
        let clock = try misses(["policy": .string("clock")])
        #expect(try misses(["policy": .string("clock"), "clock.bits": .int(1)]) == clock)
        #expect(try misses(["policy": .string("clock"), "clock.bits": .int(3)]) != clock)
        let arc = try misses(["policy": .string("arc")])
        #expect(try misses(["policy": .string("arc"), "arc.initial_p": .double(0)]) == arc)
        #expect(try misses(["policy": .string("arc"), "arc.initial_p": .double(0.5)]) != arc)
    }

    @Test func aTuningKeyOfAnotherPolicyIsRefused() {
        #expect(throws: ConfigError.self) {
            _ = try PagingModel(
                config: PagingModel.configuration(["policy": .string("lru"), "s3fifo.small_share": .double(0.2)]))
        }
    }
}
