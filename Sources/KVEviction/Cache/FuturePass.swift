extension HeadSimulation {
    /// The future of one head under full attention: a first pass over a copy of its attention
    /// (the same seeded stream, so the same weights the run will see). A token is useful at a
    /// decode step t when its weight is at least `usefulShare / (t + 1)` (that multiple of the
    /// uniform share); its lifetime runs to its last useful step.
    func future<Source: AttentionSource>(of attention: Source, usefulShare: Double) -> TokenFuture {
        var head = attention
        let length = settings.length
        var weights = [Float](repeating: 0, count: length)
        var total = [Double](repeating: 0, count: length)
        var lastUseful = [Int](repeating: -1, count: length)
        for t in 0..<length {
            let sum = head.step(t, into: &weights)
            guard t >= settings.prefill else { continue }
            let useful = Float(usefulShare / Double(t + 1))
            for i in 0...t {
                let share = weights[i] / sum
                total[i] += Double(share)
                if share >= useful { lastUseful[i] = t }
            }
        }
        let lifetime = (0..<length).map { i in lastUseful[i] < 0 ? 1.0 : Double(max(1, lastUseful[i] - i)) }
        return TokenFuture(totalDecodeAttention: total, lifetime: lifetime)
    }
}
