import SimCore

/// Memory of the replica: retained KV, pins, the DRAM and SSD tiers and their links, and the
/// growth and preemption of running turns' allocations.
extension SessionServer {
    var freeTokens: Int { hbm.freeTokens }

    func bytes(_ tokens: Int) -> Double { Double(tokens) * Double(settings.cost.model.kvBytesPerToken) }

    /// Adds `tokens` (negative: frees them) to HBM's occupancy, recording the occupancy until `now` first.
    mutating func chargeHBM(_ tokens: Int, now: SimTime) {
        recorder.observeOccupancy(now: now, usedTokens: hbm.usedTokens, capacity: hbm.capacityTokens)
        hbm.usedTokens += tokens
    }

    /// Queues a copy of `tokens` of KV on the host link (between HBM and DRAM); returns when it ends.
    mutating func copy(tokens: Int, now: SimTime) -> SimTime {
        dram.transfer(bytes: bytes(tokens), now: now)
    }

    /// Keeps a finished turn's KV as the policy decides, until the session's next turn.
    mutating func retainIdle(_ idle: IdleKV, sim: inout Simulator<Event>) {
        let decision = hbm.policy.decide(idle)
        guard decision != .drop, idle.tokens > 0 else { return }
        let session = idle.session
        recorder.observeOccupancy(now: idle.now, usedTokens: hbm.usedTokens, capacity: hbm.capacityTokens)
        hbm.holdIdle(idle.tokens, of: session)
        if case .pin(let until) = decision {
            let generation = pins.pin(session, tokens: idle.tokens)
            sim.schedule(
                at: max(until, idle.now + SimTime(ticks: 1)), .pinExpires(session: session, generation: generation))
        } else {
            hbm.policy.retained(idle)
        }
    }

    /// A pin's time-to-live ended before the session's next turn was admitted: its KV is evicted.
    mutating func expirePin(session: Int, generation: Int, now: SimTime) {
        guard pins.holds(session, generation: generation) else { return }
        recorder.pinExpiries += 1
        releaseRetained(session: session, now: now, evicted: true, admitting: -1)
    }

    /// Frees a session's retained KV in HBM: reused by its turn (`evicted == false`), or
    /// evicted, to DRAM when the policy spills and it fits there (making room by dropping
    /// other idle DRAM sessions, never `admitting`'s), else dropped.
    mutating func releaseRetained(session: Int, now: SimTime, evicted: Bool, admitting: Int) {
        let tokens = hbm.idleTokens[session]
        guard tokens > 0 else { return }
        hbm.policy.released(session: session)
        pins.unpin(session, tokens: tokens)
        recorder.observeOccupancy(now: now, usedTokens: hbm.usedTokens, capacity: hbm.capacityTokens)
        hbm.freeIdle(tokens, of: session)
        guard evicted else { return }
        recorder.evictions += 1
        if hbm.policy.spillsToDRAM, makeRoomInDRAM(tokens, keeping: admitting, now: now) {
            dram.push(tokens, of: session)
            _ = copy(tokens: tokens, now: now)
            recorder.bytesToDRAM += bytes(tokens)
        }
    }

    /// Evicts idle KV of sessions other than `session`, in the policy's order, until
    /// `tokens` are free or nothing is left to evict: whole sessions, or, for a policy that
    /// caches blocks, only the tail blocks that make room.
    mutating func evictIdle(untilFree tokens: Int, keeping session: Int, now: SimTime) {
        while freeTokens < tokens, let victim = hbm.policy.victim(excluding: session, now: now) {
            let held = hbm.idleTokens[victim]
            let missing = settings.allocator.rounded(tokens - freeTokens)
            guard hbm.policy.evictsTailBlocks, missing < held else {
                releaseRetained(session: victim, now: now, evicted: true, admitting: session)
                continue
            }
            recorder.evictions += 1
            recorder.observeOccupancy(now: now, usedTokens: hbm.usedTokens, capacity: hbm.capacityTokens)
            hbm.freeIdle(missing, of: victim)
        }
    }

    /// Makes room for `tokens` in DRAM by moving idle DRAM sessions, in DRAM's order and never
    /// `keeping`, to the SSD tier (or dropping them when it has no room); returns whether they fit.
    mutating func makeRoomInDRAM(_ tokens: Int, keeping: Int, now: SimTime) -> Bool {
        guard tokens <= dram.capacityTokens else { return false }
        while dram.freeTokens < tokens, let old = dram.policy.oldest(excluding: keeping) {
            let moved = dram.drop(old)
            recorder.dramDrops += 1
            if makeRoomOnSSD(moved, keeping: keeping) {
                ssd.push(moved, of: old)
                _ = ssd.transfer(bytes: bytes(moved), now: now)
                recorder.bytesToSSD += bytes(moved)
            }
        }
        return dram.freeTokens >= tokens
    }

    /// Drops idle SSD sessions, least recently idle first and never `keeping`, until
    /// `tokens` fit; returns whether they do.
    mutating func makeRoomOnSSD(_ tokens: Int, keeping: Int) -> Bool {
        guard tokens <= ssd.capacityTokens else { return false }
        while ssd.freeTokens < tokens, let old = ssd.policy.oldest(excluding: keeping) {
            ssd.drop(old)
            recorder.ssdDrops += 1
        }
        return ssd.freeTokens >= tokens
    }

    /// Forgets every idle KV of a session that ends early (in HBM, DRAM or SSD), counting no eviction.
    mutating func discardKV(of session: Int, now: SimTime) {
        releaseRetained(session: session, now: now, evicted: false, admitting: session)
        if dram.idleTokens[session] > 0 { dram.drop(session) }
        if ssd.idleTokens[session] > 0 { ssd.drop(session) }
    }

    /// Growing allocators: gives every ready decoding turn, in admission order, the unit its
    /// next token needs, evicting idle KV and then preempting the most recently admitted
    /// running turns (possibly the turn itself) until it fits.
    mutating func growAllocations(now: SimTime) {
        guard settings.allocator.grows, growthPending else { return }
        growthPending = false
        var i = 0
        while i < running.count {
            guard running[i].isDecoding, running[i].readyAt <= now else {
                // A turn still copying in keeps any growth it needs pending.
                if running[i].isDecoding, running[i].nextHeldTokens > running[i].allocated { growthPending = true }
                i += 1
                continue
            }
            // Allocations are whole units: one more is needed exactly when the next token
            // does not fit in what is held.
            guard running[i].nextHeldTokens > running[i].allocated else {
                i += 1
                continue
            }
            let need = settings.allocator.rounded(running[i].nextHeldTokens)
            let extra = need - running[i].allocated
            evictIdle(untilFree: extra, keeping: running[i].session, now: now)
            var preemptedItself = false
            while freeTokens < extra, !preemptedItself {
                preemptedItself = running.count - 1 == i
                preempt(at: running.count - 1, now: now)
            }
            guard !preemptedItself else { continue }
            running[i].allocated = need
            chargeHBM(extra, now: now)
            i += 1
        }
    }

    /// Takes a running turn off the GPU and requeues it at the head of the queue: its KV is
    /// swapped to DRAM (`swap`, when it fits) or freed for recomputation.
    mutating func preempt(at index: Int, now: SimTime) {
        var turn = running.remove(at: index)
        recorder.preemptions += 1
        turn.preemptions += 1
        chargeHBM(-turn.allocated, now: now)
        turn.allocated = 0
        let held = turn.heldTokens
        if settings.preemption == .swap, held > 0, makeRoomInDRAM(held, keeping: turn.session, now: now) {
            turn.swappedOut = held
            dram.usedTokens += held
            swappedTotal += held
            _ = copy(tokens: held, now: now)
            recorder.bytesSwappedOut += bytes(held)
        } else {
            recorder.preemptionRecomputedTokens += turn.ownTokens
        }
        if waitingHead > 0 {
            waitingHead -= 1
            waiting[waitingHead] = turn
        } else {
            waiting.insert(turn, at: 0)
        }
    }
}
