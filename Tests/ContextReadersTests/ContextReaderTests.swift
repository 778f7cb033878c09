import Foundation
import SimCore
import Testing

@testable import ContextReaders

@Suite struct ContextReaderTests {
    func config(_ entries: [String: ConfigValue]) -> Configuration { ContextReaderModel.configuration(entries) }

    static let readers: [(String, any ContextReader)] = [
        ("session-bound", SessionBoundReader()), ("full-log", FullLogReader()),
        ("coreset score", CoresetReader(k: 12, ranker: .score, hysteresis: 0.1)),
        ("coreset arrival", CoresetReader(k: 12, ranker: .arrival, hysteresis: 0.1)),
        ("coreset hysteresis", CoresetReader(k: 12, ranker: .hysteresis, hysteresis: 0.1)),
    ]

    @Test func theReportedChangeIsTheLongestCommonPrefix() {
        // Property over seeds and every reader: the first changed position that ingest
        // reports equals the longest common prefix of consecutive renderings.
        var generator = ContextStreamGenerator()
        generator.sessions = 6
        generator.spread = 3
        for seed in UInt64(1)...10 {
            for kind in CampaignKind.allCases {
                let scenario = generator.scenario(kind: kind, random: RandomSource(seed: seed))
                for (name, start) in Self.readers {
                    var reader = start
                    var previous: [Int] = []
                    for fragment in scenario.fragments {
                        let changed = reader.ingest(fragment)
                        let now = reader.rendering
                        let common = zip(previous, now).prefix { $0 == $1 }.count
                        #expect(changed == common, "\(name) seed \(seed) fragment \(fragment.id)")
                        previous = now
                    }
                }
            }
        }
    }

    @Test func theCoresetKeepsTheHighestSignals() {
        var generator = ContextStreamGenerator()
        generator.sessions = 10
        for seed in UInt64(1)...10 {
            let scenario = generator.scenario(kind: .injectOnReader, random: RandomSource(seed: seed))
            for ranker in [CoresetRanker.score, .arrival] {
                var reader = CoresetReader(k: 15, ranker: ranker, hysteresis: 0)
                var seen: [ContextFragment] = []
                for fragment in scenario.fragments {
                    _ = reader.ingest(fragment)
                    seen.append(fragment)
                    // Top 15 by signal, the later arrival losing ties.
                    let top = seen.sorted { $0.signal != $1.signal ? $0.signal > $1.signal : $0.id < $1.id }.prefix(15)
                    #expect(Set(reader.rendering) == Set(top.map(\.id)), "\(ranker) seed \(seed)")
                    let order = reader.rendering.map { scenario.fragments[$0] }
                    if ranker == .score {
                        #expect(zip(order, order.dropFirst()).allSatisfy { $0.signal >= $1.signal })
                    } else {
                        #expect(zip(order, order.dropFirst()).allSatisfy { $0.id < $1.id })
                    }
                }
            }
        }
        // Hysteresis: a fragment displaces the weakest only with a margin.
        var reader = CoresetReader(k: 1, ranker: .hysteresis, hysteresis: 0.2)
        func fragment(_ id: Int, _ signal: Double) -> ContextFragment {
            ContextFragment(id: id, session: 0, tokens: 1, signal: signal, campaign: -1)
        }
        _ = reader.ingest(fragment(0, 0.5))
        #expect(reader.ingest(fragment(1, 0.65)) == 1 && reader.rendering == [0])
        #expect(reader.ingest(fragment(2, 0.75)) == 0 && reader.rendering == [2])
    }

    @Test func scenariosFollowTheirShape() {
        var generator = ContextStreamGenerator()
        generator.sessions = 12
        generator.spread = 5
        let scenarios = generator.generate(root: RandomSource(seed: 3))
        #expect(scenarios.count == 80)
        #expect(scenarios.prefix(4).map(\.campaign.kind) == [.accumulate, .compose, .launder, .injectOnReader])
        #expect(scenarios.suffix(40).allSatisfy { $0.campaign.kind == .benign })
        for scenario in scenarios {
            let parts = scenario.campaign.parts.map { scenario.fragments[$0] }
            #expect(parts.count == 4)
            let first = parts[0].session
            let last = parts[3].session
            #expect(last - first == 4 && parts.allSatisfy { $0.session >= first && $0.session <= last })
            #expect(parts.allSatisfy { $0.campaign == 0 })
            let decoys = scenario.campaign.kind == .injectOnReader ? 10 : 0
            #expect(scenario.fragments.count == 12 * 8 + 4 + decoys)
            #expect(zip(scenario.fragments, scenario.fragments.dropFirst()).allSatisfy { $0.session <= $1.session })
        }
    }

    @Test func metricsAreExactOnKnownCases() throws {
        let model = try ContextReaderModel(
            config: config([
                "reader": .string("full-log"), "stream.attacks": .int(4), "stream.benign_campaigns": .int(0),
            ]))
        let row = try model.run(seed: 2)
        #expect(Array(row.values.keys) == ContextReaderModel.metrics.map(\.name))
        #expect(try model.run(seed: 2) == row)
        // Full log: each rendering extends the previous one, so its CSR is the mean of
        // (tokens before) / (tokens after) over all fragments after each scenario's first.
        var generator = ContextStreamGenerator()
        generator.attacks = 4
        generator.benignCampaigns = 0
        var sum = 0.0
        var count = 0
        for scenario in generator.generate(root: RandomSource(seed: 2).split("stream")) {
            var total = 0
            for fragment in scenario.fragments {
                if fragment.id > 0 {
                    sum += Double(total) / Double(total + fragment.tokens)
                    count += 1
                }
                total += fragment.tokens
            }
        }
        #expect(abs((row["csr_prefix"] ?? 0) - sum / Double(count)) < 1e-12)
        #expect(row["precision"] == ((row["attack_recall"] ?? 0) > 0 ? 1 : 0))
        // Without dilution and with a zero threshold, a one-session campaign is always seen whole.
        let lenient = try ContextReaderModel(
            config: config([
                "reader": .string("session-bound"), "stream.spread": .int(1), "correlator.dilution": .double(0),
                "correlator.threshold": .double(0), "stream.benign_campaigns": .int(0),
            ])
        ).run(seed: 1)
        #expect(lenient["attack_recall"] == 1 && lenient["precision"] == 1 && lenient["f1"] == 1)
        #expect(lenient["cstm"] == 0.7 + 0.3 * (lenient["csr_prefix"] ?? 0))
    }

    @Test func configurationErrorsNameTheirKey() {
        let cases: [([String: ConfigValue], String)] = [
            (["reader": .string("oracle")], "reader"),
            (["coreset.ranker": .string("random")], "coreset.ranker"),
            (["stream.spread": .int(30)], "stream.spread"),
            (["coreset.k": .int(0)], "coreset.k"),
            (["correlator.dilution_tokens": .double(0)], "correlator.dilution_tokens"),
        ]
        for (entries, path) in cases {
            do {
                _ = try ContextReaderModel(config: config(entries))
                Issue.record("\(entries) accepted")
            } catch let error as ConfigError {
                #expect(error.keyPath == path, "\(entries)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}
