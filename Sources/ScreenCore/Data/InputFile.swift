import Foundation
import ScreenNumerics

/// The one check of a path the user named as an input file, before it is read: a missing path,
/// a folder or an unreadable file is a sentence with the path, never a Foundation error dump.
public enum InputFile {
    /// Checks that `url` names a readable regular file.
    /// - Throws: `InputError` naming `url` (as `display`, when given) and what is wrong.
    public static func requireReadable(_ url: URL, display: String? = nil) throws {
        let name = display ?? url.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw InputError(file: name, "no such file")
        }
        if isFolder.boolValue { throw InputError(file: name, "is a folder, not a file") }
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw InputError(file: name, "cannot be read (permission denied)")
        }
    }

    /// The file's text, checked as `requireReadable` does and then as UTF-8: a file that is not
    /// UTF-8 is named with the line and byte offset of its first bad byte.
    /// - Complexity: O(L) for L bytes.
    public static func text(_ url: URL, display: String? = nil) throws -> String {
        let name = display ?? url.path
        try requireReadable(url, display: name)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InputError(file: name, "cannot be read (\(AtomicFile.reason(of: error)))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let (line, offset) = CSVTable.firstInvalidUTF8(data)
            throw InputError(file: name, line: line, "not valid UTF-8 text (first bad byte at byte offset \(offset)); save the file as UTF-8")
        }
        return text
    }
}
