import Foundation
import Yams
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics

/// One criterion of a profile: its property or performance quantity, goal, weight, limits,
/// missing-value policy, transform and plausible range, each problem with its line.
extension ProfileLoader.Reader {
    mutating func criterion(_ node: Node, defaults: [(String, Node)]) -> Criterion? {
        guard let given = mapping(node) else { fail(node, "criteria", "each criterion is a mapping"); return nil }
        let map = given + defaults.filter { d in !given.contains { $0.0 == d.0 } }
        let known = ["label", "property", "performance", "goal", "transform", "weight", "combine", "prefer", "limits",
                     "missing", "plausible", "target", "saturate", "require", "fallback", "basis", "reference_state", "exclude_flagged"]
        for (k, v) in given where !known.contains(k) { fail(v, k, "unknown key (known: \(known.joined(separator: ", ")))") }
        let source: Criterion.Source
        let unit: String
        if value(map, "property") != nil, value(map, "performance") != nil {
            fail(value(map, "performance"), "performance", "a criterion reads either a property or a performance column, not both")
        }
        if let p = string(map, "property", in: node) {
            guard let property = PropertyCatalogue.property(named: p) else {
                fail(value(map, "property"), "property", "'\(p)' is not in the property catalogue (see `screen db properties`)"); return nil
            }
            source = .property(p)
            unit = property.canonicalUnit.symbol
        } else if let p = string(map, "performance", in: node) {
            guard let u = ProfileLoader.performanceUnits[p] else {
                fail(value(map, "performance"), "performance", "'\(p)' is not a performance column (\(ProfileLoader.performanceColumns.joined(separator: ", ")))"); return nil
            }
            source = .performance(p)
            unit = u
        } else {
            fail(node, "property", "a criterion needs `property:` (a descriptor) or `performance:` (a performance-record column)"); return nil
        }
        let label = string(map, "label", in: node) ?? source.name
        let weightNode = value(map, "weight")
        var weight = 0.0
        if let w = weightNode { weight = number(w, "weight") ?? 0 } else { fail(node, "weight", "required") }
        if weight < 0 { fail(weightNode, "weight", "must be ≥ 0") }
        if weight > 1e6 { fail(weightNode, "weight", "must be at most 1e6 (weights are relative; they are normalised to sum to 1)") }
        let goalText = string(map, "goal", required: true, in: node) ?? "max"
        var goal: Criterion.Goal = .max
        switch goalText {
        case "max": goal = .max
        case "min": goal = .min
        case "target":
            guard let window = target(value(map, "target"), source: source, unit: unit, context: node) else { return nil }
            goal = .target(window)
        case "at_least", "at_most":
            guard let window = saturation(value(map, "saturate"), atLeast: goalText == "at_least", source: source, unit: unit, context: node) else { return nil }
            goal = .target(window)
        default: fail(value(map, "goal"), "goal", "'\(goalText)' is not a goal (max, min, target, at_least or at_most)")
        }
        if goalText != "target", let t = value(map, "target") { fail(t, "target", "a target window needs `goal: target`") }
        if goalText != "at_least", goalText != "at_most", let t = value(map, "saturate") {
            fail(t, "saturate", "a saturation point needs `goal: at_least` or `goal: at_most`")
        }
        let transformText = string(map, "transform", in: node) ?? "none"
        let transform = Criterion.Transform(rawValue: transformText) ?? .none
        if Criterion.Transform(rawValue: transformText) == nil { fail(value(map, "transform"), "transform", "'\(transformText)' is not a transform (none, log10, abs)") }
        if case .target = goal, transform != .none {
            fail(value(map, "transform"), "transform", "goal: \(goalText) scores the value itself (its window is in the property's unit); a transform would be ignored, so it is refused")
        }
        let combineText = string(map, "combine", in: node) ?? "median"
        let combine = Criterion.Combine(rawValue: combineText) ?? .median
        if Criterion.Combine(rawValue: combineText) == nil { fail(value(map, "combine"), "combine", "'\(combineText)' is not one of median, mean, min, max") }
        var prefer: Criterion.Preference? = nil
        if let p = string(map, "prefer", in: node) {
            prefer = Criterion.Preference(rawValue: p)
            if prefer == nil { fail(value(map, "prefer"), "prefer", "'\(p)' is not a preference (experiment, dft)") }
        }
        var minimum: Double? = nil, maximum: Double? = nil
        if let limitsNode = value(map, "limits") {
            if let lm = mapping(limitsNode) {
                for (k, v) in lm {
                    guard k == "min" || k == "max" else { fail(v, "limits.\(k)", "limits take min and max"); continue }
                    let x = quantity(v, key: "limits.\(k)", source: source, unit: unit)
                    if k == "min" { minimum = x } else { maximum = x }
                }
                if let a = minimum, let b = maximum, a > b { fail(limitsNode, "limits", "min \(formatForDisplay(a)) is above max \(formatForDisplay(b)): no candidate can pass") }
            } else { fail(limitsNode, "limits", "must be a mapping, e.g. {min: 5.2 GPa}") }
        }
        var missing: Criterion.MissingPolicy = .exclude
        if let m = value(map, "missing") {
            if let s = m.string {
                switch s {
                case "exclude": missing = .exclude
                case "worst": missing = .worst
                case "unknown": missing = .unknown
                case "neutral":
                    fail(m, "missing", "'neutral' (the median of the other candidates) was removed: an unknown value is not the median; use `unknown` (scored at the worst end of its plausible range, sampled over it by SMAA), `worst`, `exclude` or {impute: \"y ~ x\"}")
                default: fail(m, "missing", "'\(s)' is not a missing-value policy (exclude, worst, unknown, or {impute: \"y ~ x\"})")
                }
            } else if let mm = mapping(m), let f = value(mm, "impute")?.string {
                do {
                    let formula = try Formula(f)
                    if case .variable(let r) = formula.response, r == source.name {} else {
                        fail(m, "missing.impute", "the imputation formula must have \(source.name) as its response")
                    }
                    if case .performance = source { fail(m, "missing.impute", "imputation is for descriptor properties") }
                    missing = .impute(formula: f)
                } catch let e as FormulaError {
                    fail(m, "missing.impute", e.description)
                } catch { fail(m, "missing.impute", "\(error)") }
            } else { fail(m, "missing", "exclude, worst, unknown, or {impute: \"y ~ x\"}") }
        }
        var require: Criterion.Preference? = nil
        if let r = string(map, "require", in: node) {
            require = Criterion.Preference(rawValue: r)
            if require == nil { fail(value(map, "require"), "require", "'\(r)' is not a kind of method (experiment, dft)") }
            if prefer != nil { fail(value(map, "require"), "require", "give either prefer (other methods when none) or require (only these), not both") }
        }
        var fallback: String? = nil
        if let f = string(map, "fallback", in: node) {
            if case .performance = source { fail(value(map, "fallback"), "fallback", "a fallback property is for descriptor criteria") }
            else if let p = PropertyCatalogue.property(named: f) {
                if p.canonicalUnit.symbol != unit { fail(value(map, "fallback"), "fallback", "\(f) is in \(p.canonicalUnit.symbol), not \(unit): a fallback must be the same quantity on the same scale") }
                else if f == source.name { fail(value(map, "fallback"), "fallback", "a criterion cannot fall back on its own property") }
                else { fallback = f }
            } else { fail(value(map, "fallback"), "fallback", "'\(f)' is not in the property catalogue") }
        }
        var plausible: Criterion.PlausibleRange? = nil
        if let p = value(map, "plausible") {
            if missing != .unknown { fail(p, "plausible", "a plausible range is for `missing: unknown`") }
            plausible = plausibleRange(p, source: source, unit: unit)
        }
        var referenceState: ReferenceState? = nil
        let referenced: Bool = if case .property(let p) = source { PropertyCatalogue.property(named: p)?.hasReferenceState ?? false } else { false }
        if let r = string(map, "reference_state", in: node) {
            let scales = ReferenceState.scales.map(\.rawValue).joined(separator: " or ")
            if !referenced {
                fail(value(map, "reference_state"), "reference_state", "\(source.name) has no reference state; only na_binding_energy values record one")
            } else if let parsed = ReferenceState(rawValue: r), ReferenceState.scales.contains(parsed) {
                referenceState = parsed
            } else {
                fail(value(map, "reference_state"), "reference_state", "'\(r)' is not a scale to rank on (\(scales)); values whose reference is not stated are never ranked")
            }
        } else if referenced {
            fail(node, "reference_state", "required for \(source.name): its values sit on two scales (relative to an isolated Na atom or to bulk sodium) that differ by sodium's cohesive energy; say which one the criterion ranks on (reference_state: isolated_atom or bulk_sodium)")
        }
        var criterion = Criterion(label: label, source: source, goal: goal, transform: transform, weight: weight, combine: combine,
                         prefer: prefer, minimum: minimum, maximum: maximum, missing: missing, unit: unit,
                         basis: string(map, "basis", in: node), plausible: plausible, require: require, fallback: fallback, referenceState: referenceState)
        if let f = value(map, "exclude_flagged") {
            if case .property = source { fail(f, "exclude_flagged", "flags are on performance records; this criterion is a descriptor property") }
            else if let b = f.bool { criterion.excludeFlagged = b }
            else { fail(f, "exclude_flagged", "must be true or false") }
        }
        return criterion
    }
}
