import Foundation
import SimCore

/// One head's synthetic attention, generated step by step from its own random stream.
///
/// ```
/// at step t (query t; token t is created first):
///   every persistenceWindow steps (t > 0): each earlier token keeps its importance with
///       probability persistence, else redraws it
///   logit(i) = sinkBonus [i < sinks] + importance(i)
///            + recencyBonus 2^(-(t - i) / halfLife) + recurrenceBoost [i active at t],  i <= t
///   weight(i) = exp((logit(i) - max logit) / temperature)        (unnormalised; `vectorExp`)
/// importance(i) = -heavyAlpha ln(rank), rank uniform on 1...length
/// a recurring token (probability recurrenceShare) with period p is active at t when
///   t - i >= p and (t - i) mod p < recurrenceDuration; it re-activates when (t - i) mod p = 0
/// ```
/// Draws happen in a fixed order (token t's importance, recurrence and value vector when it
/// is created; persistence redraws in position order), so a second head built from the same
/// stream replays the same attention exactly (the future pass of `oracle` and `trim-kv`).
struct SyntheticAttentionHead {
    let settings: SyntheticAttentionSettings
    private let inverseTemperature: Float
    private var random: RandomSource
    private var importance: [Float]
    private let sinkBonus: [Float]
    /// `sinkBonus + importance` of every token, the part of its logit that does not age.
    private var base: [Float]
    /// Each token's recurrence period (0: it does not recur).
    private(set) var period: [Int32]
    /// The recurring tokens, by position.
    private(set) var recurring: [Int32] = []
    /// The recency bonus by position at the last step: entry `length - 1 - t + i` is the
    /// bonus of position i at step t (age t - i), so a step reads it forwards.
    private let recencyByPosition: [Float]
    private var logits: [Float]
    /// Each token's value vector, `ValueRows.chunks(valueDimension)` chunks per token.
    private(set) var values: [SIMD8<Float>]

    init(settings: SyntheticAttentionSettings, stream: Int, random: RandomSource) {
        self.settings = settings
        self.random = random
        inverseTemperature = Float(1 / settings.temperature(stream: stream))
        let length = settings.length
        importance = Array(repeating: 0, count: length)
        sinkBonus = (0..<length).map { $0 < settings.sinks ? Float(settings.sinkBonus) : 0 }
        base = sinkBonus
        period = Array(repeating: 0, count: length)
        recencyByPosition = (0..<length).map { k in
            let age = Double(length - 1 - k)
            return settings.recencyBonus == 0
                ? 0 : Float(settings.recencyBonus * pow(2, -age / settings.recencyHalfLife))
        }
        logits = Array(repeating: 0, count: length)
        values = []
        values.reserveCapacity(length * ValueRows.chunks(settings.valueDimension))
    }

    /// Whether token `i` starts an active period at step `t`.
    func reactivates(_ i: Int, at t: Int) -> Bool {
        let p = Int(period[i])
        return p > 0 && t - i >= p && (t - i) % p == 0
    }

    /// Creates token `t` and writes the unnormalised weight of every position `0...t` into
    /// `weights[0...t]`; returns their sum (at least 1: the largest weight is exactly 1).
    mutating func step(_ t: Int, into weights: inout [Float]) -> Float {
        create(t)
        if t > 0, t % settings.persistenceWindow == 0, settings.persistence < 1 { redrawImportance(before: t) }
        let count = t + 1
        let offset = settings.length - 1 - t
        var largest = -Float.infinity
        logits.withUnsafeMutableBufferPointer { logitBuffer in
            base.withUnsafeBufferPointer { baseBuffer in
                recencyByPosition.withUnsafeBufferPointer { recencyBuffer in
                    guard let logit = logitBuffer.baseAddress, let base = baseBuffer.baseAddress,
                        let recency = recencyBuffer.baseAddress.map({ $0 + offset })
                    else { return }
                    largest = Self.sumAndMax(base, recency, into: logit, count: count)
                }
            }
            let boost = Float(settings.recurrenceBoost)
            for token in recurring {
                let i = Int(token)
                guard i < t else { break }
                let p = Int(period[i])
                if t - i >= p, (t - i) % p < settings.recurrenceDuration {
                    logitBuffer[i] += boost
                    largest = max(largest, logitBuffer[i])
                }
            }
        }
        var sum: Float = 0
        logits.withUnsafeBufferPointer { logitBuffer in
            weights.withUnsafeMutableBufferPointer { weightBuffer in
                guard let logit = logitBuffer.baseAddress, let weight = weightBuffer.baseAddress else { return }
                sum = Self.exponentiate(logit, into: weight, count: count, shift: largest, scale: inverseTemperature)
            }
        }
        return sum
    }

    /// `logit[i] = base[i] + recency[i]` for `i < count`; returns the largest.
    @inline(__always)
    private static func sumAndMax(
        _ base: UnsafePointer<Float>, _ recency: UnsafePointer<Float>, into logit: UnsafeMutablePointer<Float>,
        count: Int
    ) -> Float {
        var widest = SIMD8<Float>(repeating: -.infinity)
        var i = 0
        while i + 8 <= count {
            let value =
                UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self)
                + UnsafeRawPointer(recency + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(logit + i).storeBytes(of: value, as: SIMD8<Float>.self)
            widest.replace(with: value, where: value .> widest)
            i += 8
        }
        var largest = widest.max()
        while i < count {
            logit[i] = base[i] + recency[i]
            largest = max(largest, logit[i])
            i += 1
        }
        return largest
    }

    /// `weight[i] = e^((logit[i] - shift) x scale)` for `i < count`; returns their sum, added
    /// lane by lane in eight running sums and then across them (a fixed order).
    @inline(__always)
    private static func exponentiate(
        _ logit: UnsafePointer<Float>, into weight: UnsafeMutablePointer<Float>, count: Int, shift: Float, scale: Float
    ) -> Float {
        var sums = SIMD8<Float>.zero
        var i = 0
        while i + 8 <= count {
            let w = vectorExp((UnsafeRawPointer(logit + i).loadUnaligned(as: SIMD8<Float>.self) - shift) * scale)
            UnsafeMutableRawPointer(weight + i).storeBytes(of: w, as: SIMD8<Float>.self)
            sums += w
            i += 8
        }
        var sum = sums.sum()
        while i < count {
            weight[i] = vectorExp(SIMD8<Float>(repeating: (logit[i] - shift) * scale))[0]
            sum += weight[i]
            i += 1
        }
        return sum
    }

    private mutating func create(_ t: Int) {
        importance[t] = drawImportance()
        base[t] = sinkBonus[t] + importance[t]
        if settings.recurrenceShare > 0, random.bernoulli(p: settings.recurrenceShare) {
            let jitter = settings.recurrenceJitter
            let offset = jitter > 0 ? random.nextInt(below: 2 * jitter + 1) - jitter : 0
            period[t] = Int32(max(2, settings.recurrencePeriod + offset))
            recurring.append(Int32(t))
        }
        values += ValueRows.row((0..<settings.valueDimension).map { _ in Float(random.normal()) })
    }

    private mutating func drawImportance() -> Float {
        guard settings.heavyAlpha > 0 else { return 0 }
        let rank = 1 + random.nextInt(below: settings.length)
        return Float(-settings.heavyAlpha * log(Double(rank)))
    }

    private mutating func redrawImportance(before t: Int) {
        for i in 0..<t where !random.bernoulli(p: settings.persistence) {
            importance[i] = drawImportance()
            base[i] = sinkBonus[i] + importance[i]
        }
    }
}
