import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics
/// The Saltelli sampling scheme for first- and total-order Sobol' indices (Saltelli et al.
/// 2010, "Variance based sensitivity analysis of model output. Design and estimator for the
/// total sensitivity index", Comput. Phys. Commun. 181, 259–270, section 3 and Table 2).
///
/// Each base sample i takes one point of a 2d-dimensional Sobol' sequence: its first d
/// coordinates are row i of matrix **A**, its last d those of **B**. For every input j the
/// matrix **A**_B^(j) is **A** with column j taken from **B** ("radial" design: every
/// A_B^(j) row differs from its A row in one coordinate only). The model is evaluated on
/// N·(d + 2) rows, stored in SALib's order (`SALib.sample.sobol.sample` with
/// `calc_second_order=False`): for base sample i the rows are
///
///     A_i, A_B^(1)_i, …, A_B^(d)_i, B_i        (row = i·(d + 2) + k)
///
/// so a SALib output vector and this design line up row for row. Points are mapped to the
/// input distributions coordinate by coordinate (`SobolInput.value(at:)`).
///
/// The Sobol' sequence is GSL's and starts at (0.5, …, 0.5), not at the zero point; see
/// `SobolSequence` for how that relates to SALib (whose default is a *scrambled* sequence).
///
/// - Complexity: O(N·(d + 2)·d) time and memory (the mapped points, row-major).
public struct SaltelliDesign: Sendable {
    /// The rows of one base sample.
    public enum Block: Sendable, Equatable {
        /// Matrix A, the first N × d block of the Sobol' points.
        case a
        /// A with input j (0-based) taken from B.
        case ab(Int)
        /// Matrix B, the second block (coordinates d ..< 2d of the Sobol' points).
        case b
    }

    /// The d inputs, in the order of each row's coordinates.
    public let inputs: [SobolInput]
    /// N, the number of base samples (rows of A and of B).
    public let baseSamples: Int
    /// How many Sobol' points were discarded before the first base sample (after GSL's own
    /// omission of the zero point).
    public let skipped: Int
    /// The model inputs, row-major: `points[row·d + j]`.
    public let points: [Double]

    /// d, the number of inputs.
    public var inputCount: Int { inputs.count }
    /// d + 2 rows per base sample.
    public var rowsPerBaseSample: Int { inputs.count + 2 }
    /// N·(d + 2), the number of model evaluations.
    public var rowCount: Int { baseSamples * rowsPerBaseSample }

    /// The largest number of inputs: the sequence has 2d dimensions and GSL's Sobol'
    /// generator supports at most 40.
    public static let maximumInputCount = SobolSequence.maximumDimension / 2

    /// Draws the design.
    ///
    /// - Parameters:
    ///   - inputs: 1 … 20 independent inputs with distinct names.
    ///   - baseSamples: N ≥ 1 (powers of two keep the balance properties of the Sobol' points).
    ///   - skip: Sobol' points to discard first (default 0).
    /// - Throws: `SobolError` for no or too many inputs, invalid distributions, duplicate
    ///   names, N < 1, a negative skip, or an inverse CDF that returns a non-finite value;
    ///   `GSLError` if GSL's generator fails.
    public init(inputs: [SobolInput], baseSamples: Int, skip: Int = 0) throws {
        guard !inputs.isEmpty else { throw SobolError.noInputs }
        guard inputs.count <= SaltelliDesign.maximumInputCount else {
            throw SobolError.tooManyInputs(count: inputs.count, maximum: SaltelliDesign.maximumInputCount)
        }
        var seen = Set<String>()
        for input in inputs {
            try input.validate()
            guard seen.insert(input.name).inserted else {
                throw SobolError.input(name: input.name, reason: "the name is used by more than one input")
            }
        }
        guard baseSamples >= 1 else { throw SobolError.baseSamples(baseSamples) }
        guard skip >= 0 else { throw SobolError.skip(skip) }
        guard baseSamples <= SobolSequence.maximumPointCount - skip else {
            throw SobolError.baseSamples(baseSamples)
        }
        let d = inputs.count
        let rows = baseSamples * (d + 2)
        let sequence = try SobolSequence(dimension: 2 * d)
        try sequence.skip(skip)

        // Map every coordinate of the base points once: a[i][j], b[i][j].
        var mappedA = [Double](repeating: 0, count: baseSamples * d)
        var mappedB = [Double](repeating: 0, count: baseSamples * d)
        var u = [Double](repeating: 0, count: 2 * d)
        for i in 0..<baseSamples {
            try sequence.next(into: &u)
            for j in 0..<d {
                mappedA[i * d + j] = try Self.map(inputs[j], u[j])
                mappedB[i * d + j] = try Self.map(inputs[j], u[d + j])
            }
        }

        var points = [Double](repeating: 0, count: rows * d)
        for i in 0..<baseSamples {
            let base = i * (d + 2)
            for j in 0..<d {
                let a = mappedA[i * d + j], b = mappedB[i * d + j]
                points[base * d + j] = a                                   // A
                points[(base + d + 1) * d + j] = b                         // B
                for k in 0..<d { points[(base + 1 + k) * d + j] = (k == j) ? b : a }   // A_B^(k)
            }
        }
        self.inputs = inputs
        self.baseSamples = baseSamples
        self.skipped = skip
        self.points = points
    }

    private static func map(_ input: SobolInput, _ u: Double) throws -> Double {
        let value = input.value(at: u)
        guard value.isFinite else { throw SobolError.nonFiniteInput(input: input.name, quantile: u, value: value) }
        return value
    }

    /// The row index of block `block` of base sample `i`.
    public func row(baseSample i: Int, _ block: Block) -> Int {
        let offset: Int
        switch block {
        case .a: offset = 0
        case .ab(let j): offset = 1 + j
        case .b: offset = inputs.count + 1
        }
        return i * rowsPerBaseSample + offset
    }

    /// The model inputs of one row.
    public func point(_ row: Int) -> [Double] {
        let d = inputs.count
        return Array(points[(row * d)..<((row + 1) * d)])
    }
}
