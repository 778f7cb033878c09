import SimCore
import Testing

@testable import Paging

/// Miss counts on textbook reference strings, worked out by hand (the walkthroughs are
/// below; "[a b c]" lists residents oldest or least recent first, "*" marks a set bit or mark).
@Suite struct TextbookGoldenTests {
    /// Silberschatz, Galvin and Gagne, "Operating System Concepts", the reference string of
    /// the page-replacement chapter, with 3 frames.
    static let silberschatz: [Int32] = [7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1]

    static func misses(_ name: String, _ reference: [Int32], capacity: Int64) throws -> Int {
        let entry = try #require(PagingPolicyRegistry.entry(named: name))
        let trace = Trace(keys: reference, keyBound: Int(reference.max() ?? 0) + 1)
        var cache = entry.build(for: trace, capacity: capacity, root: RandomSource(seed: 1)).policy
        let result = cache.simulate(trace)
        try cache.checkInvariants()
        return result.misses
    }

    @Test func silberschatzStringWithThreeFrames() throws {
        let expected: [(String, Int)] = [
            // The book's own figures: OPT 9, LRU 12, FIFO 15 faults.
            ("opt", 9), ("lru", 12), ("fifo", 15),
            // FWF: flushes at requests 4, 8, 11, 14, 18; hits only at 7 (0) and 17 (1).
            ("fwf", 18),
            // Marking, earliest-loaded unmarked page out. Phases start at requests 4, 8, 11, 14,
            // 18; evictions 7, 1 | 0 | 2, 4 | 3 | 0, 2; hits at 5 7 9 10 12 15 16 17 20.
            ("marking", 11),
            // LFU, least recently used among the least frequent: evicts 7, 1, 2, 3, 4, then at
            // 14 the frequency-2 page that reached 2 first (3), at 18 page 1 (frequency 2,
            // others 5 and 3), at 20 page 7; hits at 5 7 11 12 13 15 16 17 19.
            ("lfu", 11),
            // CLOCK: evicts 7, 1 (0 gets a second chance), 2, 3 (0 again), 4, 0 at 14 after a
            // full sweep clears 0 2 3, 3 at 16, 2 at 18; hits at 5 7 11 12 13 15 17 19 20.
            ("clock", 11),
            // SIEVE: evicts 7; 1 (hand passes visited 0); 2; 3; 4; at 14 the hand clears 2 and
            // 3, wraps, clears 0 and evicts 2; 3 at 15; 2 at 18; hits at 5 7 11 12 13 16 17 19 20.
            ("sieve", 11),
            // ARC (p real): 4 drops T1's LRU 7 (no ghost); 6 moves 1 to B1; 8 drops B1's 1 and
            // moves 2 to B1; 9 ghost hit in B1 (p 1), T1's 3 to B1; 10 ghost hit (p 2), T2's 0 to
            // B2; 11 ghost hit in B2 (p 1), |T1| = p so T1's 4 to B1; 14 T2's 0 to B2; 16 ghost
            // hit in B2 (p 0), T1's 1 to B1; 17 ghost hit in B1 (p 1), T2's 3 to B2; 18 T2's 2
            // to B2; hits at 5 7 12 13 15 19 20.
            ("arc", 13),
            // 2Q with Kin = 0, Kout = 1: A1in spills to A1out on every miss while it is not
            // empty; ghost hits at 7 (0), 9 (2), 10 (3), 17 (1), 19 (0) enter Am; Am's LRU goes
            // at 14 (0) and 18 (3); hits at 5 (A1in) 11 12 13 15 20.
            ("2q", 14),
            // S3-FIFO with |S| = 1, |M| = 2, |G| = 2: 0 and 1 go straight to M before the first
            // eviction; S evicts 7, 2, 3, 4 to G; ghost hits at 9 (2), 10 (3), 17 (1) enter M;
            // M evicts 1 at 10 (0 reinserted), 2 at 14 (after reinserting 2, 0, 3), 3 at 18;
            // hits at 5 7 11 12 13 16 19 20.
            ("s3fifo", 12),
        ]
        for (name, count) in expected {
            #expect(try Self.misses(name, Self.silberschatz, capacity: 3) == count, "\(name)")
        }
    }

    @Test func beladysAnomalyForFIFO() throws {
        // Belady, Nelson and Shedler (1969): 1 2 3 4 1 2 5 1 2 3 4 5. FIFO faults 9 times with
        // 3 frames (hits: 1, 2, 5 at requests 8, 9, 12)
        // but 10 times with 4 frames (hits: 1 and 2 at requests 5 and 6); LRU, a stack
        // algorithm, cannot do this (10 then 8).
        let reference: [Int32] = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5]
        #expect(try Self.misses("fifo", reference, capacity: 3) == 9)
        #expect(try Self.misses("fifo", reference, capacity: 4) == 10)
        #expect(try Self.misses("lru", reference, capacity: 3) == 10)
        #expect(try Self.misses("lru", reference, capacity: 4) == 8)
    }

    @Test func lruAndFifoMissEveryRequestOfACycleOverKPlusOnePages() throws {
        for k in [1, 2, 5, 16] {
            let reference = (0..<(k + 1) * 30).map { Int32($0 % (k + 1)) }
            for name in ["lru", "fifo", "fwf"] {
                #expect(try Self.misses(name, reference, capacity: Int64(k)) == reference.count, "\(name) k \(k)")
            }
            // OPT misses about once every k requests after the first cycle.
            #expect(try Self.misses("opt", reference, capacity: Int64(k)) <= k + 1 + reference.count / k, "opt k \(k)")
        }
    }
}
