import Foundation
import SimCore

/// How an attack is spread over sessions (the cross-session operations of CSTM-Bench,
/// Azarafrooz, "Cross-Session Threats in AI Agents: Benchmark, Evaluation, and Algorithms", 2026).
public enum CampaignKind: String, Sendable, CaseIterable {
    /// Parts of moderate signal collected over several sessions.
    case accumulate
    /// Parts that look benign alone (low signal) and violate policy only together.
    case compose
    /// Parts rewritten to soften their surface (signal scaled by 0.8).
    case launder
    /// Accumulated parts whose action arrives behind a flood of high-signal decoys that try
    /// to push the earlier parts out of the reader's memory.
    case injectOnReader = "inject-on-reader"
    /// A benign multi-session task of the same shape (a false positive if flagged).
    case benign
}

/// One fragment a message yields: its length, its latent signal score in [0, 1] (how
/// suspicious a ranker finds it), and the campaign it belongs to, if any.
public struct ContextFragment: Sendable, Equatable {
    /// Position in the stream (arrival order), from 0.
    public let id: Int
    public let session: Int
    public let tokens: Int
    public let signal: Double
    /// 0 for a part of its scenario's campaign, -1 for background messages and decoys.
    public let campaign: Int
}

/// A multi-part campaign: its kind and its parts in arrival order; the last part is the
/// action step, where a reader's rendering is judged.
public struct ContextCampaign: Sendable, Equatable {
    public let kind: CampaignKind
    public var parts: [Int]
    public var action: Int { parts[parts.count - 1] }
}

/// One scenario: an identity's stream of sessions, with one campaign among its background
/// messages. Readers start empty in every scenario.
public struct ContextScenario: Sendable, Equatable {
    public let fragments: [ContextFragment]
    public let campaign: ContextCampaign
}

/// Synthetic scenarios for cross-session memory readers, shaped like CSTM-Bench's (one
/// campaign per scenario, attack or benign; the paper's splits have 54 scenarios each).
///
/// ```
/// scenarios: `attacks` attack scenarios, their kinds in turn accumulate, compose, launder,
///     inject-on-reader, then `benignCampaigns` benign ones
/// each: `sessions` sessions of `messagesPerSession` background messages
/// background fragment: tokens log-normal (median `tokensMedian`, log-sd `tokensSigma`,
///     at least 1); signal Beta(2, 8) (mean 0.2), or with probability `benignHardFraction`
///     a benign-hard confounder with signal Beta(5, 5) (mean 0.5)
/// its campaign: `parts` parts spread over `spread` consecutive sessions from a uniform
///     start (first part in the first, action in the last, the others uniform in between),
///     each at a uniform position in its session (the action after its session's other
///     entries); part signals: accumulate and inject-on-reader Beta(7, 3) (mean 0.7),
///     compose Beta(5, 4) (0.56), launder 0.8 x Beta(7, 3) (0.56), benign Beta(5, 5) (0.5);
///     inject-on-reader adds `flood` decoys of signal Beta(9, 1) (0.9) before its action
/// ```
/// `spread = 1` puts every part in one session (the dilution shard's shape); larger
/// spreads make attacks cross-session. Scenario i draws from the split "scenario i".
/// The signal distributions are this model's assumptions, not measurements of the benchmark.
public struct ContextStreamGenerator: Sendable, Equatable {
    public var sessions = 20
    public var messagesPerSession = 8
    public var tokensMedian = 60.0
    public var tokensSigma = 0.5
    public var benignHardFraction = 0.1
    public var attacks = 40
    public var benignCampaigns = 40
    public var parts = 4
    public var spread = 8
    public var flood = 10

    public init() {}

    /// The kind of each scenario's campaign, in scenario order.
    public var kinds: [CampaignKind] {
        (0..<attacks).map { CampaignKind.allCases[$0 % 4] } + [CampaignKind](repeating: .benign, count: benignCampaigns)
    }

    public func generate(root: RandomSource) -> [ContextScenario] {
        kinds.enumerated().map { scenario(kind: $1, random: root.split("scenario \($0)")) }
    }

    func scenario(kind: CampaignKind, random start: RandomSource) -> ContextScenario {
        var random = start
        // Per session, the entries in order: tokens, signal, and whether it is a campaign part.
        var entries: [[(tokens: Int, signal: Double, part: Bool)]] = []
        for _ in 0..<sessions {
            var session: [(tokens: Int, signal: Double, part: Bool)] = []
            for _ in 0..<messagesPerSession {
                let hard = random.bernoulli(p: benignHardFraction)
                let signal = hard ? random.beta(a: 5, b: 5) : random.beta(a: 2, b: 8)
                session.append((tokens(&random), signal, false))
            }
            entries.append(session)
        }
        let first = random.nextInt(below: sessions - spread + 1)
        var placed = [first] + (1..<max(parts - 1, 1)).map { _ in first + random.nextInt(below: spread) }.sorted()
        if parts > 1 { placed.append(first + spread - 1) }
        for (p, session) in placed.enumerated() {
            let isAction = p == placed.count - 1
            if isAction, kind == .injectOnReader {
                for _ in 0..<flood {
                    let position = random.nextInt(below: entries[session].count + 1)
                    entries[session].insert((tokens(&random), random.beta(a: 9, b: 1), false), at: position)
                }
            }
            let signal: Double
            switch kind {
            case .accumulate, .injectOnReader: signal = random.beta(a: 7, b: 3)
            case .compose: signal = random.beta(a: 5, b: 4)
            case .launder: signal = 0.8 * random.beta(a: 7, b: 3)
            case .benign: signal = random.beta(a: 5, b: 5)
            }
            let position = isAction ? entries[session].count : random.nextInt(below: entries[session].count + 1)
            entries[session].insert((tokens(&random), signal, true), at: position)
        }
        var fragments: [ContextFragment] = []
        var campaign = ContextCampaign(kind: kind, parts: [])
        for (s, session) in entries.enumerated() {
            for entry in session {
                if entry.part { campaign.parts.append(fragments.count) }
                fragments.append(
                    ContextFragment(
                        id: fragments.count, session: s, tokens: entry.tokens, signal: entry.signal,
                        campaign: entry.part ? 0 : -1))
            }
        }
        return ContextScenario(fragments: fragments, campaign: campaign)
    }

    private func tokens(_ random: inout RandomSource) -> Int {
        max(1, Int(random.logNormal(mu: log(tokensMedian), sigma: tokensSigma).rounded()))
    }
}
