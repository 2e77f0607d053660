import Foundation
import Yams
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics

/// The numeric parts of a criterion: plausible ranges, quantities with units, saturating and
/// target desirability windows. Bounds in the wrong order are errors, never reordered.
extension ProfileLoader.Reader {
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
        guard let basis = string(map, "basis", in: node), !basis.trimmingWhitespace().isEmpty else {
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
        guard let text = node.string?.trimmingWhitespace() else { fail(node, key, "must be a number or 'number unit'"); return nil }
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        // Empty or blank text splits into no parts: not a number either.
        guard let first = parts.first, let v = DecimalNumber.parse(first) else {
            fail(node, key, "'\(text)' is not a number or 'number unit'"); return nil
        }
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
