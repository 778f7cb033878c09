import SimCore

/// The raw observations of one sessions run, turned into metrics by `SessionsModel`.
struct SessionMetricsRecorder {
    /// Per turn, seconds from arrival to the first output token.
    var ttft: [Double] = []
    /// Per turn with more than one output token, seconds per output token after the first.
    var tpot: [Double] = []
    /// Per completed turn, seconds from arrival to its last token / its output tokens (vLLM's
    /// normalized latency).
    var normalizedLatency: [Double] = []
    /// Per turn, seconds from arrival to admission.
    var queueingDelays: [Double] = []
    /// Per completed session, seconds from its arrival to the end of its last turn.
    var sessionTimes: [Double] = []
    var outputTokens = 0
    var completedTurns = 0
    var completedSessions = 0
    var rejectedTurns = 0
    var unfinishedTurns = 0
    /// Turns after the first that were admitted.
    var laterTurnsAdmitted = 0
    /// Turns after the first whose history was still kept (in HBM or DRAM).
    var retainedHits = 0
    /// History tokens of admitted later turns, and those whose KV was found.
    var laterTurnHistoryTokens = 0
    var reusedHistoryTokens = 0
    /// History tokens prefilled again because they were not retained.
    var recomputedPrefillTokens = 0
    var evictions = 0
    /// Events after which `SessionServer.invariantsHold()` failed (checked in tests only).
    var invariantViolations = 0
    /// Later turns whose history came back from DRAM.
    var dramHits = 0
    /// Idle sessions dropped from DRAM to make room.
    var dramDrops = 0
    var bytesToDRAM = 0.0
    var bytesFromDRAM = 0.0
    /// Later turns whose history came back from SSD, idle SSD sessions dropped, and bytes moved.
    var ssdHits = 0
    var ssdDrops = 0
    var bytesToSSD = 0.0
    var bytesFromSSD = 0.0
    /// Running turns preempted because a growing allocation found no memory.
    var preemptions = 0
    /// KV tokens of preempted turns that were freed and must be computed again.
    var preemptionRecomputedTokens = 0
    /// KV bytes of preempted turns copied to DRAM and back.
    var bytesSwappedOut = 0.0
    var bytesSwappedIn = 0.0
    /// Pinned idle KV evicted because its time-to-live ended before the next turn was admitted.
    var pinExpiries = 0
    var steps = 0
    var busyTime = 0.0
    var events = 0
    var lastCompletion = SimTime.zero
    /// Integral of used KV tokens over time, in token-seconds, and the time it covers.
    private var occupancyIntegral = 0.0
    private var lastOccupancyTime = SimTime.zero
    private(set) var meanOccupancy = 0.0
    /// Simulated time when the run ended.
    private(set) var endTime = SimTime.zero

    /// Step-time-weighted sums: running turns, and reserved and filled KV tokens of running turns.
    private(set) var runningTime = 0.0
    private(set) var reservedTime = 0.0
    private(set) var filledTime = 0.0

    /// Accounts one step of `duration` seconds with `running` turns holding `reserved` KV
    /// tokens of which `filled` hold a token.
    mutating func observeStep(duration: Double, running: Int, reserved: Int, filled: Int) {
        runningTime += duration * Double(running)
        reservedTime += duration * Double(reserved)
        filledTime += duration * Double(filled)
    }

    /// Accounts the occupancy `usedTokens` held from the previous observation until `now`.
    mutating func observeOccupancy(now: SimTime, usedTokens: Int, capacity: Int) {
        occupancyIntegral += Double(usedTokens) * (now - lastOccupancyTime).seconds
        lastOccupancyTime = now
    }

    /// Replicas whose observations this recorder holds (1 for one run, more after `merge`).
    private(set) var replicas = 0
    /// KV capacity times replicas, for the utilisation of merged runs.
    private var capacityTotal = 0

    /// Adds the observations of another replica's run: samples are concatenated (this
    /// recorder's first), counts and integrals summed; the run ends when the last replica's does.
    mutating func merge(_ other: SessionMetricsRecorder) {
        ttft += other.ttft
        tpot += other.tpot
        normalizedLatency += other.normalizedLatency
        queueingDelays += other.queueingDelays
        sessionTimes += other.sessionTimes
        outputTokens += other.outputTokens
        completedTurns += other.completedTurns
        completedSessions += other.completedSessions
        rejectedTurns += other.rejectedTurns
        unfinishedTurns += other.unfinishedTurns
        laterTurnsAdmitted += other.laterTurnsAdmitted
        retainedHits += other.retainedHits
        laterTurnHistoryTokens += other.laterTurnHistoryTokens
        reusedHistoryTokens += other.reusedHistoryTokens
        recomputedPrefillTokens += other.recomputedPrefillTokens
        evictions += other.evictions
        invariantViolations += other.invariantViolations
        dramHits += other.dramHits
        dramDrops += other.dramDrops
        bytesToDRAM += other.bytesToDRAM
        bytesFromDRAM += other.bytesFromDRAM
        ssdHits += other.ssdHits
        ssdDrops += other.ssdDrops
        bytesToSSD += other.bytesToSSD
        bytesFromSSD += other.bytesFromSSD
        preemptions += other.preemptions
        preemptionRecomputedTokens += other.preemptionRecomputedTokens
        bytesSwappedOut += other.bytesSwappedOut
        bytesSwappedIn += other.bytesSwappedIn
        pinExpiries += other.pinExpiries
        steps += other.steps
        busyTime += other.busyTime
        events += other.events
        lastCompletion = max(lastCompletion, other.lastCompletion)
        occupancyIntegral += other.occupancyIntegral
        runningTime += other.runningTime
        reservedTime += other.reservedTime
        filledTime += other.filledTime
        endTime = max(endTime, other.endTime)
        replicas += other.replicas
        capacityTotal += other.capacityTotal
        meanOccupancy = endTime.ticks > 0 ? occupancyIntegral / endTime.seconds / Double(max(capacityTotal, 1)) : 0
    }

    mutating func finish(now: SimTime, usedTokens: Int, capacity: Int, events: Int) {
        observeOccupancy(now: now, usedTokens: usedTokens, capacity: capacity)
        meanOccupancy = now.ticks > 0 ? occupancyIntegral / now.seconds / Double(max(capacity, 1)) : 0
        endTime = now
        self.events = events
        replicas = 1
        capacityTotal = capacity
    }
}
