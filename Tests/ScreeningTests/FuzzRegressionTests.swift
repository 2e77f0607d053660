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

/// The inputs the libFuzzer harness (Fuzz/, `Fuzz/run.sh`) found, kept under
/// Fuzz/Regressions/<target>/ and replayed here through the same readers: each must be read or
/// rejected with an `InputError` naming the file (and line) — never a crash, and never an error
/// of another kind (a Foundation error names neither file nor line).
@Suite("Fuzz regressions: the inputs the fuzzer found are read or rejected cleanly")
struct FuzzRegressionTests {
    static let regressions = packageRoot.appendingPathComponent("Fuzz/Regressions")

    /// The kept inputs of one fuzz target.
    static func inputs(_ target: String) throws -> [URL] {
        let folder = regressions.appendingPathComponent(target)
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.path < $1.path }
    }

    /// The error must be one of the library's input errors and name `file`.
    static func expectNamesFile(_ error: Error, _ file: String) {
        switch error {
        case let e as InputError: #expect(e.file == file, "\(e)")
        case let e as DescriptorProblems: #expect(!e.problems.isEmpty && e.problems.allSatisfy { $0.file == file }, "\(e)")
        default: Issue.record("an error of an unexpected kind \(type(of: error)): \(error)")
        }
    }

    /// The streaming JSON reader over a file whose first line is the key path of the array (the
    /// layout of the `streaming-json` fuzz target).
    static func readStreamingJSON(_ url: URL, in folder: URL) throws -> Int {
        let bytes = try Data(contentsOf: url)
        let newline = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
        let path = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: ".").map(String.init)
        let data = folder.appendingPathComponent("data.json")
        try Data(bytes[min(newline + 1, bytes.endIndex)...]).write(to: data)
        let reader = try StreamingJSONArrayReader(try ByteSource(url: data, file: "data.json"), path: path)
        var n = 0
        while try reader.next() != nil { n += 1 }
        return n
    }

    @Test("streaming-json: every kept input is read or rejected with an InputError naming the file")
    func streamingJSONInputs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = try Self.inputs("streaming-json")
        #expect(!inputs.isEmpty)
        for url in inputs {
            do { _ = try Self.readStreamingJSON(url, in: folder) } catch { Self.expectNamesFile(error, "data.json") }
        }
    }

    /// Found by the fuzzer: a key before the array that is not JSON (`<[1]` in `{"b": 1, <[1]: 2}`)
    /// escaped as JSONSerialization's NSError ("The data is not in the correct format"), naming
    /// neither the file nor the line.
    @Test("a key before the records that is not JSON is an InputError with file and line")
    func keyThatIsNotJSON() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("x.json")
        try write("{\"b\": 1,\n <[1]: [2]}", to: url)
        let reader = try StreamingJSONArrayReader(try ByteSource(url: url, file: "x.json"), path: ["a"])
        do {
            _ = try reader.next()
            Issue.record("no error")
        } catch let e as InputError {
            #expect(e.file == "x.json" && e.line == 2 && e.reason == "expected a key (a string)", "\(e)")
        }
        // The same through an import mapping with records: under a key path.
        let mapping = try ImportMapping.load(
            yaml: "format: json\nrecords: data.entries\nid: id\nformula: f\nmethod: \"DFT (test)\"\nsource: \"test\"\nproperties:\n  band_gap: {path: gap, unit: eV}\n",
            file: "m.yaml", folder: folder)
        try write("{\"meta\": {},\n nope: []}", to: url)
        var mapped = MappedRecordReader(mapping: mapping, format: .json, file: "x.json", existing: [:], masses: nil, massFile: nil)
        #expect(throws: InputError(file: "x.json", line: 2, "expected a key (a string)")) { try mapped.read(url) }
    }

    /// The empty file the fuzzer started from: a clear error with line 1 (Foundation's
    /// Data(contentsOf:) leaks 4 KiB reading it, suppressed in Fuzz/lsan.supp).
    @Test("an empty descriptor CSV is an InputError on line 1")
    func emptyCSV() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("empty.csv")
        try write("", to: url)
        #expect(throws: InputError(file: "empty.csv", line: 1, "empty file: a header row is required")) {
            try CSVTable(contentsOf: url, displayName: "empty.csv")
        }
    }

    /// Found by the fuzzer (LeakSanitizer, on its first gzip seed): a gzip stream read to its end
    /// never had `inflateEnd` called, leaking zlib's state and window (about 40 KB per gzip file
    /// read). The leak itself is only visible to LeakSanitizer (the fuzz run replays
    /// Fuzz/Regressions/streaming-csv); this checks the gzip input still reads whole, member after member.
    @Test("streaming-csv: the kept gzip input is read whole")
    func gzipInput() throws {
        let inputs = try Self.inputs("streaming-csv")
        #expect(!inputs.isEmpty)
        for url in inputs {
            let reader = try StreamingCSVReader(try ByteSource(url: url, file: url.lastPathComponent))
            var records: [[String]] = []
            while let r = try reader.next() { records.append(r.fields) }
            #expect(records == [["a", "b"], ["1", "2"], ["3", "4"]], "\(url.lastPathComponent)")
        }
    }

    /// Found by the fuzzer (a timeout): `a*b*c*…` expands to a + b + a:b + c + … — 2ⁿ − 1 terms for
    /// n factors — so a formula of 143 characters ran for ever (and the duplicate checks were
    /// quadratic). Now more than 1000 terms is a FormulaError at the term, and the checks hash.
    @Test("regression-formula: a formula expanding to more than 1000 terms is a FormulaError, and promptly")
    func exponentialFormula() throws {
        let names = (0..<30).map { "a\($0)" }
        #expect(throws: FormulaError(formula: "y ~ " + names.joined(separator: "*"), position: 4,
                                     reason: "the terms expand to more than 1000 model terms (a*b*c*… of n factors has 2ⁿ − 1)")) {
            try Formula("y ~ " + names.joined(separator: "*"))
        }
        // Ten factors are 1023 terms: refused; nine are 511: read.
        #expect(throws: FormulaError.self) { try Formula("y ~ " + names.prefix(10).joined(separator: "*")) }
        #expect(try Formula("y ~ " + names.prefix(9).joined(separator: "*")).terms.count == 511)
        // A large model that stays within the limit: 20 + 20 + 400 terms.
        #expect(try Formula("y ~ poly(x, 20) * poly(z, 20)").terms.count == 440)
        // Every kept input is read or refused with a FormulaError (the harness's 10 s limit is its timeout).
        let inputs = try Self.inputs("regression-formula")
        #expect(!inputs.isEmpty)
        for url in inputs {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            let start = Date()
            do { _ = try Formula(text) } catch is FormulaError {} catch { Issue.record("\(url.lastPathComponent): \(error)") }
            #expect(Date().timeIntervalSince(start) < 10, "\(url.lastPathComponent)")
        }
        #expect(throws: FormulaError.self) {
            try Formula(String(decoding: try Data(contentsOf: Self.regressions.appendingPathComponent("regression-formula/exponential-cross-as-found")), as: UTF8.self))
        }
    }

    /// Replays every kept YAML input of `target` through `load` (given its text), which must read
    /// it or throw errors naming `file`.
    static func replayYAML(_ target: String, file: String, _ load: (String) throws -> Void) throws {
        let inputs = try inputs(target)
        #expect(!inputs.isEmpty)
        for url in inputs {
            do { try load(String(decoding: try Data(contentsOf: url), as: UTF8.self)) } catch { expectNamesFile(error, file) }
        }
    }

    @Test("mapping: every kept mapping is read or rejected with errors naming the file")
    func mappingInputs() throws {
        try Self.replayYAML("mapping", file: "m.yaml") {
            _ = try ImportMapping.load(yaml: $0, file: "m.yaml", folder: URL(fileURLWithPath: "/nonexistent"))
        }
    }

    /// Found by the fuzzer: an empty or blank quantity (`plausible: {low: ,2.54 …}` reads as
    /// `low: ""`) crashed the profile reader with an index out of range.
    @Test("profile: every kept profile is read or rejected with errors naming the file")
    func profileInputs() throws {
        try Self.replayYAML("profile", file: "p.yaml") { _ = try ProfileLoader.load(yaml: $0, file: "p.yaml") }
    }
}
