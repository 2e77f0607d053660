import Foundation
import Testing

/// The staged screening end to end on the real bundled files, through the command line only:
/// `screen db build`, `screen db import` of the Materials Project formation energies (which derive
/// the stability against sodium), PBE band gaps, shear and bulk moduli with their mappings,
/// `screen db calibrate band-gap`, then `screen rank` and `screen report` with the profile
/// `computed/sodium-compounds`. Expected numbers come from the data files, read here independently
/// of the library (own formula tokenizer, own CSV split), and from pymatgen's stability values of
/// every sodium composition (Fixtures/stability/pymatgen-sodium-summary.json).
@Suite("Staged screening of the real Materials Project files", .serialized)
struct StagedScreeningTests {
    static let computed = bundledDescriptors.appendingPathComponent("computed")
    static let mappings = bundledDescriptors.appendingPathComponent("mappings")
    /// The four imported files, their mappings and the id prefix each row gets (`prefix-000001`).
    static let files: [(file: String, mapping: String, prefix: String)] = [
        ("mp-formation-energies.csv", "mp-formation-energies.yaml", "mbform"),
        ("mp-band-gaps-matbench.csv", "mp-band-gaps-matbench.yaml", "mbgap"),
        ("mp-shear-modulus-log10.csv", "mp-shear-modulus-log10.yaml", "mbelastic"),
        ("mp-bulk-modulus-log10.csv", "mp-bulk-modulus-log10.yaml", "mbelastic"),
    ]
    static let profileFile = bundledDescriptors.appendingPathComponent("profiles/computed/sodium-compounds.yaml")
    static let profile = "computed/sodium-compounds"

    /// One database for the whole suite, built and imported once (left in the temporary folder,
    /// as `ReviewDataTests` leaves its database), and the output of `screen rank`.
    struct Fixture: Sendable {
        let folder: URL
        let db: String
        let rankJSON: String
    }

    struct CommandFailed: Error, CustomStringConvertible {
        let description: String
    }

    static let fixture: Result<Fixture, any Error> = Result {
        typealias T = StagedScreeningTests
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("db.sqlite").path
        func run(_ arguments: [String]) throws -> String {
            let r = try runScreen(arguments)
            guard r.status == 0 else { throw CommandFailed(description: "screen \(arguments.joined(separator: " ")): exit \(r.status): \(r.stderr)") }
            return r.stdout
        }
        _ = try run(["db", "build", "--db", db])
        for f in T.files {
            _ = try run(["db", "import", T.computed.appendingPathComponent(f.file).path,
                         "--mapping", T.mappings.appendingPathComponent(f.mapping).path, "--db", db])
        }
        _ = try run(["db", "calibrate", "band-gap", "--db", db])
        let rank = try run(["rank", "--profile", T.profile, "--db", db, "--format", "json"])
        return Fixture(folder: folder, db: db, rankJSON: rank)
    }

    /// The rank JSON of the shared database.
    func ranking() throws -> [String: Any] {
        let fixture = try Self.fixture.get()
        return try #require(try parseJSON(fixture.rankJSON) as? [String: Any])
    }

    // MARK: Independent readings of the data files

    /// Element counts of a formula such as `Ag(AuF4)2` or `NaF`: element symbols with integer
    /// amounts, and parentheses with a multiplier (nested or not). Nil when any character is
    /// left unread or an amount is not an integer.
    static func elementCounts(_ formula: String) -> [String: Int]? {
        let token = try! NSRegularExpression(pattern: #"([A-Z][a-z]?)([0-9]*)|(\()|\)([0-9]*)"#)
        let text = formula as NSString
        var stack: [[String: Int]] = [[:]]
        var position = 0
        for match in token.matches(in: formula, range: NSRange(location: 0, length: text.length)) {
            guard match.range.location == position else { return nil }
            position = match.range.location + match.range.length
            func group(_ i: Int) -> String? {
                let r = match.range(at: i)
                return r.location == NSNotFound ? nil : text.substring(with: r)
            }
            if let element = group(1) {
                let amount = group(2).flatMap { $0.isEmpty ? 1 : Int($0) } ?? 1
                stack[stack.count - 1][element, default: 0] += amount
            } else if group(3) != nil {
                stack.append([:])
            } else {
                guard stack.count > 1 else { return nil }
                let amount = group(4).flatMap { $0.isEmpty ? 1 : Int($0) } ?? 1
                let inner = stack.removeLast()
                for (element, n) in inner { stack[stack.count - 1][element, default: 0] += n * amount }
            }
        }
        guard position == text.length, stack.count == 1, !stack[0].isEmpty, stack[0].values.allSatisfy({ $0 > 0 }) else { return nil }
        return stack[0]
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// The reduced composition as a key: elements sorted, amounts divided by their gcd.
    static func reducedKey(_ counts: [String: Int]) -> String {
        let g = counts.values.reduce(0, gcd)
        return counts.keys.sorted().map { "\($0)\(counts[$0]! / g)" }.joined(separator: " ")
    }

    /// The profile's excluded elements, read from its `exclude: [...]` line.
    static func excludedElements() throws -> Set<String> {
        let text = try String(contentsOf: profileFile, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("exclude:") })
        let list = try #require(line.split(separator: "[").last?.split(separator: "]").first)
        return Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// (id, formula) of every entry of the four files (two unquoted columns, `formula,target`; row N
    /// is `prefix-00000N`); the shear and bulk files share their ids, so each compound counts once.
    static func entries() throws -> [(id: String, formula: String)] {
        var out: [(id: String, formula: String)] = []
        var seen = Set<String>()
        for f in files {
            let lines = try String(contentsOf: computed.appendingPathComponent(f.file), encoding: .utf8).split(separator: "\n")
            #expect(lines.first == "formula,target")
            for (i, line) in lines.dropFirst().enumerated() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                try #require(cells.count == 2, "\(line)")
                let id = f.prefix + "-" + String(format: "%06d", i + 1)
                if seen.insert(id).inserted { out.append((id, String(cells[0]))) }
            }
        }
        return out
    }

    /// pymatgen's energy above hull, reaction energy with Na and window of every sodium
    /// composition, by reduced composition key.
    static func pymatgenStability() throws -> [String: [String: Any]] {
        let url = packageRoot.appendingPathComponent("Tests/ScreeningTests/Fixtures/stability/pymatgen-sodium-summary.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var out: [String: [String: Any]] = [:]
        for entry in try #require(json["entries"] as? [[String: Any]]) {
            let formula = try #require(entry["formula"] as? String)
            guard let counts = elementCounts(formula) else { continue }
            out[reducedKey(counts)] = entry
        }
        return out
    }

    /// The supplementary CSV's value of one candidate and property whose method starts with `method`
    /// (every value, in file order). The cells used here are unquoted numbers.
    static func supplementary(_ candidate: String, _ property: String, method: String) throws -> [Double] {
        let text = try String(contentsOf: bundledDescriptors.appendingPathComponent("measurements/supplementary.csv"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            guard cells.count > 8, cells[0] == candidate, cells[1] == property, cells[8].hasPrefix(method) else { return nil }
            return Double(cells[2])
        }
    }

    static func relativeDifference(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(a), abs(b)) }

    // MARK: Tests

    @Test("the formula tokenizer of this suite reads the shapes the files use")
    func tokenizer() {
        #expect(Self.elementCounts("NaF") == ["Na": 1, "F": 1])
        #expect(Self.elementCounts("Ag(AuF4)2") == ["Ag": 1, "Au": 2, "F": 8])
        #expect(Self.elementCounts("Na2(SO4)") == ["Na": 2, "S": 1, "O": 4])
        #expect(Self.elementCounts("Na2F2").map(Self.reducedKey) == "F1 Na1")
        #expect(Self.elementCounts("Na0.5F") == nil)
        #expect(Self.elementCounts("Na(F") == nil)
        #expect(Self.elementCounts("") == nil)
    }

    @Test("--elements on the command line keeps exactly the entries whose element set fits, as counted here from the four files")
    func elementFilterOnTheCommandLine() throws {
        let fixture = try Self.fixture.get()
        let allowed: Set<String> = ["Na", "F", "Cl", "Br", "I", "O", "S"]
        let excluded = try Self.excludedElements()
        var expected = Set<String>()
        for (id, formula) in try Self.entries() {
            let counts = try #require(Self.elementCounts(formula), "\(formula)")
            if counts["Na"] != nil, counts.count >= 2, Set(counts.keys).isSubset(of: allowed), excluded.isDisjoint(with: counts.keys) { expected.insert(id) }
        }
        let r = try runScreen(["rank", "--profile", Self.profile, "--db", fixture.db, "--format", "json",
                               "--elements", allowed.sorted().joined(separator: ","), "--polymorphs", "keep", "--join", "formula"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try parseJSON(r.stdout) as? [String: Any])
        let scope = try #require(json["scope"] as? [String: Any])
        #expect(scope["entries_in_scope"] as? Int == expected.count)
        #expect(expected.count > 50)
        // Every ranked or excluded entry is one of them, and together they are all of them.
        let ranked = try #require(json["alternatives"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        let removed = try #require(json["excluded"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(Set(ranked + removed) == expected)
    }

    @Test("rows in scope = distinct reduced sodium compounds (two or more elements) of the four files, none with an excluded element")
    func scopeCount() throws {
        let json = try ranking()
        let scope = try #require(json["scope"] as? [String: Any])
        let excluded = try Self.excludedElements()
        #expect(excluded.contains("Pb") && excluded.contains("U") && !excluded.contains("Na"))
        var ids = Set<String>(), compositions = Set<String>(), unreadable: [String] = []
        for (id, formula) in try Self.entries() {
            guard let counts = Self.elementCounts(formula) else { unreadable.append(formula); continue }
            guard counts["Na"] != nil, counts.count >= 2, excluded.isDisjoint(with: counts.keys) else { continue }
            ids.insert(id)
            compositions.insert(Self.reducedKey(counts))
        }
        #expect(unreadable.isEmpty, "formulas this suite cannot read: \(unreadable.prefix(10))")
        #expect(compositions.count > 1_000)
        #expect(scope["rows"] as? Int == compositions.count)
        #expect(scope["entries_in_scope"] as? Int == ids.count)
        let alternatives = try #require(json["alternatives"] as? [[String: Any]])
        let excludedRows = try #require(json["excluded"] as? [[String: Any]])
        #expect(scope["rows_ranked"] as? Int == alternatives.count)
        #expect(alternatives.count + excludedRows.count == compositions.count)
    }

    @Test("the JSON scope states the composition filter, polymorphs aggregate and join formula")
    func scopeSettings() throws {
        let scope = try #require(try ranking()["scope"] as? [String: Any])
        #expect(scope["polymorphs"] as? String == "aggregate")
        #expect(scope["join"] as? String == "formula")
        #expect(scope["categories"] as? [String] == ["computed"])
        let filter = try #require(scope["filter"] as? [String: Any])
        #expect(filter["contains"] as? [String] == ["Na"])
        #expect(Set(filter["exclude"] as? [String] ?? []) == (try Self.excludedElements()))
    }

    /// The value of one criterion of a ranked or excluded row.
    static func value(_ row: [String: Any], _ criterion: String) -> Double? {
        ((row["values"] as? [String: Any])?[criterion] as? [String: Any])?["value"] as? Double
    }

    @Test("every ranked row is stable against sodium metal and insulating; every exclusion names its criterion")
    func limits() throws {
        let json = try ranking()
        let alternatives = try #require(json["alternatives"] as? [[String: Any]])
        #expect(alternatives.count > 50)
        for row in alternatives {
            let id = row["id"] as? String ?? "?"
            let above = try #require(Self.value(row, "energy above hull"), "\(id)")
            let gap = try #require(Self.value(row, "band gap (calibrated)"), "\(id)")
            #expect(above <= 0.025 && gap >= 3, "\(id): \(above), \(gap)")
            // Every ranked row has reduction onset 0, so the criterion is left out of the ranking
            // (the same for every candidate) and its value is not in the row.
            #expect(Self.value(row, "reduction onset vs Na") == nil, "\(id)")
        }
        let warnings = try #require(json["warnings"] as? [String])
        #expect(warnings.contains("criterion reduction onset vs Na is the same for every remaining candidate and is left out of the ranking"))
        #expect(!warnings.contains("weights renormalised over the remaining criteria"))   // its weight is 0
        let excluded = try #require(json["excluded"] as? [[String: Any]])
        #expect(!excluded.isEmpty)
        let named = ["energy above hull": "energy_above_hull", "reduction onset vs Na": "reduction_onset_vs_na",
                     "band gap (calibrated)": "band_gap_corrected"]
        for e in excluded {
            let criterion = e["criterion"] as? String ?? "—", reason = e["reason"] as? String ?? ""
            // Without a criterion: too little data of its own (min_coverage), with what to compute next.
            let explained = named[criterion].map { reason.contains($0) } ?? (reason.contains("min_coverage") && reason.contains("measure next"))
            #expect(explained, "\(e["id"] ?? "?"): \(criterion): \(reason)")
        }
    }

    @Test("no ranked compound is one that sodium metal reduces, by pymatgen's values; sulfates, borates, chlorates and the slightly reduced vanadate are removed by the stability stage")
    func noReducedCompoundsRanked() throws {
        let json = try ranking()
        let alternatives = try #require(json["alternatives"] as? [[String: Any]])
        let reference = try Self.pymatgenStability()
        #expect(reference.count == 6_190)
        #expect(alternatives.count > 100)
        for row in alternatives {
            let formula = try #require(row["formula"] as? String ?? row["id"] as? String)
            let key = Self.reducedKey(try #require(Self.elementCounts(formula), "\(formula)"))
            let ref = try #require(reference[key], "\(formula) has no pymatgen value")
            let above = try #require(ref["e_above_hull"] as? Double), onset = try #require(ref["reduction_onset"] as? Double)
            // pymatgen's InterfacialReactivity on the hull energy: the phases of the composition with Na metal.
            let hullReaction = try #require(ref["hull_reaction_energy_with_open_element"] as? Double)
            #expect(above <= 0.025 && onset == 0 && hullReaction > -1e-9,
                    "\(formula): pymatgen e_above_hull \(above), reduction onset \(onset) V, reaction of its phases with Na \(hullReaction)")
        }
        func row(_ formula: String, in rows: [[String: Any]]) throws -> [String: Any]? {
            let key = Self.reducedKey(try #require(Self.elementCounts(formula)))
            return rows.first { ($0["formula"] as? String ?? $0["id"] as? String).flatMap(Self.elementCounts).map(Self.reducedKey) == key }
        }
        let excluded = try #require(json["excluded"] as? [[String: Any]])
        let stabilityCriteria: Set<String> = ["energy above hull", "reduction onset vs Na"]
        for formula in ["Na2SO4", "NaBF4", "NaClO3", "Na2S2O7"] {
            let removed = try row(formula, in: excluded)
            #expect(removed.map { stabilityCriteria.contains($0["criterion"] as? String ?? "") } == true, "\(formula): \(String(describing: removed?["criterion"]))")
        }
        // On or near their hull and reduced by sodium only slightly (pymatgen: onsets 0.07–0.23 V), removed all the same.
        for formula in ["Na3VO4", "NaLi2PO4", "Na2Ca3Si3O10", "NaCa4B3O9"] {
            #expect(try row(formula, in: excluded)?["criterion"] as? String == "reduction onset vs Na", "\(formula)")
        }
        // Off its hull by 0.019 eV/atom, decomposing into KCl + NaCl, which sodium leaves alone: ranked.
        #expect(try row("KNaCl2", in: alternatives) != nil)
    }

    @Test("NaF is ranked: on the hull, inert to sodium, its calibrated gap wide")
    func sodiumFluoride() throws {
        let json = try ranking()
        let alternatives = try #require(json["alternatives"] as? [[String: Any]])
        let rows = alternatives.filter { row in
            (row["formula"] as? String ?? row["id"] as? String).flatMap(Self.elementCounts).map(Self.reducedKey) == "F1 Na1"
        }
        try #require(rows.count == 1, "rows with the composition NaF: \(rows.map { $0["id"] ?? "?" })")
        #expect(Self.value(rows[0], "energy above hull") == 0)
        #expect((Self.value(rows[0], "band gap (calibrated)") ?? 0) > 6)
    }

    @Test("screen report writes the top 50 ranking rows and \"Top 50 of N\" with N = the rank JSON's rows")
    func report() throws {
        let fixture = try Self.fixture.get()
        let ranked = try #require(try ranking()["alternatives"] as? [[String: Any]])
        let out = fixture.folder.appendingPathComponent("report/x")
        // 1,000 SMAA samples instead of the default 10,000 keep the debug-build test short; the
        // ranking table does not depend on them.
        let r = try runScreen(["report", "--profile", Self.profile, "--db", fixture.db, "--out", out.path, "--samples", "1000"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: out.appendingPathExtension("html"), encoding: .utf8)
        // The ranking table is the first table body of the profile section.
        let table = try #require(html.components(separatedBy: "<tbody>").dropFirst().first?.components(separatedBy: "</tbody>").first)
        let rows = table.components(separatedBy: "<tr>").dropFirst()
        #expect(rows.count == 50)
        let ids = rows.map { $0.components(separatedBy: "<td>")[1].components(separatedBy: "</td>")[0] }
        #expect(ids == ranked.prefix(50).map { $0["id"] as? String ?? "?" })
        let n = ranked.count
        // Thousands grouped with commas, as the report prints counts.
        var digits = Array(String(n)), grouped = ""
        while digits.count > 3 { grouped = "," + String(digits.suffix(3)) + grouped; digits.removeLast(3) }
        grouped = String(digits) + grouped
        #expect(html.contains("Top 50 of \(grouped) ranked candidates"), "N = \(n)")
    }
}
