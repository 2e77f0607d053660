import Foundation
import Testing

/// Values typed here from the review's text (../shared/seed/sodium-metal-anodes-review.txt),
/// read back through `screen db show … --format json` from the bundled database.
@Suite("The bundled review data, read back through the command line", .serialized)
struct ReviewDataTests {
    static let database: URL = {
        let url = temporaryRoot.appendingPathComponent("screen-review-\(UUID().uuidString).sqlite")
        let r = try? runScreen(["db", "build", "--db", url.path])
        precondition(r?.status == 0, "screen db build failed: \(r?.stderr ?? "not run")")
        return url
    }()

    struct Expected: CustomTestStringConvertible, Sendable {
        let candidate: String, property: String, asGiven: Double, unitAsGiven: String, canonical: Double, source: String, location: String
        var testDescription: String { "\(candidate) \(property) \(asGiven) \(unitAsGiven) \(source)" }
    }

    // SI defining constants (exact): e = 1.602 176 634e-19 C, N_A = 6.022 140 76e23 /mol.
    static let kcalPerMolInEV = 4184 / (1.602176634e-19 * 6.02214076e23)
    static let expected: [Expected] = [
        .init(candidate: "NaF", property: "youngs_modulus", asGiven: 74.66, unitAsGiven: "GPa", canonical: 74.66, source: "[49, 50]", location: "Section 2.1"),
        .init(candidate: "NaF", property: "interfacial_energy", asGiven: 0.045, unitAsGiven: "eV/A2", canonical: 0.045 * 16.02176634, source: "[49, 50]", location: "Section 2.1"),
        .init(candidate: "Na3P", property: "youngs_modulus", asGiven: 8.6, unitAsGiven: "GPa", canonical: 8.6, source: "[62]", location: "Section 2.1"),
        .init(candidate: "Na3P", property: "ionic_conductivity", asGiven: 0.12, unitAsGiven: "mS/cm", canonical: 1.2e-4, source: "[62]", location: "Section 2.1"),
        .init(candidate: "NaBr", property: "band_gap", asGiven: 3.61, unitAsGiven: "eV", canonical: 3.61, source: "[63]", location: "Section 2.1"),
        .init(candidate: "NaH", property: "youngs_modulus", asGiven: 45, unitAsGiven: "GPa", canonical: 45, source: "[64]", location: "Section 2.1"),
        .init(candidate: "NaI", property: "surface_diffusion_barrier", asGiven: 0.02, unitAsGiven: "eV", canonical: 0.02, source: "[61]", location: "Section 2.1"),
        .init(candidate: "alucone", property: "na_binding_energy", asGiven: 5.50, unitAsGiven: "eV", canonical: -5.50, source: "[83]", location: "Section 2.3"),
        .init(candidate: "Sn-PVDF", property: "diffusion_coefficient", asGiven: 6.12e-13, unitAsGiven: "cm2/s", canonical: 6.12e-13, source: "[88]", location: "Section 2.3"),
        .init(candidate: "Na2Se-Cu", property: "reaction_gibbs_energy", asGiven: -60.1, unitAsGiven: "kcal/mol", canonical: -60.1 * kcalPerMolInEV, source: "[112]", location: "Section 3.1"),
        .init(candidate: "Cu-Zn-SnO2", property: "nucleation_overpotential", asGiven: 8.6, unitAsGiven: "mV", canonical: 8.6, source: "[113]", location: "Section 3.1"),
        .init(candidate: "O-CCF", property: "nucleation_overpotential", asGiven: 9, unitAsGiven: "mV", canonical: 9, source: "[127]", location: "Section 3.2"),
        .init(candidate: "MoN", property: "na_binding_energy", asGiven: -0.88, unitAsGiven: "eV", canonical: -0.88, source: "[140]", location: "Section 3.3"),
        .init(candidate: "NaSn-MAI", property: "youngs_modulus", asGiven: 21.2, unitAsGiven: "GPa", canonical: 21.2, source: "[161]", location: "Section 4.1"),
        .init(candidate: "Na1.17Sn2", property: "vacancy_formation_energy", asGiven: 1.1, unitAsGiven: "eV", canonical: 1.1, source: "[161]", location: "Section 4.1"),
        .init(candidate: "Na2S-V", property: "exchange_current_density", asGiven: 0.569, unitAsGiven: "mA/cm2", canonical: 0.569, source: "[167]", location: "Section 4.2"),
        .init(candidate: "PC-CFe", property: "na_binding_energy", asGiven: -2.54, unitAsGiven: "eV", canonical: -2.54, source: "[172]", location: "Section 4.2"),
        .init(candidate: "B-graphene", property: "na_binding_energy", asGiven: 1.9, unitAsGiven: "eV", canonical: -1.9, source: "[182]", location: "Section 4.3"),
        .init(candidate: "CoSA@NC", property: "na_binding_energy", asGiven: -2.29, unitAsGiven: "eV", canonical: -2.29, source: "[183]", location: "Section 4.3"),
    ]

    @Test("spot-check of review values with their reference numbers", arguments: expected)
    func spotCheck(_ e: Expected) throws {
        let r = try runScreen(["db", "show", e.candidate, "--format", "json", "--db", Self.database.path])
        #expect(r.status == 0, "\(r.stderr)")
        let sheet = try #require(try parseJSON(r.stdout) as? [String: Any])
        #expect(sheet["id"] as? String == e.candidate)
        #expect(sheet["category"] is String && sheet["name"] is String)
        let measurements = try #require(sheet["measurements"] as? [[String: Any]])
        let match = measurements.first {
            $0["property"] as? String == e.property && $0["source"] as? String == e.source
                && ($0["value_as_given"] as? Double).map { abs($0 - e.asGiven) <= 1e-12 * abs(e.asGiven) } == true
        }
        let m = try #require(match, "no \(e.property) = \(e.asGiven) from \(e.source) for \(e.candidate)")
        #expect(m["unit_as_given"] as? String == e.unitAsGiven)
        let value = try #require(m["value"] as? Double)
        #expect(abs(value - e.canonical) <= 1e-12 * abs(e.canonical), "\(value) vs \(e.canonical)")
        #expect(m["location"] as? String == e.location)
        #expect((m["method"] as? String)?.isEmpty == false)
    }

    @Test("NaF's derived cost is the element-price estimate, computed here from the element CSVs")
    func derivedCost() throws {
        func column(_ file: String, _ key: String, _ value: String) throws -> [String: Double] {
            let text = try String(contentsOf: bundledDescriptors.appendingPathComponent("elements/\(file)"), encoding: .utf8)
            var out: [String: Double] = [:]
            let lines = text.split(separator: "\n").map(String.init)
            let header = lines[0].split(separator: ",").map(String.init)
            let k = header.firstIndex(of: key)!, v = header.firstIndex(of: value)!
            for line in lines.dropFirst() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if let x = Double(cells[v]) { out[cells[k]] = x }
            }
            return out
        }
        let mass = try column("atomic-masses.csv", "element", "atomic_mass"), price = try column("element-costs.csv", "element", "cost")
        let na = try #require(mass["Na"]), f = try #require(mass["F"])
        let expected = (na * price["Na"]! + f * price["F"]!) / (na + f)
        let r = try runScreen(["db", "show", "NaF", "--format", "json", "--db", Self.database.path])
        let sheet = try #require(try parseJSON(r.stdout) as? [String: Any])
        let cost = try #require((sheet["measurements"] as? [[String: Any]])?.first { $0["property"] as? String == "cost" })
        #expect(abs((cost["value"] as? Double ?? 0) - expected) < 1e-9 * expected)
        #expect((cost["method"] as? String)?.hasPrefix("estimate") == true)
        #expect((cost["conditions"] as? String)?.contains("derived from NaF") == true)
    }

    @Test("Young's modulus derived from Materials Project K and G agrees with the review's NaF value")
    func derivedYoungsModulus() throws {
        let r = try runScreen(["db", "show", "NaF", "--format", "json", "--db", Self.database.path])
        let ms = try #require((try parseJSON(r.stdout) as? [String: Any])?["measurements"] as? [[String: Any]])
        let k = try #require(ms.first { $0["property"] as? String == "bulk_modulus" && ($0["method"] as? String)?.contains("K_VRH") == true }?["value"] as? Double)
        let g = try #require(ms.first { $0["property"] as? String == "shear_modulus" && ($0["method"] as? String)?.contains("G_VRH") == true }?["value"] as? Double)
        let derived = try #require(ms.first { $0["property"] as? String == "youngs_modulus" && ($0["method"] as? String)?.hasPrefix("derived") == true })
        let e = try #require(derived["value"] as? Double)
        #expect(abs(e - 9 * k * g / (3 * k + g)) < 1e-9 * e)
        // The review's NaF Young's modulus (74.66 GPa, [49, 50], section 2.1) is an independent check: within 1 %.
        #expect(abs(e - 74.66) / 74.66 < 0.01)
        #expect((derived["conditions"] as? String)?.contains("K = 46.136 GPa") == true)
    }

    @Test("export JSON has the three arrays with the documented keys, and every table row")
    func exportJSON() throws {
        let r = try runScreen(["db", "export", "--format", "json", "--db", Self.database.path])
        #expect(r.status == 0, "\(r.stderr)")
        let all = try #require(try parseJSON(r.stdout) as? [String: Any])
        let candidates = try #require(all["candidates"] as? [[String: Any]])
        let measurements = try #require(all["measurements"] as? [[String: Any]])
        let performance = try #require(all["performance"] as? [[String: Any]])
        for c in candidates { #expect(Set(c.keys).isSuperset(of: ["id", "name", "formula", "category"])) }
        for m in measurements {
            #expect(Set(m.keys).isSuperset(of: ["candidate_id", "property", "kind", "value", "unit", "value_as_given", "unit_as_given", "method", "source"]))
            #expect((m["source"] as? String)?.isEmpty == false, "a measurement without a source: \(m)")
        }
        let keys: Set<String> = ["candidate_id", "material", "table", "reference", "current_density_ma_cm2", "capacity_mah_cm2",
                                 "coulombic_efficiency_pct", "overpotential_mv", "lifespan_as_given", "lifespan_hours", "lifespan_hours_derived"]
        for p in performance { #expect(Set(p.keys).isSuperset(of: keys)) }
        // The review prints 31 lines in Table 1 (two of them continue the rows of [100] and [104]) and 26 in Table 2.
        #expect(performance.filter { $0["table"] as? Int == 1 }.count == 31)
        #expect(performance.filter { $0["table"] as? Int == 2 }.count == 26)
        // Table 2, [127]: Na-O-CCF, 5.3 mV at 10 mA/cm2 and 1 mAh/cm2, 700 h.
        let occf = try #require(performance.first { $0["table"] as? Int == 2 && $0["reference"] as? String == "[127]" })
        #expect(occf["overpotential_mv"] as? Double == 5.3 && occf["current_density_ma_cm2"] as? Double == 10)
        #expect(occf["capacity_mah_cm2"] as? Double == 1 && occf["lifespan_hours"] as? Double == 700)
        // Table 1, [90]: PVDF-Bi, 2500 cycles at 1 mA/cm2 and 2 mAh/cm2 -> 2500 × 2 × 2 / 1 = 10 000 h, derived.
        let bi = try #require(performance.first { $0["table"] as? Int == 1 && $0["reference"] as? String == "[90]" })
        #expect(bi["lifespan_as_given"] as? String == "2500 cycles")
        #expect(bi["lifespan_hours"] as? Double == 10_000 && bi["lifespan_hours_derived"] as? Bool == true)
        // Table 1, [60]: NaBr at 0.25/0.5/1 mA/cm2: no single current density, so null, not a guess.
        let nabr = try #require(performance.first { $0["table"] as? Int == 1 && $0["reference"] as? String == "[60]" })
        #expect(nabr["current_density_ma_cm2"] is NSNull)
    }

    @Test("export CSV writes the three tables, or one with --what")
    func exportCSV() throws {
        let out = temporaryRoot.appendingPathComponent("screen-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try runScreen(["db", "export", "--format", "csv", "--out", out.path, "--db", Self.database.path])
        #expect(r.status == 0, "\(r.stderr)")
        for name in ["candidates", "measurements", "performance"] {
            let text = try String(contentsOf: out.appendingPathComponent("\(name).csv"), encoding: .utf8)
            #expect(text.split(separator: "\n").count > 10)
        }
        let one = try runScreen(["db", "export", "--format", "csv", "--what", "performance", "--db", Self.database.path])
        #expect(one.stdout.hasPrefix("table,candidate_id,cell,material,"))
    }

    @Test("stats prints the coverage table per category")
    func stats() throws {
        let r = try runScreen(["db", "stats", "--db", Self.database.path, "--format", "json"])
        let stats = try #require(try parseJSON(r.stdout) as? [String: Any])
        let coverage = try #require(stats["coverage"] as? [String: [String: Int]])
        #expect((coverage["youngs_modulus"]?["sei_inorganic"] ?? 0) >= 3)   // NaF, Na3P, NaH (Section 2.1)
        let text = try runScreen(["db", "stats", "--db", Self.database.path]).stdout
        #expect(text.contains("Coverage") && text.contains("sei_inorganic") && text.contains("nucleation_overpotential"))
    }

    @Test("a bad import file exits non-zero naming file:line: field, and changes nothing")
    func badImportFromCommandLine() throws {
        let db = temporaryRoot.appendingPathComponent("screen-import-\(UUID().uuidString).sqlite")
        let bad = temporaryRoot.appendingPathComponent("screen-bad-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: db); try? FileManager.default.removeItem(at: bad) }
        try FileManager.default.copyItem(at: Self.database, to: db)
        let before = try runScreen(["db", "export", "--db", db.path]).stdout
        try write(measurementHeader + "NaF,band_gap,6.1,,,,,eV,DFT,,,[x],,\nNaF,band_gap,-1,,,,,eV,DFT,,,[x],,\n", to: bad)
        let r = try runScreen(["db", "import", bad.path, "--db", db.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(bad.path):3: value:"))
        #expect(try runScreen(["db", "export", "--db", db.path]).stdout == before)
    }

    @Test("the bundled descriptor folder passes db check with no errors")
    func bundledCheck() throws {
        let r = try runScreen(["db", "check", "--db", Self.database.path])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains(" 0 errors"))
    }
}
