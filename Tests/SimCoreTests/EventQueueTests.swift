import Testing

@testable import SimCore

@Suite struct EventQueueTests {
    @Test func popsInTimePriorityInsertionOrder() {
        var queue = EventQueue<String>()
        queue.schedule(at: .nanoseconds(5), priority: 0, "t5-p0-first")
        queue.schedule(at: .nanoseconds(3), priority: 1, "t3-p1")
        queue.schedule(at: .nanoseconds(5), priority: -1, "t5-p-1")
        queue.schedule(at: .nanoseconds(3), priority: 0, "t3-p0")
        queue.schedule(at: .nanoseconds(5), priority: 0, "t5-p0-second")
        queue.schedule(at: .nanoseconds(1), priority: 9, "t1")
        queue.schedule(at: .nanoseconds(7), priority: .max, "t7-max")
        queue.schedule(at: .nanoseconds(7), priority: .min, "t7-min")
        var order: [String] = []
        while let event = queue.popNext() { order.append(event.payload) }
        #expect(order == ["t1", "t3-p0", "t3-p1", "t5-p-1", "t5-p0-first", "t5-p0-second", "t7-min", "t7-max"])
    }

    @Test func tiesAtOneInstantKeepInsertionOrderForManyEvents() {
        var queue = EventQueue<Int>()
        for i in 0..<1_000 { queue.schedule(at: .seconds(Int64(1)), i) }
        var order: [Int] = []
        while let event = queue.popNext() { order.append(event.payload) }
        #expect(order == Array(0..<1_000))
    }

    @Test func cancelledEventsAreSkippedAndCounted() {
        var queue = EventQueue<Int>()
        let a = queue.schedule(at: .nanoseconds(1), 1)
        queue.schedule(at: .nanoseconds(2), 2)
        let c = queue.schedule(at: .nanoseconds(3), 3)
        #expect(queue.count == 3)
        let first = queue.cancel(a)
        let second = queue.cancel(a)
        let third = queue.cancel(c)
        #expect(first)
        #expect(!second, "cancelling twice reports false")
        #expect(third)
        #expect(queue.count == 1)
        let nextTime = queue.nextTime()
        #expect(nextTime == .nanoseconds(2))
        let popped = queue.popNext()?.payload
        let after = queue.popNext()
        #expect(popped == 2)
        #expect(after == nil)
        #expect(queue.isEmpty)
    }

    @Test func cancellingAPoppedEventReportsFalse() {
        var queue = EventQueue<Int>()
        let a = queue.schedule(at: .nanoseconds(1), 1)
        _ = queue.popNext()
        let cancelled = queue.cancel(a)
        #expect(!cancelled)
        #expect(queue.count == 0)
    }

    @Test func randomScheduleMatchesSortedReference() {
        // Property: for any schedule, pops equal the schedule sorted by (time, priority, sequence).
        for seed in UInt64(1)...50 {
            var random = RandomSource(seed: seed)
            var queue = EventQueue<Int>()
            var reference: [(Int64, Int16, Int)] = []
            for i in 0..<200 {
                let t = Int64(random.nextInt(below: 20))
                let p = Int16(random.nextInt(below: 5)) - 2
                queue.schedule(at: SimTime(ticks: t), priority: p, i)
                reference.append((t, p, i))
            }
            reference.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
            #expect(queue.checkInvariants(), "seed \(seed)")
            var popped: [Int] = []
            while let e = queue.popNext() {
                popped.append(e.payload)
                if popped.count % 17 == 0 { #expect(queue.checkInvariants(), "seed \(seed)") }
            }
            #expect(popped == reference.map(\.2), "seed \(seed)")
        }
    }
}

extension EventQueueTests {
    @Test func interleavedScheduleCancelAndPopMatchReference() {
        // Property: with negative and positive times, cancels and pops interleaved, the
        // queue pops exactly what a sorted reference list holds, in (time, priority, sequence) order.
        for seed in UInt64(1)...40 {
            var random = RandomSource(seed: seed)
            var queue = EventQueue<Int>()
            var pending: [(key: (Int64, Int16, Int), handle: EventHandle)] = []
            var next = 0
            for _ in 0..<2_000 {
                switch random.nextInt(below: 10) {
                case 0..<5:
                    let t = Int64(random.nextInt(below: 40)) - 20
                    let p = Int16(random.nextInt(below: 3)) - 1
                    let handle = queue.schedule(at: SimTime(ticks: t), priority: p, next)
                    pending.append(((t, p, next), handle))
                    next += 1
                case 5..<7 where !pending.isEmpty:
                    let victim = pending.remove(at: random.nextInt(below: pending.count))
                    let cancelled = queue.cancel(victim.handle)
                    #expect(cancelled, "seed \(seed)")
                default:
                    let expected = pending.min { $0.key < $1.key }
                    let popped = queue.popNext()
                    #expect(popped?.payload == expected?.key.2, "seed \(seed)")
                    if let expected { pending.removeAll { $0.key.2 == expected.key.2 } }
                }
                #expect(queue.count == pending.count, "seed \(seed)")
            }
            #expect(queue.checkInvariants(), "seed \(seed)")
        }
    }
}

@Suite struct SimulatorTests {
    enum Event {
        case tick(Int)
        case stop
    }

    @Test func runsUntilEmptyAndAdvancesTime() {
        var sim = Simulator<Event>()
        sim.schedule(after: .seconds(Int64(1)), .tick(1))
        var seen: [(SimTime, Int)] = []
        let reason = sim.run { event, sim in
            if case .tick(let n) = event {
                seen.append((sim.now, n))
                if n < 3 { sim.schedule(after: .seconds(Int64(1)), .tick(n + 1)) }
            }
        }
        #expect(reason == .empty)
        #expect(seen.map(\.1) == [1, 2, 3])
        #expect(seen.map(\.0) == [.seconds(Int64(1)), .seconds(Int64(2)), .seconds(Int64(3))])
        #expect(sim.eventsHandled == 3)
    }

    @Test func runUntilHandlesEventsAtTheLimitAndStopsBeforeLater() {
        var sim = Simulator<Event>()
        for t in [1, 2, 3, 4] { sim.schedule(at: .milliseconds(Int64(t)), .tick(t)) }
        var seen: [Int] = []
        let reason = sim.run(until: .milliseconds(Int64(2))) { event, _ in
            if case .tick(let n) = event { seen.append(n) }
        }
        #expect(reason == .reachedTime)
        #expect(seen == [1, 2])
        #expect(sim.now == .milliseconds(Int64(2)))
        #expect(sim.pendingCount == 2)
        sim.run { event, _ in if case .tick(let n) = event { seen.append(n) } }
        #expect(seen == [1, 2, 3, 4])
    }

    @Test func stopReturnsAfterTheCurrentEvent() {
        var sim = Simulator<Event>()
        sim.schedule(at: .nanoseconds(1), .tick(1))
        sim.schedule(at: .nanoseconds(2), .stop)
        sim.schedule(at: .nanoseconds(3), .tick(3))
        var seen: [Int] = []
        let reason = sim.run { event, sim in
            switch event {
            case .tick(let n): seen.append(n)
            case .stop: sim.stop()
            }
        }
        #expect(reason == .stopped)
        #expect(seen == [1])
        #expect(sim.now == .nanoseconds(2))
    }

    @Test func cancelFromAHandler() {
        var sim = Simulator<Event>()
        let later = sim.schedule(at: .nanoseconds(10), .tick(10))
        sim.schedule(at: .nanoseconds(1), .tick(1))
        var seen: [Int] = []
        sim.run { event, sim in
            if case .tick(let n) = event {
                seen.append(n)
                if n == 1 {
                    let cancelled = sim.cancel(later)
                    #expect(cancelled)
                }
            }
        }
        #expect(seen == [1])
    }

    @Test func simTimeConversions() {
        #expect(SimTime.seconds(1.5) == .milliseconds(Int64(1500)))
        #expect(SimTime.microseconds(3).ticks == 3_000)
        #expect(SimTime.seconds(Int64(2)).seconds == 2.0)
        #expect(SimTime.seconds(1e-9) == .nanoseconds(1))
    }
}
