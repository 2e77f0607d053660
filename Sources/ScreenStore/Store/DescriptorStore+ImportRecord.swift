import Foundation
import GRDB
import ScreenCore
import ScreenNumerics

/// The record of what was imported into a database: one row per file (and mapping), with
/// their SHA-256. It makes two promises keepable: the same file (same content, same mapping)
/// is never imported twice — which would store every value twice —, and `db build` never
/// replaces a database holding imports without being told, and then says how to re-import.
extension DescriptorStore {
    /// One recorded import.
    public struct ImportRecord: Sendable, Equatable {
        /// The data file as displayed when it was imported (relative to the working directory when inside it).
        public let file: String
        /// The data file's SHA-256, lowercase hex.
        public let sha256: String
        /// The mapping's name, for a mapped import; nil for a CSV file imported as it is.
        public let mapping: String?
        /// The mapping text's SHA-256; nil for a CSV file imported as it is.
        public let mappingSHA256: String?
        /// When it was imported (ISO 8601, UTC).
        public let importedAt: String

        /// The command that imports it again.
        public var command: String {
            "screen db import \(file)" + (mapping.map { " --mapping \($0)" } ?? "")
        }
    }

    /// Every import, oldest first.
    public func imports() throws -> [ImportRecord] {
        try queue.read { db in try Self.imports(db) }
    }

    static func imports(_ db: Database) throws -> [ImportRecord] {
        try Row.fetchAll(db, sql: "SELECT file, sha256, mapping, mapping_sha256, imported_at FROM imports ORDER BY id").map {
            ImportRecord(file: $0[0], sha256: $0[1], mapping: $0[2], mappingSHA256: $0[3], importedAt: $0[4])
        }
    }

    /// Refuses `file` (whose SHA-256 is `sha256`) when the same content was imported before with
    /// the same mapping (`mappingSHA256`, nil for a plain file).
    /// - Throws: `DescriptorProblems` naming the file and when it was imported.
    static func checkNotImported(_ file: URL, sha256: String, mappingSHA256: String?, in db: Database) throws {
        for r in try imports(db) where r.sha256 == sha256 && r.mappingSHA256 == mappingSHA256 {
            throw DescriptorProblems(problems: [InputError(file: displayPath(file),
                "already imported \(r.importedAt) (same content\(mappingSHA256 == nil ? "" : " and mapping") as \(r.file)); importing it again would store every value twice")])
        }
    }

    /// Records an import inside the importing transaction.
    static func recordImport(_ file: URL, sha256: String, mapping: String?, mappingSHA256: String?, in db: Database) throws {
        try db.execute(sql: "INSERT INTO imports (file, sha256, mapping, mapping_sha256, imported_at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [displayPath(file), sha256, mapping, mappingSHA256, ISO8601DateFormatter().string(from: Date())])
    }
}
