import SimCore
import Testing

@testable import Paging

@Suite struct PagingModelTests {
    func config(_ entries: [String: ConfigValue]) -> Configuration {
        var value = PagingModel.defaults
        for (k, v) in entries.sorted(by: { $0.key < $1.key }) { value = value.setting(k, to: v) }
        return Configuration(value)
    }

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

    @Test func cacheSizeIntegerIsAbsoluteFloatIsFraction() throws {
        let absolute = try PagingModel(config: config(["cache_size": .int(7)]))
        #expect(absolute.cacheSize == .objects(7))
        let fraction = try PagingModel(config: config(["cache_size": .double(0.25), "trace.requests": .int(1_000)]))
        let row = try fraction.run(seed: 1)
        #expect(row["capacity"] == ((row["working_set"] ?? 0) * 0.25).rounded())
    }

    @Test func invalidValuesAreRejectedWithTheirKey() {
        let cases: [(String, ConfigValue, String)] = [
            ("cache_size", .double(1.5), "cache_size"),
            ("cache_size", .int(0), "cache_size"),
            ("cache_size", .string("big"), "cache_size"),
            ("policy", .string("lur"), "policy"),
            ("trace.alpha", .double(-1), "trace.alpha"),
            ("trace.objects", .int(0), "trace.objects"),
            ("trace.generator", .string("zipfian"), "trace.generator"),
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
}
