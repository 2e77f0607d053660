import Foundation

/// The review's fifth criterion, low cost, has no data in the review itself. For every
/// candidate with a chemical formula whose elements all have a price, the database holds a
/// derived value: the raw-material cost per kg estimated from its composition (element prices
/// × mass fractions). It is stored as a measurement whose method says "estimate" and whose
/// conditions name the formula and the inputs, so it can never pass for a market price.
enum DerivedCosts {
    static let method = "estimate: raw-material cost from composition (element price × mass fraction)"

    /// Cost measurements for the candidates of `set`, from `Descriptors/elements/`; none when
    /// that folder is absent.
    static func measurements(for set: DescriptorSet, elementsFolder: URL) throws -> [Measurement] {
        guard FileManager.default.fileExists(atPath: elementsFolder.path) else { return [] }
        var estimator = Estimator(data: try ElementData(folder: elementsFolder), elementsFolder: elementsFolder)
        return set.candidates.compactMap { c -> Measurement? in
            guard let text = c.formula, let formula = try? ChemicalFormula(text) else { return nil }
            return estimator.measurement(candidate: c.id, formula: text, composition: formula)
        }
    }

    /// Makes the cost measurements, formatting each element price once (an import makes tens of
    /// thousands of them).
    struct Estimator {
        let data: ElementData
        let source: String
        let origin: String
        private var priceText: [Double: String] = [:]

        init(data: ElementData, elementsFolder: URL) {
            self.data = data
            let costFile = displayPath(elementsFolder.appendingPathComponent(ElementData.elementCostFileName))
            source = "element prices in \(costFile) (Wolfram Alpha 2013, as collected in pymatgen)"
            origin = "\(costFile) (derived)"
        }

        /// The estimate for one composition; nil when an element has no price.
        mutating func measurement(candidate: String, formula text: String, composition: ChemicalFormula) -> Measurement? {
            guard let estimate = try? data.rawMaterialCost(of: composition) else { return nil }
            var inputs: [String] = []
            for term in estimate.terms {
                let price = priceText[term.usdPerKg] ?? formatForDisplay(term.usdPerKg)
                priceText[term.usdPerKg] = price
                inputs.append("\(term.element) \(formatForDisplay(term.massFraction, significant: 4)) × \(price) USD/kg")
            }
            return Measurement(
                candidate: candidate, property: "cost", value: estimate.usdPerKg, uncertainty: nil, rangeLow: nil, rangeHigh: nil,
                qualifier: nil, valueFromRange: false, valueAsGiven: estimate.usdPerKg, uncertaintyAsGiven: nil,
                rangeLowAsGiven: nil, rangeHighAsGiven: nil, unitAsGiven: "USD/kg", method: DerivedCosts.method,
                conditions: "derived from \(text): " + inputs.joined(separator: " + "), conventionAsGiven: nil,
                source: source, location: nil, note: "derived value, not a market price of the compound", origin: origin)
        }
    }
}
