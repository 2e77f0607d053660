import Foundation
import ScreenCore
import ScreenNumerics

/// The cells of a record as the reader sees them, and how a cell becomes a number.
extension MappedRecordReader {
    /// A cell of a record.
    enum Cell {
        case empty
        /// Text (every CSV cell, and a JSON string).
        case text(String, quoted: Bool = false)
        case number(Double)
        case other(String)
    }

    /// A cell as a number: `.success(nil)` when empty (no value), `.failure(reason)` when not a
    /// finite number.
    static func number(_ cell: Cell) -> Swift.Result<Double?, CellError> {
        switch cell {
        case .empty: return .success(nil)
        case .number(let n):
            return n.isFinite ? .success(n) : .failure(CellError(reason: "\(n) is not a finite number"))
        case .text(let t, let quoted):
            // A JSON string is text even when it looks like a number: a number is written bare.
            if quoted { return .failure(CellError(reason: "the JSON string \"\(t)\" is not a number (numbers are written without quotes)")) }
            guard let v = DecimalNumber.parse(t) else { return .failure(CellError(reason: "'\(t)' is not a finite number")) }
            return .success(v)
        case .other(let what):
            return .failure(CellError(reason: "\(what) is not a number"))
        }
    }

    struct CellError: Error { let reason: String }
}

/// `s` without leading and trailing spaces and tabs; `s` itself (no copy) when there are none.
@inline(__always)
func trimmedASCII(_ s: String) -> String {
    let u = s.utf8
    guard let first = u.first, let last = u.last else { return s }
    if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return s }
    return s.trimmingCharacters(in: .whitespaces)
}
