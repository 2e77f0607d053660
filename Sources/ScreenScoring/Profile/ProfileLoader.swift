import Foundation
import Yams
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics

/// Reads and validates a profile YAML file. Every problem names the file, the line and
/// the key, and all problems are reported together; notices (weights normalised) do not stop
/// loading.
public enum ProfileLoader {
    /// The performance columns a criterion can name (the same as in `screen fit --rows performance`).
    public static let performanceColumns = DescriptorTable.performanceColumns
    static let performanceUnits = ["current_density_ma_cm2": "mA/cm2", "capacity_mah_cm2": "mAh/cm2",
                                   "coulombic_efficiency_pct": "%", "overpotential_mv": "mV", "lifespan_hours": "h",
                                   "area_specific_resistance_ohm_cm2": "ohm cm2", "cumulative_capacity_mah_cm2": "mAh/cm2"]
    public static let methods = RankingMethods.names
    public static let normalizations = Normalization.allCases.map(\.rawValue)

    /// A profile given as a file path, or as the name of one in the descriptor folder's
    /// `profiles/` (`sei` → Descriptors/profiles/sei.yaml; `computed/sodium-compounds` →
    /// Descriptors/profiles/computed/sodium-compounds.yaml). A name found nowhere stays the
    /// bundled path (so the error names where it was looked for) unless it looks like a path.
    public static func locate(_ profile: String, descriptorFolder: URL) -> URL {
        let url = URL(fileURLWithPath: profile)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        let named = descriptorFolder.appendingPathComponent("profiles/\(profile.hasSuffix(".yaml") ? profile : profile + ".yaml")")
        return FileManager.default.fileExists(atPath: named.path) || !profile.contains("/") ? named : url
    }

    public static func load(_ url: URL) throws -> Profile {
        let name = displayPath(url)
        if !FileManager.default.fileExists(atPath: url.path) {
            let folder = url.deletingLastPathComponent()
            let known = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
            throw InputError(file: name, "no such profile" + (known.isEmpty ? "" : " (the profiles in \(displayPath(folder)): \(known.joined(separator: ", ")))"))
        }
        return try load(yaml: try InputFile.text(url, display: name), file: name)
    }

    public static func load(yaml: String, file: String) throws -> Profile {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { throw InputError(file: file, "empty profile") }
            root = node
        } catch let e as YamlError {
            throw DescriptorProblems(problems: [yamlInputError(e, file: file, text: yaml)])
        }
        var reader = Reader(file: file)
        let profile = reader.profile(root)
        guard reader.problems.isEmpty, let profile else { throw DescriptorProblems(problems: reader.problems) }
        return profile
    }

    /// Walks the YAML tree collecting problems with their lines.
    struct Reader: YAMLProblemCollector {
        let file: String
        var problems: [InputError] = []

        mutating func string(_ map: [(String, Node)], _ key: String, required: Bool = false, in context: Node) -> String? {
            guard let node = value(map, key) else {
                if required { fail(context, key, "required") }
                return nil
            }
            guard let s = node.string else { fail(node, key, "must be text"); return nil }
            return s
        }

        mutating func number(_ node: Node, _ key: String) -> Double? {
            guard let s = node.string, let v = DecimalNumber.parse(s.trimmingCharacters(in: .whitespaces)) else {
                fail(node, key, "'\(node.string ?? "…")' is not a number"); return nil
            }
            return v
        }

        mutating func profile(_ root: Node) -> Profile? {
            guard let map = mapping(root) else { fail(root, nil, "a profile is a mapping with name, criteria, …"); return nil }
            let known = ["name", "description", "categories", "method", "normalization", "parameters", "defaults", "criteria", "relations",
                         "filter", "polymorphs", "join", "min_coverage"]
            for (k, v) in map where !known.contains(k) { fail(v, k, "unknown key (known: \(known.joined(separator: ", ")))") }
            let name = string(map, "name", required: true, in: root) ?? ""
            var categories: [CandidateCategory]? = nil
            if let node = value(map, "categories") {
                if case .sequence(let seq) = node {
                    categories = []
                    for item in seq {
                        if let s = item.string, let c = CandidateCategory(rawValue: s) { categories!.append(c) }
                        else { fail(item, "categories", "'\(item.string ?? "…")' is not a category (\(CandidateCategory.allCases.map(\.rawValue).joined(separator: ", ")))") }
                    }
                } else { fail(node, "categories", "must be a list, e.g. [sei_inorganic, sei_hybrid]") }
            }
            let method = string(map, "method", in: root) ?? "topsis"
            if !ProfileLoader.methods.contains(method) {
                fail(value(map, "method"), "method", "'\(method)' is not a method (\(ProfileLoader.methods.joined(separator: ", ")))")
            }
            let normalization = string(map, "normalization", in: root)
            if let n = normalization, !ProfileLoader.normalizations.contains(n) {
                fail(value(map, "normalization"), "normalization", "'\(n)' is not a normalization (\(ProfileLoader.normalizations.joined(separator: ", ")))")
            }
            var parameters: [String: Double] = [:]
            if let node = value(map, "parameters") {
                if let pm = mapping(node) { for (k, v) in pm { if let x = number(v, "parameters.\(k)") { parameters[k] = x } } }
                else { fail(node, "parameters", "must be a mapping, e.g. {v: 0.5}") }
                // The method's own check (unknown parameter, value out of range), with this line.
                if ProfileLoader.methods.contains(method) {
                    do { _ = try RankingMethods.make(name: method, parameters: parameters.mapValues { .number($0) }) } catch {
                        fail(node, "parameters", "\(error)")
                    }
                }
            }
            var relations: [String] = []
            if let node = value(map, "relations") {
                if case .sequence(let items) = node {
                    for item in items {
                        guard let text = item.string else { fail(item, "relations", "each relation is a formula such as \"y ~ x\""); continue }
                        do { _ = try Formula(text); relations.append(text) } catch let e as FormulaError { fail(item, "relations", e.description) } catch {}
                    }
                } else { fail(node, "relations", "must be a list of formulas") }
            }
            let defaults = mapping(value(map, "defaults")) ?? []
            guard let criteriaNode = value(map, "criteria"), case .sequence(let items) = criteriaNode, !items.isEmpty else {
                fail(value(map, "criteria") ?? root, "criteria", "required: a list of criteria")
                return nil
            }
            var criteria: [(Criterion, Node)] = []
            for item in items { if let c = criterion(item, defaults: defaults) { criteria.append((c, item)) } }
            var seen: Set<String> = []
            for (c, node) in criteria where !seen.insert(c.label).inserted { fail(node, "label", "two criteria are labelled '\(c.label)'") }
            var notices: [String] = []
            let total = criteria.reduce(0) { $0 + $1.0.weight }
            // Only when every weight was valid: a weight already refused would be reported twice.
            if !criteria.isEmpty && total <= 0 && !problems.contains(where: { $0.field == "weight" }) {
                fail(criteriaNode, "weight", "the weights sum to 0")
            }
            var normalised = criteria.map(\.0)
            if total > 0 && abs(total - 1) > 1e-9 {
                notices.append("weights summed to \(formatForDisplay(total)); normalised to sum to 1")
                normalised = normalised.map { c in
                    Criterion(label: c.label, source: c.source, goal: c.goal, transform: c.transform, weight: c.weight / total,
                              combine: c.combine, prefer: c.prefer, minimum: c.minimum, maximum: c.maximum, missing: c.missing,
                              unit: c.unit, basis: c.basis, plausible: c.plausible, require: c.require, fallback: c.fallback, excludeFlagged: c.excludeFlagged, referenceState: c.referenceState)
                }
            }
            var minCoverage: Double? = nil
            if let node = value(map, "min_coverage") {
                if let x = number(node, "min_coverage") {
                    if x >= 0, x <= 1 { minCoverage = x } else { fail(node, "min_coverage", "must be a share of the weight between 0 and 1") }
                }
            }
            let scope = self.scope(map)
            var profile = Profile(name: name, description: string(map, "description", in: root), categories: categories,
                                  method: method, normalization: normalization, parameters: parameters, criteria: normalised,
                                  relations: relations, notices: notices, file: file, scope: scope)
            profile.minCoverage = minCoverage
            return profile
        }

        /// `filter:`, `polymorphs:` and `join:`.
        mutating func scope(_ map: [(String, Node)]) -> ScreeningScope {
            var scope = ScreeningScope()
            if let node = value(map, "polymorphs") {
                if let s = node.string, let p = ScreeningScope.Polymorphs(rawValue: s) { scope.polymorphs = p }
                else { fail(node, "polymorphs", "'\(node.string ?? "…")' is not a polymorph policy (keep, aggregate)") }
            }
            if let node = value(map, "join") {
                if let s = node.string, let j = ScreeningScope.Join(rawValue: s) { scope.join = j }
                else { fail(node, "join", "'\(node.string ?? "…")' is not a join rule (formula, id)") }
            }
            if let node = value(map, "filter") { scope.filter = filter(node) ?? .none }
            return scope
        }

        /// `filter: {contains: [Na], elements: [Na, F], exclude: [Pb], min_elements: 2, max_elements: 3}`;
        /// each unknown element symbol is reported at its own line.
        mutating func filter(_ node: Node) -> CompositionFilter? {
            guard let map = mapping(node) else {
                fail(node, "filter", "must be a mapping, e.g. {contains: [Na], exclude: [Pb, Cd, Hg], max_elements: 3}"); return nil
            }
            let known = ["contains", "elements", "exclude", "min_elements", "max_elements"]
            var ok = true
            for (k, v) in map where !known.contains(k) { fail(v, "filter.\(k)", "unknown key (known: \(known.joined(separator: ", ")))"); ok = false }
            func symbols(_ key: String) -> [String]? {
                guard let n = value(map, key) else { return nil }
                var items: [(String, Node)] = []
                if case .sequence(let seq) = n {
                    for item in seq {
                        guard let s = item.string else { fail(item, "filter.\(key)", "each item is an element symbol"); ok = false; continue }
                        items.append((s, item))
                    }
                } else if let s = n.string {
                    items = s.split(separator: ",").map { (String($0), n) }
                } else { fail(n, "filter.\(key)", "must be a list of element symbols, e.g. [Na, F]"); ok = false; return nil }
                var out: [String] = []
                for (s, item) in items {
                    let symbol = s.trimmingCharacters(in: .whitespaces)
                    do { out += try CompositionFilter.validated([symbol], key: "") } catch {
                        let fixed = symbol.prefix(1).uppercased() + symbol.dropFirst().lowercased()
                        let hint = ChemicalElements.isSymbol(fixed) && fixed != symbol ? " (did you mean \(fixed)?)" : ""
                        fail(item, "filter.\(key)", "'\(symbol)' is not an element symbol\(hint)"); ok = false
                    }
                }
                return out
            }
            func count(_ key: String) -> Int? {
                guard let n = value(map, key) else { return nil }
                guard let s = n.string, let v = Int(s.trimmingCharacters(in: .whitespaces)), v >= 1 else {
                    fail(n, "filter.\(key)", "'\(n.string ?? "…")' is not a whole number ≥ 1"); ok = false; return nil
                }
                return v
            }
            let contains = symbols("contains"), elements = symbols("elements"), exclude = symbols("exclude")
            let lo = count("min_elements"), hi = count("max_elements")
            guard ok else { return nil }
            do {
                let f = try CompositionFilter(contains: contains ?? [], elements: elements, exclude: exclude ?? [], minElements: lo, maxElements: hi)
                for c in f.contradictions { fail(node, "filter", "\(c): no composition can pass") }
                return f
            } catch {
                fail(node, "filter", "\(error)"); return nil
            }
        }

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

        /// `plausible: {low: …, high: …, unit: …, basis: "…"}`: low below high (never reordered), a
        /// basis required (the numbers must say where they come from).
        mutating func plausibleRange(_ node: Node, source: Criterion.Source, unit: String) -> Criterion.PlausibleRange? {
            guard let map = mapping(node) else {
                fail(node, "plausible", "must be {low: …, high: …, unit: …, basis: \"where the range comes from\"}"); return nil
            }
            refuseUnknownKeys(map, of: "plausible", known: ["low", "high", "unit", "basis"])
            let givenUnit = string(map, "unit", in: node)
            let low = requiredQuantity(map, "low", of: "plausible", in: node, source: source, unit: unit, givenUnit: givenUnit)
            let high = requiredQuantity(map, "high", of: "plausible", in: node, source: source, unit: unit, givenUnit: givenUnit)
            guard let basis = string(map, "basis", in: node), !basis.trimmingCharacters(in: .whitespaces).isEmpty else {
                fail(node, "plausible.basis", "required: where the range comes from"); return nil
            }
            guard let low, let high else { return nil }
            guard low < high else {
                fail(node, "plausible", "low \(formatForDisplay(low)) is not below high \(formatForDisplay(high))"); return nil
            }
            return Criterion.PlausibleRange(low: low, high: high, basis: basis)
        }

        /// Records every key of `map` (the value of `parent`) that is not in `known`.
        mutating func refuseUnknownKeys(_ map: [(String, Node)], of parent: String, known: [String]) {
            for (k, v) in map where !known.contains(k) {
                fail(v, "\(parent).\(k)", "unknown key (known: \(known.joined(separator: ", ")))")
            }
        }

        /// `parent.key` of `map` as a quantity in the canonical unit (`givenUnit`, the map's `unit:`,
        /// applies to a bare number); "required" when absent.
        mutating func requiredQuantity(_ map: [(String, Node)], _ key: String, of parent: String, in node: Node,
                                       source: Criterion.Source, unit: String, givenUnit: String?) -> Double? {
            guard let n = value(map, key) else { fail(node, "\(parent).\(key)", "required"); return nil }
            return quantity(n, key: "\(parent).\(key)", source: source, unit: unit, givenUnit: givenUnit)
        }

        /// A number in the canonical unit, or "value unit" with an accepted unit of the property.
        mutating func quantity(_ node: Node, key: String, source: Criterion.Source, unit: String, givenUnit: String? = nil) -> Double? {
            guard let text = node.string?.trimmingCharacters(in: .whitespaces) else { fail(node, key, "must be a number or 'number unit'"); return nil }
            let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
            guard let v = DecimalNumber.parse(parts[0]) else { fail(node, key, "'\(text)' is not a number or 'number unit'"); return nil }
            guard let unitText = parts.count > 1 ? parts[1] : givenUnit else {
                // A bare number is read in the canonical unit only for a dimensionless quantity.
                guard unit == "1" else { fail(node, key, "give the unit ('\(text) \(unit)' if that is meant): a bare number is ambiguous"); return nil }
                return v
            }
            if case .property(let p) = source, let property = PropertyCatalogue.property(named: p) {
                guard let u = property.unit(named: unitText) else {
                    fail(node, key, "'\(unitText)' is not a unit of \(p) (accepted: \(property.units.map(\.symbol).joined(separator: ", ")))"); return nil
                }
                return u.toCanonical(v)
            }
            guard unitText == unit else { fail(node, key, "'\(unitText)' is not the unit of \(source.name) (\(unit))"); return nil }
            return v
        }

        /// `saturate: {zero: …, full: …, unit: …, shape: …}` of a saturating goal: full credit at and
        /// beyond `full`, none at and beyond `zero` on the other side. Bounds in the wrong order are an
        /// error naming both, never reordered.
        mutating func saturation(_ node: Node?, atLeast: Bool, source: Criterion.Source, unit: String, context: Node) -> DesirabilityWindow? {
            let goal = atLeast ? "at_least" : "at_most"
            guard let node, let map = mapping(node) else {
                fail(node ?? context, "saturate", "goal: \(goal) needs `saturate: {zero: …, full: …, unit: …}`"); return nil
            }
            refuseUnknownKeys(map, of: "saturate", known: ["zero", "full", "unit", "shape"])
            let givenUnit = string(map, "unit", in: node)
            let zero = requiredQuantity(map, "zero", of: "saturate", in: node, source: source, unit: unit, givenUnit: givenUnit)
            let full = requiredQuantity(map, "full", of: "saturate", in: node, source: source, unit: unit, givenUnit: givenUnit)
            guard let zero, let full else { return nil }
            var shape = 1.0
            if let s = value(map, "shape") { shape = number(s, "saturate.shape") ?? 1 }
            do {
                return atLeast ? try .atLeast(zero: zero, full: full, shape: shape) : try .atMost(full: full, zero: zero, shape: shape)
            } catch let e as DecisionError {
                fail(node, "saturate", e.description); return nil
            } catch { fail(node, "saturate", "\(error)"); return nil }
        }

        mutating func target(_ node: Node?, source: Criterion.Source, unit: String, context: Node) -> DesirabilityWindow? {
            guard let node, let map = mapping(node) else {
                fail(node ?? context, "target", "goal: target needs a window: {ideal: [low, high], zero: [low, high], unit: …}"); return nil
            }
            let givenUnit = string(map, "unit", in: node)
            func pair(_ key: String) -> (Double, Double)? {
                guard let n = value(map, key), case .sequence(let items) = n, items.count == 2 else {
                    fail(value(map, key) ?? node, "target.\(key)", "must be [low, high]"); return nil
                }
                guard let a = quantity(items[0], key: "target.\(key)", source: source, unit: unit, givenUnit: givenUnit),
                      let b = quantity(items[1], key: "target.\(key)", source: source, unit: unit, givenUnit: givenUnit) else { return nil }
                // Never reordered: [high, low] is a mistake the author should see.
                guard a <= b else { fail(n, "target.\(key)", "must be [low, high]; \(formatForDisplay(a)) is above \(formatForDisplay(b))"); return nil }
                return (a, b)
            }
            guard let ideal = pair("ideal"), let zero = pair("zero") else { return nil }
            var shape = 1.0
            if let s = value(map, "shape") { shape = number(s, "target.shape") ?? 1 }
            do {
                return try DesirabilityWindow(zeroLow: zero.0, idealLow: ideal.0, idealHigh: ideal.1, zeroHigh: zero.1, shape: shape)
            } catch let e as DecisionError {
                fail(node, "target", e.description); return nil
            } catch { fail(node, "target", "\(error)"); return nil }
        }
    }
}
