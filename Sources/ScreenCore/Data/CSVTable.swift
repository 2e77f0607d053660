import Foundation
import ScreenNumerics

/// One CSV record with the physical line it starts on, so that every error can name
/// `file:line:field`.
public struct CSVRecord: Sendable {
    /// 1-based physical line on which the record starts (a quoted field may span lines).
    public let line: Int
    /// The record's fields, unquoted, in column order.
    public let fields: [String]
}

/// An RFC 4180 CSV file read whole, header first.
///
/// Why our own reader: error messages must name the physical line of a record, and
/// quoted fields may span lines, which the packaged CSV readers do not track.
public struct CSVTable: Sendable {
    /// The file as named in errors.
    public let file: String
    /// The header's column names, trimmed; each appears once.
    public let header: [String]
    /// The data records, each with exactly `header.count` fields.
    public let records: [CSVRecord]

    /// Reads and parses a file (UTF-8; see `InputFile.text`).
    /// - Throws: `InputError` as `init(text:file:)`, and for a missing, unreadable or non-UTF-8 file.
    /// - Complexity: O(L) for L bytes.
    public init(contentsOf url: URL, displayName: String? = nil) throws {
        let name = displayName ?? url.path
        let text = try InputFile.text(url, display: name)
        try self.init(text: text, file: name)
    }

    /// Parses CSV text.
    /// - Throws: `InputError` for an empty text, a column named twice in the header, a record
    ///   with another number of fields than the header, a quote misplaced or never closed, or a
    ///   NUL byte.
    /// - Complexity: O(L + r·c) for L characters, r records and c columns.
    public init(text: String, file: String) throws {
        self.file = file
        var rows = try CSVTable.parse(text, file: file)
        guard !rows.isEmpty else { throw InputError(file: file, line: 1, "empty file: a header row is required") }
        let head = rows.removeFirst()
        header = head.fields.map { $0.trimmingWhitespace() }
        for (i, name) in header.enumerated() where header[..<i].contains(name) {
            throw InputError(file: file, line: head.line, field: name, "column appears twice in the header")
        }
        for row in rows where row.fields.count != header.count {
            throw InputError(file: file, line: row.line,
                             "has \(row.fields.count) field\(row.fields.count == 1 ? "" : "s"), the header has \(header.count)")
        }
        records = rows
    }

    /// The index of a required column.
    /// - Throws: `InputError` at line 1 naming the missing column.
    /// - Complexity: O(c) for c columns.
    public func column(_ name: String) throws -> Int {
        guard let i = header.firstIndex(of: name) else {
            throw InputError(file: file, line: 1, field: name, "required column is missing from the header")
        }
        return i
    }

    /// The line (1-based) and byte offset (0-based) of the first byte that is not valid UTF-8.
    /// - Complexity: O(bytes).
    static func firstInvalidUTF8(_ data: Data) -> (line: Int, offset: Int) {
        let bytes = [UInt8](data)
        var i = 0, line = 1
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            // A lead byte and its continuation bytes (10xxxxxx); enough to place the first error.
            guard length > 0, i + length <= bytes.count, bytes[(i + 1)..<(i + length)].allSatisfy({ $0 >> 6 == 0b10 })
            else { return (line, i) }
            if b == 0x0A { line += 1 }
            i += length
        }
        return (line, bytes.count)
    }

    /// The records of `text` by the one CSV reader (`StreamingCSVReader`), blank lines skipped.
    /// - Complexity: O(L) for L bytes.
    static func parse(_ text: String, file: String) throws -> [CSVRecord] {
        let reader = try StreamingCSVReader(bytes: Array(text.utf8), file: file)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(CSVRecord(line: record.line, fields: record.fields)) }
        return records
    }
}
