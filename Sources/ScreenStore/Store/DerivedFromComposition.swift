import Foundation
import ScreenCore
import ScreenNumerics

/// A derived value that could not be made for a candidate, and why. Stored (table
/// `derivation_gaps`) so that a ranking or `db show` can say "no cost estimate: no element price
/// for H" rather than only "no value".
public struct DerivationGap: Sendable, Equatable {
    public let candidate: String
    /// The property that has no derived value.
    public let property: String
    /// The element symbols whose data were missing (sorted), if that was the reason.
    public let missing: [String]
    public let reason: String
}

/// One derivation's result: the value, or why there is none.
enum DerivedValue {
    case measurement(Measurement)
    case gap(DerivationGap)
}

/// Values derived from a candidate's composition and the per-element data of an `elements/`
/// folder: the raw-material cost estimate (`DerivedCosts`) and the supply-risk index
/// (`DerivedSupplyRisk`). One code path for `db build` and for the new candidates of a mapped
/// import, so that both give the same values, gaps and notices.
enum DerivedFromComposition {
    struct Outcome: Sendable {
        var measurements: [Measurement] = []
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
            estimator.add(candidate: c.id, formula: text, composition: formula)
        }
        return estimator.outcome
    }

    struct Estimator {
        private var cost: DerivedCosts.Estimator
        private var supplyRisk: DerivedSupplyRisk.Estimator?
        private var result = Outcome()

        init(data: ElementData, elementsFolder: URL) {
            cost = DerivedCosts.Estimator(data: data, elementsFolder: elementsFolder)
            supplyRisk = DerivedSupplyRisk.Estimator(data: data, elementsFolder: elementsFolder)
            if supplyRisk == nil {
                result.notices.append("no \(ElementData.supplyRiskFileName) in \(displayPath(elementsFolder)): supply_risk_hhi skipped")
            }
        }

        /// Derives every value for one candidate.
        mutating func add(candidate: String, formula text: String, composition: ChemicalFormula) {
            record(cost.derive(candidate: candidate, formula: text, composition: composition))
            if let r = supplyRisk?.derive(candidate: candidate, formula: text, composition: composition) { record(r) }
        }

        private mutating func record(_ r: DerivedValue) {
            switch r {
            case .measurement(let m): result.measurements.append(m)
            case .gap(let gap): result.gaps.append(gap)
            }
        }

        /// The values, the gaps, and one notice per property with gaps.
        var outcome: Outcome {
            var out = result
            out.notices += DerivedFromComposition.notices(for: result.gaps)
            return out
        }
    }

    /// "raw-material cost not estimated for 3 candidates: no element price for H (3: NaH, NaBH4, …)".
    static func notices(for gaps: [DerivationGap]) -> [String] {
        let what = ["cost": ("raw-material cost not estimated", "no element price for"),
                    "supply_risk_hhi": ("supply_risk_hhi not derived", "no HHI for")]
        var out: [String] = []
        for property in ["cost", "supply_risk_hhi"] {
            let these = gaps.filter { $0.property == property }
            guard !these.isEmpty, let (headline, lacking) = what[property] else { continue }
            var byElement: [String: [String]] = [:]
            for g in these { for e in g.missing { byElement[e, default: []].append(g.candidate) } }
            let parts = byElement.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }.map { element, ids in
                "\(element) (\(ids.count): \(ids.prefix(5).joined(separator: ", "))\(ids.count > 5 ? ", …" : ""))"
            }
            let noun = these.count == 1 ? "candidate" : "candidates"
            out.append("\(headline) for \(these.count) \(noun): \(lacking) " + parts.joined(separator: "; ")
                       + "; each candidate's reason is stored (screen db show ID)")
        }
        return out
    }
}
