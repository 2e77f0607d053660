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

@Suite("Formula language")
struct FormulaTests {
    @Test("terms, intercept and expansion", arguments: [
        ("y ~ x", ["Intercept", "x"]),
        ("y ~ x - 1", ["x"]),
        ("y ~ 0 + x", ["x"]),
        ("y ~ x + 0", ["x"]),
        ("y ~ a * b", ["Intercept", "a", "b", "a:b"]),
        ("y ~ a:b + a", ["Intercept", "a:b", "a"]),
        ("y ~ log(x) + log10(z) + exp(w)", ["Intercept", "log(x)", "log10(z)", "exp(w)"]),
        ("y ~ I(x^2) + I(1/T)", ["Intercept", "I(x^2)", "I(1/T)"]),
        ("y ~ poly(x, 3)", ["Intercept", "x", "I(x^2)", "I(x^3)"]),
        ("y ~ a + b + c - b", ["Intercept", "a", "c"]),
        ("y ~ (a + b):c", ["Intercept", "a:c", "b:c"]),
        ("log(y) ~ `Young's modulus`", ["Intercept", "Young's modulus"]),
        ("y ~ x + x", ["Intercept", "x"]),
    ])
    func coefficientNames(formula: String, names: [String]) throws {
        #expect(try Formula(formula).coefficientNames == names)
    }

    @Test("errors point at the offending character", arguments: [
        ("y ~ x +", 7, "a term is missing"),
        ("y ~ foo(x)", 4, "unknown function 'foo'"),
        ("y x", 3, "no '~'"),
        ("y ~ poly(x)", 10, "expected ','"),
        ("y ~ I(x^2", 9, "expected ')'"),
        ("y ~ x $ z", 6, "expected '+', '-', ':' or '*'"),
        ("y ~ a - b", 8, "cannot remove 'b'"),
    ])
    func errors(formula: String, position: Int, reason: String) {
        do {
            _ = try Formula(formula)
            Issue.record("\(formula) should not parse")
        } catch let e as FormulaError {
            #expect(e.position == position, "\(e)")
            #expect(e.reason.contains(reason), "\(e)")
            #expect(e.description.hasSuffix(String(repeating: " ", count: position) + "^"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    func table(_ columns: [String: [Double]]) -> DataTable {
        var t = DataTable(labels: (1...columns.values.first!.count).map { "r\($0)" }, origin: "test data")
        for (k, v) in columns.sorted(by: { $0.key < $1.key }) { t.setColumn(k, v) }
        return t
    }

    @Test("design matrix values follow the formula")
    func designValues() throws {
        let d = try DesignMatrix(formula: Formula("log(y) ~ x + I(x^2) + x:z"),
                                 data: table(["y": [1, M_E, M_E * M_E, 1, 1], "x": [1, 2, 3, 4, 5], "z": [10, 20, 30, 40, 50]]))
        #expect(d.y == [0, 1, 2, 0, 0])
        #expect(d.x[1] == [1, 2, 4, 40])
    }

    @Test("missing values drop the row and are listed; undefined transforms are errors naming the row")
    func missingAndUndefined() throws {
        let d = try DesignMatrix(formula: Formula("y ~ x"), data: table(["y": [1, 2, .nan, 4, 5], "x": [1, 2, 3, .nan, 5]]))
        #expect(d.labels == ["r1", "r2", "r5"])
        #expect(d.droppedRows.map(\.label) == ["r3", "r4"])
        #expect(throws: DesignError.undefined(expression: "log(x)", row: "r2", values: "x = -1")) {
            _ = try DesignMatrix(formula: Formula("y ~ log(x)"), data: table(["y": [1, 2, 3], "x": [1, -1, 2]]))
        }
    }

    @Test("unknown variable, too few rows, collinear and constant columns are clear errors")
    func fitErrors() throws {
        let data = table(["y": [1, 2, 3, 5], "x": [1, 2, 3, 4], "z": [2, 4, 6, 8], "c": [3, 3, 3, 3]])
        #expect(throws: DesignError.self) { _ = try DesignMatrix(formula: Formula("y ~ nope"), data: data) }
        #expect(throws: DesignError.tooFewRows(rows: 2, parameters: 2, dropped: 0)) {
            _ = try DesignMatrix(formula: Formula("y ~ x"), data: self.table(["y": [1, 2], "x": [1, 2]]))
        }
        #expect(throws: DesignError.collinear(term: "z")) {
            _ = try LinearRegression.fit(try DesignMatrix(formula: Formula("y ~ x + z"), data: data))
        }
        #expect(throws: DesignError.collinear(term: "c")) {
            _ = try LinearRegression.fit(try DesignMatrix(formula: Formula("y ~ x + c"), data: data))
        }
        #expect(throws: DesignError.constantResponse) {
            _ = try LinearRegression.fit(try DesignMatrix(formula: Formula("c ~ x"), data: data))
        }
    }

    @Test("a straight line through exact points: estimates exact, residuals zero, no NaN in the output")
    func exactLine() throws {
        let fit = try LinearRegression.fit(try DesignMatrix(formula: Formula("y ~ x"),
                                                            data: table(["y": [3, 5, 7, 9], "x": [1, 2, 3, 4]])))
        #expect(abs(fit.coefficients[0] - 1) < 1e-14 && abs(fit.coefficients[1] - 2) < 1e-14)
        #expect(!fit.json().rendered().contains("nan"))
    }

    @Test("a non-numeric cell in a used column names the file, line and column")
    func nonNumericCell() throws {
        let file = temporaryRoot.appendingPathComponent("screen-fit-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try write("name,y,x\na,1,2\nb,2,abc\nc,3,4\n", to: file)
        #expect(throws: InputError(file: file.path, line: 3, field: "x", "'abc' is not a finite number")) {
            _ = try DataTable.read(csv: file, needed: ["y", "x"])
        }
        let r = try runScreen(["fit", "--data", file.path, "--formula", "y ~ foo(x)"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("unknown function 'foo'") && r.stderr.contains("    ^"))
    }
}
