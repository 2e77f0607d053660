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

    struct Estimator {
        let data: ElementData
        let source: String
        let origin: String
        let file: String
        private var indexText: [Double: String] = [:]

        /// nil when the element data have no HHI file.
        init?(data: ElementData, elementsFolder: URL) {
            guard data.supplyRisk != nil else { return nil }
            self.data = data
            file = displayPath(elementsFolder.appendingPathComponent(ElementData.supplyRiskFileName))
            source = "element HHI in \(file) (Gaultois et al. 2013, via pymatgen)"
            origin = "\(file) (derived)"
        }

        /// The index for one composition, or the gap naming the elements without an HHI row.
        mutating func derive(candidate: String, formula text: String, composition: ChemicalFormula) -> DerivedValue {
            let estimate: SupplyRiskEstimate
            do { estimate = try data.supplyRisk(of: composition) } catch let ElementDataError.noSupplyRiskIndex(elements, _) {
                return .gap(DerivationGap(candidate: candidate, property: "supply_risk_hhi", missing: elements,
                                              reason: "no HHI for \(elements.joined(separator: ", ")) in \(file)"))
            } catch {
                return .gap(DerivationGap(candidate: candidate, property: "supply_risk_hhi", missing: [], reason: "\(error)"))
            }
            var terms: [String] = []
            for t in estimate.terms {
                let hhi = indexText[t.production] ?? formatForDisplay(t.production)
                indexText[t.production] = hhi
                terms.append("\(t.element) \(formatForDisplay(t.massFraction, significant: 4)) × \(hhi)")
            }
            return .measurement(Measurement(
                candidate: candidate, property: "supply_risk_hhi", value: estimate.production, uncertainty: nil, rangeLow: nil,
                rangeHigh: nil, qualifier: nil, valueFromRange: false, valueAsGiven: estimate.production, uncertaintyAsGiven: nil,
                rangeLowAsGiven: nil, rangeHighAsGiven: nil, unitAsGiven: "1", method: DerivedSupplyRisk.method,
                conditions: "derived from \(text): " + terms.joined(separator: " + ")
                    + "; reserve-based HHI with the same weights \(formatForDisplay(estimate.reserve))",
                conventionAsGiven: nil, source: source, location: nil,
                note: "derived value (0–10,000; > 2,500 highly concentrated)",
                origin: origin))
        }
    }
}
