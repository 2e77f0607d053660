import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics
/// The sweep as text and JSON (`method`, `exact`, `tolerance`, `top_k`, `base_top`,
/// `criteria`: `criterion`, `base_weight`, `stability` {low, high}, `reversals`
/// {weight, rising, overtaken, position}, `segments` {from, to, top}).
extension WeightSweep.Result {
    /// The sweep as JSON (keys listed above).
    public func json() -> JSONValue {
        .object([
            ("method", .string(method)), ("exact", .bool(exact)), ("tolerance", .number(tolerance)), ("top_k", .integer(topK)),
            ("base_top", .array(baseTop.map { .string($0) })),
            ("criteria", .array(sweeps.map { s in
                .object([
                    ("criterion", .string(s.criterion)), ("base_weight", .number(s.baseWeight)),
                    ("stability", .object([("low", .number(s.stabilityLow)), ("high", .number(s.stabilityHigh))])),
                    ("reversals", .array(s.reversals.map { r in
                        .object([("weight", .number(r.weight)), ("rising", .string(r.risingCandidate)),
                                 ("overtaken", .string(r.overtaken)), ("position", .integer(r.position))])
                    })),
                    ("segments", .array(s.segments.map { g in
                        .object([("from", .number(g.from)), ("to", .number(g.to)), ("top", .array(g.top.map { .string($0) }))])
                    })),
                ])
            })),
        ])
    }

    /// The sweep for the terminal: a header line, then per criterion its stability range and reversals.
    public func text() -> String {
        var out = "weight sweeps, \(method): " + (exact ? "crossings solved exactly (scores are linear in the weight)"
                                                   : "changes bracketed on a grid and bisected to ±\(formatForDisplay(tolerance, significant: 2))") + "\n"
        out += "top \(topK) at the base weights: \(baseTop.joined(separator: ", "))\n"
        for s in sweeps {
            out += "\n\(s.criterion): base weight \(formatForDisplay(s.baseWeight, significant: 4)); \(baseTop[0]) stays best for "
                + "\(formatForDisplay(s.stabilityLow, significant: 4)) ≤ w ≤ \(formatForDisplay(s.stabilityHigh, significant: 4))\n"
            out += TextTable(header: ["weight from", "to", "top \(topK)"],
                             rows: s.segments.map { [formatForDisplay($0.from, significant: 6), formatForDisplay($0.to, significant: 6), $0.top.joined(separator: " > ")] },
                             rightAligned: [0, 1]).rendered()
            for r in s.reversals {
                out += "  at w = \(formatForDisplay(r.weight, significant: 8)): \(r.risingCandidate) overtakes \(r.overtaken) for rank \(r.position)\n"
            }
        }
        return out
    }
}

extension WeightSweep.Result: TextAndJSONOutput {}
