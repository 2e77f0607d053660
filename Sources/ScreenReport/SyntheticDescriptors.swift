import Foundation
import SVGCharts
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenSensitivity
import ScreenStore
import ScreenThermodynamics

/// A synthetic descriptor folder shaped like a Materials Project import, to test and time the
/// report at the scale of thousands of ranked candidates. Its numbers are random (seeded) and
/// are NOT data: the source column of every row says so.
///
/// Shape (per candidate, category `computed`): a sodium compound formula (Na2X, NaXO3,
/// Na3XO4, NaXY2, …, X and Y elements with a price, so that `db build` derives a cost
/// estimate from `elements/`); a PBE band gap (about 15 % metallic at 0 eV, 10 % between 0
/// and 3 eV, the rest 3–8 eV; 2 % have none); 5 % also an experimental band gap; 3 % a PBE
/// shear and bulk modulus.
public enum SyntheticDescriptors {
    /// The source named on every synthetic row, so no one mistakes it for data.
    public static let source = "synthetic test bed (random numbers; not data)"

    /// Writes `candidates/computed.csv`, `measurements/computed.csv` and a copy of the element
    /// masses and prices from `elements` into `folder` (created if needed).
    public static func write(to folder: URL, candidates count: Int, elements: URL, seed: UInt64 = 11) throws {
        let rng = RandomGenerator(seed: seed)
        let anions = ["O", "S", "Se", "Te", "F", "Cl", "Br", "I", "N", "P", "As", "Sb", "H", "C", "B", "Si", "Ge"]
        let cations = ["Al", "Mg", "Ca", "Sr", "Ba", "Zn", "Cd", "Ga", "In", "Sn", "Pb", "Bi", "Ti", "Zr", "Hf", "V", "Nb", "Ta",
                       "Cr", "Mo", "W", "Mn", "Fe", "Co", "Ni", "Cu", "Ag", "Au", "Y", "La", "Ce", "Nd", "Sc", "Li", "K", "Rb",
                       "Cs", "Be", "Ge", "Si", "B", "P", "Sb", "Te", "Se", "Re", "Ru", "Rh", "Pd", "Pt", "Ir", "Os", "Tl", "Hg"]
        .filter { $0 != "Ba" }   // no price in the bundled table
        let patterns: [(Int, Int, Int, Int)] = [(1, 1, 0, 0), (2, 1, 0, 0), (3, 1, 0, 0), (1, 1, 1, 2), (2, 1, 1, 3), (1, 1, 0, 3),
                                                (3, 1, 0, 4), (1, 1, 0, 2), (2, 1, 0, 6), (4, 1, 1, 4), (1, 2, 1, 4), (5, 1, 1, 4)]
        func pick<T>(_ xs: [T]) -> T { xs[rng.uniformInteger(below: xs.count)] }
        func n(_ x: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", x) }
        var cand = "id,name,formula,category,note\n"
        var meas = "candidate,property,value,uncertainty,range_low,range_high,qualifier,unit,method,conditions,convention,source,location,note\n"
        cand.reserveCapacity(count * 60)
        meas.reserveCapacity(count * 200)
        for k in 0..<count {
            let (na, nx, ny, na2) = pick(patterns)
            let x = pick(cations)
            var anion = pick(anions)
            if anion == x { anion = "O" }
            var formula = "Na" + (na > 1 ? String(na) : "") + x + (nx > 1 ? String(nx) : "")
            if ny > 0 && na2 > 0 {
                formula += anion + (na2 > 1 ? String(na2) : "")
            } else if na2 > 0 {
                formula += "O" + String(na2)
            } else {
                formula = "Na" + (na > 1 ? String(na) : "") + anion
            }
            let id = "\(formula)-mp\(1000 + k)"
            cand += "\(id),\(formula),\(formula),computed,synthetic entry \(k)\n"
            let where_ = "mp-\(1000 + k)"
            let u = rng.uniform()
            if u >= 0.02 {
                let gap: Double
                if u < 0.17 { gap = 0 } else if u < 0.27 { gap = 3 * rng.uniform() } else { gap = 3 + 5 * rng.uniform() }
                meas += "\(id),band_gap,\(n(gap)),,,,,eV,DFT-PBE (MP),,,\(source),\(where_),\n"
                if rng.uniform() < 0.05 {
                    meas += "\(id),band_gap,\(n(gap * 1.4 + 0.3 * rng.uniform())),,,,,eV,experiment,,,\(source),\(where_),\n"
                }
            }
            if rng.uniform() < 0.03 {
                let g = exp(log(3.0) + rng.uniform() * log(50.0))
                let b = g * (1.6 + rng.uniform())
                meas += "\(id),shear_modulus,\(n(g, 3)),,,,,GPa,DFT-PBE (MP G_VRH),,,\(source),\(where_),\n"
                meas += "\(id),bulk_modulus,\(n(b, 3)),,,,,GPa,DFT-PBE (MP K_VRH),,,\(source),\(where_),\n"
            }
        }
        let fm = FileManager.default
        for sub in ["candidates", "measurements"] {
            try fm.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try cand.write(to: folder.appendingPathComponent("candidates/computed.csv"), atomically: true, encoding: .utf8)
        try meas.write(to: folder.appendingPathComponent("measurements/computed.csv"), atomically: true, encoding: .utf8)
        let target = folder.appendingPathComponent("elements")
        try? fm.removeItem(at: target)
        try fm.copyItem(at: elements, to: target)
    }

    /// A profile like the one for the Materials Project sodium compounds: PBE band gap (max,
    /// hard limit 3 eV), shear modulus (max, missing: unknown), estimated cost (min, log10).
    /// `join: formula` (the default here) lets an entry without a modulus take its polymorphs'
    /// values, which makes those cells uncertain (several values) and SMAA sample them: the
    /// harder case for the report's speed.
    public static func profile(method: String = "topsis", join: String = "formula") -> String {
        """
        name: Sodium compounds (synthetic)
        description: Synthetic test bed at the scale of a Materials Project import (random numbers, not data).
        categories: [computed]
        join: \(join)
        method: \(method)
        criteria:
          - label: band gap
            property: band_gap
            goal: max
            weight: 0.4
            prefer: dft
            combine: median
            limits: {min: 3 eV}
            missing: exclude
            basis: "synthetic test bed; 3 eV limit as in the coming profile"
          - label: shear modulus
            property: shear_modulus
            goal: max
            weight: 0.35
            combine: median
            missing: unknown
            basis: "synthetic test bed"
          - label: raw-material cost (estimate)
            property: cost
            goal: min
            transform: log10
            weight: 0.25
            missing: unknown
            basis: "element-price estimate"

        """
    }
}
