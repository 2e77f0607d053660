import Dispatch
import Foundation
import Synchronization
import ScreenCore
import ScreenStore

extension StabilityDescriptors {
    /// The stability descriptors computed on other threads from a list of formation energies and
    /// written to a store as they come, in composition order: in a transaction of their own
    /// (`write(to:)`), or in an import's (`writeReady`).
    ///
    /// Why a type rather than one function: the computation can start before the store is ready to
    /// take its values. An import of formation energies starts it as soon as the values are read
    /// ahead from its file, checked once the file's own rows are written (`EarlyStart`,
    /// `EarlyValues`), and the hulls are then solved on the second core while the import writes its
    /// rows and derived values on the first; the import writes the descriptors computed by then
    /// whenever it would wait for its own estimates, and the rest as they come (`DerivedRows`).
    /// Each composition's answer depends only on the formation energies (never on the worker or on
    /// what was solved before), so the values and their order are the same however the work is split.
    ///
    /// - Complexity: as `refresh`; memory: the table of compositions, and the results computed but
    ///   not yet written.
    public final class Computation: Sendable {
        /// What the workers compute from: how many values, and how many compositions they form.
        private struct Plan: Sendable {
            let entries: Int
            let compositions: Int
        }

        /// The plan, once the workers' table is built (or why it could not be).
        private final class Planned: Sendable {
            private let result = Mutex<Result<Plan, any Error>?>(nil)
            private let ready = DispatchSemaphore(value: 0)

            func set(_ value: Result<Plan, any Error>) {
                result.withLock { $0 = value }
                ready.signal()
            }

            /// The plan, waiting for it when `wait` (nil: not set yet, and not waited for). The
            /// result is set before the signal, so only a caller that finds none waits, and the
            /// single signal is consumed at most once (there is one writer).
            func plan(wait: Bool) throws -> Plan? {
                if let known = result.withLock({ $0 }) { return try known.get() }
                guard wait else { return nil }
                ready.wait()
                guard let known = result.withLock({ $0 }) else { preconditionFailure("signalled without a plan") }
                return try known.get()
            }
        }

        /// How far the writing has got: the next position to write, and what was written before it.
        private struct Written {
            var next = 0
            var stable = 0, againstSodium = 0, stored = 0
        }

        private let planned = Planned()
        private let handOff = OrderedHandOff<CompositionResult>()
        private let workersDone = DispatchGroup()
        private let written = Mutex(Written())
        /// When the computation started, and when its last worker finished.
        private let started = Date()
        private let finished = Mutex<Date?>(nil)

        /// Starts the computation from `values` (every formation energy, as
        /// `DescriptorStore.values(of: "formation_energy")` gives them) on `threads` workers
        /// (default: the active cores, at most 8) and returns at once.
        public init(values: [PropertyValue], threads: Int? = nil) {
            let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, 8))
            let (planned, handOff) = (self.planned, self.handOff)
            // Threads of their own, not the global dispatch queues: those run about one task per
            // core, so workers busy for seconds would hold back the tasks an import runs there
            // meanwhile (its cost and supply-risk estimates), and the import would wait for them.
            Self.thread(in: workersDone) { [workersDone] in
                let prepared: (table: PhaseSpace.Table, order: [Int], systemNumber: [Int])
                do {
                    let table = try PhaseSpace(values: values).table
                    let (order, systemNumber) = StabilityDescriptors.schedule(table)
                    prepared = (table, order, systemNumber)
                } catch {
                    planned.set(.failure(error))
                    return
                }
                planned.set(.success(Plan(entries: values.count, compositions: prepared.order.count)))
                let remaining = Mutex(workers)
                for worker in 0..<workers {
                    Self.thread(in: workersDone) {
                        defer {
                            if remaining.withLock({ $0 -= 1; return $0 == 0 }) { self.finished.withLock { $0 = Date() } }
                        }
                        let local = PhaseSpace(table: prepared.table)
                        do {
                            for (position, c) in prepared.order.enumerated() where prepared.systemNumber[position] % workers == worker {
                                guard !handOff.isStopped else { return }
                                handOff.put(try StabilityDescriptors.analyse(c, in: local, values: values), at: position)
                            }
                        } catch {
                            handOff.fail(error)
                        }
                    }
                }
            }
        }

        /// Runs `body` on a new thread (8 MiB of stack, as the main thread), counted in `group`.
        private static func thread(in group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
            group.enter()
            let thread = Thread {
                body()
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }

        /// Stops the workers (at their next composition) and waits for them: for a computation
        /// whose results will not be written (the import that started it failed).
        public func cancel() {
            handOff.stop()
            workersDone.wait()
        }

        /// Replaces the store's stability descriptors and stability reports with the computed ones,
        /// in one transaction, writing each composition's values as soon as it and those before it
        /// are computed.
        /// Call once, and not after `writeReady`.
        ///
        /// - Throws: `ThermodynamicsError` when there are no formation energies or one cannot be
        ///   placed on a hull (the transaction is rolled back: the old values stay).
        public func write(to store: DescriptorStore) throws -> Summary {
            defer { cancel() }
            let plan = try planned.plan(wait: true)!
            let progress = ProgressLine("stability", total: plan.compositions)
            defer { progress.finish() }
            let replaced = try store.replaceStabilityDescriptors(properties: properties, method: method) { write in
                _ = try writeReady(wait: true, limit: .max) { measurements, report in
                    try write(measurements, report)
                    progress.advance()
                }
            }
            return try summary(replaced: replaced)
        }

        /// Hands each composition's values and report to `write`, in composition order, from the
        /// first not handed over before: those computed by now, at most `limit` of them, or, with
        /// `wait`, all of them (waiting for the workers). Returns how many it handed over.
        /// What an import writes in its own transaction (`EarlyStart.values`); one thread at a time.
        /// - Throws: the workers' error (`ThermodynamicsError`, a solver's), and `write`'s.
        public func writeReady(wait: Bool, limit: Int, _ write: ([ScreenCore.Measurement], StoredStabilityReport?) throws -> Void) throws -> Int {
            guard let plan = try planned.plan(wait: wait) else { return 0 }
            var state = written.withLock { $0 }
            defer { written.withLock { $0 = state } }
            let first = state.next
            while state.next < plan.compositions, wait || state.next - first < limit {
                let result: CompositionResult
                if wait {
                    result = try handOff.take(state.next)
                } else {
                    guard let ready = try handOff.takeIfReady(state.next) else { break }
                    result = ready
                }
                try write(result.measurements, result.report)
                state.next += 1
                state.stored += result.measurements.count
                if result.isStable { state.stable += 1 }
                if result.againstSodium { state.againstSodium += 1 }
            }
            return state.next - first
        }

        /// What was written, once every composition has been (`writeReady` with `wait`); `replaced`:
        /// the old values deleted first.
        public func summary(replaced: Int) throws -> Summary {
            let plan = try planned.plan(wait: true)!
            let state = written.withLock { $0 }
            precondition(state.next == plan.compositions, "summary before every composition was written")
            return Summary(entries: plan.entries, compositions: plan.compositions, stable: state.stable,
                           analysedAgainstSodium: state.againstSodium, stored: state.stored, replaced: replaced)
        }

        /// Wall time from the start of the computation to the end of its last worker, in seconds
        /// (nil while a worker is still at work).
        public var seconds: Double? { finished.withLock { $0 }.map { $0.timeIntervalSince(started) } }
    }

    /// Starts the stability computation during an import of formation energies, and has the import
    /// write its values: hand `values` to `DescriptorStore.importMapped(file:mapping:elementsFolder:early:)`;
    /// once the import returns, `computation` has written everything (its `summary`), and when the
    /// import throws, `cancel` it.
    public final class EarlyStart: Sendable {
        private let started = Mutex<Computation?>(nil)
        private let threads: Int?

        /// - Parameter threads: the workers of the computation (default: the active cores, at most 8).
        public init(threads: Int? = nil) { self.threads = threads }

        /// What the import hands the formation energies to, and takes the stability descriptors
        /// from (written in its transaction: `DerivedRows`). A second hand-over (the values read
        /// back differ from those read ahead) stops the computation of the first and replaces it;
        /// the rows are always the current computation's (there is one by the time the import
        /// writes them: it hands its values over before).
        public var values: EarlyValues {
            let rows = DerivedRows(properties: properties, method: method) { [self] wait, limit, write in
                guard let computation else { preconditionFailure("derived rows asked for before any values were handed over") }
                return try computation.writeReady(wait: wait, limit: limit, write)
            }
            return EarlyValues(property: "formation_energy", derived: rows) { [self] values in
                let computation = Computation(values: values, threads: threads)
                let replaced = started.withLock { current in
                    defer { current = computation }
                    return current
                }
                replaced?.cancel()
            }
        }

        /// The computation the import started, if it got that far.
        public var computation: Computation? { started.withLock { $0 } }

        /// Stops a computation started for an import that failed.
        public func cancel() { computation?.cancel() }
    }
}
