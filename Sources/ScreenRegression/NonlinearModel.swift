import Foundation
import ScreenCore
import ScreenNumerics
import ScreenStore

/// A named nonlinear model y = f(p, x) of one predictor, with what a fit needs: parameter
/// names, the function, its analytic Jacobian, the predictor's domain and a starting guess
/// computed from the data (which `NonlinearRegression.fit(start:)` can override per parameter).
public struct NonlinearModel: Sendable {
    /// The name used on the command line and in the method ("nonlinear-<name>").
    public let name: String
    /// Parameter names in order (`a`, `b`; `A`, `Ea`), as `--start` and the output name them.
    public let parameterNames: [String]
    /// One line for help text.
    public let summary: String
    /// f(parameters, x).
    public let function: @Sendable ([Double], Double) -> Double
    /// [∂f/∂p₀, …] at (parameters, x).
    public let jacobian: @Sendable ([Double], Double) -> [Double]
    /// A starting guess from the data (x, y), one value per parameter.
    public let startingGuess: @Sendable ([Double], [Double]) -> [Double]
    /// nil when x is in the model's domain, otherwise what x must be ("x > 0").
    public let domainViolation: @Sendable (Double) -> String?
    /// The index of a parameter that enters only through its square (a width), so that its
    /// sign is arbitrary: reported as its absolute value.
    public let signFreeParameter: Int?
    /// The model as text with the real variable names.
    let text: @Sendable (_ x: String, _ y: String) -> String
    /// Notes to print with every fit of this model (units, constants).
    public let notes: [String]

    /// A model from its parts; `text` writes the equation with the caller's variable names.
    public init(name: String, parameterNames: [String], summary: String,
                text: @escaping @Sendable (_ x: String, _ y: String) -> String,
                function: @escaping @Sendable ([Double], Double) -> Double,
                jacobian: @escaping @Sendable ([Double], Double) -> [Double],
                startingGuess: @escaping @Sendable ([Double], [Double]) -> [Double],
                domainViolation: @escaping @Sendable (Double) -> String? = { _ in nil },
                signFreeParameter: Int? = nil, notes: [String] = []) {
        self.name = name
        self.parameterNames = parameterNames
        self.summary = summary
        self.text = text
        self.function = function
        self.jacobian = jacobian
        self.startingGuess = startingGuess
        self.domainViolation = domainViolation
        self.signFreeParameter = signFreeParameter
        self.notes = notes
    }

    /// The model as an equation in the caller's variable names, e.g. "rate = a·exp(b·T)".
    public func formula(x: String = "x", y: String = "y") -> String { text(x, y) }

    /// The models known by name, in the order help text lists them.
    public static let all: [NonlinearModel] = [.exp, .power, .arrhenius, .volcano]

    /// Looks a model up by name (case-insensitive).
    ///
    /// - Throws: `NonlinearRegressionError.unknownModel` listing the known names.
    /// - Complexity: O(number of models).
    public static func model(named name: String) throws -> NonlinearModel {
        guard let m = all.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw NonlinearRegressionError.unknownModel(name, known: all.map(\.name))
        }
        return m
    }
}

// MARK: - The models

extension NonlinearModel {
    /// y = a·exp(b·x).
    ///
    /// Start: a line through (x, ln y) where y > 0 (through ln(−y) with a < 0 if every y is
    /// negative); a = mean y, b = 0 when fewer than two points allow a logarithm.
    public static let exp = NonlinearModel(
        name: "exp", parameterNames: ["a", "b"], summary: "exponential: y = a·exp(b·x)",
        text: { x, y in "\(y) = a·exp(b·\(x))" },
        function: { p, x in p[0] * Foundation.exp(p[1] * x) },
        jacobian: { p, x in
            let e = Foundation.exp(p[1] * x)
            return [e, p[0] * x * e]
        },
        startingGuess: { x, y in
            if let (intercept, slope, sign) = logLinearFit(x, y, transform: { $0 }) {
                return [sign * Foundation.exp(intercept), slope]
            }
            return [mean(y), 0]
        })

    /// y = a·x^b, for x > 0.
    ///
    /// Start: a line through (ln x, ln y) where y > 0; a = mean y, b = 1 otherwise.
    public static let power = NonlinearModel(
        name: "power", parameterNames: ["a", "b"], summary: "power law: y = a·x^b (x > 0)",
        text: { x, y in "\(y) = a·\(x)^b" },
        function: { p, x in p[0] * Foundation.pow(x, p[1]) },
        jacobian: { p, x in
            let xb = Foundation.pow(x, p[1])
            return [xb, p[0] * xb * Foundation.log(x)]
        },
        startingGuess: { x, y in
            if let (intercept, slope, sign) = logLinearFit(x, y, transform: { $0 > 0 ? Foundation.log($0) : .nan }) {
                return [sign * Foundation.exp(intercept), slope]
            }
            return [mean(y), 1]
        },
        domainViolation: { x in x > 0 ? nil : "x > 0 (x^b with a non-integer b is undefined otherwise)" })

    /// Boltzmann's constant in eV/K: 8.617333262×10⁻⁵ eV/K, the CODATA 2018 value, listed there
    /// as exact because since the 2019 SI both k_B = 1.380649×10⁻²³ J/K and e = 1.602176634×10⁻¹⁹ C
    /// are defined. Their ratio is 8.6173332621451…×10⁻⁵; CODATA publishes (and we use) the first
    /// ten digits, a relative truncation of 2×10⁻¹¹.
    public static let boltzmannEV = 8.617333262e-5

    /// y = A·exp(−Ea/(k_B·T)), with x = T in kelvin (T > 0), Ea in eV, A in the units of y.
    ///
    /// Start: a line through (1/T, ln y) where y > 0, so ln A = intercept and Ea = −slope·k_B;
    /// Ea = 0.5 eV and A from the mean point otherwise.
    public static let arrhenius = NonlinearModel(
        name: "arrhenius", parameterNames: ["A", "Ea"],
        summary: "Arrhenius: y = A·exp(−Ea/(k_B·T)), x = T in K, Ea in eV",
        text: { x, y in "\(y) = A·exp(−Ea/(k_B·\(x)))" },
        function: { p, t in p[0] * Foundation.exp(-p[1] / (boltzmannEV * t)) },
        jacobian: { p, t in
            let e = Foundation.exp(-p[1] / (boltzmannEV * t))
            return [e, -p[0] * e / (boltzmannEV * t)]
        },
        startingGuess: { t, y in
            if let (intercept, slope, sign) = logLinearFit(t, y, transform: { $0 > 0 ? 1 / $0 : .nan }) {
                return [sign * Foundation.exp(intercept), -slope * boltzmannEV]
            }
            let ea = 0.5, tMean = mean(t)
            return [mean(y) * Foundation.exp(ea / (boltzmannEV * tMean)), ea]
        },
        domainViolation: { t in t > 0 ? nil : "T > 0 (an absolute temperature in kelvin)" },
        notes: ["x is the absolute temperature in K and Ea is in eV, with k_B = 8.617333262e-5 eV/K (CODATA 2018, exact)"])

    /// A Sabatier volcano as a Gaussian peak on a baseline: y = h·exp(−(x − x0)²/(2w²)) + c.
    ///
    /// The Sabatier principle says activity is highest at a moderate binding energy: too weak
    /// and the reactant is not activated, too strong and the product does not leave. The
    /// textbook volcano is two straight lines (in log activity) meeting at a sharp apex, but
    /// that max-of-two-lines has a kink where its derivative jumps, so Levenberg–Marquardt's
    /// Jacobian is discontinuous exactly where the interest lies, and with a handful of noisy
    /// points the apex is poorly determined. The Gaussian is smooth everywhere, has one peak,
    /// is quadratic near the top (which is what a measured volcano looks like once the apex is
    /// rounded off by scatter) and has parameters that read directly: x0 is the optimal
    /// descriptor value, h the height of the peak above the baseline c, w its width. It is an
    /// empirical shape for locating the optimum, not a microkinetic model; far from the peak it
    /// flattens to c instead of falling linearly. w enters squared, so it is reported as |w|.
    ///
    /// Start: x0 = the x of the largest y, c = the smallest y, h = their difference,
    /// w = a quarter of the range of x (or 1 when every x is the same).
    public static let volcano = NonlinearModel(
        name: "volcano", parameterNames: ["h", "x0", "w", "c"],
        summary: "Sabatier volcano as a Gaussian peak: y = h·exp(−(x − x0)²/(2w²)) + c",
        text: { x, y in "\(y) = h·exp(−(\(x) − x0)²/(2·w²)) + c" },
        function: { p, x in
            let u = (x - p[1]) / p[2]
            return p[0] * Foundation.exp(-u * u / 2) + p[3]
        },
        jacobian: { p, x in
            let u = (x - p[1]) / p[2]
            let g = Foundation.exp(-u * u / 2)
            return [g, p[0] * g * u / p[2], p[0] * g * u * u / p[2], 1]
        },
        startingGuess: { x, y in
            guard let top = y.indices.max(by: { y[$0] < y[$1] }), let low = y.min(),
                  let xMin = x.min(), let xMax = x.max() else { return [1, 0, 1, 0] }
            let width = xMax > xMin ? (xMax - xMin) / 4 : 1
            return [y[top] - low, x[top], width, low]
        },
        signFreeParameter: 2)
}

// MARK: - Helpers for starting guesses

private func mean(_ v: [Double]) -> Double { v.isEmpty ? 0 : v.reduce(0, +) / Double(v.count) }

/// Least-squares line through (transform(x), ln(sign·y)) over the points where both are
/// finite, with sign = −1 if every y is negative and +1 otherwise (then only y > 0 are used).
/// Returns (intercept, slope, sign), or nil with fewer than two usable points or no spread in
/// the transformed x.
private func logLinearFit(_ x: [Double], _ y: [Double], transform: (Double) -> Double) -> (Double, Double, Double)? {
    let sign: Double = !y.isEmpty && y.allSatisfy({ $0 < 0 }) ? -1 : 1
    var u: [Double] = [], v: [Double] = []
    for (xi, yi) in zip(x, y) {
        let t = transform(xi), l = sign * yi > 0 ? Foundation.log(sign * yi) : .nan
        if t.isFinite && l.isFinite { u.append(t); v.append(l) }
    }
    guard u.count >= 2 else { return nil }
    let mu = mean(u), mv = mean(v)
    let sxx = u.reduce(0) { $0 + ($1 - mu) * ($1 - mu) }
    guard sxx > 0 else { return nil }
    let sxy = zip(u, v).reduce(0) { $0 + ($1.0 - mu) * ($1.1 - mv) }
    let slope = sxy / sxx
    let result = (mv - slope * mu, slope, sign)
    return result.0.isFinite && result.1.isFinite ? result : nil
}
