import SVGCharts
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenSensitivity
import ScreenStore
import ScreenThermodynamics
/// Renders a report as one HTML file: inline CSS and SVG, no scripts, no network, readable
/// in print. Every piece of text from data is escaped.
public enum HTMLRenderer {
    /// HTML text and attribute escaping: the same as the SVG charts' (inline SVG is XML),
    /// which also replaces characters XML forbids.
    public static func escape(_ s: String) -> String { XMLEscape.escape(s) }

    static let style = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1.5rem; color: #1b1b1b; line-height: 1.45; }
        h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
        h2 { font-size: 1.4rem; margin-top: 2.4rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
        h3 { font-size: 1.1rem; margin-top: 1.6rem; }
        .subtitle { color: #555; margin-top: 0; }
        table { border-collapse: collapse; margin: 0.8rem 0 1.2rem; font-size: 0.86rem; }
        caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem; vertical-align: top; }
        th { background: #f3f3f3; text-align: left; }
        td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; }
        figure { margin: 1.2rem 0; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { font-size: 0.85rem; color: #444; margin-top: 0.3rem; }
        .note { font-size: 0.85rem; color: #555; border-left: 3px solid #bbb; padding-left: 0.7rem; }
        code { font-size: 0.9em; background: #f3f3f3; padding: 0 0.2em; }
        @media print { body { max-width: none; } h2 { break-before: page; } figure, table { break-inside: avoid; } }
        """

    public static func render(_ doc: ReportDocument) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(escape(doc.title))</title>\n<style>\n\(style)\n</style>\n</head>\n<body>\n"
        out += "<h1>\(escape(doc.title))</h1>\n"
        if let s = doc.subtitle { out += "<p class=\"subtitle\">\(escape(s))</p>\n" }
        for block in doc.blocks { out += render(block) }
        return out + "</body>\n</html>\n"
    }

    static func inline(_ parts: [ReportDocument.Inline]) -> String {
        parts.map { part in
            switch part {
            case .text(let t): escape(t)
            case .strong(let t): "<strong>\(escape(t))</strong>"
            case .code(let t): "<code>\(escape(t))</code>"
            }
        }.joined()
    }

    static func render(_ block: ReportDocument.Block) -> String {
        switch block {
        case .heading(let level, let text, let anchor):
            let id = anchor.map { " id=\"\(escape($0))\"" } ?? ""
            return "<h\(level)\(id)>\(escape(text))</h\(level)>\n"
        case .paragraph(let parts):
            return "<p>\(inline(parts))</p>\n"
        case .bullets(let items):
            return "<ul>\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</ul>\n"
        case .table(let header, let rows, let alignments, let caption):
            func cls(_ j: Int) -> String { j < alignments.count && alignments[j] == .right ? " class=\"r\"" : "" }
            var out = "<table>\n"
            if let caption { out += "<caption>\(escape(caption))</caption>\n" }
            out += "<thead><tr>" + header.enumerated().map { "<th\(cls($0))>\(escape($1))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in rows { out += "<tr>" + row.enumerated().map { "<td\(cls($0))>\(escape($1))</td>" }.joined() + "</tr>\n" }
            return out + "</tbody>\n</table>\n"
        case .figure(let svg, _, let caption):
            return "<figure>\n\(svg)\n<figcaption>\(escape(caption))</figcaption>\n</figure>\n"
        case .note(let text):
            return "<p class=\"note\">\(escape(text))</p>\n"
        }
    }
}
