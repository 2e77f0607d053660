import Foundation
import ScreenNumerics

/// Writes a file by writing a temporary file beside it and renaming it into place, so a
/// reader never sees half a file and a failure leaves the old one untouched.
public enum AtomicFile {
    public static func write(_ text: String, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw InputError(file: url.path, "cannot be written (\(reason(of: error))); choose another --out, or fix the folder's permissions")
        }
    }

    /// The system's reason for a failed write ("Permission denied"), not a Foundation error dump.
    static func reason(of error: Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        return underlying.flatMap { $0.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32($0.code))) : nil }
            ?? error.localizedDescription
    }
}
