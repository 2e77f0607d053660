import CSV
import Foundation
import Testing
@testable import ScreenCore

/// Every command in every format it lists: JSON is parsed by Foundation's JSONSerialization and
/// CSV by CSV.swift (readers independent of the code that writes them); every format a command
/// does not list is refused by the parser, never accepted and ignored.
@Suite("Every command honours every --format it lists")
struct OutputFormatTests {
    struct Command: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let formats: [String]
        var testDescription: String { arguments.prefix(3).joined(separator: " ") }
    }

    static let allFormats = ["table", "json", "csv"]

    static let commands: [Command] = [
        Command(arguments: ["rank", "--profile", "sei"], formats: ["table", "json", "csv"]),
        Command(arguments: ["stability", "--formula", "NaF,Na2O"], formats: ["table", "json", "csv"]),
        Command(arguments: ["db", "stats"], formats: ["table", "json", "csv"]),
        Command(arguments: ["db", "show", "NaF"], formats: ["table", "json"]),
        Command(arguments: ["db", "check"], formats: ["table", "json"]),
        Command(arguments: ["db", "export", "--what", "measurements"], formats: ["json", "csv"]),
        Command(arguments: ["fit", "--formula", "nucleation_overpotential ~ na_binding_energy"], formats: ["table", "json"]),
        Command(arguments: ["impute", "--formula", "nucleation_overpotential ~ na_binding_energy", "--dry-run"], formats: ["table", "json"]),
        Command(arguments: ["pareto", "--profile", "sei"], formats: ["table", "json"]),
        Command(arguments: ["compare", "--profile", "sei"], formats: ["table", "json"]),
        Command(arguments: ["sensitivity", "sweep", "--profile", "sei"], formats: ["table", "json"]),
        Command(arguments: ["sensitivity", "smaa", "--profile", "sei", "--samples", "200"], formats: ["table", "json"]),
        Command(arguments: ["sensitivity", "sobol", "--profile", "sei", "--samples", "64", "--bootstrap", "10"], formats: ["table", "json"]),
    ]

    /// The bundled database with the formation energies of the Na–O–F system imported (for `stability`).
    static let database: Result<String, any Error> = Result { try databaseWithFormationEnergies(of: ["Na", "O", "F"]) }

    @Test("each listed format parses; each other format is refused", arguments: commands)
    func formats(_ command: Command) throws {
        let db = try Self.database.get()
        for format in Self.allFormats {
            let r = try runScreen(command.arguments + ["--db", db, "--format", format])
            guard command.formats.contains(format) else {
                #expect(r.status == 64 && r.stderr.contains("The value '\(format)' is invalid for '--format <format>'"), "\(command.testDescription) \(format): \(r.stderr)")
                continue
            }
            #expect(r.status == 0, "\(command.testDescription) \(format): \(r.stderr)")
            switch format {
            case "json":
                let parsed = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
                #expect(parsed is [String: Any] || parsed is [Any], "\(command.testDescription): \(r.stdout.prefix(200))")
            case "csv":
                // One tidy table: a header and rows of its width, as pandas.read_csv needs.
                let reader = try CSVReader(string: r.stdout, hasHeaderRow: true)
                let width = reader.headerRow?.count ?? 0
                var rows = 0
                while let row = reader.next() { #expect(row.count == width, "\(command.testDescription): row \(rows + 1) has \(row.count) fields, the header \(width)"); rows += 1 }
                #expect(width >= 2 && rows >= 1, "\(command.testDescription): \(r.stdout.prefix(200))")
            default:
                #expect(!r.stdout.isEmpty)
            }
        }
    }
}

@Suite("rank --top")
struct RankTopTests {
    @Test("--top N keeps the first N rows in every format and says how many more there are")
    func top() throws {
        let (folder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let all = try #require(try parseJSON(try runScreen(["rank", "--profile", "sei", "--db", db, "--format", "json"]).stdout) as? [String: Any])
        let allRows = try #require(all["alternatives"] as? [[String: Any]])
        let json = try #require(try parseJSON(try runScreen(["rank", "--profile", "sei", "--db", db, "--format", "json", "--top", "2"]).stdout) as? [String: Any])
        let rows = try #require(json["alternatives"] as? [[String: Any]])
        #expect(rows.count == 2 && json["ranked"] as? Int == allRows.count)
        #expect(rows.map { $0["id"] as? String } == allRows.prefix(2).map { $0["id"] as? String })
        let csv = try runScreen(["rank", "--profile", "sei", "--db", db, "--format", "csv", "--top", "2"]).stdout
        #expect(csv.split(separator: "\n").count == 3)
        let table = try runScreen(["rank", "--profile", "sei", "--db", db, "--top", "2"]).stdout
        #expect(table.contains("… \(allRows.count - 2) more ranked"))
    }

    @Test("pareto and compare --top N cut their tables and say how many more there are")
    func paretoCompareTop() throws {
        let (folder, db) = try builtDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = try #require(try parseJSON(try runScreen(["pareto", "--profile", "sei", "--db", db, "--format", "json"]).stdout) as? [String: Any])
        let total = try #require(json["alternatives"] as? [[String: Any]]).count
        for command in ["pareto", "compare"] {
            let r = try runScreen([command, "--profile", "sei", "--db", db, "--top", "2"])
            #expect(r.status == 0 && r.stdout.contains("… \(total - 2) more (--top N"), "\(command): \(r.stdout)")
            let zero = try runScreen([command, "--profile", "sei", "--db", db, "--top", "0"])
            #expect(zero.status == 64 && zero.stderr.contains("--top must be between 1 and"), "\(zero.stderr)")
        }
        // pareto's JSON keeps the first N of the same order; compare's refuses --top (never ignored).
        let cut = try #require(try parseJSON(try runScreen(["pareto", "--profile", "sei", "--db", db, "--format", "json", "--top", "2"]).stdout) as? [String: Any])
        let all = try #require(json["alternatives"] as? [[String: Any]]).map { $0["id"] as! String }
        #expect(try #require(cut["alternatives"] as? [[String: Any]]).map { $0["id"] as! String } == Array(all.prefix(2)))
        let refused = try runScreen(["compare", "--profile", "sei", "--db", db, "--format", "json", "--top", "2"])
        #expect(refused.status == 64 && refused.stderr.contains("--top shortens compare's table"), "\(refused.stderr)")
    }
}

@Suite("JSON on one line (stored reports)")
struct CompactJSONTests {
    @Test("compact JSON has no spaces or line breaks outside strings and reads back as the pretty form does")
    func compactJSON() throws {
        let value = JSONValue.object([
            ("formula", .string("Na2O, \"x\"\n")), ("e", .number(-0.74)), ("n", .number(2)), ("none", .null),
            ("empty", .array([])), ("nested", .array([.object([("a", .bool(true))]), .object([])])), ("tiny", .number(1e-12)),
        ])
        #expect(value.renderedCompact()
            == #"{"formula":"Na2O, \"x\"\n","e":-0.74,"n":2,"none":null,"empty":[],"nested":[{"a":true},{}],"tiny":1e-12}"#)
        let compact = try JSONSerialization.jsonObject(with: Data(value.renderedCompact().utf8)) as? NSDictionary
        let pretty = try JSONSerialization.jsonObject(with: Data(value.rendered().utf8)) as? NSDictionary
        #expect(compact != nil && compact == pretty)
    }
}
