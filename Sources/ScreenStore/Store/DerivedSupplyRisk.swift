import Foundation
import ScreenCore
import ScreenNumerics

/// The supply-risk index `supply_risk_hhi` of every candidate with a formula: the elements'
/// Herfindahl–Hirschman indices weighted by mass fraction, as pymatgen's `HHIModel` computes it
/// (`SupplyRiskEstimate`), stored once per reduced composition (`CompositionValue`). A protective layer made at scale should not depend on an element whose
/// production one or two countries control.
///
/// The value is the production-based index: it describes the supply a coating made today draws
/// on, and it is what the property means in the catalogue. The reserve-based index (the long-term
/// view) is computed with the same weights and given in the conditions. An element without an HHI
/// row (hydrogen among them) means no value and a `DerivationGap` naming the element: never a
/// worst-case fill.
enum DerivedSupplyRisk {
    static let method = "derived: production HHI of the elements weighted by mass fraction (as pymatgen HHIModel)"
    /// The property it derives.
    static let property = "supply_risk_hhi"

    /// Makes the supply-risk measurements, formatting each element index once (as
    /// `DerivedCosts.estimator`); nil when the element data have no HHI file.
    static func estimator(data: ElementData, elementsFolder: URL) -> CompositionEstimator? {
        guard data.supplyRisk != nil else { return nil }
        let hhi = displayPath(elementsFolder.appendingPathComponent(ElementData.supplyRiskFileName))
        let property = DerivedProperty(name: DerivedSupplyRisk.property, unit: "1", method: DerivedSupplyRisk.method,
                                       source: "element HHI in \(hhi) (Gaultois et al. 2013, via pymatgen)",
                                       note: "derived value (0–10,000; > 2,500 highly concentrated)", origin: "\(hhi) (derived)",
                                       lacking: "no HHI for", file: hhi)
        // The production index of a composition with its terms, and the reserve-based index.
        return CompositionEstimator(data: data, property: property, estimate: { data, composition, indices in
            let estimate = try data.supplyRisk(of: composition)
            let terms = estimate.terms.map { "\($0.element) \(formatForDisplay($0.massFraction, significant: 4)) × \(indices.text($0.production))" }
            return (estimate.production, terms.joined(separator: " + ")
                + "; reserve-based HHI with the same weights \(formatForDisplay(estimate.reserve))")
        }, lacking: { error in
            if case let ElementDataError.noSupplyRiskIndex(elements, _) = error { elements } else { nil }
        })
    }
}
