import ScreenCore

/// The names and size of a run's matrix, for the checks and the column-major layout of values.
struct MatrixShape {
    let alternatives: [String]
    let criteria: [String]
    var n: Int { alternatives.count }
    var m: Int { criteria.count }

    /// Throws unless `rows` has n rows of m entries; `what` names them in the error.
    func check<T>(_ rows: [[T]], _ what: String) throws {
        guard rows.count == n else {
            throw SMAAError.invalidValues("\(what): \(rows.count) rows for \(n) alternatives")
        }
        for (i, row) in rows.enumerated() where row.count != m {
            throw SMAAError.invalidValues("\(what): \(alternatives[i]) has \(row.count) values for \(m) criteria")
        }
    }

    /// The n × m `rows` column-major (cell (i, j) at j·n + i), every value finite.
    /// - Complexity: O(n·m).
    func columnMajor(_ rows: [[Double]], _ what: String) throws -> [Double] {
        try check(rows, what)
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
}

/// The layouts of the kinds of value source that need more than a reshape.
extension ValueSampler {
    /// A base matrix with a few cells drawn elsewhere: `draws` holds, sample after sample, one
    /// value per cell of `cells`. One sample is a fixed matrix.
    /// - Complexity: O(n·m + d) for d draws.
    static func sparseStorage(_ shape: MatrixShape, rows: [[Double]], cells: [ValueModel.Cell], draws: [Double]) throws -> Storage {
        let (n, m) = (shape.n, shape.m)
        let base = try shape.columnMajor(rows, "values")
        guard !cells.isEmpty else { return .fixed(base) }
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
            throw SMAAError.invalidValues("value sample \(k / cells.count + 1): the value of \(shape.criteria[c.criterion]) for \(shape.alternatives[c.alternative]) is not a finite number")
        }
        let count = draws.count / cells.count
        guard count > 1 else {
            var b = base
            for (c, x) in zip(index, draws) { b[c] = x }
            return .fixed(b)
        }
        return .sparse(base: base, cells: index, draws: draws, count: count)
    }

    /// A distribution per cell, each checked against its bounds (the cell's, else its column's);
    /// a matrix with no stochastic cell is fixed.
    /// - Complexity: O(n·m + e) for e measured values of empirical cells.
    static func distributionStorage(_ shape: MatrixShape, cells: [[ValueDistribution]], model: ValueModel) throws -> Storage {
        try shape.check(cells, "value distributions")
        var layout = CellLayout(count: shape.n * shape.m)
        for j in 0..<shape.m {
            for i in 0..<shape.n {
                let bounds = model.cellBounds?[i][j] ?? model.columnBounds?[j] ?? .unbounded
                try layout.add(cells[i][j], at: j * shape.n + i, bounds: bounds,
                               place: "\(shape.criteria[j]) of \(shape.alternatives[i])")
            }
        }
        return layout.stochastic
            ? .cells(kind: layout.kind, first: layout.first, second: layout.second, lower: layout.lower, upper: layout.upper,
                     offsets: layout.offsets, pool: layout.pool)
            : .fixed(layout.first)
    }
}

/// The column-major arrays of `ValueSampler.Storage.cells`, filled one cell at a time: a kind,
/// its parameters (normal: mean, sd; uniform: low, high; empirical: offset and count in `pool`;
/// fixed: the value), and bounds.
struct CellLayout {
    var kind: [ValueSampler.Kind]
    var first: [Double]
    var second: [Double]
    var lower: [Double]
    var upper: [Double]
    var offsets: [Int]
    var pool: [Double] = []
    /// True once any cell is drawn at random.
    var stochastic = false

    init(count: Int) {
        kind = [ValueSampler.Kind](repeating: .fixed, count: count)
        first = [Double](repeating: 0, count: count)
        second = first
        lower = [Double](repeating: -.infinity, count: count)
        upper = [Double](repeating: .infinity, count: count)
        offsets = [Int](repeating: 0, count: count)
    }

    /// Cell `c`, named `place` in errors: a distribution without spread is stored as fixed.
    mutating func add(_ distribution: ValueDistribution, at c: Int, bounds: ValueBounds, place: String) throws {
        let lo = bounds.lower ?? -.infinity, hi = bounds.upper ?? .infinity
        guard !lo.isNaN, !hi.isNaN, lo <= hi, lo < .infinity, hi > -.infinity else {
            throw SMAAError.invalidValues("the bounds of \(place) are [\(lo), \(hi)]; they need lower ≤ upper")
        }
        (lower[c], upper[c]) = (lo, hi)
        switch distribution {
        case .fixed(let x):
            try fixed(x, at: c, place: place)
        case .normal(let mean, let sd), .imputed(let mean, let sd):
            guard mean.isFinite, sd.isFinite, sd >= 0 else {
                throw SMAAError.invalidValues("the normal distribution of \(place) has mean \(mean) and sd \(sd); both must be finite and sd ≥ 0")
            }
            if sd == 0 { return try fixed(mean, at: c, place: place) }
            (kind[c], first[c], second[c], stochastic) = (.normal, mean, sd, true)
        case .uniform(let low, let high):
            guard low.isFinite, high.isFinite, low <= high else {
                throw SMAAError.invalidValues("the range of \(place) is [\(low), \(high)]; it needs finite low ≤ high")
            }
            if low == high { return try fixed(low, at: c, place: place) }
            guard high >= lo, low <= hi else {
                throw SMAAError.invalidValues("the range [\(low), \(high)] of \(place) lies outside its bounds [\(lo), \(hi)]")
            }
            (kind[c], first[c], second[c], stochastic) = (.uniform, low, high, true)
        case .empirical(let values):
            guard !values.isEmpty else { throw SMAAError.invalidValues("no measured values for \(place)") }
            guard values.allSatisfy(\.isFinite) else {
                throw SMAAError.invalidValues("a measured value of \(place) is not a finite number")
            }
            guard values.contains(where: { $0 >= lo && $0 <= hi }) else {
                throw SMAAError.invalidValues("every measured value of \(place) lies outside its bounds [\(lo), \(hi)]")
            }
            if values.count == 1 { return try fixed(values[0], at: c, place: place) }
            (kind[c], offsets[c], second[c], stochastic) = (.empirical, pool.count, Double(values.count), true)
            pool += values
        }
    }

    /// A fixed value, which must be finite and inside the cell's bounds.
    private mutating func fixed(_ x: Double, at c: Int, place: String) throws {
        guard x.isFinite else { throw SMAAError.invalidValues("the value of \(place) is not a finite number") }
        guard x >= lower[c], x <= upper[c] else {
            throw SMAAError.invalidValues("the value \(x) of \(place) is outside its bounds [\(lower[c]), \(upper[c])]")
        }
        (kind[c], first[c]) = (.fixed, x)
    }
}
