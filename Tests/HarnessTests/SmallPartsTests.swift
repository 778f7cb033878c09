import SimCore
import Testing

@testable import Harness

@Suite struct SmallPartsTests {
    @Test func canonicalJSONSortsKeysAndKeepsFloatsFloats() {
        let value = ConfigValue.map(["b": .double(1.0), "a": .list([.int(1), .string("x\"y\n")]), "c": .bool(false)])
        #expect(JSONWriter.encode(value) == #"{"a":[1,"x\"y\n"],"b":1.0,"c":false}"#)
        #expect(JSONWriter.encode(Double.nan) == "null")
        #expect(JSONWriter.encode(0.1) == "0.1")
        #expect(JSONWriter.encode(250.0) == "250")
    }

    @Test func csvQuotesOnlyWhenNeeded() {
        var csv = CSVWriter(header: ["a", "b"])
        csv.append(["plain", "with,comma"])
        csv.append(["with \"quote\"", "x"])
        #expect(csv.text == "a,b\nplain,\"with,comma\"\n\"with \"\"quote\"\"\",x\n")
    }

    @Test func shardsPartitionTheRuns() throws {
        let plan = try SpecFixtures.plan(SpecFixtures.small)
        var owners = [Int](repeating: 0, count: plan.runs.count)
        for i in 1...4 {
            let shard = try Shard(parsing: "\(i)/4")
            for run in plan.runs where shard.contains(run) { owners[run.ordinal] += 1 }
        }
        #expect(owners.allSatisfy { $0 == 1 })
        #expect(throws: HarnessError.self) { try Shard(parsing: "0/4") }
        #expect(throws: HarnessError.self) { try Shard(parsing: "5/4") }
        #expect(throws: HarnessError.self) { try Shard(parsing: "a/b") }
        #expect(throws: HarnessError.self) { try Shard(parsing: "1/0") }
    }

    @Test func runKeysChangeWithTheConfiguration() throws {
        let a = try SpecFixtures.plan(SpecFixtures.small)
        let b = try SpecFixtures.plan(SpecFixtures.small, overrides: ["trace.alpha=0.9"])
        #expect(Set(a.runs.map(\.key)).isDisjoint(with: b.runs.map(\.key)))
        let c = try SpecFixtures.plan(SpecFixtures.small)
        #expect(a.runs.map(\.key) == c.runs.map(\.key))
    }

    @Test func yamlLinesAreOneBased() throws {
        let document = try YAMLDocument.parse("name: x\nmodel: paging\nbase:\n  cache_size: 3\n", file: "f.yaml")
        #expect(document.line(of: "name") == 1)
        #expect(document.line(of: "base.cache_size") == 4)
        #expect(document.root.value(at: "base.cache_size") == .int(3))
    }

    @Test func yamlScalarsKeepTheirTypes() throws {
        let document = try YAMLDocument.parse("a: 1\nb: 1.0\nc: '1'\nd: true\ne: lru\nf: 1e-3\n", file: "f.yaml")
        #expect(document.root.value(at: "a") == .int(1))
        #expect(document.root.value(at: "b") == .double(1.0))
        #expect(document.root.value(at: "c") == .string("1"))
        #expect(document.root.value(at: "d") == .bool(true))
        #expect(document.root.value(at: "e") == .string("lru"))
        #expect(document.root.value(at: "f") == .double(0.001))
    }
}
