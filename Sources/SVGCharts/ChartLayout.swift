import Foundation

/// Shared layout constants and pieces of every chart (title line, notes, descriptions).
public enum ChartLayout {
    static let margin = 14.0
    static let titleSize = 15.0
    static let noteSize = 11.0
    static let labelSize = 11.0

    /// An id prefix derived from every input of the chart (`String(describing:)` of the
    /// chart value, which is deterministic for these plain value types), so that two charts
    /// on one HTML page share ids only when they are identical.
    static func idPrefix(for chart: Any) -> String {
        "chart-" + SVGDocument.fnv1a(String(describing: chart)) + "-"
    }

    /// The title in lines that fit a chart `width` px wide (bold, at `titleSize`), broken at
    /// spaces: a long title wraps rather than being cut mid-word.
    static func titleLines(_ title: String, width: Double) -> [ChartText] {
        ChartText(title).wrapped(toWidth: width - 2 * margin, fontSize: titleSize, bold: true)
    }

    /// Height taken by the visible title in a chart `width` px wide (0 when the title is empty).
    static func titleHeight(_ title: String, width: Double) -> Double {
        let lines = titleLines(title, width: width).count
        return lines == 0 ? 0 : titleSize * 1.25 + 8 + Double(lines - 1) * titleSize * TextMetrics.lineSpacing
    }

    /// Draws the title at the top left, wrapped to the document width (the layout reserved
    /// `titleHeight(title, width: doc.width)` for it).
    static func drawTitle(_ title: String, into doc: inout SVGDocument) {
        for (k, line) in titleLines(title, width: doc.width).enumerated() {
            doc.text(line, at: ChartPoint(x: margin, y: margin + TextMetrics.ascent * titleSize + Double(k) * titleSize * TextMetrics.lineSpacing),
                     size: titleSize, bold: true)
        }
    }

    /// A chart's document with its title drawn, every id prefixed by `identity`'s
    /// (`idPrefix(for:)`, the chart's own value): how every chart begins.
    static func document(width: Double, height: Double, title: String, description: String, identity: Any) -> SVGDocument {
        var doc = SVGDocument(width: width, height: height, title: title, description: description, idPrefix: idPrefix(for: identity))
        drawTitle(title, into: &doc)
        return doc
    }

    /// The note lines, each note wrapped to `maxWidth`.
    static func noteLines(_ notes: [String], maxWidth: Double) -> [ChartText] {
        notes.flatMap { ChartText($0).wrapped(toWidth: maxWidth, fontSize: noteSize) }
    }

    /// Height of a block of notes wrapped to `maxWidth`.
    static func notesHeight(_ notes: [String], maxWidth: Double) -> Double {
        let lines = noteLines(notes, maxWidth: maxWidth).count
        return lines == 0 ? 0 : Double(lines) * noteSize * 1.35 + 4
    }

    /// Draws notes (small, muted, wrapped to `maxWidth`) starting with the first baseline below `top`.
    static func drawNotes(_ notes: [String], into doc: inout SVGDocument, x: Double, top: Double, maxWidth: Double) {
        for (i, text) in noteLines(notes, maxWidth: maxWidth).enumerated() {
            doc.text(text, at: ChartPoint(x: x, y: top + 4 + Double(i) * noteSize * 1.35 + TextMetrics.ascent * noteSize),
                     size: noteSize, fill: ChartPalette.muted, italic: true)
        }
    }

    /// The `<desc>` text: the caller's description (if any) followed by the generated summary.
    static func description(_ custom: String?, _ summary: String) -> String {
        guard let custom, !custom.isEmpty else { return summary }
        return custom + " " + summary
    }

    /// A list for descriptions: "a, b and c".
    public static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }

    /// Unique categories in order of first appearance.
    static func uniqueInOrder(_ items: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for item in items where !seen.contains(item) {
            seen.insert(item)
            out.append(item)
        }
        return out
    }

    /// Plural helper: "1 point", "3 points".
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : (plural ?? singular + "s"))
    }

    /// Value for a short data summary in descriptions (4 significant digits, plain text).
    public static func value(_ v: Double) -> String {
        guard v.isFinite else { return "n/a" }
        if v == 0 { return "0" }
        let magnitude = abs(v)
        if magnitude >= 1e5 || magnitude < 1e-3 {
            let e = Int(log10(magnitude).rounded(.down))
            let m = v / ChartScale.pow10(Double(e))
            return SVGNumber.fixed(m, decimals: 2, trimmingZeros: true) + "e" + String(e)
        }
        let decimals = max(0, 3 - Int(log10(magnitude).rounded(.down)))
        return SVGNumber.fixed(v, decimals: min(decimals, 6), trimmingZeros: true)
    }
}
