import SimCore

/// Batches: composing a step, advancing its turns, and finishing turns.
extension SessionServer {
    mutating func startStepIfIdle(now: SimTime, sim: inout Simulator<Event>) {
        guard !stepInFlight, !running.isEmpty else { return }
        growAllocations(now: now)
        var budget = settings.maxBatchTokens
        var decodeSequences = 0
        var decodeContext = 0
        var nextReady = SimTime.never
        // The buffers keep their capacity from step to step (no allocation per step).
        stepChunks.removeAll(keepingCapacity: true)
        stepChunks.append(contentsOf: repeatElement(0, count: running.count))
        stepDecodes.removeAll(keepingCapacity: true)
        stepDecodes.append(contentsOf: repeatElement(false, count: running.count))
        // Fields are read in place: copying a whole `Turn` per running turn and step costs.
        var allocated = 0
        var filled = 0
        for i in running.indices {
            allocated += running[i].allocated
            filled += running[i].heldTokens
            guard running[i].isDecoding else { continue }
            guard running[i].readyAt <= now else {
                nextReady = min(nextReady, running[i].readyAt)
                continue
            }
            stepDecodes[i] = true
            decodeSequences += 1
            decodeContext += running[i].contextTokens
        }
        budget -= decodeSequences
        var work = StepWork(decodeSequences: decodeSequences, decodeContext: decodeContext)
        for i in running.indices where !running[i].isDecoding && budget > 0 {
            guard running[i].readyAt <= now else {
                nextReady = min(nextReady, running[i].readyAt)
                continue
            }
            let remaining = running[i].toPrefill - running[i].prefilled
            let chunk = min(budget, remaining)
            let context = running[i].contextTokens
            stepChunks[i] = chunk
            budget -= chunk
            work.prefillTokens += chunk
            work.prefillContext += context
            work.prefillSequences += 1
            if chunk == remaining { work.sampledPrefills += 1 }
            work.prefillPairs += StepWork.attentionPairs(queries: chunk, context: context)
        }
        guard work.tokens > 0 else {
            // Every admitted turn waits for a copy from DRAM: wake up when the first one ends.
            if nextReady != .never, wakeUpAt.map({ $0 > nextReady }) ?? true {
                sim.schedule(at: nextReady, .copyEnds)
                wakeUpAt = nextReady
            }
            return
        }
        let duration = settings.cost.stepTime(work)
        recorder.steps += 1
        recorder.busyTime += duration.seconds
        recorder.observeStep(duration: duration.seconds, running: running.count, reserved: allocated, filled: filled)
        stepInFlight = true
        sim.schedule(after: duration, .stepEnds)
    }

    mutating func finishStep(now: SimTime, sim: inout Simulator<Event>) {
        stepInFlight = false
        // Advances every turn in place and compacts the unfinished ones to the front.
        var kept = 0
        for i in running.indices {
            // Turns admitted while the step ran (at the end of `running`) took no part in it.
            let inStep = i < stepChunks.count
            if inStep, stepChunks[i] > 0 {
                running[i].prefilled += stepChunks[i]
                if running[i].isDecoding, settings.kvKeepFraction < 1 { compressPrompt(at: i, now: now) }
                if running[i].isDecoding {
                    // The step that completes a prefill computes the next token.
                    running[i].generated += 1
                    if !running[i].emittedFirstToken {
                        running[i].emittedFirstToken = true
                        running[i].firstToken = now
                        recorder.ttft.append((now - running[i].arrival).seconds)
                    }
                }
            } else if inStep, stepDecodes[i] {
                running[i].generated += 1
            }
            if running[i].isDecoding && running[i].generated >= running[i].output {
                complete(running[i], now: now, sim: &sim)
            } else {
                if running[i].isDecoding && running[i].nextHeldTokens > running[i].allocated { growthPending = true }
                if kept != i { running[kept] = running[i] }
                kept += 1
            }
        }
        running.removeLast(running.count - kept)
        stepChunks.removeAll(keepingCapacity: true)
        stepDecodes.removeAll(keepingCapacity: true)
    }

    /// Token eviction, as the prefill ends: the turn's KV is compressed to what it keeps, and
    /// its allocation shrinks to the units that hold it (growing allocators) or to the kept
    /// share of its reservation (reserving ones).
    mutating func compressPrompt(at i: Int, now: SimTime) {
        let target =
            settings.allocator.grows
            ? settings.allocator.rounded(min(running[i].ownTokens + 1, running[i].keptCap))
            : running[i].decodeAllocation
        guard target < running[i].allocated else { return }
        chargeHBM(target - running[i].allocated, now: now)
        running[i].allocated = target
    }

    /// Tokens of HBM a finished turn's KV occupies if kept: whole units, or only its full
    /// blocks for a policy that caches blocks.
    func keptTokens(of turn: Turn) -> Int {
        let unit = settings.allocator.granularity
        return hbm.policy.evictsTailBlocks
            ? turn.finalHeldTokens / unit * unit : settings.allocator.rounded(turn.finalHeldTokens)
    }

    mutating func complete(_ turn: Turn, now: SimTime, sim: inout Simulator<Event>) {
        recorder.outputTokens += turn.output
        recorder.completedTurns += 1
        if turn.output > 1 { recorder.tpot.append((now - turn.firstToken).seconds / Double(turn.output - 1)) }
        recorder.normalizedLatency.append((now - turn.arrival).seconds / Double(max(turn.output, 1)))
        let session = turn.session
        let turns = sessions[session].turns
        chargeHBM(-turn.allocated, now: now)
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
