import Foundation

extension StringProtocol {
    /// The text without leading and trailing white space, exactly as Foundation's
    /// `trimmingCharacters(in: .whitespaces)` (spaces, tabs and the other Unicode space
    /// separators; not line breaks). Why: Foundation's version bridges every string to NSString
    /// and took a quarter of reading a 100,000-row matrix; most fields need no trimming, and
    /// those are found from their first and last bytes alone.
    /// - Complexity: O(1) when the first and last bytes are printable ASCII other than a space,
    ///   otherwise O(length).
    public func trimmingWhitespace() -> String {
        let text = String(self)
        guard let first = text.utf8.first, let last = text.utf8.last else { return "" }
        // Printable ASCII other than the space: certainly no white space at either end.
        if first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
