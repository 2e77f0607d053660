import Foundation
import Testing
@testable import ScreenCore

/// The long commands' progress as a person and a program see it: with standard error a pipe
/// (every other test, and any script) nothing is added to it; on a pseudo-terminal (util-linux
/// `script`) a line is drawn and erased before the command's own output.
@Suite("Progress of the long commands", .serialized)
struct ProgressCommandTests {
    /// Commands that run long enough to draw with `SCREEN_PROGRESS_DELAY=0`, and the label each draws.
    static func commands(db: String, out: URL) -> [(arguments: [String], label: String)] {
        [
            (["sensitivity", "smaa", "--profile", "sei", "--samples", "100000", "--db", db], "SMAA:"),
            (["sensitivity", "sobol", "--profile", "sei", "--samples", "2048", "--bootstrap", "20", "--db", db], "Sobol':"),
            (["report", "--profile", "sei", "--samples", "20000", "--db", db, "--out", out.appendingPathComponent("r").path], "report:"),
        ]
    }

    @Test("standard error a pipe: no progress text, whatever the delay")
    func pipe() throws {
        let (folder, db) = try builtDatabase()
        for c in Self.commands(db: db, out: folder) {
            let r = try runScreen(c.arguments, environment: ["SCREEN_PROGRESS_DELAY": "0"])
            #expect(r.status == 0, "\(c.arguments): \(r.stderr)")
            #expect(!r.stderr.contains("\r") && !r.stderr.contains("\u{1B}[K") && !r.stderr.contains(c.label), "\(c.arguments): \(r.stderr.debugDescription)")
        }
        // An import through a mapping: its summary line only.
        let r = try runScreen(["db", "import", "Descriptors/computed/mp-bulk-modulus-log10.csv",
                               "--mapping", "Descriptors/mappings/mp-bulk-modulus-log10.yaml", "--db", db],
                              environment: ["SCREEN_PROGRESS_DELAY": "0"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("\r") && !r.stderr.contains("rows read"), "\(r.stderr.debugDescription)")
    }

    @Test("on a pseudo-terminal: a progress line, erased before the output", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func terminal() throws {
        let (folder, db) = try builtDatabase()
        let screen = try screenExecutable().path
        var cases = Self.commands(db: db, out: folder)
        cases.append((["db", "import", "Descriptors/computed/mp-bulk-modulus-log10.csv",
                       "--mapping", "Descriptors/mappings/mp-bulk-modulus-log10.yaml", "--db", db], "import:"))
        for c in cases {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            // -q quiet, -e the command's exit status, -c the command; the typescript goes nowhere.
            process.arguments = ["-qec", ([screen] + c.arguments).joined(separator: " "), "/dev/null"]
            process.currentDirectoryURL = packageRoot
            var env = ProcessInfo.processInfo.environment
            env["SCREEN_PROGRESS_DELAY"] = "0"
            env.removeValue(forKey: "SCREEN_NO_PROGRESS")
            process.environment = env
            let out = Pipe()
            process.standardOutput = out
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(c.arguments): \(text.suffix(400))")
            // The line is drawn in place (carriage return, erase to the end of the line)...
            guard let drawn = text.range(of: "\r" + c.label) else {
                Issue.record("\(c.arguments): no progress line in \(text.prefix(600).debugDescription)")
                continue
            }
            // ...and erased: after the last drawing comes "\r\e[K", and only then the output.
            let last = text.range(of: "\r" + c.label, options: .backwards)!
            let rest = text[last.upperBound...]
            guard let erased = rest.range(of: "\r\u{1B}[K") else {
                Issue.record("\(c.arguments): the line is not erased: \(rest.prefix(300).debugDescription)")
                continue
            }
            #expect(!rest[erased.upperBound...].contains("\r" + c.label))
            #expect(drawn.lowerBound <= last.lowerBound)
        }
    }
}
