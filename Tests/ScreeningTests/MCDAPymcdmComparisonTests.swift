import Foundation
import Testing
import Screening
@testable import SVGCharts
@testable import ScreenCore
@testable import ScreenDecision
@testable import ScreenNumerics
@testable import ScreenRegression
@testable import ScreenReport
@testable import ScreenScoring
@testable import ScreenSensitivity
@testable import ScreenStore
@testable import ScreenThermodynamics

/// Every method × normalisation pair against pymcdm 1.4 on random decision matrices, to 1e-9.
/// The reference numbers in Fixtures/mcda/pymcdm.json were computed once by pymcdm (the script
/// beside them, pymcdm_reference.py, regenerates them and records the version); each case
/// says whether pymcdm alone produced it or the script supplied a piece pymcdm lacks.
/// Where pymcdm raised or returned NaN the score is null, and `screen` must throw instead.
@Suite("Agreement with pymcdm")
struct MCDAPymcdmComparisonTests {
    static let tolerance = 1e-9

    struct Reference {
        let matrices: [String: DecisionMatrix]
        let matrixRecords: [[String: Any]]
        let cases: [[String: Any]]
        let pymcdmVersion: String
    }

    /// A typed field of a fixture object.
    static func field<T>(_ object: [String: Any], _ key: String, as type: T.Type = T.self) throws -> T {
        guard let value = object[key] as? T else {
            throw DecisionError.parameter("fixture: field '\(key)' is missing or not \(T.self)")
        }
        return value
    }

    static func reference() throws -> Reference {
        let url = packageRoot.appendingPathComponent("Tests/ScreeningTests/Fixtures/mcda/pymcdm.json")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let records: [[String: Any]] = try field(root, "matrices")
        var matrices: [String: DecisionMatrix] = [:]
        for record in records {
            let key: String = try field(record, "key")
            let types = try field(record, "types", as: [Int].self).map { $0 == 1 ? CriterionType.max : .min }
            matrices[key] = try DecisionMatrix(
                alternatives: try field(record, "alternatives"),
                criteria: try field(record, "criteria"),
                values: try field(record, "values"),
                types: types)
        }
        let versions: [String: String] = try field(root, "versions")
        return Reference(matrices: matrices, matrixRecords: records,
                         cases: try field(root, "cases"),
                         pymcdmVersion: try field(versions, "pymcdm"))
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { close($0, $1) }
    }

    static func parameters(_ json: [String: Any]) throws -> [String: RankingParameter] {
        try json.mapValues { value in
            if let text = value as? String { return .text(text) }
            if let list = value as? [Double] { return .numbers(list) }
            if let number = value as? Double { return .number(number) }
            throw DecisionError.parameter("fixture parameter \(value) has an unexpected type")
        }
    }

    static func label(_ c: [String: Any]) -> String {
        "\(c["matrix"]!) \(c["method"]!) \(c["normalization"]!) \(c["parameters"]!) weights=\(c["weights_source"]!)"
    }

    @Test("the fixture was made by pymcdm 1.4")
    func fixtureVersion() throws {
        #expect(try Self.reference().pymcdmVersion.hasPrefix("1.4"))
    }

    @Test("scores and ranks", arguments: RankingMethods.names)
    func scores(method name: String) throws {
        let reference = try Self.reference()
        let cases = reference.cases.filter { $0["method"] as? String == name }
        #expect(!cases.isEmpty, "no fixture cases for \(name)")
        var compared = 0, refused = 0
        for c in cases {
            let matrix = try #require(reference.matrices[try Self.field(c, "matrix", as: String.self)])
            let weights: [Double] = try Self.field(c, "weights")
            let normalization = try #require(Normalization(rawValue: try Self.field(c, "normalization", as: String.self)))
            let method = try RankingMethods.make(name: name, normalization: normalization,
                                                 parameters: try Self.parameters(try Self.field(c, "parameters")))
            guard let expected = c["scores"] as? [Double] else {
                #expect(throws: DecisionError.self, "\(Self.label(c)): pymcdm gives no finite score (\(c["pymcdm_note"] ?? "")), screen must throw") {
                    _ = try method.scores(matrix, weights: weights)
                }
                refused += 1
                continue
            }
            let ours = try method.scores(matrix, weights: weights)
            #expect(Self.close(ours, expected), "\(Self.label(c)): \(ours) vs pymcdm \(expected)")
            compared += 1

            // pymcdm gives a tie group of k its average rank r; ours is the better end,
            // r − (k − 1)/2. Without ties both are the same integers.
            if let pyRanks = c["ranks"] as? [Double] {
                let expectedRanks = pyRanks.map { r in Int(r - Double(pyRanks.filter { $0 == r }.count - 1) / 2) }
                #expect(try method.ranks(matrix, weights: weights) == expectedRanks, "\(Self.label(c)) ranks vs pymcdm \(pyRanks)")
            }
            // Additive methods: contributions sum to the score.
            if let parts = try method.contributions(matrix, weights: weights) {
                #expect(Self.close(parts.map { $0.reduce(0, +) }, ours), "\(Self.label(c)) contributions do not sum to the scores")
            }
            try compareExtras(c, method: method, matrix: matrix, weights: weights)
        }
        #expect(compared + refused == cases.count)
    }

    /// Intermediate results pymcdm exposes: WSM/SPOTIS/MOORA contributions, VIKOR S and R,
    /// PROMETHEE II positive and negative flows.
    func compareExtras(_ c: [String: Any], method: any RankingMethod, matrix: DecisionMatrix, weights: [Double]) throws {
        guard let extra = c["extra"] as? [String: Any] else { return }
        if let expected = extra["contributions"] as? [[Double]] {
            let ours = try #require(try method.contributions(matrix, weights: weights))
            #expect(zip(ours, expected).allSatisfy { Self.close($0, $1) }, "\(Self.label(c)) contributions")
        }
        if let vikor = method as? VIKOR, let s = extra["s"] as? [Double], let r = extra["r"] as? [Double] {
            let indices = try vikor.indices(matrix, weights: weights)
            #expect(Self.close(indices.s, s), "\(Self.label(c)) S")
            #expect(Self.close(indices.r, r), "\(Self.label(c)) R")
        }
        if let promethee = method as? PROMETHEEII, let positive = extra["positive"] as? [Double], let negative = extra["negative"] as? [Double] {
            let flows = try promethee.flows(matrix, weights: weights)
            #expect(Self.close(flows.positive, positive), "\(Self.label(c)) positive flows")
            #expect(Self.close(flows.negative, negative), "\(Self.label(c)) negative flows")
        }
    }

    @Test("every method and normalisation pair is covered")
    func coverage() throws {
        let cases = try Self.reference().cases
        for name in ["wsm", "wpm", "waspas", "topsis", "vikor"] {
            // Compared, or (null score) checked to throw where pymcdm gives NaN.
            let covered = Set(cases.filter { $0["method"] as? String == name }.compactMap { $0["normalization"] as? String })
            #expect(covered == Set(Normalization.allCases.map(\.rawValue)), "\(name) compared with \(covered.sorted())")
        }
        let functions = Set(cases.filter { $0["method"] as? String == "promethee2" }.compactMap { ($0["parameters"] as? [String: Any])?["preference"] as? String })
        #expect(functions == Set(PreferenceFunction.allCases.map(\.rawValue)))
    }

    @Test("normalisations equal pymcdm's normalize_matrix")
    func normalizations() throws {
        let reference = try Self.reference()
        for record in reference.matrixRecords {
            let key: String = try Self.field(record, "key")
            let matrix = try #require(reference.matrices[key])
            let expected: [String: Any] = try Self.field(record, "normalized")
            for (name, value) in expected {
                let normalization = try #require(Normalization(rawValue: name))
                guard let rows = value as? [[Double]] else {
                    #expect(throws: DecisionError.self) { _ = try normalization.normalize(matrix) }
                    continue
                }
                let ours = try normalization.normalize(matrix)
                #expect(zip(ours, rows).allSatisfy { Self.close($0, $1) }, "\(key) \(name)")
            }
        }
    }

    @Test("objective weights equal pymcdm's", arguments: ObjectiveWeights.allCases)
    func objectiveWeights(_ kind: ObjectiveWeights) throws {
        let reference = try Self.reference()
        for record in reference.matrixRecords {
            let key: String = try Self.field(record, "key")
            let matrix = try #require(reference.matrices[key])
            let all: [String: Any] = try Self.field(record, "objective_weights")
            guard let expected = all[kind.rawValue] as? [Double] else {
                #expect(throws: DecisionError.self, "\(key) \(kind): \(all[kind.rawValue + "_note"] ?? "")") {
                    _ = try kind.weights(for: matrix)
                }
                continue
            }
            let ours = try kind.weights(for: matrix)
            #expect(Self.close(ours, expected), "\(key) \(kind): \(ours) vs pymcdm \(expected)")
            #expect(abs(ours.reduce(0, +) - 1) < 1e-12)
        }
    }
}
