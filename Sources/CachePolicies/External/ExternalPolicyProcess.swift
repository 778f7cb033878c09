import Foundation

/// A policy process spoken to in JSON lines: memsim writes one JSON object per line to its
/// standard input and reads one JSON object per line from its standard output; its standard
/// error is memsim's.
///
/// Lines that need no reply are buffered and written together (up to 64 KiB) or just before a
/// question, so a policy that only listens costs one write per batch. A question waits for
/// one reply line for at most the timeout. Every failure (the command cannot start, exits,
/// replies with something other than one JSON object, replies `{"error": ...}`, or is silent)
/// is an `ExternalPolicyError`.
///
/// Owned by one run and used from its one thread; deinit closes the policy's input (its
/// cue to exit) and reaps the process, ending it if it has not exited within 2 seconds.
public final class ExternalPolicyProcess: @unchecked Sendable {
    /// Longest reply line read.
    static let maxLineBytes = 1 << 16
    private let settings: ExternalPolicySettings
    private let process = Process()
    private let toPolicy = Pipe()
    private let fromPolicy = Pipe()
    private var outgoing: [UInt8] = []
    private var incoming: [UInt8] = []

    /// Starts the command; throws if it cannot be started.
    public init(settings: ExternalPolicySettings) throws {
        self.settings = settings
        Self.ignoreBrokenPipes()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", settings.command]
        if let directory = settings.directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = toPolicy
        process.standardOutput = fromPolicy
        do {
            try process.run()
        } catch {
            throw ExternalPolicyError(command: settings.command, "cannot start: \(error.localizedDescription)")
        }
        outgoing.reserveCapacity(Self.flushBytes)
    }

    deinit {
        try? toPolicy.fileHandleForWriting.close()
        for _ in 0..<200 where process.isRunning { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? fromPolicy.fileHandleForReading.close()
    }

    /// Queues `line` (one JSON object, without its newline), which needs no reply.
    public func tell(_ line: String) throws {
        outgoing.append(contentsOf: line.utf8)
        outgoing.append(UInt8(ascii: "\n"))
        if outgoing.count >= Self.flushBytes { try flush() }
    }

    /// Sends `line` after everything queued and returns the policy's one-line reply, parsed.
    /// A reply `{"error": "message"}` is thrown as the policy's own error.
    public func ask(_ line: String) throws -> [String: Any] {
        try tell(line)
        try flush()
        let reply = try readLine()
        guard let object = try? JSONSerialization.jsonObject(with: Data(reply)) as? [String: Any] else {
            throw failure(
                "replied '\(String(decoding: reply.prefix(200), as: UTF8.self))' to \(line): not a JSON object")
        }
        if let message = object["error"] as? String { throw failure("reported an error: \(message)") }
        return object
    }

    /// An `ExternalPolicyError` naming this policy's command.
    public func failure(_ message: String) -> ExternalPolicyError {
        ExternalPolicyError(command: settings.command, message)
    }

    private static let flushBytes = 1 << 16

    private func flush() throws {
        let descriptor = toPolicy.fileHandleForWriting.fileDescriptor
        var written = 0
        try outgoing.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            while written < bytes.count {
                let n = write(descriptor, base + written, bytes.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure("stopped reading its input (\(exitStatus()))")
                }
                written += n
            }
        }
        outgoing.removeAll(keepingCapacity: true)
    }

    private func readLine() throws -> ArraySlice<UInt8> {
        let descriptor = fromPolicy.fileHandleForReading.fileDescriptor
        var chunk = [UInt8](repeating: 0, count: 1 << 14)
        while true {
            if let newline = incoming.firstIndex(of: UInt8(ascii: "\n")) {
                let line = incoming[..<newline]
                incoming.removeSubrange(...newline)
                return line
            }
            guard incoming.count <= Self.maxLineBytes else {
                throw failure("replied with a line longer than \(Self.maxLineBytes) bytes")
            }
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let polled = poll(&ready, 1, Int32(min(settings.timeoutSeconds * 1000, Double(Int32.max))))
            if polled < 0, errno == EINTR { continue }
            guard polled > 0 else { throw failure("no reply within \(settings.timeoutSeconds) s") }
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw failure("closed its output before replying (\(exitStatus()))") }
            incoming.append(contentsOf: chunk[..<n])
        }
    }

    /// How the process ended, for messages ("exited with status 1"); waits briefly for it.
    private func exitStatus() -> String {
        for _ in 0..<100 where process.isRunning { usleep(10_000) }
        guard !process.isRunning else { return "still running" }
        switch process.terminationReason {
        case .exit: return "exited with status \(process.terminationStatus)"
        case .uncaughtSignal: return "killed by signal \(process.terminationStatus)"
        @unknown default: return "ended"
        }
    }

    /// Writing to a policy that has exited must be an error, not the end of memsim.
    private static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }
}
