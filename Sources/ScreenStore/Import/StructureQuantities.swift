import Foundation
import ScreenCore
import ScreenNumerics

/// Cell volume and composition read from a pymatgen `Structure` dictionary
/// (`lattice.matrix`, `lattice.volume`, `sites[].species[{element, occu}]`), and the two
/// quantities derived from them:
///
/// - density ρ = Σ(mᵢ · occᵢ) / V × 1.66053906660 g/cm³ per u/Å³ (1 u = 1.66053906660e-24 g,
///   CODATA 2018; 1 Å³ = 1e-24 cm³), with mᵢ the atomic mass of each site species;
/// - volume per atom V / Σ occᵢ, in Å³/atom.
struct StructureQuantities: Sendable, Equatable {
    /// g/cm³ per u/Å³: the atomic mass constant in grams divided by 1e-24 cm³ per Å³.
    static let gramsPerCubicCentimetrePerAmuPerCubicAngstrom = 1.66053906660

    /// Cell volume, Å³ (`lattice.volume`, or |det(matrix)| when that is absent).
    let volume: Double
    /// Where the volume came from, for the conditions text.
    let volumeFrom: String
    /// Σ occupancy per element over all sites.
    let occupancy: [String: Double]
    let siteCount: Int

    var atomCount: Double { occupancy.values.reduce(0, +) }
    var volumePerAtom: Double { volume / atomCount }

    /// Σ mᵢ · occᵢ in u; nil when an element has no mass.
    func cellMass(_ masses: ElementData) -> Double? {
        var sum = 0.0
        for (element, occ) in occupancy.sorted(by: { $0.key < $1.key }) {
            guard let m = masses.atomicMass(of: element) else { return nil }
            sum += m * occ
        }
        return sum
    }

    func density(_ masses: ElementData) -> Double? {
        cellMass(masses).map { $0 / volume * Self.gramsPerCubicCentimetrePerAmuPerCubicAngstrom }
    }

    /// Whether the cell has the formula's composition (equal atomic fractions, relative
    /// tolerance 1e-6).
    func hasComposition(of formula: ChemicalFormula) -> Bool {
        guard Set(occupancy.keys) == Set(formula.amounts.keys) else { return false }
        let total = atomCount
        let fractions = formula.atomicFractions
        return occupancy.allSatisfy { element, occ in abs(occ / total - fractions[element]!) <= 1e-6 * max(1, fractions[element]!) }
    }

    /// The cell's content as a formula-like text, e.g. `Na4F4` (occupancies as given).
    var cellContent: String {
        occupancy.keys.sorted().map { e in e + ChemicalFormula.formatAmount(occupancy[e]!) }.joined()
    }

    /// Reads the dictionary; the error text says what is wrong.
    init(pymatgen value: Any) throws(StructureError) {
        guard let dict = value as? [String: Any] else { throw StructureError("is not an object (a pymatgen Structure dictionary)") }
        guard let lattice = dict["lattice"] as? [String: Any] else { throw StructureError("has no lattice object") }
        if let v = (lattice["volume"] as? NSNumber)?.doubleValue, v.isFinite {
            volume = v
            volumeFrom = "lattice.volume"
        } else {
            guard let rows = lattice["matrix"] as? [[Any]], rows.count == 3, rows.allSatisfy({ $0.count == 3 }) else {
                throw StructureError("lattice has neither a volume nor a 3×3 matrix")
            }
            let m = try rows.map { row throws(StructureError) -> [Double] in
                try row.map { x throws(StructureError) -> Double in
                    guard let d = (x as? NSNumber)?.doubleValue, d.isFinite else { throw StructureError("lattice.matrix holds a non-number") }
                    return d
                }
            }
            let det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
            volume = abs(det)
            volumeFrom = "|det(lattice.matrix)|"
        }
        guard volume > 0 else { throw StructureError("cell volume \(volume) Å3 is not positive") }
        guard let sites = dict["sites"] as? [Any], !sites.isEmpty else { throw StructureError("has no sites") }
        var occupancy: [String: Double] = [:]
        for (i, site) in sites.enumerated() {
            guard let s = site as? [String: Any], let species = s["species"] as? [Any], !species.isEmpty else {
                throw StructureError("site \(i) has no species list")
            }
            for sp in species {
                guard let d = sp as? [String: Any], let element = d["element"] as? String else {
                    throw StructureError("site \(i) has a species without an element")
                }
                guard ChemicalElements.isSymbol(element) else { throw StructureError("site \(i): '\(element)' is not an element symbol") }
                guard let occ = (d["occu"] as? NSNumber)?.doubleValue, occ.isFinite, occ > 0, occ <= 1 + 1e-9 else {
                    throw StructureError("site \(i): occupancy of \(element) is missing or not in (0, 1]")
                }
                occupancy[element, default: 0] += occ
            }
        }
        self.occupancy = occupancy
        siteCount = sites.count
    }
}

/// Why a structure dictionary could not be read.
struct StructureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
