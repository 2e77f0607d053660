import GRDB
import ScreenCore
import ScreenNumerics

extension DescriptorStore {
    /// Every candidate id, sorted.
    public func candidateIDs() throws -> [String] {
        try queue.read { db in try String.fetchAll(db, sql: "SELECT id FROM candidates ORDER BY id") }
    }

    /// Candidates in category order, then by id.
    public func candidates(in categories: [CandidateCategory]? = nil) throws -> [Candidate] {
        let all = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM candidates").map(Self.candidate(from:))
        }
        return all.filter { categories?.contains($0.category) ?? true }
            .sorted { ($0.category, $0.id) < ($1.category, $1.id) }
    }

    /// The candidate with id `id` (matched exactly); nil when there is none.
    public func candidate(id: String) throws -> Candidate? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM candidates WHERE id = ?", arguments: [id]).map(Self.candidate(from:))
        }
    }

    /// How many measurements the database holds, as the view `measurements` gives them: the stored
    /// rows, and each composition value once per candidate of its composition.
    /// - Complexity: one count of the rows, and an index look-up of each composition value's candidates.
    public func measurementCount() throws -> Int {
        try queue.read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM measurement_rows)
                  + (SELECT count(*) FROM composition_values v JOIN candidates c ON c.reduced_formula = v.reduced_formula)
                """)!
        }
    }

    /// Measurements, in catalogue property order and then as loaded.
    public func measurements(candidate: String? = nil) throws -> [Measurement] {
        let rows = try rows(of: "measurements", candidate: candidate, orderedBy: "id")
        let order = Dictionary(uniqueKeysWithValues: PropertyCatalogue.all.enumerated().map { ($1.name, $0) })
        let ms = rows.map(Self.measurement(from:))
        if candidate == nil { return ms }
        return ms.enumerated().sorted { (order[$0.element.property] ?? 0, $0.offset) < (order[$1.element.property] ?? 0, $1.offset) }
            .map(\.element)
    }

    /// Performance records, for one candidate or all, in load order.
    public func performance(candidate: String? = nil) throws -> [PerformanceRecord] {
        try rows(of: "performance", candidate: candidate, orderedBy: "id").map(Self.performance(from:))
    }

    /// Phase links, for one candidate or all.
    public func phases(candidate: String? = nil) throws -> [PhaseLink] {
        try rows(of: "phases", candidate: candidate, orderedBy: "rowid").map {
            PhaseLink(candidate: $0["candidate_id"], phase: $0["phase_id"], source: $0["source"],
                      location: $0["location"], note: $0["note"], origin: $0["origin"])
        }
    }

    /// Why derived values are absent (an element without a price or an HHI), for one candidate
    /// or all, by candidate and property. A ranking that finds no cost estimate can state the reason.
    public func derivationGaps(candidate: String? = nil) throws -> [DerivationGap] {
        try rows(of: "derivation_gaps", candidate: candidate, orderedBy: "property", allOrderedBy: "candidate_id, property").map { r in
            DerivationGap(candidate: r["candidate_id"], property: r["property"],
                          missing: (r["missing"] as String).split(separator: " ").map(String.init), reason: r["reason"])
        }
    }

    /// Every row of `table` (a table or view with a `candidate_id` column) for one candidate, or
    /// for all when `candidate` is nil, ordered by `order` (for all, by `allOrder` when given).
    /// Table and columns are the caller's fixed names, never user input.
    func rows(of table: String, candidate: String?, orderedBy order: String, allOrderedBy allOrder: String? = nil) throws -> [Row] {
        try queue.read { db in
            if let candidate {
                return try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE candidate_id = ? ORDER BY \(order)", arguments: [candidate])
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(allOrder ?? order)")
        }
    }

    static func candidate(from row: Row) -> Candidate {
        Candidate(id: row["id"], name: row["name"], formula: row["formula"],
                  category: CandidateCategory(rawValue: row["category"]) ?? .reference, note: row["note"], origin: row["origin"])
    }

    /// A measurement from a row of the `measurements` view (every column, in any order).
    ///
    /// Each column is found by name once per row, through a table of the row's column names:
    /// GRDB's `row["name"]` searches the columns case-insensitively and lowercases every column
    /// name it passes, hundreds of string allocations per measurement of 24 columns, which made
    /// this decoding the largest cost of merging 11,000 moduli into stored candidates.
    /// - Complexity: O(columns) per row.
    static func measurement(from row: Row) -> Measurement {
        var columns: [String: Int] = [:]
        for (i, name) in row.columnNames.enumerated() where columns[name] == nil { columns[name] = i }
        // A missing column is a programming error (every caller selects the whole view).
        func value<T: DatabaseValueConvertible>(_ name: String) -> T { row[columns[name]!] }
        func optional<T: DatabaseValueConvertible>(_ name: String) -> T? { row[columns[name]!] }
        return Measurement(
            candidate: value("candidate_id"), property: value("property"), value: value("value"),
            uncertainty: optional("uncertainty"), rangeLow: optional("range_low"), rangeHigh: optional("range_high"),
            qualifier: (optional("qualifier") as String?).flatMap(Qualifier.init(rawValue:)),
            valueFromRange: value("value_from_range"), valueAsGiven: optional("value_as_given"),
            uncertaintyAsGiven: optional("uncertainty_as_given"), rangeLowAsGiven: optional("range_low_as_given"),
            rangeHighAsGiven: optional("range_high_as_given"), unitAsGiven: value("unit_as_given"), method: value("method"),
            conditions: optional("conditions"),
            conventionAsGiven: (optional("convention_as_given") as String?).flatMap(SignConvention.init(rawValue:)),
            referenceState: (optional("reference_state") as String?).flatMap(ReferenceState.init(rawValue:)),
            source: value("source"), location: optional("location"), note: optional("note"), origin: value("origin"))
    }

    static func performance(from row: Row) -> PerformanceRecord {
        func number(_ given: String, _ value: String) -> ReportedNumber {
            guard let text: String = row[given] else { return .none }
            return ReportedNumber(cell: text)
        }
        var record = PerformanceRecord(
            table: row["table_number"], candidate: row["candidate_id"], cell: row["cell"], material: row["material"],
            technique: row["technique"], electrolyte: row["electrolyte"],
            currentDensity: number("current_density_as_given", "current_density_ma_cm2"),
            capacity: number("capacity_as_given", "capacity_mah_cm2"),
            coulombicEfficiency: number("coulombic_efficiency_as_given", "coulombic_efficiency_pct"),
            overpotential: number("overpotential_as_given", "overpotential_mv"),
            lifespan: (row["lifespan_as_given"] as String?).flatMap(Lifespan.init),
            reference: row["reference"], location: row["location"], note: row["note"], origin: row["origin"])
        record.cellType = (row["cell_type"] as String?).flatMap(CellType.init(rawValue:)) ?? .unknown
        record.cellTypeBasis = row["cell_type_basis"]
        if let c: String = row["conflict"], case .success(let parsed) = PerformanceConflict.parse(c) { record.conflicts = parsed }
        return record
    }
}
