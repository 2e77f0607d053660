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
    public enum Alignment: Sendable { case left, right }

    public enum Block: Sendable {
        case heading(level: Int, text: String, anchor: String?)
        case paragraph([Inline])
        case bullets([[Inline]])
        case table(header: [String], rows: [[String]], alignments: [Alignment], caption: String?)
        /// An SVG chart; `name` is its file name in the Markdown version (without extension).
        case figure(svg: String, name: String, caption: String)
        case note(String)
    }

    /// Inline text: plain, emphasised, or code. All text is escaped when rendered.
    public enum Inline: Sendable {
        case text(String)
        case strong(String)
        case code(String)
    }

    public var title: String
    public var subtitle: String?
    public var blocks: [Block] = []

    public init(title: String, subtitle: String? = nil) {
        self.title = title
        self.subtitle = subtitle
    }

    public mutating func add(_ block: Block) { blocks.append(block) }

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
            case .figure(let svg, let name, let caption): .figure(svg: svg, name: name, caption: r(caption))
            case .note(let text): .note(r(text))
            }
        }
        return out
    }
}
