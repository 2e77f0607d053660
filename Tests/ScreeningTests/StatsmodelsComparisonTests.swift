import Foundation
import Testing

/// The same fits as statsmodels 0.15.0 on the same small data sets. The reference numbers
/// in Fixtures/regression/statsmodels.json were computed once with statsmodels (the script
/// beside them, statsmodels_reference.py, regenerates them); they are independent of our code.
@Suite("Agreement with statsmodels")
struct StatsmodelsComparisonTests {
    static let fixtures = packageRoot.appendingPathComponent("Tests/ScreeningTests/Fixtures/regression")

    static func reference() throws -> [String: Any] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("statsmodels.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func referenceFit(_ key: String) throws -> [String: Any] {
        let fits = try #require(try reference()["fits"] as? [[String: Any]])
        return try #require(fits.first { $0["key"] as? String == key })
    }

    /// statsmodels/patsy names → ours: `I(x1 ** 2)` → `I(x1^2)`, `np.log(x1)` → `log(x1)`.
    static func normalised(_ name: String) -> String {
        name.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "np.", with: "").replacingOccurrences(of: "**", with: "^")
    }

    static func close(_ a: Double?, _ b: Double?, _ rel: Double) -> Bool {
        guard let a, let b else { return false }
        return abs(a - b) <= rel * max(abs(b), 1e-300)
    }

    func run(_ key: String, formula: String, extra: [String] = []) throws -> (ours: [String: Any], theirs: [String: Any]) {
        let theirs = try Self.referenceFit(key)
        let dataset = try #require(theirs["dataset"] as? String)
        let r = try runScreen(["fit", "--data", Self.fixtures.appendingPathComponent(dataset).path, "--formula", formula, "--format", "json"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return (try #require(try parseJSON(r.stdout) as? [String: Any]), theirs)
    }

    func compareTerms(_ ours: [String: Any], _ theirs: [String: Any], rel: Double, intervals: Bool = true) throws {
        let terms = try #require(ours["terms"] as? [[String: Any]])
        let params = try #require(theirs["params"] as? [String: Double])
        let bse = try #require(theirs["bse"] as? [String: Double])
        let tvalues = try #require(theirs["tvalues"] as? [String: Double])
        let pvalues = try #require(theirs["pvalues"] as? [String: Double])
        let ci = try #require(theirs["conf_int"] as? [String: [Double]])
        #expect(terms.count == params.count)
        for (name, estimate) in params {
            let t = try #require(terms.first { $0["name"] as? String == Self.normalised(name) }, "no term \(name) in \(terms.map { $0["name"]! })")
            #expect(Self.close(t["estimate"] as? Double, estimate, rel), "\(name) estimate")
            #expect(Self.close(t["std_error"] as? Double, bse[name], rel), "\(name) se")
            #expect(Self.close(t["t"] as? Double, tvalues[name], rel), "\(name) t")
            #expect(Self.close(t["p"] as? Double, pvalues[name], max(rel, 1e-7)), "\(name) p: \(t["p"]!) vs \(pvalues[name]!)")
            if intervals {
                #expect(Self.close(t["ci_low"] as? Double, ci[name]?[0], rel), "\(name) ci low")
                #expect(Self.close(t["ci_high"] as? Double, ci[name]?[1], rel), "\(name) ci high")
            }
        }
    }

    func compareSummary(_ ours: [String: Any], _ theirs: [String: Any], rel: Double) {
        for (mine, statsmodels) in [("rss", "ssr"), ("r2", "rsquared"), ("adj_r2", "rsquared_adj"), ("aic", "aic"), ("bic", "bic"),
                                    ("f", "fvalue"), ("condition_number", "condition_number")] {
            #expect(Self.close(ours[mine] as? Double, theirs[statsmodels] as? Double, rel), "\(mine): \(ours[mine] ?? "nil") vs \(theirs[statsmodels] ?? "nil")")
        }
        #expect(Self.close(ours["f_p"] as? Double, theirs["f_pvalue"] as? Double, 1e-6), "f_p")
        #expect(ours["dof"] as? Int == (theirs["df_resid"] as? Double).map { Int($0) })
        let scale = (ours["sigma"] as? Double).map { $0 * $0 }
        #expect(Self.close(scale, theirs["scale"] as? Double, rel), "scale")
    }

    @Test("OLS fits", arguments: [("ols_x1_x2", "y ~ x1 + x2"), ("ols_x1_x1sq", "y ~ x1 + I(x1**2)"),
                                  ("ols_interaction", "y ~ x1:x2 + x1"), ("ols_log", "y ~ log(x1) + x2")])
    func ols(key: String, formula: String) throws {
        let keys = try #require(try Self.reference()["fits"] as? [[String: Any]]).compactMap { $0["key"] as? String }
        try #require(keys.contains(key), "reference keys: \(keys)")
        let (ours, theirs) = try run(key, formula: formula)
        try compareTerms(ours, theirs, rel: 1e-9)
        compareSummary(ours, theirs, rel: 1e-9)
    }

    @Test("WLS with a weight column")
    func wls() throws {
        let key = try #require(try Self.reference()["fits"] as? [[String: Any]]).first { $0["method"] as? String == "WLS" }?["key"] as? String
        let (ours, theirs) = try run(try #require(key), formula: "y ~ x", extra: ["--weights", "w"])
        #expect(ours["method"] as? String == "wls")
        try compareTerms(ours, theirs, rel: 1e-9)
        compareSummary(ours, theirs, rel: 1e-9)
    }

    @Test("RLM (Huber and Tukey bisquare) through --method rlm")
    func rlm() throws {
        let fits = try #require(try Self.reference()["fits"] as? [[String: Any]]).filter { $0["method"] as? String == "RLM" }
        #expect(fits.count == 2)
        for theirs in fits {
            let options = try #require(theirs["options"] as? [String: Any])
            let norm = (options["norm"] as? String) == "HuberT" ? "huber" : "bisquare"
            let (ours, _) = try run(try #require(theirs["key"] as? String), formula: "y ~ x", extra: ["--method", "rlm", "--robust", norm])
            try compareTerms(ours, theirs, rel: 1e-7)
            #expect(Self.close(ours["sigma"] as? Double, theirs["scale"] as? Double, 1e-7), "scale")
        }
    }

    @Test("GSL's robust fit finds the same line up to its different scale estimate, and down-weights the planted outliers")
    func gslRobust() throws {
        let huber = try #require(try Self.reference()["fits"] as? [[String: Any]]).first {
            ($0["options"] as? [String: Any])?["norm"] as? String == "HuberT"
        }
        let theirs = try #require(huber)
        let (ours, _) = try run(try #require(theirs["key"] as? String), formula: "y ~ x", extra: ["--method", "robust", "--robust", "huber"])
        let params = try #require(theirs["params"] as? [String: Double])
        let terms = try #require(ours["terms"] as? [[String: Any]])
        // Same weighting function and tuning; GSL's σ estimator differs, so estimates agree to ~1 %, not to the last digit.
        #expect(Self.close(terms[0]["estimate"] as? Double, params["Intercept"], 0.02))
        #expect(Self.close(terms[1]["estimate"] as? Double, params["x"], 0.002))
        let notes = try #require(ours["notes"] as? [String]).joined(separator: " ")
        // Rows 7 and 16 of small-rlm.csv (0-based 6 and 15) are the planted gross outliers.
        #expect(notes.contains("line 8") && notes.contains("line 17"), "\(notes)")
    }

    @Test("prediction: mean and observation intervals")
    func prediction() throws {
        let reference = try #require(try Self.reference()["predictions"] as? [[String: Any]]).first
        let p = try #require(reference)
        let newData = try #require(p["new_data"] as? [String: [Double]])
        let columns = try #require(p["columns"] as? [String: [Double]])
        let file = temporaryRoot.appendingPathComponent("screen-predict-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        let x1 = try #require(newData["x1"]), x2 = try #require(newData["x2"])
        try write("x1,x2\n" + zip(x1, x2).map { "\($0),\($1)" }.joined(separator: "\n") + "\n", to: file)
        let r = try runScreen(["fit", "--data", Self.fixtures.appendingPathComponent("small-ols.csv").path, "--formula", "y ~ x1 + x2",
                               "--predict", file.path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try #require(try parseJSON(r.stdout) as? [String: Any])
        let predictions = try #require(out["predictions"] as? [[String: Any]])
        #expect(predictions.count == 2)
        for (i, pred) in predictions.enumerated() {
            for (mine, theirs) in [("fitted", "mean"), ("mean_se", "mean_se"), ("mean_ci_low", "mean_ci_lower"), ("mean_ci_high", "mean_ci_upper"),
                                   ("pi_low", "obs_ci_lower"), ("pi_high", "obs_ci_upper")] {
                #expect(Self.close(pred[mine] as? Double, columns[theirs]?[i], 1e-9), "\(mine)[\(i)]")
            }
        }
    }
}
