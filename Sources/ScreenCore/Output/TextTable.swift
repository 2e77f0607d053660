import Foundation
import ScreenNumerics
/// A plain-text table for the terminal: columns padded to their widest cell, numbers
/// right-aligned; on a terminal narrower than the table, the widest text columns are abbreviated
/// (with "…") until it fits, and a last line says so (`--wide`, or output to a file or pipe, shows
/// every cell whole).
public struct TextTable: Sendable {
    /// The column titles; their count sets the number of columns.
    public var header: [String]
    /// The rows of cells; a short row leaves its last columns empty, cells past the header are not shown.
    public var rows: [[String]]
    /// Columns to right-align (numeric).
    public var rightAligned: Set<Int>

    /// A table with these columns, rows and right-aligned column indices.
    public init(header: [String], rows: [[String]] = [], rightAligned: Set<Int> = []) {
        self.header = header
        self.rows = rows
        self.rightAligned = rightAligned
    }

    /// The width tables are fitted to: the terminal's (`COLUMNS`, else the terminal's own size)
    /// when standard output is a terminal and `SCREEN_WIDE` is not set; nil (every cell whole)
    /// for a file or a pipe, so that what a program reads never depends on a window's size.
    public static let terminalWidth: Int? = {
        guard isatty(STDOUT_FILENO) == 1, ProcessInfo.processInfo.environment["SCREEN_WIDE"] == nil else { return nil }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), n > 0 { return n }
        var size = winsize()
        return ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : nil
    }()

    /// How tables meet a terminal, in words: the second paragraph of `screen --help`.
    public static let widthHelp = """
        Tables printed on a terminal are fitted to its width (COLUMNS), the widest text columns \
        abbreviated; --wide, given to any command, prints every cell whole (as a file or pipe gets it).
        """

    /// Takes `--wide` (given anywhere) out of a command line's `arguments` and, when it was
    /// there, sets `SCREEN_WIDE` so that `terminalWidth` is nil: every cell whole.
    /// Call it before any table is printed (`terminalWidth` is read once).
    /// - Complexity: O(n) for n arguments.
    public static func takeWideFlag(from arguments: inout [String]) {
        guard let i = arguments.firstIndex(of: "--wide") else { return }
        arguments.remove(at: i)
        setenv("SCREEN_WIDE", "1", 1)
    }

    /// The narrowest a text column is abbreviated to.
    static let minimumColumn = 8

    /// The table, fitted to `width` columns of characters (nil: unlimited): first the headers wrap
    /// onto several lines (down to their longest word and their column's widest cell), then the
    /// widest text columns are abbreviated with "…" (never below `minimumColumn`; numbers never).
    /// - Complexity: O(r·c) for r rows and c columns, plus O(c·W) to choose the widths.
    public func rendered(width: Int? = TextTable.terminalWidth) -> String {
        let columns = header.indices
        let cellWidth = columns.map { c in rows.map { $0.indices.contains(c) ? $0[c].count : 0 }.max() ?? 0 }
        var widths = columns.map { max(cellWidth[$0], header[$0].count) }
        let gaps = 2 * max(widths.count - 1, 0)
        var abbreviated: [String] = []
        if let width, widths.reduce(gaps, +) > width {
            // 1. Wrap headers: a column may narrow to its widest cell and its header's longest word.
            let wrapped = columns.map { c in max(cellWidth[c], header[c].split(separator: " ").map(\.count).max() ?? 0, 1) }
            while widths.reduce(gaps, +) > width,
                  let c = columns.filter({ widths[$0] > wrapped[$0] }).max(by: { widths[$0] < widths[$1] }) {
                widths[c] -= 1
            }
            // 2. Abbreviate the widest text columns.
            while widths.reduce(gaps, +) > width,
                  let c = columns.filter({ !rightAligned.contains($0) && widths[$0] > Self.minimumColumn }).max(by: { widths[$0] < widths[$1] }) {
                widths[c] -= 1
            }
            abbreviated = columns.filter { widths[$0] < cellWidth[$0] }.map { header[$0] }
        }
        func cut(_ text: String, _ w: Int) -> String { text.count > w ? String(text.prefix(max(w - 1, 0))) + "…" : text }
        func line(_ cells: [String]) -> String {
            columns.map { c in
                let cell = cut(cells.indices.contains(c) ? cells[c] : "", widths[c])
                let fill = String(repeating: " ", count: widths[c] - cell.count)
                return rightAligned.contains(c) ? fill + cell : cell + fill
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let headerLines = columns.map { Self.wrap(header[$0], width: widths[$0]) }
        let depth = headerLines.map(\.count).max() ?? 1
        // Wrapped headers sit on their last line, next to the rule, as in a printed table.
        let head = (0..<depth).map { k in line(headerLines.map { lines in
            let start = depth - lines.count
            return k >= start ? lines[k - start] : ""
        }) }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        var text = (head + [rule] + rows.map(line)).joined(separator: "\n") + "\n"
        if let width, !abbreviated.isEmpty {
            text += "(abbreviated to fit \(width) columns: \(abbreviated.joined(separator: ", ")); --wide shows every cell whole)\n"
        }
        return text
    }

    /// `text` word-wrapped into lines of at most `width` characters (a longer word is cut with "…").
    static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ").map(String.init) {
            if current.isEmpty { current = word } else if current.count + 1 + word.count <= width { current += " " + word } else {
                lines.append(current)
                current = word
            }
        }
        lines.append(current)
        return lines.map { $0.count > width ? String($0.prefix(max(width - 1, 0))) + "…" : $0 }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
