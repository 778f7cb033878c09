import SimCore

/// Memory of the replica: retained KV, pins, the DRAM and SSD tiers and their links, and the
/// growth and preemption of running turns' allocations.
extension SessionServer {
    var freeTokens: Int { settings.kvCapacityTokens - usedTokens }

    func bytes(_ tokens: Int) -> Double { Double(tokens) * Double(settings.cost.model.kvBytesPerToken) }

    mutating func setUsed(_ tokens: Int, now: SimTime) {
        recorder.observeOccupancy(now: now, usedTokens: usedTokens, capacity: settings.kvCapacityTokens)
        usedTokens = tokens
    }

    /// Queues a copy of `tokens` of KV on the host link; returns when it ends.
    mutating func copy(tokens: Int, now: SimTime) -> SimTime {
        let start = max(now, linkFreeAt)
        linkFreeAt = start + .seconds(bytes(tokens) / settings.hostLinkBandwidth)
        return linkFreeAt
    }

    /// Keeps a finished turn's KV as the policy decides, until the session's next turn.
    mutating func retainIdle(_ idle: IdleKV, sim: inout Simulator<Event>) {
        let decision = retention.decide(idle)
        guard decision != .drop, idle.tokens > 0 else { return }
        let session = idle.session
        retainedTokens[session] = idle.tokens
        retainedTotal += idle.tokens
        setUsed(usedTokens + idle.tokens, now: idle.now)
        if case .pin(let until) = decision {
            pinned[session] = true
            pinnedTotal += idle.tokens
            pinGeneration[session] += 1
            sim.schedule(
                at: max(until, idle.now + SimTime(ticks: 1)),
                .pinExpires(session: session, generation: pinGeneration[session]))
        } else {
            retention.retained(idle)
        }
    }

    /// A pin's time-to-live ended before the session's next turn was admitted: its KV is evicted.
    mutating func expirePin(session: Int, generation: Int, now: SimTime) {
        guard pinned[session], pinGeneration[session] == generation else { return }
        recorder.pinExpiries += 1
        releaseRetained(session: session, now: now, evicted: true, admitting: -1)
    }

    /// Frees a session's retained KV in HBM: reused by its turn (`evicted == false`), or
    /// evicted, to DRAM when the policy spills and it fits there (making room by dropping
    /// other idle DRAM sessions, never `admitting`'s), else dropped.
    mutating func releaseRetained(session: Int, now: SimTime, evicted: Bool, admitting: Int) {
        let tokens = retainedTokens[session]
        guard tokens > 0 else { return }
        retention.released(session: session)
        if pinned[session] {
            pinned[session] = false
            pinnedTotal -= tokens
            pinGeneration[session] += 1
        }
        retainedTokens[session] = 0
        retainedTotal -= tokens
        setUsed(usedTokens - tokens, now: now)
        guard evicted else { return }
        recorder.evictions += 1
        if retention.spillsToDRAM, makeRoomInDRAM(tokens, keeping: admitting, now: now) {
            dramTokens[session] = tokens
            dramUsed += tokens
            dramIdle.push(session)
            _ = copy(tokens: tokens, now: now)
            recorder.bytesToDRAM += bytes(tokens)
        }
    }

    /// Evicts idle KV of sessions other than `session`, in the policy's order, until
    /// `tokens` are free or nothing is left to evict: whole sessions, or, for a policy that
    /// caches blocks, only the tail blocks that make room.
    mutating func evictIdle(untilFree tokens: Int, keeping session: Int, now: SimTime) {
        while freeTokens < tokens, let victim = retention.victim(excluding: session, now: now) {
            let held = retainedTokens[victim]
            let missing = settings.allocator.rounded(tokens - freeTokens)
            guard retention.evictsTailBlocks, missing < held else {
                releaseRetained(session: victim, now: now, evicted: true, admitting: session)
                continue
            }
            retainedTokens[victim] -= missing
            retainedTotal -= missing
            recorder.evictions += 1
            setUsed(usedTokens - missing, now: now)
        }
    }

    /// Makes room for `tokens` in DRAM by moving idle DRAM sessions, least recently idle
    /// first and never `keeping`, to the SSD tier (or dropping them when it has no room);
    /// returns whether they fit.
    mutating func makeRoomInDRAM(_ tokens: Int, keeping: Int, now: SimTime) -> Bool {
        guard tokens <= settings.dramCapacityTokens else { return false }
        while settings.dramCapacityTokens - dramUsed < tokens, let old = dramIdle.oldest(excluding: keeping) {
            let moved = dramTokens[old]
            dropFromDRAM(old)
            recorder.dramDrops += 1
            if makeRoomOnSSD(moved, keeping: keeping) {
                ssdTokens[old] = moved
                ssdUsed += moved
                ssdIdle.push(old)
                let start = max(now, ssdLinkFreeAt)
                ssdLinkFreeAt = start + .seconds(bytes(moved) / settings.ssdBandwidth)
                recorder.bytesToSSD += bytes(moved)
            }
        }
        return settings.dramCapacityTokens - dramUsed >= tokens
    }

    /// Drops idle SSD sessions, least recently idle first and never `keeping`, until
    /// `tokens` fit; returns whether they do.
    mutating func makeRoomOnSSD(_ tokens: Int, keeping: Int) -> Bool {
        guard tokens <= settings.ssdCapacityTokens else { return false }
        while settings.ssdCapacityTokens - ssdUsed < tokens, let old = ssdIdle.oldest(excluding: keeping) {
            dropFromSSD(old)
            recorder.ssdDrops += 1
        }
        return settings.ssdCapacityTokens - ssdUsed >= tokens
    }

    /// Queues a copy of `tokens` from SSD to DRAM on the SSD link; returns when it ends.
    mutating func copyFromSSD(tokens: Int, now: SimTime) -> SimTime {
        let start = max(now, ssdLinkFreeAt)
        ssdLinkFreeAt = start + .seconds(bytes(tokens) / settings.ssdBandwidth)
        return ssdLinkFreeAt
    }

    mutating func dropFromSSD(_ session: Int) {
        ssdUsed -= ssdTokens[session]
        ssdTokens[session] = 0
        ssdIdle.remove(session)
    }

    /// Forgets every idle KV of a session that ends early (in HBM, DRAM or SSD), counting no eviction.
    mutating func discardKV(of session: Int, now: SimTime) {
        releaseRetained(session: session, now: now, evicted: false, admitting: session)
        if dramTokens[session] > 0 { dropFromDRAM(session) }
        if ssdTokens[session] > 0 { dropFromSSD(session) }
    }

    mutating func dropFromDRAM(_ session: Int) {
        dramUsed -= dramTokens[session]
        dramTokens[session] = 0
        dramIdle.remove(session)
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
                if running[i].isDecoding, running[i].ownTokens + 1 > running[i].allocated { growthPending = true }
                i += 1
                continue
            }
            // Allocations are whole units: one more is needed exactly when the next token
            // does not fit in what is held.
            guard running[i].ownTokens + 1 > running[i].allocated else {
                i += 1
                continue
            }
            let need = settings.allocator.rounded(running[i].ownTokens + 1)
            let extra = need - running[i].allocated
            evictIdle(untilFree: extra, keeping: running[i].session, now: now)
            var preemptedItself = false
            while freeTokens < extra, !preemptedItself {
                preemptedItself = running.count - 1 == i
                preempt(at: running.count - 1, now: now)
            }
            guard !preemptedItself else { continue }
            running[i].allocated = need
            setUsed(usedTokens + extra, now: now)
            i += 1
        }
    }

    /// Takes a running turn off the GPU and requeues it at the head of the queue: its KV is
    /// swapped to DRAM (`swap`, when it fits) or freed for recomputation.
    mutating func preempt(at index: Int, now: SimTime) {
        var turn = running.remove(at: index)
        recorder.preemptions += 1
        turn.preemptions += 1
        setUsed(usedTokens - turn.allocated, now: now)
        turn.allocated = 0
        let computed = turn.ownTokens
        if settings.preemption == .swap, computed > 0, makeRoomInDRAM(computed, keeping: turn.session, now: now) {
            turn.swappedOut = computed
            dramUsed += computed
            swappedTotal += computed
            _ = copy(tokens: computed, now: now)
            recorder.bytesSwappedOut += bytes(computed)
        } else {
            recorder.preemptionRecomputedTokens += computed
        }
        if waitingHead > 0 {
            waitingHead -= 1
            waiting[waitingHead] = turn
        } else {
            waiting.insert(turn, at: 0)
        }
    }
}
