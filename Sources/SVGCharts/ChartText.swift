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
    /// A stretch of text set one way.
    public enum Run: Sendable, Hashable {
        /// Text on the baseline at the full font size.
        case plain(String)
        /// Text raised and set smaller (exponents, charges).
        case superscript(String)
        /// Text lowered and set smaller (indices, chemical counts).
        case `subscript`(String)

        /// The run's characters, whatever its position.
        public var text: String {
            switch self {
            case .plain(let s), .superscript(let s), .subscript(let s): return s
            }
        }
    }

    /// The runs in reading order; the initialisers leave out empty runs.
    public var runs: [Run]

    /// Literal text (no markup is interpreted).
    public init(_ plain: String) {
        runs = plain.isEmpty ? [] : [.plain(plain)]
    }

    /// Text made of `runs`, empty runs dropped.
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

    /// A string literal, read as markup (`^{…}`, `_{…}`): see the type's note.
    public init(stringLiteral value: String) {
        self.init(markup: value)
    }

    /// Whether there is no text at all (no non-empty run).
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

    /// The plain-text rendering (`plainText`).
    public var description: String { plainText }

    /// The two texts one after the other (runs concatenated, adjacent plain runs not merged).
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

    /// The text in lines no wider than `maxWidth` (see `TextMetrics.wrap`): a plain text
    /// breaks at spaces; a text with superscripts or subscripts is kept on one line (its
    /// runs cannot be split without losing their shifts), which is what axis titles need.
    ///
    /// - Returns: no lines for an empty text.
    /// - Complexity: O(n) in the length of the text.
    public func wrapped(toWidth maxWidth: Double, fontSize: Double, bold: Bool = false) -> [ChartText] {
        guard !runs.isEmpty else { return [] }
        guard runs.count == 1, case .plain(let s) = runs[0] else { return [self] }
        return TextMetrics.wrap(s, maxWidth: maxWidth, fontSize: fontSize, bold: bold).map { ChartText($0) }
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
