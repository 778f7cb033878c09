/// How memsim reaches a policy that runs in a process of its own (the `external.*` keys).
public struct ExternalPolicySettings: Sendable, Equatable {
    /// A shell command line, run by `/bin/sh -c` (`python3 lru.py`).
    public var command: String
    /// The directory the command runs in (a spec's own directory, so relative paths in the
    /// command resolve against the spec file); `nil`: memsim's working directory.
    public var directory: String?
    /// The longest wait for one reply, in seconds; a policy silent for longer is an error.
    public var timeoutSeconds: Double

    public init(command: String, directory: String? = nil, timeoutSeconds: Double = 60) {
        self.command = command
        self.directory = directory
        self.timeoutSeconds = timeoutSeconds
    }

    /// The version named in the first message of every conversation.
    public static let protocolVersion = "memsim-policy/1"
}

/// A failed conversation with an external policy: it could not start, exited, sent a line
/// that is not the reply asked for, named a victim that is not resident, or was silent
/// past its timeout. The description names the command and the request.
public struct ExternalPolicyError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(command: String, _ message: String) {
        description = "external policy '\(command)': \(message)"
    }
}
