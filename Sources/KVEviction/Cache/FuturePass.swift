extension HeadSimulation {
    /// The future of one head under full attention: a first pass over a copy of its attention
    /// (the same seeded stream, so the same weights the run will see).
    func future(of attention: SyntheticAttentionHead) -> TokenFuture {
        var head = attention
        let length = settings.length
        var weights = [Float](repeating: 0, count: length)
        var total = [Double](repeating: 0, count: length)
        var lastCritical = [Int](repeating: -1, count: length)
        for t in 0..<length {
            let sum = head.step(t, into: &weights)
            guard t >= settings.prefill else { continue }
            for i in 0...t {
                let share = weights[i] / sum
                total[i] += Double(share)
                if share >= criticalWeight { lastCritical[i] = t }
            }
        }
        let lifetime = (0..<length).map { i in lastCritical[i] < 0 ? 1.0 : Double(max(1, lastCritical[i] - i)) }
        return TokenFuture(totalDecodeAttention: total, lifetime: lifetime)
    }
}
