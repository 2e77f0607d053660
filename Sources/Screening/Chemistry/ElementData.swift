import Foundation

/// Per-element data read at run time from a descriptor folder (normally `Descriptors/elements`):
///
/// - `atomic-masses.csv` — `element,atomic_mass,unit,source`: a standard atomic weight (or, for
///   elements without one, a mass number) for each of the 118 elements, unit `u`.
/// - `element-costs.csv` — `element,cost,unit,note,source`: element prices in `USD/kg`.
///
/// Every row must name its source; a bad cell is an `InputError` naming `file:line: field`.
/// Nothing is filled in: an element without a price has no price.
public struct ElementData: Sendable {
    public struct AtomicMass: Sendable, Equatable {
        public let element: String
        /// Relative atomic mass; numerically the molar mass in g/mol.
        public let value: Double
        public let unit: String
        public let source: String
    }

    public struct ElementPrice: Sendable, Equatable {
        public let element: String
        public let usdPerKg: Double
        public let note: String
        public let source: String
    }

    public static let atomicMassFileName = "atomic-masses.csv"
    public static let elementCostFileName = "element-costs.csv"
    public static let atomicMassUnit = "u"
    public static let priceUnit = "USD/kg"

    /// Keyed by element symbol; all 118 elements.
    public let atomicMasses: [String: AtomicMass]
    /// Keyed by element symbol; only the elements the cost file prices.
    public let prices: [String: ElementPrice]

    /// Loads both files from `folder`.
    /// - Throws: `InputError` naming the file, line and field of the first problem.
    public init(folder: URL) throws {
        let massURL = folder.appendingPathComponent(Self.atomicMassFileName)
        let costURL = folder.appendingPathComponent(Self.elementCostFileName)
        try self.init(atomicMassCSV: try Self.read(massURL), atomicMassFile: massURL.path,
                      elementCostCSV: try Self.read(costURL), elementCostFile: costURL.path)
    }

    /// Parses the two files' text; `atomicMassFile` and `elementCostFile` are the names errors use.
    public init(atomicMassCSV: String, atomicMassFile: String,
                elementCostCSV: String, elementCostFile: String) throws {
        atomicMasses = try Self.parseAtomicMasses(atomicMassCSV, file: atomicMassFile)
        prices = try Self.parseCosts(elementCostCSV, file: elementCostFile)
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
            let unit = f[cUnit].trimmingCharacters(in: .whitespaces)
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
        let header = headerLine.components(separatedBy: ",").map { $0.trimmingCharacters(in: .whitespaces) }
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
            let unit = parts[2].trimmingCharacters(in: .whitespaces)
            guard unit == priceUnit else {
                throw InputError(file: file, line: lineNumber, field: "unit",
                                 "'\(unit)' is not the price unit '\(priceUnit)'")
            }
            source = try requiredSource(source, file: file, line: lineNumber)
            result[symbol] = ElementPrice(element: symbol, usdPerKg: cost,
                                          note: parts[3].trimmingCharacters(in: .whitespaces), source: source)
        }
        return result
    }

    // MARK: Cell checks

    private static func validSymbol(_ raw: String, file: String, line: Int, seenAt: inout [String: Int]) throws -> String {
        let symbol = raw.trimmingCharacters(in: .whitespaces)
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
        let s = raw.trimmingCharacters(in: .whitespaces)
        guard let x = Double(s), x.isFinite else {
            throw InputError(file: file, line: line, field: field, "'\(s)' is not a number")
        }
        guard x > 0 else { throw InputError(file: file, line: line, field: field, "\(s) is not positive") }
        return x
    }

    private static func requiredSource(_ raw: String, file: String, line: Int) throws -> String {
        let s = raw.trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty else { throw InputError(file: file, line: line, field: "source", "every value must name its source") }
        return s
    }
}
