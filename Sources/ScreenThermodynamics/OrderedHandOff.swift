import Dispatch
import Synchronization

/// Results made on several threads and taken on one thread in the order of their positions
/// 0, 1, 2 …: the stability descriptors are computed by workers and written by the thread that
/// holds the database transaction, in composition order, while the workers go on.
///
/// Why not collect everything and sort: the writing (one thread) then waits for the slowest
/// worker and the workers for nothing, so on two cores a second of writing ran with one core
/// idle; here the writer starts with the first result.
///
/// A worker `put`s each result once; the writer `take`s positions in increasing order and blocks
/// until the one it needs is there (or, with `takeIfReady`, takes it only if it is there). A
/// `fail` wakes the writer, whose next `take` throws the error. `stop` tells the workers (through
/// `isStopped`) that nothing more will be taken.
///
/// - Complexity: O(1) per put and take (amortised: a take wakes at most once per put). Memory:
///   the results put but not yet taken — what the writer lags behind the workers.
final class OrderedHandOff<Value: Sendable>: Sendable {
    private struct State {
        var waiting: [Int: Value] = [:]
        var failure: (any Error)? = nil
        var stopped = false
    }

    private let state = Mutex(State())
    /// Signalled once per put or failure; the single taker waits on it when its position is missing.
    private let arrivals = DispatchSemaphore(value: 0)

    /// Hands over the result at `position` (each position once).
    func put(_ value: Value, at position: Int) {
        state.withLock { $0.waiting[position] = value }
        arrivals.signal()
    }

    /// Records that a worker failed: the taker's next `take` throws `error` (the first one given).
    func fail(_ error: any Error) {
        state.withLock { if $0.failure == nil { $0.failure = error } }
        arrivals.signal()
    }

    /// Whether the taker has stopped (after an error of its own): workers may give up.
    var isStopped: Bool { state.withLock { $0.stopped } }

    /// Tells the workers that nothing more will be taken.
    func stop() { state.withLock { $0.stopped = true } }

    /// The result at `position` if it is there, without waiting (nil: not yet).
    /// - Throws: the error a worker reported with `fail`.
    func takeIfReady(_ position: Int) throws -> Value? {
        let found: Result<Value, any Error>? = state.withLock { s in
            if let error = s.failure { return .failure(error) }
            return s.waiting.removeValue(forKey: position).map { .success($0) }
        }
        return try found?.get()
    }

    /// The result at `position`, waiting for it when it is not there yet.
    /// - Throws: the error a worker reported with `fail`.
    func take(_ position: Int) throws -> Value {
        while true {
            if let found = try takeIfReady(position) { return found }
            arrivals.wait()
        }
    }
}
