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
    public func rendered() -> String {
        var out = ""
        write(to: &out, indent: 0)
        return out + "\n"
    }

    private func write(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1), close = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d): out += JSONValue.format(d)
        case .string(let s): out += JSONValue.quote(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.write(to: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += close + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += pad + JSONValue.quote(key) + ": "
                value.write(to: &out, indent: indent + 1)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += close + "}"
        }
    }

    /// Shortest representation that reads back to the same double; non-finite becomes null.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
