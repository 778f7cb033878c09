import Foundation
import TestSupport

@testable import Harness

/// Helpers to build specs from text in tests.
enum SpecFixtures {
    static func plan(_ yaml: String, file: String = "test.yaml", overrides: [String] = [], seeds: Int? = nil) throws
        -> ExperimentPlan
    {
        let document = try YAMLDocument.parse(yaml, file: file)
        let spec = try ExperimentSpec(document: document)
        return try ExperimentPlan(spec: spec, overrides: try overrides.map(Override.parse), seedCount: seeds)
    }

    /// The message of the error `body` throws, or a marker if it does not throw.
    static func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "<no error>"
        } catch let error as HarnessError {
            return error.message
        } catch {
            return "<unexpected \(type(of: error)): \(error)>"
        }
    }

    static let small = """
        name: small
        model: paging
        seeds: 3
        base:
          trace: {alpha: 0.8, objects: 200, requests: 2000}
        sweep:
          policy: [fifo, lru, opt]
          cache_fraction: [0.05, 0.2]
        pareto: {x: cache_fraction, y: miss_ratio, minimize: [x, y], series: policy}
        claims:
          - {role: sanity, kind: ordering, metric: miss_ratio, order: [opt, lru]}
          - {role: sanity, kind: threshold, metric: requests, min: 2000, max: 2000}
          - {role: sanity, kind: ratio, metric: miss_ratio, numerator: {policy: lru}, denominator: {policy: opt}, min: 1}
          - {role: sanity, kind: slope, metric: miss_ratio, against: cache_fraction, at: {policy: lru}, max: 0}
        """
}
