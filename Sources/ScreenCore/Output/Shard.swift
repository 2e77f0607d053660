import Foundation

/// `--shard i/n`: the part of a divisible job (SMAA samples, stability compositions) this process
/// does, so that n processes — a Slurm job array, say — can share it and `screen merge` can combine
/// their partial results into exactly the result of one process. Shards are 1-based and
/// contiguous: shard i of n takes items ⌊(i − 1)·N/n⌋ ..< ⌊i·N/n⌋ of N.
public struct Shard: Sendable, Equatable, Codable, CustomStringConvertible {
    /// 1 ... count.
    public let index: Int
    /// The number of shards the job is divided into, 1 ... 1 000 000.
    public let count: Int

    // 1/1 is within the bounds `init(index:count:)` checks, so it cannot throw.
    /// The whole job as one shard.
    public static let whole = try! Shard(index: 1, count: 1)

    /// Shard `index` of `count`.
    /// - Throws: `FlagError` naming `--shard` unless 1 ≤ index ≤ count ≤ 1 000 000.
    public init(index: Int, count: Int) throws {
        guard count >= 1, count <= 1_000_000, index >= 1, index <= count else {
            throw FlagError("--shard", "takes i/n with 1 ≤ i ≤ n ≤ 1000000, e.g. 3/8, not \(index)/\(count)")
        }
        self.index = index
        self.count = count
    }

    /// `i/n` as typed.
    /// - Throws: `FlagError` naming `--shard` for anything else.
    public init(text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw FlagError("--shard", "takes i/n (shard i of n, counted from 1), e.g. 3/8, not '\(text)'")
        }
        try self.init(index: i, count: n)
    }

    /// `index/count`, as typed after `--shard`.
    public var description: String { "\(index)/\(count)" }

    /// This shard's items of `total`: a contiguous range; the n ranges partition 0 ..< total in
    /// order (some are empty when total < n).
    /// - Complexity: O(1).
    public func range(of total: Int) -> Range<Int> {
        let low = Int((Double(index - 1) * Double(total) / Double(count)).rounded(.down))
        let high = index == count ? total : Int((Double(index) * Double(total) / Double(count)).rounded(.down))
        return low..<high
    }
}

/// A shard's partial result as written by `--shard` and read by `screen merge`: what job it is
/// part of (`kind`, and a `fingerprint` of its inputs — data and options — so that shards of
/// different jobs are never combined), which shard, and the payload (counts or items, never
/// averages, so that the merge is exact).
public struct PartialResult<Payload: Codable & Sendable>: Codable, Sendable {
    /// The format's name, checked on reading.
    public static var format: String { "screen-partial-result" }
    /// The format's name as written, `screen-partial-result`.
    public var format: String = PartialResult.format
    /// The format's version, 1.
    public var version: Int = 1
    /// `stability` or `smaa`.
    public let kind: String
    /// A digest of the job's inputs (data and options); shards merge only when theirs are equal.
    public let fingerprint: String
    /// Which shard of the job this is.
    public let shard: Shard
    /// The shard's counts or items.
    public let payload: Payload

    /// A partial result of the job `kind` with inputs `fingerprint`, written by `shard`.
    public init(kind: String, fingerprint: String, shard: Shard, payload: Payload) {
        self.kind = kind
        self.fingerprint = fingerprint
        self.shard = shard
        self.payload = payload
    }

    /// The JSON text (keys sorted, so equal results give equal files).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Reads the partial results of one job and checks they belong together: the same kind and
    /// fingerprint, the same shard count, every shard exactly once. Returns them in shard order.
    /// - Throws: `InputError` naming the file at fault.
    /// - Complexity: O(total bytes).
    public static func readAll(_ urls: [URL], kind: String) throws -> [PartialResult] {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var parts: [(URL, PartialResult)] = []
        for url in urls {
            let name = displayPath(url)
            let data = Data(try InputFile.text(url, display: name).utf8)
            let header = try PartialResultHeader(data, file: name)
            guard header.kind == kind else { throw InputError(file: name, "a partial result of \(header.kind), not of \(kind)") }
            do { parts.append((url, try decoder.decode(PartialResult.self, from: data))) } catch {
                throw InputError(file: name, "a \(kind) partial result that does not read: \(error)")
            }
        }
        guard let first = parts.first else { throw FlagError("merge", "give the partial results to merge") }
        for (url, p) in parts.dropFirst() {
            if p.fingerprint != first.1.fingerprint {
                throw InputError(file: displayPath(url), "belongs to another job than \(displayPath(first.0)) (other data or options: fingerprints \(p.fingerprint.prefix(12))… and \(first.1.fingerprint.prefix(12))…)")
            }
            if p.shard.count != first.1.shard.count {
                throw InputError(file: displayPath(url), "is shard \(p.shard) but \(displayPath(first.0)) is shard \(first.1.shard)")
            }
        }
        let n = first.1.shard.count
        var byIndex: [Int: URL] = [:]
        for (url, p) in parts {
            if let other = byIndex[p.shard.index] {
                throw InputError(file: displayPath(url), "shard \(p.shard) is also in \(displayPath(other))")
            }
            byIndex[p.shard.index] = url
        }
        let missing = (1...n).filter { byIndex[$0] == nil }
        if !missing.isEmpty {
            throw FlagError("merge", "shards \(missing.prefix(20).map { "\($0)/\(n)" }.joined(separator: ", "))\(missing.count > 20 ? ", …" : "") are missing (\(parts.count) of \(n) given)")
        }
        return parts.map(\.1).sorted { $0.shard.index < $1.shard.index }
    }
}

/// What a partial result is, read without its payload: so that `screen merge` can tell which
/// command merges a file, and `PartialResult.readAll` refuses a file that is none.
public struct PartialResultHeader: Decodable, Sendable {
    /// The format's name, `screen-partial-result`.
    public let format: String
    /// The format's version (1, the only one read).
    public let version: Int
    /// `stability` or `smaa`.
    public let kind: String

    /// The header of a partial result's JSON text.
    /// - Throws: `InputError` naming `file` for anything but a version-1 partial result of screen.
    public init(_ data: Data, file: String) throws {
        guard let header = try? JSONDecoder().decode(Fields.self, from: data), header.format == PartialResult<Int>.format else {
            throw InputError(file: file, "not a partial result of screen (written with --shard)")
        }
        guard header.version == 1 else { throw InputError(file: file, "partial-result version \(header.version); this screen reads version 1") }
        (format, version, kind) = (header.format, header.version, header.kind)
    }

    /// The header of the partial result in `url`.
    public init(contentsOf url: URL) throws {
        let name = displayPath(url)
        try self.init(Data(try InputFile.text(url, display: name).utf8), file: name)
    }

    private struct Fields: Decodable {
        let format: String
        let version: Int
        let kind: String
    }
}

extension Shard {
    /// How the shards of a run are merged (one job, each shard once, by which command), in words:
    /// what `screen merge --help` says, kept beside the shards it describes.
    public static let help = """
        Every shard must be given once, all of the same job (same data and options: checked by a fingerprint). \
        SMAA shards (screen sensitivity smaa … --shard i/n) are merged by `screen sensitivity smaa … --merge FILES`. \
        Example: for i in 1 2 3 4; do screen stability --contains Na --shard $i/4 > part-$i.json; done; \
        screen merge part-*.json --format csv
        """
}
