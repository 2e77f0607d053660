import Foundation

/// Writes a file by writing a temporary file beside it and renaming it into place, so a
/// reader never sees half a file and a failure leaves the old one untouched.
public enum AtomicFile {
    public static func write(_ text: String, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            // A sentence with the path, not a Foundation error dump: the system's reason when there is one.
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let reason = underlying.flatMap { $0.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32($0.code))) : nil }
                ?? error.localizedDescription
            throw InputError(file: url.path, "cannot be written (\(reason)); choose another --out, or fix the folder's permissions")
        }
    }
}
