import Foundation
import Yams
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics

/// The profile's scope keys: which entries it screens (`filter:`, `polymorphs:`, `join:`).
extension ProfileLoader.Reader {
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
                let symbol = s.trimmingWhitespace()
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
            guard let s = n.string, let v = Int(s.trimmingWhitespace()), v >= 1 else {
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
}
