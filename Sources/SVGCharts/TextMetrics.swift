import Foundation

/// Text widths for layout without a font engine, and line breaking by those widths.
///
/// Why: an SVG file cannot ask the browser how wide a text is, so every margin, label box,
/// legend row and line break is computed from these numbers. They are the advance widths of
/// DejaVu Sans and DejaVu Sans Bold (read from the fonts' `hmtx` tables, per 1000 em), the
/// widest font of the chart font stack and the one Chromium resolves `system-ui` to on Linux,
/// so a layout that fits by these widths also fits in Segoe UI, Roboto and San Francisco.
/// Kerning only narrows text, so it never makes an estimate too small.
///
/// Characters outside printable ASCII use per-block estimates (Latin-1 letters, Greek,
/// Cyrillic, CJK, …) that err on the wide side; combining marks and zero-width characters
/// count 0.
public enum TextMetrics {
    /// Ascent above the baseline, as a fraction of the font size (capitals and digits).
    public static let ascent = 0.76
    /// Descent below the baseline, as a fraction of the font size.
    public static let descent = 0.24
    /// Baseline-to-baseline distance of wrapped lines, as a fraction of the font size.
    public static let lineSpacing = 1.22

    /// Advance widths (per 1000 em) of ASCII 0x20…0x7E: (DejaVu Sans, DejaVu Sans Bold).
    private static let ascii: [(regular: Double, bold: Double)] = [
        (318, 348), (401, 456), (460, 521), (838, 838), (636, 696), (950, 1002), (780, 872), (275, 306),
        (390, 457), (390, 457), (500, 523), (838, 838), (318, 380), (361, 415), (318, 380), (337, 365), // space … /
        (636, 696), (636, 696), (636, 696), (636, 696), (636, 696), (636, 696), (636, 696), (636, 696),
        (636, 696), (636, 696), // 0 … 9
        (337, 400), (337, 400), (838, 838), (838, 838), (838, 838), (531, 580), (1000, 1000), // : ; < = > ? @
        (684, 774), (686, 762), (698, 734), (770, 830), (632, 683), (575, 683), (775, 821), (752, 837),
        (295, 372), (295, 372), (656, 775), (557, 637), (863, 995), // A … M
        (748, 837), (787, 850), (603, 733), (787, 850), (695, 770), (635, 720), (611, 682), (732, 812),
        (684, 774), (989, 1103), (685, 771), (611, 724), (685, 725), // N … Z
        (390, 457), (337, 365), (390, 457), (838, 838), (500, 500), (500, 500), // [ \ ] ^ _ `
        (613, 675), (635, 716), (550, 593), (635, 716), (615, 678), (352, 435), (635, 716), (634, 712),
        (278, 343), (278, 343), (579, 665), (278, 343), (974, 1042), // a … m
        (634, 712), (612, 687), (635, 716), (635, 716), (411, 493), (521, 595), (392, 478), (634, 712),
        (592, 652), (818, 924), (592, 645), (592, 652), (525, 582), // n … z
        (636, 712), (337, 365), (636, 712), (838, 838), // { | } ~
    ]

    /// Estimated advance width of `text` in px at `fontSize`, bold or regular (italic text has
    /// the regular widths in DejaVu Sans Oblique).
    ///
    /// - Complexity: O(n) in the number of Unicode scalars.
    public static func width(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        var total = 0.0
        for scalar in text.unicodeScalars {
            total += advance(scalar, bold: bold)
        }
        return total / 1000 * fontSize
    }

    /// Advance width of one scalar per 1000 em.
    static func advance(_ scalar: Unicode.Scalar, bold isBold: Bool = false) -> Double {
        let v = scalar.value
        if v >= 0x20 && v <= 0x7E {
            let widths = ascii[Int(v - 0x20)]
            return isBold ? widths.bold : widths.regular
        }
        // Outside ASCII the bold letters of DejaVu Sans are about 12 % wider; symbols (− ≥ × …) are not.
        let letterScale = isBold ? 1.12 : 1
        switch v {
        case 0x0300...0x036F, 0x200B...0x200D, 0xFE00...0xFE0F: return 0 // combining marks, zero-width
        case 0x00A0: return isBold ? 348 : 318
        case 0x2009, 0x202F: return 200 // thin and narrow no-break spaces
        case 0x207A...0x207E, 0x208A...0x208E: return 528 // super/subscript signs and brackets
        case 0x00B2, 0x00B3, 0x00B9, 0x2070...0x209F: return isBold ? 438 : 401 // super/subscript digits
        case 0x00B7: return isBold ? 380 : 318
        case 0x2022: return isBold ? 639 : 590
        case 0x00D7, 0x2212, 0x2264, 0x2265, 0x00B1, 0x2248, 0x2192: return 838
        case 0x2026: return 1000
        case 0x2013: return 500
        case 0x2014: return 1000
        case 0x2018, 0x2019: return isBold ? 380 : 318
        case 0x201C, 0x201D: return isBold ? 657 : 518
        case 0x00C0...0x00DE: return 720 * letterScale
        case 0x00DF...0x00FF: return 615 * letterScale
        case 0x0370...0x03FF: return isBold ? 780 : 690 // Greek (Δ 684/774, σ 634/779)
        case 0x0400...0x04FF: return 710 * letterScale // Cyrillic
        case 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF00...0xFFEF: return 1000 // CJK, Hangul, full width
        case 0x1F000...0x1FAFF: return 1100 // emoji
        default: return 650 * letterScale
        }
    }

    /// `text` broken into lines no wider than `maxWidth` px, at spaces, never inside a word
    /// unless the word alone is wider than `maxWidth` (then after a hyphen, slash or dash where
    /// one fits, else between characters). Runs of spaces collapse to one, as SVG renders them.
    ///
    /// Why: a title or legend cut with `…` mid-word ("…activation ene…") hides what a chart
    /// shows; wrapped, every word stays readable.
    ///
    /// - Returns: no lines for an empty or blank text; the text on one line when `maxWidth`
    ///   is not finite or not positive.
    /// - Complexity: O(n) in the length of `text` (widths are summed word by word, not
    ///   measured again per line).
    public static func wrap(_ text: String, maxWidth: Double, fontSize: Double, bold: Bool = false) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard !words.isEmpty else { return [] }
        guard maxWidth.isFinite, maxWidth > 0 else { return [words.joined(separator: " ")] }
        let space = width(" ", fontSize: fontSize, bold: bold)
        var lines: [String] = []
        var line = "", lineWidth = 0.0
        for word in words {
            let w = width(word, fontSize: fontSize, bold: bold)
            if line.isEmpty, w <= maxWidth {
                (line, lineWidth) = (word, w)
            } else if !line.isEmpty, lineWidth + space + w <= maxWidth {
                line += " " + word
                lineWidth += space + w
            } else {
                if !line.isEmpty { lines.append(line) }
                var pieces = w <= maxWidth ? [word] : split(word, maxWidth: maxWidth, fontSize: fontSize, bold: bold)
                line = pieces.removeLast()
                lineWidth = width(line, fontSize: fontSize, bold: bold)
                lines += pieces
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// A word wider than `maxWidth` in pieces that fit: each piece ends after the last hyphen,
    /// slash or dash that fits, or else at the last character that fits (at least one character
    /// per piece, so a character wider than `maxWidth` still makes progress).
    private static func split(_ word: String, maxWidth: Double, fontSize: Double, bold: Bool) -> [String] {
        var pieces: [String] = []
        var current: [Character] = []
        var currentWidth = 0.0
        var lastBreak: Int?
        for c in word {
            let w = c.unicodeScalars.reduce(0) { $0 + advance($1, bold: bold) } / 1000 * fontSize
            while !current.isEmpty && currentWidth + w > maxWidth {
                let cut = lastBreak ?? current.count
                pieces.append(String(current[..<cut]))
                current = Array(current[cut...])
                currentWidth = width(String(current), fontSize: fontSize, bold: bold)
                lastBreak = nil
            }
            current.append(c)
            currentWidth += w
            if "-/\u{2013}\u{2014}".contains(c) { lastBreak = current.count }
        }
        if !current.isEmpty { pieces.append(String(current)) }
        return pieces
    }
}
