// libFuzzer driver for the input readers of `screen` (issue 13).
//
//     screen-fuzz <target> [libFuzzer options] [corpus folders]
//
// SwiftPM renames an executable target's entry point, so libFuzzer's own `main` is never used:
// this file is an ordinary program that hands the remaining arguments to `LLVMFuzzerRunDriver`
// with the selected target's callback. Bad input is expected: a thrown error (or a collected
// problem) is a normal outcome, but it must be a readable error naming the input file; only
// crashes, traps, sanitizer reports, timeouts, out-of-memory — and an error of an unexpected kind
// or one that does not name the file — are findings.
import Foundation
import Screening
@testable import ScreenCore
@testable import ScreenRegression
@testable import ScreenScoring
@testable import ScreenStore

// MARK: - libFuzzer

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The display name every reader is given; each error must name it.
let inputName = "fuzz-input"

/// Stops the run as a finding (libFuzzer reports the input that got here).
func finding(_ message: String) -> Never {
    FileHandle.standardError.write(Data("screen-fuzz finding: \(message)\n".utf8))
    abort()
}

/// A thrown error must be one of the library's input errors and name the input.
func checkFileError(_ error: Error, _ what: String) {
    let text: String
    switch error {
    case let e as InputError: text = e.description
    case let e as DescriptorProblems:
        guard !e.problems.isEmpty else { finding("\(what): DescriptorProblems without problems") }
        for p in e.problems where !p.description.contains(inputName) {
            finding("\(what): a problem that does not name the file: \(p.description)")
        }
        text = e.description
    default: finding("\(what): an error of an unexpected kind \(type(of: error)): \(error)")
    }
    if !text.contains(inputName) { finding("\(what): an error that does not name the file: \(text)") }
}

// MARK: - Targets

/// A scratch file for the readers that read files (one per process, on tmpfs when there is one).
let scratchFolder: String = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
let scratchPath = "\(scratchFolder)/screen-fuzz-\(getpid())"
let scratchURL = URL(fileURLWithPath: scratchPath)

func writeScratch(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let f = fopen(scratchPath, "wb") else { finding("cannot write \(scratchPath)") }
    if bytes.count > 0 { _ = fwrite(bytes.baseAddress, 1, bytes.count, f) }
    fclose(f)
}

/// The repository's Descriptors/ folder (atomic masses for the densities of the mapped JSON reader).
let descriptors = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../Descriptors").standardizedFileURL

/// CSVTable (the whole-file reader of the descriptor files), then the descriptor parser for every
/// layout.
func fuzzCSV(_ bytes: UnsafeBufferPointer<UInt8>) {
    writeScratch(bytes)
    let table: CSVTable
    do { table = try CSVTable(contentsOf: scratchURL, displayName: inputName) } catch { checkFileError(error, "CSVTable"); return }
    for kind in DescriptorFileKind.allCases {
        var problems: [InputError] = []
        _ = DescriptorParser.parse(table, as: kind, problems: &problems)
        for p in problems where !p.description.contains(inputName) { finding("DescriptorParser(\(kind)): \(p.description)") }
    }
}

func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

/// A chemical formula, and everything derived from it.
func fuzzChemicalFormula(_ bytes: UnsafeBufferPointer<UInt8>) {
    let f: ChemicalFormula
    do { f = try ChemicalFormula(text(bytes)) } catch is ChemicalFormulaError { return } catch {
        finding("ChemicalFormula: an error of an unexpected kind \(type(of: error)): \(error)")
    }
    for (e, a) in f.amounts where !(a.isFinite && a > 0) { finding("ChemicalFormula: amount \(a) of \(e)") }
    _ = (f.elements, f.totalAmount, f.atomicFractions, f.reductionFactor, f.reducedAmounts)
    _ = (f.hillFormula, f.reducedFormula, f.conventionalFormula, f.reducedKey)
}

/// A regression formula, its names and its evaluation.
func fuzzRegressionFormula(_ bytes: UnsafeBufferPointer<UInt8>) {
    let f: Formula
    do { f = try Formula(text(bytes)) } catch is FormulaError { return } catch {
        finding("Formula: an error of an unexpected kind \(type(of: error)): \(error)")
    }
    _ = (f.description, f.variables, f.coefficientNames)
    for value in [1.5, -2.0, 0.0] {
        _ = f.response.evaluate { _ in value }
        for t in f.terms { for e in t.factors { _ = e.evaluate { _ in value } } }
    }
}

/// A profile YAML.
func fuzzProfile(_ bytes: UnsafeBufferPointer<UInt8>) {
    do { _ = try ProfileLoader.load(yaml: text(bytes), file: inputName) } catch { checkFileError(error, "ProfileLoader") }
}

/// An import mapping YAML.
func fuzzMapping(_ bytes: UnsafeBufferPointer<UInt8>) {
    do {
        let m = try ImportMapping.load(yaml: text(bytes), file: inputName, folder: URL(fileURLWithPath: "/nonexistent"))
        for format in ImportMapping.Format.allCases {
            for p in m.formatProblems(format) where !p.description.contains(inputName) { finding("formatProblems: \(p.description)") }
        }
    } catch { checkFileError(error, "ImportMapping") }
}

/// Fixed, realistic mappings for the data-file targets (every feature of a mapping: an id column,
/// a name, two properties with units, an uncertainty, exclude:, existing: merge, a structure).
let csvMapping = """
    format: csv
    id: task_id
    formula: composition
    name: name
    category: computed
    existing: merge
    method: "DFT-PBE (fuzz)"
    source: "fuzz"
    properties:
      band_gap: {column: band_gap, unit: eV, uncertainty: band_gap_err}
      bulk_modulus: {column: k, unit: GPa}
    exclude:
      mp-3: "left out"
    """
let jsonMapping = """
    format: json
    id: mp_id
    formula: formula
    category: computed
    existing: merge
    method: "DFT-PBE (fuzz)"
    source: "fuzz"
    structure: structure
    properties:
      bulk_modulus: {path: bulk_modulus_vrh, unit: GPa}
      shear_modulus: {path: elastic.shear, unit: GPa}
    exclude:
      mp-3: "left out"
    """
/// The same with the records under a key path (chosen when the input starts with `{`).
let nestedJSONMapping = jsonMapping + "\nrecords: data.entries\n"

func loadMapping(_ yaml: String) -> ImportMapping {
    do { return try ImportMapping.load(yaml: yaml, file: "fuzz-mapping.yaml", folder: URL(fileURLWithPath: "/nonexistent")) } catch {
        finding("the fixed mapping does not load: \(error)")
    }
}

nonisolated(unsafe) var mappings: [String: ImportMapping] = [:]
nonisolated(unsafe) var masses: ElementData? = nil
/// Candidates already in the "database": one with a formula, one without.
let existing: [String: String?] = ["mp-1": "Cl1Na1", "mp-2": nil]

func fuzzMapped(_ bytes: UnsafeBufferPointer<UInt8>, json: Bool) {
    writeScratch(bytes)
    let nested = json && bytes.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "{")
    let mapping = mappings[json ? (nested ? "nested" : "json") : "csv"]!
    var reader = MappedRecordReader(mapping: mapping, format: json ? .json : .csv, file: inputName, existing: existing,
                                    masses: masses, massFile: "atomic-masses.csv")
    do { try reader.read(scratchURL) } catch { checkFileError(error, "MappedRecordReader"); return }
    for p in reader.problems where !p.description.contains(inputName) { finding("MappedRecordReader problem: \(p.description)") }
    for m in reader.result.measurements + reader.result.structureDerived where !m.value.isFinite {
        finding("MappedRecordReader: a measurement that is not finite: \(m)")
    }
}

/// The streaming CSV reader alone (plain or gzip), record by record.
func fuzzStreamingCSV(_ bytes: UnsafeBufferPointer<UInt8>) {
    writeScratch(bytes)
    do {
        let reader = try StreamingCSVReader(ByteSource(url: scratchURL, file: inputName))
        while let _ = try reader.next() {}
    } catch { checkFileError(error, "StreamingCSVReader") }
}

/// The streaming JSON array reader alone; the key path is the input's first line (`a.b`, or empty).
func fuzzStreamingJSON(_ bytes: UnsafeBufferPointer<UInt8>) {
    let newline = bytes.firstIndex(of: 0x0A) ?? bytes.count
    let path = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<newline]), as: UTF8.self)
        .split(separator: ".").map(String.init)
    writeScratch(UnsafeBufferPointer(rebasing: bytes[min(newline + 1, bytes.count)...]))
    do {
        let reader = try StreamingJSONArrayReader(ByteSource(url: scratchURL, file: inputName), path: path)
        while let _ = try reader.next() {}
    } catch { checkFileError(error, "StreamingJSONArrayReader") }
}

let targets: [String: (UnsafeBufferPointer<UInt8>) -> Void] = [
    "csv": fuzzCSV,
    "chemical-formula": fuzzChemicalFormula,
    "regression-formula": fuzzRegressionFormula,
    "profile": fuzzProfile,
    "mapping": fuzzMapping,
    "mapped-csv": { fuzzMapped($0, json: false) },
    "mapped-json": { fuzzMapped($0, json: true) },
    "streaming-csv": fuzzStreamingCSV,
    "streaming-json": fuzzStreamingJSON,
]

nonisolated(unsafe) var selected: (UnsafeBufferPointer<UInt8>) -> Void = { _ in }

// MARK: - Main

let arguments = CommandLine.arguments
guard arguments.count >= 2, let target = targets[arguments[1]] else {
    FileHandle.standardError.write(Data("""
        usage: screen-fuzz <target> [libFuzzer options] [corpus folders]
        targets: \(targets.keys.sorted().joined(separator: ", "))

        """.utf8))
    exit(2)
}
selected = target
if arguments[1].hasPrefix("mapped-") {
    mappings = ["csv": loadMapping(csvMapping), "json": loadMapping(jsonMapping), "nested": loadMapping(nestedJSONMapping)]
    do { masses = try ElementData(folder: descriptors.appendingPathComponent("elements")) } catch {
        finding("cannot read the atomic masses in \(descriptors.path)/elements: \(error)")
    }
}
atexit { unlink(scratchPath) }

// libFuzzer sees the program name followed by the arguments after the target.
var cArguments: [UnsafeMutablePointer<CChar>?] = ([arguments[0]] + arguments.dropFirst(2)).map { strdup($0) } + [nil]
var argc = CInt(cArguments.count - 1)
let status = cArguments.withUnsafeMutableBufferPointer { buffer -> CInt in
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        selected(UnsafeBufferPointer(start: size == 0 ? nil : data, count: size))
        return 0
    }
}
exit(status)
