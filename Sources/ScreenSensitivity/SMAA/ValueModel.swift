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

    /// One cell of the matrix, as a screening's value model lists its uncertain cells (only this
    /// module makes one: its memberwise initialiser is internal).
    public struct Cell: Sendable, Equatable {
        /// The alternative's row (0-based).
        public let alternative: Int
        /// The criterion's column (0-based).
        public let criterion: Int
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

    /// Checks `model` against the run's alternatives and criteria and lays its values out
    /// column-major; each kind of source is read by a function of `ValueSampler+Storage.swift`.
    init(model: ValueModel, alternatives: [String], criteria: [String]) throws {
        let shape = MatrixShape(alternatives: alternatives, criteria: criteria)
        (n, m) = (shape.n, shape.m)
        guard model.maximumTries >= 1 else {
            throw SMAAError.invalidInput("the maximum number of value redraws must be ≥ 1, got \(model.maximumTries)")
        }
        maximumTries = model.maximumTries
        if let cb = model.columnBounds, cb.count != m {
            throw SMAAError.invalidValues("\(cb.count) column bounds for \(m) criteria")
        }
        if let cb = model.cellBounds { try shape.check(cb, "cell bounds") }
        switch model.source {
        case .fixed(let rows):
            storage = .fixed(try shape.columnMajor(rows, "values"))
        case .samples(let matrices):
            guard !matrices.isEmpty else { throw SMAAError.invalidValues("no value samples given") }
            let columns = try matrices.enumerated().map { try shape.columnMajor($0.element, "value sample \($0.offset + 1)") }
            storage = columns.count == 1 ? .fixed(columns[0]) : .given(columns)
        case .sparseSamples(let rows, let cells, let draws):
            storage = try Self.sparseStorage(shape, rows: rows, cells: cells, draws: draws)
        case .distributions(let cells):
            storage = try Self.distributionStorage(shape, cells: cells, model: model)
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
