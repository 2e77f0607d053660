import Foundation
import ScreenCore
import ScreenNumerics

/// The review's fifth criterion, low cost, has no data in the review itself. For every
/// candidate with a chemical formula whose elements all have a price, the database holds a
/// derived value: the raw-material cost per kg estimated from its composition (element prices
/// × mass fractions), stored once per reduced composition (`CompositionValue`) and read as a
/// measurement whose method says "estimate" and whose conditions name the composition and the
/// inputs, so it can never pass for a market price.
/// A candidate with an element without a price gets no value and a `DerivationGap` naming the
/// element (the bundled prices have none for hydrogen). Made by `DerivedFromComposition`.
enum DerivedCosts {
    static let method = "estimate: raw-material cost from composition (element price × mass fraction)"
    /// The property it derives.
    static let property = "cost"

    /// Makes the cost measurements, formatting each element price once (an import makes hundreds
    /// of thousands of them).
    static func estimator(data: ElementData, elementsFolder: URL) -> CompositionEstimator {
        let costs = displayPath(elementsFolder.appendingPathComponent(ElementData.elementCostFileName))
        let property = DerivedProperty(
            name: DerivedCosts.property, unit: "USD/kg", method: DerivedCosts.method,
            source: "element prices in \(costs) (Wolfram Alpha 2013, as collected in pymatgen)",
            note: "derived value, not a market price of the compound", origin: "\(costs) (derived)", lacking: "no element price for", file: costs)
        // The estimate of a composition (its reduced amounts), with its inputs.
        return CompositionEstimator(data: data, property: property, estimate: { data, composition, prices in
            let estimate = try data.rawMaterialCost(of: composition)
            let inputs = estimate.terms.map { term in
                "\(term.element) \(formatForDisplay(term.massFraction, significant: 4)) × \(prices.text(term.usdPerKg)) USD/kg"
            }
            return (estimate.usdPerKg, inputs.joined(separator: " + "))
        }, lacking: { error in
            if case let ElementDataError.noPrice(elements, _) = error { elements } else { nil }
        })
    }
}
