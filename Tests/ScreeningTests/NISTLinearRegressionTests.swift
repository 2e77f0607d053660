import Foundation
import Testing

/// The NIST Statistical Reference Datasets for linear least squares, fitted through
/// `screen fit --data … --formula … --format json`. Data and certified values are in
/// Fixtures/regression/ (certified.json names the copies they were taken from and
/// cross-checked against). Accuracy is measured as the log relative error (LRE, the number
/// of correct significant digits): at least 9 digits, 7 for Filip (NIST's "higher difficulty").
@Suite("NIST StRD linear regression")
struct NISTLinearRegressionTests {
    static let fixtures = packageRoot.appendingPathComponent("Tests/ScreeningTests/Fixtures/regression")
    static func certified(_ name: String) throws -> [String: Any]? {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("certified.json"))
        return (try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])?[name]
    }

    /// Correct significant digits of `x` against certified `c` (the absolute digits when c = 0).
    static func lre(_ x: Double, _ c: Double) -> Double {
        if x == c { return 16 }
        return c == 0 ? -log10(abs(x)) : -log10(abs(x - c) / abs(c))
    }

    @Test("certified coefficients, standard errors, residual SD and R²",
          arguments: ["Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley", "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"])
    func dataset(_ name: String) throws {
        let cert = try #require(try Self.certified(name))
        let formula = try #require(cert["formula"] as? String)
        let digits = name == "Filip" ? 7.0 : 9.0
        let r = try runScreen(["fit", "--data", Self.fixtures.appendingPathComponent("\(name).csv").path, "--formula", formula, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let fit = try #require(try parseJSON(r.stdout) as? [String: Any])
        let terms = try #require(fit["terms"] as? [[String: Any]])
        let expected = try #require(cert["coefficients"] as? [[String: Any]])
        #expect(terms.count == expected.count)
        for (t, e) in zip(terms, expected) {
            let estimate = try #require(t["estimate"] as? Double), certifiedEstimate = try #require(e["estimate"] as? Double)
            let se = try #require(t["std_error"] as? Double), certifiedSE = try #require(e["std_error"] as? Double)
            #expect(Self.lre(estimate, certifiedEstimate) >= digits, "\(name) \(t["name"]!): \(estimate) vs \(certifiedEstimate)")
            #expect(Self.lre(se, certifiedSE) >= digits, "\(name) se \(t["name"]!): \(se) vs \(certifiedSE)")
        }
        let sd = try #require(fit["sigma"] as? Double), certifiedSD = try #require(cert["residual_sd"] as? Double)
        #expect(Self.lre(sd, certifiedSD) >= digits, "\(name) residual sd \(sd) vs \(certifiedSD)")
        let r2 = try #require(fit["r2"] as? Double), certifiedR2 = try #require(cert["r_squared"] as? Double)
        #expect(Self.lre(r2, certifiedR2) >= digits, "\(name) R² \(r2) vs \(certifiedR2)")
        #expect(fit["n"] as? Int == cert["n"] as? Int)
        if let f = cert["f_statistic"] as? Double, let ours = fit["f"] as? Double {
            #expect(Self.lre(ours, f) >= digits - 1, "\(name) F \(ours) vs \(f)")
        }
    }
}
