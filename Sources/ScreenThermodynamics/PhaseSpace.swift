import Synchronization
import ScreenCore
import ScreenNumerics
import ScreenStore

/// The formation energies of many entries, organised for convex-hull questions: which
/// compositions are thermodynamically stable, how far above the hull an entry lies, what it
/// decomposes into, and (with `OpenElementProfile`, `OpenElementReaction`) how it behaves
/// against a reservoir of one element such as sodium metal.
///
/// The hull of a chemical system S is the lower convex hull, in (composition, formation energy
/// per atom) space, of every entry whose elements are a subset of S, the elements at 0. It is
/// found by linear programming (GLPK, through `LinearProgram`), not by a hand-written geometry
/// routine: the hull energy at a composition x is
///
///     min Σⱼ λⱼ eⱼ   subject to   Σⱼ λⱼ xⱼ = x,  λ ≥ 0,
///
/// over the entries j of S's subsystems, and the λⱼ > 0 at the optimum are the decomposition
/// (atom fractions). Only the lowest-energy entry of each composition takes part, and only if its
/// formation energy is negative (elements always), as in pymatgen's `PhaseDiagram`.
///
/// Stable compositions are found system by system, smallest first: a composition with exactly
/// the elements S is stable when it lies strictly below the hull of the other compositions of S
/// and the stable compositions of every proper subsystem. Results are memoised per system, so a
/// question about Na–Al–O reuses what Na–O, Al–O and Na–Al found.
///
/// Not thread-safe (it memoises and owns GLPK problems): use one `PhaseSpace` per thread; the
/// spaces made over one `Table` share their stability decisions (`SharedStableSets`).
///
/// - Complexity: building is O(N) for N entries; the first question about a system of k elements
///   solves one small LP per candidate composition of each of its 2^k − 1 subsystems not seen before.
public final class PhaseSpace {
    /// A reduced composition and the entries that have it.
    struct Composition: Sendable {
        let key: String
        /// The entry whose formula names the composition (the first with it): see `PhaseSpace.formula(of:)`.
        let namingEntry: Int
        let elements: ElementSet
        /// Atoms of each element (by element index) per reduced formula unit.
        let amounts: [Int: Double]
        let atomsPerFormula: Double
        var entries: [Int]
        /// The entry with the lowest formation energy, and that energy (eV/atom, relative to the references).
        var minEntry: Int
        var minEnergy: Double

        /// Atomic fraction of element `index`.
        func fraction(_ index: Int) -> Double { (amounts[index] ?? 0) / atomsPerFormula }
    }

    /// The entries grouped by composition: built once, shared (copy-on-write) by every
    /// `PhaseSpace` made from it, one per thread.
    public struct Table: Sendable {
        /// Element symbols by index.
        let symbols: [String]
        let elementIndex: [String: Int]
        let entries: [PhaseEntry]
        /// Each entry's formation energy per atom relative to the elemental references.
        var energies: [Double]
        var compositions: [Composition] = []
        var compositionByKey: [String: Int] = [:]
        /// Compositions whose element set is exactly the key.
        var bySystem: [ElementSet: [Int]] = [:]
        /// The composition of each pure element, by element index.
        var elementalComposition: [Int: Int] = [:]
        /// Stable sets found by any `PhaseSpace` over this table, so that threads working on
        /// systems with common subsystems (Na–O under every Na–M–O) decide each one once.
        let sharedStableSets = SharedStableSets()
    }

    /// The shared tables.
    public let table: Table
    var symbols: [String] { table.symbols }
    var elementIndex: [String: Int] { table.elementIndex }
    /// The entries as given, in their original order (energies as given, not re-referenced).
    public var entries: [PhaseEntry] { table.entries }
    var energies: [Double] { table.energies }
    var compositions: [Composition] { table.compositions }
    /// Memo: the stable compositions whose element set is exactly the key.
    private var stableExactly: [ElementSet: [Int]] = [:]
    /// Memo: the hull point of a composition found while deciding its system's stable set.
    private var hullPoints: [Int: HullPoint] = [:]
    /// Memo: the stable compositions of every subsystem of the key, itself included.
    private var stableWithin: [ElementSet: [Int]] = [:]
    /// Memo: the printed formula of each composition asked for (`formula(of:)`).
    private var formulas: [Int: String] = [:]

    /// pymatgen's `PhaseDiagram.formation_energy_tol`: only compositions below −1e-11 eV/atom join a hull.
    static let formationEnergyTolerance = 1e-11
    /// Amounts below this are not part of a decomposition (pymatgen's `numerical_tol`).
    static let amountTolerance = 1e-8
    /// A composition is stable when it lies this far or more below the hull of the others (eV/atom).
    static let stabilityTolerance = 1e-9

    /// Groups `entries` by reduced composition.
    ///
    /// - Throws: `ThermodynamicsError` for a non-finite energy or a formula with more than 128 elements in all.
    /// - Complexity: O(N·e) for N entries of at most e elements each; no LP is solved yet.
    public convenience init(entries: [PhaseEntry]) throws {
        self.init(table: try Self.table(of: entries))
    }

    /// A phase space over tables already built (by another `PhaseSpace`, on another thread), with
    /// memos and GLPK programs of its own.
    /// - Complexity: O(1) (the table is shared copy-on-write).
    public init(table: Table) {
        self.table = table
    }

    /// Groups `entries` by reduced composition and refers their energies to the elements.
    static func table(of entries: [PhaseEntry]) throws -> Table {
        var symbols: [String] = []
        var index: [String: Int] = [:]
        for entry in entries {
            for symbol in entry.formula.elements where index[symbol] == nil {
                index[symbol] = symbols.count
                symbols.append(symbol)
            }
        }
        guard symbols.count <= 128 else { throw ThermodynamicsError("more than 128 elements in the formation energies") }
        var t = Table(symbols: symbols, elementIndex: index, entries: entries, energies: entries.map(\.formationEnergyPerAtom))
        for (i, entry) in entries.enumerated() {
            guard entry.formationEnergyPerAtom.isFinite else {
                throw ThermodynamicsError("entry \(entry.id) (\(entry.formula.text)) has a non-finite formation energy")
            }
            let key = entry.formula.reducedKey
            if let c = t.compositionByKey[key] {
                t.compositions[c].entries.append(i)
                if entry.formationEnergyPerAtom < t.compositions[c].minEnergy {
                    t.compositions[c].minEntry = i
                    t.compositions[c].minEnergy = entry.formationEnergyPerAtom
                }
            } else {
                let reduced = entry.formula.reducedAmounts
                var amounts: [Int: Double] = [:]
                // Every element of every entry was indexed in the loop above.
                for (symbol, n) in reduced { amounts[index[symbol]!] = n }
                let elements = ElementSet(amounts.keys)
                t.compositionByKey[key] = t.compositions.count
                t.bySystem[elements, default: []].append(t.compositions.count)
                // `amounts` has exactly one key here.
                if amounts.count == 1 { t.elementalComposition[amounts.keys.first!] = t.compositions.count }
                t.compositions.append(Composition(
                    key: key, namingEntry: i, elements: elements, amounts: amounts,
                    atomsPerFormula: reduced.values.reduce(0, +), entries: [i], minEntry: i,
                    minEnergy: entry.formationEnergyPerAtom))
            }
        }
        // Energies relative to the elemental references (the lowest elemental entry of each
        // element; 0 already for formation energies, but not for every user's file).
        let references: [Int: Double] = t.elementalComposition.mapValues { t.compositions[$0].minEnergy }
        for c in t.compositions.indices {
            var shift = 0.0
            var referenced = true
            for (element, _) in t.compositions[c].amounts {
                guard let r = references[element] else { referenced = false; break }
                shift += t.compositions[c].fraction(element) * r
            }
            guard referenced, shift != 0 else { continue }
            for e in t.compositions[c].entries { t.energies[e] -= shift }
            t.compositions[c].minEnergy -= shift
        }
        return t
    }

    // MARK: Looking things up

    /// The composition index of `formula`, or nil when no entry has it.
    func composition(of formula: ChemicalFormula) -> Int? { table.compositionByKey[formula.reducedKey] }

    /// The reduced formula to print of composition `c`, in pymatgen's element order
    /// (`ChemicalFormula.conventionalFormula` of its first entry's formula: `Na2SO4`, not the key's
    /// `Na2O4S`). Every formula the stage reports comes from here. Made when first asked for and
    /// remembered: a question names a few compositions (its products), so the tens of thousands a
    /// table holds are not all formatted when it is built.
    func formula(of c: Int) -> String {
        if let known = formulas[c] { return known }
        let text = table.entries[compositions[c].namingEntry].formula.conventionalFormula
        formulas[c] = text
        return text
    }

    /// The element set of `formula`, checking that every element has data and an elemental reference.
    ///
    /// - Throws: `ThermodynamicsError` naming the formula and the element without formation energies.
    func system(of formula: ChemicalFormula, adding extra: [String] = []) throws -> ElementSet {
        var set = ElementSet()
        let all = Array(Set(formula.elements + extra)).sorted()
        for symbol in all {
            guard let i = elementIndex[symbol] else {
                throw ThermodynamicsError("\(formula.text): no formation energies contain \(symbol), so the chemical system \(all.joined(separator: "-")) has no hull")
            }
            guard table.elementalComposition[i] != nil else {
                throw ThermodynamicsError("\(formula.text): the chemical system \(all.joined(separator: "-")) has no formation energy of elemental \(symbol) (its reference state)")
            }
            set.insert(i)
        }
        return set
    }

    /// Element symbols of a set, sorted alphabetically, joined by `-`.
    func name(of system: ElementSet) -> String { system.indices.map { symbols[$0] }.sorted().joined(separator: "-") }

    /// The element index of `symbol`.
    func index(of symbol: String) -> Int? { elementIndex[symbol] }

    /// The composition of the pure element `index`.
    func elemental(_ index: Int) -> Int? { table.elementalComposition[index] }

    /// The atomic fractions of compositions `columns` as the matrix of a linear program: one row per
    /// element of `rows`, one column per composition, each entry `fraction(_:)` (0 for an element
    /// the composition lacks).
    ///
    /// Why not `fraction(_:)` per entry: a program is built for every question about a system of
    /// hundreds of stable compositions, and an entry read through the composition's dictionary
    /// costs a hash and a copy of the composition; here each column's elements are read once.
    /// - Complexity: O(rows · columns) to fill, O(columns · e) to read for e elements per composition.
    func fractionMatrix(rows: [Int], columns: [Int]) -> [[Double]] {
        var matrix = Array(repeating: Array(repeating: 0.0, count: columns.count), count: rows.count)
        // Each element's row (−1: not a row), looked up by index instead of searched.
        var rowOf = [Int](repeating: -1, count: symbols.count)
        for (i, element) in rows.enumerated() { rowOf[element] = i }
        let all = table.compositions
        for (j, c) in columns.enumerated() {
            let composition = all[c]
            for (element, amount) in composition.amounts where rowOf[element] >= 0 {
                // The same expression as `Composition.fraction(_:)`, so the same number.
                matrix[rowOf[element]][j] = amount / composition.atomsPerFormula
            }
        }
        return matrix
    }

    /// Whether composition `c` may take part in a hull: its lowest entry has a negative
    /// formation energy, or it is a pure element.
    func joinsHull(_ c: Int) -> Bool {
        compositions[c].amounts.count == 1 || compositions[c].minEnergy < -Self.formationEnergyTolerance
    }

    // MARK: Stability

    /// The stable compositions of every subsystem of `system`, itself included.
    func stableCompositions(in system: ElementSet) throws -> [Int] {
        if let known = stableWithin[system] { return known }
        var result: [Int] = []
        for subsystem in system.nonEmptySubsets { result += try stable(exactly: subsystem) }
        result.sort()
        if stableWithin.count > 65_536 { stableWithin.removeAll(keepingCapacity: true) }
        stableWithin[system] = result
        return result
    }

    /// Whether composition `c` is a vertex of the hull of its own system.
    func isStable(_ c: Int) throws -> Bool {
        try stable(exactly: compositions[c].elements).contains(c)
    }

    /// The stable compositions whose element set is exactly `system` (memoised).
    private func stable(exactly system: ElementSet) throws -> [Int] {
        if let known = stableExactly[system] { return known }
        if let shared = table.sharedStableSets[system] {
            stableExactly[system] = shared.stable
            for (c, point) in shared.points { hullPoints[c] = point }
            return shared.stable
        }
        let result: [Int]
        var points: [(Int, HullPoint)] = []
        if system.count == 1 {
            result = table.elementalComposition[system.indices[0]].map { [$0] } ?? []
        } else {
            let own = (table.bySystem[system] ?? []).filter(joinsHull)
            if own.isEmpty {
                result = []
            } else {
                var below: [Int] = []
                for subsystem in system.nonEmptySubsets where subsystem != system {
                    below += try stable(exactly: subsystem)
                }
                let columns = below + own
                let hull = SystemHull(space: self, system: system, columns: columns)
                var stable: [Int] = []
                for (k, c) in own.enumerated() {
                    let column = below.count + k
                    hull.program.setBounds(column: column, lower: 0, upper: 0)
                    defer { hull.program.setBounds(column: column, lower: 0, upper: nil) }
                    guard let point = try hull.solve(composition: c) else { continue }
                    if compositions[c].minEnergy < point.energy - Self.stabilityTolerance {
                        stable.append(c)
                        points.append((c, HullPoint(energy: compositions[c].minEnergy, decomposition: [(c, 1)])))
                    } else {
                        // Not a vertex: the hull without it is the hull, at its composition too.
                        points.append((c, point))
                    }
                }
                result = stable
            }
        }
        stableExactly[system] = result
        for (c, point) in points { hullPoints[c] = point }
        table.sharedStableSets[system] = SharedStableSets.Decision(stable: result, points: points)
        return result
    }

    /// The open-element programs of `system` (which holds `open`), built afresh for each question:
    /// a simplex warm-started from an earlier question's basis can end on another basis that is
    /// optimal within GLPK's tolerances and differ in the last digits, so an answer would depend on
    /// the questions asked before it (and on how a run is split into shards or threads). The
    /// stability decisions they rest on stay memoised (they are deterministic).
    func openPrograms(system: ElementSet, open: Int) throws -> OpenElementPrograms {
        OpenElementPrograms(space: self, system: system, open: open, stable: try stableCompositions(in: system))
    }

    /// The hull at the composition of `c`: known from the stability decision for a composition that
    /// joins the hull, one LP otherwise.
    func hullPoint(of c: Int) throws -> HullPoint? {
        let system = compositions[c].elements
        _ = try stableCompositions(in: system)
        if let known = hullPoints[c] { return known }
        return try hull(of: system).solve(composition: c)
    }

    /// The hull of `system` over its stable compositions, a program built afresh for each question
    /// (see `openPrograms`).
    func hull(of system: ElementSet) throws -> SystemHull {
        SystemHull(space: self, system: system, columns: try stableCompositions(in: system))
    }
}

/// A point on a hull: its energy per atom and the stable compositions it is made of.
struct HullPoint: Sendable {
    /// eV/atom.
    let energy: Double
    /// Composition index and atom fraction, fractions summing to 1.
    let decomposition: [(composition: Int, fraction: Double)]
}

/// The linear program of one chemical system's hull, kept for repeated questions.
final class SystemHull {
    unowned let space: PhaseSpace
    let system: ElementSet
    let rowElements: [Int]
    let columns: [Int]
    let program: LinearProgram

    /// A program whose rows are the elements of `system` and whose columns are `columns`
    /// (compositions), each column its atomic fractions, its cost its lowest energy per atom.
    init(space: PhaseSpace, system: ElementSet, columns: [Int]) {
        self.space = space
        self.system = system
        rowElements = system.indices
        self.columns = columns
        program = LinearProgram(matrix: space.fractionMatrix(rows: rowElements, columns: columns), columns: columns.count)
        program.setCosts(columns.map { space.compositions[$0].minEnergy })
    }

    /// The hull at the composition of `c` (which must lie in this system).
    func solve(composition c: Int) throws -> HullPoint? {
        try solve(fractions: rowElements.map { space.compositions[c].fraction($0) })
    }

    /// The hull at atomic fractions given per row element; nil if no combination of the columns has them.
    func solve(fractions: [Double]) throws -> HullPoint? {
        program.setRightHandSide(fractions)
        guard let solution = try program.solve() else { return nil }
        var parts: [(composition: Int, fraction: Double)] = []
        var energy = 0.0
        for (j, x) in solution.values.enumerated() where x > PhaseSpace.amountTolerance {
            parts.append((columns[j], x))
            energy += x * space.compositions[columns[j]].minEnergy
        }
        return HullPoint(energy: energy, decomposition: parts)
    }
}

/// The stability decision of each chemical system (exactly its elements) — its stable
/// compositions and the hull points found on the way —, shared by every `PhaseSpace` over one
/// table, on any thread, so that threads working on systems with common subsystems (Na–O under
/// every Na–M–O) decide each one once. Sharing cannot change a result: a decision is made on a
/// program built for that system alone, its compositions solved in a fixed order, so it is the same
/// whichever thread makes it.
final class SharedStableSets: Sendable {
    struct Decision: Sendable {
        let stable: [Int]
        let points: [(Int, HullPoint)]
    }

    private let sets = Mutex<[ElementSet: Decision]>([:])

    subscript(system: ElementSet) -> Decision? {
        get { sets.withLock { $0[system] } }
        set { if let newValue { sets.withLock { $0[system] = newValue } } }
    }
}
