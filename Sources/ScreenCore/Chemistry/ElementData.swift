import Foundation
import ScreenNumerics

/// Per-element data read at run time from a descriptor folder (normally `Descriptors/elements`):
///
/// - `atomic-masses.csv` — `element,atomic_mass,unit,source`: a standard atomic weight (or, for
///   elements without one, a mass number) for each of the 118 elements, unit `u`.
/// - `element-costs.csv` — `element,cost,unit,note,source`: element prices in `USD/kg`.
/// - `hhi_data.csv` (optional) — `#element,HHI_production,HHI_reserve`: each element's
///   Herfindahl–Hirschman index of production and of reserves (0–10,000), pymatgen's file unchanged
///   (it has no source column; its source is stated in `supplyRiskSource`).
///
/// Every row of the first two files must name its source; a bad cell is an `InputError` naming
/// `file:line: field`. Nothing is filled in: an element without a price has no price, an element
/// without an HHI row has no supply-risk index.
public struct ElementData: Sendable {
    /// One row of `atomic-masses.csv`.
    public struct AtomicMass: Sendable, Equatable {
        /// The element symbol.
        public let element: String
        /// Relative atomic mass; numerically the molar mass in g/mol.
        public let value: Double
        /// Always `u` (unified atomic mass units).
        public let unit: String
        /// Where the value comes from.
        public let source: String
    }

    /// One row of `element-costs.csv`.
    public struct ElementPrice: Sendable, Equatable {
        /// The element symbol.
        public let element: String
        /// The element's price, USD/kg (the bundled file: 2013 prices).
        public let usdPerKg: Double
        /// The file's note on the row, possibly empty.
        public let note: String
        /// Where the price comes from.
        public let source: String
    }

    /// One element's Herfindahl–Hirschman indices (0–10,000; higher = more concentrated supply).
    public struct SupplyRiskIndex: Sendable, Equatable {
        /// The element symbol.
        public let element: String
        /// HHI of the countries' shares of the element's production.
        public let production: Double
        /// HHI of the countries' shares of the element's known reserves.
        public let reserve: Double
    }

    /// The atomic-mass file's name in the element folder.
    public static let atomicMassFileName = "atomic-masses.csv"
    /// The price file's name in the element folder.
    public static let elementCostFileName = "element-costs.csv"
    /// The HHI file's name in the element folder (optional).
    public static let supplyRiskFileName = "hhi_data.csv"
    /// Where `hhi_data.csv` comes from (the file itself has no source column).
    public static let supplyRiskSource = "Gaultois et al., Chem. Mater. 25, 2911 (2013), as collected in pymatgen (src/pymatgen/analysis/hhi_data.csv at eebda8c, MIT licence)"
    /// The one unit accepted for atomic masses.
    public static let atomicMassUnit = "u"
    /// The one unit accepted for prices.
    public static let priceUnit = "USD/kg"

    /// Keyed by element symbol; all 118 elements.
    public let atomicMasses: [String: AtomicMass]
    /// Keyed by element symbol; only the elements the cost file prices.
    public let prices: [String: ElementPrice]
    /// Keyed by element symbol; only the elements the HHI file lists. nil when the folder has no
    /// `hhi_data.csv` (then no supply-risk index can be derived, which is said, not filled).
    public let supplyRisk: [String: SupplyRiskIndex]?
    /// The HHI file as read (for sources and messages); nil without one.
    public let supplyRiskFile: String?

    /// Loads the atomic masses and prices from `folder`, and the HHI file when it is there.
    /// - Throws: `InputError` naming the file, line and field of the first problem.
    /// - Complexity: O(r) for r rows in the three files.
    public init(folder: URL) throws {
        let massURL = folder.appendingPathComponent(Self.atomicMassFileName)
        let costURL = folder.appendingPathComponent(Self.elementCostFileName)
        let hhiURL = folder.appendingPathComponent(Self.supplyRiskFileName)
        let hhi = FileManager.default.fileExists(atPath: hhiURL.path) ? try Self.read(hhiURL) : nil
        try self.init(atomicMassCSV: try Self.read(massURL), atomicMassFile: massURL.path,
                      elementCostCSV: try Self.read(costURL), elementCostFile: costURL.path,
                      supplyRiskCSV: hhi, supplyRiskFile: hhiURL.path)
    }

    /// Parses the files' text; `atomicMassFile`, `elementCostFile` and `supplyRiskFile` are the
    /// names errors use. Without `supplyRiskCSV` there are no supply-risk indices.
    /// - Throws: `InputError` naming the file, line and field of the first problem.
    /// - Complexity: O(r) for r rows.
    public init(atomicMassCSV: String, atomicMassFile: String,
                elementCostCSV: String, elementCostFile: String,
                supplyRiskCSV: String? = nil, supplyRiskFile: String = supplyRiskFileName) throws {
        atomicMasses = try Self.parseAtomicMasses(atomicMassCSV, file: atomicMassFile)
        prices = try Self.parseCosts(elementCostCSV, file: elementCostFile)
        supplyRisk = try supplyRiskCSV.map { try Self.parseSupplyRisk($0, file: supplyRiskFile) }
        self.supplyRiskFile = supplyRiskCSV == nil ? nil : supplyRiskFile
    }

    private static func read(_ url: URL) throws -> String {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InputError(file: url.path, "cannot read file (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: url.path, "not valid UTF-8 text")
        }
        return text
    }

    // MARK: atomic-masses.csv (strict RFC 4180, read with CSVTable)

    static func parseAtomicMasses(_ text: String, file: String) throws -> [String: AtomicMass] {
        let table = try CSVTable(text: text, file: file)
        let cElement = try table.column("element")
        let cMass = try table.column("atomic_mass")
        let cUnit = try table.column("unit")
        let cSource = try table.column("source")
        var result: [String: AtomicMass] = [:]
        var seenAt: [String: Int] = [:]
        for record in table.records {
            let f = record.fields
            let symbol = try validSymbol(f[cElement], file: file, line: record.line, seenAt: &seenAt)
            let value = try positiveNumber(f[cMass], file: file, line: record.line, field: "atomic_mass")
            let unit = f[cUnit].trimmingWhitespace()
            guard unit == atomicMassUnit else {
                throw InputError(file: file, line: record.line, field: "unit",
                                 "'\(unit)' is not the atomic mass unit '\(atomicMassUnit)'")
            }
            let source = try requiredSource(f[cSource], file: file, line: record.line)
            result[symbol] = AtomicMass(element: symbol, value: value, unit: unit, source: source)
        }
        let missing = ChemicalElements.symbols.filter { result[$0] == nil }
        guard missing.isEmpty else {
            throw InputError(file: file, "no atomic mass for \(missing.joined(separator: ", ")) (all 118 elements are required)")
        }
        return result
    }

    // MARK: element-costs.csv (lenient last column)

    static let costHeader = ["element", "cost", "unit", "note", "source"]

    /// Reads the cost file one physical line per record. The first four columns must be plain
    /// (no quotes, no commas); the last column, `source`, takes the rest of the line, with one
    /// enclosing pair of quotes removed. Why not `CSVTable`: the bundled file, copied unchanged
    /// from its origin, has quotes inside a quoted source that are not doubled
    /// (`"Wikipedia "Prices of elements and their compounds", 2013; …"`), which strict RFC 4180
    /// rejects.
    static func parseCosts(_ text: String, file: String) throws -> [String: ElementPrice] {
        var lines = text.components(separatedBy: "\n")
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        lines = lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
        guard let headerLine = lines.first, !headerLine.isEmpty else {
            throw InputError(file: file, line: 1, "empty file: a header row is required")
        }
        let header = headerLine.components(separatedBy: ",").map { $0.trimmingWhitespace() }
        guard header == costHeader else {
            throw InputError(file: file, line: 1,
                             "header must be '\(costHeader.joined(separator: ","))', found '\(headerLine)'")
        }
        var result: [String: ElementPrice] = [:]
        var seenAt: [String: Int] = [:]
        for (k, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let lineNumber = k + 1
            var parts = line.split(separator: ",", maxSplits: costHeader.count - 1, omittingEmptySubsequences: false)
                .map(String.init)
            guard parts.count == costHeader.count else {
                throw InputError(file: file, line: lineNumber,
                                 "has \(parts.count) fields, the header has \(costHeader.count)")
            }
            for (name, value) in zip(costHeader.dropLast(), parts.dropLast()) where value.contains("\"") {
                throw InputError(file: file, line: lineNumber, field: name,
                                 "quotes are only allowed in the last column, source")
            }
            var source = parts.removeLast()
            if source.count >= 2, source.hasPrefix("\""), source.hasSuffix("\"") {
                source = String(source.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
            }
            let symbol = try validSymbol(parts[0], file: file, line: lineNumber, seenAt: &seenAt)
            let cost = try positiveNumber(parts[1], file: file, line: lineNumber, field: "cost")
            let unit = parts[2].trimmingWhitespace()
            guard unit == priceUnit else {
                throw InputError(file: file, line: lineNumber, field: "unit",
                                 "'\(unit)' is not the price unit '\(priceUnit)'")
            }
            source = try requiredSource(source, file: file, line: lineNumber)
            result[symbol] = ElementPrice(element: symbol, usdPerKg: cost,
                                          note: parts[3].trimmingWhitespace(), source: source)
        }
        return result
    }

    // MARK: hhi_data.csv (pymatgen's layout)

    static let supplyRiskHeader = "#element,HHI_production,HHI_reserve"

    /// Reads pymatgen's HHI file as pymatgen's `HHIModel` does (lines starting with `#` are
    /// comments; the first must be the header above), but strictly: three fields, a known element
    /// symbol, both indices numbers in 0…10,000. An element listed twice with the same indices is
    /// accepted (the bundled file repeats Bi on its last line); with different indices it is an
    /// error naming both lines, where pymatgen would silently keep the last.
    static func parseSupplyRisk(_ text: String, file: String) throws -> [String: SupplyRiskIndex] {
        var lines = text.components(separatedBy: "\n")
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        lines = lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
        guard lines.first?.trimmingWhitespace() == supplyRiskHeader else {
            throw InputError(file: file, line: 1, "header must be '\(supplyRiskHeader)', found '\(lines.first ?? "")'")
        }
        var result: [String: SupplyRiskIndex] = [:]
        var seenAt: [String: Int] = [:]
        for (k, line) in lines.enumerated().dropFirst() where !line.isEmpty && !line.hasPrefix("#") {
            let lineNumber = k + 1
            let parts = line.components(separatedBy: ",").map { $0.trimmingWhitespace() }
            guard parts.count == 3 else {
                throw InputError(file: file, line: lineNumber, "has \(parts.count) fields, the header has 3")
            }
            let symbol = parts[0]
            guard ChemicalElements.isSymbol(symbol) else {
                throw InputError(file: file, line: lineNumber, field: "element", "'\(symbol)' is not one of the 118 element symbols")
            }
            let production = try index(parts[1], file: file, line: lineNumber, field: "HHI_production")
            let reserve = try index(parts[2], file: file, line: lineNumber, field: "HHI_reserve")
            let entry = SupplyRiskIndex(element: symbol, production: production, reserve: reserve)
            if let earlier = result[symbol] {
                guard earlier == entry else {
                    throw InputError(file: file, line: lineNumber, field: "element",
                                     // `seenAt[symbol]` is set together with `result[symbol]` below.
                                     "\(symbol) appears again with other indices (\(parts[1]), \(parts[2])) than on line \(seenAt[symbol]!) (\(formatNumber(earlier.production)), \(formatNumber(earlier.reserve)))")
                }
                continue
            }
            result[symbol] = entry
            seenAt[symbol] = lineNumber
        }
        return result
    }

    private static func index(_ raw: String, file: String, line: Int, field: String) throws -> Double {
        guard let x = Double(raw), x.isFinite else {
            throw InputError(file: file, line: line, field: field, "'\(raw)' is not a number")
        }
        guard (0...10_000).contains(x) else {
            throw InputError(file: file, line: line, field: field, "\(raw) is outside the index's range 0 to 10000")
        }
        return x
    }

    // MARK: Cell checks

    private static func validSymbol(_ raw: String, file: String, line: Int, seenAt: inout [String: Int]) throws -> String {
        let symbol = raw.trimmingWhitespace()
        guard ChemicalElements.isSymbol(symbol) else {
            throw InputError(file: file, line: line, field: "element", "'\(symbol)' is not one of the 118 element symbols")
        }
        if let earlier = seenAt[symbol] {
            throw InputError(file: file, line: line, field: "element", "\(symbol) appears twice (first on line \(earlier))")
        }
        seenAt[symbol] = line
        return symbol
    }

    private static func positiveNumber(_ raw: String, file: String, line: Int, field: String) throws -> Double {
        let s = raw.trimmingWhitespace()
        guard let x = Double(s), x.isFinite else {
            throw InputError(file: file, line: line, field: field, "'\(s)' is not a number")
        }
        guard x > 0 else { throw InputError(file: file, line: line, field: field, "\(s) is not positive") }
        return x
    }

    private static func requiredSource(_ raw: String, file: String, line: Int) throws -> String {
        let s = raw.trimmingWhitespace()
        guard !s.isEmpty else { throw InputError(file: file, line: line, field: "source", "every value must name its source") }
        return s
    }
}
