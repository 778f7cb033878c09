import Foundation
import SimCore
import Statistics
import TestSupport
import Testing

@testable import Harness

@Suite struct OutputTests {
    /// Runs the small spec in-process and returns its directory.
    func runSmall(jobs: Int = 2) throws -> (String, Experiment.Outcome) {
        let directory = try TestFiles.temporaryDirectory()
        let spec = (directory as NSString).appendingPathComponent("small.yaml")
        try Data(SpecFixtures.small.utf8).write(to: URL(fileURLWithPath: spec))
        let out = (directory as NSString).appendingPathComponent("out")
        let outcome = try Experiment.run(.init(specPath: spec, outputDirectory: out, jobs: jobs))
        return (out, outcome)
    }

    func read(_ directory: String, _ name: String) throws -> String {
        try String(contentsOfFile: (directory as NSString).appendingPathComponent(name), encoding: .utf8)
    }

    @Test func summaryIntervalsEqualIndependentTInterval() throws {
        let (out, _) = try runSmall()
        // Group per-run metrics from runs.jsonl by point, recompute mean ± t·sd/√n with t(0.975, 2) = 4.302652729749464
        // (table value for 2 degrees of freedom), and compare with summary.csv.
        var values: [String: [Double]] = [:]
        for line in try read(out, "runs.jsonl").split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let params = try #require(object["params"] as? [String: Any])
            let metrics = try #require(object["metrics"] as? [String: Any])
            let key = "\(params["policy"] ?? ""),\(params["cache_fraction"] ?? "")"
            values[key, default: []].append(try #require((metrics["miss_ratio"] as? NSNumber)?.doubleValue))
        }
        let rows = try read(out, "summary.csv").split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        #expect(rows[0] == ["policy", "cache_fraction", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"])
        var checked = 0
        for row in rows.dropFirst() where row[2] == "miss_ratio" {
            let sample = try #require(values["\(row[0]),\(row[1])"])
            let n = Double(sample.count)
            let mean = sample.reduce(0, +) / n
            let sd = (sample.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)).squareRoot()
            let half = 4.302652729749464 * sd / n.squareRoot()
            #expect(Int(row[3]) == 3)
            #expect(abs(try #require(Double(row[4])) - mean) <= 1e-12)
            #expect(abs(try #require(Double(row[5])) - sd) <= 1e-12)
            #expect(abs(try #require(Double(row[6])) - (mean - half)) <= 1e-12)
            #expect(abs(try #require(Double(row[7])) - (mean + half)) <= 1e-12)
            checked += 1
        }
        #expect(checked == 6)
    }

    @Test func claimsAndParetoAreWritten() throws {
        let (out, outcome) = try runSmall()
        #expect(Set(outcome.claims.map(\.name)).count == 4)
        let allPassed = outcome.claims.allSatisfy { $0.passed }
        #expect(allPassed, "\(outcome.claims)")
        let claims = try read(out, "claims.csv").split(separator: "\n")
        #expect(
            claims.first
                == "claim,kind,measured,expected,passed,role,measured_ci_low,measured_ci_high,paper_low,paper_high,tolerance,agreement,expect"
        )
        // One row per evaluated point or group: 2 orderings (one per size), 6 thresholds, 2 ratios, 1 slope.
        #expect(outcome.claims.count == 11)
        #expect(claims.count == 1 + outcome.claims.count)
        let pareto = try read(out, "pareto.csv").split(separator: "\n")
        #expect(
            pareto.first
                == "policy,cache_fraction,miss_ratio,miss_ratio_ci95_low,miss_ratio_ci95_high,on_front,on_series_front")
        // Within each policy, a larger cache never has a higher miss ratio here, so both sizes
        // are on their series' front; across series, only the best policy's points can be.
        #expect(pareto.dropFirst().allSatisfy { $0.hasSuffix(",true") })
        #expect(pareto.dropFirst().filter { $0.hasSuffix(",true,true") }.count < pareto.count - 1)
        let report = try read(out, "report.md")
        #expect(report.contains("\(outcome.claims.count) of \(outcome.claims.count) claim rows pass"))
        let manifest = try read(out, "manifest.json")
        #expect(manifest.contains("\"gsl_version\":\"2."))
    }

    @Test func jobsDoNotChangeOutputs() throws {
        let (a, _) = try runSmall(jobs: 1)
        let (b, _) = try runSmall(jobs: 3)
        for name in ["runs.jsonl", "summary.csv", "pareto.csv", "claims.csv", "report.md"] {
            #expect(try read(a, name) == read(b, name), "\(name)")
        }
    }

    @Test func paretoDominance() {
        func point(_ values: [Double]) -> (values: [Double], intervals: [(low: Double, high: Double)]) {
            (values, values.map { ($0, $0) })
        }
        func dominates(_ a: [Double], _ b: [Double], _ objectives: [ParetoSpec.Objective]) -> Bool {
            ParetoFront.dominates(point(a), point(b), objectives: objectives, byIntervals: false)
        }
        let min2 = [ParetoSpec.Objective(name: "x", minimize: true), .init(name: "y", minimize: true)]
        #expect(dominates([1, 1], [2, 2], min2))
        #expect(dominates([1, 2], [1, 3], min2))
        #expect(!dominates([1, 3], [2, 2], min2))
        #expect(!dominates([1, 1], [1, 1], min2), "equal points do not dominate each other")
        let mixed = [ParetoSpec.Objective(name: "cost", minimize: true), .init(name: "gain", minimize: false)]
        #expect(dominates([1, 5], [2, 4], mixed))
        #expect(!dominates([1, 3], [2, 4], mixed))
        // By intervals: better means are not enough when the intervals overlap.
        let a = (values: [1.0, 1.0], intervals: [(low: 1.0, high: 1.0), (low: 0.5, high: 1.5)])
        let b = (values: [1.0, 1.2], intervals: [(low: 1.0, high: 1.0), (low: 0.7, high: 1.7)])
        let c = (values: [1.0, 2.0], intervals: [(low: 1.0, high: 1.0), (low: 1.8, high: 2.2)])
        #expect(ParetoFront.dominates(a, b, objectives: min2, byIntervals: false))
        #expect(!ParetoFront.dominates(a, b, objectives: min2, byIntervals: true))
        #expect(ParetoFront.dominates(a, c, objectives: min2, byIntervals: true))
    }

    @Test func failingClaimsAreReportedNotHidden() throws {
        let directory = try TestFiles.temporaryDirectory()
        let spec = (directory as NSString).appendingPathComponent("fail.yaml")
        let text = SpecFixtures.small.replacingOccurrences(of: "order: [opt, lru]", with: "order: [lru, opt]")
            .replacingOccurrences(of: "min: 2000, max: 2000", with: "min: 1, max: 10")
        try Data(text.utf8).write(to: URL(fileURLWithPath: spec))
        let outcome = try Experiment.run(.init(specPath: spec, outputDirectory: directory + "/out", jobs: 2))
        let byName = Dictionary(grouping: outcome.claims, by: \.kind)
        #expect(byName["ordering"]?.allSatisfy { !$0.passed } == true)
        #expect(byName["threshold"]?.allSatisfy { !$0.passed } == true)
        #expect(byName["ratio"]?.allSatisfy { $0.passed } == true)
        #expect(byName["slope"]?.allSatisfy { $0.passed } == true)
        #expect(outcome.claims[0].measured.contains("!!"))
        #expect(outcome.claims.contains { $0.measured.contains("policy=fifo,cache_fraction=0.05: 2000") })
        #expect(!outcome.claimsAsExpected)
    }
}
