import Foundation
import Testing
import Screening
@testable import ScreenCore

@Suite("Terminal tables")
struct TextTableTests {
    @Test("counts are grouped by thousands as Foundation's en_US number style groups them, whatever the locale")
    func groupedCounts() {
        for n in [0, 7, 999, 1000, 12_345, 999_999, 1_234_567, -2874, -1000, Int.max] {
            #expect(formatGrouped(n) == n.formatted(.number.locale(Locale(identifier: "en_US"))), "\(n)")
        }
    }

    static let table = TextTable(header: ["candidate", "electronic insulation [eV]", "note"],
                                 rows: [["Al2O3", "6.819", "alumina, atomic-layer deposited on the foil"],
                                        ["NaF", "10.5", "fluoride-rich SEI"]],
                                 rightAligned: [1])

    @Test("without a width every cell is whole, on one header line")
    func unlimited() {
        let lines = Self.table.rendered(width: nil).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[2].contains("alumina, atomic-layer deposited on the foil"))
        #expect(lines[0].contains("electronic insulation [eV]"))
    }

    @Test("fitted to a width: headers wrap, numbers stay whole, text is abbreviated with a note; no line is wider")
    func fitted() {
        let text = Self.table.rendered(width: 40)
        let lines = text.split(separator: "\n").map(String.init)
        for line in lines.dropLast() { #expect(line.count <= 40, "\(line.count): \(line)") }
        #expect(lines.contains { $0.contains("6.819") } && lines.contains { $0.contains("10.5") })
        #expect(lines.contains { $0.hasSuffix("electronic") } || lines.contains { $0.contains("electronic") })
        #expect(text.contains("…"))
        #expect(lines.last!.hasPrefix("(abbreviated to fit 40 columns: note"), "\(lines.last!)")
    }

    @Test("a table that already fits is the unlimited table")
    func fitsAlready() {
        #expect(Self.table.rendered(width: 500) == Self.table.rendered(width: nil))
    }

    @Test("piped output is never fitted, whatever COLUMNS says")
    func pipedIsWhole() throws {
        let r = try runScreen(["db", "properties"], environment: ["COLUMNS": "40"])
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n").contains { $0.count > 100 }, "a pipe got a fitted table")
        #expect(!r.stdout.contains("(abbreviated"))
    }
}
