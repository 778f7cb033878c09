import Foundation
import SimCore

/// The synthetic attention of a run (`sequence.*`, `attention.*`, `values.dim`): the shape of
/// the sequence and the documented parts of every logit, each off when its knob is 0.
public struct SyntheticAttentionSettings: Sendable, Equatable {
    /// Prompt tokens, processed before the first decode step.
    public var prefill = 512
    /// Decode steps (one new token each).
    public var decode = 512
    /// Heads per layer and layers: `heads x layers` independent attention streams.
    public var heads = 4
    public var layers = 1
    /// The first `sinks` positions get `sinkBonus` added to their logit (StreamingLLM's sinks).
    public var sinks = 4
    public var sinkBonus = 4.0
    /// `recencyBonus x 2^(-(t - i) / recencyHalfLife)` is added to position i's logit at step t.
    public var recencyBonus = 2.0
    public var recencyHalfLife = 16.0
    /// Each token's intrinsic importance is `-heavyAlpha x ln(rank)`, rank uniform on
    /// 1...length, so its softmax share follows Zipf(heavyAlpha) (H2O's heavy hitters).
    public var heavyAlpha = 1.0
    /// Every `persistenceWindow` steps each token keeps its importance with probability
    /// `persistence` and redraws it otherwise (Scissorhands' persistence of importance).
    public var persistence = 1.0
    public var persistenceWindow = 64
    /// The share of tokens that re-activate: `recurrenceBoost` is added to their logit for
    /// `recurrenceDuration` steps every `recurrencePeriod +- recurrenceJitter` steps after
    /// they were created (LazyEviction's recurrence).
    public var recurrenceShare = 0.0
    public var recurrencePeriod = 128
    public var recurrenceJitter = 16
    public var recurrenceBoost = 6.0
    public var recurrenceDuration = 2
    /// Head temperatures, log-spaced from the first head's to the last's (sharp to flat).
    public var temperatureMin = 0.5
    public var temperatureMax = 2.0
    /// Dimension of each token's value vector (standard normal entries).
    public var valueDimension = 8

    public init() {}

    /// Tokens in the whole sequence.
    public var length: Int { prefill + decode }
    /// Independent attention streams of a run.
    public var streams: Int { heads * layers }

    /// The temperature of stream `stream` (`0..<streams`; a layer's heads repeat the spread).
    public func temperature(stream: Int) -> Double {
        let head = stream % heads
        guard heads > 1, temperatureMax != temperatureMin else { return temperatureMin }
        let share = Double(head) / Double(heads - 1)
        return temperatureMin * pow(temperatureMax / temperatureMin, share)
    }
}
