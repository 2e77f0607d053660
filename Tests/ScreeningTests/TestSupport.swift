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

/// The package root, found from this file's path, so tests read the bundled data.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let bundledDescriptors = packageRoot.appendingPathComponent("Descriptors")

/// The folder of this test run's temporary folders: removed when the test process exits
/// (databases of the Materials Project files take hundreds of MB each, and a run makes dozens).
/// Folders of earlier runs that did not exit cleanly (a crash, a kill) are removed when they
/// are over six hours old, never those of a run going on beside this one.
let temporaryRoot: URL = {
    let base = FileManager.default.temporaryDirectory
    let old = Date().addingTimeInterval(-6 * 3600)
    for name in (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? [] where name.hasPrefix("screen-tests-") {
        let url = base.appendingPathComponent(name)
        if let modified = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date, modified < old {
            try? FileManager.default.removeItem(at: url)
        }
    }
    let root = base.appendingPathComponent("screen-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    temporaryRootPath = root.path
    atexit { if let path = temporaryRootPath { try? FileManager.default.removeItem(atPath: path) } }
    return root
}()

/// `temporaryRoot`'s path for the exit handler (a C function pointer cannot capture).
nonisolated(unsafe) private var temporaryRootPath: String?

/// A fresh temporary folder inside `temporaryRoot` (removed with it at exit, or earlier by the
/// caller with `cleanUp`).
func temporaryFolder() throws -> URL {
    let url = temporaryRoot.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
}

/// A small descriptor folder with one candidate file and one measurement file.
func makeDescriptorFolder(candidates: String, measurements: String, performance: String? = nil) throws -> URL {
    let folder = try temporaryFolder()
    try write(candidates, to: folder.appendingPathComponent("candidates/c.csv"))
    try write(measurements, to: folder.appendingPathComponent("measurements/m.csv"))
    if let performance { try write(performance, to: folder.appendingPathComponent("performance/p.csv")) }
    return folder
}

let measurementHeader = "candidate,property,value,uncertainty,range_low,range_high,qualifier,unit,method,conditions,convention,source,location,note\n"
let candidateHeader = "id,name,formula,category,note\n"

/// `csv` (a measurements file under `measurementHeader`) with a `reference_state` column added:
/// `state` for the na_binding_energy rows, empty for the others.
func withReferenceStates(_ csv: String, _ state: String = "isolated_atom") -> String {
    csv.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { i, line in
        if line.isEmpty { return "" }
        if i == 0 { return line + ",reference_state" }
        return line + (line.contains(",na_binding_energy,") ? "," + state : ",")
    }.joined(separator: "\n")
}

/// The `screen` executable built beside the test bundle.
func screenExecutable() throws -> URL {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("screen"),
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("screen"),
        packageRoot.appendingPathComponent(".build/debug/screen"),
    ]
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw InputError(file: "screen", "the screen executable was not built beside the tests (looked in \(candidates.map(\.path)))")
    }
    return found
}

struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs `screen` with arguments in a working directory and captures its output.
func runScreen(_ arguments: [String], in directory: URL = packageRoot, environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = try screenExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "SCREEN_DB")
    env.removeValue(forKey: "SCREEN_DESCRIPTORS")
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// Parses JSON output for assertions.
func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

/// A gzip-compressed JSON array of records, read without the import code: /bin/gzip, then
/// JSONSerialization, so that tests check the streaming reader against an independent one.
func gunzippedJSONRecords(_ url: URL) throws -> [[String: Any]] {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/gzip")
    p.arguments = ["-dc", url.path]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard let records = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
        throw InputError(file: url.path, "not a JSON array of objects")
    }
    return records
}

/// A database built from the bundled descriptors by `screen db build`, in a fresh folder.
func builtDatabase() throws -> (folder: URL, db: String) {
    let folder = try temporaryFolder()
    let db = folder.appendingPathComponent("db.sqlite").path
    let r = try runScreen(["db", "build", "--db", db])
    #expect(r.status == 0, "\(r.stderr)")
    return (folder, db)
}

/// One value a query on the database at `db` returns.
func scalar<T: DatabaseValueConvertible>(_ db: String, _ sql: String, _ arguments: StatementArguments = []) throws -> T? {
    let store = try DescriptorStore(path: db)
    return try store.queue.read { try T.fetchOne($0, sql: sql, arguments: arguments) }
}

/// A count query on the database at `db` (−1 when it returns nothing).
func count(_ db: String, _ sql: String, _ arguments: StatementArguments = []) throws -> Int {
    try scalar(db, sql, arguments) ?? -1
}

/// The mapping of a CSV `fe.csv` with columns id, formula and energy (eV/atom) of formation
/// energies; `existing`, when given, is the mapping's `existing:`.
func formationEnergyMapping(method: String, source: String, existing: String? = nil) -> String {
    """
    format: csv
    file: fe.csv
    id: id
    formula: formula
    \(existing.map { "existing: \($0)\n" } ?? "")method: "\(method)"
    source: "\(source)"
    properties:
      formation_energy: {column: energy, unit: eV/atom}
    """
}

/// A database built from the bundled descriptors with the rows of the bundled formation energies
/// whose elements all lie in `elements` imported through a mapping (the hulls of those systems
/// are complete then); the import's stability refresh must have run.
func databaseWithFormationEnergies(of elements: Set<String>) throws -> String {
    let folder = try temporaryFolder()
    let source = bundledDescriptors.appendingPathComponent("computed/mp-formation-energies.csv")
    var csv = "id,formula,energy\n"
    for (i, line) in try String(contentsOf: source, encoding: .utf8).split(separator: "\n").dropFirst().enumerated() {
        let cells = line.split(separator: ",")
        guard Set(try ChemicalFormula(String(cells[0])).elements).isSubset(of: elements) else { continue }
        csv += "row-\(i + 1),\(cells[0]),\(cells[1])\n"
    }
    try write(csv, to: folder.appendingPathComponent("fe.csv"))
    try write(formationEnergyMapping(method: "DFT (GGA/GGA+U, Materials Project legacy corrections)",
                                     source: "rows of Descriptors/computed/mp-formation-energies.csv"),
              to: folder.appendingPathComponent("fe.yaml"))
    let db = folder.appendingPathComponent("db.sqlite").path
    let built = try runScreen(["db", "build", "--db", db])
    guard built.status == 0 else { throw InputError(file: db, built.stderr) }
    let imported = try runScreen(["db", "import", "--db", db, "--mapping", folder.appendingPathComponent("fe.yaml").path])
    guard imported.status == 0, imported.stdout.contains("stability:") else { throw InputError(file: db, imported.stdout + imported.stderr) }
    return db
}
