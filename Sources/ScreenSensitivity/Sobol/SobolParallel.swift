import Dispatch
import Foundation
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics

/// Work split over a fixed number of threads, with results that do not depend on it:
/// every task writes only its own slots, and randomness (the bootstrap) is drawn per task
/// from a generator derived from the user's seed and the task's index, never per thread.
enum SobolParallel {
    /// The default thread count: every active core.
    static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs `body(task)` for every task in 0..<count on `threads` threads (task t on thread
    /// t mod threads). Tasks must be independent.
    static func run(tasks count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let workers = min(threads, count)
        if workers <= 1 {
            for t in 0..<count { body(t) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var t = w
            while t < count {
                body(t)
                t += workers
            }
        }
    }
}

/// A fixed-size buffer that several threads fill at disjoint indices.
///
/// Why `@unchecked Sendable`: the compiler cannot see that the writers' index sets are
/// disjoint. The invariant that makes it safe: inside `SobolParallel.run` each task writes only
/// the slots it owns (no two tasks share a slot, no task reads another's), and the buffer is
/// read only after `run` returns, which joins every thread. `Element: Sendable`, so what a
/// task stores may be read on another thread.
final class SobolSlots<Element: Sendable>: @unchecked Sendable {
    private let storage: ScratchBuffer<Element>
    var count: Int { storage.count }

    init(repeating value: Element, count: Int) {
        storage = ScratchBuffer(repeating: value, count: count)
    }

    subscript(i: Int) -> Element {
        get { storage[i] }
        set { storage[i] = newValue }
    }

    var array: [Element] { storage.array }
}
