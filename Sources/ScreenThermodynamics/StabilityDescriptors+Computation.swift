import Dispatch
import Foundation
import Synchronization
import ScreenCore
import ScreenStore

extension StabilityDescriptors {
    /// The stability descriptors computed on other threads from a list of formation energies and
    /// written to a store as they come, in composition order (`write(to:)`).
    ///
    /// Why a type rather than one function: the computation can start before the store is ready to
    /// take its values. An import of formation energies starts it as soon as the values are read
    /// ahead from its file, checked once the file's own rows are written (`EarlyStart`,
    /// `EarlyValues`), and the hulls are then solved on the second core while the import writes its
    /// rows and derived values on the first; the writing of the
    /// descriptors then overlaps the last of the computation. Each composition's answer depends
    /// only on the formation energies (never on the worker or on what was solved before), so the
    /// values and their order are the same however the work is split.
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

            /// Waits until the plan is set (once: a second call would wait for ever).
            func wait() throws -> Plan {
                ready.wait()
                guard let known = result.withLock({ $0 }) else { preconditionFailure("signalled without a plan") }
                return try known.get()
            }
        }

        private let planned = Planned()
        private let handOff = OrderedHandOff<CompositionResult>()
        private let workersDone = DispatchGroup()

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
                for worker in 0..<workers {
                    Self.thread(in: workersDone) {
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
        /// Call once.
        ///
        /// - Throws: `ThermodynamicsError` when there are no formation energies or one cannot be
        ///   placed on a hull (the transaction is rolled back: the old values stay).
        public func write(to store: DescriptorStore) throws -> Summary {
            defer { cancel() }
            let plan = try planned.wait()
            let progress = ProgressLine("stability", total: plan.compositions)
            defer { progress.finish() }
            var stable = 0, againstSodium = 0, stored = 0
            let replaced = try store.replaceStabilityDescriptors(properties: properties, method: method) { write in
                for position in 0..<plan.compositions {
                    let result = try handOff.take(position)
                    try write(result.measurements, result.report)
                    stored += result.measurements.count
                    if result.isStable { stable += 1 }
                    if result.againstSodium { againstSodium += 1 }
                    progress.advance()
                }
            }
            return Summary(entries: plan.entries, compositions: plan.compositions, stable: stable,
                           analysedAgainstSodium: againstSodium, stored: stored, replaced: replaced)
        }
    }

    /// Starts the stability computation during an import of formation energies: hand
    /// `values` to `DescriptorStore.importMapped(file:mapping:elementsFolder:early:)`, then pass
    /// `computation` to `refresh(store:started:)` once the import returns (or `cancel` it when the
    /// import throws).
    public final class EarlyStart: Sendable {
        private let started = Mutex<Computation?>(nil)
        private let threads: Int?

        /// - Parameter threads: the workers of the computation (default: the active cores, at most 8).
        public init(threads: Int? = nil) { self.threads = threads }

        /// What the import hands the formation energies to. A second hand-over (the values read
        /// back differ from those read ahead) stops the computation of the first and replaces it.
        public var values: EarlyValues {
            EarlyValues(property: "formation_energy") { [self] values in
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
