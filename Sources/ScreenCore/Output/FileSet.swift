import Foundation
import ScreenNumerics

/// Writes several files (and whole folders of files) that belong together — a report's HTML,
/// Markdown, JSON, CSV tables and chart folder, or an export's CSV files — so that they replace
/// the old ones all together or not at all, even when the process is killed.
///
/// How: every file is first written into a hidden staging folder beside the outputs
/// (`.screen-stage-NAME-PID/`, same file system, so each move is one `rename(2)`). When all are
/// written, a `COMMIT` list is put into the staging folder (itself by rename, so it is either
/// complete or absent); then each file is renamed into place and the staging folder removed.
/// A kill before `COMMIT` leaves the old outputs untouched and a staging folder that the next
/// write to the same folder deletes; a kill after it leaves a list that the next write (or
/// `recover(in:)`) finishes — roll forward, as a database journal does. Writers of one folder
/// take an exclusive `flock(2)` on it for the moves, so two runs never interleave their files.
///
/// The moves themselves take microseconds per file; a reader that opens the files during those
/// microseconds of a live commit can see a mix, as with any multi-file output without a single
/// directory swap. Contents are held in memory until `commit()` (reports and exports are).
public struct FileSet {
    /// One output: a file, or a folder whose old contents are replaced as a whole.
    enum Entry: Equatable {
        case file(String)
        case folder(String)
    }

    /// The folder the outputs are written under.
    public let folder: URL
    /// The report's base name, which names the staging folder.
    public let name: String
    private var files: [(path: String, data: Data)] = []
    private var folders: [String] = []

    static let commitListName = "COMMIT"
    static let stagingPrefix = ".screen-stage-"

    /// Outputs under `folder`; `name` (the report's base name) names the staging folder.
    public init(folder: URL, name: String) {
        self.folder = folder
        self.name = name
    }

    /// Adds a file at `relativePath` (one level of sub-folder allowed, e.g. `NAME-charts/x.svg`).
    public mutating func add(_ text: String, at relativePath: String) {
        files.append((relativePath, Data(text.utf8)))
    }

    /// Declares `relativePath` a folder replaced as a whole: files of the old folder that this
    /// set does not write again disappear with it (a chart that a report no longer draws).
    public mutating func replaceFolder(_ relativePath: String) {
        folders.append(relativePath)
    }

    /// The paths this set writes, in the order added.
    public var paths: [URL] { files.map { folder.appendingPathComponent($0.path) } }

    /// Writes every file and moves them into place. Finishes or discards what killed writers of
    /// the same folder left first. Throws (with the path) when a file cannot be written, leaving
    /// the old outputs as they were.
    public func commit() throws {
        try commit(stoppingAfterMoves: nil)
    }

    /// `stoppingAfterMoves` and `pid` simulate a writer killed in the middle of the moves (tests only).
    func commit(stoppingAfterMoves: Int?, pid: Int32 = ProcessInfo.processInfo.processIdentifier) throws {
        try AtomicFile.createFolder(folder)
        try Self.withFolderLock(folder) {
            Self.recoverLocked(in: folder)
            let staging = folder.appendingPathComponent("\(Self.stagingPrefix)\(name)-\(pid)")
            try? FileManager.default.removeItem(at: staging)
            do {
                try AtomicFile.createFolder(staging)
                var entries: [Entry] = folders.map(Entry.folder)
                for (path, data) in files {
                    let url = staging.appendingPathComponent(path)
                    try AtomicFile.createFolder(url.deletingLastPathComponent())
                    do { try data.write(to: url) } catch { throw AtomicFile.unwritable(folder.appendingPathComponent(path), error) }
                    if !folders.contains(where: { path.hasPrefix($0 + "/") }) { entries.append(.file(path)) }
                }
                for f in folders { try AtomicFile.createFolder(staging.appendingPathComponent(f)) }
                let list = entries.map { entry -> String in
                    switch entry {
                    case .file(let p): return "file\t\(p)"
                    case .folder(let p): return "folder\t\(p)"
                    }
                }.joined(separator: "\n") + "\n"
                let pending = staging.appendingPathComponent(Self.commitListName + ".pending")
                do { try Data(list.utf8).write(to: pending) } catch { throw AtomicFile.unwritable(pending, error) }
                guard rename(pending.path, staging.appendingPathComponent(Self.commitListName).path) == 0 else {
                    throw AtomicFile.unwritable(staging, POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
                }
            } catch {
                try? FileManager.default.removeItem(at: staging)
                throw error
            }
            try Self.rollForward(staging, into: folder, stoppingAfterMoves: stoppingAfterMoves)
        }
    }

    /// Finishes the commits and removes the staging folders that killed writers left in `folder`
    /// (those of processes still running are left alone). Safe to call at any time.
    public static func recover(in folder: URL) {
        guard FileManager.default.fileExists(atPath: folder.path) else { return }
        try? withFolderLock(folder) { recoverLocked(in: folder) }
    }

    private static func recoverLocked(in folder: URL) {
        for staging in stagingFolders(in: folder) {
            let suffix = staging.lastPathComponent.split(separator: "-").last.map(String.init) ?? ""
            guard let pid = Int32(suffix), pid != ProcessInfo.processInfo.processIdentifier,
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            if FileManager.default.fileExists(atPath: staging.appendingPathComponent(commitListName).path) {
                try? rollForward(staging, into: folder, stoppingAfterMoves: nil)
            } else {
                try? FileManager.default.removeItem(at: staging)
            }
        }
    }

    /// The staging folders in `folder` (any writer's).
    static func stagingFolders(in folder: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix(stagingPrefix) }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    /// Moves the listed entries of a committed staging folder into place, then removes it.
    /// Idempotent: an entry already moved (its staged copy is gone) is skipped, so a kill at any
    /// point is finished by running it again.
    private static func rollForward(_ staging: URL, into folder: URL, stoppingAfterMoves: Int?) throws {
        let list = try String(contentsOf: staging.appendingPathComponent(commitListName), encoding: .utf8)
        var moves = 0
        for (index, line) in list.split(separator: "\n").enumerated() {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let staged = staging.appendingPathComponent(parts[1]), target = folder.appendingPathComponent(parts[1])
            guard FileManager.default.fileExists(atPath: staged.path) else { continue }
            if let stop = stoppingAfterMoves, moves == stop { return }
            if parts[0] == "folder" {
                // The old folder goes into the staging folder (removed with it), the new one in.
                let old = staging.appendingPathComponent(".old-\(index)")
                if FileManager.default.fileExists(atPath: target.path) { try move(target, to: old) }
            } else {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            }
            try move(staged, to: target)
            moves += 1
        }
        try? FileManager.default.removeItem(at: staging)
    }

    private static func move(_ from: URL, to: URL) throws {
        guard rename(from.path, to.path) == 0 else {
            throw AtomicFile.unwritable(to, POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
        }
    }

    /// Runs `body` holding an exclusive `flock` on `folder` (waits for another writer).
    private static func withFolderLock<T>(_ folder: URL, _ body: () throws -> T) throws -> T {
        let fd = open(folder.path, O_RDONLY)
        guard fd >= 0 else { throw AtomicFile.unwritable(folder, POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw AtomicFile.unwritable(folder, POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
