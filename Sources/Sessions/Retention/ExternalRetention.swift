import CachePolicies
import Foundation
import SimCore

/// A retention policy of the user's in a process of its own (any language), spoken to in JSON
/// lines (protocol `memsim-policy/1`, kind `retention`; documented in the README):
///
/// ```
/// memsim -> policy: {"protocol":"memsim-policy/1","kind":"retention","sessions":N}
/// policy -> memsim: {"ok":true}            (optionally "spills_to_dram":true)
/// a turn with a successor ended:   {"op":"idle","session":S,"tokens":T,"context_tokens":C,
///                                   "turns_done":D,"now":NS,"tool":K or null}
///         policy -> memsim: {"decision":"keep"} | {"decision":"drop"} | {"decision":"pin","until":NS}
/// kept KV became evictable:        {"op":"retained", ...the idle fields}
/// retained KV left HBM:            {"op":"released","session":S}
/// a turn found its KV:             {"op":"reused","session":S}
/// HBM needs room:                  {"op":"victim","excluding":S,"now":NS}
///         policy -> memsim: {"victim":S2} | {"victim":null}   (S2 retained, not S)
/// ```
/// Times are simulated nanoseconds. The true gap before the next turn is not sent (only the
/// oracle reads it). memsim keeps the set of retained sessions itself, so a victim that is not
/// retained is an error. After any failure the run goes on without the process (dropping idle
/// KV, evicting the least recently retained) and `failure` holds the error, which the model
/// throws instead of reporting results.
struct ExternalRetention: KVRetentionPolicy {
    static let summary =
        "a retention policy of the user's in a process of its own (any language), asked over JSON lines (external.command)"

    private(set) var spillsToDRAM = false
    private(set) var failure: (any Error)?
    private var retainedSessions: SessionLRUList
    private let policy: ExternalPolicyProcess?

    init(sessions: Int, settings: ExternalPolicySettings?) {
        retainedSessions = SessionLRUList(sessions: sessions)
        do {
            guard let settings else { throw ExternalPolicyError(command: "", "no command: set external.command") }
            let policy = try ExternalPolicyProcess(settings: settings)
            let hello = try policy.ask(
                #"{"protocol":"\#(ExternalPolicySettings.protocolVersion)","kind":"retention","sessions":\#(sessions)}"#
            )
            guard hello["ok"] as? Bool == true else {
                throw policy.failure("did not reply {\"ok\":true} to the greeting")
            }
            spillsToDRAM = hello["spills_to_dram"] as? Bool ?? false
            self.policy = policy
        } catch {
            failure = error
            policy = nil
        }
    }

    mutating func decide(_ idle: IdleKV) -> RetentionDecision {
        guard failure == nil, let policy else { return .drop }
        do {
            let reply = try policy.ask(Self.line("idle", idle))
            switch reply["decision"] as? String {
            case "keep": return .keep
            case "drop": return .drop
            case "pin":
                guard let until = reply["until"] as? Int, Int64(until) >= idle.now.ticks else {
                    throw policy.failure("session \(idle.session): a pin needs \"until\", a time (ns) not before now")
                }
                return .pin(until: SimTime(ticks: Int64(until)))
            default:
                throw policy.failure(
                    "session \(idle.session): the reply \(reply) has no \"decision\" of keep, drop or pin")
            }
        } catch {
            failure = error
            return .drop
        }
    }

    mutating func retained(_ idle: IdleKV) {
        retainedSessions.push(idle.session)
        tell(Self.line("retained", idle))
    }

    mutating func released(session: Int) {
        retainedSessions.remove(session)
        tell(#"{"op":"released","session":\#(session)}"#)
    }

    mutating func reused(session: Int) { tell(#"{"op":"reused","session":\#(session)}"#) }

    mutating func victim(excluding session: Int, now: SimTime) -> Int? {
        guard failure == nil, let policy else { return retainedSessions.oldest(excluding: session) }
        do {
            let reply = try policy.ask(#"{"op":"victim","excluding":\#(session),"now":\#(now.ticks)}"#)
            if reply["victim"] is NSNull { return nil }
            guard let victim = reply["victim"] as? Int, victim != session, retainedSessions.contains(victim) else {
                throw policy.failure(
                    "at \(now.ticks) ns: the reply \(reply) names no retained session other than \(session) as \"victim\""
                )
            }
            return victim
        } catch {
            failure = error
            return retainedSessions.oldest(excluding: session)
        }
    }

    private mutating func tell(_ line: String) {
        guard failure == nil, let policy else { return }
        do { try policy.tell(line) } catch { failure = error }
    }

    private static func line(_ op: String, _ idle: IdleKV) -> String {
        let tool = idle.tool.map(String.init) ?? "null"
        return
            #"{"op":"\#(op)","session":\#(idle.session),"tokens":\#(idle.tokens),"context_tokens":\#(idle.contextTokens),"turns_done":\#(idle.turnsDone),"now":\#(idle.now.ticks),"tool":\#(tool)}"#
    }
}
