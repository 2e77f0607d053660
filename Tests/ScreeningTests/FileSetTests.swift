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

/// A multi-file output (a report) replaces the old files all together or not at all: a kill at
/// any point of the moves is finished by the next write, a kill before them leaves the old files.
@Suite("Multi-file outputs appear all at once")
struct FileSetTests {
    /// A report-like set: three files, a table and a chart folder with `charts` files.
    func reportSet(_ folder: URL, version: String, charts: [String]) -> FileSet {
        var set = FileSet(folder: folder, name: "r")
        set.add("html \(version)", at: "r.html")
        set.replaceFolder("r-charts")
        for c in charts { set.add("svg \(c) \(version)", at: "r-charts/\(c).svg") }
        set.add("md \(version)", at: "r.md")
        set.add("json \(version)", at: "r.json")
        set.add("csv \(version)", at: "r-sei-ranking.csv")
        return set
    }

    /// Every file of the folder (recursively, staging folders included) with its text.
    func contents(_ folder: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in e where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            out[String(url.path.dropFirst(folder.path.count + 1))] = try String(contentsOf: url, encoding: .utf8)
        }
        return out
    }

    func expected(version: String, charts: [String]) -> [String: String] {
        var e = ["r.html": "html \(version)", "r.md": "md \(version)", "r.json": "json \(version)", "r-sei-ranking.csv": "csv \(version)"]
        for c in charts { e["r-charts/\(c).svg"] = "svg \(c) \(version)" }
        return e
    }

    /// The id of a process that has ended (a killed writer's).
    func deadProcess() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    @Test("a commit replaces every file and the chart folder as a whole")
    func replaces() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try reportSet(folder, version: "1", charts: ["a", "b", "old"]).commit()
        let got = try contents(folder); #expect(got == expected(version: "1", charts: ["a", "b", "old"]))
        try reportSet(folder, version: "2", charts: ["a", "b", "c"]).commit()
        // The chart the new report no longer draws is gone; nothing else is left behind.
        let again = try contents(folder); #expect(again == expected(version: "2", charts: ["a", "b", "c"]))
    }

    @Test("a writer killed after any number of moves is finished by the next write to the folder", arguments: 0...4)
    func killedDuringMoves(after moves: Int) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try reportSet(folder, version: "1", charts: ["a", "old"]).commit()
        let dead = try deadProcess()
        try reportSet(folder, version: "2", charts: ["a", "c"]).commit(stoppingAfterMoves: moves, pid: dead)
        #expect(FileSet.stagingFolders(in: folder).count == 1)
        FileSet.recover(in: folder)
        let got = try contents(folder); #expect(got == expected(version: "2", charts: ["a", "c"]))
        #expect(FileSet.stagingFolders(in: folder).isEmpty)
    }

    @Test("a writer killed before its commit list leaves the old files; its staging folder is removed")
    func killedBeforeCommit() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try reportSet(folder, version: "1", charts: ["a"]).commit()
        let staging = folder.appendingPathComponent(".screen-stage-r-\(try deadProcess())")
        try write("html half", to: staging.appendingPathComponent("r.html"))
        try write("half an svg", to: staging.appendingPathComponent("r-charts/a.svg"))
        try reportSet(folder, version: "2", charts: ["b"]).commit()
        let got = try contents(folder); #expect(got == expected(version: "2", charts: ["b"]))
    }

    @Test("the staging folder of a writer still running is left alone")
    func liveWriter() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.run()
        defer { kill(sleeper.processIdentifier, SIGKILL); sleeper.waitUntilExit() }
        let staging = folder.appendingPathComponent(".screen-stage-r-\(sleeper.processIdentifier)")
        try write("in progress", to: staging.appendingPathComponent("r.html"))
        FileSet.recover(in: folder)
        #expect(FileManager.default.fileExists(atPath: staging.appendingPathComponent("r.html").path))
    }

    @Test("an unwritable folder is a sentence with the path, and the old files stay")
    func unwritable() throws {
        guard getuid() != 0 else {
            // root writes anywhere; a file in the way of the folder is unwritable for everyone.
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            try write("a file", to: folder.appendingPathComponent("blocked"))
            let set = reportSet(folder.appendingPathComponent("blocked"), version: "1", charts: ["a"])
            #expect { try set.commit() } throws: { "\($0)".contains("blocked: is a file, not a folder") }
            #expect(try String(contentsOf: folder.appendingPathComponent("blocked"), encoding: .utf8) == "a file")
            return
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try reportSet(folder, version: "1", charts: ["a"]).commit()
        chmod(folder.path, 0o500)
        defer { chmod(folder.path, 0o700) }
        #expect { try reportSet(folder, version: "2", charts: ["a"]).commit() } throws: { "\($0)".contains("cannot be written") }
        chmod(folder.path, 0o700)
        let got = try contents(folder); #expect(got == expected(version: "1", charts: ["a"]))
    }

    @Test("screen report killed at random moments leaves one whole report: the old one or the new one")
    func killedReport() throws {
        let (folder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("reports/r").path
        let base = ["report", "--db", db, "--profile", "sei", "--samples", "200", "--out", out]
        let first = try runScreen(base + ["--title", "Version one"])
        #expect(first.status == 0, "\(first.stderr)")
        let reports = folder.appendingPathComponent("reports")
        func titles() throws -> Set<String> {
            var found: Set<String> = []
            for file in ["r.html", "r.md", "r.json"] {
                let text = try String(contentsOf: reports.appendingPathComponent(file), encoding: .utf8)
                for t in ["Version one", "Version two"] where text.contains(t) { found.insert(t) }
            }
            return found
        }
        // Kill the second run at spread-out moments of its life, from start-up to its last moves.
        for delay in stride(from: 0.05, through: 3.0, by: 0.35) {
            let p = Process()
            p.executableURL = try screenExecutable()
            p.arguments = base + ["--title", "Version two"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            FileSet.recover(in: reports)
            let t = try titles()
            #expect(t.count == 1, "a mix of reports after a kill at \(delay) s: \(t)")
            #expect(FileSet.stagingFolders(in: reports).isEmpty)
        }
        let last = try runScreen(base + ["--title", "Version two"])
        let finalTitles = try titles()
        #expect(last.status == 0 && finalTitles == ["Version two"], "\(last.stderr)")
    }
}
