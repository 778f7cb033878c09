/// Where one head's attention comes from, step by step: the synthetic generator or a
/// recorded trace. A copy replays the same attention (the future pass of the policies that
/// read the future runs on a copy).
protocol AttentionSource {
    /// Each created token's value vector, `ValueRows.chunks(dimension)` chunks per token.
    var values: [SIMD8<Float>] { get }
    /// The tokens that re-activate periodically, by position (none in a recorded trace).
    var recurring: [Int32] { get }
    /// Whether token `i` starts an active period at step `t`.
    func reactivates(_ i: Int, at t: Int) -> Bool
    /// Creates token `t` and writes the unnormalised weight of every position `0...t` into
    /// `weights[0...t]`; returns their sum.
    mutating func step(_ t: Int, into weights: inout [Float]) -> Float
}

extension SyntheticAttentionHead: AttentionSource {}
