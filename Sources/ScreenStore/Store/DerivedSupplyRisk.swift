import Foundation
import ScreenCore
import ScreenNumerics

/// The supply-risk index `supply_risk_hhi` of every candidate with a formula: the elements'
/// Herfindahl–Hirschman indices weighted by mass fraction, as pymatgen's `HHIModel` computes it
/// (`SupplyRiskEstimate`). A protective layer made at scale should not depend on an element whose
/// production one or two countries control.
///
/// The value is the production-based index: it describes the supply a coating made today draws
/// on, and it is what the property means in the catalogue. The reserve-based index (the long-term
/// view) is computed with the same weights and given in the conditions. An element without an HHI
/// row (hydrogen among them) means no value and a `DerivationGap` naming the element: never a
/// worst-case fill.
enum DerivedSupplyRisk {
    static let method = "derived: production HHI of the elements weighted by mass fraction (as pymatgen HHIModel)"

    /// Makes the supply-risk measurements; as `DerivedCosts.Estimator`, what depends on the
    /// composition alone (`Part`) is separate from the measurement.
    struct Estimator: Sendable {
        let data: ElementData
        let source: String
        let origin: String
        let file: String
        private var indexText: [Double: String] = [:]

        /// The index of one composition and its conditions after the formula, or the elements
        /// without an HHI row; `failed` (another error, naming the formula) is not to be remembered.
        enum Part: Sendable {
            case estimate(production: Double, terms: String)
            case noIndex([String])
            case failed(String)
        }

        /// nil when the element data have no HHI file.
        init?(data: ElementData, elementsFolder: URL) {
            guard data.supplyRisk != nil else { return nil }
            self.data = data
            file = displayPath(elementsFolder.appendingPathComponent(ElementData.supplyRiskFileName))
            source = "element HHI in \(file) (Gaultois et al. 2013, via pymatgen)"
            origin = "\(file) (derived)"
        }

        /// The index of `composition`.
        /// - Complexity: O(e log e) for e elements.
        mutating func part(_ composition: ChemicalFormula) -> Part {
            do {
                let estimate = try data.supplyRisk(of: composition)
                var terms: [String] = []
                for t in estimate.terms {
                    let hhi = indexText[t.production] ?? formatForDisplay(t.production)
                    indexText[t.production] = hhi
                    terms.append("\(t.element) \(formatForDisplay(t.massFraction, significant: 4)) × \(hhi)")
                }
                return .estimate(production: estimate.production, terms: terms.joined(separator: " + ")
                    + "; reserve-based HHI with the same weights \(formatForDisplay(estimate.reserve))")
            } catch let ElementDataError.noSupplyRiskIndex(elements, _) {
                return .noIndex(elements)
            } catch {
                return .failed("\(error)")
            }
        }

        /// The supply-risk value of a candidate whose formula, as written, is `text`, from its
        /// composition's `part` — or the gap naming the elements without an HHI row.
        func value(_ part: Part, candidate: String, formula text: String) -> DerivedValue {
            switch part {
            case .failed(let reason):
                return .gap(DerivationGap(candidate: candidate, property: "supply_risk_hhi", missing: [], reason: reason))
            case .noIndex(let elements):
                return .gap(DerivationGap(candidate: candidate, property: "supply_risk_hhi", missing: elements,
                                          reason: "no HHI for \(elements.joined(separator: ", ")) in \(file)"))
            case .estimate(let production, let terms):
                return .measurement(Measurement(
                    candidate: candidate, property: "supply_risk_hhi", value: production, uncertainty: nil, rangeLow: nil,
                    rangeHigh: nil, qualifier: nil, valueFromRange: false, valueAsGiven: production, uncertaintyAsGiven: nil,
                    rangeLowAsGiven: nil, rangeHighAsGiven: nil, unitAsGiven: "1", method: DerivedSupplyRisk.method,
                    conditions: "derived from \(text): " + terms,
                    conventionAsGiven: nil, source: source, location: nil,
                    note: "derived value (0–10,000; > 2,500 highly concentrated)",
                    origin: origin))
            }
        }
    }
}
