import Foundation
import Synchronization
import SVGCharts
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenSensitivity
import ScreenStore
import ScreenThermodynamics

/// What the report says about a profile that screens on stability against sodium metal: the
/// stages and their counts, what the compounds removed at the stability stage turn into, and the
/// stability windows of the ranked compounds.
///
/// Products and windows come from the stability reports stored with the descriptors (the whole
/// answer of the thermodynamics API, `PhaseSpace.report(for:open:)`, for every composition the
/// descriptors were derived for), not parsed back out of the stored `conditions` text; a compound
/// without one (a formula no formation-energy entry has, a sodium-free compound of three or more
/// elements) is computed through the same API over the database's formation energies. The
/// energies shown are the values the screening used (the stored descriptors, combined by the
/// criteria's rules); the report's reaction energy is compared with the stored descriptor, and a
/// note says when they differ (a database changed without recomputing its stability descriptors).
///
/// - Complexity: one JSON decoding per compound with a stored report; for the others, building
///   the phase space (O(N) for N formation energies) and a hull LP, 2k + 1 profile LPs for k steps
///   and one reaction LP each.
public struct StabilityAnalysis: Sendable {
    /// The open element of every stability descriptor (the `_vs_na` properties).
    public static let metal = "Na"

    /// A compound removed at the stability stage for failing a limit.
    public struct Removed: Sendable {
        /// The removed compound.
        public let candidate: Candidate
        /// Label of the first stability criterion it fails (profile order).
        public let criterion: String
        /// The values the screening used (nil when the profile has no such criterion and the
        /// thermodynamics API could not place the composition).
        public let energyAboveHull: Double?
        /// The reaction energy with Na the screening used; nil as for `energyAboveHull`.
        public let reactionEnergy: Double?
        /// The reduction onset vs Na/Na+ the screening used (V); nil as for `energyAboveHull`.
        public let reductionOnset: Double?
        /// From the thermodynamics API (nil when it could not analyse the formula).
        public let thermodynamics: Thermodynamics?
    }

    /// What the thermodynamics API says of one composition against sodium metal.
    public struct Thermodynamics: Sendable {
        /// Atom fraction of the compound at the most favourable mixing ratio with Na (0 when inert).
        public let mixingRatio: Double
        /// The most favourable reaction with Na: its energy (eV/atom of the mixture) and products.
        public let reactionEnergy: Double
        /// The products of that reaction.
        public let products: [String]
        /// The phases in equilibrium with sodium metal (0 V vs Na/Na+).
        public let productsWithMetal: [String]
        /// The highest voltage vs Na/Na+ at which the composition, or the phases it decomposes into,
        /// takes up sodium (`OpenElementProfile.reductionOnset`); 0 when sodium metal does not reduce it.
        public let reductionOnset: Double
        /// Reduction and oxidation limits vs Na/Na+ (V); nil when not on the hull, high nil when unbounded.
        public let window: (low: Double, high: Double?)?
        /// The energy above the hull (eV/atom); nil when the composition was not placed.
        public let energyAboveHull: Double?
    }

    /// A ranked compound with its window (nil window: not on its hull).
    public struct Ranked: Sendable {
        /// The ranked compound.
        public let candidate: Candidate
        /// Its rank in the screening (1 = best).
        public let rank: Int
        /// What the thermodynamics API says of it; nil when it could not analyse the formula.
        public let thermodynamics: Thermodynamics?
    }

    /// The counts per stage of the screening.
    public let stages: StabilityStages
    /// Removed at the stability stage for a value beyond a limit, in scope order.
    public let removed: [Removed]
    /// Removed at the stability stage for lack of a value, with the criterion's label.
    public let withoutData: [(candidate: Candidate, criterion: String)]
    /// Every ranked compound, in rank order.
    public let ranked: [Ranked]
    /// Sources of the formation energies behind the hulls.
    public let sources: [String]
    /// The database entries behind a row that stands for several (`ScreeningResult.entriesByCandidate`).
    public let entriesByCandidate: [String: [String]]
    /// Notes: no hulls could be built, stored reaction energies that differ from recomputed ones,
    /// compounds that could not be analysed.
    public let notes: [String]

    /// What the analysis needs from the database: the formation energies' sources, the stability
    /// reports stored with the descriptors, and — only for a compound without one — the hull table
    /// to compute its report. Apart from the screening so that a report can read it on another
    /// thread (with a connection of its own) while the screening runs.
    public struct Hulls: Sendable {
        /// Sources of the formation energies.
        let sources: [String]
        /// The stored reports against `metal`, JSON by composition key (`ChemicalFormula.reducedKey`).
        let stored: [String: String]
        /// Reads the formation energies and builds the hull table (for compounds without a stored report).
        let buildTable: @Sendable () -> Result<PhaseSpace.Table, any Error>

        /// - Throws: only store errors; a database without formation energies has no sources and no
        ///   stored reports, and its table, if asked for, fails with a problem to show.
        /// - Complexity: two queries (the sources, the stored reports); the table, O(N) for N
        ///   formation energies, is built only when `buildTable` is called.
        public init(store: DescriptorStore) throws {
            sources = try store.sources(of: "formation_energy")
            stored = try store.stabilityReports(openElement: StabilityAnalysis.metal)
            let path = store.path
            buildTable = { Result { try PhaseSpace(values: try DescriptorStore(path: path).values(of: "formation_energy")).table } }
        }
    }

    /// - Throws: only store errors; a database without formation energies gives an analysis with
    ///   the stages alone and a note.
    public init(result r: ScreeningResult, store: DescriptorStore) throws {
        self.init(result: r, hulls: try Hulls(store: store))
    }

    /// The analysis of a screening on hulls already read (`Hulls(store:)`).
    public init(result r: ScreeningResult, hulls: Hulls) {
        stages = StabilityStages(r)
        entriesByCandidate = r.entriesByCandidate
        let criteria = r.profile.criteria
        func index(of property: String) -> Int? {
            criteria.firstIndex { if case .property(let p) = $0.source { p == property } else { false } }
        }
        let hullIndex = index(of: "energy_above_hull"), reactionIndex = index(of: "reaction_energy_with_na")
        let onsetIndex = index(of: "reduction_onset_vs_na")

        var notes: [String] = []
        sources = hulls.sources

        // Every compound to analyse: the removed ones (for a value beyond a limit), then the ranked ones.
        var removedFalls: [(candidate: Candidate, criterion: Int, row: [CriterionValue?])] = []
        var withoutData: [(Candidate, String)] = []
        for fall in stages.falls {
            let (c, row) = r.scope[fall.scopeIndex]
            if fall.missing { withoutData.append((c, criteria[fall.criterion].label)); continue }
            removedFalls.append((c, fall.criterion, row))
        }
        let (analysed, tableProblem) = Self.analyse(removedFalls.map(\.candidate) + r.rows.map(\.candidate), hulls: hulls)
        if let tableProblem { notes.append(tableProblem) }
        var failed: [String] = []
        func thermodynamics(_ k: Int) -> Thermodynamics? {
            switch analysed[k] {
            case .success(let t): return t
            case .failure(let f):
                if tableProblem == nil { failed.append(f.message) }
                return nil
            }
        }

        var removed: [Removed] = []
        var mismatched: [String] = []
        for (k, fall) in removedFalls.enumerated() {
            let t = thermodynamics(k)
            let stored = reactionIndex.flatMap { fall.row[$0]?.raw }
            if let stored, let t, abs(stored - t.reactionEnergy) > 1e-6 { mismatched.append(fall.candidate.id) }
            removed.append(Removed(candidate: fall.candidate, criterion: criteria[fall.criterion].label,
                                   energyAboveHull: hullIndex.flatMap { fall.row[$0]?.raw } ?? t?.energyAboveHull,
                                   reactionEnergy: stored ?? t?.reactionEnergy,
                                   reductionOnset: onsetIndex.flatMap { fall.row[$0]?.raw } ?? t?.reductionOnset, thermodynamics: t))
        }
        ranked = r.rows.enumerated().map { k, row in
            Ranked(candidate: row.candidate, rank: row.rank, thermodynamics: thermodynamics(removedFalls.count + k))
        }
        self.removed = removed
        self.withoutData = withoutData
        if !mismatched.isEmpty {
            notes.append("stability: for \(mismatched.count) compounds (\(mismatched.prefix(5).joined(separator: ", "))\(mismatched.count > 5 ? ", …" : "")) the stored reaction energy with Na differs from the one recomputed from the formation energies; import the formation energies again to refresh the stored descriptors")
        }
        if !failed.isEmpty {
            notes.append("stability: \(failed.count) compounds could not be analysed against Na metal (products and windows left blank): \(failed.prefix(3).joined(separator: "; "))\(failed.count > 3 ? "; …" : "")")
        }
        self.notes = notes
    }

    /// The thermodynamics of `candidates` against sodium metal, in order, and a note when some had
    /// to be computed and no hull table could be built. A composition analysed when the stability
    /// descriptors were derived has its stored report (the answer those descriptors were derived
    /// from, so the two cannot disagree); only the others (a formula no formation-energy entry has,
    /// a sodium-free compound of three or more elements) are computed here, on the hull table built
    /// for them (see `compute`). A failure carries "id (error)".
    /// - Complexity: one JSON decoding per stored compound; for the others, as `compute`.
    static func analyse(_ candidates: [Candidate], hulls: Hulls) -> (results: [Result<Thermodynamics, Failure>], problem: String?) {
        var results: [Result<Thermodynamics, Failure>?] = Array(repeating: nil, count: candidates.count)
        var missing: [Int] = []
        for (k, c) in candidates.enumerated() {
            let key = (try? ChemicalFormula(c.formula ?? c.id))?.reducedKey
            guard let json = key.flatMap({ hulls.stored[$0] }) else { missing.append(k); continue }
            results[k] = Result {
                Thermodynamics(try StoredStabilityEntry(json: json))
            }.mapError { Failure(message: "\(c.id) (stored stability report does not read: \($0))") }
        }
        var problem: String? = nil
        if !missing.isEmpty {
            switch hulls.buildTable() {
            case .success(let table):
                for (k, result) in zip(missing, compute(missing.map { candidates[$0] }, table: table)) { results[k] = result }
            case .failure(let error):
                problem = "stability: no convex hulls (\(error)); products and windows are not shown"
                for k in missing { results[k] = .failure(Failure(message: "")) }
            }
        }
        // Every k is either stored (decoded above) or missing (computed or failed just now).
        return (results.map { $0! }, problem)
    }

    /// The thermodynamics of `candidates` computed on `table`, in order: hull position, phase
    /// evolution (2k + 1 LPs; its steps give the window and the reduction onset) and reaction. Candidates are dealt to up to 8 threads in
    /// turn (one `PhaseSpace` each over the shared table); every answer is computed on programs built
    /// for it, so it does not depend on the thread.
    static func compute(_ candidates: [Candidate], table: PhaseSpace.Table) -> [Result<Thermodynamics, Failure>] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, candidates.count))
        let results = Mutex<[Result<Thermodynamics, Failure>?]>(Array(repeating: nil, count: candidates.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let space = PhaseSpace(table: table)
            var mine: [(Int, Result<Thermodynamics, Failure>)] = []
            for k in stride(from: worker, to: candidates.count, by: workers) {
                let c = candidates[k]
                do {
                    let formula = try ChemicalFormula(c.formula ?? c.id)
                    let position = try space.hullPosition(of: formula)
                    let profile = try space.profile(of: formula, open: metal)
                    let reaction = try space.reaction(of: formula, with: metal)
                    mine.append((k, .success(Thermodynamics(
                        mixingRatio: reaction.mixingRatio, reactionEnergy: reaction.energy, products: reaction.products,
                        productsWithMetal: profile.productsAtMetal, reductionOnset: profile.reductionOnset,
                        window: profile.window, energyAboveHull: position.energyAboveHull))))
                } catch {
                    mine.append((k, .failure(Failure(message: "\(c.id) (\(error))"))))
                }
            }
            results.withLock { for (k, r) in mine { $0[k] = r } }
        }
        // The workers' strides 0, 1, …, workers − 1 (step `workers`) cover every k, and each k gets a result.
        return results.withLock { $0 }.map { $0! }
    }

    /// Why a compound could not be analysed: "id (error)".
    struct Failure: Error {
        let message: String
    }

    /// The removed compounds that fail the criterion labelled `label`.
    public func removed(by label: String) -> [Removed] { removed.filter { $0.criterion == label } }

    /// Products in equilibrium with Na metal over `compounds`, most frequent first (ties
    /// alphabetical), each with the compounds forming it in the order given.
    /// - Complexity: O(p log p) for p product mentions.
    public static func productFrequencies(_ compounds: [Removed]) -> [(product: String, compounds: [String])] {
        var members: [String: [String]] = [:]
        for c in compounds {
            for p in c.thermodynamics?.productsWithMetal ?? [] { members[p, default: []].append(c.candidate.id) }
        }
        return members.map { (product: $0.key, compounds: $0.value) }
            .sorted { ($1.compounds.count, $0.product) < ($0.compounds.count, $1.product) }
    }
}

extension StabilityAnalysis.Thermodynamics {
    /// What a stored report says (in an extension, so that the memberwise initialiser stays).
    init(_ entry: StoredStabilityEntry) {
        self.init(mixingRatio: entry.reactionMixingRatio, reactionEnergy: entry.reactionEnergy,
                  products: entry.reactionProducts, productsWithMetal: entry.productsAtOpenElement,
                  reductionOnset: entry.reductionOnset, window: entry.window.map { (low: $0.low, high: $0.high) }, energyAboveHull: entry.energyAboveHull)
    }
}
