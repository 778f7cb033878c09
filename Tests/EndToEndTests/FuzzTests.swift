import Foundation
import TestSupport
import Testing

/// A seeded mutator of specs and traces run against the command line: every mutation must
/// end in exit 0 with complete outputs, or one error line and a non-zero exit; never a
/// signal, a backtrace or a hang past its time limit. `MEMSIM_FUZZ_SEED` and
/// `MEMSIM_FUZZ_COUNT` explore other or more mutations (the default takes well under a minute).
@Suite struct FuzzTests {
    /// SplitMix64: the mutator's own deterministic source (test code, not a simulation's).
    struct Mutator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

        static let tokens = [
            ":", "-", "[", "]", "{", "}", ",", "#", "&a ", "*a", "!!binary ", "'", "\"", "\n", " ", "  ", "0", "-1",
            "1e308", ".nan", "~", "true", "x", ".", "policy", "trace", "seeds", "sweep:", "base:", "where: [",
        ]
        static let numbers = [
            "0", "-1", "1e308", "-1e308", "1e-300", ".inf", ".nan", "9223372036854775808", "2147483648", "0.0", "1.5",
            "abc", "[]", "{}", "null", "1e3", "3",
        ]

        /// One random edit of a spec's text.
        mutating func mutate(spec text: String) -> String {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let line = below(lines.count)
            switch below(7) {
            case 0:
                var bytes = Array(text.utf8)
                if !bytes.isEmpty { bytes.remove(at: below(bytes.count)) }
                return String(decoding: bytes, as: UTF8.self)
            case 1:
                var bytes = Array(text.utf8)
                bytes.insert(contentsOf: Array(pick(Self.tokens).utf8), at: below(bytes.count + 1))
                return String(decoding: bytes, as: UTF8.self)
            case 2:
                // A number (or a value after a colon) replaced by an extreme or a wrong type.
                let parts = lines[line].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                let numeric = parts.indices.filter { parts[$0].contains(where: \.isNumber) }
                guard let target = numeric.isEmpty ? nil : numeric[below(numeric.count)] else { break }
                var replaced = parts
                let trailing = parts[target].drop { $0.isNumber || $0 == "." || $0 == "-" || $0 == "e" }
                replaced[target] = pick(Self.numbers) + trailing
                lines[line] = replaced.joined(separator: " ")
            case 3: lines.insert(lines[line], at: line)
            case 4: lines.remove(at: line)
            case 5: lines.swapAt(line, below(lines.count))
            default: lines[line] = String(lines[line].reversed())
            }
            return lines.joined(separator: "\n")
        }

        /// One random edit of a trace's bytes.
        mutating func mutate(trace bytes: [UInt8]) -> [UInt8] {
            var bytes = bytes
            switch below(6) {
            case 0: for _ in 0..<(1 + below(8)) { bytes[below(bytes.count)] = UInt8(truncatingIfNeeded: next()) }
            case 1: bytes.removeLast(below(bytes.count))
            case 2:
                bytes.insert(
                    contentsOf: (0..<below(64)).map { _ in UInt8(truncatingIfNeeded: next()) }, at: below(bytes.count))
            case 3: bytes.insert(contentsOf: Array("99999999999999999999999\n\n".utf8), at: below(bytes.count))
            case 4:
                let start = below(bytes.count)
                bytes.insert(contentsOf: bytes[start..<min(bytes.count, start + below(400))], at: below(bytes.count))
            default: bytes = Array(bytes.prefix(below(48)))
            }
            return bytes
        }
    }

    static let specs = [
        """
        name: fuzz
        model: paging
        seeds: 2
        base:
          trace: {alpha: 0.9, objects: 300, requests: 2000}
        sweep:
          policy: [lru, fifo]
          cache_fraction: [0.05, 0.2]
        where: ["policy != 'fifo' or cache_fraction < 0.1"]
        pareto: {x: cache_fraction, y: miss_ratio, minimize: [x, y], series: [policy]}
        claims:
          - {name: lru-ok, kind: threshold, role: sanity, metric: miss_ratio, at: {policy: lru}, max: 1}
          - {name: order, kind: ordering, role: sanity, metric: miss_ratio, by: cache_fraction, order: [0.05, 0.2], at: {policy: lru}, alpha: 0.05}
        """,
        """
        name: fuzz-bandit
        model: bandit
        seeds: 2
        base: {horizon: 300}
        sweep:
          policy: [ucb1, thompson]
        """,
        """
        name: fuzz-replay
        model: replay
        seeds: 2
        base:
          stream: {tasks: 2, classes: 4, dimension: 4, samples_per_task: 100, test_per_class: 5}
          memory: {exemplars: 20}
        sweep:
          buffer: [reservoir, none]
        """,
    ]

    /// Every result is either a success with complete outputs or one clean error line.
    func expectHandled(_ result: CLI.Result, _ what: String, complete: () -> Bool) {
        #expect(!result.signaled && !result.timedOut, "\(what): signal or hang\n\(result.stderr.prefix(400))")
        if result.status == 0 {
            #expect(complete(), "\(what): exit 0 without complete outputs")
        } else {
            let lines = result.stderr.split(separator: "\n")
            #expect(
                lines.count == 1 && result.stderr.hasPrefix("memsim: error: ")
                    && !result.stderr.contains("Fatal error"),
                "\(what): \(result.stderr.prefix(600))")
        }
    }

    static var seed: UInt64 { ProcessInfo.processInfo.environment["MEMSIM_FUZZ_SEED"].flatMap(UInt64.init) ?? 2026 }
    static var count: Int { ProcessInfo.processInfo.environment["MEMSIM_FUZZ_COUNT"].flatMap(Int.init) ?? 250 }

    @Test func mutatedSpecsRunOrFailCleanly() throws {
        var mutator = Mutator(state: Self.seed)
        let directory = try TestFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for i in 0..<Self.count {
            var text = mutator.pick(Self.specs)
            for _ in 0...mutator.below(3) { text = mutator.mutate(spec: text) }
            let path = directory + "/spec\(i).yaml"
            try TestFiles.write(text, to: path)
            let what = "mutation \(i) (seed \(Self.seed)):\n\(text)\n"
            let validated = try CLI.run(["validate", path], timeout: 30)
            expectHandled(validated, what) { validated.stdout.contains(": ok: ") }
            // Small plans also run; their outputs must be complete.
            guard validated.status == 0, let runs = Self.plannedRuns(validated.stdout), runs <= 40 else { continue }
            let out = directory + "/out\(i)"
            let ran = try CLI.run(["run", path, "--out", out, "--jobs", "2"], timeout: 60)
            expectHandled(ran, what) {
                let manifest = (try? TestFiles.read(out + "/manifest.json")) ?? ""
                return manifest.contains("\"complete\":true")
                    && FileManager.default.fileExists(atPath: out + "/summary.csv")
            }
        }
    }

    @Test func mutatedTracesRunOrFailCleanly() throws {
        var mutator = Mutator(state: Self.seed &+ 1)
        let directory = try TestFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let text = try TestFiles.read(TestFiles.tracesDirectory + "/cloudPhysicsIO.txt")
        let textBase = Array(text.split(separator: "\n").prefix(2_000).joined(separator: "\n").utf8)
        let binary = try Data(
            contentsOf: URL(fileURLWithPath: TestFiles.tracesDirectory + "/cloudPhysicsIO.oracleGeneral.bin"))
        let binaryBase = Array(binary.prefix(24 * 500))
        for i in 0..<(Self.count / 2) {
            let oracle = mutator.below(2) == 0
            let bytes = mutator.mutate(trace: oracle ? binaryBase : textBase)
            let path = directory + "/trace\(i)"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            var arguments = ["paging", path, "--policies", "lru,sieve", "--sizes", "10,100"]
            if oracle { arguments += ["--format", "oracleGeneral"] }
            if mutator.below(2) == 0 { arguments.append("--stream") }
            let result = try CLI.run(arguments, timeout: 30)
            expectHandled(result, "trace mutation \(i) (seed \(Self.seed)): \(arguments)") {
                result.stdout.split(separator: "\n").count == 5
            }
        }
    }

    /// `N` of the `validate` line `...: ok: model paging, 4 sweep points x 2 seeds = N runs, ...`.
    static func plannedRuns(_ line: String) -> Int? {
        guard let range = line.range(of: " = ") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }
}
