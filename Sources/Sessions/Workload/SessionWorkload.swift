import Foundation
import SimCore

/// One turn of a session: the user's prompt, the model's answer, and the pause before the
/// next turn (user think time or a tool call).
public struct TurnSpec: Sendable, Equatable {
    public let promptTokens: Int
    public let outputTokens: Int
    /// Time from the end of this turn's answer to the next turn's arrival.
    public let gapAfter: SimTime
    /// The tool whose call fills the gap after this turn (agentic programs), or `nil` for a
    /// user's think time.
    public let tool: Int?

    public init(promptTokens: Int, outputTokens: Int, gapAfter: SimTime, tool: Int? = nil) {
        self.promptTokens = promptTokens
        self.outputTokens = outputTokens
        self.gapAfter = gapAfter
        self.tool = tool
    }
}

/// A multi-turn session: its arrival and its turns in order.
public struct SessionSpec: Sendable, Equatable {
    public let arrival: SimTime
    public let turns: [TurnSpec]

    public init(arrival: SimTime, turns: [TurnSpec]) {
        self.arrival = arrival
        self.turns = turns
    }
}

/// Open-loop multi-turn chat sessions.
///
/// ```
/// sessions arrive by a Poisson process of `arrivalRate` per second during `duration`
/// turns per session: geometric on 1, 2, ... with mean `turnsMean`
/// prompt and output tokens per turn: log-normal with the given median and log-sd,
///     rounded and clamped to [1, maxTurnTokens]
/// gap after a turn: with probability `toolCallProbability` a call of one of `toolCount`
///     tools (uniformly chosen), lasting Pareto(scale = toolScale x 4^tool, shape =
///     toolShape) seconds (heavy-tailed, each tool 4x slower than the previous); otherwise
///     a think time, exponential with mean `thinkTimeMean` seconds
/// ```
/// Each session draws from its own labelled split of the workload stream, so the sessions
/// of one seed do not change when `duration` (or the number of sessions) grows.
public struct SessionWorkloadGenerator: Sendable, Equatable {
    public var arrivalRate: Double
    public var duration: Double
    public var turnsMean: Double
    public var promptMedian: Double
    public var promptSigma: Double
    public var outputMedian: Double
    public var outputSigma: Double
    public var thinkTimeMean: Double
    public var maxTurnTokens: Int
    public var toolCallProbability: Double = 0
    public var toolCount = 3
    public var toolScale = 0.5
    public var toolShape = 1.5

    public init(
        arrivalRate: Double, duration: Double, turnsMean: Double, promptMedian: Double, promptSigma: Double,
        outputMedian: Double,
        outputSigma: Double, thinkTimeMean: Double, maxTurnTokens: Int
    ) {
        self.arrivalRate = arrivalRate
        self.duration = duration
        self.turnsMean = turnsMean
        self.promptMedian = promptMedian
        self.promptSigma = promptSigma
        self.outputMedian = outputMedian
        self.outputSigma = outputSigma
        self.thinkTimeMean = thinkTimeMean
        self.maxTurnTokens = maxTurnTokens
    }

    public func generate(using random: inout RandomSource) -> [SessionSpec] {
        var arrivals = random.split("arrivals")
        var sessions: [SessionSpec] = []
        var clock = 0.0
        while true {
            clock += arrivals.exponential(rate: arrivalRate)
            guard clock < duration else { break }
            sessions.append(session(label: "session \(sessions.count)", arrival: .seconds(clock), root: random))
        }
        return sessions
    }

    /// One session arriving at `arrival`, its turns drawn from `root.split(label)`.
    public func session(label: String, arrival: SimTime, root: RandomSource) -> SessionSpec {
        var draws = root.split(label)
        return SessionSpec(arrival: arrival, turns: turns(using: &draws))
    }

    private func turns(using random: inout RandomSource) -> [TurnSpec] {
        var count = 1
        if turnsMean > 1 {
            // Geometric on 1, 2, ... with mean m: success probability 1 / m, by inversion.
            let u = 1 - random.nextDouble()
            count = 1 + Int((log(u) / log(1 - 1 / turnsMean)).rounded(.down))
        }
        return (0..<count).map { _ in
            let prompt = tokens(median: promptMedian, sigma: promptSigma, using: &random)
            let output = tokens(median: outputMedian, sigma: outputSigma, using: &random)
            let think = random.exponential(rate: 1 / thinkTimeMean)
            guard toolCallProbability > 0, random.nextDouble() < toolCallProbability else {
                return TurnSpec(promptTokens: prompt, outputTokens: output, gapAfter: .seconds(think))
            }
            let tool = random.nextInt(below: toolCount)
            let duration = random.pareto(scale: toolScale * pow(4, Double(tool)), shape: toolShape)
            return TurnSpec(promptTokens: prompt, outputTokens: output, gapAfter: .seconds(duration), tool: tool)
        }
    }

    private func tokens(median: Double, sigma: Double, using random: inout RandomSource) -> Int {
        let drawn = random.logNormal(mu: log(median), sigma: sigma).rounded()
        return Int(min(Double(maxTurnTokens), max(1, drawn)))
    }
}
