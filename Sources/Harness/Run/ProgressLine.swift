import Foundation

/// The progress line on standard error: runs done of total, runs per second, time left.
/// Drawn only when standard error is a terminal; redrawn at most ten times a second.
final class ProgressLine: @unchecked Sendable {
    private let total: Int
    private let alreadyDone: Int
    private let enabled: Bool
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant?
    private(set) var executed = 0

    init(total: Int, alreadyDone: Int, label: String) {
        self.total = total
        self.alreadyDone = alreadyDone
        self.enabled = isatty(STDERR_FILENO) == 1
        self.start = clock.now
        self.label = label
    }

    private let label: String

    /// Records one finished run (call under the executor's lock).
    func advance() {
        executed += 1
        guard enabled else { return }
        let now = clock.now
        if let lastDraw, now - lastDraw < .milliseconds(100), alreadyDone + executed < total { return }
        lastDraw = now
        let seconds = Self.seconds(now - start)
        let rate = seconds > 0 ? Double(executed) / seconds : 0
        let remaining = total - alreadyDone - executed
        let eta = rate > 0 ? Double(remaining) / rate : 0
        let line =
            "\r\(label): \(alreadyDone + executed)/\(total) runs, " + String(format: "%.1f", rate)
            + " runs/s, ETA \(Self.clockText(eta)) "
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Ends the line (moves to a fresh line) if anything was drawn.
    func finish() {
        if enabled, executed > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
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
