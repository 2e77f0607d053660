import GRDB
import ScreenCore

/// The thermodynamics stage's whole answer for one composition against an open element, as JSON,
/// stored beside the stability descriptors derived from it (table `stability_reports`).
///
/// Why stored: the descriptors are numbers with their products written into a `conditions` text;
/// a report that shows what the removed compounds turn into needs those products as data. Storing
/// the answer the descriptors came from lets it read them instead of solving every hull again, and
/// it cannot disagree with the descriptors: both are replaced in one transaction. The store does
/// not read the JSON; the thermodynamics stage writes and decodes it.
///
/// `composition`: the reduced key (`ChemicalFormula.reducedKey`, e.g. `Na2O4S`); `openElement`: the
/// element the report is against (`Na`); `json`: the report.
public typealias StoredStabilityReport = (composition: String, openElement: String, json: String)

extension DescriptorStore {
    /// `replaceDerived(properties:method:producing:)` for the stability descriptors: in the same
    /// transaction every stored stability report is deleted, and `produce` hands over each
    /// composition's values with its report (nil for a composition not analysed against an open
    /// element), written at once. When `produce` throws, the transaction is rolled back: the old
    /// values and reports stay.
    ///
    /// - Throws: store errors, and an error for two reports of one composition and open element.
    /// - Complexity: as `replaceDerived(properties:method:producing:)`, plus one insert per report.
    /// - Returns: how many derived values were removed.
    @discardableResult
    public func replaceStabilityDescriptors(properties: [String], method: String,
                                            producing produce: (_ write: ([Measurement], StoredStabilityReport?) throws -> Void) throws -> Void) throws -> Int {
        try queue.write { db in
            try Self.replacingStabilityDescriptors(properties: properties, method: method, in: db, writer: try MeasurementWriter(db),
                                                   producing: produce)
        }
    }

    /// `replaceStabilityDescriptors` inside a transaction already open on `db`, writing the values
    /// through `writer` (an import's, which shares its texts with the import's other writers).
    static func replacingStabilityDescriptors(properties: [String], method: String, in db: Database, writer: MeasurementWriter,
                                              producing produce: (_ write: ([Measurement], StoredStabilityReport?) throws -> Void) throws -> Void) throws -> Int {
        try replacingDerived(properties: properties, method: method, in: db) {
            try db.execute(sql: "DELETE FROM stability_reports")
            // Bound through the C API (`FastBinder`), as the measurements are: GRDB's arguments
            // cost more than the insert of a report.
            let insert = FastBinder(try db.makeStatement(sql: "INSERT INTO stability_reports (composition, open_element, report) VALUES (?, ?, ?)"))
            try produce { measurements, report in
                try writer.write(measurements)
                if let report {
                    insert.bind([report.composition, report.openElement, report.json])
                    try insert.step(db)
                }
            }
        }
    }

    /// The stored stability reports against `openElement`, JSON by composition key
    /// (`ChemicalFormula.reducedKey`); empty when none are stored (no formation energies imported).
    ///
    /// - Complexity: one scan of the table's rows for `openElement` (in key order); memory: every report's text.
    public func stabilityReports(openElement: String) throws -> [String: String] {
        try queue.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT composition, report FROM stability_reports WHERE open_element = ?",
                                           arguments: [openElement])
            var reports: [String: String] = [:]
            while let row = try rows.next() { reports[row[0]] = row[1] }
            return reports
        }
    }
}
