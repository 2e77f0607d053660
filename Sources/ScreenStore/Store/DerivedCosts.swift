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

    /// Makes the cost measurements, formatting each element price once (an import makes hundreds
    /// of thousands of them). What depends on the composition alone (`Part`) is separate from the
    /// measurement, so that `DerivedFromComposition.Estimator` computes it once per composition.
    struct Estimator: Sendable {
        let data: ElementData
        let source: String
        let origin: String
        let costFile: String
        private var priceText: [Double: String] = [:]

        /// The estimate of one composition (element amounts as written): the value and its inputs
        /// text, or the elements without a price; `failed` (another error, whose text names the
        /// formula as written) is not to be remembered.
        enum Part: Sendable {
            case estimate(usdPerKg: Double, inputs: String)
            case noPrice([String])
            case failed(String)
        }

        init(data: ElementData, elementsFolder: URL) {
            self.data = data
            costFile = displayPath(elementsFolder.appendingPathComponent(ElementData.elementCostFileName))
            source = "element prices in \(costFile) (Wolfram Alpha 2013, as collected in pymatgen)"
            origin = "\(costFile) (derived)"
        }

        /// The estimate of `composition`.
        /// - Complexity: O(e log e) for e elements.
        mutating func part(_ composition: ChemicalFormula) -> Part {
            do {
                let estimate = try data.rawMaterialCost(of: composition)
                var inputs: [String] = []
                for term in estimate.terms {
                    let price = priceText[term.usdPerKg] ?? formatForDisplay(term.usdPerKg)
                    priceText[term.usdPerKg] = price
                    inputs.append("\(term.element) \(formatForDisplay(term.massFraction, significant: 4)) × \(price) USD/kg")
                }
                return .estimate(usdPerKg: estimate.usdPerKg, inputs: inputs.joined(separator: " + "))
            } catch let ElementDataError.noPrice(elements, _) {
                return .noPrice(elements)
            } catch {
                return .failed("\(error)")
            }
        }

        /// The cost value of a candidate whose formula, as written, is `text`, from its
        /// composition's `part` — or the gap naming the elements without a price.
        func value(_ part: Part, candidate: String, formula text: String) -> DerivedValue {
            switch part {
            case .failed(let reason):
                return .gap(DerivationGap(candidate: candidate, property: "cost", missing: [], reason: reason))
            case .noPrice(let elements):
                return .gap(DerivationGap(candidate: candidate, property: "cost", missing: elements,
                                          reason: "no element price for \(elements.joined(separator: ", ")) in \(costFile)"))
            case .estimate(let usdPerKg, let inputs):
                return .measurement(Measurement(
                    candidate: candidate, property: "cost", value: usdPerKg, uncertainty: nil, rangeLow: nil, rangeHigh: nil,
                    qualifier: nil, valueFromRange: false, valueAsGiven: usdPerKg, uncertaintyAsGiven: nil,
                    rangeLowAsGiven: nil, rangeHighAsGiven: nil, unitAsGiven: "USD/kg", method: DerivedCosts.method,
                    conditions: "derived from \(text): " + inputs, conventionAsGiven: nil,
                    source: source, location: nil, note: "derived value, not a market price of the compound", origin: origin))
            }
        }
    }
}
