import Foundation

// Text that goes into an SVG file: numbers written the same way on every machine, and escaping
// that turns any data string into well-formed XML. Both are what make the charts' output
// byte-identical for the same inputs and safe to inline in HTML.

/// Deterministic number formatting for SVG output and for labels.
///
/// Formatting never depends on the locale: values are rounded half away from zero to a fixed
/// number of decimals with integer arithmetic. Non-finite values format as `"0"` (coordinates
/// are never NaN in well-formed charts; the charts filter such data before drawing).
public enum SVGNumber {
    /// A coordinate: at most two decimals, trailing zeros removed, never `-0`.
    public static func coordinate(_ value: Double) -> String {
        fixed(value, decimals: 2, trimmingZeros: true)
    }

    /// `value` rounded to `decimals` decimals (0…9).
    ///
    /// - Parameters:
    ///   - trimmingZeros: drop trailing zeros of the fraction (and the point when none is left).
    ///   - minusSign: the sign written before negative numbers; labels use U+2212 (`−`).
    /// - Returns: e.g. `fixed(-0.004, decimals: 2)` is `"0.00"` (no negative zero),
    ///   `fixed(2.5, decimals: 2)` is `"2.50"`.
    public static func fixed(_ value: Double, decimals: Int, trimmingZeros: Bool = false, minusSign: String = "-") -> String {
        guard value.isFinite else { return "0" }
        let d = max(0, min(decimals, 9))
        var power: Int64 = 1
        for _ in 0..<d { power *= 10 }
        let scaled = min(max((value * Double(power)).rounded(.toNearestOrAwayFromZero), -9.0e18), 9.0e18)
        var n = Int64(scaled)
        let negative = n < 0
        if negative { n = -n }
        var text = String(n / power)
        if d > 0 {
            var fraction = String(n % power)
            fraction = String(repeating: "0", count: d - fraction.count) + fraction
            if trimmingZeros {
                while fraction.last == "0" { fraction.removeLast() }
            }
            if !fraction.isEmpty { text += "." + fraction }
        }
        return negative ? minusSign + text : text
    }
}

/// XML escaping for text content and attribute values.
public enum XMLEscape {
    /// `text` with `& < > " '` replaced by entities, and characters that XML 1.0 forbids
    /// (C0 controls other than tab, newline and carriage return; unpaired surrogates;
    /// U+FFFE/U+FFFF) replaced by U+FFFD, so any data string yields well-formed XML.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let entity = entities[scalar] {
                out += entity
                continue
            }
            let v = scalar.value
            let allowed = v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF)
                || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
            if allowed {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\u{FFFD}"
            }
        }
        return out
    }

    /// The five characters XML gives entities, with them (looked up, never iterated).
    private static let entities: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
}
