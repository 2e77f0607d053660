import GRDB
import ScreenCore
import ScreenNumerics

/// One measured value with its candidate's formula, for computations over a whole property
/// (the convex hulls read every formation energy this way).
public struct PropertyValue: Sendable {
    public let candidate: String
    public let formula: String?
    public let value: Double
    public let method: String
    public let source: String
}

extension DescriptorStore {
    /// Every value of `property` (canonical unit) with its candidate's formula, in candidate then
    /// measurement order; values with a qualifier (bounds such as "< 15") are left out.
    ///
    /// - Complexity: one indexed scan of the property's rows.
    public func values(of property: String) throws -> [PropertyValue] {
        try queue.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT m.candidate_id, c.formula, m.value, m.method, m.source
                FROM measurements m JOIN candidates c ON c.id = m.candidate_id
                WHERE m.property = ? AND m.qualifier IS NULL ORDER BY m.candidate_id, m.id
                """, arguments: [property])
            var result: [PropertyValue] = []
            while let row = try rows.next() {
                result.append(PropertyValue(candidate: row[0], formula: row[1], value: row[2], method: row[3], source: row[4]))
            }
            return result
        }
    }

    /// Replaces, in one transaction, every measurement of `properties` whose method is exactly
    /// `method` with `measurements` (derived values recomputed from scratch, never duplicated).
    /// Texts only the removed rows used are removed from `texts` too.
    ///
    /// - Complexity: one scan of the stored rows (the method is not indexed), one more when the
    ///   removed rows used texts, and one insert per new value.
    /// - Returns: how many rows were removed.
    @discardableResult
    public func replaceDerived(properties: [String], method: String, with measurements: [Measurement]) throws -> Int {
        try queue.write { db in
            let marks = properties.map { _ in "?" }.joined(separator: ", ")
            let arguments: [any DatabaseValueConvertible] = [TextIDs.hash(method), method] + properties.map { $0 as any DatabaseValueConvertible }
            return try MeasurementWriter.delete(
                where: "method_id IN (SELECT id FROM texts WHERE hash = ? AND text = ?) AND property IN (\(marks))",
                arguments: arguments, in: db) {
                try Self.insertMeasurements(measurements, into: db)
            }
        }
    }
}
