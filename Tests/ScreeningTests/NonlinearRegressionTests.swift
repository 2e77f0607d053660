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

// Reference values: scipy.optimize.curve_fit, scipy 1.17.1 (numpy 2.4.6), on exactly the data
// below, with absolute_sigma=False (so the covariance is scaled by RSS/(n − p), as ours), the
// analytic Jacobian and tight tolerances so that scipy's own stopping error is far below the
// test tolerances. With scipy's default tolerances and finite-difference Jacobian the estimates
// move by at most 8e-8 and the standard errors by at most 7e-6 (relative).
//
// The data were made once (noise is a deterministic sine, then rounded), and are literals here:
//   x = [0.5*i for i in range(10)];  y = round(2.5*exp(0.45*x) + 0.3*sin(2.3*i + 0.7), 4)
//   x = [i + 1 for i in range(10)];  y = round(3.2*x**0.75 + 0.15*sin(1.9*i + 0.4), 4)
//   T = [500 + 25*i for i in range(10)]; y = 5 s.f. of 1e6*exp(-0.65/(kB*T))*(1 + 0.04*sin(2.1*i + 0.2))
//   x = [-2 + 0.25*i for i in range(11)]; y = round(5*exp(-(x + 0.8)**2/0.5) + 0.3 + 0.12*sin(1.3*i + 0.5), 4)
//
// The fits (python3, run once by hand):
//   import numpy as np, scipy.optimize as so
//   kB = 8.617333262e-5
//   F = {'exp': (lambda x, a, b: a*np.exp(b*x),
//                lambda x, a, b: np.column_stack([np.exp(b*x), a*x*np.exp(b*x)])),
//        'power': (lambda x, a, b: a*x**b,
//                  lambda x, a, b: np.column_stack([x**b, a*x**b*np.log(x)])),
//        'arrhenius': (lambda T, A, Ea: A*np.exp(-Ea/(kB*T)),
//                      lambda T, A, Ea: np.column_stack([np.exp(-Ea/(kB*T)), -A*np.exp(-Ea/(kB*T))/(kB*T)])),
//        'volcano': (lambda x, h, x0, w, c: h*np.exp(-(x-x0)**2/(2*w**2)) + c,
//                    lambda x, h, x0, w, c: np.column_stack([np.exp(-(x-x0)**2/(2*w**2)),
//                        h*np.exp(-(x-x0)**2/(2*w**2))*(x-x0)/w**2,
//                        h*np.exp(-(x-x0)**2/(2*w**2))*(x-x0)**2/w**3, np.ones_like(x)]))}
//   p0 = {'exp': [2, 0.5], 'power': [3, 0.7], 'arrhenius': [1e6, 0.65], 'volcano': [5, -0.75, 0.6, 0.5]}
//   def run(name, x, y, weights=None):
//       f, jac = F[name]; x = np.array(x); y = np.array(y)
//       sigma = None if weights is None else 1/np.sqrt(np.array(weights))
//       p, c = so.curve_fit(f, x, y, p0=p0[name], sigma=sigma, absolute_sigma=False, jac=jac,
//                           ftol=1e-15, xtol=1e-15, gtol=1e-15, maxfev=100000)
//       print(name, repr(p), repr(np.sqrt(np.diag(c))))
//   # ... run(name, x, y) for each data set below; run('exp', x, y, [4, 4, 2, 2, 1, 1, 0.5, 0.5, 0.25, 0.25])
//   # t, p and intervals for exp: scipy.stats.t.sf(|t|, 8)*2 and t.ppf(0.975, 8).

private enum Sample {
    static let expX = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5]
    static let expY = [2.6933, 3.1731, 3.6711, 5.2005, 6.0117, 7.5931, 9.924, 11.8106, 15.1985, 19.1075]
    static let powerX = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]
    static let powerY = [3.2584, 5.4936, 7.1637, 9.0236, 10.8482, 12.1991, 13.6672, 15.3577, 16.6439, 17.8486]
    static let arrheniusT = [500.0, 525.0, 550.0, 575.0, 600.0, 625.0, 650.0, 675.0, 700.0, 725.0]
    static let arrheniusY = [0.28296, 0.59298, 1.0643, 2.0257, 3.5712, 5.5168, 9.2093, 14.43, 20.099, 30.61]
    static let volcanoX = [-2.0, -1.75, -1.5, -1.25, -1.0, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5]
    static let volcanoY = [0.6382, 1.2392, 2.1815, 3.5207, 4.8495, 5.3539, 4.5846, 3.0095, 1.5707, 0.8083, 0.5667]
    static let expWeights = [4.0, 4, 2, 2, 1, 1, 0.5, 0.5, 0.25, 0.25]

    static func labels(_ n: Int) -> [String] { (1...n).map { "R\($0)" } }
}

/// A scipy reference: estimates, standard errors and Σ wᵢ rᵢ².
private struct Reference {
    let estimates: [Double]
    let standardErrors: [Double]
    let rss: Double
}

/// Noise-free data from known parameters.
struct NonlinearExactCase: Sendable, CustomTestStringConvertible {
    let model: String
    let truth: [Double]
    let x: [Double]
    var testDescription: String { "\(model) \(truth)" }

    static let all: [NonlinearExactCase] = [
        NonlinearExactCase(model: "exp", truth: [2.5, 0.45], x: grid(0, 0.5, 10)),
        NonlinearExactCase(model: "exp", truth: [-1.5, -0.8], x: grid(0, 0.3, 8)),
        NonlinearExactCase(model: "power", truth: [3.2, 0.75], x: grid(1, 1, 10)),
        NonlinearExactCase(model: "power", truth: [0.02, 2.4], x: grid(0.5, 0.5, 9)),
        NonlinearExactCase(model: "arrhenius", truth: [1.0e13, 1.1], x: grid(600, 20, 10)),
        NonlinearExactCase(model: "arrhenius", truth: [2.0e6, 0.65], x: grid(500, 25, 10)),
        NonlinearExactCase(model: "volcano", truth: [5.0, -0.8, 0.5, 0.3], x: grid(-2, 0.25, 11)),
        NonlinearExactCase(model: "volcano", truth: [1.2, 1.5, 0.8, -0.4], x: grid(0, 0.4, 12)),
    ]

    static func grid(_ first: Double, _ step: Double, _ count: Int) -> [Double] {
        (0..<count).map { first + step * Double($0) }
    }
}

private func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / abs(b) }

private func expectAgreement(_ r: RegressionResult, _ ref: Reference, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.terms.count == ref.estimates.count, sourceLocation: sourceLocation)
    for (term, (estimate, se)) in zip(r.terms, zip(ref.estimates, ref.standardErrors)) {
        #expect(relative(term.estimate, estimate) < 1e-6, "\(term.name): \(term.estimate) vs scipy \(estimate)", sourceLocation: sourceLocation)
        #expect(relative(term.standardError ?? .nan, se) < 1e-4, "SE(\(term.name)): \(term.standardError ?? .nan) vs scipy \(se)", sourceLocation: sourceLocation)
    }
    #expect(relative(r.rss, ref.rss) < 1e-8, "rss \(r.rss) vs scipy \(ref.rss)", sourceLocation: sourceLocation)
    #expect(r.warnings.isEmpty, "\(r.warnings)", sourceLocation: sourceLocation)
}

@Suite("Nonlinear regression")
struct NonlinearRegressionTests {
    // MARK: Agreement with scipy.optimize.curve_fit

    @Test("exp agrees with scipy's curve_fit, including t, p and intervals")
    func expMatchesScipy() throws {
        let r = try NonlinearRegression.fit(model: .exp, x: Sample.expX, y: Sample.expY, labels: Sample.labels(10),
                                            xName: "t", yName: "signal")
        expectAgreement(r, Reference(estimates: [2.493698239220701, 0.45156615764039265],
                                     standardErrors: [0.06903608615816174, 0.007279528100796733],
                                     rss: 0.3867600387945888))
        #expect(r.method == "nonlinear-exp")
        #expect(r.model == "signal = a·exp(b·t)")
        #expect(r.terms.map(\.name) == ["a", "b"])
        #expect(r.n == 10 && r.dof == 8)
        #expect(r.f == nil && r.fP == nil && r.conditionNumber == nil)
        // scipy.stats.t on scipy's estimates and SEs with 8 dof.
        let a = r.terms[0], b = r.terms[1]
        #expect(relative(a.t!, 36.12166300255834) < 1e-4)
        #expect(relative(b.t!, 62.03233937526382) < 1e-4)
        #expect(relative(a.p!, 3.780235229268306e-10) < 1e-3)
        #expect(relative(b.p!, 5.0702063608500445e-12) < 1e-3)
        #expect(relative(a.confidenceLow!, 2.334500739061669) < 1e-5)
        #expect(relative(a.confidenceHigh!, 2.6528957393797334) < 1e-5)
        #expect(relative(b.confidenceLow!, 0.43477953573762046) < 1e-5)
        #expect(relative(b.confidenceHigh!, 0.46835277954316484) < 1e-5)
        // Internal consistency of the reported statistics.
        let tss = Sample.expY.map { ($0 - Sample.expY.reduce(0, +) / 10) * ($0 - Sample.expY.reduce(0, +) / 10) }.reduce(0, +)
        #expect(abs(r.r2! - (1 - r.rss / tss)) < 1e-14)
        #expect(abs(r.adjustedR2! - (1 - 9.0 / 8.0 * (1 - r.r2!))) < 1e-14)
        #expect(abs(r.sigma - (r.rss / 8).squareRoot()) < 1e-14)
        let llf = -5 * (log(2 * Double.pi * r.rss / 10) + 1)
        #expect(abs(r.aic! - (-2 * llf + 4)) < 1e-12)
        #expect(abs(r.bic! - (-2 * llf + 2 * log(10))) < 1e-12)
        for i in 0..<10 {
            #expect(abs(r.fitted[i] - a.estimate * exp(b.estimate * Sample.expX[i])) < 1e-12)
            #expect(abs(r.residuals[i] - (Sample.expY[i] - r.fitted[i])) < 1e-15)
        }
        #expect(abs(r.covariance![0][0].squareRoot() - a.standardError!) < 1e-15)
    }

    @Test("weighted exp agrees with curve_fit(sigma: 1/√w, absolute_sigma: false)")
    func weightedExpMatchesScipy() throws {
        let r = try NonlinearRegression.fit(model: .exp, x: Sample.expX, y: Sample.expY, labels: Sample.labels(10),
                                            weights: Sample.expWeights)
        expectAgreement(r, Reference(estimates: [2.545962770350458, 0.44508990246083463],
                                     standardErrors: [0.06260464549973906, 0.008102197955341757],
                                     rss: 0.5272421004994396))
    }

    @Test("power agrees with scipy's curve_fit")
    func powerMatchesScipy() throws {
        let r = try NonlinearRegression.fit(model: .power, x: Sample.powerX, y: Sample.powerY, labels: Sample.labels(10))
        expectAgreement(r, Reference(estimates: [3.229017957633818, 0.7448815792076617],
                                     standardErrors: [0.04845672424796276, 0.007544951415457701],
                                     rss: 0.10413610624932891))
        #expect(r.model == "y = a·x^b")
    }

    @Test("arrhenius agrees with scipy's curve_fit")
    func arrheniusMatchesScipy() throws {
        let r = try NonlinearRegression.fit(model: .arrhenius, x: Sample.arrheniusT, y: Sample.arrheniusY,
                                            labels: Sample.labels(10), xName: "T", yName: "rate")
        expectAgreement(r, Reference(estimates: [1052152.732894459, 0.6531634038016362],
                                     standardErrors: [212966.40958648792, 0.012279041142717403],
                                     rss: 0.9586023034412802))
        #expect(r.model == "rate = A·exp(−Ea/(k_B·T))")
        #expect(r.notes.contains { $0.contains("8.617333262e-5 eV/K (CODATA 2018, exact)") })
    }

    @Test("volcano agrees with scipy's curve_fit")
    func volcanoMatchesScipy() throws {
        let r = try NonlinearRegression.fit(model: .volcano, x: Sample.volcanoX, y: Sample.volcanoY, labels: Sample.labels(11))
        expectAgreement(r, Reference(estimates: [4.921093860581039, -0.7970867773408553, 0.4800718718791142, 0.4298898107372257],
                                     standardErrors: [0.08274845109561042, 0.006641677980441141, 0.011939121669623994, 0.07721745486620528],
                                     rss: 0.05516887887634719))
        #expect(r.terms.map(\.name) == ["h", "x0", "w", "c"])
        // scipy.stats.t: 2·sf(c/SE(c), 7) on scipy's values.
        #expect(relative(r.terms[3].p!, 0.0008444444905510383) < 1e-3)
    }

    @Test("a negative starting width still reports w > 0 with scipy's SE")
    func volcanoWidthSign() throws {
        let r = try NonlinearRegression.fit(model: .volcano, x: Sample.volcanoX, y: Sample.volcanoY, labels: Sample.labels(11),
                                            start: ["w": -0.6])
        #expect(relative(r.terms[2].estimate, 0.4800718718791142) < 1e-6)
        #expect(relative(r.terms[2].standardError!, 0.011939121669623994) < 1e-4)
        #expect(relative(r.terms[1].estimate, -0.7970867773408553) < 1e-6)
        #expect(r.notes.contains { $0.contains("w given") })
    }

    // MARK: Exact data

    @Test("exact data recover the parameters to 1e-9", arguments: NonlinearExactCase.all)
    func exactData(_ c: NonlinearExactCase) throws {
        let model = try NonlinearModel.model(named: c.model)
        let y = c.x.map { model.function(c.truth, $0) }
        let r = try NonlinearRegression.fit(model: model, x: c.x, y: y, labels: Sample.labels(c.x.count))
        for (term, value) in zip(r.terms, c.truth) {
            #expect(relative(term.estimate, value) < 1e-9, "\(c.model) \(term.name): \(term.estimate) vs \(value)")
        }
        #expect(r.warnings.isEmpty, "\(r.warnings)")
        #expect(r.r2! > 1 - 1e-12)
    }

    // MARK: Errors

    @Test("a power model with a non-positive x throws, naming the row")
    func powerDomain() {
        let x = [1.0, 2, -3, 4, 5], y = [1.0, 2, 3, 4, 5]
        let labels = ["Pt", "Pd", "Ni", "Cu", "Ag"]
        #expect(throws: NonlinearRegressionError.outsideDomain(model: "power", variable: "coverage", row: "Ni", value: -3,
                                                               requirement: "x > 0 (x^b with a non-integer b is undefined otherwise)")) {
            _ = try NonlinearRegression.fit(model: .power, x: x, y: y, labels: labels, xName: "coverage")
        }
        do {
            _ = try NonlinearRegression.fit(model: .power, x: [1, 0, 2, 3], y: [1, 2, 3, 4], labels: ["a", "zero", "c", "d"])
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("zero"), "\(error)")
            #expect("\(error)".contains("power"), "\(error)")
        }
    }

    @Test("fewer points than parameters + 1 throws")
    func tooFewPoints() {
        #expect(throws: DesignError.tooFewRows(rows: 2, parameters: 2, dropped: 0)) {
            _ = try NonlinearRegression.fit(model: .exp, x: [0, 1], y: [1, 2], labels: ["a", "b"])
        }
        #expect(throws: DesignError.tooFewRows(rows: 4, parameters: 4, dropped: 0)) {
            _ = try NonlinearRegression.fit(model: .volcano, x: [0, 1, 2, 3], y: [1, 3, 2, 1], labels: Sample.labels(4))
        }
    }

    @Test("non-finite data, bad weights, constant y and mismatched lengths throw")
    func badInput() {
        #expect(throws: NonlinearRegressionError.nonFinite(variable: "y", row: "R2", value: .infinity)) {
            _ = try NonlinearRegression.fit(model: .exp, x: [0, 1, 2, 3], y: [1, .infinity, 3, 4], labels: Sample.labels(4))
        }
        #expect(throws: DesignError.nonPositiveWeights) {
            _ = try NonlinearRegression.fit(model: .exp, x: [0, 1, 2, 3], y: [1, 2, 3, 4], labels: Sample.labels(4), weights: [1, 0, 1, 1])
        }
        #expect(throws: DesignError.constantResponse) {
            _ = try NonlinearRegression.fit(model: .exp, x: [0, 1, 2, 3], y: [2, 2, 2, 2], labels: Sample.labels(4))
        }
        #expect(throws: NonlinearRegressionError.self) {
            _ = try NonlinearRegression.fit(model: .exp, x: [0, 1, 2, 3], y: [1, 2, 3], labels: Sample.labels(4))
        }
        #expect(throws: NonlinearRegressionError.startNotFinite(model: "exp", row: "R2", start: "a = 1, b = 1000")) {
            _ = try NonlinearRegression.fit(model: .exp, x: [0, 1, 2, 3], y: [1, 2, 3, 4], labels: Sample.labels(4),
                                            start: ["a": 1, "b": 1000])
        }
    }

    @Test("unknown model and parameter names are listed in the error")
    func unknownNames() {
        do {
            _ = try NonlinearModel.model(named: "misra1a")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "unknown nonlinear model 'misra1a' (known models: exp, power, arrhenius, volcano)")
        }
        #expect((try? NonlinearModel.model(named: "Arrhenius"))?.name == "arrhenius")
        #expect(throws: NonlinearRegressionError.unknownParameter("k", model: "exp", known: ["a", "b"])) {
            _ = try NonlinearRegression.fit(model: .exp, x: Sample.expX, y: Sample.expY, labels: Sample.labels(10), start: ["k": 1])
        }
    }

    // MARK: Convergence and the wrapper

    @Test("hitting the iteration limit is a warning, not an error")
    func iterationLimit() throws {
        let r = try NonlinearRegression.fit(model: .volcano, x: Sample.volcanoX, y: Sample.volcanoY, labels: Sample.labels(11),
                                            start: ["h": 1, "x0": -1.9, "w": 2, "c": 0],
                                            options: NonlinearLeastSquares.Options(maxIterations: 2))
        #expect(r.warnings.contains { $0.contains("iteration limit (2)") }, "\(r.warnings)")
    }

    @Test("the wrapper returns the unscaled covariance and rejects mis-sized input")
    func wrapper() throws {
        let s = try NonlinearLeastSquares.solve(
            x: Sample.powerX, y: Sample.powerY, start: [1, 1],
            model: { p, x in p[0] * pow(x, p[1]) },
            jacobian: { p, x in [pow(x, p[1]), p[0] * pow(x, p[1]) * log(x)] })
        #expect(s.converged)
        #expect(s.iterations > 0)
        #expect(relative(s.parameters[0], 3.229017957633818) < 1e-6)
        let sigma2 = s.chiSquared / 8
        #expect(relative((sigma2 * s.unscaledCovariance[1][1]).squareRoot(), 0.007544951415457701) < 1e-4)
        #expect(s.unscaledCovariance[0][1] == s.unscaledCovariance[1][0])
        #expect(throws: GSLError.self) {
            _ = try NonlinearLeastSquares.solve(x: [1, 2, 3], y: [1, 2], start: [1, 1],
                                                model: { p, x in p[0] * x }, jacobian: { p, x in [x, 0] })
        }
        #expect(throws: GSLError.self) {
            _ = try NonlinearLeastSquares.solve(x: [1, 2, 3], y: [1, 2, 3], weights: [1, -1, 1], start: [1, 1],
                                                model: { p, x in p[0] * x }, jacobian: { p, x in [x, 0] })
        }
    }
}
