import SimCore
import Testing

@testable import Sessions

@Suite struct KVTierTests {
    @Test func aLinkQueuesCopiesFirstInFirstOut() {
        var link = KVLink(bytesPerSecond: 1e9)
        #expect(link.transfer(bytes: 1e9, now: .zero) == .seconds(Int64(1)))
        // Queued behind the first copy, then an idle link starts at once.
        #expect(link.transfer(bytes: 5e8, now: .seconds(0.5)) == .seconds(1.5))
        #expect(link.transfer(bytes: 1e9, now: .seconds(Int64(3))) == .seconds(Int64(4)))
    }

    @Test func aTierKeepsItsSumsAndDropsInItsOrder() {
        var tier = KVTier<any IdleSessionOrder>(
            capacityTokens: 100, sessions: 2, policy: SessionLRUList(sessions: 2))
        tier.addSession()
        tier.push(40, of: 0)
        tier.push(50, of: 2)
        tier.usedTokens += 5  // something else the owner charges (a swapped-out turn)
        #expect(tier.idleTokens == [40, 0, 50] && tier.idleTotal == 90)
        #expect(tier.usedTokens == 95 && tier.freeTokens == 5)
        #expect(tier.policy.oldest(excluding: 0) == 2)
        #expect(tier.drop(0) == 40)
        #expect(tier.idleTokens == [0, 0, 50] && tier.idleTotal == 50 && tier.usedTokens == 55)
        tier.freeIdle(20, of: 2)
        #expect(tier.idleTokens[2] == 30 && tier.usedTokens == 35)
        // A tier without a link (HBM) moves nothing over one.
        #expect(tier.transfer(bytes: 1e9, now: .seconds(Int64(2))) == .seconds(Int64(2)))
    }
}
