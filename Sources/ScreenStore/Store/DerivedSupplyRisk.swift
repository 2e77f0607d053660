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

    /// Makes the supply-risk measurements, computing each distinct composition once.
    struct Estimator {
        let data: ElementData
        let source: String
        let origin: String
        let file: String
        private var indexText: [Double: String] = [:]
        /// Per composition (element amounts as written): the index and the conditions after the
        /// formula, or the elements without an HHI row. Cleared when it holds `cacheLimit`.
        private var cache: [ChemicalFormula: Cached] = [:]
        private enum Cached { case estimate(production: Double, terms: String), noIndex([String]) }

        /// nil when the element data have no HHI file.
        init?(data: ElementData, elementsFolder: URL) {
            guard data.supplyRisk != nil else { return nil }
            self.data = data
            file = displayPath(elementsFolder.appendingPathComponent(ElementData.supplyRiskFileName))
            source = "element HHI in \(file) (Gaultois et al. 2013, via pymatgen)"
            origin = "\(file) (derived)"
        }

        /// The index for one composition, or the gap naming the elements without an HHI row;
        /// computed once per composition, as `DerivedCosts.Estimator.derive` does.
        /// - Complexity: O(e log e) for e elements.
        mutating func derive(candidate: String, formula text: String, composition: ChemicalFormula) -> DerivedValue {
            let cached: Cached
            if let known = cache[composition] {
                cached = known
            } else {
                do {
                    let estimate = try data.supplyRisk(of: composition)
                    var terms: [String] = []
                    for t in estimate.terms {
                        let hhi = indexText[t.production] ?? formatForDisplay(t.production)
                        indexText[t.production] = hhi
                        terms.append("\(t.element) \(formatForDisplay(t.massFraction, significant: 4)) × \(hhi)")
                    }
                    cached = .estimate(production: estimate.production, terms: terms.joined(separator: " + ")
                        + "; reserve-based HHI with the same weights \(formatForDisplay(estimate.reserve))")
                } catch let ElementDataError.noSupplyRiskIndex(elements, _) {
                    cached = .noIndex(elements)
                } catch {
                    // Not remembered: the reason names the formula as written.
                    return .gap(DerivationGap(candidate: candidate, property: "supply_risk_hhi", missing: [], reason: "\(error)"))
                }
                if cache.count >= DerivedCosts.Estimator.cacheLimit { cache.removeAll(keepingCapacity: true) }
                cache[composition] = cached
            }
            switch cached {
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
