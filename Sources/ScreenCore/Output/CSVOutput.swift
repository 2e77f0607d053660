import CFormat
import CSV
import Foundation
import ScreenNumerics

/// Writes CSV with a header row through CSV.swift's writer (RFC 4180 quoting).
public enum CSVOutput {
    public static func render(header: [String], rows: [[String]]) throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: header)
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data,
              let text = String(data: data, encoding: .utf8) else { return "" }
        return text + (text.hasSuffix("\n") ? "" : "\n")
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
