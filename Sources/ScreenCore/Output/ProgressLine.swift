import Dispatch
import Foundation
import Synchronization

/// A progress line on standard error for work that takes more than a second — "stability:
/// 4,200 of 17,500 (24 %)", "import: 52,000 rows read", "report: sei: SMAA 3,000 of 10,000 samples
/// (30 %)" — drawn by a timer five times a second once the work has run for a second, and erased
/// when it ends.
///
/// Only when standard error is a terminal (and `SCREEN_NO_PROGRESS` is unset): a log file or a
/// pipe gets nothing, so what a program reads never changes. The work itself only adds to an
/// atomic counter (`advance`), one relaxed add, so a hot loop may call it per item; the drawing
/// happens on the timer's thread. Thread-safe: workers may `advance` it concurrently.
public final class ProgressLine: Sendable {
    private struct State {
        var stage = ""
        var total: Int
        var unit: String
        var shown = false
        var finished = false
        var drawn = ""
    }

    private let label: String
    private let enabled: Bool
    private let done = Atomic<Int>(0)
    private let state: Mutex<State>
    private let output: @Sendable (String) -> Void
    // Why `nonisolated(unsafe)`: a dispatch source is thread-safe (schedule, cancel and its
    // handler may run on any thread), but Dispatch does not declare it Sendable on Linux.
    private nonisolated(unsafe) let timer: DispatchSourceTimer?

    /// How long work runs before its line is drawn: one second, or `SCREEN_PROGRESS_DELAY`
    /// seconds (the tests set 0 to see a line without waiting).
    public static let defaultDelay: Duration = ProcessInfo.processInfo.environment["SCREEN_PROGRESS_DELAY"]
        .flatMap(Double.init).map { .milliseconds(Int(max(0, $0) * 1000)) } ?? .seconds(1)

    /// Whether progress is drawn at all: standard error is a terminal and `SCREEN_NO_PROGRESS` unset.
    public static let isEnabled = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["SCREEN_NO_PROGRESS"] == nil

    /// - Parameters:
    ///   - label: what runs, e.g. "stability", "import", "report".
    ///   - total: how many items; 0 or less draws no "of …" and no percentage (a streamed file).
    ///   - unit: what the items are, after the count ("rows read", "samples"); may be empty.
    ///   - enabled: whether to draw (default `isEnabled`); tests pass `true` with their own `output`.
    ///   - delay: how long the work runs before the first draw (default `defaultDelay`, one second).
    ///   - output: where a drawn line goes (default standard error).
    public init(_ label: String, total: Int = 0, unit: String = "", enabled: Bool = ProgressLine.isEnabled,
                delay: Duration = ProgressLine.defaultDelay,
                output: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.label = label
        // Inside another line's work (`ProgressLine.run`), that line alone is drawn.
        self.enabled = enabled && Self.current == nil
        self.output = output
        state = Mutex(State(total: total, unit: unit))
        guard self.enabled else { timer = nil; return }
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        let (s, a) = delay.components
        timer.schedule(deadline: .now() + Double(s) + Double(a) * 1e-18, repeating: .milliseconds(200))
        self.timer = timer
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
    }

    deinit { finish() }

    /// The line of the work running on this thread, bound by `run` (or by an owner with
    /// `$current.withValue`); counting sites deep in a computation advance it without being passed it.
    @TaskLocal public static var current: ProgressLine?

    /// Runs `body` counting `total` items: inside another line's work (`current` is bound — a
    /// report's stage), that line's count restarts at 0 of `total` and its stage stays; otherwise a
    /// new line labelled `label` is bound to `current` while `body` runs and erased after it.
    public static func run<T>(_ label: String, total: Int = 0, unit: String = "", _ body: (ProgressLine) throws -> T) rethrows -> T {
        let count = Self.count(label, total: total, unit: unit)
        defer { count.end() }
        guard count.owned else { return try body(count.line) }
        return try $current.withValue(count.line) { try body(count.line) }
    }

    /// Counts `count` more items done.
    /// - Complexity: O(1): one relaxed atomic add (nothing when progress is off).
    public func advance(by count: Int = 1) {
        guard enabled else { return }
        done.add(count, ordering: .relaxed)
    }

    /// Counting `total` items for a part of the work: the current line (`current`, bound by an
    /// owner such as a report), restarted at 0 of `total` in its stage, or else a new line labelled
    /// `label` (not bound). `end()` the count when the part is done: it erases a line of its own.
    public static func count(_ label: String, total: Int = 0, unit: String = "") -> Count {
        if let outer = current {
            outer.restart(total: total, unit: unit)
            return Count(line: outer, owned: false)
        }
        return Count(line: ProgressLine(label, total: total, unit: unit), owned: true)
    }

    /// A part of the work's count (`ProgressLine.count`).
    public struct Count: Sendable {
        /// The line counted on.
        public let line: ProgressLine
        let owned: Bool
        /// Counts `n` more items done (one relaxed atomic add).
        public func advance(by n: Int = 1) { line.advance(by: n) }
        /// Ends the count: erases the line if it is the count's own.
        public func end() { if owned { line.finish() } }
    }

    /// Runs `body` with the line erased (when drawn) and not redrawn meanwhile: for a message
    /// printed on standard error while the line is up. The next tick draws it again.
    public func interrupting(_ body: () -> Void) {
        guard enabled else { body(); return }
        state.withLock { s in
            if s.shown && !s.finished { output("\r\u{1B}[K") }
            s.shown = false
            body()
        }
    }

    /// Starts a stage of the work: the line shows `stage` after the label, and counts from 0 of `total`.
    public func begin(_ stage: String, total: Int = 0, unit: String = "") { reset(stage: stage, total: total, unit: unit) }

    /// Counts from 0 again, of `total` `unit`, in the same stage.
    public func restart(total: Int, unit: String) { reset(stage: nil, total: total, unit: unit) }

    /// The count at 0 of `total` `unit`, in `stage` (nil: the same stage).
    private func reset(stage: String?, total: Int, unit: String) {
        guard enabled else { return }
        state.withLock { s in
            if let stage { s.stage = stage }
            s.total = total
            s.unit = unit
        }
        done.store(0, ordering: .relaxed)
    }

    /// The text of the line now, without the carriage return and erase codes.
    public var text: String {
        let n = done.load(ordering: .relaxed)
        return state.withLock { s in Self.text(label: label, stage: s.stage, done: n, total: s.total, unit: s.unit) }
    }

    /// "label: stage 1,200 of 10,000 unit (12 %)"; the count is left out while it is 0 of no total.
    static func text(label: String, stage: String, done: Int, total: Int, unit: String) -> String {
        var parts = ["\(label):"]
        if !stage.isEmpty { parts.append(stage) }
        if done > 0 || total > 0 {
            parts.append(formatGrouped(done) + (total > 0 ? " of \(formatGrouped(total))" : ""))
            if !unit.isEmpty { parts.append(unit) }
            if total > 0 { parts.append("(\(min(100, done * 100 / total)) %)") }
        }
        return parts.joined(separator: " ")
    }

    private func draw() {
        let n = done.load(ordering: .relaxed)
        state.withLock { s in
            let text = Self.text(label: label, stage: s.stage, done: n, total: s.total, unit: s.unit)
            // Redrawn only when it changed (or was erased by `interrupting`).
            guard !s.finished, text != s.drawn || !s.shown else { return }
            s.shown = true
            s.drawn = text
            output("\r" + text + "\u{1B}[K")
        }
    }

    /// Stops drawing and erases the line (if one was drawn); later calls do nothing.
    public func finish() {
        guard enabled else { return }
        timer?.cancel()
        state.withLock { s in
            guard !s.finished else { return }
            s.finished = true
            if s.shown { output("\r\u{1B}[K") }
        }
    }
}
