import SimCore

/// A discrete-event simulation of one serving replica with continuous batching and a KV
/// cache in HBM, serving multi-turn sessions.
///
/// ```
/// a turn arrives -> FCFS queue -> admitted when its first allocation fits (`KVAllocator`):
///     the reserving allocators reserve history + prompt + output at once, the growing
///     ones the units for history + prompt + the first output token (and, while other
///     turns wait, leave `admissionWatermarkTokens` free); idle retained KV of other
///     sessions is evicted, as the retention policy orders, only when that admits the turn
/// each step: a growing allocator first gives every decoding turn the unit its next token
///     needs, evicting idle KV and then preempting the most recently admitted running turns
///     (recompute or swap); then one decode token for every decoding turn, plus prefill
///     chunks of admitted turns in admission order up to the token budget; its duration
///     comes from the cost model (`StepCostModel`); the step that completes a prefill emits a token
/// a finished turn frees its allocation; the retention policy decides whether the session's
///     KV stays in HBM until its next turn (evictable, or pinned for a time-to-live)
/// ```
/// With a DRAM tier, KV evicted from HBM by a spilling policy (and swapped-out turns) moves
/// to DRAM over the host link (its HBM is free at once; the copy occupies the link), and a
/// turn whose KV is in DRAM copies it back before its prefill: the link is one FIFO channel
/// of `hostLinkBandwidth` bytes/s, and the turn joins batches once its copy ends.
///
/// The system prompt is part of every session's history, except its first
/// `sharedPrefixTokens`, held as one pinned copy in HBM that every turn attends to (a warm
/// prefix cache for the common prefix: the whole prompt with `server.share_system_prompt`,
/// its full blocks under `prefix-cache`). Time is integer nanoseconds; the run is a pure function of the sessions and settings.
///
/// The server's state is split over this file (arrivals and admission),
/// `SessionServer+Memory.swift` (eviction, tiers, preemption) and `SessionServer+Steps.swift`
/// (batches and completions); it is internal to those files' extensions.
struct SessionServer {
    struct Settings {
        let cost: StepCostModel
        /// KV capacity of HBM in tokens.
        let kvCapacityTokens: Int
        let maxBatchTokens: Int
        let maxRunning: Int
        let systemPromptTokens: Int
        /// Leading tokens of the system prompt whose KV is one pinned copy serving every
        /// session (warm at time 0); each session holds and prefills the rest itself.
        let sharedPrefixTokens: Int
        let allocator: KVAllocator
        /// KV capacity of the DRAM tier in tokens (0: no DRAM tier).
        let dramCapacityTokens: Int
        /// Bytes/s of the host link between HBM and DRAM.
        let hostLinkBandwidth: Double
        /// KV capacity of the SSD tier in tokens (0: none) and the bytes/s of its link. Idle
        /// KV that DRAM drops moves there, and comes back through DRAM to HBM.
        var ssdCapacityTokens = 0
        var ssdBandwidth = 7e9
        /// The order in which DRAM drops idle sessions: a classic cache policy, or `nil` for
        /// least recently idle first.
        var dramOrder: CachePolicyKind?
        /// What a growing allocator does with running turns when memory runs out.
        var preemption = PreemptionMode.recompute
        /// Growing allocators admit a turn only if this many tokens stay free after it
        /// (vLLM's watermark, which keeps admitted turns from preempting each other at once).
        var admissionWatermarkTokens = 0
        /// Admission order: `false` serves turns in arrival order (request-level FCFS); `true`
        /// serves the turns of earlier-arriving sessions first (program-level FCFS, as in
        /// Continuum: an agent's or user's later turns do not queue behind newer sessions).
        var programLevelFCFS = false
        /// Share of each turn's final sequence (history, prompt and answer) whose KV a
        /// token-eviction policy keeps (`server.kv_keep_fraction`; 1: all of it). See `Turn.keptCap`.
        var kvKeepFraction = 1.0
        /// Check the bookkeeping after every event (tests); violations are counted in the recorder.
        var checksInvariants = false
    }

    /// One admitted or waiting turn.
    struct Turn {
        let session: Int
        let index: Int
        let arrival: SimTime
        /// Tokens of the conversation before this turn's prompt (system prompt included unless shared).
        let history: Int
        let prompt: Int
        let output: Int
        /// Tokens whose KV must be computed when admitted: the prompt, plus the history unless
        /// it was retained, plus the tokens generated before a preemption by recompute.
        var toPrefill = 0
        var prefilled = 0
        var generated = 0
        var admitted = SimTime.zero
        var firstToken = SimTime.zero
        /// Whether the first token was emitted (it is not emitted again after a preemption).
        var emittedFirstToken = false
        /// When the turn's KV is back in HBM (after a copy from DRAM).
        var readyAt = SimTime.zero
        /// Tokens of HBM allocated to the turn (whole units).
        var allocated = 0
        /// Tokens of the turn's KV in DRAM after a preemption by swap (0 otherwise).
        var swappedOut = 0
        /// Tokens of the shared system prompt this turn attends to (0 unless shared).
        var sharedPrefix = 0
        /// Times this turn was preempted.
        var preemptions = 0
        /// Most tokens of its own KV the turn holds once its prefill is done: keep fraction x
        /// final tokens, rounded, at least 1, under token eviction (the kv-eviction model's
        /// `budget.fraction` of the sequence, the cache H2O holds once the prompt is
        /// compressed), unbounded otherwise. The prefill itself holds the whole prompt.
        var keptCap = Int.max
        /// Under token eviction, a reserving allocator's allocation once the prefill is done
        /// (the keep fraction of its reservation); the prefill's allocation is larger.
        var decodeAllocation = 0

        /// Tokens of KV the turn leaves: its history, prompt and answer.
        var finalTokens: Int { history + prompt + output }
        /// Tokens of this turn's own sequence so far: history, prompt and generated tokens.
        var sequenceTokens: Int { history + prompt + generated }
        /// Tokens of this turn's own sequence already computed.
        var ownTokens: Int { sequenceTokens - (toPrefill - prefilled) }
        /// Tokens of its own KV the turn holds: the computed ones, at most `keptCap` once the
        /// prefill is done (a prefill holds and attends to the whole prompt).
        var heldTokens: Int { isDecoding ? min(ownTokens, keptCap) : ownTokens }
        /// Tokens of its own KV the turn holds once its next token is computed.
        var nextHeldTokens: Int { min(ownTokens + 1, keptCap) }
        /// Tokens of its own KV the turn leaves when it ends.
        var finalHeldTokens: Int { min(finalTokens, keptCap) }
        /// Tokens this turn attends to: the shared prefix and the KV it holds.
        var contextTokens: Int { sharedPrefix + heldTokens }
        var isDecoding: Bool { prefilled == toPrefill }
    }

    enum Event {
        case turnArrives(session: Int, turn: Int)
        case userReturns(user: Int)
        case stepEnds
        case copyEnds
        /// The time-to-live of a pinned session's KV ends (`generation` tells stale pins apart).
        case pinExpires(session: Int, generation: Int)
    }

    /// A closed population: the users `users` (their ids in the whole population), each
    /// starting a new session a think time after finishing one, until `until`; user u's
    /// k-th session is drawn from the workload stream with label "user u session k", and
    /// its first start from "user u start".
    struct ClosedPopulation {
        let users: [Int]
        let until: SimTime
        let generator: SessionWorkloadGenerator
        let root: RandomSource
    }

    let settings: Settings
    var sessions: [SessionSpec]
    let population: ClosedPopulation?
    /// The user of each session (closed population), empty otherwise.
    var userOf: [Int] = []
    var sessionsStarted: [Int] = []
    var recorder = SessionMetricsRecorder()

    var waiting: [Turn] = []
    var waitingHead = 0
    var running: [Turn] = []
    /// Tokens of each session's conversation so far (prompts and answers of finished turns).
    var conversationTokens: [Int]
    /// HBM: its occupancy is the shared prompt, the running turns' allocations and the idle
    /// KV the retention policy keeps; some of that idle KV is pinned.
    var hbm: KVTier<any KVRetentionPolicy>
    var pins: SessionPins
    /// DRAM, behind the host link: idle KV spilled from HBM and swapped-out turns
    /// (`swappedTotal` tokens), dropped to SSD in its order.
    var dram: KVTier<any IdleSessionOrder>
    var swappedTotal = 0
    /// SSD, behind the SSD link: idle KV dropped from DRAM, least recently idle dropped first.
    var ssd: KVTier<any IdleSessionOrder>
    /// The time of the scheduled wake-up for turns waiting on a DRAM copy, if any.
    var wakeUpAt: SimTime?
    var stepInFlight = false
    /// Whether some decoding turn's next token needs a unit it does not hold (set when a
    /// step ends; growing allocators check the running turns only then).
    var growthPending = false
    /// The chunk sizes of the step in flight, by position in `running`, and whether each
    /// running turn decodes in it.
    var stepChunks: [Int] = []
    var stepDecodes: [Bool] = []

    init(
        settings: Settings, sessions: [SessionSpec], retention: any KVRetentionPolicy,
        population: ClosedPopulation? = nil
    ) {
        self.settings = settings
        self.sessions = sessions
        self.population = population
        let count = sessions.count
        conversationTokens = [Int](repeating: 0, count: count)
        hbm = KVTier(capacityTokens: settings.kvCapacityTokens, sessions: count, policy: retention)
        pins = SessionPins(sessions: count)
        dram = KVTier(
            capacityTokens: max(settings.dramCapacityTokens, 0), sessions: count,
            policy: settings.dramOrder.map { $0.order(sessions: count) } ?? SessionLRUList(sessions: count),
            link: KVLink(bytesPerSecond: settings.hostLinkBandwidth))
        ssd = KVTier(
            capacityTokens: settings.ssdCapacityTokens, sessions: count, policy: SessionLRUList(sessions: count),
            link: KVLink(bytesPerSecond: settings.ssdBandwidth))
    }

    /// Runs every session to completion (or until `limit`) and returns the metrics.
    mutating func run(limit: SimTime) -> SessionMetricsRecorder {
        var sim = Simulator<Event>()
        for (s, session) in sessions.enumerated() where !session.turns.isEmpty {
            sim.schedule(at: session.arrival, .turnArrives(session: s, turn: 0))
        }
        if let population {
            sessionsStarted = [Int](repeating: 0, count: population.users.count)
            for user in population.users.indices {
                var start = population.root.split("user \(population.users[user]) start")
                sim.schedule(
                    at: .seconds(start.exponential(rate: 1 / population.generator.thinkTimeMean)),
                    .userReturns(user: user))
            }
        }
        hbm.usedTokens = pinnedPromptTokens
        sim.run(until: limit) { event, sim in
            switch event {
            case .turnArrives(let s, let t): arrive(session: s, turn: t, now: sim.now)
            case .userReturns(let user): startSession(of: user, now: sim.now)
            case .stepEnds: finishStep(now: sim.now, sim: &sim)
            case .copyEnds: wakeUpAt = nil
            case .pinExpires(let s, let generation): expirePin(session: s, generation: generation, now: sim.now)
            }
            admit(now: sim.now, sim: &sim)
            startStepIfIdle(now: sim.now, sim: &sim)
            if settings.checksInvariants, !invariantsHold() { recorder.invariantViolations += 1 }
        }
        recorder.finish(
            now: sim.now, usedTokens: hbm.usedTokens, capacity: hbm.capacityTokens, events: sim.eventsHandled)
        recorder.unfinishedTurns = running.count + (waiting.count - waitingHead)
        return recorder
    }

    /// The bookkeeping identities: HBM use is the pinned prompt plus the running allocations
    /// plus the retained KV (pins among it), DRAM use is the idle DRAM copies plus the
    /// swapped-out turns, SSD use is the idle SSD copies, all within capacity, no session
    /// holds idle KV in two tiers, and
    /// every allocation is whole units covering its turn's KV (for growing allocators, no
    /// more units than its sequence and next token need).
    func invariantsHold() -> Bool {
        let allocated = running.reduce(0) { $0 + $1.allocated }
        let pinnedTokens = hbm.idleTokens.indices.reduce(0) { $0 + (pins.isPinned[$1] ? hbm.idleTokens[$1] : 0) }
        let swapped = waiting[waitingHead...].reduce(0) { $0 + $1.swappedOut }
        let tiers = [hbm.idleTokens, dram.idleTokens, ssd.idleTokens]
        let bothTiers = hbm.idleTokens.indices.contains { s in tiers.filter { $0[s] > 0 }.count > 1 }
        let allocator = settings.allocator
        let covered = running.allSatisfy { turn in
            turn.allocated % allocator.granularity == 0 && turn.allocated >= turn.heldTokens
                && (!allocator.grows
                    || turn.allocated
                        <= allocator.rounded(
                            turn.isDecoding ? min(turn.sequenceTokens + 1, turn.keptCap) : turn.sequenceTokens + 1))
        }
        let sumsHold = zip(tiers, [hbm.idleTotal, dram.idleTotal, ssd.idleTotal]).allSatisfy { $0.reduce(0, +) == $1 }
        return sumsHold && hbm.usedTokens == pinnedPromptTokens + allocated + hbm.idleTotal
            && pinnedTokens == pins.totalTokens && swapped == swappedTotal
            && dram.usedTokens == dram.idleTotal + swapped && ssd.usedTokens == ssd.idleTotal
            && hbm.usedTokens <= hbm.capacityTokens && dram.usedTokens <= dram.capacityTokens
            && ssd.usedTokens <= ssd.capacityTokens && !bothTiers && covered
    }

    /// A user of the closed population starts a new session now (unless the run is over).
    private mutating func startSession(of user: Int, now: SimTime) {
        guard let population, now < population.until else { return }
        let spec = population.generator.session(
            label: "user \(population.users[user]) session \(sessionsStarted[user])", arrival: now,
            root: population.root)
        sessionsStarted[user] += 1
        sessions.append(spec)
        userOf.append(user)
        conversationTokens.append(0)
        hbm.addSession()
        pins.addSession()
        dram.addSession()
        ssd.addSession()
        arrive(session: sessions.count - 1, turn: 0, now: now)
    }

    /// KV tokens held for the whole run: the shared system prompt, in whole units.
    var pinnedPromptTokens: Int { settings.allocator.rounded(settings.sharedPrefixTokens) }

    private mutating func arrive(session: Int, turn: Int, now: SimTime) {
        let spec = sessions[session].turns[turn]
        let history = settings.systemPromptTokens - settings.sharedPrefixTokens + conversationTokens[session]
        var waitingTurn = Turn(
            session: session, index: turn, arrival: now, history: history, prompt: spec.promptTokens,
            output: spec.outputTokens)
        waitingTurn.sharedPrefix = settings.sharedPrefixTokens
        if settings.kvKeepFraction < 1 {
            waitingTurn.keptCap = kept(waitingTurn.finalTokens)
        }
        if settings.programLevelFCFS {
            // Insert after every waiting turn of a session that arrived no later (stable).
            let key = sessions[session].arrival
            var low = waitingHead
            var high = waiting.count
            while low < high {
                let mid = (low + high) / 2
                if sessions[waiting[mid].session].arrival <= key { low = mid + 1 } else { high = mid }
            }
            waiting.insert(waitingTurn, at: low)
        } else {
            waiting.append(waitingTurn)
        }
    }

    /// The tokens token eviction keeps of `tokens`: the keep fraction, rounded, at least 1.
    func kept(_ tokens: Int) -> Int { max(1, Int((settings.kvKeepFraction * Double(tokens)).rounded())) }

    /// HBM tokens a waiting turn needs at admission, counting what its session retains:
    /// the allocator's reservation, or under token eviction the larger of the whole prompt
    /// (the prefill) and the kept share of the reservation (set as `decodeAllocation`).
    private func firstAllocation(of turn: inout Turn) -> Int {
        let reservation: Int
        switch settings.allocator {
        case .reserveExact: reservation = turn.finalTokens
        case .reserveMax(let outputTokens): reservation = turn.history + turn.prompt + max(turn.output, outputTokens)
        case .reservePow2(let outputTokens):
            reservation =
                turn.history + turn.prompt + KVAllocator.powerOfTwoReservation(output: turn.output, cap: outputTokens)
        case .paged, .demandPaged:
            // A turn swapped out while decoding comes back compressed.
            let resumesDecoding = turn.swappedOut > 0 && turn.isDecoding
            return settings.allocator.rounded(resumesDecoding ? turn.nextHeldTokens : turn.sequenceTokens + 1)
        }
        guard settings.kvKeepFraction < 1 else { return reservation }
        turn.decodeAllocation = kept(reservation)
        return max(turn.sequenceTokens + 1, turn.decodeAllocation)
    }

    /// Admits waiting turns in FCFS order while their first allocations fit. Idle KV of
    /// other sessions is evicted only when that makes the head turn fit.
    private mutating func admit(now: SimTime, sim: inout Simulator<Event>) {
        while waitingHead < waiting.count, running.count < settings.maxRunning {
            var turn = waiting[waitingHead]
            let allocation = firstAllocation(of: &turn)
            if max(allocation, settings.allocator.rounded(turn.finalHeldTokens)) > settings.kvCapacityTokens
                - pinnedPromptTokens
            {
                // It can never fit: the session ends here.
                recorder.rejectedTurns += 1
                discardKV(of: turn.session, now: now)
                if turn.swappedOut > 0 {
                    dram.usedTokens -= turn.swappedOut
                    swappedTotal -= turn.swappedOut
                }
                waitingHead += 1
                endSession(turn.session, now: now, sim: &sim)
                continue
            }
            let retained = hbm.idleTokens[turn.session]
            let headroom = settings.allocator.grows && !running.isEmpty ? settings.admissionWatermarkTokens : 0
            let need = allocation - retained + headroom
            let evictable = hbm.idleTotal - pins.totalTokens - (pins.isPinned[turn.session] ? 0 : retained)
            guard hbm.freeTokens + evictable >= need else { break }
            evictIdle(untilFree: need, keeping: turn.session, now: now)
            guard freeTokens >= need else { break }
            admitHead(&turn, allocation: allocation, now: now)
            running.append(turn)
            waitingHead += 1
        }
        if waitingHead > 1_024, waitingHead * 2 > waiting.count {
            waiting.removeFirst(waitingHead)
            waitingHead = 0
        }
    }

    /// Gives the head turn its allocation and finds its KV: retained in HBM, in DRAM (idle
    /// copy or swap), or to be prefilled.
    private mutating func admitHead(_ turn: inout Turn, allocation: Int, now: SimTime) {
        let session = turn.session
        let retained = hbm.idleTokens[session]
        let inDRAM = dram.idleTokens[session]
        let inSSD = ssd.idleTokens[session]
        let resumed = turn.preemptions > 0
        if turn.index > 0 && !resumed { recorder.laterTurnsAdmitted += 1 }
        // Tokens of the history whose KV is found (all of it, or a cached prefix of blocks).
        var historyFound = 0
        if retained > 0 {
            // Its idle KV becomes part of the allocation.
            releaseRetained(session: session, now: now, evicted: false, admitting: session)
            hbm.policy.reused(session: session)
            recorder.retainedHits += 1
            historyFound = min(retained, turn.history)
        } else if inDRAM > 0 {
            hbm.policy.reused(session: session)
            dram.drop(session)
            turn.readyAt = copy(tokens: inDRAM, now: now)
            recorder.bytesFromDRAM += bytes(inDRAM)
            recorder.retainedHits += 1
            recorder.dramHits += 1
            historyFound = min(inDRAM, turn.history)
        } else if inSSD > 0 {
            hbm.policy.reused(session: session)
            ssd.drop(session)
            // SSD -> DRAM over the SSD link, then DRAM -> HBM over the host link.
            turn.readyAt = copy(tokens: inSSD, now: ssd.transfer(bytes: bytes(inSSD), now: now))
            recorder.bytesFromSSD += bytes(inSSD)
            recorder.bytesFromDRAM += bytes(inSSD)
            recorder.retainedHits += 1
            recorder.ssdHits += 1
            historyFound = min(inSSD, turn.history)
        }
        if turn.swappedOut > 0 {
            // Its sequence so far comes back from DRAM; the prefill resumes where it stopped.
            dram.usedTokens -= turn.swappedOut
            swappedTotal -= turn.swappedOut
            turn.readyAt = copy(tokens: turn.swappedOut, now: now)
            recorder.bytesSwappedIn += bytes(turn.swappedOut)
            turn.swappedOut = 0
        } else if resumed {
            // Preempted by recompute: its history, prompt and generated tokens are prefilled again.
            turn.toPrefill = turn.sequenceTokens
            turn.prefilled = 0
        } else {
            if turn.index > 0 {
                recorder.recomputedPrefillTokens += turn.history - historyFound
                recorder.laterTurnHistoryTokens += turn.history
                recorder.reusedHistoryTokens += historyFound
            }
            turn.toPrefill = turn.prompt + turn.history - historyFound
            recorder.queueingDelays.append((now - turn.arrival).seconds)
        }
        chargeHBM(allocation, now: now)
        turn.allocated = allocation
        turn.admitted = now
    }

    /// A session is over: its user (closed population) returns after a think time.
    mutating func endSession(_ session: Int, now: SimTime, sim: inout Simulator<Event>) {
        guard let population, session < userOf.count else { return }
        let user = userOf[session]
        var think = population.root.split("user \(population.users[user]) after session \(sessionsStarted[user])")
        sim.schedule(
            after: .seconds(think.exponential(rate: 1 / population.generator.thinkTimeMean)), .userReturns(user: user))
    }
}
