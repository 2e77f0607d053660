import Foundation
import GRDB
import Testing
@testable import ScreenCore
@testable import ScreenStore

/// The `kind` of every value — experiment, DFT, computation, derived, imputed, unspecified — in the
/// exports, `db show`, the SQLite view, and checked on import; an exported file imports again.
@Suite("The kind of every value", .serialized)
struct ValueKindTests {
    /// The measurements of `db export --what measurements --format json`.
    static func exported(_ db: String) throws -> [[String: Any]] {
        let r = try runScreen(["db", "export", "--what", "measurements", "--format", "json", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try parseJSON(r.stdout) as? [[String: Any]])
    }

    @Test("the rules on the methods the data use")
    func rules() {
        // Independent expectations: what each method says it is.
        let cases: [(String, ValueKind)] = [
            ("exp", .experiment), ("experiment", .experiment), ("exp (handbook)", .experiment), ("Experiment", .experiment),
            ("DFT-PBE (MP)", .dft), ("JDFT", .dft), ("DFT", .dft),
            ("DFT (GGA/GGA+U, PBE) with the Materials Project's legacy (pre-2020) compatibility corrections (Materials Project formation energy per atom)", .dft),
            ("thermochemistry", .computation),
            ("derived: E = 9KG/(3K + G) from bulk and shear moduli", .derived),
            ("estimate: raw-material cost from composition (element price × mass fraction)", .derived),
            ("derived: PBE band gap calibrated to experiment (fitted relation, 95 % prediction interval)", .derived),
            ("not stated", .unspecified), ("constant used in screening code", .unspecified),
        ]
        for (method, kind) in cases { #expect(ValueKind(method: method) == kind, "\(method)") }
    }

    @Test("upper case, accents and combining marks: ASCII letters fold, nothing else does, and SQLite's view agrees")
    func foldingAgreesWithSQLite() throws {
        // Independent expectations, from the rules' text: only A–Z fold to a–z; a pattern is found
        // in the code points whatever follows it (a combining accent after "gga" leaves "gga" there).
        let cases: [(String, ValueKind)] = [
            ("EXP (HANDBOOK)", .experiment), ("Measured at 300 K", .experiment), ("ÉXP", .unspecified),
            ("Dérivé", .unspecified), ("DERIVED: cost", .derived), ("Calculé ab initio", .computation),
            ("AB INITIO MD", .computation), ("PBE+U", .dft), ("gga\u{301}", .dft), ("x\u{301}dft", .dft),
            ("Ｄft (full-width D)", .unspecified), ("", .unspecified),
        ]
        let queue = try DatabaseQueue()
        for (method, kind) in cases {
            #expect(ValueKind(method: method) == kind, "\(method)")
            let sql = try queue.read { db in
                try String.fetchOne(db, sql: "WITH t(m) AS (VALUES (?)) SELECT \(ValueKind.sqlCase(of: "m")) FROM t", arguments: [method])
            }
            #expect(sql == kind.rawValue, "\(method): SQLite says \(sql ?? "nil")")
        }
    }

    @Test("NaF's experimental gap is an experiment, an MP formation energy DFT, energy above hull derived; the view agrees")
    func kinds() throws {
        let db = try databaseWithFormationEnergies(of: ["Na", "F"])
        let rows = try Self.exported(db)
        func kinds(_ id: String, _ property: String) -> [String: String] {
            Dictionary(rows.filter { $0["candidate_id"] as? String == id && $0["property"] as? String == property }
                .map { ("\($0["value"]!)", $0["kind"] as! String) }, uniquingKeysWith: { a, _ in a })
        }
        #expect(kinds("NaF", "band_gap")["10.5"] == "experiment")   // Zhuo et al. via roost, method exp
        #expect(kinds("NaF", "band_gap")["6.0943"] == "DFT")        // Materials Project PBE
        let formation = rows.filter { $0["property"] as? String == "formation_energy" }
        #expect(!formation.isEmpty && formation.allSatisfy { $0["kind"] as? String == "DFT" })
        let hull = rows.filter { $0["property"] as? String == "energy_above_hull" }
        #expect(!hull.isEmpty && hull.allSatisfy { $0["kind"] as? String == "derived" })
        #expect(rows.allSatisfy { ValueKind(rawValue: $0["kind"] as? String ?? "") != nil })
        // The SQLite view says the same as the export, row for row.
        let store = try DescriptorStore(path: db)
        let viewKinds = try store.queue.read { try String.fetchAll($0, sql: "SELECT kind FROM measurements ORDER BY id") }
        let swiftKinds = try store.measurements().map(\.kind.rawValue)
        #expect(viewKinds.count == swiftKinds.count && Set(viewKinds).count >= 4)
        #expect(try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT method, kind FROM measurements").allSatisfy { ValueKind(method: $0["method"]).rawValue == ($0["kind"] as String) }
        })
        // db show: the column in the table, the field in JSON.
        let show = try runScreen(["db", "show", "NaF", "--db", db, "--wide"])
        #expect(show.stdout.contains(" kind ") && show.stdout.contains("experiment"))
    }

    @Test("an exported measurements file imports again into the same rows; a wrong kind is refused with file:line: kind")
    func roundTrip() throws {
        let (folder, db) = try builtDatabase()
        let export = folder.appendingPathComponent("export")
        #expect(try runScreen(["db", "export", "--format", "csv", "--out", export.path, "--db", db]).status == 0)
        // A folder with the candidates alone; the exported measurements are imported into its database.
        let bare = folder.appendingPathComponent("bare")
        try FileManager.default.createDirectory(at: bare.appendingPathComponent("candidates"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: export.appendingPathComponent("candidates.csv"), to: bare.appendingPathComponent("candidates/candidates.csv"))
        let db2 = folder.appendingPathComponent("db2.sqlite").path
        #expect(try runScreen(["db", "build", "--from", bare.path, "--db", db2]).status == 0)
        let imported = try runScreen(["db", "import", export.appendingPathComponent("measurements.csv").path, "--db", db2])
        #expect(imported.status == 0, "\(imported.stderr)")
        func rows(_ db: String) throws -> [String] {
            try Self.exported(db).map { r in
                r.filter { $0.key != "origin" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "|")
            }.sorted()
        }
        let before = try rows(db), after = try rows(db2)
        #expect(before.count > 300 && before == after)

        // The same file with one kind changed.
        let text = try String(contentsOf: export.appendingPathComponent("measurements.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let i = try #require(lines.firstIndex { $0.hasPrefix("NaF,band_gap,10.5,") })
        lines[i] = lines[i].replacingOccurrences(of: ",exp,experiment,", with: ",exp,DFT,")
        let bad = folder.appendingPathComponent("bad.csv")
        try write(([lines[0], lines[i]]).joined(separator: "\n") + "\n", to: bad)
        let r = try runScreen(["db", "import", bad.path, "--db", db2])
        #expect(r.status == 1 && r.stderr.contains("bad.csv:2: kind: 'DFT' does not match the method 'exp'"), "\(r.stderr)")
    }
}
