import CSV
import Foundation

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
    // The C library's %g directly: Foundation's String(format:) is too slow for the
    // tens of thousands of derived values an import writes.
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([Int32(significant), v]) { vsnprintf(&buffer, 64, "%.*g", $0) }
    var bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    if bytes.contains(UInt8(ascii: ".")), !bytes.contains(UInt8(ascii: "e")) {
        while bytes.last == UInt8(ascii: "0") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
    }
    return String(decoding: bytes, as: UTF8.self)
}
