import Foundation
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

/// Performance on a common footing: area-specific resistance (η/j) and cumulative capacity (j·t)
/// per record, the cell type, and the records whose table and text disagree.
@Suite("Normalised performance: ASR, cumulative capacity, cell type, conflicts")
struct NormalisedPerformanceTests {
    static let header = "table,candidate,cell,material,technique,electrolyte,current_density,capacity,coulombic_efficiency,overpotential,lifespan,reference,location,note,cell_type,cell_type_basis,conflict\n"

    /// The bundled database, built once per test in a temporary folder.
    func store() throws -> DescriptorStore {
        let folder = try temporaryFolder()
        return try DescriptorStore.build(from: bundledDescriptors, to: folder.appendingPathComponent("db.sqlite").path)
    }

    func record(_ store: DescriptorStore, _ candidate: String, _ location: String) throws -> PerformanceRecord {
        let all = try store.performance(candidate: candidate).filter { ($0.table.map { "Table \($0)" } ?? $0.location) == location }
        #expect(all.count == 1, "\(candidate) \(location): \(all.count) records")
        return try #require(all.first)
    }

    func problems(_ rows: String) -> [InputError] {
        var problems: [InputError] = []
        guard let table = try? CSVTable(text: Self.header + rows, file: "p.csv") else { return [InputError(file: "p.csv", "not CSV")] }
        _ = DescriptorParser.parse(table, as: .performance, problems: &problems)
        return problems
    }

    @Test("ASR and cumulative capacity of bundled Table 2 records, computed by hand from the CSV numbers")
    func derivedByHand() throws {
        let s = try store()
        // O-CCF, Table 2 [127]: 5.3 mV at 10 mA/cm2, 1 mAh/cm2, 700 h.
        //   ASR = 5.3 / 10 = 0.53 ohm cm2; j·t = 10 × 700 = 7000 mAh/cm2.
        let occf = try record(s, "O-CCF", "Table 2")
        try #expect(abs(try #require(occf.areaSpecificResistance).value - 0.53) < 1e-12)
        try #expect(try #require(occf.cumulativeCapacity).value == 7000)
        // MoS2@NCF, Table 2 [139]: 30 mV at 6 mA/cm2, 3 mAh/cm2, 3000 cycles.
        //   ASR = 30 / 6 = 5 ohm cm2; t = 3000 × 2 × 3 / 6 = 3000 h; j·t = 6 × 3000 = 18000 mAh/cm2 (= 2 × 3 × 3000).
        let mos2 = try record(s, "MoS2@NCF", "Table 2")
        #expect(mos2.areaSpecificResistance?.value == 5)
        #expect(mos2.cumulativeCapacity?.value == 18000)
        #expect(mos2.cumulativeCapacity?.inputs == "j 6 mA/cm2 × 3000 h (3000 cycles × 2 × 3 mAh/cm2 / j)")
        // V2CTx-RGO-CNT, Table 2 [152]: 9.6 mV at 0.5 mA/cm2, 0.5 mAh/cm2, 1700 cycles.
        //   ASR = 9.6 / 0.5 = 19.2 ohm cm2; t = 1700 × 2 × 0.5 / 0.5 = 3400 h; j·t = 0.5 × 3400 = 1700 mAh/cm2.
        let v2c = try record(s, "V2CTx-RGO-CNT", "Table 2")
        try #expect(abs(try #require(v2c.areaSpecificResistance).value - 19.2) < 1e-12)
        #expect(v2c.cumulativeCapacity?.value == 1700)
        // Cu2NiZn@CNT, Table 2 [153]: "~ 22" mV at 2 mA/cm2, 800 h: ASR ≈ 22 / 2 = 11 (approximate); j·t = 2 × 800 = 1600.
        let cnz = try record(s, "Cu2NiZn@CNT", "Table 2")
        #expect(cnz.areaSpecificResistance == DerivedPerformance(value: 11, inputs: "η ~ 22 mV / j 2 mA/cm2", approximate: true))
        #expect(cnz.cumulativeCapacity?.value == 1600 && cnz.cumulativeCapacity?.approximate == false)
    }

    @Test("no value is derived from a bound: '< 50' mV, '> 2100 h', '> 1000 h'")
    func noValueFromBounds() throws {
        let s = try store()
        // L700, Table 2 [123]: "< 50" mV → no ASR; its 1000 h at 1 mA/cm2 still gives j·t = 1000 mAh/cm2.
        let l700 = try record(s, "L700", "Table 2")
        #expect(l700.areaSpecificResistance == nil)
        #expect(l700.cumulativeCapacity?.value == 1000)
        // CF-N-CP, Section 3.2 [133]: "> 2100 h" → no j·t; "~ 16" mV at 1 mA/cm2 → ASR ≈ 16.
        let cfn = try record(s, "CF-N-CP", "Section 3.2")
        #expect(cfn.cumulativeCapacity == nil)
        #expect(cfn.areaSpecificResistance?.value == 16 && cfn.areaSpecificResistance?.approximate == true)
        // CMFS, Section 3.2 [135]: "> 1000 h" → no j·t.
        try #expect(try record(s, "CMFS", "Section 3.2").cumulativeCapacity == nil)
        // [59], Table 1: no overpotential printed → no ASR; 700 cycles × 2 × 0.1 / 5 = 28 h, j·t = 5 × 28 = 140 mAh/cm2 (= 2 × 0.1 × 700).
        let naf = try s.performance(candidate: "NaF").first { $0.reference == "[59]" }
        #expect(naf?.areaSpecificResistance == nil)
        #expect(abs((naf?.cumulativeCapacity?.value ?? 0) - 140) < 1e-9)
    }

    @Test("cell types: Table 1's column, the text, a CE test is asymmetric, else unknown; every record has one")
    func cellTypes() throws {
        let s = try store()
        let all = try s.performance()
        #expect(all.count == 100)
        #expect(all.allSatisfy { $0.cellType == .unknown ? $0.cellTypeBasis == nil : $0.cellTypeBasis != nil })
        try #expect(try record(s, "PAN-Sn", "Table 2").cellType == .symmetric)       // Section 3.3 "in symmetric cells at 2 mA·cm⁻²"
        try #expect(try record(s, "O-CF", "Table 2").cellType == .unknown)           // the review does not say
        try #expect(try record(s, "MoN@CNF", "Section 3.3").cellType == .full)       // RT Na-sulfur battery
        let ce = try s.performance(candidate: "O-CCF").first { $0.coulombicEfficiency.value == 99.6 }
        #expect(ce?.cellType == .asymmetric)                                       // average CE 99.6 %: a CE test
        #expect(all.filter { $0.table == 1 && $0.cell == "Na-Cu" }.allSatisfy { $0.cellType == .asymmetric })
    }

    @Test("the conflicts named in the review are flagged, with both readings, in the store, db show and the export")
    func flagsVisible() throws {
        let s = try store()
        let flagged = try s.performance().filter(\.isFlagged)
        let byRef = Dictionary(grouping: flagged, by: \.reference)
        #expect(byRef["[59]"]?.count == 2)     // Table 1 and Section 2.1
        #expect(byRef["[135]"]?.count == 2)    // CMFS: Table 2 and Section 3.2
        #expect(byRef["[142]"]?.count == 2)    // SnO2-CNF: Table 2 and Section 3.3
        let c59 = try #require(byRef["[59]"]?.first?.conflicts.first)
        #expect(c59.field == "current_density" && c59.readings.count == 2)
        #expect(c59.readings[0].hasPrefix("Table 1 \"5\"") && c59.readings[1].contains("1.0 mA·cm⁻²"))
        let occf = try #require(byRef["[127]"]?.first)
        #expect(occf.coulombicEfficiency.value == 99.6 && occf.conflicts.first?.field == "lifespan")
        // The O-CCF CE test's 1000 cycles at 5 mA/cm2, 10 mAh/cm2: t = 1000 × 2 × 10 / 5 = 4000 h, j·t = 20000.
        #expect(occf.lifespanHours?.hours == 4000 && occf.cumulativeCapacity?.value == 20000)

        let sheet = try CandidateSheet(store: s, id: "CMFS").text()
        #expect(sheet.contains("FLAGGED, table and text disagree on lifespan: Table 2 \"1000 cycles\""))
        #expect(sheet.contains("ASR = η 12 mV / j 5 mA/cm2 = 2.4 ohm cm2"))
        let fields = DescriptorExport.fields(try record(s, "CMFS", "Table 2"))
        #expect(fields.contains { $0.0 == "flagged" && $0.1 == .bool(true) })
        #expect(fields.contains { $0.0 == "cumulative_capacity_mah_cm2" && $0.1 == .number(10000) })
        #expect(DescriptorExport.performanceColumns.contains("conflict"))
    }

    @Test("hosts ranks on ASR and cumulative capacity and leaves flagged records out; without exclude_flagged they count and are marked")
    func hostsRanking() throws {
        let s = try store()
        let url = bundledDescriptors.appendingPathComponent("profiles/hosts.yaml")
        let profile = try ProfileLoader.load(url)
        let sources = profile.criteria.map(\.source)
        #expect(sources.contains(.performance("area_specific_resistance_ohm_cm2")))
        #expect(sources.contains(.performance("cumulative_capacity_mah_cm2")))
        #expect(!sources.contains(.performance("overpotential_mv")) && !sources.contains(.performance("lifespan_hours")))
        let performanceCriteria = profile.criteria.filter { $0.source.name.hasSuffix("_cm2") }
        #expect(performanceCriteria.count == 2)
        #expect(performanceCriteria.allSatisfy { $0.excludeFlagged })

        let result = try ProfileScreening.run(profile, store: s)
        let cc = try #require(profile.criteria.firstIndex { $0.source == .performance("cumulative_capacity_mah_cm2") })
        let asr = try #require(profile.criteria.firstIndex { $0.source == .performance("area_specific_resistance_ohm_cm2") })
        let occf = try #require(result.rows.first { $0.candidate.id == "O-CCF" })
        #expect(occf.values[cc].raw == 7000)                        // Table 2's 700 h × 10 mA/cm2, not the CE test's 20000
        #expect(abs(occf.values[asr].raw - 0.53) < 1e-12)
        let mos2 = try #require(result.rows.first { $0.candidate.id == "MoS2@NCF" })
        #expect(mos2.values[cc].raw == 18000 && mos2.values[asr].raw == 5)
        // CMFS and SnO2-CNF: every lifespan record is flagged, so they lack a cumulative capacity and fall below min_coverage.
        #expect(result.excluded.contains { $0.candidate.id == "CMFS" })
        #expect(result.excluded.contains { $0.candidate.id == "SnO2-CNF" })

        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "exclude_flagged: true", with: "exclude_flagged: false")
        let lenient = try ProfileLoader.load(yaml: text, file: "hosts-lenient.yaml")
        let all = try ProfileScreening.run(lenient, store: s)
        let occf2 = try #require(all.rows.first { $0.candidate.id == "O-CCF" })
        #expect(occf2.values[cc].raw == 20000)                      // 5 mA/cm2 × 4000 h
        #expect(occf2.values[cc].evidence.contains { $0.method.contains("FLAGGED") && $0.location == "Section 3.2" })
    }

    @Test("a malformed cell type or conflict is an error naming the file, the line and the field")
    func malformed() throws {
        let base = "2,X,,,,,1,1,,10,100 h,[1],Table 2,"
        #expect(problems(base + ",Na-Na,Table 2,\n") == [InputError(file: "p.csv", line: 2, field: "cell_type",
                "'Na-Na' is not a cell type (symmetric, asymmetric, full, unknown)")])
        #expect(problems(base + ",symmetric,,\n") == [InputError(file: "p.csv", line: 2, field: "cell_type_basis",
                "required when cell_type is symmetric: where the review says so")])
        #expect(problems(base + ",,,\n").first?.field == "cell_type")
        #expect(problems(base + ",unknown,,lifespan 100 h against 200 h\n") == [InputError(file: "p.csv", line: 2, field: "conflict",
                "'lifespan 100 h against 200 h' is not 'field: reading 1 vs reading 2'")])
        #expect(problems(base + ",unknown,,current: 1 vs 5\n").first?.field == "conflict")
        #expect(problems(base + ",unknown,,lifespan: only one reading\n").first?.field == "conflict")
        #expect(problems(base + ",unknown,,\"lifespan: Table 2 \"\"100 h\"\" vs text \"\"200 h\"\"\"\n").isEmpty)
    }

    @Test("exclude_flagged is for performance criteria only")
    func excludeFlaggedOnProperty() throws {
        let yaml = """
        name: t
        method: topsis
        criteria:
          - property: band_gap
            goal: max
            weight: 1
            exclude_flagged: true
        """
        #expect(throws: DescriptorProblems.self) { try ProfileLoader.load(yaml: yaml, file: "t.yaml") }
    }
}
