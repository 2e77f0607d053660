import Foundation
import ScreenCore

/// The values of one property as an import will leave them (`DescriptorStore.values(of:)` after
/// the commit), worked out on another thread from the file itself while the import is still
/// writing it, so that a computation over the whole property (the stability descriptors over every
/// formation energy) can start at once instead of after the file's rows are written.
///
/// Why a guess that is checked rather than a shortcut that is trusted: what the import writes
/// also depends on the database (a record may merge into a stored candidate, whose stored formula
/// the values carry) and on problems found while writing. So the read-ahead takes every record as
/// new, and the import compares its guess with the values it reads back after writing the file's
/// rows (`values(of:in:)`, as before); only an exact match (same candidates, formulas, values,
/// methods and sources, in the same order) keeps the computation started from the guess.
/// Otherwise the values read back are handed over and replace it. Either way the computation works
/// on exactly the values the database holds.
///
/// - Complexity: one more reading of the file (O(rows), on another thread) and a sort of the
///   values, O(n log n); memory O(n) for the n values of the property.
final class ValuesReadAhead: Sendable {
    private let task: BackgroundTask<[PropertyValue]?>

    /// Starts reading `url` through `mapping` for the values of `early.property` (those without a
    /// qualifier, as `values(of:)` gives them), merges them with `stored` (the property's values
    /// before the import, in `values(of:)` order) and hands the result to `early.receive`. Gives
    /// nothing (nil, and hands nothing over) when the reading finds a problem: the import then hands
    /// over what it reads back, as without a read-ahead.
    init(early: EarlyValues, stored: [PropertyValue], url: URL, mapping: ImportMapping, format: ImportMapping.Format,
         file: String, masses: ElementData?, massFile: String?) {
        task = BackgroundTask {
            guard let values = Self.read(property: early.property, stored: stored, url: url, mapping: mapping, format: format,
                                         file: file, masses: masses, massFile: massFile) else { return nil }
            early.receive(values)
            return values
        }
    }

    /// The values handed over, or nil when there were none (waits for the reading).
    var values: [PropertyValue]? { task.value }

    /// The stored values and the file's, in candidate id order (SQLite's binary order of the ids'
    /// UTF-8 bytes), a candidate's stored values before the file's and the file's in file order
    /// (measurement id order).
    private static func read(property: String, stored: [PropertyValue], url: URL, mapping: ImportMapping,
                             format: ImportMapping.Format, file: String, masses: ElementData?, massFile: String?) -> [PropertyValue]? {
        var reader = MappedRecordReader(mapping: mapping, format: format, file: file, existing: { _ in nil },
                                        masses: masses, massFile: massFile)
        var added: [PropertyValue] = []
        do {
            try reader.read(url) { record in
                for m in record.measurements where m.property == property && m.qualifier == nil {
                    added.append(PropertyValue(candidate: m.candidate, formula: record.entry.candidate.formula, value: m.value,
                                               method: m.method, source: m.source))
                }
            }
        } catch {
            return nil
        }
        guard reader.problemCount == 0 else { return nil }
        let all = stored + added
        let order = all.indices.sorted { a, b in
            if all[a].candidate == all[b].candidate { return a < b }
            return all[a].candidate.utf8.lexicographicallyPrecedes(all[b].candidate.utf8)
        }
        return order.map { all[$0] }
    }
}
