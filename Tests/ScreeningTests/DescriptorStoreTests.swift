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

@Suite("Descriptor database")
struct DescriptorStoreTests {
    let candidates = candidateHeader + "NaF,NaF,NaF,sei_inorganic,\nCu,bare Cu,Cu,reference,\n"
    let measurements = withReferenceStates(measurementHeader + """
        NaF,youngs_modulus,74.66,,,,,GPa,not stated,,,"[49, 50]",Section 2.1,
        NaF,ionic_conductivity,0.12,,,,~,mS/cm,experiment,,,[1],,
        Cu,na_binding_energy,1.2,,,,,eV,DFT,,binding_positive,[182],Section 4.3,

        """)

    func build() throws -> (URL, DescriptorStore) {
        let folder = try makeDescriptorFolder(candidates: candidates, measurements: measurements)
        let store = try DescriptorStore.build(from: folder, to: folder.appendingPathComponent("db.sqlite").path)
        return (folder, store)
    }

    /// Everything in the database, as text, to compare before and after.
    func snapshot(_ store: DescriptorStore) throws -> String {
        try DescriptorExport.json(store).rendered()
    }

    @Test("every connection to a database reads it through a memory map, with a 64 MiB page cache")
    func connectionSettings() throws {
        let (folder, built) = try build()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A store opened again, as every command opens one, and the store `build` returned.
        for store in [try DescriptorStore(path: built.path), built] {
            let (mapped, cache) = try store.queue.read { db in
                (try Int64.fetchOne(db, sql: "PRAGMA mmap_size"), try Int.fetchOne(db, sql: "PRAGMA cache_size"))
            }
            // 0x7fff0000 is also the ceiling of Debian's SQLite: the whole request is granted.
            #expect(mapped == 0x7fff_0000 && mapped == DescriptorStore.memoryMapBytes)
            #expect(cache == -65_536)
        }
    }

    @Test("build stores canonical values beside the values as given")
    func buildStoresCanonical() throws {
        let (folder, store) = try build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let naf = try store.measurements(candidate: "NaF")
        let sigma = try #require(naf.first { $0.property == "ionic_conductivity" })
        #expect(abs(sigma.value - 1.2e-4) < 1e-18)
        #expect(sigma.valueAsGiven == 0.12 && sigma.unitAsGiven == "mS/cm" && sigma.canonicalUnit == "S/cm")
        #expect(sigma.qualifier == .approximately)
        let cu = try #require(try store.measurements(candidate: "Cu").first)
        #expect(cu.value == -1.2 && cu.valueAsGiven == 1.2 && cu.conventionAsGiven == .bindingPositive)
    }

    @Test("a bad row rejects the whole import with file:line:field and leaves the database unchanged")
    func badImportRollsBack() throws {
        let (folder, store) = try build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try snapshot(store)
        let good = folder.appendingPathComponent("good.csv"), bad = folder.appendingPathComponent("bad.csv")
        try write(candidateHeader + "Na3P,Na3P,Na3P,sei_inorganic,\n", to: good)
        try write(measurementHeader + """
            Na3P,youngs_modulus,8.6,,,,,GPa,not stated,,,[62],Section 2.1,
            Na3P,ionic_conductivity,6.12e-13,,,,,cm2/s,not stated,,,[88],Section 2.3,

            """, to: bad)
        do {
            _ = try store.importFiles([good, bad])
            Issue.record("the import should have failed")
        } catch let e as DescriptorProblems {
            #expect(e.problems.count == 1)
            let p = try #require(e.problems.first)
            #expect(p.file == bad.path && p.line == 3 && p.field == "unit")
            #expect(p.reason.contains("'cm2/s' is not a unit of ionic_conductivity"))
        }
        #expect(try snapshot(store) == before)
        #expect(try store.candidate(id: "Na3P") == nil)
    }

    @Test("a good import adds its rows; importing an existing id again is refused")
    func goodImport() throws {
        let (folder, store) = try build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("mine.csv")
        try write(candidateHeader + "Na3P,Na3P,Na3P,sei_inorganic,\n", to: file)
        let m = folder.appendingPathComponent("mine-m.csv")
        try write(measurementHeader + "Na3P,youngs_modulus,8.6,,,,,GPa,not stated,,,[62],Section 2.1,\n", to: m)
        let n = try store.importFiles([file, m])
        #expect(n.candidates == 1 && n.measurements == 1)
        #expect(try store.measurements(candidate: "Na3P").first?.value == 8.6)
        #expect(throws: DescriptorProblems.self) { _ = try store.importFiles([file]) }
    }

    @Test("a failed build leaves the previous database file untouched")
    func failedBuildKeepsOldFile() throws {
        let (folder, store) = try build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))
        try write(measurementHeader + "NaF,youngs_modulus,-3,,,,,GPa,x,,,[1],,\n", to: folder.appendingPathComponent("measurements/z.csv"))
        #expect(throws: DescriptorProblems.self) { try DescriptorStore.build(from: folder, to: store.path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.path)) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("problems are reported with file, line and field", arguments: [
        ("NaF,youngs_modulus,-3,,,,,GPa,x,,,[1],,", "value", "outside the physical bounds"),
        ("NaF,band_gap,abc,,,,,eV,x,,,[1],,", "value", "is not a finite number"),
        ("NaF,hardness,3,,,,,GPa,x,,,[1],,", "property", "not in the property catalogue"),
        ("NaF,na_binding_energy,1,,,,,eV,DFT,,,[1],,", "convention", "required for na_binding_energy"),
        ("NaF,youngs_modulus,3,,,,,GPa,x,,,,,", "source", "required, but empty"),
        ("NaF,youngs_modulus,3,,,,about,GPa,x,,,[1],,", "qualifier", "is not a qualifier"),
        ("Nope,youngs_modulus,3,,,,,GPa,x,,,[1],,", "candidate", "unknown candidate 'Nope'"),
    ])
    func locatedProblems(row: String, field: String, reason: String) throws {
        let folder = try makeDescriptorFolder(candidates: candidates, measurements: measurementHeader + row + "\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        var problems: [InputError] = []
        let set = DescriptorSet.read(folder: folder, problems: &problems)
        problems += set.referenceProblems()
        #expect(problems.count == 1)
        let p = try #require(problems.first)
        #expect(p.file.hasSuffix("measurements/m.csv") && p.line == 2 && p.field == field)
        #expect(p.reason.contains(reason), "\(p)")
    }

    @Test("duplicate candidate ids are errors naming both places")
    func duplicateIDs() throws {
        let folder = try makeDescriptorFolder(candidates: candidates + "NaF,sodium fluoride,NaF,sei_inorganic,\n", measurements: measurementHeader)
        defer { try? FileManager.default.removeItem(at: folder) }
        let check = ConsistencyCheck(folder: folder)
        #expect(check.errors.count == 1)
        #expect(check.errors.first?.message.contains("duplicate candidate id 'NaF'") == true)
        #expect(check.errors.first?.message.contains("c.csv:2") == true)
        #expect(check.warnings.map(\.message).allSatisfy { $0.contains("has no measurements") })
    }
}
