import ScreenCore
import ScreenNumerics
import ScreenStore
/// One computed phase: a composition and its formation energy per atom, relative to the
/// elements in their reference states (the lowest-energy elemental entry of each element is
/// the reference). A hull joins only energies on one correction scheme: the Materials Project's
/// formation energies carry its compatibility corrections, and one's own DFT energies must be
/// corrected the same way before they join such a hull.
public struct PhaseEntry: Sendable {
    /// The entry's id (a database candidate id, or `row-N` for a file).
    public let id: String
    /// The composition as given (a unit-cell formula is fine: only ratios matter).
    public let formula: ChemicalFormula
    /// Formation energy, eV/atom.
    public let formationEnergyPerAtom: Double

    /// An entry as given; the energy is checked (finite) when a `PhaseSpace` is built from it.
    public init(id: String, formula: ChemicalFormula, formationEnergyPerAtom: Double) {
        self.id = id
        self.formula = formula
        self.formationEnergyPerAtom = formationEnergyPerAtom
    }
}

/// A set of chemical elements (a chemical system such as Na–Al–O), as a bit set over the
/// indices of a `PhaseSpace`'s element table (at most 128 elements).
struct ElementSet: Hashable, Sendable {
    private(set) var low: UInt64 = 0
    private(set) var high: UInt64 = 0

    init() {}

    init<S: Sequence>(_ indices: S) where S.Element == Int {
        for i in indices { insert(i) }
    }

    mutating func insert(_ index: Int) {
        precondition(index >= 0 && index < 128, "ElementSet holds element indices 0..<128")
        if index < 64 { low |= 1 << UInt64(index) } else { high |= 1 << UInt64(index - 64) }
    }

    func contains(_ index: Int) -> Bool {
        index < 64 ? low & (1 << UInt64(index)) != 0 : high & (1 << UInt64(index - 64)) != 0
    }

    var count: Int { low.nonzeroBitCount + high.nonzeroBitCount }

    /// The indices in increasing order.
    var indices: [Int] {
        var result: [Int] = []
        result.reserveCapacity(count)
        for i in 0..<64 where low & (1 << UInt64(i)) != 0 { result.append(i) }
        for i in 0..<64 where high & (1 << UInt64(i)) != 0 { result.append(i + 64) }
        return result
    }

    /// Every non-empty subset, the set itself included.
    /// - Complexity: O(2^count).
    var nonEmptySubsets: [ElementSet] {
        let members = indices
        let total = 1 << members.count
        var result: [ElementSet] = []
        result.reserveCapacity(total - 1)
        for mask in 1..<total {
            var s = ElementSet()
            for (k, index) in members.enumerated() where mask & (1 << k) != 0 { s.insert(index) }
            result.append(s)
        }
        return result
    }
}

/// A composition the phase space cannot place on a hull.
public struct ThermodynamicsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The sentence to print: names the formula and, where it applies, the missing element.
    public let message: String
    /// An error with `message`.
    public init(_ message: String) { self.message = message }
    /// `message`, as printed after `error: `.
    public var description: String { message }
}

/// Printed as is by the command line (see `UserFacingError`).
extension ThermodynamicsError: UserFacingError {}
