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

/// `screen db import FILE --mapping MAP.yaml`: the streaming readers, the mapping loader, the
/// import of the real Materials Project files in `Descriptors/computed/`, and that any error
/// leaves the database as it was.
@Suite("Mapped import of computed databases (MappedImport)")
struct MappedImportTests {
    static let computed = bundledDescriptors.appendingPathComponent("computed")
    static let mappings = bundledDescriptors.appendingPathComponent("mappings")
    static let bandgapCSV = computed.appendingPathComponent("mp-bandgaps.csv")
    static let elasticityJSON = computed.appendingPathComponent("mp-binary-elasticity.json.gz")


    /// The elasticity records, read independently of the import code (see `gunzippedJSONRecords`).
    static func elasticityRecords() throws -> [[String: Any]] {
        try gunzippedJSONRecords(elasticityJSON)
    }

    // MARK: The real Materials Project files

    @Test("the real MP files import completely: counts, exact values, density, Monroe–Newman ratio")
    func realFiles() throws {
        let (folder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }

        // Count the CSV's data rows independently (the last line has no line break).
        let text = try String(contentsOf: Self.bandgapCSV, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let dataRows = lines.count - 1
        #expect(dataRows == 84_295)

        let r1 = try runScreen(["db", "import", Self.bandgapCSV.path, "--mapping",
                                Self.mappings.appendingPathComponent("mp-bandgaps.yaml").path, "--db", db])
        #expect(r1.status == 0, "\(r1.stderr)")
        #expect(r1.stdout.contains("\(dataRows) rows read"))
        #expect(r1.stdout.contains("\(dataRows) new candidates"))
        #expect(try count(db, "SELECT COUNT(*) FROM measurements WHERE property = 'band_gap' AND origin LIKE '%mp-bandgaps.csv:%'") == dataRows)
        #expect(try count(db, "SELECT COUNT(*) FROM candidates WHERE category = 'computed'") == dataRows)

        // A band gap reads back exactly as the CSV text: the 1000th data row.
        let row = lines[1000].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let stored: Double? = try scalar(db, "SELECT value FROM measurements WHERE candidate_id = ? AND property = 'band_gap'", [row[0]])
        #expect(stored == Double(row[2]))
        let origin: String? = try scalar(db, "SELECT origin FROM measurements WHERE candidate_id = ? AND property = 'band_gap'", [row[0]])
        #expect(origin?.hasSuffix("mp-bandgaps.csv:1001") == true)
        // mp-22880 is FeBr2 in the band-gap file.
        let gap: Double? = try scalar(db, "SELECT value FROM measurements WHERE candidate_id = 'mp-22880' AND property = 'band_gap'")
        #expect(gap == Double("0.5376999999999998"))

        let r2 = try runScreen(["db", "import", Self.elasticityJSON.path, "--mapping",
                                Self.mappings.appendingPathComponent("mp-binary-elasticity.yaml").path, "--db", db])
        #expect(r2.status == 0, "\(r2.stderr)")
        #expect(r2.stdout.contains("3953 rows read (1 excluded by the mapping)"))
        #expect(r2.stderr.contains("mp-22880 left out"))

        let records = try Self.elasticityRecords()
        #expect(records.count == 3953)
        let naf = try #require(records.first { $0["mp_id"] as? String == "mp-682" })
        let g = try #require(naf["shear_modulus_vrh"] as? Double)
        let k = try #require(naf["bulk_modulus_vrh"] as? Double)
        #expect(g == 30.163 && k == 46.136)
        let storedG: Double? = try scalar(db, "SELECT value FROM measurements WHERE candidate_id = 'mp-682' AND property = 'shear_modulus'")
        let storedK: Double? = try scalar(db, "SELECT value FROM measurements WHERE candidate_id = 'mp-682' AND property = 'bulk_modulus'")
        #expect(storedG == g && storedG == 30.163)
        #expect(storedK == k && storedK == 46.136)
        #expect(try count(db, "SELECT COUNT(*) FROM measurements WHERE property = 'shear_modulus' AND origin LIKE '%elasticity.json.gz:%'") == 3952)

        // Monroe–Newman: G / G_Na with G_Na the larger handbook value, 3.3 GPa.
        let mn: Double? = try scalar(db, "SELECT value FROM measurements WHERE candidate_id = 'mp-682' AND property = 'monroe_newman_ratio'")
        #expect(mn == 30.163 / 3.3)
        let mnConditions: String? = try scalar(db, "SELECT conditions FROM measurements WHERE candidate_id = 'mp-682' AND property = 'monroe_newman_ratio'")
        #expect(mnConditions?.contains("G_Na = 3.3 GPa") == true)
        #expect(mnConditions?.contains("2.53 GPa") == true)
        #expect(mnConditions?.contains("Infobox_sodium") == true)

        // Density by hand: masses from atomic-masses.csv, volume from the lattice matrix.
        let masses = try String(contentsOf: bundledDescriptors.appendingPathComponent("elements/atomic-masses.csv"), encoding: .utf8)
        func mass(_ symbol: String) throws -> Double {
            let line = try #require(masses.split(separator: "\n").first { $0.hasPrefix("\(symbol),") })
            return try #require(Double(line.split(separator: ",")[1]))
        }
        let structure = try #require(naf["structure"] as? [String: Any])
        let lattice = try #require(structure["lattice"] as? [String: Any])
        let m = try #require(lattice["matrix"] as? [[Double]])
        let volume = abs(m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                         + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]))
        let sites = try #require(structure["sites"] as? [[String: Any]])
        #expect(sites.count == 2)  // primitive rock-salt cell: one Na, one F
        let expected = (try mass("Na") + mass("F")) / volume * 1.66053906660
        let density: Double = try #require(try scalar(db, "SELECT value FROM measurements WHERE candidate_id = 'mp-682' AND property = 'density'"))
        #expect(abs(density - expected) / expected < 1e-12)
        #expect(abs(density - 2.6927) < 1e-4)
        let vpa: Double = try #require(try scalar(db, "SELECT value FROM measurements WHERE candidate_id = 'mp-682' AND property = 'volume_per_atom'"))
        #expect(abs(vpa - volume / 2) / vpa < 1e-12)

        // Derived elastic constants and cost for the imported compound.
        let e: Double? = try scalar(db, "SELECT value FROM measurements WHERE candidate_id = 'mp-682' AND property = 'youngs_modulus'")
        #expect(e == 9 * k * g / (3 * k + g))
        #expect(try count(db, "SELECT COUNT(*) FROM measurements WHERE candidate_id = 'mp-682' AND property = 'cost'") == 1)
        // mp-22880 kept its band gap and got no moduli.
        #expect(try count(db, "SELECT COUNT(*) FROM measurements WHERE candidate_id = 'mp-22880' AND property = 'shear_modulus'") == 0)
    }

    @Test("the Monroe–Newman ratio is built at db build for every candidate with a shear modulus")
    func monroeNewmanAtBuild() throws {
        let (folder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ratio: Double? = try scalar(db, """
            SELECT r.value FROM measurements r WHERE r.candidate_id = 'Na3P' AND r.property = 'monroe_newman_ratio'
            AND r.conditions LIKE 'G = 14.892 GPa%'
            """)
        #expect(ratio == 14.892 / 3.3)
        let withShear = try count(db, "SELECT COUNT(*) FROM measurements WHERE property = 'shear_modulus' AND qualifier IS NULL")
        #expect(try count(db, "SELECT COUNT(*) FROM measurements WHERE property = 'monroe_newman_ratio'") == withShear)
    }

    // MARK: Small files

    static let csvMapping = """
        # a comment
        format: csv
        id: task_id
        formula: composition
        method: "DFT-PBE (test)"
        source: "test source"
        properties:
          band_gap:
            column: band_gap
            unit: eV

        """

    /// Writes a mapping and a data file in a fresh folder.
    func files(mapping: String, dataName: String, data: String) throws -> (URL, URL, URL) {
        let folder = try temporaryFolder()
        let map = folder.appendingPathComponent("map.yaml")
        let dataURL = folder.appendingPathComponent(dataName)
        try write(mapping, to: map)
        try write(data, to: dataURL)
        return (folder, map, dataURL)
    }

    @Test("a formula that does not parse rejects the file with file:line, field and position; the database is unchanged")
    func badFormula() throws {
        let (dbFolder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: dbFolder) }
        let (folder, map, data) = try files(mapping: Self.csvMapping, dataName: "gaps.csv",
                                            data: "task_id,composition,band_gap\nmp-1,NaCl,5.0\nmp-2,NaXx,1.0\nmp-3,Na(Cl,2.0")
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let r = try runScreen(["db", "import", data.path, "--mapping", map.path, "--db", db])
        #expect(r.status == 1)
        #expect(r.stderr.contains("gaps.csv:3: composition: 'NaXx' is not a chemical formula: unknown element \"Xx\" at position 3"), "\(r.stderr)")
        #expect(r.stderr.contains("gaps.csv:4: composition: 'Na(Cl' is not a chemical formula: unbalanced parenthesis"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was written"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(try count(db, "SELECT COUNT(*) FROM candidates WHERE id = 'mp-1'") == 0)
    }

    @Test("a non-numeric value, a negative band gap and a duplicate id are rejected with file:line: column")
    func badValues() throws {
        let (dbFolder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: dbFolder) }
        let (folder, map, data) = try files(mapping: Self.csvMapping, dataName: "gaps.csv",
                                            data: "task_id,composition,band_gap\r\nmp-1,NaCl,abc\r\nmp-2,NaBr,-1\r\nmp-3,NaI,\r\nmp-3,NaI,2\r\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let measurementsBefore = try count(db, "SELECT COUNT(*) FROM measurements")
        let r = try runScreen(["db", "import", data.path, "--mapping", map.path, "--db", db])
        #expect(r.status == 1)
        #expect(r.stderr.contains("gaps.csv:2: band_gap: 'abc' is not a finite number"), "\(r.stderr)")
        #expect(r.stderr.contains("gaps.csv:3: band_gap: -1 eV is outside the physical bounds of band_gap"), "\(r.stderr)")
        #expect(r.stderr.contains("gaps.csv:5: task_id: duplicate candidate id 'mp-3' in this file (first on line 4)"), "\(r.stderr)")
        #expect(try count(db, "SELECT COUNT(*) FROM measurements") == measurementsBefore)
    }

    @Test("an empty cell is no value; an existing id merges only with the same composition")
    func emptyCellsAndMerge() throws {
        let (dbFolder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: dbFolder) }
        // NaF is a bundled candidate with formula NaF.
        let (folder, map, data) = try files(mapping: Self.csvMapping, dataName: "gaps.csv",
                                            data: "\u{FEFF}task_id,composition,band_gap\nmp-9,\"NaCl\",\nNaF,FNa,6.1")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try runScreen(["db", "import", data.path, "--mapping", map.path, "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("2 rows read, 1 new candidates, 1 merged, 1 measurements"), "\(r.stdout)")
        #expect(try count(db, "SELECT COUNT(*) FROM measurements WHERE candidate_id = 'mp-9' AND property = 'band_gap'") == 0)
        #expect(try count(db, "SELECT COUNT(*) FROM measurements WHERE candidate_id = 'NaF' AND origin LIKE '%gaps.csv:3'") == 1)

        // The same file again is refused as such (the import record) …
        let again = try runScreen(["db", "import", data.path, "--mapping", map.path, "--db", db])
        #expect(again.status == 1)
        #expect(again.stderr.contains("gaps.csv: already imported"), "\(again.stderr)")
        // … and an edited copy holding the same values is refused value by value.
        let copy = folder.appendingPathComponent("gaps-copy.csv")
        try write((try String(contentsOf: data, encoding: .utf8)) + "\n", to: copy)
        let edited = try runScreen(["db", "import", copy.path, "--mapping", map.path, "--db", db])
        #expect(edited.status == 1)
        #expect(edited.stderr.contains("gaps-copy.csv:3: band_gap: candidate 'NaF' already has this value from this source"), "\(edited.stderr)")

        try write("task_id,composition,band_gap\nNaF,NaCl,6.1\n", to: data)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let bad = try runScreen(["db", "import", data.path, "--mapping", map.path, "--db", db])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("gaps.csv:2: composition: 'NaCl' (reduced ClNa) is not the composition of candidate 'NaF' in the database (FNa)"), "\(bad.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)

        try write(Self.csvMapping + "existing: error\n", to: map)
        try write("task_id,composition,band_gap\nNaF,NaF,6.1\n", to: data)
        let refused = try runScreen(["db", "import", data.path, "--mapping", map.path, "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("candidate 'NaF' is already in the database (the mapping says existing: error)"), "\(refused.stderr)")
    }

    /// A JSON file of three records under `data.entries`, one per line, with structures.
    static let jsonRecords = """
        {"meta": {"note": "x, [y] {z}"}, "data": {"count": 3, "entries": [
        {"id": "t-1", "f": "NaCl", "k": 25.0, "g": 14.5, "s": {"lattice": {"matrix": [[5.6, 0, 0], [0, 5.6, 0], [0, 0, 5.6]]}, "sites": [
          {"species": [{"element": "Na", "occu": 1}]}, {"species": [{"element": "Na", "occu": 1}]}, {"species": [{"element": "Na", "occu": 1}]}, {"species": [{"element": "Na", "occu": 1}]},
          {"species": [{"element": "Cl", "occu": 1}]}, {"species": [{"element": "Cl", "occu": 1}]}, {"species": [{"element": "Cl", "occu": 1}]}, {"species": [{"element": "Cl", "occu": 1}]}]}},
        {"id": "t-2", "f": "KBr", "k": 15.0, "g": null, "s": null},
        {"id": "t-3", "f": "LiF", "k": 67.5, "g": 48.0}
        ]}}
        """

    static let jsonMapping = """
        records: data.entries
        id: id
        formula: f
        method: "DFT (test)"
        source: "test JSON"
        structure: s
        properties:
          bulk_modulus: {path: k, unit: GPa}
          shear_modulus: {path: g, unit: MPa}

        """

    /// (candidate, property, value, method, conditions) of the imported rows, to compare imports.
    func importedValues(_ db: String) throws -> [String] {
        let store = try DescriptorStore(path: db)
        return try store.queue.read { d in
            try Row.fetchAll(d, sql: """
                SELECT candidate_id, property, value, method, conditions FROM measurements
                WHERE candidate_id LIKE 't-%' ORDER BY candidate_id, property, value
                """).map { "\($0[0] as String) \($0[1] as String) \($0[2] as Double) \($0[3] as String) \(($0[4] as String?) ?? "")" }
        }
    }

    @Test("JSON records under a key path, gzip and plain give the same result; density of a rock-salt cell by hand")
    func jsonGzipAndPlain() throws {
        let (folder, map, plain) = try files(mapping: Self.jsonMapping, dataName: "entries.json", data: Self.jsonRecords)
        defer { try? FileManager.default.removeItem(at: folder) }
        let gz = folder.appendingPathComponent("entries.json.gz")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "/bin/gzip -c '\(plain.path)' > '\(gz.path)'"]
        try p.run()
        p.waitUntilExit()
        var results: [[String]] = []
        for data in [plain, gz] {
            let (dbFolder, db) = try builtDatabase()
            defer { try? FileManager.default.removeItem(at: dbFolder) }
            let r = try runScreen(["db", "import", data.path, "--mapping", map.path, "--db", db])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("3 rows read, 3 new candidates, 0 merged, 5 measurements"), "\(r.stdout)")
            results.append(try importedValues(db))
            // Line of each record, record number in the origin.
            let origin: String? = try scalar(db, "SELECT origin FROM candidates WHERE id = 't-3'")
            #expect(origin == "\(data.lastPathComponent):6 (record #3)" || origin?.hasSuffix("/\(data.lastPathComponent):6 (record #3)") == true, "\(origin ?? "nil")")
            // MPa converted to GPa, the value as given kept.
            let g: Double? = try scalar(db, "SELECT value FROM measurements WHERE candidate_id = 't-1' AND property = 'shear_modulus'")
            #expect(g == 14.5e-3)
            // Rock salt NaCl, conventional cell a = 5.6 Å: 4 formula units.
            let masses = try ElementData(folder: bundledDescriptors.appendingPathComponent("elements"))
            let expected = 4 * (masses.atomicMass(of: "Na")! + masses.atomicMass(of: "Cl")!) / (5.6 * 5.6 * 5.6) * 1.66053906660
            let rho: Double = try #require(try scalar(db, "SELECT value FROM measurements WHERE candidate_id = 't-1' AND property = 'density'"))
            #expect(abs(rho - expected) / expected < 1e-12)
            #expect(abs(rho - 2.2104) < 1e-4)  // 4 × 58.443 u / 175.616 Å3 × 1.66054
            let vpa: Double? = try scalar(db, "SELECT value FROM measurements WHERE candidate_id = 't-1' AND property = 'volume_per_atom'")
            #expect(vpa.map { abs($0 - 5.6 * 5.6 * 5.6 / 8) < 1e-9 } == true)
        }
        #expect(results.count == 2 && results[0] == results[1] && !results[0].isEmpty)
    }

    @Test("a structure that contradicts the formula is an error naming both")
    func structureMismatch() throws {
        let data = """
            [{"id": "t-1", "f": "NaBr", "k": 20, "g": 10, "s": {"lattice": {"volume": 50}, "sites": [{"species": [{"element": "Na", "occu": 1}]}, {"species": [{"element": "B", "occu": 1}]}]}}]
            """
        let mapping = Self.jsonMapping.replacingOccurrences(of: "records: data.entries\n", with: "")
        let (folder, map, url) = try files(mapping: mapping, dataName: "x.json", data: data)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (dbFolder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: dbFolder) }
        let r = try runScreen(["db", "import", url.path, "--mapping", map.path, "--db", db])
        #expect(r.status == 1)
        #expect(r.stderr.contains("x.json:1: s (record #1): the structure holds BNa"), "\(r.stderr)")
    }

    // MARK: Mapping errors

    func mappingProblems(_ yaml: String) -> [InputError] {
        do {
            _ = try ImportMapping.load(yaml: yaml, file: "m.yaml", folder: URL(fileURLWithPath: "/tmp"))
            return []
        } catch let e as DescriptorProblems {
            return e.problems
        } catch {
            return [InputError(file: "?", "\(error)")]
        }
    }

    @Test("a malformed mapping is rejected with file:line and key")
    func malformedMappings() throws {
        #expect(mappingProblems(Self.csvMapping).isEmpty)

        let unknownProperty = Self.csvMapping.replacingOccurrences(of: "  band_gap:\n", with: "  band_gapp:\n")
        #expect(mappingProblems(unknownProperty).map(\.description) ==
                ["m.yaml:8: properties.band_gapp: 'band_gapp' is not in the property catalogue (see `screen db properties`)"])

        let badUnit = Self.csvMapping.replacingOccurrences(of: "unit: eV", with: "unit: GPa")
        #expect(mappingProblems(badUnit).map(\.description) == ["m.yaml:10: properties.band_gap.unit: 'GPa' is not a unit of band_gap (accepted: eV)"])

        let noSource = Self.csvMapping.replacingOccurrences(of: "source: \"test source\"\n", with: "")
        let p = mappingProblems(noSource)
        #expect(p.count == 1 && p[0].field == "source" && p[0].line != nil && p[0].description.contains("required"), "\(p)")

        let unknownKey = Self.csvMapping + "colour: blue\n"
        #expect(mappingProblems(unknownKey).first?.description.hasPrefix("m.yaml:11: colour: unknown key") == true)

        let syntax = Self.csvMapping.replacingOccurrences(of: "    column: band_gap\n", with: "    column: [band_gap\n")
        let s = mappingProblems(syntax)
        #expect(s.count == 1 && s[0].line != nil && s[0].description.hasPrefix("m.yaml:") && s[0].reason.contains("not valid YAML"), "\(s)")

        let structureInCSV = Self.csvMapping + "structure: s\n"
        #expect(mappingProblems(structureInCSV).first?.description.hasPrefix("m.yaml:11: structure: only for JSON data") == true)
    }

    @Test("a malformed mapping fails on the command line with file:line and writes nothing")
    func malformedMappingCLI() throws {
        let (dbFolder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: dbFolder) }
        let (folder, map, data) = try files(mapping: Self.csvMapping.replacingOccurrences(of: "unit: eV", with: "unit: meV"),
                                            dataName: "gaps.csv", data: "task_id,composition,band_gap\nmp-1,NaCl,5\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let r = try runScreen(["db", "import", data.path, "--mapping", map.path, "--db", db])
        #expect(r.status == 1)
        #expect(r.stderr.contains("map.yaml:10: properties.band_gap.unit: 'meV' is not a unit of band_gap"), "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test("the bundled mappings load, and their file: resolves against the mapping's folder")
    func bundledMappings() throws {
        let gaps = try ImportMapping.load(Self.mappings.appendingPathComponent("mp-bandgaps.yaml"))
        #expect(gaps.dataFile?.standardizedFileURL.path == Self.bandgapCSV.standardizedFileURL.path)
        #expect(gaps.method == "DFT-PBE (Materials Project)")
        #expect(gaps.source.contains("CompRhys/roost@553aeb3") && gaps.source.contains("Jain et al."))
        let elastic = try ImportMapping.load(Self.mappings.appendingPathComponent("mp-binary-elasticity.yaml"))
        #expect(elastic.dataFile?.standardizedFileURL.path == Self.elasticityJSON.standardizedFileURL.path)
        #expect(elastic.method == "DFT-PBE (Materials Project, VRH average of the elastic tensor)")
        #expect(elastic.source.contains("de Jong et al.") && elastic.source.contains("matcalc"))
        #expect(try elastic.resolvedFormat(for: Self.elasticityJSON) == .json)
        #expect(elastic.exclude.keys.sorted() == ["mp-22880"])
    }

    // MARK: Streaming readers

    @Test("the streaming CSV reader: BOM, CRLF, quotes with commas, doubled quotes and line breaks, no final newline")
    func csvReader() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("x.csv")
        try write("\u{FEFF}a,b\r\n1,\"x, \"\"y\"\"\r\nz\"\r\n\r\n2,\n3,last", to: url)
        let reader = try StreamingCSVReader(try ByteSource(url: url, file: "x.csv"))
        var records: [StreamingCSVReader.Record] = []
        while let r = try reader.next() { records.append(r) }
        #expect(records.map(\.line) == [1, 2, 5, 6])
        #expect(records.map(\.fields) == [["a", "b"], ["1", "x, \"y\"\r\nz"], ["2", ""], ["3", "last"]])

        try write("a,b\n1,\"open\n", to: url)
        let bad = try StreamingCSVReader(try ByteSource(url: url, file: "x.csv"))
        _ = try bad.next()
        #expect(throws: InputError.self) { _ = try bad.next() }
    }

    @Test("the streaming JSON reader yields each element with its line, at the top level or under a key path")
    func jsonReader() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("x.json")
        try write(Self.jsonRecords, to: url)
        let reader = try StreamingJSONArrayReader(try ByteSource(url: url, file: "x.json"), path: ["data", "entries"])
        var lines: [Int] = [], ids: [String] = []
        while let e = try reader.next() {
            lines.append(e.line)
            ids.append((e.value as? [String: Any])?["id"] as? String ?? "?")
        }
        #expect(lines == [2, 5, 6] && ids == ["t-1", "t-2", "t-3"])

        let missing = try StreamingJSONArrayReader(try ByteSource(url: url, file: "x.json"), path: ["data", "rows"])
        #expect(throws: InputError.self) { _ = try missing.next() }

        try write("[1, {\"a\": \"]\"}, [2, 3]\n, \"s\\\"\"]", to: url)
        let top = try StreamingJSONArrayReader(try ByteSource(url: url, file: "x.json"), path: [])
        var n = 0
        while try top.next() != nil { n += 1 }
        #expect(n == 4)
    }

    @Test("the streaming JSON reader scans elements across its 64 KiB chunks: keys split by a chunk's end, lines and errors where they are")
    func jsonReaderAcrossChunks() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("big.json")
        // 4,000 records of three lines each (about 70 bytes a record: more than four chunks),
        // each with a long key, so that keys are cut by chunk ends; record k starts on line 2 + 3k.
        func record(_ k: Int, repeatKey: Bool = false) -> String {
            let key = "a_rather_long_key_name_\(k % 7)"
            return "{\"id\": \"r-\(k)\",\n \"\(key)\": \(k),\n \"\(repeatKey ? key : "tail")\": \"x\\\"y\"}"
        }
        let count = 4_000
        let text = "[\n" + (0..<count).map { record($0) }.joined(separator: ",\n") + "\n]\n"
        #expect(text.utf8.count > 4 * ByteSource.chunkSize)
        try write(text, to: url)
        let reader = try StreamingJSONArrayReader(try ByteSource(url: url, file: "big.json"), path: [])
        var k = 0
        while let e = try reader.next() {
            let object = e.value as? [String: Any]
            #expect(e.line == 2 + 3 * k && object?["id"] as? String == "r-\(k)")
            #expect((object?["a_rather_long_key_name_\(k % 7)"] as? NSNumber)?.intValue == k && object?["tail"] as? String == "x\"y")
            k += 1
        }
        #expect(k == count)

        // A key repeated in a record past the first chunks: the error names the line of the
        // repeat (the record's third line), as a byte-at-a-time scan did.
        let bad = 3_500
        let withRepeat = "[\n" + (0..<count).map { record($0, repeatKey: $0 == bad) }.joined(separator: ",\n") + "\n]\n"
        try write(withRepeat, to: url)
        let failing = try StreamingJSONArrayReader(try ByteSource(url: url, file: "big.json"), path: [])
        var error: InputError? = nil
        do { while try failing.next() != nil {} } catch let e as InputError { error = e }
        #expect(error?.description == "big.json:\(2 + 3 * bad + 2): the key \"a_rather_long_key_name_\(bad % 7)\" appears twice in one object; JSON would keep only one of the values silently")

        // An element never closed: the error names the line it starts on.
        try write("[\n" + (0..<count).map { record($0) }.joined(separator: ",\n") + ",\n{\"id\": \"open\",\n\"b\": [1, 2\n", to: url)
        let open = try StreamingJSONArrayReader(try ByteSource(url: url, file: "big.json"), path: [])
        error = nil
        do { while try open.next() != nil {} } catch let e as InputError { error = e }
        #expect(error?.description == "big.json:\(2 + 3 * count): the value starting here is never closed (the file ends)")
    }

    @Test("the byte source gunzips transparently and in chunks")
    func gzipSource() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Larger than several 64 KiB chunks, compressed and plain.
        let text = (0..<40_000).map { "line \($0),\($0 * 7)\n" }.joined()
        let plain = folder.appendingPathComponent("big.txt")
        try write(text, to: plain)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "/bin/gzip -c '\(plain.path)' > '\(plain.path).gz'"]
        try p.run()
        p.waitUntilExit()
        for url in [plain, URL(fileURLWithPath: plain.path + ".gz")] {
            let source = try ByteSource(url: url, file: url.lastPathComponent)
            var buffer = [UInt8](repeating: 0, count: 4096)
            var all: [UInt8] = []
            while case let n = try source.read(into: &buffer), n > 0 { all += buffer[0..<n] }
            #expect(all == Array(text.utf8))
        }
    }
}
