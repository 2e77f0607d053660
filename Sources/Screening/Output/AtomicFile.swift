import Foundation

/// Writes a file by writing a temporary file beside it and renaming it into place, so a
/// reader never sees half a file and a failure leaves the old one untouched.
public enum AtomicFile {
    public static func write(_ text: String, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            // A sentence with the path, not a Foundation error dump.
            let reason = (error as NSError).userInfo[NSUnderlyingErrorKey].map { "\($0)" } ?? error.localizedDescription
            throw InputError(file: url.path, "cannot be written (\(Self.shortReason(reason))); choose another --out, or fix the folder's permissions")
        }
    }

    /// "Permission denied" out of a POSIX error description.
    static func shortReason(_ text: String) -> String {
        if let range = text.range(of: "\"") , let end = text[range.upperBound...].firstIndex(of: "\"") { return String(text[range.upperBound..<end]) }
        return text
    }
}
