import ScreenNumerics
/// A JSON document with object keys in the order they were written.
///
/// Why not `JSONEncoder`: output must be byte-identical across runs and platforms, keep
/// a readable key order, and write `null` for missing values rather than dropping the key.
public indirect enum JSONValue: Equatable, Sendable {
    /// JSON `null`; also what a missing or non-finite number is written as.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, written in the shortest form that reads back to the same double (integral values
    /// below 1e15 without a decimal point); NaN and ±infinity are written as `null`.
    case number(Double)
    /// An integer, written exactly.
    case integer(Int)
    /// A string, quoted with `"`, `\`, newline, return, tab and other control characters escaped.
    case string(String)
    /// An array; written as `[]` when empty.
    case array([JSONValue])
    /// An object whose members are written in this order (duplicate keys are written as given);
    /// `{}` when empty.
    case object([(String, JSONValue)])

    /// Equal when the two render to the same text, so `.number(.nan) == .null` and `.number(2) ==
    /// .integer(2)`, and objects with the same members in another order differ.
    /// - Complexity: O(s) for s characters of the rendered documents.
    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

    /// `.number(v)`, or `.null` when `v` is nil.
    public static func number(_ v: Double?) -> JSONValue { v.map { .number($0) } ?? .null }
    /// `.string(s)`, or `.null` when `s` is nil.
    public static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
    /// `.integer(v)`, or `.null` when `v` is nil.
    public static func integer(_ v: Int?) -> JSONValue { v.map { .integer($0) } ?? .null }
    /// `.bool(v)`, or `.null` when `v` is nil.
    public static func bool(_ v: Bool?) -> JSONValue { v.map { .bool($0) } ?? .null }

    /// Pretty-printed with two-space indentation and a final newline.
    ///
    /// Written as UTF-8 bytes into one buffer, then decoded once: appending to a `String` piece by
    /// piece, with the indentation made afresh for every value, took 0.5 s for the 27 MB of an SMAA
    /// result for 100,000 candidates.
    /// - Complexity: O(s) for s bytes of output.
    public func rendered() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out, indent: 0)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    /// On one line without spaces and without a final newline: for JSON stored in a database
    /// column (the stability reports), where indentation would only take room.
    /// - Complexity: O(s) for s bytes of output.
    public func renderedCompact() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(to: &out, indent: nil)
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes the value; `indent` nil writes it compact (no line breaks or spaces).
    private func write(to out: inout [UInt8], indent: Int?) {
        let inner = indent.map { $0 + 1 }
        func pad(_ level: Int?) { if let level { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level)) } }
        func open(_ bracket: String) { out.append(contentsOf: (indent == nil ? bracket : bracket + "\n").utf8) }
        func separate(last: Bool) { out.append(contentsOf: (indent == nil ? (last ? "" : ",") : (last ? "\n" : ",\n")).utf8) }
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .integer(let i): out.append(contentsOf: String(i).utf8)
        case .number(let d): out.append(contentsOf: JSONValue.format(d).utf8)
        case .string(let s): JSONValue.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            open("[")
            for (i, item) in items.enumerated() {
                pad(inner)
                item.write(to: &out, indent: inner)
                separate(last: i + 1 == items.count)
            }
            pad(indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            open("{")
            for (i, (key, value)) in members.enumerated() {
                pad(inner)
                JSONValue.quote(key, into: &out)
                out.append(contentsOf: (indent == nil ? ":" : ": ").utf8)
                value.write(to: &out, indent: inner)
                separate(last: i + 1 == members.count)
            }
            pad(indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Shortest representation that reads back to the same double; non-finite becomes null.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// `s` quoted, as UTF-8 bytes. Byte by byte: every byte that is escaped is ASCII, and the bytes
    /// of a multi-byte character (all ≥ 0x80) are copied as they are.
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for u in s.utf8 {
            switch u {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
            case _ where u < 0x20:
                let hex = String(u, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: out.append(u)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
