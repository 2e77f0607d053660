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

    /// The page's stylesheet: screen, phone and print.
    ///
    /// Phones (viewport under 720 px) get the narrow layout of every chart, laid out for about
    /// 380 px so that chart text stays about 12 px, less padding, and tables that scroll
    /// sideways. Print keeps the wide charts sized to the page (at most 120 mm tall), prints
    /// the first `printedRows` rows of each table (a line says how many there are and where
    /// the rest is), and starts each profile on a new page except the first, which follows the
    /// title and the contents.
    static let style = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1.5rem; color: #1b1b1b; line-height: 1.45; }
        h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
        h2 { font-size: 1.4rem; margin-top: 2.4rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
        h3 { font-size: 1.1rem; margin-top: 1.6rem; }
        .subtitle { color: #555; margin-top: 0; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; margin: 0.8rem 0 1.2rem; font-size: 0.86rem; }
        caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem; vertical-align: top; }
        th { background: #f3f3f3; text-align: left; }
        td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; }
        figure { margin: 1.2rem 0; }
        figure svg { display: block; max-width: 100%; height: auto; }
        .chart-narrow, .print-only { display: none; }
        figcaption { font-size: 0.85rem; color: #444; margin-top: 0.3rem; }
        .note { font-size: 0.85rem; color: #555; border-left: 3px solid #bbb; padding-left: 0.7rem; }
        code { font-size: 0.9em; background: #f3f3f3; padding: 0 0.2em; overflow-wrap: anywhere; }
        @media screen and (max-width: 719px) {
          body { margin: 1rem auto; padding: 0 0.6rem; }
          h1 { font-size: 1.45rem; }
          h2 { font-size: 1.2rem; }
          table { font-size: 0.8rem; }
          caption { max-width: calc(100vw - 1.2rem); }
          th, td { padding: 0.2rem 0.4rem; }
          .chart-wide { display: none; }
          .chart-narrow { display: block; }
        }
        @media print {
          @page { size: A4; margin: 12mm; }
          body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; line-height: 1.35; }
          h1 { font-size: 16pt; }
          h2 { font-size: 13pt; margin-top: 0; break-before: page; }
          h2#contents, h2#contents + ul + h2 { break-before: auto; margin-top: 1rem; }
          h2, h3 { break-after: avoid; }
          h3 { font-size: 11pt; margin-top: 0.8rem; }
          figure { margin: 0.5rem 0; break-inside: avoid; }
          figure svg { width: auto; max-height: 120mm; }
          figcaption, .note { font-size: 8pt; }
          table { font-size: 7.5pt; margin: 0.4rem 0 0.6rem; width: 100%; }
          th, td { padding: 0.08rem 0.3rem; }
          tr { break-inside: avoid; }
          tbody tr:nth-child(n+\(printedRows + 1)) { display: none; }
          .print-only { display: block; font-size: 8pt; color: #555; margin-top: -0.3rem; }
          .table-wrap { overflow: visible; }
          a { color: inherit; text-decoration: none; }
        }
        """

    /// Rows of a table printed on paper; the rest are on screen (and in the CSV and JSON).
    static let printedRows = 12

    /// The document as one self-contained HTML page: the stylesheet inline, every chart's SVG
    /// embedded in both layouts, all text escaped. Tables longer than `printedRows` get a
    /// print-only note saying how many rows paper shows.
    /// - Complexity: O(s) for s characters of output.
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
            case .link(let t, let anchor): "<a href=\"#\(escape(anchor))\">\(escape(t))</a>"
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
            var out = "<div class=\"table-wrap\">\n<table>\n"
            if let caption { out += "<caption>\(escape(caption))</caption>\n" }
            out += "<thead><tr>" + header.enumerated().map { "<th\(cls($0))>\(escape($1))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in rows { out += "<tr>" + row.enumerated().map { "<td\(cls($0))>\(escape($1))</td>" }.joined() + "</tr>\n" }
            out += "</tbody>\n</table>\n</div>\n"
            if rows.count > printedRows {
                out += "<p class=\"print-only\">Printed: the first \(printedRows) of \(formatGrouped(rows.count)) rows; the HTML page shows them all, and the CSV and JSON files hold every value.</p>\n"
            }
            return out
        case .figure(let chart, _, let caption):
            return "<figure>\n<div class=\"chart-wide\">\n\(chart.wide)</div>\n<div class=\"chart-narrow\">\n\(chart.narrow)</div>\n<figcaption>\(escape(caption))</figcaption>\n</figure>\n"
        case .note(let text):
            return "<p class=\"note\">\(escape(text))</p>\n"
        }
    }
}
