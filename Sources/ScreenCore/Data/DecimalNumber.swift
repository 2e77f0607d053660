import ScreenNumerics
/// The one number reader for every input the tool reads (CSV cells, profile values, mapped
/// imports, sample files, structure files, command-line values): plain decimal notation only.
///
/// Swift's `Double(String)` also reads hexadecimal (`0x1A` is 26), `inf`, `nan` and `infinity`,
/// which in a data file are mistakes, not numbers; this accepts an optional sign, digits with at
/// most one decimal point (at least one digit in all), and an optional exponent (`e`/`E`, optional
/// sign, digits), with no spaces, and returns the correctly rounded `Double` — nil for anything
/// else, and for values that overflow to ±∞.
/// - Complexity: O(length).
public enum DecimalNumber {
    /// The value of `text` in plain decimal notation, or nil (see the type for what is refused).
    /// Its UTF-8 bytes are checked in place (`isPlainDecimal`), then Swift's correctly rounded
    /// reader converts them; every CSV cell comes this way (the generic index arithmetic of
    /// `StringProtocol` was half the time of reading a 100,000-row matrix).
    /// - Complexity: O(length), no allocation for a native string.
    public static func parse(_ text: String) -> Double? {
        var text = text
        guard text.withUTF8(isPlainDecimal), let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// Whether `bytes` are an optional sign, digits with at most one decimal point (at least one
    /// digit), and an optional exponent (`e`/`E`, optional sign, at least one digit), and nothing else.
    static func isPlainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        var i = 0, digits = 0, sawPoint = false
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
        while i < n {
            let c = bytes[i]
            if isDigit(c) { digits += 1 } else if c == UInt8(ascii: "."), !sawPoint { sawPoint = true } else { break }
            i += 1
        }
        guard digits > 0 else { return false }
        if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            let exponentStart = i
            while i < n, isDigit(bytes[i]) { i += 1 }
            guard i > exponentStart else { return false }
        }
        return i == n
    }

    /// The same for a substring or any other `StringProtocol` text, read as a `String`.
    /// - Complexity: O(length); one copy of the text.
    public static func parse<S: StringProtocol>(_ text: S) -> Double? {
        parse(String(text))
    }
}
