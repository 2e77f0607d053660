import ScreenCore
import ScreenNumerics
/// How many candidates of each category have each property: the table that tells a
/// user where the data are thin before they trust a ranking.
public struct CoverageReport {
    /// The categories that have at least one candidate, in `CandidateCategory` order.
    public let categories: [CandidateCategory]
    /// How many candidates each category has (only categories with some).
    public let candidatesPerCategory: [CandidateCategory: Int]
    /// property → category → number of candidates with at least one measurement.
    public let coverage: [String: [CandidateCategory: Int]]
    /// How many measurements the database holds.
    public let measurementCount: Int
    /// How many performance records the database holds.
    public let performanceCount: Int
    /// Properties with at least one measurement, in catalogue order.
    public let properties: [String]

    /// Counts the database's candidates, measurements and performance records.
    /// - Complexity: O(c + m + p) for c candidates, m measurements and p performance records, all read into memory.
    public init(store: DescriptorStore) throws {
        let candidates = try store.candidates()
        let measurements = try store.measurements()
        let categoryOf = Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, $0.category) })
        var perCategory: [CandidateCategory: Int] = [:]
        for c in candidates { perCategory[c.category, default: 0] += 1 }
        var havers: [String: Set<String>] = [:]
        for m in measurements { havers[m.property, default: []].insert(m.candidate) }
        var coverage: [String: [CandidateCategory: Int]] = [:]
        for (property, ids) in havers {
            for id in ids { if let cat = categoryOf[id] { coverage[property, default: [:]][cat, default: 0] += 1 } }
        }
        self.categories = CandidateCategory.allCases.filter { perCategory[$0] != nil }
        self.candidatesPerCategory = perCategory
        self.coverage = coverage
        self.measurementCount = measurements.count
        self.performanceCount = try store.performance().count
        self.properties = PropertyCatalogue.all.map(\.name).filter { havers[$0] != nil }
    }

    /// How many candidates the database holds, all categories together.
    public var candidateCount: Int { candidatesPerCategory.values.reduce(0, +) }

    /// "N candidates, M measurements, P performance records": the first line of the report, and
    /// what `db build` says it built.
    public var counts: String {
        "\(candidateCount) candidates, \(measurementCount) measurements, \(performanceCount) performance records"
    }

    /// The report as printed: the counts, candidates per category, then the coverage table ("-" for none).
    public func text() -> String {
        var out = counts + "\n\n"
        out += TextTable(header: ["category", "candidates"],
                         rows: categories.map { [$0.rawValue, String(candidatesPerCategory[$0] ?? 0)] } + [["total", String(candidateCount)]],
                         rightAligned: [1]).rendered()
        out += "\nCoverage: candidates with at least one value of each property, per category (- = none)\n\n"
        let header = ["property"] + categories.map(\.rawValue) + ["all"]
        let rows = properties.map { p -> [String] in
            let counts = categories.map { coverage[p]?[$0] ?? 0 }
            return [p] + counts.map { $0 == 0 ? "-" : String($0) } + [String(counts.reduce(0, +))]
        }
        out += TextTable(header: header, rows: rows, rightAligned: Set(1..<header.count)).rendered()
        return out
    }

    /// The report as one JSON object: the counts, `candidates_per_category`, and `coverage` (property →
    /// category → number of candidates).
    public func json() -> JSONValue {
        .object([
            ("candidates", .integer(candidateCount)),
            ("measurements", .integer(measurementCount)),
            ("performance_records", .integer(performanceCount)),
            ("candidates_per_category", .object(categories.map { ($0.rawValue, .integer(candidatesPerCategory[$0] ?? 0)) })),
            ("coverage", .object(properties.map { p in
                (p, .object(categories.map { ($0.rawValue, .integer(coverage[p]?[$0] ?? 0)) }))
            })),
        ])
    }

    /// The coverage table as CSV: one row per property, one column per category (0 for none).
    public func csv() throws -> String {
        try CSVOutput.render(header: ["property"] + categories.map(\.rawValue),
                             rows: properties.map { p in [p] + categories.map { String(coverage[p]?[$0] ?? 0) } })
    }
}

extension CoverageReport: TableOutput {}
