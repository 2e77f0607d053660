import SVGCharts
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenSensitivity
import ScreenStore
import ScreenThermodynamics
/// Everything a report says about one profile: the ranking, its sensitivity to the
/// weights (sweep, SMAA-2, Sobol') and the regressions behind it.
public struct ProfileAnalysis: Sendable {
    /// The sample counts, seed and display limits of an analysis.
    public struct Settings: Sendable {
        /// SMAA-2 samples, and value samples when the data are uncertain (default 10 000).
        public var samples = 10_000
        /// The seed of SMAA-2, the value samples and the Sobol' bootstrap (default 1).
        public var seed: UInt64 = 1
        /// N, the Sobol' base samples (default 1024).
        public var sobolSamples = 1024
        /// Leading candidates whose score and rank get Sobol' indices (default 3).
        public var sobolCandidates = 3
        /// Leading candidates the weight sweep follows (default 3).
        public var sweepTop = 3
        /// Rows of the ranking (and of the charts and tables that follow it) shown in the
        /// HTML and Markdown; the CSV and JSON keep every ranked candidate.
        public var shownRows = 50
        /// Excluded candidates listed per reason in the HTML and Markdown (all in the JSON).
        public var shownExclusionsPerReason = 20
        /// SMAA pairwise winning indices (n² numbers) are computed only up to this many
        /// ranked candidates; the report says when they are left out.
        public var smaaPairwiseLimit = 100
        /// Above `smaaPairwiseLimit` ranked candidates, SMAA confidence factors are computed for
        /// this many candidates, those most often first (the rows of the acceptability heat
        /// map); the report says when others are left out.
        public var smaaConfidenceCandidates = 15
        /// The defaults listed on each setting.
        public init() {}
    }

    /// A fitted relation with what a regression panel draws.
    public struct Relation: Sendable {
        /// The formula as written, `y ~ x`.
        public let formula: String
        /// The ordinary least-squares fit.
        public let fit: RegressionResult
        /// The predictor's values of the candidates the fit used.
        public let x: [Double]
        /// The response's values of those candidates.
        public let y: [Double]
        /// Those candidates' labels.
        public let labels: [String]
        /// 61 evenly spaced x values over the data's range widened by 10 % on each side.
        public let grid: [Double]
        /// The fit's prediction, with its bands, at each grid value.
        public let predictions: [Prediction]
        /// The predictor's name.
        public let xName: String
        /// The response's name.
        public let yName: String
    }

    /// The profile's screening.
    public let result: ScreeningResult
    /// Criteria with weight > 0 (those that rank), as a matrix.
    public let matrix: DecisionMatrix
    /// The weights of the matrix's criteria, normalised to sum 1.
    public let weights: [Double]
    /// SMAA-2 with uniform weights; nil with fewer than two weighted criteria or candidates.
    public let smaa: SMAAResult?
    /// The sentence saying how SMAA-2 drew weights and values.
    public let smaaWeightModel: String
    /// One-at-a-time weight sweeps; nil when SMAA-2 is.
    public let sweep: WeightSweep.Result?
    /// Sobol' indices of the leaders' scores and ranks; nil when SMAA-2 is.
    public let sobol: SobolResult?
    /// The profile's relations and imputation formulas that could be fitted.
    public let relations: [Relation]
    /// Scope notes, skipped analyses and relations that could not be fitted, in that order.
    public let notes: [String]
    /// The stages, removed compounds and windows against sodium metal, for profiles that screen
    /// on stability descriptors (nil for the others, whose reports are unchanged).
    public let stability: StabilityAnalysis?
    /// The band-gap calibration fit, for profiles with a criterion on `band_gap_corrected` (nil for
    /// the others, whose reports are unchanged).
    public let calibration: CalibrationAnalysis?
    /// The settings the analysis ran with (the report reads its display limits from them).
    public let settings: Settings

    /// - Parameter scope: command-line scope settings on top of the profile's (see `ProfileScreening.run`).
    public init(profile: Profile, store: DescriptorStore, settings: Settings = Settings(), scope: ScreeningScope.Override? = nil) throws {
        // The stored stability reports and the calibration fit do not depend on the screening: each is
        // read and built on another thread, with a database connection of its own, while the screening runs
        // (with the same connection, the reads would wait for each other). Neither writes.
        let path = store.path
        let hulls = StabilityStages.applies(to: profile)
            ? BackgroundTask { Result { try StabilityAnalysis.Hulls(store: try DescriptorStore(path: path)) } } : nil
        let calibrationRun = CalibrationAnalysis.applies(to: profile)
            ? BackgroundTask { (try? DescriptorStore(path: path)).map { CalibrationAnalysis(store: $0) } } : nil
        let result = try ProfileScreening.run(profile, store: store, scope: scope)
        self.result = result
        self.settings = settings
        // Should the second connection fail to open, the analyses read through `store`. The stability
        // analysis (stored reports decoded; linear programs only for compounds without one) runs on
        // another thread while the sensitivity analysis below runs on this one; neither depends on the other.
        let stabilityRun = try hulls.map { task in
            let hulls = try (try? task.value.get()) ?? StabilityAnalysis.Hulls(store: store)
            return BackgroundTask { StabilityAnalysis(result: result, hulls: hulls) }
        }
        calibration = calibrationRun.map { $0.value ?? CalibrationAnalysis(store: store) }
        (matrix, weights) = try result.weightedMatrix()
        let method = try result.rankingMethod()
        var notes: [String] = result.scopeNotes
        ProgressLine.current?.begin("\(profile.name): SMAA-2")
        let (values, sampled) = result.weightedValueModel(samples: settings.samples, seed: settings.seed)
        smaaWeightModel = "weights uniform on the simplex; " + (sampled ? "data uncertainty sampled" : "values fixed")
        if matrix.columnCount >= 2 && matrix.rowCount >= 2 {
            smaa = try settings.smaa(matrix: matrix, values: values, method: method)
            if matrix.rowCount > settings.smaaPairwiseLimit {
                notes.append("SMAA-2 pairwise winning indices are computed only up to \(settings.smaaPairwiseLimit) ranked candidates (here \(matrix.rowCount)); rank acceptabilities, mean ranks and central weights cover all of them")
            }
            ProgressLine.current?.begin("\(profile.name): weight sweeps")
            sweep = try WeightSweep.run(matrix: matrix, weights: weights, method: method, topK: settings.sweepTop)
            ProgressLine.current?.begin("\(profile.name): Sobol'")
            sobol = try RankingSobol.run(matrix: matrix, weights: weights, method: method, setup: settings.sobolSetup)
        } else {
            smaa = nil
            sweep = nil
            sobol = nil
            notes.append("fewer than two weighted criteria or candidates: no sensitivity analysis")
        }
        stability = stabilityRun?.value
        var formulas = profile.relations
        for c in profile.criteria { if case .impute(let f) = c.missing, !formulas.contains(f) { formulas.append(f) } }
        relations = formulas.compactMap { f in
            do { return try Self.relation(f, store: store) } catch {
                notes.append("relation \(f) could not be fitted: \(error)")
                return nil
            }
        }
        self.notes = notes
    }

    /// A one-predictor OLS fit on the candidates' descriptors, with bands on a grid.
    static func relation(_ text: String, store: DescriptorStore) throws -> Relation {
        let formula = try Formula(text)
        guard formula.terms.count == 1, formula.terms[0].factors.count == 1, case .variable(let xName) = formula.terms[0].factors[0],
              case .variable(let yName) = formula.response else {
            throw DecisionError.parameter("a regression panel needs a formula of the form y ~ x")
        }
        let table = try DescriptorTable.candidates(store, categories: nil, aggregate: .median)
        let design = try DesignMatrix(formula: formula, data: table)
        let fit = try LinearRegression.fit(design)
        // The formula is `y ~ x` (the guard above), and `DesignMatrix` guarantees n > p ≥ 1 rows, each ending with x.
        let x = design.x.map { $0.last! }
        let lo = x.min()!, hi = x.max()!, pad = (hi - lo) * 0.1
        let grid = (0...60).map { lo - pad + (hi - lo + 2 * pad) * Double($0) / 60 }
        var gridTable = DataTable(labels: grid.map { "x = \($0)" }, origin: "grid")
        gridTable.setColumn(xName, grid)
        let predictions = try Prediction.predict(fit, formula: formula, data: gridTable)
        return Relation(formula: text, fit: fit, x: x, y: design.y, labels: design.labels, grid: grid, predictions: predictions,
                        xName: xName, yName: yName)
    }
}
