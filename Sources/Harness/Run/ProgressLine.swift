import Foundation

/// Progress of a sweep on standard error: runs done of total, runs reused, elapsed time, runs
/// per second and an estimate of the time left.
///
/// On a terminal the line is redrawn in place at most ten times a second. Elsewhere (a log
/// file, a batch job) a plain line is written each time another tenth of the runs is done or
/// 30 seconds have passed since the last line, and once at the end. `quiet` writes nothing.
/// Progress goes to standard error only, never into an output file.
public final class ProgressLine: @unchecked Sendable {
    /// How progress is shown.
    public enum Mode: Sendable, Equatable {
        case terminal
        case plainLines
        case quiet
    }

    private let total: Int
    private let alreadyDone: Int
    private let mode: Mode
    private let label: String
    private let write: @Sendable (String) -> Void
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant?
    private var lastTenth = 0
    private(set) var executed = 0

    /// Seconds between plain lines when fewer than a tenth of the runs finish in between.
    static let plainLineInterval: Duration = .seconds(30)

    public init(
        total: Int, alreadyDone: Int, label: String, mode: Mode,
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.total = total
        self.alreadyDone = alreadyDone
        self.label = label
        self.mode = mode
        self.write = write
        self.start = clock.now
    }

    /// `terminal` when standard error is one, `plainLines` otherwise, `quiet` when asked.
    public static func mode(quiet: Bool) -> Mode {
        quiet ? .quiet : (isatty(STDERR_FILENO) == 1 ? .terminal : .plainLines)
    }

    /// Records one finished run (call under the executor's lock).
    public func advance() {
        executed += 1
        let now = clock.now
        let done = alreadyDone + executed
        switch mode {
        case .quiet:
            return
        case .terminal:
            if let lastDraw, now - lastDraw < .milliseconds(100), done < total { return }
            lastDraw = now
            write("\r\u{1B}[K" + text(now: now))
        case .plainLines:
            let tenth = total > 0 ? done * 10 / total : 10
            let due = lastDraw.map { now - $0 >= Self.plainLineInterval } ?? (now - start >= Self.plainLineInterval)
            guard tenth > lastTenth || due || done == total else { return }
            lastTenth = max(lastTenth, tenth)
            lastDraw = now
            write(text(now: now) + "\n")
        }
    }

    /// Writes a plain line if 30 seconds passed since the last one (for waits in which no run
    /// finishes for a long time); on a terminal redraws the line.
    public func tick() {
        let now = clock.now
        switch mode {
        case .quiet: return
        case .terminal:
            if let lastDraw, now - lastDraw < .seconds(1) { return }
            lastDraw = now
            write("\r\u{1B}[K" + text(now: now))
        case .plainLines:
            guard (lastDraw.map { now - $0 } ?? (now - start)) >= Self.plainLineInterval else { return }
            lastDraw = now
            write(text(now: now) + "\n")
        }
    }

    /// Ends the terminal line (moves to a fresh line) if anything was drawn.
    public func finish() {
        if mode == .terminal, lastDraw != nil { write("\n") }
    }

    /// `NAME: 12/40 runs (3 reused), 2.5 s elapsed, 4.8 runs/s, 5.8 s left`.
    func text(now: ContinuousClock.Instant) -> String {
        let seconds = Self.seconds(now - start)
        let rate = seconds > 0 ? Double(executed) / seconds : 0
        let remaining = total - alreadyDone - executed
        let left = rate > 0 ? Self.clockText(Double(remaining) / rate) : "unknown"
        return "\(label): \(alreadyDone + executed)/\(total) runs (\(alreadyDone) reused), "
            + "\(Self.clockText(seconds)) elapsed, " + String(format: "%.1f", rate) + " runs/s, \(left) left"
    }

    /// Wall seconds since the progress started.
    var elapsedSeconds: Double { Self.seconds(clock.now - start) }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    static func clockText(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600
            ? String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) : String(format: "%dm%02ds", s / 60, s % 60)
    }
}
