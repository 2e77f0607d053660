import SVGCharts
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenSensitivity
import ScreenStore
import ScreenThermodynamics
/// A report as a sequence of blocks, rendered both as one self-contained HTML file and as
/// Markdown with the charts beside it, so the two always say the same thing.
public struct ReportDocument: Sendable {
    /// How a table column's cells are aligned (numbers right).
    public enum Alignment: Sendable {
        /// Left-aligned (text).
        case left
        /// Right-aligned (numbers).
        case right
    }

    /// One block of the document, rendered in order.
    public enum Block: Sendable {
        /// A heading; `anchor` (nil: none) is the id links point to.
        case heading(level: Int, text: String, anchor: String?)
        /// A paragraph of inline parts.
        case paragraph([Inline])
        /// A bulleted list, one item per inline sequence.
        case bullets([[Inline]])
        /// A table; `alignments` per column (missing ones left), an optional caption.
        case table(header: [String], rows: [[String]], alignments: [Alignment], caption: String?)
        /// A chart; `name` is its file name in the Markdown version (without extension), which
        /// links the wide layout.
        case figure(chart: ReportChart, name: String, caption: String)
        /// A remark set apart from the prose (a quotation in Markdown).
        case note(String)
    }

    /// Inline text: plain, emphasised, code, or a link to a heading of the document (its
    /// anchor). All text is escaped when rendered.
    public enum Inline: Sendable {
        /// Plain text.
        case text(String)
        /// Emphasised text.
        case strong(String)
        /// Code or a name typed as is.
        case code(String)
        /// Text linking to the heading with `anchor`.
        case link(String, anchor: String)
    }

    /// The document's title (the HTML page's title and first heading).
    public var title: String
    /// A line under the title; nil: none.
    public var subtitle: String?
    /// The blocks, in order.
    public var blocks: [Block] = []

    /// An empty document with this title and subtitle.
    public init(title: String, subtitle: String? = nil) {
        self.title = title
        self.subtitle = subtitle
    }

    /// Appends `block`.
    public mutating func add(_ block: Block) { blocks.append(block) }

    /// Appends a paragraph of plain text.
    public mutating func paragraph(_ text: String) { blocks.append(.paragraph([.text(text)])) }

    /// The document with `token` replaced by `text` in its prose, captions and notes (not in
    /// table cells, which hold data, nor in the charts' SVG).
    public func replacing(_ token: String, with text: String) -> ReportDocument {
        func r(_ s: String) -> String { s.replacingOccurrences(of: token, with: text) }
        func inline(_ parts: [Inline]) -> [Inline] {
            parts.map {
                switch $0 {
                case .text(let t): .text(r(t))
                case .strong(let t): .strong(r(t))
                case .code(let t): .code(r(t))
                case .link(let t, let anchor): .link(r(t), anchor: anchor)
                }
            }
        }
        var out = ReportDocument(title: r(title), subtitle: subtitle.map(r))
        out.blocks = blocks.map { block in
            switch block {
            case .heading(let level, let text, let anchor): .heading(level: level, text: r(text), anchor: anchor)
            case .paragraph(let parts): .paragraph(inline(parts))
            case .bullets(let items): .bullets(items.map(inline))
            case .table(let header, let rows, let alignments, let caption):
                .table(header: header, rows: rows, alignments: alignments, caption: caption.map(r))
            case .figure(let chart, let name, let caption): .figure(chart: chart, name: name, caption: r(caption))
            case .note(let text): .note(r(text))
            }
        }
        return out
    }
}

/// A chart of the report in its two layouts: `wide` for screens and print, `narrow` for phones.
///
/// Why: an SVG scales as a whole, so a chart laid out 760 px wide and shown on a 400 px phone
/// has its 12 px text shrunk to about 5 px. Laid out again at 380 px (legends under the plot,
/// fewer columns), its text stays about 12 px there; the HTML shows one layout or the other by
/// the viewport's width.
public struct ReportChart: Sendable {
    /// The SVG laid out `wideWidth` px wide.
    public let wide: String
    /// The SVG laid out `narrowWidth` px wide.
    public let narrow: String

    /// Width of the layout for screens and print (A4 with 12 mm margins is about 700 CSS px).
    public static let wideWidth = 760.0
    /// Width of the layout for phones (a 400 px viewport less the page's padding).
    public static let narrowWidth = 380.0

    /// A chart from its two SVG layouts.
    public init(wide: String, narrow: String) {
        self.wide = wide
        self.narrow = narrow
    }

    /// The chart `draw` lays out at a given width, at both widths.
    ///
    /// - Complexity: two calls of `draw`.
    public static func rendering(_ draw: (Double) throws -> String) rethrows -> ReportChart {
        ReportChart(wide: try draw(wideWidth), narrow: try draw(narrowWidth))
    }

    /// Whether `width` is the phone layout's (charts use it to drop what a phone has no room for).
    public static func isNarrow(_ width: Double) -> Bool { width < wideWidth }
}
