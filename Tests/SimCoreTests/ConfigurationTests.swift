import Testing

@testable import SimCore

@Suite struct ConfigurationTests {
    let config = Configuration(
        .map([
            "policy": .string("lru"),
            "size": .int(10),
            "fraction": .double(0.5),
            "flag": .bool(true),
            "trace": .map(["alpha": .double(1.2), "objects": .int(100)]),
        ]), keyPathPrefix: "base")

    @Test func typedAccess() throws {
        #expect(try config.string("policy") == "lru")
        #expect(try config.int("size") == 10)
        #expect(try config.double("size") == 10)
        #expect(try config.double("trace.alpha") == 1.2)
        #expect(try config.bool("flag"))
        #expect(try config.section("trace").int("objects") == 100)
    }

    @Test func errorsNameTheFullKeyPath() {
        #expect(throws: ConfigError("base.missing", "missing required key")) { try config.int("missing") }
        #expect(throws: ConfigError("base.policy", "expected integer, found string 'lru'")) { try config.int("policy") }
        #expect(throws: ConfigError("base.trace.objects", "100 is out of range; allowed: 1...10")) {
            try config.int("trace.objects", in: 1...10)
        }
        #expect(throws: ConfigError("base.fraction", "0.5 is out of range; allowed: > 1")) {
            try config.double("fraction", allowed: NumberDomain(lower: 1, lowerInclusive: false))
        }
        #expect(throws: ConfigError.self) { try config.section("trace").double("alpha", allowed: .probability) }
        do {
            _ = try config.section("trace").double("alpha", allowed: .probability)
        } catch let error as ConfigError {
            #expect(error.keyPath == "base.trace.alpha")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func unknownChoiceSuggestsTheNearestName() {
        do {
            _ = try config.string("policy", oneOf: ["fifo", "lfu", "arc"])
            Issue.record("expected an error")
        } catch let error as ConfigError {
            #expect(
                error.description == "base.policy: unknown value 'lru' (did you mean 'lfu'?); valid: fifo, lfu, arc")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func nearestName() {
        #expect(NearestName.suggestion(for: "cache_sise", among: ["policy", "cache_size"]) == "cache_size")
        #expect(NearestName.suggestion(for: "zzzzzz", among: ["policy", "cache_size"]) == nil)
        #expect(NearestName.suggestion(for: "lur", among: ["fifo", "lru", "opt"]) == "lru", "a transposition")
        #expect(NearestName.suggestion(for: "order", among: ["ordering", "threshold"]) == "ordering", "a prefix")
        #expect(NearestName.distance(Array("kitten".utf8), Array("sitting".utf8)) == 3)
        #expect(NearestName.distance(Array("ca".utf8), Array("ac".utf8)) == 1)
    }

    @Test func mergeSettingAndLeafPaths() {
        let base = ConfigValue.map(["a": .int(1), "t": .map(["x": .int(1), "y": .int(2)])])
        let merged = base.merged(with: .map(["t": .map(["y": .int(3), "z": .int(4)]), "b": .bool(false)]))
        #expect(merged.value(at: "t.x") == .int(1))
        #expect(merged.value(at: "t.y") == .int(3))
        #expect(merged.value(at: "t.z") == .int(4))
        #expect(merged.leafPaths == ["a", "t.x", "t.y", "t.z", "b"])
        #expect(base.setting("t.x", to: .string("s")).value(at: "t.x") == .string("s"))
        #expect(ConfigValue.map([:]).setting("p.q.r", to: .int(7)).value(at: "p.q.r") == .int(7))
    }

    @Test func numberFormattingIsFullPrecisionAndLocaleFree() {
        #expect(NumberFormatting.string(1000) == "1000")
        #expect(NumberFormatting.string(0.1) == "0.1")
        #expect(NumberFormatting.string(1.0 / 3.0) == "0.3333333333333333")
        #expect(NumberFormatting.string(-2.5e-7) == "-2.5e-07")
        #expect(NumberFormatting.string(.nan) == "nan")
        #expect(NumberFormatting.string(1e300) == "1e+300")
        for x in [0.1, 1.0 / 3.0, 123456.789, 2.5e-12] { #expect(Double(NumberFormatting.string(x)) == x) }
    }
}
