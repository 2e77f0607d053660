import Foundation
import Synchronization

/// A progress line on standard error for work that takes more than a second — "stability:
/// 4,200 of 17,500 (24 %)" — redrawn at most five times a second and erased when the work ends.
/// Only when standard error is a terminal: a log file or a pipe gets nothing, so what a program
/// reads never changes. Thread-safe: workers may `advance` it concurrently.
public final class ProgressLine: Sendable {
    private struct State {
        var done = 0
        var shown = false
        var lastDraw: ContinuousClock.Instant
    }

    private let label: String
    private let total: Int
    private let enabled: Bool
    private let started = ContinuousClock.now
    private let state: Mutex<State>

    /// Whether progress is drawn at all: standard error is a terminal and `SCREEN_NO_PROGRESS` unset.
    public static let isEnabled = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["SCREEN_NO_PROGRESS"] == nil

    /// - Parameters:
    ///   - label: what is counted, e.g. "stability".
    ///   - total: how many items; 0 or less draws no percentage.
    public init(_ label: String, total: Int) {
        self.label = label
        self.total = total
        enabled = Self.isEnabled
        state = Mutex(State(lastDraw: ContinuousClock.now))
    }

    /// Counts `count` more items done; draws when the work has run for a second and the last
    /// draw is 0.2 s old.
    /// - Complexity: O(1); a draw is one write.
    public func advance(by count: Int = 1) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let line: String? = state.withLock { s in
            s.done += count
            guard now - started >= .seconds(1), now - s.lastDraw >= .milliseconds(200) else { return nil }
            s.lastDraw = now
            s.shown = true
            let percent = total > 0 ? " (\(min(100, s.done * 100 / total)) %)" : ""
            return "\r\(label): \(s.done)\(total > 0 ? " of \(total)" : "")\(percent)\u{1B}[K"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Erases the line (if one was drawn).
    public func finish() {
        guard enabled else { return }
        let shown = state.withLock { s in defer { s.shown = false }; return s.shown }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
