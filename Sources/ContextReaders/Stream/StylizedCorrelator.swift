import Foundation

/// The downstream judge of a reader's rendering, stylised (the paper's correlator is an
/// LLM; this one is a formula, so results are exact and cheap, and its two effects are
/// explicit parameters).
///
/// At a campaign's action step it flags the campaign when
/// ```
/// evidence = (sum of the signals of the campaign's parts present in the rendering) / parts
///            - dilution x log2(1 + rendered tokens / dilutionTokens)
/// evidence >= threshold
/// ```
/// Missing parts lower the evidence (what a session-bound judge cannot see), and a long
/// context lowers it too (the needle-in-a-haystack loss of a full-log correlator).
public struct StylizedCorrelator: Sendable, Equatable {
    public var threshold = 0.45
    public var dilution = 0.05
    public var dilutionTokens = 1_000.0

    public init() {}

    public func evidence(presentSignal: Double, parts: Int, renderedTokens: Int) -> Double {
        presentSignal / Double(max(parts, 1)) - dilution * log2(1 + Double(renderedTokens) / dilutionTokens)
    }

    public func flags(presentSignal: Double, parts: Int, renderedTokens: Int) -> Bool {
        evidence(presentSignal: presentSignal, parts: parts, renderedTokens: renderedTokens) >= threshold
    }
}
