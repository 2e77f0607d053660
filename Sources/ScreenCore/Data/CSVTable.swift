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
        header = head.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        for (i, name) in header.enumerated() where header[..<i].contains(name) {
            throw InputError(file: file, line: head.line, field: name, "column appears twice in the header")
        }
        for row in rows where row.fields.count != header.count {
            throw InputError(file: file, line: row.line,
                             "has \(row.fields.count) fields, the header has \(header.count)")
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

    static func parse(_ text: String, file: String) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1
        var recordLine = 1
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        var sawAnything = false

        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
        }

        if let first = scalars.next(), first != "\u{FEFF}" { pending = first }
        while let c = pending ?? scalars.next() {
            pending = nil
            sawAnything = true
            // A NUL would end a field early in every C library downstream: refuse it, with its line.
            if c == "\0" { throw InputError(file: file, line: line, "a NUL byte (0x00): this is not a text file, or it is corrupted") }
            if inQuotes {
                if c == "\"" {
                    if let n = scalars.next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",":
                fields.append(field); field = ""; fieldWasQuoted = false
            case "\"" where field.isEmpty && !fieldWasQuoted:
                inQuotes = true; fieldWasQuoted = true
            case "\"":
                throw InputError(file: file, line: line, "a quote inside an unquoted field (quote the whole field and double the quote)")
            case "\r":
                if let n = scalars.next(), n != "\n" { pending = n }
                endRecord(); line += 1; recordLine = line
            case "\n":
                endRecord(); line += 1; recordLine = line
            default:
                if fieldWasQuoted {
                    throw InputError(file: file, line: line, "text after the closing quote of a field")
                }
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw InputError(file: file, line: recordLine, "a quoted field is never closed") }
        if sawAnything && (!field.isEmpty || !fields.isEmpty || fieldWasQuoted) { endRecord() }
        return records
    }
}
