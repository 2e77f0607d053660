import Foundation
import ScreenNumerics

/// The one CSV reader of every input — descriptor files and matrices through `CSVTable`, computed
/// databases streamed by the import: records one at a time from a `ByteSource` or from bytes in
/// memory (RFC 4180: quoted fields with doubled quotes and embedded commas or line breaks; LF, CRLF
/// or CR line ends; a last line without a line break; a leading UTF-8 byte-order mark is skipped).
/// Blank lines are skipped; a NUL byte is refused. Memory is one record, not the file; bytes are
/// examined one at a time and a field becomes a `String` once.
public final class StreamingCSVReader {
    /// One CSV record: its fields, unquoted, and where it starts, so errors can name the line.
    public struct Record {
        /// 1-based line on which the record starts.
        public let line: Int
        /// The record's fields in column order, quotes removed and doubled quotes undone; an
        /// empty field is `""`. Records may differ in field count (the caller checks).
        public let fields: [String]
    }

    private let cursor: ByteCursor
    /// The file's name as errors report it.
    public var file: String { cursor.file }

    /// Reads records streamed from `source`, skipping a leading UTF-8 byte-order mark.
    ///
    /// - Throws: `InputError` when the first chunk cannot be read or decompressed.
    public init(_ source: ByteSource) throws {
        cursor = ByteCursor(source)
        try cursor.skipByteOrderMark()
    }

    /// Reads CSV text already in memory; `file` is the name errors use.
    public init(bytes: [UInt8], file: String) throws {
        cursor = ByteCursor(bytes: bytes, file: file)
        try cursor.skipByteOrderMark()
    }

    private static let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

    /// The next record, or nil at the end of the file; blank lines (LF or CR only) before it are
    /// skipped, so an empty or blank-only file gives nil at once.
    /// - Throws: `InputError` for an unterminated quoted field, a quote inside an unquoted field,
    ///   text after a closing quote, a NUL byte, or a read or gzip error of the source.
    /// - Complexity: O(b) for the b bytes of the record (and of the blank lines before it).
    public func next() throws -> Record? {
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(64)
        // Skip blank lines (LF, CRLF) between records.
        while let b = try cursor.peek(), b == Self.lf || b == Self.cr { _ = try cursor.next() }
        guard try cursor.peek() != nil else { return nil }
        let start = cursor.line
        var quoted = false       // inside a quoted field
        var wasQuoted = false    // the current field was quoted and its closing quote seen
        while true {
            guard let b = try cursor.next() else {
                if quoted { throw InputError(file: file, line: start, "a quoted field is never closed (the file ends inside quotes)") }
                fields.append(String(decoding: field, as: UTF8.self))
                return Record(line: start, fields: fields)
            }
            if b == 0 { throw InputError(file: file, line: cursor.line, "a NUL byte (0x00): this is not a text file, or it is corrupted") }
            if quoted {
                if b == Self.quote {
                    if try cursor.peek() == Self.quote {
                        _ = try cursor.next()
                        field.append(Self.quote)
                    } else {
                        quoted = false
                        wasQuoted = true
                    }
                } else {
                    field.append(b)
                }
                continue
            }
            switch b {
            case Self.comma:
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
            case Self.lf:
                fields.append(String(decoding: field, as: UTF8.self))
                return Record(line: start, fields: fields)
            case Self.cr:
                if try cursor.peek() == Self.lf { _ = try cursor.next() }
                fields.append(String(decoding: field, as: UTF8.self))
                return Record(line: start, fields: fields)
            case Self.quote:
                guard field.isEmpty, !wasQuoted else {
                    throw InputError(file: file, line: cursor.line, field: "column \(fields.count + 1)",
                                     "a quote inside an unquoted field (quote the whole field and double the quote: \"\"…\"\")")
                }
                quoted = true
            default:
                guard !wasQuoted else {
                    throw InputError(file: file, line: cursor.line, field: "column \(fields.count + 1)",
                                     "text after the closing quote of a quoted field")
                }
                field.append(b)
            }
        }
    }
}
