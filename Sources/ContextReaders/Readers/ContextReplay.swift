/// Feeds a scenario through a reader, keeping a copy of its rendering with cumulative
/// token counts and a membership table (both updated from the first changed position on,
/// so an append-only reader costs O(1) per fragment), and judges the campaign at its
/// action step.
struct ContextReplay {
    let correlator: StylizedCorrelator

    struct Outcome {
        /// Whether the correlator flagged the campaign at its action step.
        var flagged = false
        /// Sum over renderings after the first of common prefix / rendering tokens, and their count.
        var csrSum = 0.0
        var csrCount = 0
        var prefillTokens = 0
        var renderedTokens = 0
    }

    func run(_ scenario: ContextScenario, reader start: any ContextReader) -> Outcome {
        let fragments = scenario.fragments
        var reader = start
        var outcome = Outcome()
        var shown: [Int] = []
        /// cumulative[i] = tokens of shown[0..<i]; cumulative[0] = 0.
        var cumulative = [0]
        var present = [Bool](repeating: false, count: fragments.count)
        let action = scenario.campaign.parts.last ?? -1
        for fragment in fragments {
            let changed = min(reader.ingest(fragment), shown.count)
            let rendering = reader.rendering
            for id in shown[changed...] { present[id] = false }
            shown.removeSubrange(changed...)
            cumulative.removeSubrange((changed + 1)...)
            for id in rendering[changed...] {
                shown.append(id)
                present[id] = true
                cumulative.append(cumulative[cumulative.count - 1] + fragments[id].tokens)
            }
            let total = cumulative[cumulative.count - 1]
            let common = cumulative[changed]
            if fragment.id > 0, total > 0 {
                outcome.csrSum += Double(common) / Double(total)
                outcome.csrCount += 1
            }
            outcome.prefillTokens += total - common
            outcome.renderedTokens += total
            if fragment.id == action {
                let parts = scenario.campaign.parts
                let signal = parts.reduce(0.0) { $0 + (present[$1] ? fragments[$1].signal : 0) }
                outcome.flagged = correlator.flags(presentSignal: signal, parts: parts.count, renderedTokens: total)
            }
        }
        return outcome
    }
}
