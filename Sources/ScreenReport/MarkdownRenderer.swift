import SVGCharts
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenSensitivity
import ScreenStore
import ScreenThermodynamics
/// Renders a report as Markdown for a repository or a lab notebook; charts are written
/// as separate SVG files beside it and linked.
public enum MarkdownRenderer {
    /// The Markdown text, and the SVG files it links (`name.svg` → content).
    public static func render(_ doc: ReportDocument, chartFolder: String) -> (markdown: String, charts: [(name: String, svg: String)]) {
        var out = "# \(escape(doc.title))\n\n"
        if let s = doc.subtitle { out += "_\(escape(s))_\n\n" }
        var charts: [(String, String)] = []
        for block in doc.blocks {
            switch block {
            case .heading(let level, let text, let anchor):
                // An explicit anchor for the contents' links (GitHub names headings by their text,
                // which differs from the report's anchors below level 2); anchors are slugs.
                if let anchor, level > 2 { out += "<a id=\"\(anchor)\"></a>\n\n" }
                out += String(repeating: "#", count: min(level, 6)) + " \(escape(text))\n\n"
            case .paragraph(let parts):
                out += inline(parts) + "\n\n"
            case .bullets(let items):
                out += items.map { "- " + inline($0) }.joined(separator: "\n") + "\n\n"
            case .table(let header, let rows, let alignments, let caption):
                if let caption { out += "**\(escape(caption))**\n\n" }
                out += "| " + header.map(cell).joined(separator: " | ") + " |\n"
                out += "|" + header.indices.map { j in j < alignments.count && alignments[j] == .right ? "---:" : "---" }.joined(separator: "|") + "|\n"
                for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
                out += "\n"
            case .figure(let chart, let name, let caption):
                charts.append((name, chart.wide))
                out += "![\(escape(caption))](\(chartFolder)/\(name).svg)\n\n_\(escape(caption))_\n\n"
            case .note(let text):
                out += "> \(escape(text))\n\n"
            }
        }
        return (out, charts)
    }

    /// Escapes the characters Markdown would interpret; `<`, `>` and `&` become entities so that
    /// no renderer can read data as HTML.
    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "#", "|": out += "\\\(c)"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    static func cell(_ s: String) -> String { escape(s) }

    static func inline(_ parts: [ReportDocument.Inline]) -> String {
        parts.map { part in
            switch part {
            case .text(let t): escape(t)
            case .strong(let t): "**\(escape(t))**"
            case .code(let t): "`\(t.replacingOccurrences(of: "`", with: "'"))`"
            case .link(let t, let anchor): "[\(escape(t))](#\(anchor))"
            }
        }.joined()
    }
}
