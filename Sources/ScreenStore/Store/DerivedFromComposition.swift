import Foundation
import ScreenCore
import ScreenNumerics

/// A derived value that could not be made for a candidate, and why. Stored (table
/// `derivation_gaps`) so that a ranking or `db show` can say "no cost estimate: no element price
/// for H" rather than only "no value".
public struct DerivationGap: Sendable, Equatable {
    /// The candidate's id.
    public let candidate: String
    /// The property that has no derived value.
    public let property: String
    /// The element symbols whose data were missing (sorted), if that was the reason.
    public let missing: [String]
    /// Why there is no value, as a person reads it ("no element price for H in …", or why the formula could
    /// not be read).
    public let reason: String
}

/// A value that depends on a composition alone (a raw-material cost estimate, a supply-risk
/// index), stored once for the composition (`composition_values`, schema version 11); the view
/// `measurements` gives it to every candidate whose formula reduces to it, as a derived value
/// with these texts.
public struct CompositionValue: Sendable, Equatable {
    /// The composition's key (`ChemicalFormula.reducedKey`: `ClNa`, `Na2O4S`).
    public let reducedFormula: String
    /// The property, and its canonical unit (also the unit as given).
    public let property, unit: String
    public let value: Double
    /// "derived from NaCl: …": the composition as a chemist writes it and the inputs.
    public let conditions: String
    public let method, source, note, origin: String
}

/// One derivation's result for a candidate: its composition's value, or why there is none.
enum DerivedValue: Sendable {
    case composition(CompositionValue)
    case gap(DerivationGap)
}

/// What a composition gives one derived property, before it is stored: the value and its
/// conditions (after "derived from FORMULA: "), the elements without data, or another error.
enum CompositionPart: Sendable {
    case value(Double, conditions: String)
    case lacking([String])
    case failed(String)
}

extension CompositionPart {
    /// The part `estimate` gives (the value and its conditions), or, when it throws, the elements
    /// without data that `lacking` finds in the error, else the error's text.
    static func of(_ estimate: () throws -> (Double, String), lacking: (Error) -> [String]?) -> CompositionPart {
        do {
            let (value, conditions) = try estimate()
            return .value(value, conditions: conditions)
        } catch {
            return lacking(error).map { .lacking($0) } ?? .failed("\(error)")
        }
    }
}

/// Numbers as `formatForDisplay` writes them, each distinct number formatted once (the same few
/// element prices and indices recur in hundreds of thousands of conditions).
struct FormattedNumbers: Sendable {
    private var texts: [Double: String] = [:]

    /// `formatForDisplay(x)`.
    mutating func text(_ x: Double) -> String {
        if let known = texts[x] { return known }
        let text = formatForDisplay(x)
        texts[x] = text
        return text
    }
}

/// Makes the values of one property derived from compositions (`DerivedCosts.estimator`,
/// `DerivedSupplyRisk.estimator`): how they are written, and what a composition gives. What
/// depends on the composition alone (`part`) is separate from the measurement, so that
/// `DerivedFromComposition.Estimator` computes it once per composition.
struct CompositionEstimator: Sendable {
    /// The value of a composition (its reduced amounts) and its conditions, from the
    /// element data, writing numbers through the estimator's `FormattedNumbers` (each distinct
    /// number formatted once). Throws when the data lack an element.
    typealias Estimate = @Sendable (ElementData, ChemicalFormula, inout FormattedNumbers) throws -> (Double, String)

    /// The element data the values come from.
    let data: ElementData
    /// How the values are written (source, origin: the element data file).
    let property: DerivedProperty
    private let estimate: Estimate
    /// The elements without data that an error of `estimate` names, or nil for another error.
    private let lacking: @Sendable (Error) -> [String]?
    private var numbers = FormattedNumbers()

    init(data: ElementData, property: DerivedProperty, estimate: @escaping Estimate, lacking: @escaping @Sendable (Error) -> [String]?) {
        self.data = data
        self.property = property
        self.estimate = estimate
        self.lacking = lacking
    }

    /// The value of `composition` (its reduced amounts) with its conditions, or the
    /// elements without data.
    /// - Complexity: O(e log e) for e elements.
    mutating func part(_ composition: ChemicalFormula) -> CompositionPart {
        CompositionPart.of({ try estimate(data, composition, &numbers) }, lacking: lacking)
    }
}

/// How the values of one property derived from compositions are written: the same for every
/// composition but for the value and the conditions.
struct DerivedProperty: Sendable {
    /// The property, its canonical unit (also the unit as given), and every value's method, source,
    /// note and origin.
    let name, unit, method, source, note, origin: String
    /// How a gap's reason starts ("no element price for"), and the data file it names.
    let lacking, file: String

    /// What a composition's `part` gives: its value (`reduced` is the reduced composition, named in
    /// the conditions as a chemist writes it; `key` its `reducedKey`, which the caller knows), or —
    /// as a function of the candidate that lacks it — the gap naming the elements without data.
    func outcome(_ part: CompositionPart, of reduced: ChemicalFormula, key: String) -> DerivedOutcome {
        switch part {
        case .failed(let reason):
            return .gap(property: name, missing: [], reason: reason)
        case .lacking(let elements):
            return .gap(property: name, missing: elements, reason: "\(lacking) \(elements.joined(separator: ", ")) in \(file)")
        case .value(let value, let conditions):
            return .value(CompositionValue(
                reducedFormula: key, property: name, unit: unit, value: value,
                conditions: "derived from \(reduced.text): " + conditions, method: method, source: source, note: note, origin: origin))
        }
    }
}

/// A composition's derived value, or the gap every candidate of the composition records.
enum DerivedOutcome: Sendable {
    case value(CompositionValue)
    case gap(property: String, missing: [String], reason: String)

    /// What candidate `id` gets.
    func derived(for id: String) -> DerivedValue {
        switch self {
        case .value(let v): return .composition(v)
        case .gap(let property, let missing, let reason):
            return .gap(DerivationGap(candidate: id, property: property, missing: missing, reason: reason))
        }
    }
}

/// Values derived from a candidate's composition and the per-element data of an `elements/`
/// folder: the raw-material cost estimate (`DerivedCosts`) and the supply-risk index
/// (`DerivedSupplyRisk`). One code path for `db build` and for the new candidates of a mapped
/// import, so that both give the same values, gaps and notices.
enum DerivedFromComposition {
    /// The properties stored per composition (`composition_values`): the readers of the rows look
    /// there only for these.
    static let properties: Set<String> = [DerivedCosts.property, DerivedSupplyRisk.property]

    struct Outcome: Sendable {
        /// One per composition and property, in the order their compositions were first met.
        var values: [CompositionValue] = []
        var gaps: [DerivationGap] = []
        /// Said once per import or build: what was skipped, how often, for which elements.
        var notices: [String] = []
    }

    /// The derived values for the candidates of `set` (at `db build`); nothing when the folder is absent.
    static func derive(for set: DescriptorSet, elementsFolder: URL) throws -> Outcome {
        guard FileManager.default.fileExists(atPath: elementsFolder.path) else { return Outcome() }
        var estimator = Estimator(data: try ElementData(folder: elementsFolder), elementsFolder: elementsFolder)
        for c in set.candidates {
            guard let text = c.formula, let formula = try? ChemicalFormula(text) else { continue }
            estimator.add(candidate: c.id, composition: formula)
        }
        return estimator.outcome
    }

    /// Derives the values of one candidate at a time. Each distinct reduced composition is
    /// computed once (from its reduced amounts, so that Na2Cl2 and NaCl give the same value):
    /// polymorphs and files merged into one another repeat compositions. At most `cacheLimit`
    /// compositions are remembered (cleared when full).
    struct Estimator: Sendable {
        private var cost: CompositionEstimator
        private var supplyRisk: CompositionEstimator?
        private var result = Outcome()
        private var cache: [String: [DerivedOutcome]] = [:]
        /// Per property, the compositions whose value is already stored with these element data
        /// (`skipping(stored:)`): not computed again.
        private var stored: [String: Set<String>] = [:]
        /// The names of `properties`, in their order.
        private let names: [String]

        /// How many compositions are remembered at most (bounded memory on any file).
        static let cacheLimit = 100_000

        init(data: ElementData, elementsFolder: URL) {
            cost = DerivedCosts.estimator(data: data, elementsFolder: elementsFolder)
            supplyRisk = DerivedSupplyRisk.estimator(data: data, elementsFolder: elementsFolder)
            names = [cost.property.name] + (supplyRisk.map { [$0.property.name] } ?? [])
            if supplyRisk == nil {
                result.notices.append("no \(ElementData.supplyRiskFileName) in \(displayPath(elementsFolder)): supply_risk_hhi skipped")
            }
        }

        /// The properties this estimator derives, with the method and source of their values
        /// (what `CompositionValueWriter` tells stored values apart by).
        var properties: [DerivedProperty] { [cost.property] + (supplyRisk.map { [$0.property] } ?? []) }

        /// Leaves out the compositions whose value of a property (`properties`) is already stored:
        /// `stored` maps a property's name to their keys (`ChemicalFormula.reducedKey`).
        mutating func skipping(stored: [String: Set<String>]) {
            self.stored = stored
        }

        /// Derives every value for one candidate and keeps them (for `outcome`): its composition's
        /// values once per composition, its gaps.
        mutating func add(candidate: String, composition: ChemicalFormula) {
            for r in derive(candidate: candidate, reducedKey: composition.reducedKey, composition: { composition }) {
                switch r {
                case .composition(let v): result.values.append(v)
                case .gap(let gap): result.gaps.append(gap)
                }
            }
        }

        /// What one candidate adds, without keeping it: the cost estimate, then the supply risk —
        /// each its composition's value, given only the first time the composition is met (the
        /// value is the composition's, stored once) and never when it is already stored
        /// (`skipping(stored:)`), or the candidate's gap. An import writes them as it goes.
        /// `reducedKey` is the composition's key; `composition` gives its formula, asked only for a
        /// composition not met before (nil: nothing is derived).
        /// - Complexity: O(1) for a composition met before or stored; else O(e log e) for e elements.
        mutating func derive(candidate: String, reducedKey key: String, composition: () -> ChemicalFormula?) -> [DerivedValue] {
            let wanted = names.map { stored[$0]?.contains(key) != true }
            guard wanted.contains(true) else { return [] }
            let outcomes: [DerivedOutcome]
            if let known = cache[key] {
                // Its values were given when it was first met: only the candidate's gaps now.
                return zip(known, wanted).compactMap { outcome, wanted in
                    if wanted, case .gap = outcome { outcome.derived(for: candidate) } else { nil }
                }
            } else {
                guard let reduced = composition()?.reduced else { return [] }
                var computed = [cost.property.outcome(cost.part(reduced), of: reduced, key: key)]
                if let part = supplyRisk?.part(reduced), let property = supplyRisk?.property {
                    computed.append(property.outcome(part, of: reduced, key: key))
                }
                outcomes = computed
                if cache.isEmpty { cache.reserveCapacity(Self.cacheLimit) }
                if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
                cache[key] = outcomes
            }
            return zip(outcomes, wanted).compactMap { outcome, wanted in wanted ? outcome.derived(for: candidate) : nil }
        }

        /// What cannot be derived at all with these element data (no HHI file), said once.
        var setupNotices: [String] { result.notices }

        /// The values, the gaps, and one notice per property with gaps.
        var outcome: Outcome {
            var out = result
            out.notices += DerivedFromComposition.notices(for: result.gaps)
            return out
        }
    }

    /// The notices about gaps, gathered one gap at a time with bounded memory: per property and
    /// element, how many candidates and the first five ids.
    struct GapSummary {
        private var count: [String: Int] = [:]
        private var byElement: [String: [String: (count: Int, first: [String])]] = [:]

        /// Counts one gap.
        mutating func add(_ gap: DerivationGap) {
            count[gap.property, default: 0] += 1
            for e in gap.missing {
                var entry = byElement[gap.property, default: [:]][e] ?? (0, [])
                entry.count += 1
                if entry.first.count < 5 { entry.first.append(gap.candidate) }
                byElement[gap.property, default: [:]][e] = entry
            }
        }

        /// "raw-material cost not estimated for 3 candidates: no element price for H (3: NaH, NaBH4, …)";
        /// elements by how many candidates lack them, then alphabetically.
        var notices: [String] {
            let what = ["cost": ("raw-material cost not estimated", "no element price for"),
                        "supply_risk_hhi": ("supply_risk_hhi not derived", "no HHI for")]
            var out: [String] = []
            for property in ["cost", "supply_risk_hhi"] {
                guard let n = count[property], n > 0, let (headline, lacking) = what[property] else { continue }
                let parts = (byElement[property] ?? [:]).sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }.map { element, e in
                    "\(element) (\(e.count): \(e.first.joined(separator: ", "))\(e.count > 5 ? ", …" : ""))"
                }
                let noun = n == 1 ? "candidate" : "candidates"
                out.append("\(headline) for \(n) \(noun): \(lacking) " + parts.joined(separator: "; ")
                           + "; each candidate's reason is stored (screen db show ID)")
            }
            return out
        }
    }

    /// "raw-material cost not estimated for 3 candidates: no element price for H (3: NaH, NaBH4, …)".
    static func notices(for gaps: [DerivationGap]) -> [String] {
        var summary = GapSummary()
        for g in gaps { summary.add(g) }
        return summary.notices
    }
}
