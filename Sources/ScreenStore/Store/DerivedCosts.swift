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

    /// Makes the cost measurements, computing each distinct composition once and formatting each
    /// element price once (an import makes hundreds of thousands of them, and polymorphs and
    /// merged files repeat compositions).
    struct Estimator {
        let data: ElementData
        let source: String
        let origin: String
        let costFile: String
        private var priceText: [Double: String] = [:]
        /// Per composition (element amounts as written, `ChemicalFormula`'s equality): the estimate
        /// and its inputs text, or the elements without a price. Cleared when it holds `cacheLimit`.
        private var cache: [ChemicalFormula: Cached] = [:]
        private enum Cached { case estimate(usdPerKg: Double, inputs: String), noPrice([String]) }

        /// How many compositions are remembered at most (bounded memory on any file).
        static let cacheLimit = 100_000

        init(data: ElementData, elementsFolder: URL) {
            self.data = data
            costFile = displayPath(elementsFolder.appendingPathComponent(ElementData.elementCostFileName))
            source = "element prices in \(costFile) (Wolfram Alpha 2013, as collected in pymatgen)"
            origin = "\(costFile) (derived)"
        }

        /// The estimate for one composition, or the gap naming the elements without a price.
        /// The same composition always gives the same value and inputs text, so it is computed once;
        /// only the formula as written (`text`, in the conditions) and the candidate differ.
        /// - Complexity: O(e log e) for e elements the first time a composition is met, O(e log e)
        ///   hashing after (the element order of `ChemicalFormula.hash(into:)`).
        mutating func derive(candidate: String, formula text: String, composition: ChemicalFormula) -> DerivedValue {
            let cached: Cached
            if let known = cache[composition] {
                cached = known
            } else {
                do {
                    let estimate = try data.rawMaterialCost(of: composition)
                    var inputs: [String] = []
                    for term in estimate.terms {
                        let price = priceText[term.usdPerKg] ?? formatForDisplay(term.usdPerKg)
                        priceText[term.usdPerKg] = price
                        inputs.append("\(term.element) \(formatForDisplay(term.massFraction, significant: 4)) × \(price) USD/kg")
                    }
                    cached = .estimate(usdPerKg: estimate.usdPerKg, inputs: inputs.joined(separator: " + "))
                } catch let ElementDataError.noPrice(elements, _) {
                    cached = .noPrice(elements)
                } catch {
                    // Not remembered: the reason names the formula as written.
                    return .gap(DerivationGap(candidate: candidate, property: "cost", missing: [], reason: "\(error)"))
                }
                if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
                cache[composition] = cached
            }
            switch cached {
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
