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
        let data = try ElementData(folder: elementsFolder)
        let costFile = displayPath(elementsFolder.appendingPathComponent(ElementData.elementCostFileName))
        return set.candidates.compactMap { c -> Measurement? in
            guard let text = c.formula, let formula = try? ChemicalFormula(text),
                  let estimate = try? data.rawMaterialCost(of: formula) else { return nil }
            let inputs = estimate.terms.map { "\($0.element) \(formatForDisplay($0.massFraction, significant: 4)) × \(formatForDisplay($0.usdPerKg)) USD/kg" }
            return Measurement(
                candidate: c.id, property: "cost", value: estimate.usdPerKg, uncertainty: nil, rangeLow: nil, rangeHigh: nil,
                qualifier: nil, valueFromRange: false, valueAsGiven: estimate.usdPerKg, uncertaintyAsGiven: nil,
                rangeLowAsGiven: nil, rangeHighAsGiven: nil, unitAsGiven: "USD/kg", method: method,
                conditions: "derived from \(text): " + inputs.joined(separator: " + "), conventionAsGiven: nil,
                source: "element prices in \(costFile) (Wolfram Alpha 2013, as collected in pymatgen)", location: nil,
                note: "derived value, not a market price of the compound", origin: "\(costFile) (derived)")
        }
    }
}
