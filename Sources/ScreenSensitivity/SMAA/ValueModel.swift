import Foundation
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics

/// The uncertainty of one criterion value of one alternative.
///
/// Why these cases: they are the shapes in which the descriptor data carry their uncertainty —
/// a measurement with a ± (normal), a value reported only as a range (uniform), several
/// measurements of the same property (empirical: each equally likely), and an imputed value
/// with its prediction standard error (normal, so that a value the database only estimated
/// cannot rank as confidently as a measured one).
public enum ValueDistribution: Sendable, Equatable {
    /// A value without uncertainty.
    case fixed(Double)
    /// Normal with this mean and standard deviation (sd ≥ 0; sd 0 is `fixed(mean)`).
    case normal(mean: Double, sd: Double)
    /// Uniform on [low, high] (low ≤ high; equal ends are `fixed`).
    case uniform(low: Double, high: Double)
    /// One of these values, each with probability 1/count.
    case empirical([Double])
    /// An imputed value: normal around the prediction, with the standard error of a new
    /// observation (not of the mean).
    case imputed(value: Double, standardError: Double)

    /// The distribution of an imputed descriptor: normal(value, standard error of prediction).
    public init(_ imputed: ImputedValue) {
        self = .imputed(value: imputed.value, standardError: imputed.standardError)
    }

    /// A normal distribution recovered from a symmetric prediction interval at `level`
    /// (e.g. 0.95): mean the midpoint, sd = (high − low)/(2 z) with z the normal quantile.
    /// Use `imputed(value:standardError:)` when the standard error is known: an interval from
    /// a t distribution is wider than this normal assumes.
    public static func predictionInterval(low: Double, high: Double, level: Double) -> ValueDistribution {
        let z = Distributions.normalUpperQuantile((1 - level) / 2)
        return .imputed(value: (low + high) / 2, standardError: (high - low) / (2 * z))
    }
}

/// Physical bounds of a value (a conductivity is ≥ 0, a fraction ≤ 1); nil is unbounded.
///
/// Why: a normal around a small positive measurement puts probability on negative values that
/// the property cannot take, and a negative conductivity would make sum or log normalisation
/// fail or, worse, rank nonsense. Samples outside the bounds are redrawn.
public struct ValueBounds: Sendable, Equatable {
    /// The smallest value the property can take; nil: none.
    public var lower: Double?
    /// The largest value the property can take; nil: none.
    public var upper: Double?

    /// Bounds `lower ≤ x ≤ upper`; nil on a side leaves it open. Not validated here.
    public init(lower: Double? = nil, upper: Double? = nil) {
        self.lower = lower
        self.upper = upper
    }

    /// No bounds.
    public static let unbounded = ValueBounds()
    /// x ≥ 0.
    public static let nonNegative = ValueBounds(lower: 0)
    /// x > 0 is not expressible with closed bounds; for a strictly positive property (needed
    /// by sum, log and linear normalisation) use a small positive lower bound.
    public static func atLeast(_ x: Double) -> ValueBounds { ValueBounds(lower: x) }
}

/// How SMAA obtains the decision matrix of each sample.
///
/// Why: SMAA-2 treats uncertain criterion values the same way as uncertain weights — sample
/// them and count ranks — so that the acceptability of a candidate reflects how well its
/// descriptors are known, not only what the panel prefers.
public struct ValueModel: Sendable, Equatable {
    /// Where each sample's matrix comes from.
    public enum Source: Sendable, Equatable {
        /// One matrix, `[alternative][criterion]`, used in every sample.
        case fixed([[Double]])
        /// One distribution per cell, `[alternative][criterion]`.
        case distributions([[ValueDistribution]])
        /// Given matrices, each `[alternative][criterion]`; sample k uses matrix k mod count.
        case samples([[[Double]]])
        /// Given matrices stored sparsely: `base` `[alternative][criterion]` with the listed
        /// `cells` replaced, in sample k, by `draws[(k mod count)·cells.count + c]` where
        /// count = draws.count / cells.count. The same matrices as `.samples`, in
        /// O(samples · uncertain cells) memory instead of O(samples · n · m).
        case sparseSamples(base: [[Double]], cells: [Cell], draws: [Double])
    }

    /// One cell of the matrix.
    public struct Cell: Sendable, Equatable {
        /// The alternative's row (0-based).
        public let alternative: Int
        /// The criterion's column (0-based).
        public let criterion: Int
        /// The cell at (`alternative`, `criterion`).
        public init(alternative: Int, criterion: Int) {
            self.alternative = alternative
            self.criterion = criterion
        }
    }

    /// Where each sample's matrix comes from.
    public var source: Source
    /// Bounds per criterion (column), or nil for none.
    public var columnBounds: [ValueBounds]?
    /// Bounds per cell `[alternative][criterion]`, overriding the column's; nil entries use
    /// the column's.
    public var cellBounds: [[ValueBounds?]]?
    /// How many times a draw outside the bounds is redrawn before it is clamped to the nearest
    /// bound (and counted in the run's notes).
    public var maximumTries: Int

    /// A value model as given; shapes and bounds are checked when a run binds it to a problem.
    public init(source: Source, columnBounds: [ValueBounds]? = nil, cellBounds: [[ValueBounds?]]? = nil, maximumTries: Int = 100) {
        self.source = source
        self.columnBounds = columnBounds
        self.cellBounds = cellBounds
        self.maximumTries = maximumTries
    }

    /// A deterministic matrix `[alternative][criterion]`.
    public static func fixed(_ values: [[Double]]) -> ValueModel { ValueModel(source: .fixed(values)) }

    /// One distribution per cell, with optional physical bounds per column and per cell.
    public static func distributions(_ cells: [[ValueDistribution]], columnBounds: [ValueBounds]? = nil,
                                     cellBounds: [[ValueBounds?]]? = nil, maximumTries: Int = 100) -> ValueModel {
        ValueModel(source: .distributions(cells), columnBounds: columnBounds, cellBounds: cellBounds, maximumTries: maximumTries)
    }

    /// Given matrices (e.g. from a file); sample k uses matrix k mod count.
    public static func samples(_ matrices: [[[Double]]]) -> ValueModel { ValueModel(source: .samples(matrices)) }
}

/// A validated `ValueModel` for one run, in column-major form (cell (i, j) at j·n + i).
struct ValueSampler: Sendable {
    let n: Int
    let m: Int
    let maximumTries: Int

    enum Kind: UInt8, Sendable { case fixed, normal, uniform, empirical }
    enum Storage: Sendable {
        case fixed([Double])
        case cells(kind: [Kind], first: [Double], second: [Double], lower: [Double], upper: [Double],
                   offsets: [Int], pool: [Double])
        case given([[Double]])
        case sparse(base: [Double], cells: [Int], draws: [Double], count: Int)
    }
    let storage: Storage

    /// The matrix used in every sample, column-major, when the values are deterministic.
    var fixedColumns: [Double]? {
        if case .fixed(let c) = storage { return c }
        return nil
    }

    var isDeterministic: Bool { fixedColumns != nil }

    init(model: ValueModel, alternatives: [String], criteria: [String]) throws {
        let n = alternatives.count, m = criteria.count
        self.n = n
        self.m = m
        guard model.maximumTries >= 1 else {
            throw SMAAError.invalidInput("the maximum number of value redraws must be ≥ 1, got \(model.maximumTries)")
        }
        maximumTries = model.maximumTries
        func checkShape<T>(_ rows: [[T]], _ what: String) throws {
            guard rows.count == n else {
                throw SMAAError.invalidValues("\(what): \(rows.count) rows for \(n) alternatives")
            }
            for (i, row) in rows.enumerated() where row.count != m {
                throw SMAAError.invalidValues("\(what): \(alternatives[i]) has \(row.count) values for \(m) criteria")
            }
        }
        func columnMajor(_ rows: [[Double]], _ what: String) throws -> [Double] {
            try checkShape(rows, what)
            var c = [Double](repeating: 0, count: n * m)
            for i in 0..<n {
                for j in 0..<m {
                    let x = rows[i][j]
                    guard x.isFinite else {
                        throw SMAAError.invalidValues("\(what): the value of \(criteria[j]) for \(alternatives[i]) is not a finite number")
                    }
                    c[j * n + i] = x
                }
            }
            return c
        }
        if let cb = model.columnBounds, cb.count != m {
            throw SMAAError.invalidValues("\(cb.count) column bounds for \(m) criteria")
        }
        if let cb = model.cellBounds { try checkShape(cb, "cell bounds") }

        switch model.source {
        case .fixed(let rows):
            storage = .fixed(try columnMajor(rows, "values"))
        case .samples(let matrices):
            guard !matrices.isEmpty else { throw SMAAError.invalidValues("no value samples given") }
            let columns = try matrices.enumerated().map { try columnMajor($0.element, "value sample \($0.offset + 1)") }
            storage = columns.count == 1 ? .fixed(columns[0]) : .given(columns)
        case .sparseSamples(let rows, let cells, let draws):
            let base = try columnMajor(rows, "values")
            guard !cells.isEmpty else { storage = .fixed(base); break }
            guard draws.count % cells.count == 0, draws.count > 0 else {
                throw SMAAError.invalidValues("\(draws.count) sampled values for \(cells.count) uncertain cells")
            }
            var index: [Int] = []
            index.reserveCapacity(cells.count)
            for c in cells {
                guard c.alternative >= 0, c.alternative < n, c.criterion >= 0, c.criterion < m else {
                    throw SMAAError.invalidValues("an uncertain cell (\(c.alternative), \(c.criterion)) is outside the \(n) × \(m) matrix")
                }
                index.append(c.criterion * n + c.alternative)
            }
            for (k, x) in draws.enumerated() where !x.isFinite {
                let c = cells[k % cells.count]
                throw SMAAError.invalidValues("value sample \(k / cells.count + 1): the value of \(criteria[c.criterion]) for \(alternatives[c.alternative]) is not a finite number")
            }
            let count = draws.count / cells.count
            storage = count == 1 ? .fixed({ var b = base; for (c, x) in zip(index, draws) { b[c] = x }; return b }())
                : .sparse(base: base, cells: index, draws: draws, count: count)
        case .distributions(let cells):
            try checkShape(cells, "value distributions")
            var kind = [Kind](repeating: .fixed, count: n * m)
            var first = [Double](repeating: 0, count: n * m), second = first
            var lower = [Double](repeating: -.infinity, count: n * m)
            var upper = [Double](repeating: .infinity, count: n * m)
            var offsets = [Int](repeating: 0, count: n * m)
            var pool: [Double] = []
            var stochastic = false
            for j in 0..<m {
                for i in 0..<n {
                    let c = j * n + i
                    let place = "\(criteria[j]) of \(alternatives[i])"
                    let bounds = model.cellBounds?[i][j] ?? model.columnBounds?[j] ?? .unbounded
                    let lo = bounds.lower ?? -.infinity, hi = bounds.upper ?? .infinity
                    guard !lo.isNaN, !hi.isNaN, lo <= hi, lo < .infinity, hi > -.infinity else {
                        throw SMAAError.invalidValues("the bounds of \(place) are [\(lo), \(hi)]; they need lower ≤ upper")
                    }
                    lower[c] = lo
                    upper[c] = hi
                    func fixed(_ x: Double) throws {
                        guard x.isFinite else { throw SMAAError.invalidValues("the value of \(place) is not a finite number") }
                        guard x >= lo, x <= hi else {
                            throw SMAAError.invalidValues("the value \(x) of \(place) is outside its bounds [\(lo), \(hi)]")
                        }
                        kind[c] = .fixed
                        first[c] = x
                    }
                    switch cells[i][j] {
                    case .fixed(let x):
                        try fixed(x)
                    case .normal(let mean, let sd), .imputed(let mean, let sd):
                        guard mean.isFinite, sd.isFinite, sd >= 0 else {
                            throw SMAAError.invalidValues("the normal distribution of \(place) has mean \(mean) and sd \(sd); both must be finite and sd ≥ 0")
                        }
                        if sd == 0 { try fixed(mean); continue }
                        kind[c] = .normal
                        first[c] = mean
                        second[c] = sd
                        stochastic = true
                    case .uniform(let low, let high):
                        guard low.isFinite, high.isFinite, low <= high else {
                            throw SMAAError.invalidValues("the range of \(place) is [\(low), \(high)]; it needs finite low ≤ high")
                        }
                        if low == high { try fixed(low); continue }
                        guard high >= lo, low <= hi else {
                            throw SMAAError.invalidValues("the range [\(low), \(high)] of \(place) lies outside its bounds [\(lo), \(hi)]")
                        }
                        kind[c] = .uniform
                        first[c] = low
                        second[c] = high
                        stochastic = true
                    case .empirical(let values):
                        guard !values.isEmpty else { throw SMAAError.invalidValues("no measured values for \(place)") }
                        guard values.allSatisfy(\.isFinite) else {
                            throw SMAAError.invalidValues("a measured value of \(place) is not a finite number")
                        }
                        guard values.contains(where: { $0 >= lo && $0 <= hi }) else {
                            throw SMAAError.invalidValues("every measured value of \(place) lies outside its bounds [\(lo), \(hi)]")
                        }
                        if values.count == 1 { try fixed(values[0]); continue }
                        kind[c] = .empirical
                        offsets[c] = pool.count
                        second[c] = Double(values.count)
                        pool += values
                        stochastic = true
                    }
                }
            }
            storage = stochastic
                ? .cells(kind: kind, first: first, second: second, lower: lower, upper: upper, offsets: offsets, pool: pool)
                : .fixed(first)
        }
    }

    /// Writes the matrix of sample `index` into `columns` (column-major, n·m), drawing from
    /// `rng`. A draw outside its bounds is redrawn up to `maximumTries` times, then clamped,
    /// and `clamps[cell]` counts it (when `clamps` is non-nil).
    ///
    /// - Precondition: `columns.count == n·m`; `clamps` has n·m counters.
    /// - Complexity: O(n·m) draws (times the redraws).
    func draw(sample index: Int, using rng: RandomGenerator, into columns: inout [Double], clamps: ScratchBuffer<Int>?) {
        precondition(columns.count == n * m && (clamps?.count ?? n * m) == n * m, "ValueSampler.draw: sizes")
        switch storage {
        case .fixed(let c):
            columns.replaceSubrange(columns.indices, with: c)
        case .given(let all):
            columns.replaceSubrange(columns.indices, with: all[index % all.count])
        case .sparse(let base, let cells, let draws, let count):
            columns.replaceSubrange(columns.indices, with: base)
            let offset = (index % count) * cells.count
            for (c, cell) in cells.enumerated() { columns[cell] = draws[offset + c] }
        case .cells(let kind, let first, let second, let lower, let upper, let offsets, let pool):
            for c in 0..<(n * m) {
                let k = kind[c]
                if k == .fixed { columns[c] = first[c]; continue }
                func one() -> Double {
                    switch k {
                    case .fixed: return first[c]
                    case .normal: return first[c] + rng.gaussian(sigma: second[c])
                    case .uniform: return rng.flat(first[c], second[c])
                    case .empirical: return pool[offsets[c] + rng.uniformInteger(below: Int(second[c]))]
                    }
                }
                let lo = lower[c], hi = upper[c]
                var x = one()
                var tries = 1
                while (x < lo || x > hi) && tries < maximumTries {
                    x = one()
                    tries += 1
                }
                if x < lo || x > hi {
                    x = min(max(x, lo), hi)
                    clamps?[c] += 1
                }
                columns[c] = x
            }
        }
    }
}
