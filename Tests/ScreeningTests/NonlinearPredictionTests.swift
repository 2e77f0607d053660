import Foundation
import Testing
import Screening
@testable import ScreenRegression

// Reference: scipy.optimize.curve_fit (scipy 1.17.1, numpy 2.4.6) on the Arrhenius data of
// NonlinearRegressionTests (absolute_sigma=False, analytic Jacobian, ftol=xtol=gtol=1e-15), then
// the delta method by hand in numpy — g = ∂f/∂p at (p̂, T₀), se = √(gᵀ C g), t = t.ppf(0.975, 8),
// prediction se = √(se² + RSS/8):
//   for T0 in [310.0, 612.5, 800.0]:
//       g = jac(np.array([T0]), *p)[0]; se = np.sqrt(g @ c @ g); yh = f(T0, *p)
//       print(T0, yh, se, yh - tq*se, yh + tq*se, yh - tq*pse, yh + tq*pse)
// Before this test the command line predicted a nonlinear fit through the formula's linear
// predictor: A + Ea·T = 4401.14 at T = 310 instead of A·exp(−Ea/(k_B·T)) = 2.53e-5.
@Suite("Nonlinear predictions")
struct NonlinearPredictionTests {
    static let fitCSV = "label,T,rate\n" + zip([500.0, 525, 550, 575, 600, 625, 650, 675, 700, 725],
                                               [0.28296, 0.59298, 1.0643, 2.0257, 3.5712, 5.5168, 9.2093, 14.43, 20.099, 30.61])
        .enumerated().map { "R\($0.offset + 1),\($0.element.0),\($0.element.1)\n" }.joined()

    /// (label, T, fitted, se(mean), mean low, mean high, prediction low, prediction high) from scipy.
    static let scipy: [(String, Double, [Double])] = [
        ("body", 310, [2.5314735124210425e-05, 6.519987436384454e-06, 1.0279617134428666e-05, 4.0349853113992186e-05,
                       -0.7982162215753147, 0.7982668510455632]),
        ("mid", 612.5, [4.443381530993562, 0.14021661915486439, 4.120041427398097, 4.766721634589026,
                        3.58213918841029, 5.304623873576833]),
        ("hot", 800, [80.78494712835698, 2.0642956514195276, 76.02467281989956, 85.54522143681439,
                      75.95820899149635, 85.6116852652176]),
    ]

    @Test("an Arrhenius fit predicts A·exp(−Ea/(k_B·T)) with delta-method intervals, as scipy + numpy")
    func arrheniusPredictionsMatchScipy() throws {
        let folder = try temporaryFolder()
        try write(Self.fitCSV, to: folder.appendingPathComponent("fit.csv"))
        try write("label,T\n" + Self.scipy.map { "\($0.0),\($0.1)\n" }.joined(), to: folder.appendingPathComponent("new.csv"))
        var request = RegressionRequest(formula: try Formula("rate ~ T"))
        request.model = "arrhenius"
        let fit = try request.fit(try DataTable.read(csv: folder.appendingPathComponent("fit.csv"), needed: request.neededVariables))
        let predictions = try request.predictions(fit, rows: folder.appendingPathComponent("new.csv"))
        #expect(predictions.map(\.label) == Self.scipy.map(\.0))
        for (p, (label, _, ref)) in zip(predictions, Self.scipy) {
            let ours = [p.fitted, p.meanStandardError, p.meanLow, p.meanHigh, p.predictionLow, p.predictionHigh]
            for (a, b) in zip(ours, ref) {
                // The estimates themselves agree with scipy to 1e-6 (NonlinearRegressionTests); so do these.
                #expect(abs(a - b) <= 1e-6 * max(abs(b), 1e-6), "\(label): \(ours) vs scipy \(ref)")
            }
        }
    }

    @Test("a temperature outside the model's domain is an error naming the row")
    func outsideDomainIsNamed() throws {
        let folder = try temporaryFolder()
        try write(Self.fitCSV, to: folder.appendingPathComponent("fit.csv"))
        try write("label,T\ncold,-5\n", to: folder.appendingPathComponent("new.csv"))
        var request = RegressionRequest(formula: try Formula("rate ~ T"))
        request.model = "arrhenius"
        let fit = try request.fit(try DataTable.read(csv: folder.appendingPathComponent("fit.csv"), needed: request.neededVariables))
        #expect(throws: NonlinearRegressionError.self) { try request.predictions(fit, rows: folder.appendingPathComponent("new.csv")) }
        do { _ = try request.predictions(fit, rows: folder.appendingPathComponent("new.csv")) } catch {
            #expect("\(error)".contains("cold"), "\(error)")
        }
    }
}
