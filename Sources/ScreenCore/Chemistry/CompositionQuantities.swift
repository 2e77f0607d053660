import ScreenNumerics
/// A quantity that cannot be computed because element data are missing. Never filled in.
public enum ElementDataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No atomic mass for `element` (cannot happen with a complete `atomic-masses.csv`).
    case noAtomicMass(element: String, formula: String)
    /// No price for these elements (sorted), so the formula's cost cannot be estimated.
    case noPrice(elements: [String], formula: String)
    /// No HHI row for these elements (sorted), so the formula's supply-risk index cannot be derived.
    case noSupplyRiskIndex(elements: [String], formula: String)
    /// The element data have no HHI file at all.
    case noSupplyRiskData

    /// The sentence printed after `error: `, naming the elements, the formula and the file.
    public var description: String {
        switch self {
        case let .noAtomicMass(element, formula):
            return "no atomic mass for \(element): cannot compute the molar mass of \(formula)"
        case let .noPrice(elements, formula):
            let list = elements.joined(separator: ", ")
            return "no element price for \(list) in \(ElementData.elementCostFileName): cannot estimate the raw-material cost of \(formula)"
        case let .noSupplyRiskIndex(elements, formula):
            let list = elements.joined(separator: ", ")
            return "no HHI for \(list) in \(ElementData.supplyRiskFileName): cannot derive the supply-risk index of \(formula)"
        case .noSupplyRiskData:
            return "no \(ElementData.supplyRiskFileName) among the element data: no supply-risk index can be derived"
        }
    }
}

/// An estimate of a compound's raw-material cost from its composition alone:
/// Σ wᵢ · priceᵢ, with wᵢ the mass fraction of element i and priceᵢ its price as an element.
///
/// It is an estimate, and must be shown as one: it ignores synthesis, purification, precursor
/// chemistry and scale, and uses element prices of one year (2013 in the bundled file).
public struct RawMaterialCostEstimate: Sendable, Equatable {
    /// One element's share of the estimate.
    public struct Term: Sendable, Equatable {
        /// The element symbol.
        public let element: String
        /// Mass fraction wᵢ of the element in the compound.
        public let massFraction: Double
        /// Price of the element, USD/kg.
        public let usdPerKg: Double
        /// wᵢ · priceᵢ, USD per kg of compound.
        public let contribution: Double
        /// Where the element's price comes from.
        public let source: String
    }

    /// The label to print next to the number.
    public static let label = "estimated raw-material cost, USD/kg (Σ mass fraction × element price; composition only, not a market price)"

    /// The formula as given.
    public let formula: String
    /// Σ wᵢ · priceᵢ, USD per kg of compound.
    public let usdPerKg: Double
    /// One term per element, alphabetical.
    public let terms: [Term]

    /// The distinct sources of the prices used, sorted.
    public var sources: [String] { Array(Set(terms.map(\.source))).sorted() }
}

extension ElementData {
    /// The atomic mass of `symbol` (u, numerically g/mol).
    public func atomicMass(of symbol: String) -> Double? { atomicMasses[symbol]?.value }

    /// Molar mass of the formula unit as written, g/mol: Σ nᵢ · Aᵢ (NaF: A(Na) + A(F)).
    /// - Throws: `ElementDataError.noAtomicMass` if an element has no atomic mass.
    /// - Complexity: O(e log e) for e elements.
    public func molarMass(of formula: ChemicalFormula) throws -> Double {
        try molarMass(of: formula, elements: formula.elements)
    }

    /// `molarMass(of:)` over `elements`, the formula's `elements` (sorted once by the caller: the
    /// cost and supply-risk estimates of 95,000 compositions sorted each formula's symbols eight times).
    func molarMass(of formula: ChemicalFormula, elements: [String]) throws -> Double {
        var sum = 0.0
        for symbol in elements {
            guard let a = atomicMass(of: symbol) else {
                throw ElementDataError.noAtomicMass(element: symbol, formula: formula.text)
            }
            // `symbol` is one of `formula.elements`, the keys of `formula.amounts`.
            sum += formula.amounts[symbol]! * a
        }
        return sum
    }

    /// Mass fraction of each element: nᵢ · Aᵢ / Σ nⱼ · Aⱼ. They sum to 1.
    /// - Throws: as `molarMass(of:)`.
    /// - Complexity: O(e log e) for e elements.
    public func massFractions(of formula: ChemicalFormula) throws -> [String: Double] {
        try massFractions(of: formula, elements: formula.elements)
    }

    /// `massFractions(of:)` over `elements`, the formula's `elements` (see `molarMass(of:elements:)`).
    func massFractions(of formula: ChemicalFormula, elements: [String]) throws -> [String: Double] {
        let total = try molarMass(of: formula, elements: elements)
        var result: [String: Double] = [:]
        result.reserveCapacity(elements.count)
        for symbol in elements {
            // `molarMass(of:)` above threw unless every element has an atomic mass; `symbol` is a key of `amounts`.
            result[symbol] = formula.amounts[symbol]! * atomicMass(of: symbol)! / total
        }
        return result
    }

    /// Raw-material cost estimate Σ wᵢ · priceᵢ (see `RawMaterialCostEstimate`).
    /// - Throws: `ElementDataError.noPrice` naming every element without a price; nothing is skipped.
    /// - Complexity: O(e log e) for e elements.
    public func rawMaterialCost(of formula: ChemicalFormula) throws -> RawMaterialCostEstimate {
        let elements = formula.elements
        let unpriced = elements.filter { prices[$0] == nil }
        guard unpriced.isEmpty else { throw ElementDataError.noPrice(elements: unpriced, formula: formula.text) }
        let fractions = try massFractions(of: formula, elements: elements)
        var terms: [RawMaterialCostEstimate.Term] = []
        terms.reserveCapacity(elements.count)
        var total = 0.0
        for symbol in elements {
            // `unpriced` is empty, and `massFractions` has every element as a key.
            let price = prices[symbol]!
            let w = fractions[symbol]!
            let contribution = w * price.usdPerKg
            total += contribution
            terms.append(.init(element: symbol, massFraction: w, usdPerKg: price.usdPerKg,
                               contribution: contribution, source: price.source))
        }
        return RawMaterialCostEstimate(formula: formula.text, usdPerKg: total, terms: terms)
    }
}

/// The supply-risk index of a compound: the Herfindahl–Hirschman indices of its elements weighted
/// by mass fraction, Σ wᵢ · HHIᵢ, exactly as pymatgen's `HHIModel.get_hhi` does it (Gaultois et
/// al., Chem. Mater. 25, 2911 (2013)): `Composition.get_wt_fraction` as the weight, once with the
/// production column and once with the reserve column.
///
/// Why mass fractions: the index stands for the supply of the raw material, which is bought by
/// mass. It is a screening signal (0–10,000; above 2,500 counts as highly concentrated under the
/// U.S. merger guidelines pymatgen cites), not a price or an availability forecast.
public struct SupplyRiskEstimate: Sendable, Equatable {
    /// One element's share of the index.
    public struct Term: Sendable, Equatable {
        /// The element symbol.
        public let element: String
        /// Mass fraction wᵢ of the element in the compound.
        public let massFraction: Double
        /// The element's production HHI.
        public let production: Double
        /// The element's reserve HHI.
        public let reserve: Double
    }

    /// The formula as given.
    public let formula: String
    /// Σ wᵢ · HHI_production,ᵢ.
    public let production: Double
    /// Σ wᵢ · HHI_reserve,ᵢ.
    public let reserve: Double
    /// One term per element, alphabetical.
    public let terms: [Term]
}

extension ElementData {
    /// The mass-fraction-weighted HHI of `formula` (see `SupplyRiskEstimate`).
    /// - Throws: `ElementDataError.noSupplyRiskIndex` naming every element without an HHI row
    ///   (the bundled file has none for H, Ne, Ar, Kr, Tc, Xe and every element from Po on;
    ///   pymatgen returns no value for such a formula either); `.noSupplyRiskData` without an HHI
    ///   file. Nothing is filled in.
    /// - Complexity: O(e log e) for e elements.
    public func supplyRisk(of formula: ChemicalFormula) throws -> SupplyRiskEstimate {
        guard let table = supplyRisk else { throw ElementDataError.noSupplyRiskData }
        let elements = formula.elements
        let unlisted = elements.filter { table[$0] == nil }
        guard unlisted.isEmpty else { throw ElementDataError.noSupplyRiskIndex(elements: unlisted, formula: formula.text) }
        let fractions = try massFractions(of: formula, elements: elements)
        var terms: [SupplyRiskEstimate.Term] = []
        terms.reserveCapacity(elements.count)
        var production = 0.0, reserve = 0.0
        for symbol in elements {
            // `unlisted` is empty, and `massFractions` has every element as a key.
            let index = table[symbol]!, w = fractions[symbol]!
            production += w * index.production
            reserve += w * index.reserve
            terms.append(.init(element: symbol, massFraction: w, production: index.production, reserve: index.reserve))
        }
        return SupplyRiskEstimate(formula: formula.text, production: production, reserve: reserve, terms: terms)
    }
}
