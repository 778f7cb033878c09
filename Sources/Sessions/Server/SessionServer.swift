import SimCore

/// A discrete-event simulation of one serving replica with continuous batching and a KV
/// cache in HBM, serving multi-turn sessions.
///
/// ```
/// a turn arrives -> FCFS queue -> admitted when its KV fits: history + prompt + output
///     tokens are reserved (`reserve-exact`, which knows the output length) or history +
///     prompt + the longest possible output (`reserve-max`); idle retained KV of other
///     sessions is evicted, as the retention policy orders, to make room
/// each step: one decode token for every running sequence, plus prefill chunks of admitted
///     turns in admission order up to the step's token budget; its duration comes from
///     the roofline cost model; the step that completes a prefill emits the first token
/// a finished turn frees its reservation; if the policy keeps idle KV, the session's whole
///     history stays in HBM until its next turn (gap after the turn) or an eviction
/// ```
/// With a DRAM tier and a policy that spills (`tiered-lru`), KV evicted from HBM moves to
/// DRAM over the host link (its HBM is free at once; the copy occupies the link), and a turn
/// whose history is in DRAM copies it back before its prefill: the link is one FIFO
/// channel of `hostLinkBandwidth` bytes/s, and the turn joins batches once its copy ends.
///
/// The system prompt is part of every session's history, or, with `sharesSystemPrompt`,
/// one pinned copy in HBM that every turn attends to (a warm prefix cache for the common
/// prefix). Time is integer nanoseconds; the run is a pure function of the sessions and settings.
struct SessionServer {
    struct Settings {
        let cost: RooflineCostModel
        /// KV capacity of HBM in tokens.
        let kvCapacityTokens: Int
        let maxBatchTokens: Int
        let maxRunning: Int
        let systemPromptTokens: Int
        /// Whether one pinned copy of the system prompt's KV serves every session (warm at
        /// time 0), instead of each session holding and prefilling its own.
        let sharesSystemPrompt: Bool
        /// Output tokens reserved per turn: `nil` reserves the turn's actual output
        /// (reserve-exact); a number reserves that many (reserve-max).
        let reservedOutputTokens: Int?
        /// KV capacity of the DRAM tier in tokens (0: no DRAM tier).
        let dramCapacityTokens: Int
        /// Bytes/s of the host link between HBM and DRAM.
        let hostLinkBandwidth: Double
        /// Admission order: `false` serves turns in arrival order (request-level FCFS); `true`
        /// serves the turns of earlier-arriving sessions first (program-level FCFS, as in
        /// Continuum: an agent's or user's later turns do not queue behind newer sessions).
        var programLevelFCFS = false
        /// Check the bookkeeping after every event (tests); violations are counted in the recorder.
        var checksInvariants = false
    }

    /// One admitted or waiting turn.
    struct Turn {
        let session: Int
        let index: Int
        let arrival: SimTime
        /// Tokens of the conversation before this turn's prompt (system prompt included).
        let history: Int
        let prompt: Int
        let output: Int
        /// Tokens whose KV must be computed: the prompt, plus the history unless it was retained.
        var toPrefill = 0
        var prefilled = 0
        var generated = 0
        var reusedHistory = false
        var admitted = SimTime.zero
        var firstToken = SimTime.zero
        /// When the turn's history is back in HBM (after a copy from DRAM).
        var readyAt = SimTime.zero

        /// Tokens reserved at admission (see `Settings.reservedOutputTokens`).
        var reservation = 0
        /// Tokens of KV the turn leaves: its history, prompt and answer.
        var finalTokens: Int { history + prompt + output }
        /// Tokens already in this turn's KV.
        /// Tokens of the shared system prompt this turn attends to (0 unless shared).
        var sharedPrefix = 0
        /// Tokens already in this turn's own KV.
        var ownTokens: Int { history + prompt - (toPrefill - prefilled) + generated }
        /// Tokens this turn attends to: the shared prefix and its own KV.
        var contextTokens: Int { sharedPrefix + ownTokens }
    }

    enum Event { case turnArrives(session: Int, turn: Int), userReturns(user: Int), stepEnds, copyEnds }

    /// A closed population: `users` users, each starting a new session a think time after
    /// finishing one, until `until`; user u's k-th session is drawn from the workload stream
    /// with label "user u session k", and its first start from "user u start".
    struct ClosedPopulation {
        let users: Int
        let until: SimTime
        let generator: SessionWorkloadGenerator
        let root: RandomSource
    }

    let settings: Settings
    private(set) var sessions: [SessionSpec]
    let population: ClosedPopulation?
    /// The user of each session (closed population), empty otherwise.
    private var userOf: [Int] = []
    private var sessionsStarted: [Int] = []
    var retention: any KVRetentionPolicy
    var recorder = SessionMetricsRecorder()

    private var waiting: [Turn] = []
    private var waitingHead = 0
    private var running: [Turn] = []
    /// Retained (idle) KV tokens of each session, 0 if none, and their sum.
    private var retainedTokens: [Int]
    private var retainedTotal = 0
    /// The time of the scheduled wake-up for turns waiting on a DRAM copy, if any.
    private var wakeUpAt: SimTime?
    private var usedTokens = 0
    /// Idle KV tokens of each session held in DRAM, 0 if none; LRU order of those sessions.
    private var dramTokens: [Int]
    private var dramIdle: SessionLRUList
    private var dramUsed = 0
    /// When the host link finishes the copies queued so far.
    private var linkFreeAt = SimTime.zero
    private var stepInFlight = false
    /// The chunk sizes of the step in flight, by position in `running`.
    private var stepChunks: [Int] = []

    init(settings: Settings, sessions: [SessionSpec], retention: any KVRetentionPolicy, population: ClosedPopulation? = nil) {
        self.settings = settings
        self.sessions = sessions
        self.population = population
        self.retention = retention
        retainedTokens = [Int](repeating: 0, count: sessions.count)
        dramTokens = retainedTokens
        dramIdle = SessionLRUList(sessions: sessions.count)
    }

    /// Runs every session to completion (or until `limit`) and returns the metrics.
    mutating func run(limit: SimTime) -> SessionMetricsRecorder {
        var sim = Simulator<Event>()
        for (s, session) in sessions.enumerated() where !session.turns.isEmpty {
            sim.schedule(at: session.arrival, .turnArrives(session: s, turn: 0))
        }
        if let population {
            sessionsStarted = [Int](repeating: 0, count: population.users)
            for user in 0..<population.users {
                var start = population.root.split("user \(user) start")
                sim.schedule(at: .seconds(start.exponential(rate: 1 / population.generator.thinkTimeMean)), .userReturns(user: user))
            }
        }
        usedTokens = pinnedTokens
        sim.run(until: limit) { event, sim in
            switch event {
            case .turnArrives(let s, let t): arrive(session: s, turn: t, now: sim.now)
            case .userReturns(let user): startSession(of: user, now: sim.now)
            case .stepEnds: finishStep(now: sim.now, sim: &sim)
            case .copyEnds: wakeUpAt = nil
            }
            admit(now: sim.now, sim: &sim)
            startStepIfIdle(now: sim.now, sim: &sim)
            if settings.checksInvariants, !invariantsHold() { recorder.invariantViolations += 1 }
        }
        recorder.finish(now: sim.now, usedTokens: usedTokens, capacity: settings.kvCapacityTokens, events: sim.eventsHandled)
        recorder.unfinishedTurns = running.count + (waiting.count - waitingHead)
        return recorder
    }

    /// The bookkeeping identities: HBM use is the running reservations plus the retained
    /// KV, DRAM use is the sum of DRAM copies, both within capacity, and no session holds
    /// KV in both tiers.
    func invariantsHold() -> Bool {
        let reserved = running.reduce(0) { $0 + $1.reservation }
        let retained = retainedTokens.reduce(0, +)
        let inDRAM = dramTokens.reduce(0, +)
        let bothTiers = zip(retainedTokens, dramTokens).contains { $0 > 0 && $1 > 0 }
        return usedTokens == pinnedTokens + reserved + retained && retained == retainedTotal && dramUsed == inDRAM
            && usedTokens <= settings.kvCapacityTokens && dramUsed <= max(settings.dramCapacityTokens, 0) && !bothTiers
    }

    /// A user of the closed population starts a new session now (unless the run is over).
    private mutating func startSession(of user: Int, now: SimTime) {
        guard let population, now < population.until else { return }
        let spec = population.generator.session(label: "user \(user) session \(sessionsStarted[user])", arrival: now, root: population.root)
        sessionsStarted[user] += 1
        sessions.append(spec)
        userOf.append(user)
        retainedTokens.append(0)
        dramTokens.append(0)
        arrive(session: sessions.count - 1, turn: 0, now: now)
    }

    /// The session's own history before `turn`: its earlier prompts and answers, and the
    /// system prompt unless that is shared.
    private func historyBefore(session: Int, turn: Int) -> Int {
        (settings.sharesSystemPrompt ? 0 : settings.systemPromptTokens)
            + sessions[session].turns[..<turn].reduce(0) { $0 + $1.promptTokens + $1.outputTokens }
    }

    /// KV tokens pinned for the whole run: the shared system prompt.
    private var pinnedTokens: Int { settings.sharesSystemPrompt ? settings.systemPromptTokens : 0 }

    private mutating func arrive(session: Int, turn: Int, now: SimTime) {
        let spec = sessions[session].turns[turn]
        var waitingTurn = Turn(
            session: session, index: turn, arrival: now, history: historyBefore(session: session, turn: turn), prompt: spec.promptTokens,
            output: spec.outputTokens)
        waitingTurn.sharedPrefix = pinnedTokens
        waitingTurn.reservation = waitingTurn.history + waitingTurn.prompt + max(spec.outputTokens, settings.reservedOutputTokens ?? 0)
        if settings.programLevelFCFS {
            // Insert after every waiting turn of a session that arrived no later (stable).
            let key = sessions[session].arrival
            var low = waitingHead, high = waiting.count
            while low < high {
                let mid = (low + high) / 2
                if sessions[waiting[mid].session].arrival <= key { low = mid + 1 } else { high = mid }
            }
            waiting.insert(waitingTurn, at: low)
        } else {
            waiting.append(waitingTurn)
        }
    }

    /// Admits waiting turns in FCFS order while their reservations fit. Idle KV of other
    /// sessions is evicted only when that makes the head turn fit.
    private mutating func admit(now: SimTime, sim: inout Simulator<Event>) {
        while waitingHead < waiting.count, running.count < settings.maxRunning {
            var turn = waiting[waitingHead]
            let retained = retainedTokens[turn.session]
            let need = turn.reservation - retained
            if turn.reservation > settings.kvCapacityTokens {
                // It can never fit: the session ends here.
                recorder.rejectedTurns += 1
                discardKV(of: turn.session, now: now)
                waitingHead += 1
                endSession(turn.session, now: now, sim: &sim)
                continue
            }
            let evictable = retainedTotal - retained
            guard settings.kvCapacityTokens - usedTokens + evictable >= need else { break }
            while settings.kvCapacityTokens - usedTokens < need, let victim = retention.victim(excluding: turn.session) {
                releaseRetained(session: victim, now: now, evicted: true, admitting: turn.session)
            }
            let freeNow = settings.kvCapacityTokens - usedTokens
            let stillRetained = retainedTokens[turn.session]
            guard freeNow >= turn.reservation - stillRetained else { break }
            let inDRAM = dramTokens[turn.session]
            turn.reusedHistory = stillRetained > 0 || inDRAM > 0
            if turn.index > 0 { recorder.laterTurnsAdmitted += 1 }
            if stillRetained > 0 {
                retention.released(session: turn.session)
                retainedTokens[turn.session] = 0
                retainedTotal -= stillRetained
                recorder.retainedHits += 1
            } else if inDRAM > 0 {
                dramIdle.remove(turn.session)
                dramTokens[turn.session] = 0
                dramUsed -= inDRAM
                let bytes = Double(inDRAM) * Double(settings.cost.model.kvBytesPerToken)
                turn.readyAt = copy(bytes: bytes, now: now)
                recorder.bytesFromDRAM += bytes
                recorder.retainedHits += 1
                recorder.dramHits += 1
            } else if turn.index > 0 {
                recorder.recomputedPrefillTokens += turn.history
            }
            turn.toPrefill = turn.prompt + (turn.reusedHistory ? 0 : turn.history)
            setUsed(usedTokens - stillRetained + turn.reservation, now: now)
            turn.admitted = now
            recorder.queueingDelays.append((now - turn.arrival).seconds)
            running.append(turn)
            waitingHead += 1
        }
        if waitingHead > 1_024, waitingHead * 2 > waiting.count {
            waiting.removeFirst(waitingHead)
            waitingHead = 0
        }
    }

    /// Evicts a session's idle KV from HBM: to DRAM when the policy spills and it fits
    /// there (making room by dropping other DRAM sessions, never `admitting`'s), else dropped.
    private mutating func releaseRetained(session: Int, now: SimTime, evicted: Bool, admitting: Int) {
        let tokens = retainedTokens[session]
        guard tokens > 0 else { return }
        retention.released(session: session)
        retainedTokens[session] = 0
        retainedTotal -= tokens
        if evicted { recorder.evictions += 1 }
        setUsed(usedTokens - tokens, now: now)
        if evicted, retention.spillsToDRAM, tokens <= settings.dramCapacityTokens {
            while settings.dramCapacityTokens - dramUsed < tokens, let old = dramIdle.oldest(excluding: admitting) {
                dropFromDRAM(old)
                recorder.dramDrops += 1
            }
            guard settings.dramCapacityTokens - dramUsed >= tokens else { return }
            dramTokens[session] = tokens
            dramUsed += tokens
            dramIdle.push(session)
            let bytes = Double(tokens) * Double(settings.cost.model.kvBytesPerToken)
            _ = copy(bytes: bytes, now: now)
            recorder.bytesToDRAM += bytes
        }
    }

    /// Forgets every KV of a session that ends early (in HBM or DRAM), counting no eviction.
    private mutating func discardKV(of session: Int, now: SimTime) {
        let tokens = retainedTokens[session]
        if tokens > 0 {
            retention.released(session: session)
            retainedTokens[session] = 0
            retainedTotal -= tokens
            setUsed(usedTokens - tokens, now: now)
        }
        if dramTokens[session] > 0 { dropFromDRAM(session) }
    }

    /// A session is over: its user (closed population) returns after a think time.
    private mutating func endSession(_ session: Int, now: SimTime, sim: inout Simulator<Event>) {
        guard let population, session < userOf.count else { return }
        let user = userOf[session]
        var think = population.root.split("user \(user) after session \(sessionsStarted[user])")
        sim.schedule(after: .seconds(think.exponential(rate: 1 / population.generator.thinkTimeMean)), .userReturns(user: user))
    }

    private mutating func dropFromDRAM(_ session: Int) {
        dramUsed -= dramTokens[session]
        dramTokens[session] = 0
        dramIdle.remove(session)
    }

    /// Queues a copy of `bytes` on the host link; returns when it ends.
    private mutating func copy(bytes: Double, now: SimTime) -> SimTime {
        let start = max(now, linkFreeAt)
        linkFreeAt = start + .seconds(bytes / settings.hostLinkBandwidth)
        return linkFreeAt
    }

    private mutating func setUsed(_ tokens: Int, now: SimTime) {
        recorder.observeOccupancy(now: now, usedTokens: usedTokens, capacity: settings.kvCapacityTokens)
        usedTokens = tokens
    }

    private mutating func startStepIfIdle(now: SimTime, sim: inout Simulator<Event>) {
        guard !stepInFlight, !running.isEmpty else { return }
        var budget = settings.maxBatchTokens
        var decodeSequences = 0, decodeContext = 0
        stepChunks = [Int](repeating: 0, count: running.count)
        for turn in running where turn.prefilled == turn.toPrefill {
            decodeSequences += 1
            decodeContext += turn.contextTokens
        }
        budget -= decodeSequences
        var prefillTokens = 0, prefillContext = 0
        var pairs = 0.0
        var nextReady = SimTime.never
        for i in running.indices where running[i].prefilled < running[i].toPrefill && budget > 0 {
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
            // Every admitted turn waits for its copy from DRAM: wake up when the first one ends.
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
        var reserved = 0, filled = 0
        for turn in running {
            reserved += turn.reservation
            filled += turn.ownTokens
        }
        recorder.observeStep(duration: duration.seconds, running: running.count, reserved: reserved, filled: filled)
        stepInFlight = true
        sim.schedule(after: duration, .stepEnds)
    }

    private mutating func finishStep(now: SimTime, sim: inout Simulator<Event>) {
        stepInFlight = false
        var kept: [Turn] = []
        kept.reserveCapacity(running.count)
        for (i, var turn) in running.enumerated() {
            if i < stepChunks.count, stepChunks[i] > 0 {
                turn.prefilled += stepChunks[i]
                if turn.prefilled == turn.toPrefill {
                    turn.generated = 1
                    turn.firstToken = now
                    recorder.ttft.append((now - turn.arrival).seconds)
                }
            } else if turn.prefilled == turn.toPrefill, i < stepChunks.count {
                turn.generated += 1
            }
            if turn.prefilled == turn.toPrefill && turn.generated >= turn.output {
                complete(turn, now: now, sim: &sim)
            } else {
                kept.append(turn)
            }
        }
        running = kept
        stepChunks = []
    }

    private mutating func complete(_ turn: Turn, now: SimTime, sim: inout Simulator<Event>) {
        recorder.outputTokens += turn.output
        recorder.completedTurns += 1
        if turn.output > 1 { recorder.tpot.append((now - turn.firstToken).seconds / Double(turn.output - 1)) }
        let turns = sessions[turn.session].turns
        var used = usedTokens - turn.reservation
        if turn.index + 1 < turns.count {
            if retention.keepsIdleKV(session: turn.session) {
                retainedTokens[turn.session] = turn.finalTokens
                retainedTotal += turn.finalTokens
                retention.retained(session: turn.session)
                used += turn.finalTokens
            }
            sim.schedule(after: turns[turn.index].gapAfter, .turnArrives(session: turn.session, turn: turn.index + 1))
        } else {
            recorder.completedSessions += 1
            recorder.sessionTimes.append((now - sessions[turn.session].arrival).seconds)
            recorder.lastCompletion = now
            endSession(turn.session, now: now, sim: &sim)
        }
        setUsed(used, now: now)
    }
}
