import Foundation
import GRDB
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

/// The bad-input corpus (issue 13; more cases in BadInputCorpus+*.swift): each case is an input a careless or hostile
/// user could give, run through the command line on a freshly built database; each asserts a
/// non-zero exit, a message naming what is wrong (file:line: field, or the flag), no crash, and a
/// database byte-identical afterwards.
@Suite("Bad-input corpus: clear errors, no crash, nothing changed")
struct BadInputCorpusTests {
    /// A case: files to write into the temporary folder (name → text), the arguments (with `{dir}`
    /// for that folder), and a fragment the standard error must contain.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let files: [String: String]
        let arguments: [String]
        let message: String
        var testDescription: String { name }
    }

    static let measurement = measurementHeader + "NaF,band_gap,VALUE,,,,,eV,experiment,,,[t],,\n"
    static func value(_ v: String) -> String { measurement.replacingOccurrences(of: "VALUE", with: v) }
    static let deepChemical = String(repeating: "(", count: 100) + "NaCl" + String(repeating: ")", count: 100)
    static let deepRegression = "y ~ " + String(repeating: "(", count: 20_000) + "x" + String(repeating: ")", count: 20_000)
    static let deepExpression = "y ~ I(" + String(repeating: "-", count: 20_000) + "x)"

    /// A JSON mapping with the records under a key path, and a CSV one.
    static let jsonMapping = "format: json\nrecords: data.entries\nid: id\nformula: f\nmethod: \"DFT (test)\"\nsource: \"test\"\nproperties:\n  band_gap: {path: gap, unit: eV}\n"
    static let topJSONMapping = "format: json\nid: id\nformula: f\nmethod: \"DFT (test)\"\nsource: \"test\"\nproperties:\n  band_gap: {path: gap, unit: eV}\n"
    static let csvMapping = "format: csv\nid: id\nformula: f\nmethod: \"DFT (test)\"\nsource: \"test\"\nproperties:\n  band_gap: {column: gap, unit: eV}\n"
    static func mapped(_ data: String, json: Bool = true, nested: Bool = true) -> [String: String] {
        [json ? "d.json" : "d.csv": data, "m.yaml": json ? (nested ? jsonMapping : topJSONMapping) : csvMapping]
    }
    static let importJSON = ["db", "import", "{dir}/d.json", "--mapping", "{dir}/m.yaml"]
    static let importCSV = ["db", "import", "{dir}/d.csv", "--mapping", "{dir}/m.yaml"]

    static let cases: [Case] = [
        Case(name: "JSON number written as a string", files: mapped(#"{"data": {"entries": [{"id": "x1", "f": "NaF", "gap": "6.1"}]}}"#),
             arguments: importJSON, message: "d.json:1: gap (record #1): the JSON string \"6.1\" is not a number"),
        Case(name: "garbage after the JSON array", files: mapped(#"[{"id": "x1", "f": "NaF", "gap": 6.1}] trailing"#, nested: false),
             arguments: importJSON, message: "unexpected 't' after the end of the JSON data"),
        Case(name: "a second document after the JSON", files: mapped(#"{"data": {"entries": [{"id": "x1", "f": "NaF", "gap": 6.1}]}} {"data": 1}"#),
             arguments: importJSON, message: "unexpected '{' after the end of the JSON data"),
        Case(name: "JSON object never closed", files: mapped(#"{"data": {"entries": [{"id": "x1", "f": "NaF", "gap": 6.1}]"#),
             arguments: importJSON, message: "the file ends inside an object (missing '}')"),
        Case(name: "JSON boolean as a number", files: mapped(#"[{"id": "x1", "f": "NaF", "gap": true}]"#, nested: false),
             arguments: importJSON, message: "d.json:1: gap (record #1): true is not a number"),
        Case(name: "hexadecimal in an imported CSV", files: mapped("id,f,gap\nx1,NaF,0x6\n", json: false),
             arguments: importCSV, message: "d.csv:2: gap: '0x6' is not a finite number"),
        Case(name: "deeply nested formula in an imported CSV", files: mapped("id,f,gap\nx1,\(deepChemical),6\n", json: false),
             arguments: importCSV, message: "groups nested more than 64 deep"),
        Case(name: "hexadecimal value", files: ["m.csv": value("0x1A")], arguments: ["db", "import", "{dir}/m.csv"],
             message: "m.csv:2: value: '0x1A' is not a finite number"),
        Case(name: "hexadecimal float", files: ["m.csv": value("0x1p3")], arguments: ["db", "import", "{dir}/m.csv"],
             message: "m.csv:2: value: '0x1p3' is not a finite number"),
        Case(name: "nan", files: ["m.csv": value("nan")], arguments: ["db", "import", "{dir}/m.csv"],
             message: "m.csv:2: value: 'nan' is not a finite number"),
        Case(name: "infinity", files: ["m.csv": value("inf")], arguments: ["db", "import", "{dir}/m.csv"],
             message: "m.csv:2: value: 'inf' is not a finite number"),
        Case(name: "overflowing value", files: ["m.csv": value("1e400")], arguments: ["db", "import", "{dir}/m.csv"],
             message: "m.csv:2: value: '1e400' is not a finite number"),
        Case(name: "decimal comma", files: ["m.csv": value("\"1,5\"")], arguments: ["db", "import", "{dir}/m.csv"],
             message: "m.csv:2: value: '1,5' is not a finite number"),
        Case(name: "digit separator", files: ["m.csv": value("1_000")], arguments: ["db", "import", "{dir}/m.csv"],
             message: "m.csv:2: value: '1_000' is not a finite number"),
        Case(name: "exponent without digits", files: ["m.csv": value("2e")], arguments: ["db", "import", "{dir}/m.csv"],
             message: "m.csv:2: value: '2e' is not a finite number"),
        Case(name: "two decimal points", files: ["m.csv": value("1.2.3")], arguments: ["db", "import", "{dir}/m.csv"],
             message: "m.csv:2: value: '1.2.3' is not a finite number"),
        Case(name: "hexadecimal uncertainty",
             files: ["m.csv": measurementHeader + "NaF,band_gap,10.5,0x2,,,,eV,experiment,,,[t],,\n"],
             arguments: ["db", "import", "{dir}/m.csv"], message: "m.csv:2: uncertainty: '0x2' is not a finite number"),
        Case(name: "chemical formula nested 100 deep",
             files: ["c.csv": candidateHeader + "Deep,deep,\(deepChemical),sei_inorganic,\n"],
             arguments: ["db", "import", "{dir}/c.csv"], message: "c.csv:2: formula: groups nested more than 64 deep at character 65"),
        Case(name: "unknown element in a candidate formula", files: ["c.csv": candidateHeader + "Bad,bad,NaXx,sei_inorganic,\n"],
             arguments: ["db", "import", "{dir}/c.csv"], message: "c.csv:2: formula: unknown element \"Xx\" at character 3 of 'NaXx'"),
        Case(name: "regression formula nested 20,000 deep", files: [:],
             arguments: ["fit", "--formula", deepRegression], message: "nested more than 200 levels deep"),
        Case(name: "20,000 signs in an expression", files: [:],
             arguments: ["fit", "--formula", deepExpression], message: "nested more than 200 levels deep"),
        Case(name: "hexadecimal matrix cell", files: ["x.csv": "id,a,b\nA,0x10,2\nB,3,4\n"],
             arguments: ["rank", "--matrix", "{dir}/x.csv", "--weights", "0.5,0.5", "--types", "max,max"],
             message: "x.csv:2: a: '0x10' is not a finite number"),
        Case(name: "hexadecimal weight", files: ["x.csv": "id,a,b\nA,1,2\nB,3,4\n"],
             arguments: ["rank", "--matrix", "{dir}/x.csv", "--weights", "0x1,0.5", "--types", "max,max"],
             message: "--weights: takes numbers separated by commas"),
        Case(name: "hexadecimal profile limit",
             files: ["p.yaml": "name: t\ncriteria:\n  - {property: band_gap, goal: max, weight: 1, limits: {min: 0x1 eV}}\n"],
             arguments: ["rank", "--profile", "{dir}/p.yaml"], message: "p.yaml:3: limits.min: '0x1 eV' is not a number or 'number unit'"),
        Case(name: "inverted target window",
             files: ["p.yaml": "name: t\ncriteria:\n  - property: shear_modulus\n    goal: target\n    weight: 1\n    target: {ideal: [30, 10], zero: [0, 60], unit: GPa}\n"],
             arguments: ["rank", "--profile", "{dir}/p.yaml"], message: "p.yaml:6: target.ideal: must be [low, high]; 30 is above 10"),
        Case(name: "the median fill", files: ["p.yaml": "name: t\ncriteria:\n  - {property: band_gap, goal: max, weight: 1, missing: neutral}\n"],
             arguments: ["rank", "--profile", "{dir}/p.yaml"], message: "p.yaml:3: missing: 'neutral' (the median of the other candidates) was removed"),
        Case(name: "saturation in the wrong order",
             files: ["p.yaml": "name: t\ncriteria:\n  - {property: band_gap, goal: at_least, weight: 1, saturate: {zero: 5, full: 2, unit: eV}}\n"],
             arguments: ["rank", "--profile", "{dir}/p.yaml"], message: "p.yaml:3: saturate: at_least needs zero < full"),
        Case(name: "hexadecimal sample weight", files: ["w.csv": "a,b\n0x1,0.5\n", "v.csv": "sample,alternative,a,b\n1,A,1,2\n1,B,2,1\n"],
             arguments: ["sensitivity", "smaa", "--weight-samples", "{dir}/w.csv", "--value-samples", "{dir}/v.csv", "--types", "max,max"],
             message: "w.csv:2"),
        Case(name: "response among the predictors", files: [:], arguments: ["fit", "--formula", "band_gap ~ band_gap"],
             message: "the response's variable band_gap is also a predictor"),
        Case(name: "response inside a predictor's function", files: [:], arguments: ["fit", "--formula", "log(band_gap) ~ shear_modulus + I(band_gap^2)"],
             message: "the response's variable band_gap is also a predictor"),
        Case(name: "sweep tolerance 0", files: [:], arguments: ["sensitivity", "sweep", "--profile", "sei", "--tolerance", "0"],
             message: "--tolerance must be between 1e-15 and 0.1"),
        Case(name: "four billion SMAA samples", files: [:], arguments: ["sensitivity", "smaa", "--profile", "sei", "--samples", "4294967295"],
             message: "--samples must be between 1 and 10000000"),
        Case(name: "SMAA samples 0", files: [:], arguments: ["sensitivity", "smaa", "--profile", "sei", "--samples", "0"],
             message: "--samples must be between 1 and 10000000"),
        Case(name: "Sobol' with 3 samples", files: [:], arguments: ["sensitivity", "sobol", "--profile", "sei", "--samples", "3"],
             message: "--samples must be between 64 and 1048576"),
        Case(name: "sweep top 0", files: [:], arguments: ["sensitivity", "sweep", "--profile", "sei", "--top", "0"],
             message: "--top must be between 1 and 1000000"),
        Case(name: "SMAA ranks 0", files: [:], arguments: ["sensitivity", "smaa", "--profile", "sei", "--ranks", "0"],
             message: "--ranks must be between 1 and 1000000"),
        Case(name: "report with 4 billion samples", files: [:], arguments: ["report", "--out", "{dir}/r", "--samples", "4294967295"],
             message: "--samples must be between 1 and 10000000"),
        Case(name: "phase links in a cycle",
             files: ["c.csv": candidateHeader + "X,x,NaCl,sei_inorganic,\nY,y,NaF,sei_inorganic,\n",
                     "p.csv": "candidate,phase,source,location,note\nX,Y,[t],,\nY,X,[t],,\n"],
             arguments: ["db", "import", "{dir}/c.csv", "{dir}/p.csv"], message: "phase: phase links form a cycle (X → Y → X)"),
        Case(name: "a candidate its own phase",
             files: ["c.csv": candidateHeader + "X,x,NaCl,sei_inorganic,\n", "p.csv": "candidate,phase,source,location,note\nX,X,[t],,\n"],
             arguments: ["db", "import", "{dir}/c.csv", "{dir}/p.csv"], message: "p.csv:2: phase: a candidate cannot be its own phase"),
        Case(name: "limit without a unit", files: ["p.yaml": "name: t\ncriteria:\n  - {property: shear_modulus, goal: max, weight: 1, limits: {min: 6.6}}\n"],
             arguments: ["rank", "--profile", "{dir}/p.yaml"], message: "p.yaml:3: limits.min: give the unit ('6.6 GPa' if that is meant)"),
        Case(name: "weight 1e308", files: ["p.yaml": "name: t\ncriteria:\n  - {property: band_gap, goal: max, weight: 1e308}\n  - {property: shear_modulus, goal: max, weight: 1e308}\n"],
             arguments: ["rank", "--profile", "{dir}/p.yaml"], message: "p.yaml:3: weight: must be at most 1e6"),
        Case(name: "property and performance in one criterion",
             files: ["p.yaml": "name: t\ncriteria:\n  - {property: band_gap, performance: lifespan_hours, goal: max, weight: 1}\n"],
             arguments: ["rank", "--profile", "{dir}/p.yaml"], message: "p.yaml:3: performance: a criterion reads either a property or a performance column, not both"),
        Case(name: "NUL byte in a field", files: ["c.csv": candidateHeader + "A,a\u{0}b,NaCl,sei_inorganic,\n"],
             arguments: ["db", "import", "{dir}/c.csv"], message: "c.csv:2: a NUL byte (0x00)"),
        Case(name: "report into a path under a file", files: ["afile": "x"],
             arguments: ["report", "--profile", "sei", "--out", "{dir}/afile/r"], message: "afile: is a file, not a folder"),
        Case(name: "export into a path under a file", files: ["afile": "x"],
             arguments: ["db", "export", "--format", "json", "--out", "{dir}/afile/all.json"], message: "afile: is a file, not a folder"),
        Case(name: "a key twice in a profile", files: ["p.yaml": "name: t\nmethod: topsis\ncriteria:\n  - {property: band_gap, goal: max, weight: 1}\nmethod: wsm\n"],
             arguments: ["rank", "--profile", "{dir}/p.yaml"], message: "p.yaml:5: method: appears twice in one mapping (lines 2 and 5)"),
        Case(name: "a key twice inside a criterion", files: ["p.yaml": "name: t\ncriteria:\n  - property: band_gap\n    goal: max\n    weight: 1\n    goal: min\n"],
             arguments: ["rank", "--profile", "{dir}/p.yaml"], message: "p.yaml:6: goal: appears twice in one mapping (lines 4 and 6)"),
        Case(name: "a key twice in a mapping", files: mapped(#"[{"id": "x1", "f": "NaF", "gap": 6.1}]"#, nested: false).merging(["m.yaml": topJSONMapping + "id: other\n"]) { $1 },
             arguments: importJSON, message: "m.yaml:8: id: appears twice in one mapping (lines 2 and 8)"),
        Case(name: "missing descriptor folder", files: [:], arguments: ["db", "build", "--from", "{dir}/nowhere"],
             message: "no such descriptor folder"),
    ]

    /// One database built for the whole corpus; each case works on its own copy (copying is
    /// much faster than building, and the template itself is never written to).
    static let template: Result<URL, any Error> = Result {
        let (_, db) = try builtDatabase()
        return URL(fileURLWithPath: db)
    }

    /// A fresh folder holding a copy of the template database as db.sqlite.
    static func folderWithDatabase() throws -> (folder: URL, db: String) {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("db.sqlite")
        try FileManager.default.copyItem(at: try template.get(), to: db)
        return (folder, db.path)
    }

    @Test("each bad input is refused with a message naming it, and the database is byte-identical",
          arguments: cases + fileCases + importAndFlagCases)
    func refused(_ c: Case) throws {
        let (folder, db) = try Self.folderWithDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in c.files { try write(text, to: folder.appendingPathComponent(name)) }
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let arguments = c.arguments.map { $0.replacingOccurrences(of: "{dir}", with: folder.path) }
        let r = try runScreen(arguments + (arguments.contains("--db") ? [] : ["--db", db]))
        #expect(r.status != 0 && r.status < 128, "\(c.name): exit \(r.status)")   // ≥ 128: killed by a signal (a crash)
        #expect(r.stderr.contains(c.message.replacingOccurrences(of: "{dir}", with: folder.path)), "\(c.name): \(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "\(c.name): the database changed")
    }

    @Test("--db that is not a database (a text file, a directory, a truncated database): the path and what is wrong")
    func notADatabase() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = folder.appendingPathComponent("notes.txt")
        try write("not a database\n", to: text)
        let (built, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: built) }
        let truncated = folder.appendingPathComponent("truncated.sqlite")
        try Data(contentsOf: URL(fileURLWithPath: db)).prefix(3000).write(to: truncated)
        for path in [text.path, truncated.path] {
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let r = try runScreen(["rank", "--profile", "sei", "--db", path])
            #expect(r.status == 1 && r.stderr.contains("error: \(path): is not a screen database"), "\(r.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
        let directory = try runScreen(["rank", "--profile", "sei", "--db", folder.path])
        #expect(directory.status == 1 && directory.stderr.contains(folder.path), "\(directory.stderr)")
    }

    @Test("--db a SQLite database of another program, or of a newer screen: named, never advised to be rebuilt over")
    func foreignAndNewerDatabases() throws {
        let (folder, db) = try Self.folderWithDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = folder.appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: other)
        try queue.write { try $0.execute(sql: "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('kept')") }
        try queue.close()
        let newer = folder.appendingPathComponent("newer.sqlite").path
        try FileManager.default.copyItem(atPath: db, toPath: newer)
        let q2 = try DatabaseQueue(path: newer)
        try q2.write { try $0.execute(sql: "UPDATE meta SET value = '99' WHERE key = 'schema_version'") }
        try q2.close()
        for (path, message) in [(other, "other.sqlite: is not a screen database"),
                                (newer, "newer.sqlite: was written by a newer screen (schema version 99; this one reads \(Schema.version)); open it with that version")] {
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let r = try runScreen(["rank", "--profile", "sei", "--db", path])
            #expect(r.status == 1 && r.stderr.contains(message), "\(r.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    @Test("a gzip file cut short: named, nothing imported")
    func truncatedGzip() throws {
        let (folder, db) = try Self.folderWithDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The first half of gzip('[{"id":"x1","f":"NaF","gap":6.1},{"id":"x2","f":"NaCl","gap":7.1}]'), made by Python's gzip.
        try Data(base64Encoded: "H4sIAAAAAAACA4uuVspMUbJSqjBU0lFKAzL8Et2ArA==")!.write(to: folder.appendingPathComponent("d.json.gz"))
        try write(Self.topJSONMapping, to: folder.appendingPathComponent("m.yaml"))
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let r = try runScreen(["db", "import", folder.appendingPathComponent("d.json.gz").path, "--mapping", folder.appendingPathComponent("m.yaml").path, "--db", db])
        #expect(r.status == 1 && r.stderr.contains("d.json.gz: truncated gzip data (the compressed stream ends early)"), "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test("a file that is not UTF-8 (Latin-1): the line and byte offset of the first bad byte")
    func notUTF8() throws {
        let (folder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("latin1.csv")
        // "café" in Latin-1: 0xE9 is not UTF-8. Byte offset: the header (30 bytes with its newline) + "A,ab,NaCl,sei_inorganic,\n" (25) + "B,caf" (5) = 60.
        try Data(Array(candidateHeader.utf8) + Array("A,ab,NaCl,sei_inorganic,\nB,caf".utf8) + [0xE9] + Array(",NaF,sei_inorganic,\n".utf8)).write(to: file)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let r = try runScreen(["db", "import", file.path, "--db", db])
        #expect(r.status == 1 && r.stderr.contains("latin1.csv:3: not valid UTF-8 text (first bad byte at byte offset 60)"), "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test("a temporary database left by a killed build is removed by the next build")
    func staleTemporaries() throws {
        let (folder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        // PID 2147483646 does not run; the file is what a build killed mid-way leaves.
        let stale = folder.appendingPathComponent(".db.sqlite.2147483646.tmp")
        try write("half a database", to: stale)
        #expect(try runScreen(["db", "build", "--db", db]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
    }

    @Test("the number reader: plain decimals only, correctly rounded")
    func decimalNumbers() {
        for (text, value) in [("1", 1.0), ("-2.5", -2.5), ("+3", 3), (".5", 0.5), ("1.", 1), ("6.02214076e23", 6.02214076e23),
                              ("1E-3", 0.001), ("0.1", 0.1), ("-0", -0.0), ("1.7976931348623157e308", Double.greatestFiniteMagnitude)] {
            #expect(DecimalNumber.parse(text) == value, "\(text)")
            #expect(DecimalNumber.parse(Substring(text)) == value, "\(text) (the generic reader)")
        }
        for text in ["", " 1", "1 ", "0x1A", "0X1a", "0x1p3", "nan", "NaN", "inf", "-infinity", "1e400", "1,5", "1_000", "2e", "e5",
                     ".", "-", "+", "1.2.3", "--1", "1e+", "١٢", "1e5.5", "½"] {
            #expect(DecimalNumber.parse(text) == nil, "\(text)")
            #expect(DecimalNumber.parse(Substring(text)) == nil, "\(text) (the generic reader)")
        }
    }
}
