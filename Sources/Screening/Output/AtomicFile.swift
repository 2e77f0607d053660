import Foundation

/// Writes a file by writing a temporary file beside it and renaming it into place, so a
/// reader never sees half a file and a failure leaves the old one untouched.
public enum AtomicFile {
    public static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
