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

/// The promises of issue 13's "no data loss" part that are kept so far: `db build` refuses a
/// missing or empty folder and never replaces a database holding imports without being told; the
/// same file is never imported twice. Each refusal leaves the database byte-identical.
@Suite("No data loss: refusals that leave the database as it was")
struct NoDataLossTests {
    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// A database built from the bundled descriptors with one extra candidate imported from a CSV.
    func databaseWithImport() throws -> (folder: URL, db: String, csv: URL) {
        let (folder, db) = try builtDatabase()
        let csv = folder.appendingPathComponent("extra.csv")
        try write(candidateHeader + "NaTest,Na test compound,NaCl,sei_inorganic,test candidate\n", to: csv)
        let r = try runScreen(["db", "import", csv.path, "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        return (folder, db, csv)
    }

    @Test("db build refuses a missing folder and a folder without candidates; the database is unchanged")
    func missingOrEmptyFolder() throws {
        let (folder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try bytes(db)
        let missing = try runScreen(["db", "build", "--db", db, "--from", folder.appendingPathComponent("nowhere").path])
        #expect(missing.status != 0 && missing.stderr.contains("no such descriptor folder"), "\(missing.stderr)")
        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let none = try runScreen(["db", "build", "--db", db, "--from", empty.path])
        #expect(none.status != 0 && none.stderr.contains("no candidates in candidates/*.csv: refusing to build an empty database"), "\(none.stderr)")
        #expect(try bytes(db) == before)
        // A command that builds on first use refuses too, and leaves no database behind.
        let fresh = folder.appendingPathComponent("fresh.sqlite").path
        let rank = try runScreen(["rank", "--profile", "sei", "--db", fresh], environment: ["SCREEN_DESCRIPTORS": empty.path])
        #expect(rank.status != 0 && !FileManager.default.fileExists(atPath: fresh), "\(rank.stderr)")
    }

    @Test("db build refuses to drop imported data, naming the command that re-imports it; --discard-imports rebuilds")
    func buildKeepsImports() throws {
        let (folder, db, csv) = try databaseWithImport()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try bytes(db)
        let refused = try runScreen(["db", "build", "--db", db])
        #expect(refused.status != 0, "\(refused.stdout)")
        #expect(refused.stderr.contains("holds 1 candidate that the descriptor folder does not (imported data)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("screen db import \(csv.path)"), "\(refused.stderr)")
        #expect(try bytes(db) == before)
        let rebuilt = try runScreen(["db", "build", "--db", db, "--discard-imports"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(try count(db, "SELECT count(*) FROM candidates WHERE id = 'NaTest'") == 0)
        #expect(try count(db, "SELECT count(*) FROM imports") == 0)
    }

    @Test("the same file imported twice is refused (it would store every value twice); the database is unchanged")
    func sameFileTwice() throws {
        let (folder, db, csv) = try databaseWithImport()
        defer { try? FileManager.default.removeItem(at: folder) }
        let measurements = folder.appendingPathComponent("m.csv")
        try write(measurementHeader + "NaTest,band_gap,8.5,,,,,eV,experiment,,,[test],,\n", to: measurements)
        #expect(try runScreen(["db", "import", measurements.path, "--db", db]).status == 0)
        let before = try bytes(db)
        // The same content under another name is the same file.
        let copy = folder.appendingPathComponent("m-copy.csv")
        try FileManager.default.copyItem(at: measurements, to: copy)
        for file in [measurements, copy, csv] {
            let again = try runScreen(["db", "import", file.path, "--db", db])
            #expect(again.status != 0 && again.stderr.contains("already imported") && again.stderr.contains("would store every value twice"), "\(again.stderr)")
        }
        #expect(try bytes(db) == before)
        #expect(try count(db, "SELECT count(*) FROM measurements WHERE candidate_id = 'NaTest' AND property = 'band_gap'") == 1)
        #expect(try count(db, "SELECT count(*) FROM imports") == 2)
    }

    @Test("a mapped import is recorded with its mapping; the same file and mapping again is refused before anything is read")
    func mappedTwice() throws {
        let (folder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = bundledDescriptors.appendingPathComponent("computed/mp-shear-modulus-log10.csv")
        let mapping = bundledDescriptors.appendingPathComponent("mappings/mp-shear-modulus-log10.yaml")
        #expect(try runScreen(["db", "import", data.path, "--mapping", mapping.path, "--db", db]).status == 0)
        let store = try DescriptorStore(path: db)
        let records = try store.imports()
        #expect(records.count == 1 && records[0].mapping?.hasSuffix("mp-shear-modulus-log10.yaml") == true)
        #expect(records[0].sha256 == (try SHA256.hex(ofFile: data)))
        let before = try bytes(db)
        let again = try runScreen(["db", "import", data.path, "--mapping", mapping.path, "--db", db])
        #expect(again.status != 0 && again.stderr.contains("already imported"), "\(again.stderr)")
        #expect(try bytes(db) == before)
    }

    /// A connection allowed to keep a transaction open between calls (GRDB forbids it by default).
    func lockingQueue(_ db: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.allowsUnsafeTransactions = true
        return try DatabaseQueue(path: db, configuration: config)
    }

    /// Another process (here: this test) holds a write transaction on the database.
    func holdingWriteLock<T>(_ db: String, _ body: () throws -> T) throws -> T {
        let queue = try lockingQueue(db)
        try queue.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
        defer { try? queue.inDatabase { try $0.execute(sql: "ROLLBACK") } }
        return try body()
    }

    @Test("two writers: the second waits for the busy timeout, then fails with a sentence and exit 75, writing nothing")
    func busyDatabase() throws {
        let (folder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("extra.csv")
        try write(candidateHeader + "NaTest,Na test compound,NaCl,sei_inorganic,test candidate\n", to: csv)
        let before = try bytes(db)
        let start = Date()
        let r = try holdingWriteLock(db) { try runScreen(["db", "import", csv.path, "--db", db]) }
        #expect(r.status == 75 && r.stderr.contains("error: the database is busy: another process"), "\(r.status) \(r.stderr)")
        #expect(Date().timeIntervalSince(start) >= DescriptorStore.busyTimeout - 0.5)
        #expect(try bytes(db) == before)
    }

    @Test("two writers: a lock released within the timeout is waited for, and the import lands")
    func waitsForWriter() throws {
        let (folder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("extra.csv")
        try write(candidateHeader + "NaTest,Na test compound,NaCl,sei_inorganic,test candidate\n", to: csv)
        let queue = try lockingQueue(db)
        try queue.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
        let release = DispatchWorkItem { try? queue.inDatabase { try $0.execute(sql: "ROLLBACK") } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 2, execute: release)
        let r = try runScreen(["db", "import", csv.path, "--db", db])
        release.wait()
        #expect(r.status == 0, "\(r.stderr)")
        let count: Int? = try scalar(db, "SELECT COUNT(*) FROM candidates WHERE id = 'NaTest'")
        #expect(count == 1)
    }
}
