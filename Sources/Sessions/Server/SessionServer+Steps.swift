import SimCore

/// Batches: composing a step, advancing its turns, and finishing turns.
extension SessionServer {
    mutating func startStepIfIdle(now: SimTime, sim: inout Simulator<Event>) {
        guard !stepInFlight, !running.isEmpty else { return }
        growAllocations(now: now)
        var budget = settings.maxBatchTokens
        var decodeSequences = 0, decodeContext = 0
        var nextReady = SimTime.never
        stepChunks = [Int](repeating: 0, count: running.count)
        stepDecodes = [Bool](repeating: false, count: running.count)
        for (i, turn) in running.enumerated() where turn.isDecoding {
            guard turn.readyAt <= now else {
                nextReady = min(nextReady, turn.readyAt)
                continue
            }
            stepDecodes[i] = true
            decodeSequences += 1
            decodeContext += turn.contextTokens
        }
        budget -= decodeSequences
        var prefillTokens = 0, prefillContext = 0
        var pairs = 0.0
        for i in running.indices where !running[i].isDecoding && budget > 0 {
            guard running[i].readyAt <= now else {
                nextReady = min(nextReady, running[i].readyAt)
                continue
            }
            let chunk = min(budget, running[i].toPrefill - running[i].prefilled)
            let context = running[i].contextTokens
            stepChunks[i] = chunk
            budget -= chunk
            prefillTokens += chunk
            prefillContext += context
            pairs += settings.cost.attentionPairs(queries: chunk, context: context)
        }
        guard prefillTokens > 0 || decodeSequences > 0 else {
            // Every admitted turn waits for a copy from DRAM: wake up when the first one ends.
            if nextReady != .never, wakeUpAt.map({ $0 > nextReady }) ?? true {
                sim.schedule(at: nextReady, .copyEnds)
                wakeUpAt = nextReady
            }
            return
        }
        let duration = settings.cost.stepTime(
            prefillTokens: prefillTokens, prefillPairs: pairs, prefillContext: prefillContext, decodeSequences: decodeSequences,
            decodeContext: decodeContext)
        recorder.steps += 1
        recorder.busyTime += duration.seconds
        var allocated = 0, filled = 0
        for turn in running {
            allocated += turn.allocated
            filled += turn.ownTokens
        }
        recorder.observeStep(duration: duration.seconds, running: running.count, reserved: allocated, filled: filled)
        stepInFlight = true
        sim.schedule(after: duration, .stepEnds)
    }

    mutating func finishStep(now: SimTime, sim: inout Simulator<Event>) {
        stepInFlight = false
        var kept: [Turn] = []
        kept.reserveCapacity(running.count)
        for (i, var turn) in running.enumerated() {
            // Turns admitted while the step ran (at the end of `running`) took no part in it.
            let inStep = i < stepChunks.count
            if inStep, stepChunks[i] > 0 {
                turn.prefilled += stepChunks[i]
                if turn.isDecoding {
                    // The step that completes a prefill computes the next token.
                    turn.generated += 1
                    if !turn.emittedFirstToken {
                        turn.emittedFirstToken = true
                        turn.firstToken = now
                        recorder.ttft.append((now - turn.arrival).seconds)
                    }
                }
            } else if inStep, stepDecodes[i] {
                turn.generated += 1
            }
            if turn.isDecoding && turn.generated >= turn.output {
                complete(turn, now: now, sim: &sim)
            } else {
                kept.append(turn)
            }
        }
        running = kept
        stepChunks = []
        stepDecodes = []
    }

    /// Tokens of HBM a finished turn's KV occupies if kept: whole units, or only its full
    /// blocks for a policy that caches blocks.
    func keptTokens(of turn: Turn) -> Int {
        let unit = settings.allocator.granularity
        return retention.evictsTailBlocks ? turn.finalTokens / unit * unit : settings.allocator.rounded(turn.finalTokens)
    }

    mutating func complete(_ turn: Turn, now: SimTime, sim: inout Simulator<Event>) {
        recorder.outputTokens += turn.output
        recorder.completedTurns += 1
        if turn.output > 1 { recorder.tpot.append((now - turn.firstToken).seconds / Double(turn.output - 1)) }
        let session = turn.session
        let turns = sessions[session].turns
        setUsed(usedTokens - turn.allocated, now: now)
        conversationTokens[session] += turn.prompt + turn.output
        if turn.index + 1 < turns.count {
            let spec = turns[turn.index]
            retainIdle(
                IdleKV(
                    session: session, tokens: keptTokens(of: turn), contextTokens: turn.sharedPrefix + turn.finalTokens,
                    turnsDone: turn.index + 1, now: now, gap: spec.gapAfter, tool: spec.tool),
                sim: &sim)
            sim.schedule(after: spec.gapAfter, .turnArrives(session: session, turn: turn.index + 1))
        } else {
            recorder.completedSessions += 1
            recorder.sessionTimes.append((now - sessions[session].arrival).seconds)
            recorder.lastCompletion = now
            endSession(session, now: now, sim: &sim)
        }
    }
}
