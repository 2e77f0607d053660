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
}
