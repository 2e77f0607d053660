import Foundation
import Testing
import Screening
@testable import ScreenCore
@testable import ScreenThermodynamics

/// `--shard i/n` + `screen merge` must give exactly the unsharded result (the same bytes), in
/// every format, and refuse partial results that do not belong together.
@Suite("Shards and merge", .serialized)
struct ShardMergeTests {
    static let scope = ["--contains", "Na", "--elements", "Na,F,Cl,O,S"]

    @Test("shard ranges partition the items in order, whatever n")
    func rangesPartition() throws {
        for total in [0, 1, 2, 7, 100, 101] {
            for n in [1, 2, 3, 7, 8, 150] {
                let ranges = try (1...n).map { try Shard(index: $0, count: n).range(of: total) }
                #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == total)
                for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
                #expect(ranges.map(\.count).reduce(0, +) == total)
                // Balanced: sizes differ by at most one.
                let sizes = ranges.map(\.count)
                #expect(sizes.max()! - sizes.min()! <= 1, "\(total)/\(n): \(sizes)")
            }
        }
        #expect(throws: FlagError.self) { try Shard(text: "0/3") }
        #expect(throws: FlagError.self) { try Shard(text: "4/3") }
        #expect(throws: FlagError.self) { try Shard(text: "1-3") }
    }

    @Test("stability shards run one after another merge into the single run, byte for byte, in every format")
    func stabilityShardsMergeExactly() throws {
        let db = try databaseWithFormationEnergies(of: ["Na", "F", "Cl", "O", "S"])
        let folder = try temporaryFolder()
        var parts: [String] = []
        for i in 1...3 {
            let r = try runScreen(["stability", "--db", db] + Self.scope + ["--shard", "\(i)/3"])
            #expect(r.status == 0, "\(r.stderr)")
            let path = folder.appendingPathComponent("part-\(i).json").path
            try write(r.stdout, to: URL(fileURLWithPath: path))
            parts.append(path)
        }
        for format in ["table", "csv", "json"] {
            let single = try runScreen(["stability", "--db", db] + Self.scope + ["--format", format])
            let merged = try runScreen(["merge"] + parts.reversed() + ["--format", format])
            #expect(single.status == 0 && merged.status == 0, "\(single.stderr) \(merged.stderr)")
            #expect(merged.stdout == single.stdout, "\(format): merged output differs from the single run")
            #expect(single.stdout.count > 1000, "\(format): \(single.stdout.prefix(200))")
        }
    }

    @Test("a composition's report does not depend on the formulas asked before it")
    func reportsAreOrderIndependent() throws {
        let db = try databaseWithFormationEnergies(of: ["Na", "F", "Cl", "O", "S"])
        let forward = try runScreen(["stability", "--db", db, "--formula", "NaF,Na2SO4,NaClO3,Na2S2O3,NaCl", "--format", "json"])
        let backward = try runScreen(["stability", "--db", db, "--formula", "NaCl,Na2S2O3,NaClO3,Na2SO4,NaF", "--format", "json"])
        let a = try #require(parseJSON(forward.stdout) as? [String: Any])["entries"] as? [[String: Any]]
        let b = try #require(parseJSON(backward.stdout) as? [String: Any])["entries"] as? [[String: Any]]
        let byFormula = Dictionary(uniqueKeysWithValues: (b ?? []).map { ($0["formula"] as! String, $0) })
        #expect(a?.count == 5)
        for entry in a ?? [] {
            let other = try #require(byFormula[entry["formula"] as! String])
            let ours = String(decoding: try JSONSerialization.data(withJSONObject: entry, options: .sortedKeys), as: UTF8.self)
            let theirs = String(decoding: try JSONSerialization.data(withJSONObject: other, options: .sortedKeys), as: UTF8.self)
            #expect(ours == theirs, "\(entry["formula"]!): \(ours) vs \(theirs)")
        }
    }

    @Test("merge refuses a missing shard, a shard given twice, another job's shard and a file that is no partial result")
    func mergeRefusesWhatDoesNotBelong() throws {
        let db = try databaseWithFormationEnergies(of: ["Na", "F", "Cl", "O", "S"])
        let folder = try temporaryFolder()
        func part(_ i: Int, _ n: Int, _ extra: [String] = []) throws -> String {
            let r = try runScreen(["stability", "--db", db] + Self.scope + extra + ["--shard", "\(i)/\(n)"])
            let path = folder.appendingPathComponent("p\(i)of\(n)\(extra.isEmpty ? "" : "x").json").path
            try write(r.stdout, to: URL(fileURLWithPath: path))
            return path
        }
        let p1 = try part(1, 2), p2 = try part(2, 2), other = try part(2, 2, ["--open", "O"])
        let missing = try runScreen(["merge", p1])
        #expect(missing.status == 1 && missing.stderr.contains("shards 2/2 are missing"), "\(missing.stderr)")
        let twice = try runScreen(["merge", p1, p2, p2])
        #expect(twice.status == 1 && twice.stderr.contains("shard 2/2 is also in"), "\(twice.stderr)")
        let mixed = try runScreen(["merge", p1, other])
        #expect(mixed.status == 1 && mixed.stderr.contains("belongs to another job"), "\(mixed.stderr)")
        let junk = folder.appendingPathComponent("junk.json")
        try write("{\"a\": 1}\n", to: junk)
        let notPartial = try runScreen(["merge", junk.path])
        #expect(notPartial.status == 1 && notPartial.stderr.contains("junk.json: not a partial result"), "\(notPartial.stderr)")
        let withFormat = try runScreen(["stability", "--db", db] + Self.scope + ["--shard", "1/2", "--format", "csv"])
        #expect(withFormat.status == 64, "\(withFormat.stderr)")
    }

    @Test("SMAA shards merged with --merge give the single run's output, matrix and profile mode (sampled values), any thread count")
    func smaaShardsMergeExactly() throws {
        let folder = try temporaryFolder()
        var csv = "id,a,b,c\n"
        for i in 0..<300 { csv += "x\(i),\(Double((i * 37) % 101) / 10),\(Double((i * 53) % 89) / 7),\(Double((i * 17) % 97) / 3)\n" }
        try write(csv, to: folder.appendingPathComponent("m.csv"))
        let matrix = ["sensitivity", "smaa", "--matrix", folder.appendingPathComponent("m.csv").path, "--types", "max,min,max",
                      "--weights", "equal", "--method", "topsis", "--samples", "2000", "--seed", "4"]
        // A database of its own (built from Descriptors/ on first use), not the package's shared one.
        let profile = ["sensitivity", "smaa", "--profile", "sei", "--samples", "1500", "--seed", "9",
                       "--db", folder.appendingPathComponent("db.sqlite").path]
        for (name, args, n) in [("matrix", matrix, 3), ("profile", profile, 2)] {
            let single = try runScreen(args + ["--format", "json"])
            #expect(single.status == 0, "\(single.stderr)")
            var parts: [String] = []
            for i in 1...n {
                let r = try runScreen(args + ["--shard", "\(i)/\(n)"])
                #expect(r.status == 0, "\(r.stderr)")
                let path = folder.appendingPathComponent("\(name)-\(i).json").path
                try write(r.stdout, to: URL(fileURLWithPath: path))
                parts.append(path)
            }
            let merged = try runScreen(args + ["--threads", "1", "--format", "json", "--merge"] + parts.reversed())
            #expect(merged.status == 0, "\(merged.stderr)")
            #expect(merged.stdout == single.stdout, "\(name): merged SMAA differs from the single run")
            // Other options than the shards': refused, naming the shard.
            let other = try runScreen(args.map { $0 == "4" || $0 == "9" ? "5" : $0 } + ["--merge"] + parts)
            #expect(other.status == 1 && other.stderr.contains("was written for another SMAA run"), "\(other.stderr)")
        }
    }
}
