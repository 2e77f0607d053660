import Foundation
import ScreenNumerics

/// Writes a file by writing a temporary file beside it and renaming it into place, so a
/// reader never sees half a file and a failure leaves the old one untouched.
public enum AtomicFile {
    /// Writes `text` as UTF-8 to `url`, creating missing parent folders first.
    /// - Throws: `InputError` naming the path when a parent is a file or the write fails.
    /// - Complexity: O(b) for b bytes of text.
    public static func write(_ text: String, to url: URL) throws {
        try createFolder(url.deletingLastPathComponent())
        do { try Data(text.utf8).write(to: url, options: .atomic) } catch { throw unwritable(url, error) }
    }

    /// Creates `url` and its missing parents. The first existing ancestor that is a file, not a
    /// folder, is named as such (Foundation's "file exists" would not say which).
    static func createFolder(_ url: URL) throws {
        var ancestor = url
        while ancestor.path != "/" && !FileManager.default.fileExists(atPath: ancestor.path) { ancestor.deleteLastPathComponent() }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw InputError(file: ancestor.path, "is a file, not a folder, so nothing can be written under it; choose another --out")
        }
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch { throw unwritable(url, error) }
    }

    /// A sentence with the path and the system's reason, never a Foundation error dump.
    static func unwritable(_ url: URL, _ error: Error) -> InputError {
        InputError(file: url.path, "cannot be written (\(reason(of: error))); choose another --out, or fix the folder's permissions")
    }

    /// The system's reason for a failed write ("Permission denied"), not a Foundation error dump.
    static func reason(of error: Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        return underlying.flatMap { $0.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32($0.code))) : nil }
            ?? error.localizedDescription
    }
}
