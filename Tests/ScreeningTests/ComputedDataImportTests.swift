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

/// The four Matbench extracts in `Descriptors/computed/` (no ids, unit-cell formulas, moduli as
/// log10 GPa) imported with their mappings: row-derived ids, the `sha256:` check, the `log10`
/// unit, and Young's modulus and Poisson's ratio from a shear and a bulk file imported one after
/// the other. Expected values come from an independent reading of the CSV files (split on line
/// breaks and commas, no import code) and from hand computation.
@Suite("Import of the Matbench extracts (row ids, sha256, log10 units, K and G from two files)")
struct ComputedDataImportTests {
    static let computed = bundledDescriptors.appendingPathComponent("computed")
    static let mappings = bundledDescriptors.appendingPathComponent("mappings")

    static func data(_ name: String) -> URL { computed.appendingPathComponent("\(name).csv") }
    static func mapping(_ name: String) -> URL { mappings.appendingPathComponent("\(name).yaml") }

    /// The data rows of a Matbench CSV file as (formula, target text), read without the import
    /// code. The files have no quotes (checked), so splitting on line breaks and commas is exact.
    static func rows(_ name: String) throws -> [(formula: String, target: String)] {
        let text = try String(contentsOf: data(name), encoding: .utf8)
        #expect(!text.contains("\""))
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        #expect(lines.first == "formula,target")
        return lines.dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count == 2, "\(line)")
            return (String(fields[0]), String(fields.count > 1 ? fields[1] : ""))
        }
    }

    /// The id the mapping `id: {row: prefix}` should give data row `row` (1-based): six digits,
    /// written out here rather than taken from the import code.
    static func rowID(_ prefix: String, _ row: Int) -> String {
        prefix + "-" + String(format: "%06d", row)
    }


    /// `screen db import` of a bundled file with its mapping; prints the time (no assertion on it).
    @discardableResult
    func importFile(_ name: String, mapping: String? = nil, into db: String) throws -> CommandResult {
        let start = Date()
        let r = try runScreen(["db", "import", Self.data(name).path, "--mapping", Self.mapping(mapping ?? name).path, "--db", db])
        print("timing: screen db import \(name).csv (debug build): \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        return r
    }

    // MARK: Formation energies and band gaps

    @Test("formation energies: every row imported under its row id, values as in the CSV")
    func formationEnergies() throws {
        let rows = try Self.rows("mp-formation-energies")
        #expect(rows.count == 132_752)  // Matbench's n_samples for mp_e_form
        let (folder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try importFile("mp-formation-energies", into: db)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\(rows.count) rows read, \(rows.count) new candidates, 0 merged, \(rows.count) measurements"), "\(r.stdout)")
        #expect(try count(db, "SELECT COUNT(*) FROM candidates WHERE id LIKE 'mbform-%'") == rows.count)
        #expect(try count(db, "SELECT COUNT(*) FROM measurements WHERE property = 'formation_energy' AND origin LIKE '%mp-formation-energies.csv:%'") == rows.count)

        // A handful of rows: first, last, NaF and sodium metal's ground state (found by reading).
        let naf = try #require(rows.firstIndex { $0.formula == "F1Na1" }) + 1
        let sodiumGround = try #require(rows.firstIndex { $0.formula == "Na2" && $0.target == "0.0" }) + 1
        for row in [1, 1000, naf, sodiumGround, rows.count] {
            let id = Self.rowID("mbform", row)
            let csv = rows[row - 1]
            let formula: String? = try scalar(db, "SELECT formula FROM candidates WHERE id = ?", [id])
            #expect(formula == csv.formula, "\(id)")
            let value: Double? = try scalar(db, "SELECT value FROM measurements WHERE candidate_id = ? AND property = 'formation_energy'", [id])
            #expect(value == Double(csv.target), "\(id)")
            let unit: String? = try scalar(db, "SELECT unit_as_given FROM measurements WHERE candidate_id = ? AND property = 'formation_energy'", [id])
            #expect(unit == "eV/atom")
            let origin: String? = try scalar(db, "SELECT origin FROM measurements WHERE candidate_id = ? AND property = 'formation_energy'", [id])
            #expect(origin?.hasSuffix("mp-formation-energies.csv:\(row + 1)") == true, "\(origin ?? "nil")")  // line = row + header
        }
        #expect(try scalar(db, "SELECT value FROM measurements WHERE candidate_id = ? AND property = 'formation_energy'", [Self.rowID("mbform", sodiumGround)]) == 0.0)
        let method: String? = try scalar(db, "SELECT method FROM measurements WHERE candidate_id = 'mbform-000001' AND property = 'formation_energy'")
        #expect(method?.contains("legacy") == true)
    }

    @Test("Matbench band gaps: every row imported under its row id; NaF's PBE gap as in the CSV")
    func bandGaps() throws {
        let rows = try Self.rows("mp-band-gaps-matbench")
        #expect(rows.count == 106_113)
        let (folder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try importFile("mp-band-gaps-matbench", into: db)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\(rows.count) rows read, \(rows.count) new candidates, 0 merged, \(rows.count) measurements"), "\(r.stdout)")
        #expect(try count(db, "SELECT COUNT(*) FROM measurements WHERE property = 'band_gap' AND candidate_id LIKE 'mbgap-%'") == rows.count)
        let naf = try #require(rows.firstIndex { $0.formula == "F1Na1" }) + 1
        for row in [1, 54_321, naf, rows.count] {
            let id = Self.rowID("mbgap", row)
            let value: Double? = try scalar(db, "SELECT value FROM measurements WHERE candidate_id = ? AND property = 'band_gap'", [id])
            #expect(value == Double(rows[row - 1].target), "\(id)")
            let formula: String? = try scalar(db, "SELECT formula FROM candidates WHERE id = ?", [id])
            #expect(formula == rows[row - 1].formula)
        }
        #expect(try scalar(db, "SELECT value FROM measurements WHERE candidate_id = ? AND property = 'band_gap'", [Self.rowID("mbgap", naf)]) == 6.0943)
    }

    // MARK: Shear and bulk moduli, two files

    @Test("the shear and bulk files are row-aligned: the same formula on every row")
    func moduliRowAligned() throws {
        let shear = try Self.rows("mp-shear-modulus-log10"), bulk = try Self.rows("mp-bulk-modulus-log10")
        #expect(shear.count == 10_987 && bulk.count == 10_987)
        #expect(shear.map(\.formula) == bulk.map(\.formula))
    }

    /// (candidate, property, value) of every elastic value of the Matbench moduli, sorted.
    func elasticValues(_ db: String) throws -> [String] {
        let store = try DescriptorStore(path: db)
        return try store.queue.read { d in
            try Row.fetchAll(d, sql: """
                SELECT candidate_id, property, value FROM measurements WHERE candidate_id LIKE 'mbelastic-%'
                AND property IN ('shear_modulus', 'bulk_modulus', 'youngs_modulus', 'poisson_ratio', 'monroe_newman_ratio')
                ORDER BY candidate_id, property
                """).map { "\($0[0] as String) \($0[1] as String) \($0[2] as Double)" }
        }
    }

    @Test("shear then bulk, or bulk then shear: every compound gets K, G, E, ν and G/G_Na; E and ν by hand", arguments: [false, true])
    func moduliBothOrders(bulkFirst: Bool) throws {
        let shear = try Self.rows("mp-shear-modulus-log10"), bulk = try Self.rows("mp-bulk-modulus-log10")
        let n = shear.count
        let (folder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let order = bulkFirst ? ["mp-bulk-modulus-log10", "mp-shear-modulus-log10"] : ["mp-shear-modulus-log10", "mp-bulk-modulus-log10"]
        let first = try importFile(order[0], into: db)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("\(n) rows read, \(n) new candidates, 0 merged, \(n) measurements"), "\(first.stdout)")
        let second = try importFile(order[1], into: db)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("\(n) rows read, 0 new candidates, \(n) merged, \(n) measurements"), "\(second.stdout)")
        #expect(!second.stderr.contains("not paired"), "\(second.stderr)")

        for property in ["shear_modulus", "bulk_modulus", "youngs_modulus", "poisson_ratio", "monroe_newman_ratio"] {
            #expect(try count(db, "SELECT COUNT(*) FROM measurements WHERE candidate_id LIKE 'mbelastic-%' AND property = ?", [property]) == n, "\(property)")
        }
        #expect(try count(db, "SELECT COUNT(*) FROM candidates WHERE id LIKE 'mbelastic-%'") == n)

        // Two compounds: NaF (found by reading) and the first row. K and G are 10^x GPa of the two
        // files' cells; the Materials Project gave whole GPa, so 10^x is also checked against them.
        let naf = try #require(shear.firstIndex { $0.formula == "F1Na1" }) + 1
        for (row, wholeK, wholeG) in [(naf, 48.0, 30.0), (1, 51.0, 28.0)] {
            let id = Self.rowID("mbelastic", row)
            let xG = try #require(Double(shear[row - 1].target)), xK = try #require(Double(bulk[row - 1].target))
            let G = pow(10, xG), K = pow(10, xK)
            #expect(abs(G - wholeG) < 1e-9 && abs(K - wholeK) < 1e-9, "\(id): K \(K), G \(G)")
            func stored(_ property: String) throws -> Double? {
                try scalar(db, "SELECT value FROM measurements WHERE candidate_id = ? AND property = ?", [id, property])
            }
            #expect(try stored("shear_modulus") == G)
            #expect(try stored("bulk_modulus") == K)
            let asGiven: Double? = try scalar(db, "SELECT value_as_given FROM measurements WHERE candidate_id = ? AND property = 'bulk_modulus'", [id])
            #expect(asGiven == xK)
            let unit: String? = try scalar(db, "SELECT unit_as_given FROM measurements WHERE candidate_id = ? AND property = 'shear_modulus'", [id])
            #expect(unit == "log10 GPa")
            let e = try #require(try stored("youngs_modulus")), nu = try #require(try stored("poisson_ratio"))
            #expect(abs(e - 9 * K * G / (3 * K + G)) <= 1e-12 * e)
            #expect(abs(nu - (3 * K - 2 * G) / (2 * (3 * K + G))) <= 1e-12)
            // By hand from the whole GPa values: E = 9KG/(3K + G), ν = (3K − 2G)/(2(3K + G)).
            let eHand = 9 * wholeK * wholeG / (3 * wholeK + wholeG), nuHand = (3 * wholeK - 2 * wholeG) / (2 * (3 * wholeK + wholeG))
            #expect(abs(e - eHand) < 1e-9 && abs(nu - nuHand) < 1e-12, "\(id): E \(e) vs \(eHand), ν \(nu) vs \(nuHand)")
            #expect(try stored("monroe_newman_ratio") == G / 3.3)
            // The derived values name both inputs and both files.
            let origin: String? = try scalar(db, "SELECT origin FROM measurements WHERE candidate_id = ? AND property = 'youngs_modulus'", [id])
            #expect(origin?.contains("mp-bulk-modulus-log10.csv:\(row + 1)") == true && origin?.contains("mp-shear-modulus-log10.csv:\(row + 1)") == true, "\(origin ?? "nil")")
            let conditions: String? = try scalar(db, "SELECT conditions FROM measurements WHERE candidate_id = ? AND property = 'poisson_ratio'", [id])
            #expect(conditions?.hasPrefix("K = ") == true && conditions?.contains(", G = ") == true, "\(conditions ?? "nil")")
        }
        // NaF by hand: E = 9·48·30/(3·48 + 30) = 12960/174 GPa, ν = (144 − 60)/(2·174) = 84/348.
        let nafE: Double = 12960.0 / 174.0, nafNu: Double = 84.0 / 348.0
        let storedNaF: Double? = try scalar(db, "SELECT value FROM measurements WHERE candidate_id = ? AND property = 'youngs_modulus'", [Self.rowID("mbelastic", naf)])
        let storedNaFNu: Double? = try scalar(db, "SELECT value FROM measurements WHERE candidate_id = ? AND property = 'poisson_ratio'", [Self.rowID("mbelastic", naf)])
        #expect(storedNaF.map { abs($0 - nafE) < 1e-9 } == true && abs(nafE - 74.48275862068965) < 1e-12)
        #expect(storedNaFNu.map { abs($0 - nafNu) < 1e-12 } == true && abs(nafNu - 0.2413793103448276) < 1e-15)

        // The same file again is refused, and nothing changes.
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let again = try importFile(order[1], into: db)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already imported") && again.stderr.contains("would store every value twice"), "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)

        // Either order stores the same values.
        let values = try elasticValues(db)
        #expect(values.count == 5 * n)
        if bulkFirst {
            let (other, otherDB) = try builtDatabase()
            defer { try? FileManager.default.removeItem(at: other) }
            try importFile("mp-shear-modulus-log10", into: otherDB)
            try importFile("mp-bulk-modulus-log10", into: otherDB)
            #expect(try elasticValues(otherDB) == values)
        }
    }

    @Test("row ids are the data row, zero-padded, the same on every import of the file")
    func rowIDsStable() throws {
        let rows = try Self.rows("mp-shear-modulus-log10")
        var idsAndFormulas: [[String]] = []
        for _ in 0..<2 {
            let (folder, db) = try builtDatabase()
            defer { try? FileManager.default.removeItem(at: folder) }
            #expect(try importFile("mp-shear-modulus-log10", into: db).status == 0)
            let store = try DescriptorStore(path: db)
            idsAndFormulas.append(try store.queue.read { d in
                try Row.fetchAll(d, sql: "SELECT id, formula FROM candidates WHERE id LIKE 'mbelastic-%' ORDER BY id")
                    .map { "\($0[0] as String) \($0[1] as String)" }
            })
        }
        let expected = rows.enumerated().map { "\(Self.rowID("mbelastic", $0.offset + 1)) \($0.element.formula)" }
        #expect(idsAndFormulas[0] == expected)
        #expect(idsAndFormulas[1] == expected)
        // Wider than the width: longer numbers, still unique; another width pads to it.
        #expect(ImportMapping.IDSource.row(prefix: "x", width: 6).id(row: 1_234_567) == "x-1234567")
        #expect(ImportMapping.IDSource.row(prefix: "x", width: 3).id(row: 7) == "x-007")
        #expect(ImportMapping.IDSource.field("id").id(row: 7) == nil)
    }

    @Test("JSON records get the row id of their position in the array")
    func rowIDsInJSON() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("""
            [{"f": "NaCl", "g": 1.2}, {"f": "KBr", "g": 0.9},
             {"f": "LiF", "g": null}]
            """, to: folder.appendingPathComponent("x.json"))
        try write("""
            id: {row: js, width: 2}
            formula: f
            method: "DFT (test)"
            source: "test"
            properties:
              shear_modulus: {path: g, unit: log10(GPa)}

            """, to: folder.appendingPathComponent("map.yaml"))
        let (dbFolder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: dbFolder) }
        let r = try runScreen(["db", "import", folder.appendingPathComponent("x.json").path, "--mapping", folder.appendingPathComponent("map.yaml").path, "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("names no sha256"), "\(r.stderr)")
        let ids: [String] = try DescriptorStore(path: db).queue.read { try String.fetchAll($0, sql: "SELECT id || ' ' || formula FROM candidates WHERE id LIKE 'js-%' ORDER BY id") }
        #expect(ids == ["js-01 NaCl", "js-02 KBr", "js-03 LiF"])
        let g: Double? = try scalar(db, "SELECT value FROM measurements WHERE candidate_id = 'js-02' AND property = 'shear_modulus'")
        #expect(g == pow(10, 0.9))
    }

    // MARK: Refusals

    @Test("a data file whose SHA-256 differs from the mapping's is refused, naming the file; nothing is written")
    func wrongChecksum() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The shear file with one value changed in its last digit.
        var text = try String(contentsOf: Self.data("mp-shear-modulus-log10"), encoding: .utf8)
        text = text.replacingOccurrences(of: "Ag2Ca1Ge2,1.4471580313422192", with: "Ag2Ca1Ge2,1.4471580313422193")
        let changed = folder.appendingPathComponent("changed-shear.csv")
        try write(text, to: changed)
        let (dbFolder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: dbFolder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let r = try runScreen(["db", "import", changed.path, "--mapping", Self.mapping("mp-shear-modulus-log10").path, "--db", db])
        #expect(r.status == 1)
        #expect(r.stderr.contains("changed-shear.csv: sha256: the file's SHA-256 is "), "\(r.stderr)")
        #expect(r.stderr.contains("mp-shear-modulus-log10.yaml:15 names 6eda504f98a3b98308bb4f1353810f2703475daa85540b15aebe1fedf313304a"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was written"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test("SHA-256: the FIPS 180-2 examples and sha256sum of the four files")
    func sha256() throws {
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        for name in ["mp-formation-energies", "mp-band-gaps-matbench", "mp-shear-modulus-log10", "mp-bulk-modulus-log10"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            p.arguments = [Self.data(name).path]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            let expected = String(printed.prefix(64))
            #expect(try SHA256.hex(ofFile: Self.data(name)) == expected, "\(name)")
            #expect(try ImportMapping.load(Self.mapping(name)).sha256 == expected, "\(name)")
        }
    }

    static let logMapping = """
        format: csv
        id: {row: t}
        formula: formula
        method: "DFT (test)"
        source: "test source"
        properties:
          shear_modulus:
            column: target
            unit: log10 GPa

        """

    func mappingProblems(_ yaml: String) -> [String] {
        do {
            _ = try ImportMapping.load(yaml: yaml, file: "map.yaml", folder: URL(fileURLWithPath: "/tmp"))
            return []
        } catch let e as DescriptorProblems {
            return e.problems.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    /// The 1-based line of the first line of `yaml` containing `text`.
    func line(of text: String, in yaml: String) -> Int {
        (yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) } ?? -1) + 1
    }

    @Test("malformed log units, id specs and checksums are refused with map.yaml:line: key")
    func malformedMappings() throws {
        #expect(mappingProblems(Self.logMapping).isEmpty)
        let parsec = Self.logMapping.replacingOccurrences(of: "unit: log10 GPa", with: "unit: log10 parsec")
        #expect(mappingProblems(parsec) == ["map.yaml:\(line(of: "parsec", in: parsec)): properties.shear_modulus.unit: 'log10 parsec': 'parsec' is not a unit of shear_modulus (accepted: GPa, MPa, or log10 of one of them, e.g. log10 GPa)"])

        let badKey = Self.logMapping.replacingOccurrences(of: "id: {row: t}", with: "id: {row: t, prefix: u}")
        #expect(mappingProblems(badKey) == ["map.yaml:\(line(of: "prefix", in: badKey)): id.prefix: unknown key (known: row, width)"])

        let noRow = Self.logMapping.replacingOccurrences(of: "id: {row: t}", with: "id:\n  width: 4")
        #expect(mappingProblems(noRow).first?.hasPrefix("map.yaml:\(line(of: "width", in: noRow)): id.row: required") == true, "\(mappingProblems(noRow))")

        let badPrefix = Self.logMapping.replacingOccurrences(of: "id: {row: t}", with: "id: {row: \"a b\"}")
        #expect(mappingProblems(badPrefix).first?.hasPrefix("map.yaml:2: id.row: 'a b' is not a plain ASCII id prefix") == true, "\(mappingProblems(badPrefix))")

        let badWidth = Self.logMapping.replacingOccurrences(of: "id: {row: t}", with: "id: {row: t, width: 40}")
        #expect(mappingProblems(badWidth) == ["map.yaml:2: id.width: '40' is not a number of digits from 1 to 12"])

        let badHash = Self.logMapping + "sha256: 1234\n"
        #expect(mappingProblems(badHash) == ["map.yaml:\(line(of: "sha256", in: badHash)): sha256: '1234' is not a SHA-256 (64 hexadecimal digits, as `sha256sum FILE` prints)"])

        let signed = Self.logMapping.replacingOccurrences(of: "shear_modulus:", with: "formation_energy:")
            .replacingOccurrences(of: "log10 GPa", with: "log10 eV/atom")
        #expect(mappingProblems(signed).first?.contains("properties.formation_energy.unit: 'log10 eV/atom': a log10 unit gives only positive values, but formation_energy can be negative") == true, "\(mappingProblems(signed))")

        let withUncertainty = Self.logMapping + "    uncertainty: err\n"
        #expect(mappingProblems(withUncertainty).first?.contains("properties.shear_modulus.uncertainty: a ± in log10 units") == true, "\(mappingProblems(withUncertainty))")

        // Accepted spellings, and what they mean.
        for spelling in ["log10 GPa", "log10(GPa)", "log10  MPa"] {
            let yaml = Self.logMapping.replacingOccurrences(of: "log10 GPa", with: spelling)
            let m = try ImportMapping.load(yaml: yaml, file: "map.yaml", folder: URL(fileURLWithPath: "/tmp"))
            let p = try #require(m.properties.first)
            #expect(p.isLog10 && p.unitText == spelling)
            #expect(p.canonical(2) == (spelling.hasSuffix("MPa") ? 0.1 : 100))  // 10^2 GPa; 10^2 MPa = 0.1 GPa
        }
    }

    @Test("a malformed mapping fails on the command line with map.yaml:line: key and leaves the database byte-identical")
    func malformedMappingCLI() throws {
        let (dbFolder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: dbFolder) }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("g.csv")
        try write("formula,target\nF1Na1,1.4771212547196624\n", to: data)
        let map = folder.appendingPathComponent("map.yaml")
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for (yaml, expected) in [
            (Self.logMapping.replacingOccurrences(of: "log10 GPa", with: "log10 parsec"), "map.yaml:9: properties.shear_modulus.unit: 'log10 parsec'"),
            (Self.logMapping.replacingOccurrences(of: "id: {row: t}", with: "id: {rows: t}"), "map.yaml:2: id.rows: unknown key (known: row, width)"),
        ] {
            try write(yaml, to: map)
            let r = try runScreen(["db", "import", data.path, "--mapping", map.path, "--db", db])
            #expect(r.status == 1)
            #expect(r.stderr.contains(expected), "\(r.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        }
        // A log10 value whose power overflows is a data error naming file, line and column.
        try write(Self.logMapping, to: map)
        try write("formula,target\nF1Na1,1.4771212547196624\nCl1Na1,400\n", to: data)
        let r = try runScreen(["db", "import", data.path, "--mapping", map.path, "--db", db])
        #expect(r.status == 1)
        #expect(r.stderr.contains("g.csv:3: target: 400 log10 GPa is not a finite number of GPa"), "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    // MARK: The pairing rule

    @Test("K and G from two files pair only when source and method are the same")
    func pairingRule() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let kData = folder.appendingPathComponent("k.csv"), gData = folder.appendingPathComponent("g.csv")
        try write("formula,target\nF1Na1,48\nCl1Na1,25\n", to: kData)
        try write("formula,target\nF1Na1,30\nCl1Na1,15\n", to: gData)
        func mapping(_ property: String, source: String, method: String) -> String {
            """
            id: {row: pair}
            formula: formula
            method: "\(method)"
            source: "\(source)"
            properties:
              \(property): {column: target, unit: GPa}

            """
        }
        let kMap = folder.appendingPathComponent("k.yaml"), gMap = folder.appendingPathComponent("g.yaml")
        for (gSource, gMethod, pairs) in [("S", "M", true), ("other source", "M", false), ("S", "other method", false)] {
            let (dbFolder, db) = try builtDatabase()
            defer { try? FileManager.default.removeItem(at: dbFolder) }
            try write(mapping("bulk_modulus", source: "S", method: "M"), to: kMap)
            try write(mapping("shear_modulus", source: gSource, method: gMethod), to: gMap)
            #expect(try runScreen(["db", "import", kData.path, "--mapping", kMap.path, "--db", db]).status == 0)
            let r = try runScreen(["db", "import", gData.path, "--mapping", gMap.path, "--db", db])
            #expect(r.status == 0, "\(r.stderr)")
            let e: Double? = try scalar(db, "SELECT value FROM measurements WHERE candidate_id = 'pair-000001' AND property = 'youngs_modulus'")
            if pairs {
                #expect(e.map { abs($0 - 12960.0 / 174) < 1e-12 } == true, "\(String(describing: e))")
                #expect(try count(db, "SELECT COUNT(*) FROM measurements WHERE candidate_id LIKE 'pair-%' AND property = 'poisson_ratio'") == 2)
                #expect(!r.stderr.contains("not paired"))
            } else {
                #expect(e == nil)
                #expect(r.stderr.contains("2 candidates of this file already have a bulk or shear modulus, but only of another source or method: not paired"), "\(r.stderr)")
            }
        }
    }
}
