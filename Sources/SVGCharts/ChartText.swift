import Foundation

/// A short piece of chart text with superscripts and subscripts, e.g. an axis title
/// `σ (S cm⁻¹)` or a tick label `10⁻⁵`.
///
/// Text from data should be made with `ChartText(_:)` from a `String` value, which takes
/// the string literally. String literals (`let t: ChartText = "S cm^{-1}"`, and also
/// `ChartText("S cm^{-1}")` written with a literal, since Swift treats that as a literal
/// coercion) and `ChartText(markup:)` read a small markup: `^{…}` is a superscript, `_{…}` a
/// subscript; anything else is literal. Escaping for XML happens when the text is drawn.
public struct ChartText: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public enum Run: Sendable, Hashable {
        case plain(String)
        case superscript(String)
        case `subscript`(String)

        public var text: String {
            switch self {
            case .plain(let s), .superscript(let s), .subscript(let s): return s
            }
        }
    }

    public var runs: [Run]

    /// Literal text (no markup is interpreted).
    public init(_ plain: String) {
        runs = plain.isEmpty ? [] : [.plain(plain)]
    }

    public init(runs: [Run]) {
        self.runs = runs.filter { !$0.text.isEmpty }
    }

    /// Text with `^{superscript}` and `_{subscript}` markup. An unclosed brace is taken literally.
    public init(markup: String) {
        var runs: [Run] = []
        var plain = ""
        let chars = Array(markup)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if (c == "^" || c == "_"), i + 1 < chars.count, chars[i + 1] == "{",
               let close = chars[(i + 2)...].firstIndex(of: "}") {
                if !plain.isEmpty { runs.append(.plain(plain)); plain = "" }
                let inner = String(chars[(i + 2)..<close])
                runs.append(c == "^" ? .superscript(inner) : .subscript(inner))
                i = close + 1
            } else {
                plain.append(c)
                i += 1
            }
        }
        if !plain.isEmpty { runs.append(.plain(plain)) }
        self.init(runs: runs)
    }

    public init(stringLiteral value: String) {
        self.init(markup: value)
    }

    public var isEmpty: Bool { runs.isEmpty }

    /// A plain-text rendering for `<title>`, `<desc>` and tooltips: superscript digits and
    /// signs become Unicode superscripts (`10⁻⁵`), other scripts are written `^(…)`/`_(…)`.
    public var plainText: String {
        runs.map { run -> String in
            switch run {
            case .plain(let s): return s
            case .superscript(let s): return ChartText.unicodeScript(s, superscript: true) ?? "^(\(s))"
            case .subscript(let s): return ChartText.unicodeScript(s, superscript: false) ?? "_(\(s))"
            }
        }.joined()
    }

    public var description: String { plainText }

    public static func + (lhs: ChartText, rhs: ChartText) -> ChartText {
        ChartText(runs: lhs.runs + rhs.runs)
    }

    /// `10` with a superscript exponent (U+2212 for the minus), optionally after a mantissa:
    /// `powerOfTen(-5)` is 10⁻⁵, `powerOfTen(3, mantissa: "2")` is 2×10³.
    public static func powerOfTen(_ exponent: Int, mantissa: String? = nil) -> ChartText {
        let e = exponent < 0 ? "\u{2212}\(-exponent)" : "\(exponent)"
        let base = mantissa.map { "\($0)\u{00D7}10" } ?? "10"
        return ChartText(runs: [.plain(base), .superscript(e)])
    }

    /// Estimated rendered width in px at `fontSize` (see `TextMetrics`).
    public func width(fontSize: Double, bold: Bool = false) -> Double {
        runs.reduce(0) { sum, run in
            switch run {
            case .plain(let s): return sum + TextMetrics.width(s, fontSize: fontSize, bold: bold)
            case .superscript(let s), .subscript(let s):
                return sum + TextMetrics.width(s, fontSize: fontSize * ChartText.scriptScale, bold: bold)
            }
        }
    }

    /// Whether any run is a superscript (it needs extra room above the line).
    public var hasSuperscript: Bool {
        runs.contains { if case .superscript = $0 { return true } else { return false } }
    }

    /// The text cut to fit `maxWidth` with a trailing `…`. Only single plain runs are cut;
    /// other texts are returned unchanged.
    public func truncated(toWidth maxWidth: Double, fontSize: Double, bold: Bool = false) -> ChartText {
        guard width(fontSize: fontSize, bold: bold) > maxWidth, runs.count == 1, case .plain(let s) = runs[0] else { return self }
        var chars = Array(s)
        while !chars.isEmpty {
            chars.removeLast()
            let candidate = String(chars).trimmingCharacters(in: .whitespaces) + "\u{2026}"
            if TextMetrics.width(candidate, fontSize: fontSize, bold: bold) <= maxWidth { return ChartText(candidate) }
        }
        return ChartText("\u{2026}")
    }

    static let scriptScale = 0.72
    static let superscriptShift = 0.42
    static let subscriptShift = 0.22

    /// The escaped SVG content of the text at `fontSize`.
    func svgContent(fontSize: Double) -> String {
        var out = ""
        var shift = 0.0
        for run in runs {
            let target: Double
            let small: Bool
            switch run {
            case .plain: target = 0; small = false
            case .superscript: target = -ChartText.superscriptShift * fontSize; small = true
            case .subscript: target = ChartText.subscriptShift * fontSize; small = true
            }
            let escaped = XMLEscape.escape(run.text)
            if target == shift && !small {
                out += escaped
            } else {
                var attrs = ""
                if target != shift { attrs += " dy=\"\(SVGNumber.coordinate(target - shift))\"" }
                if small { attrs += " font-size=\"\(SVGNumber.coordinate(fontSize * ChartText.scriptScale))\"" }
                out += "<tspan\(attrs)>\(escaped)</tspan>"
                shift = target
            }
        }
        return out
    }

    private static func unicodeScript(_ s: String, superscript: Bool) -> String? {
        let sup: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻", "\u{2212}": "⁻", "+": "⁺", "(": "⁽", ")": "⁾", "n": "ⁿ", "i": "ⁱ"]
        let sub: [Character: Character] = ["0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉", "-": "₋", "\u{2212}": "₋", "+": "₊", "(": "₍", ")": "₎"]
        let table = superscript ? sup : sub
        var out = ""
        for c in s {
            guard let mapped = table[c] else { return nil }
            out.append(mapped)
        }
        return out
    }
}

/// Text size estimates for layout without a font engine.
///
/// Widths are the advance widths of DejaVu Sans, the widest font of the chart font stack,
/// so estimates err on the generous side for Segoe UI, Roboto and San Francisco. Used for
/// margins, label collision boxes and tick thinning.
public enum TextMetrics {
    /// Ascent above the baseline, as a fraction of the font size (capitals and digits).
    public static let ascent = 0.76
    /// Descent below the baseline, as a fraction of the font size.
    public static let descent = 0.24

    /// Advance widths (per 1000 em) of ASCII 0x20…0x7E in DejaVu Sans.
    private static let ascii: [Double] = [
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, // space … /
        636, 636, 636, 636, 636, 636, 636, 636, 636, 636, // 0 … 9
        337, 337, 838, 838, 838, 531, 1000, // : ; < = > ? @
        684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, // A … M
        748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, // N … Z
        390, 337, 390, 838, 500, 500, // [ \ ] ^ _ `
        613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, // a … m
        634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, // n … z
        636, 337, 636, 838, // { | } ~
    ]

    /// Estimated advance width of `text` in px.
    public static func width(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        var total = 0.0
        for scalar in text.unicodeScalars {
            total += advance(scalar)
        }
        return total / 1000 * fontSize * (bold ? 1.08 : 1)
    }

    static func advance(_ scalar: Unicode.Scalar) -> Double {
        let v = scalar.value
        if v >= 0x20 && v <= 0x7E { return ascii[Int(v - 0x20)] }
        switch v {
        case 0x0300...0x036F, 0x200B...0x200D, 0xFE00...0xFE0F: return 0 // combining marks, zero-width
        case 0x00A0: return 318
        case 0x00B2, 0x00B3, 0x00B9, 0x2070...0x209F: return 400 // super/subscript digits
        case 0x00B7, 0x2022: return 318
        case 0x00D7, 0x2212, 0x2264, 0x2265, 0x00B1, 0x2248: return 838
        case 0x2026: return 1000
        case 0x2013: return 500
        case 0x2014: return 1000
        case 0x00C0...0x00DE: return 720
        case 0x00DF...0x00FF: return 615
        case 0x0370...0x03FF: return 640 // Greek
        case 0x0400...0x04FF: return 660 // Cyrillic
        case 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF00...0xFFEF: return 1000 // CJK, Hangul, full width
        case 0x1F000...0x1FAFF: return 1100 // emoji
        default: return 650
        }
    }
}

/// Number formatting for labels shown to readers (values, totals, colour bar ticks).
public enum ChartFormat {
    /// `value` with `decimals` decimals and a typographic minus (U+2212); NaN and infinities
    /// are written `–` (en dash) since they carry no value to show.
    public static func number(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "\u{2013}" }
        return SVGNumber.fixed(value, decimals: decimals, minusSign: "\u{2212}")
    }

    /// The fewest decimals (0…6) that show every value of `values` without rounding error
    /// larger than a thousandth of their smallest spacing.
    static func decimals(for values: [Double]) -> Int {
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty else { return 0 }
        let sorted = finite.sorted()
        var spacing = Double.infinity
        for i in 1..<max(1, sorted.count) where sorted[i] > sorted[i - 1] {
            spacing = min(spacing, sorted[i] - sorted[i - 1])
        }
        let tolerance = spacing.isFinite ? spacing * 1e-3 : max(1e-9, abs(sorted[0]) * 1e-6)
        for d in 0...6 {
            let p = pow(10.0, Double(d))
            if finite.allSatisfy({ abs(($0 * p).rounded() / p - $0) <= tolerance }) { return d }
        }
        return 6
    }
}
