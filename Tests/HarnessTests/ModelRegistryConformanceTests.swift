import Harness
import SimCore
import Testing

/// Conformance over the model registry: names, parameters and policies are unique, every
/// policy of every model validates, and each model's defaults run deterministically with
/// exactly the declared metrics.
@Suite struct ModelRegistryConformanceTests {
    /// Settings a policy needs beyond the defaults.
    static let requirements: [String: [String: ConfigValue]] = [
        "prefix-cache": ["server.allocator": .string("paged")], "tiered-lru": ["server.dram_bytes": .double(1e9)],
        "external": ["external.command": .string("python3 policy.py")],
    ]

    func configuration(_ model: any Model.Type, _ entries: [String: ConfigValue]) -> Configuration {
        model.configuration(entries)
    }

    @Test func namesAreUniqueAndEveryPolicyValidates() throws {
        #expect(Set(ModelRegistry.kinds).count == ModelRegistry.kinds.count)
        for model in ModelRegistry.models {
            let keys = model.parameters.map(\.path)
            #expect(Set(keys).count == keys.count, "\(model.kind) parameters")
            let metrics = model.metrics.map(\.name)
            #expect(Set(metrics).count == metrics.count, "\(model.kind) metrics")
            let policies = model.policies.map { "\($0.key)=\($0.name)" }
            #expect(Set(policies).count == policies.count, "\(model.kind) policies")
            for policy in model.policies {
                let entries = [policy.key: ConfigValue.string(policy.name)].merging(
                    Self.requirements[policy.name] ?? [:]
                ) { $1 }
                #expect(throws: Never.self, "\(model.kind) \(policy.name)") {
                    _ = try model.init(config: configuration(model, entries))
                }
            }
        }
    }

    /// Every declared default lies in its own declared domain, and a value just outside an
    /// integer or number domain, or an unknown name, is outside it.
    @Test func everyDeclaredDefaultIsInItsDomain() throws {
        for model in ModelRegistry.models {
            for parameter in model.parameters {
                #expect(parameter.domain.allows(parameter.defaultValue), "\(model.kind).\(parameter.path) default")
                switch parameter.domain {
                case .integer(let range) where range.lowerBound > Int.min:
                    #expect(!parameter.domain.allows(.int(range.lowerBound - 1)), "\(parameter.path)")
                case .number(let domain) where domain.lower > -.infinity:
                    let below = domain.lowerInclusive ? domain.lower - 1 : domain.lower
                    #expect(!parameter.domain.allows(.double(below)), "\(parameter.path)")
                case .choice: #expect(!parameter.domain.allows(.string("no-such-name")), "\(parameter.path)")
                default: break
                }
            }
        }
    }

    @Test func defaultsRunDeterministically() throws {
        // Paging has its own conformance suite over every policy and trace shape (PagingTests).
        for model in ModelRegistry.models where model.kind != "paging" {
            let instance = try model.init(
                config: configuration(
                    model, ["workload.duration": .double(30)].filter { _ in model.kind == "sessions" }))
            let row = try instance.run(seed: 1)
            #expect(Array(row.values.keys) == model.metrics.map(\.name), "\(model.kind)")
            #expect(try instance.run(seed: 1) == row, "\(model.kind)")
        }
    }
}
