import Foundation
import Synchronization
import ScreenCore
import ScreenNumerics

/// A value computed on another thread while the caller goes on, for work that overlaps a
/// single-threaded stage (an import derives cost and supply-risk values while SQLite inserts
/// the file's rows; a report reads the hull table and the calibration while it screens). `value`
/// waits for it.
public final class BackgroundTask<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchGroup()

    /// Starts `work` on a global queue.
    public init(_ work: @escaping @Sendable () -> Value) {
        done.enter()
        DispatchQueue.global().async {
            let value = work()
            self.result.withLock { $0 = value }
            self.done.leave()
        }
    }

    /// Whether the work has finished, waiting for it at most `seconds` (0: not at all).
    public func isDone(waitingAtMost seconds: Double = 0) -> Bool {
        done.wait(timeout: .now() + seconds) == .success
    }

    /// The result, waiting for the work to finish.
    public var value: Value {
        done.wait()
        return result.withLock { $0! }
    }
}
