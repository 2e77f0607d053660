import Testing
import Screening
@testable import SVGCharts
@testable import ScreenCore
@testable import ScreenDecision
@testable import ScreenNumerics
@testable import ScreenRegression
@testable import ScreenReport
@testable import ScreenScoring
@testable import ScreenSensitivity
@testable import ScreenStore
@testable import ScreenThermodynamics

@Suite("CSV reading with line numbers")
struct CSVTableTests {
    @Test("quoted fields with commas, quotes and line breaks; records keep their starting line")
    func quotedFields() throws {
        let text = "a,b,c\n1,\"x, y\",3\n2,\"say \"\"hi\"\"\nnext line\",4\n\n3,z,5\n"
        let t = try CSVTable(text: text, file: "f.csv")
        #expect(t.header == ["a", "b", "c"])
        #expect(t.records.map(\.line) == [2, 3, 6])
        #expect(t.records[0].fields == ["1", "x, y", "3"])
        #expect(t.records[1].fields == ["2", "say \"hi\"\nnext line", "4"])
    }

    @Test("CRLF line ends and a byte-order mark")
    func crlf() throws {
        let t = try CSVTable(text: "\u{FEFF}a,b\r\n1,2\r\n3,4", file: "f.csv")
        #expect(t.header == ["a", "b"])
        #expect(t.records.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(t.records.map(\.line) == [2, 3])
    }

    @Test("CR-only line ends (old Mac files) count lines too: records and errors name their real line")
    func carriageReturnsOnly() throws {
        let t = try CSVTable(text: "a,b\r1,2\r\r3,\"x\ry\"\r5,6", file: "f.csv")
        #expect(t.records.map(\.fields) == [["1", "2"], ["3", "x\ry"], ["5", "6"]])
        #expect(t.records.map(\.line) == [2, 4, 6])
        #expect(throws: InputError(file: "f.csv", line: 4, field: nil, "has 1 field, the header has 2")) {
            _ = try CSVTable(text: "a,b\r1,2\r\r3\r", file: "f.csv")
        }
    }

    @Test("a ragged row names its line")
    func raggedRow() {
        #expect(throws: InputError(file: "f.csv", line: 3, field: nil, "has 2 fields, the header has 3")) {
            _ = try CSVTable(text: "a,b,c\n1,2,3\n4,5\n", file: "f.csv")
        }
    }

    @Test("an unclosed quote names the line where the record starts")
    func unclosedQuote() {
        #expect(throws: InputError(file: "f.csv", line: 2, field: nil, "a quoted field is never closed (the file ends inside quotes)")) {
            _ = try CSVTable(text: "a,b\n1,\"open\n\n", file: "f.csv")
        }
    }
}
