import CFormat
import Foundation
import ScreenNumerics

/// Writes CSV with a header row, RFC 4180: fields separated by commas, rows by LF, a field
/// quoted (and its quotes doubled) when it holds a comma, a quote, CR or LF — the rule of
/// CSV.swift's writer, which the tests use as an independent reader. Byte-level, because the
/// quoting check through `String.contains` took a tenth of a 100,000-row ranking.
public enum CSVOutput {
    /// - Complexity: O(total bytes of the fields).
    public static func render(header: [String], rows: [[String]]) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity((rows.count + 1) * max(header.count, 1) * 12)
        func append(_ row: [String]) {
            for (k, field) in row.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                var field = field
                field.withUTF8 { bytes in
                    let quoted = bytes.contains { $0 == 0x22 || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }
                    guard quoted else { out.append(contentsOf: bytes); return }
                    out.append(0x22)
                    for b in bytes {
                        if b == 0x22 { out.append(0x22) }
                        out.append(b)
                    }
                    out.append(0x22)
                }
            }
            out.append(0x0A)
        }
        append(header)
        for row in rows { append(row) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Number formatting shared by text and CSV output: the shortest exact representation.
public func formatNumber(_ v: Double?) -> String {
    guard let v else { return "" }
    return JSONValue.format(v)
}

/// Number formatting for people reading a terminal: at most `significant` digits, so a
/// converted 0.045 eV/Å² shows as 0.720979 J/m², not 0.7209794852999999. Machine formats
/// (JSON, CSV) keep every digit.
public func formatForDisplay(_ v: Double?, significant: Int = 6) -> String {
    guard let v else { return "" }
    guard v.isFinite else { return "n/a" }
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    // The C library's %g directly (through a one-function C target, CFormat): Foundation's
    // String(format:) and a Swift va_list are too slow for the hundreds of thousands of derived
    // values an import writes.
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
        // A 64-byte temporary allocation always has a base address.
        let written = Int(screen_format_significant(buffer.baseAddress!, 64, Int32(significant), v))
        var count = min(max(written, 0), 63)
        let bytes = UnsafeRawBufferPointer(start: buffer.baseAddress!, count: count)
        if bytes.contains(UInt8(ascii: ".")), !bytes.contains(UInt8(ascii: "e")) {
            while count > 0, bytes[count - 1] == UInt8(ascii: "0") { count -= 1 }
            if count > 0, bytes[count - 1] == UInt8(ascii: ".") { count -= 1 }
        }
        return String(decoding: bytes[0..<count], as: UTF8.self)
    }
}
