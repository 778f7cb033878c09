import SimCore

/// A paging policy that runs in a process of its own, written in any language, spoken to in
/// JSON lines (protocol `memsim-policy/1`, kind `paging`; documented in the README):
///
/// ```
/// memsim -> policy: {"protocol":"memsim-policy/1","kind":"paging","capacity":C,"objects":N}
/// policy -> memsim: {"ok":true}
/// then, for each request (key: the dense object id, index: the request's position):
///   hit:                     {"op":"hit","key":K,"size":S,"index":I}
///   miss, while it does not fit: {"op":"evict","key":K,"size":S,"index":I}
///                  policy -> memsim: {"victim":V}   (V resident; K is not yet)
///   miss, then:              {"op":"insert","key":K,"size":S,"index":I}
/// memsim closes the policy's input at the end of the run.
/// ```
///
/// memsim keeps the cache's contents itself (the policy decides only the victims), so a
/// victim that is not resident is an error, not a silent corruption. After any failure the
/// run ends its trace without the process (evicting the oldest resident object, so the loop
/// finishes) and `failure` holds the error, which the model throws: no result of a failed
/// conversation is reported.
public struct ExternalCachePolicy: CachePolicy {
    public static let summary =
        "a policy of the user's in a process of its own (any language), asked for victims over JSON lines (external.command)"

    public let capacity: Int64
    public var occupancy: Int64 { residents.bytes }
    public var residentCount: Int { residents.count }
    public private(set) var failure: (any Error)?
    private var residents: ObjectList
    private let objectCount: Int
    private let policy: ExternalPolicyProcess?

    /// Starts the policy's process and greets it; a failure is kept in `failure`.
    public init(capacity: Int64, objectCount: Int, settings: ExternalPolicySettings?) {
        self.capacity = capacity
        residents = ObjectList(objectCount: objectCount)
        self.objectCount = objectCount
        do {
            guard let settings else {
                throw ExternalPolicyError(command: "", "no command: set external.command")
            }
            let policy = try ExternalPolicyProcess(settings: settings)
            let hello = try policy.ask(
                #"{"protocol":"\#(ExternalPolicySettings.protocolVersion)","kind":"paging","capacity":\#(capacity),"objects":\#(objectCount)}"#
            )
            guard hello["ok"] as? Bool == true else {
                throw policy.failure("did not reply {\"ok\":true} to the greeting")
            }
            self.policy = policy
        } catch {
            failure = error
            policy = nil
        }
    }

    public func contains(_ object: Int) -> Bool { residents.holds(object) }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        guard residents.holds(request.object) else { return false }
        tell("hit", request)
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        var victim = residents.tail
        if failure == nil, let policy {
            do {
                let reply = try policy.ask(Self.line("evict", request))
                guard let named = reply["victim"] as? Int, named >= 0, named < objectCount, residents.holds(named)
                else {
                    throw policy.failure(
                        "request \(request.index): the reply \(reply) does not name a resident object as \"victim\"")
                }
                victim = named
            } catch {
                failure = error
            }
        }
        residents.remove(victim)
    }

    public mutating func insert(_ request: CacheRequest) {
        tell("insert", request)
        residents.pushHead(request.object, size: request.size)
    }

    public func checkInvariants() throws {
        try residents.checkInvariants("external")
    }

    private mutating func tell(_ op: String, _ request: CacheRequest) {
        guard failure == nil, let policy else { return }
        do { try policy.tell(Self.line(op, request)) } catch { failure = error }
    }

    private static func line(_ op: String, _ request: CacheRequest) -> String {
        #"{"op":"\#(op)","key":\#(request.object),"size":\#(request.size),"index":\#(request.index)}"#
    }
}
