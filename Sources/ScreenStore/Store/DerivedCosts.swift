import Foundation
import ScreenCore
import ScreenNumerics

/// The review's fifth criterion, low cost, has no data in the review itself. For every
/// candidate with a chemical formula whose elements all have a price, the database holds a
/// derived value: the raw-material cost per kg estimated from its composition (element prices
/// × mass fractions). It is stored as a measurement whose method says "estimate" and whose
/// conditions name the formula and the inputs, so it can never pass for a market price.
/// A candidate with an element without a price gets no value and a `DerivationGap` naming the
/// element (the bundled prices have none for hydrogen). Made by `DerivedFromComposition`.
enum DerivedCosts {
    static let method = "estimate: raw-material cost from composition (element price × mass fraction)"

    /// Makes the cost measurements, formatting each element price once (an import makes tens of
    /// thousands of them).
    struct Estimator {
        let data: ElementData
        let source: String
        let origin: String
        let costFile: String
        private var priceText: [Double: String] = [:]

        init(data: ElementData, elementsFolder: URL) {
            self.data = data
            costFile = displayPath(elementsFolder.appendingPathComponent(ElementData.elementCostFileName))
            source = "element prices in \(costFile) (Wolfram Alpha 2013, as collected in pymatgen)"
            origin = "\(costFile) (derived)"
        }

        /// The estimate for one composition, or the gap naming the elements without a price.
        mutating func derive(candidate: String, formula text: String, composition: ChemicalFormula) -> DerivedValue {
            let estimate: RawMaterialCostEstimate
            do { estimate = try data.rawMaterialCost(of: composition) } catch let ElementDataError.noPrice(elements, _) {
                return .gap(DerivationGap(candidate: candidate, property: "cost", missing: elements,
                                              reason: "no element price for \(elements.joined(separator: ", ")) in \(costFile)"))
            } catch {
                return .gap(DerivationGap(candidate: candidate, property: "cost", missing: [], reason: "\(error)"))
            }
            var inputs: [String] = []
            for term in estimate.terms {
                let price = priceText[term.usdPerKg] ?? formatForDisplay(term.usdPerKg)
                priceText[term.usdPerKg] = price
                inputs.append("\(term.element) \(formatForDisplay(term.massFraction, significant: 4)) × \(price) USD/kg")
            }
            return .measurement(Measurement(
                candidate: candidate, property: "cost", value: estimate.usdPerKg, uncertainty: nil, rangeLow: nil, rangeHigh: nil,
                qualifier: nil, valueFromRange: false, valueAsGiven: estimate.usdPerKg, uncertaintyAsGiven: nil,
                rangeLowAsGiven: nil, rangeHighAsGiven: nil, unitAsGiven: "USD/kg", method: DerivedCosts.method,
                conditions: "derived from \(text): " + inputs.joined(separator: " + "), conventionAsGiven: nil,
                source: source, location: nil, note: "derived value, not a market price of the compound", origin: origin))
        }
    }
}
