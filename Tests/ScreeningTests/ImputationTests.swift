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

@Suite("Imputation and phase links")
struct ImputationTests {
    /// Five candidates with x and y (y = 2x + 1 + small noise), one host with x only through
    /// its phase, one with x only.
    func store() throws -> (URL, DescriptorStore) {
        let candidates = candidateHeader + """
            A,A,,alloy,
            B,B,,alloy,
            C,C,,alloy,
            D,D,,alloy,
            E,E,,alloy,
            F,F,,alloy,
            H,host H,,host_metal,
            P,phase of H,,alloy,

            """
        var m = measurementHeader
        for (id, x, y) in [("A", 1.0, 3.1), ("B", 2.0, 4.9), ("C", 3.0, 7.2), ("D", 4.0, 8.8), ("E", 5.0, 11.1)] {
            m += "\(id),charge_transfer,\(x),,,,,e,DFT,,,[t],,\n\(id),nucleation_overpotential,\(y),,,,,mV,experiment,,,[t],,\n"
        }
        m += "F,charge_transfer,6,,,,,e,DFT,,,[t],,\nP,charge_transfer,2.5,,,,,e,DFT,,,[t],,\n"
        let folder = try makeDescriptorFolder(candidates: candidates, measurements: m)
        try write("candidate,phase,source,location,note\nH,P,[t],,test link\n", to: folder.appendingPathComponent("phases/p.csv"))
        return (folder, try DescriptorStore.build(from: folder, to: folder.appendingPathComponent("db.sqlite").path))
    }

    @Test("a candidate without a property takes its phase's value, and the table says so")
    func phaseInheritance() throws {
        let (folder, store) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = try DescriptorTable.candidates(store, categories: nil, aggregate: .median)
        let h = try #require(table.labels.firstIndex(of: "H"))
        #expect(table.columns["charge_transfer"]?[h] == 2.5)
        #expect(table.notes == ["H: charge_transfer from its phase P [t]"])
        let own = try DescriptorTable.candidates(store, categories: nil, aggregate: .median, inheritFromPhases: false)
        #expect(own.columns["charge_transfer"]?[h].isNaN == true)
    }

    @Test("imputed values are the fit's predictions with prediction intervals, stored apart from measurements")
    func imputeStoresSeparately() throws {
        let (folder, store) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let measurementsBefore = try store.measurements().count
        let formula = try Formula("nucleation_overpotential ~ charge_transfer")
        let outcome = try Imputation.run(store: store, formula: formula, categories: nil, aggregate: .median) {
            try LinearRegression.fit($0)
        }
        #expect(Set(outcome.imputed.map(\.candidate)) == ["F", "H", "P"])
        #expect(outcome.fit.n == 5)
        // The same prediction as Prediction.predict on the fitted model (checked against statsmodels elsewhere).
        let f = try #require(outcome.imputed.first { $0.candidate == "F" })
        let c = outcome.fit.coefficients
        #expect(abs(f.value - (c[0] + c[1] * 6)) < 1e-12)
        #expect(f.predictionLow < f.value && f.value < f.predictionHigh && f.unit == "mV")
        #expect(f.fittedOn == ["A", "B", "C", "D", "E"])
        try store.saveImputations(outcome.imputed)
        #expect(try store.measurements().count == measurementsBefore)
        #expect(try store.imputations().count == 3)
        // A refit of the same model replaces, not duplicates.
        try store.saveImputations(outcome.imputed)
        #expect(try store.imputations().count == 3)
        let sheet = try CandidateSheet(store: store, id: "F")
        #expect(sheet.text().contains("imputed (estimated from a fitted relation, not measured)"))
        guard case .object(let members) = sheet.json(), case .array(let imputed)? = members.first(where: { $0.0 == "imputed" })?.1 else {
            Issue.record("no imputed array in db show JSON")
            return
        }
        #expect(imputed.count == 1)
        #expect(imputed.first?.rendered().contains("\"imputed\": true") == true)
    }

    @Test("the response must be a plain property")
    func responseMustBeProperty() throws {
        let (folder, store) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: ImputationError.self) {
            _ = try Imputation.run(store: store, formula: try Formula("log(nucleation_overpotential) ~ charge_transfer"),
                                   categories: nil, aggregate: .median) { try LinearRegression.fit($0) }
        }
    }

    @Test("screen impute --dry-run prints estimates and stores nothing")
    func dryRun() throws {
        let (folder, store) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try runScreen(["impute", "--formula", "nucleation_overpotential ~ charge_transfer", "--dry-run", "--db", store.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("dry run, not stored"))
        #expect(try store.imputations().isEmpty)
    }
}
