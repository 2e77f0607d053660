import ScreenCore
import ScreenNumerics
/// A method parameter as it comes from a profile or the command line.
public enum RankingParameter: Sendable, Equatable {
    /// One number (`lambda: 0.5`, `v=0.3`).
    case number(Double)
    /// A list of numbers, one per criterion (PROMETHEE thresholds, SPOTIS bounds).
    case numbers([Double])
    /// A word (`preference: vshape`, `variant: pymcdm`).
    case text(String)
}

extension RankingParameter: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    /// `.number` from a literal.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// `.number` from an integer literal.
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    /// `.text` from a string literal.
    public init(stringLiteral value: String) { self = .text(value) }
    /// `.numbers` from an array literal.
    public init(arrayLiteral elements: Double...) { self = .numbers(elements) }
}

/// Builds ranking methods by name, so profiles and the command line can name them.
public enum RankingMethods {
    /// Every method name `make` accepts (besides the alias `promethee_ii`).
    public static let names = ["copras", "edas", "moora", "promethee2", "spotis", "topsis", "vikor", "waspas", "wpm", "wsm"]

    /// The parameters each method accepts.
    public static let parameterNames: [String: [String]] = [
        "copras": ["variant"],
        "edas": [],
        "moora": [],
        "promethee2": ["preference", "q", "p", "s"],
        "spotis": ["bounds_min", "bounds_max", "esp"],
        "topsis": [],
        "vikor": ["v"],
        "waspas": ["lambda"],
        "wpm": [],
        "wsm": [],
    ]

    /// A method by name.
    ///
    /// - Parameters:
    ///   - name: one of `names`, case-insensitive.
    ///   - normalization: nil for the method's default (pymcdm's). Methods that take none
    ///     (promethee2, copras, spotis, edas, moora) accept only nil or `.none`.
    ///   - parameters: `waspas` `lambda`; `vikor` `v`; `promethee2` `preference` (usual,
    ///     ushape, vshape, level, linear, gaussian) and thresholds `q`, `p`, `s` (one number
    ///     for all criteria or one per criterion); `spotis` `bounds_min` and `bounds_max`
    ///     (both or neither) and `esp`; `copras` `variant` (published, pymcdm).
    /// - Throws: `DecisionError.parameter` naming the valid choices for an unknown method,
    ///   parameter, value, or a normalisation the method does not take.
    /// - Complexity: O(p + n) for p parameters and n threshold or bound values.
    public static func make(name: String, normalization: Normalization? = nil, parameters: [String: RankingParameter] = [:]) throws -> any RankingMethod {
        var key = name.trimmingWhitespace().lowercased()
        if key == "promethee_ii" { key = "promethee2" }
        guard let accepted = parameterNames[key] else {
            throw DecisionError.parameter("unknown ranking method '\(name)'; valid methods: \(names.joined(separator: ", "))")
        }
        for parameter in parameters.keys.sorted() where !accepted.contains(parameter) {
            let valid = accepted.isEmpty ? "it takes no parameters" : "valid parameters: \(accepted.joined(separator: ", "))"
            throw DecisionError.parameter("\(key) has no parameter '\(parameter)'; \(valid)")
        }
        let reader = ParameterReader(method: key, parameters: parameters)

        switch key {
        case "wsm": return WSM(normalization: normalization ?? .sum)
        case "wpm": return WPM(normalization: normalization ?? .sum)
        case "topsis": return TOPSIS(normalization: normalization ?? .minmax)
        case "waspas": return try WASPAS(normalization: normalization ?? .linear, lambda: reader.number("lambda") ?? 0.5)
        case "vikor": return try VIKOR(normalization: normalization ?? Normalization.none, v: reader.number("v") ?? 0.5)
        default: break
        }

        if let normalization, normalization != Normalization.none {
            throw DecisionError.parameter("\(key) takes no normalisation (it reads raw values, as in pymcdm), got '\(normalization.rawValue)'; methods that take one: topsis, vikor, waspas, wpm, wsm")
        }
        switch key {
        case "promethee2":
            let text = try reader.text("preference") ?? PreferenceFunction.usual.rawValue
            guard let preference = PreferenceFunction(name: text) else {
                throw DecisionError.parameter("promethee2: unknown preference function '\(text)'; valid: \(PreferenceFunction.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return try PROMETHEEII(preference: preference, q: reader.numbers("q"), p: reader.numbers("p"), s: reader.numbers("s"))
        case "copras":
            let text = try reader.text("variant") ?? COPRAS.Variant.published.rawValue
            guard let variant = COPRAS.Variant(rawValue: text.lowercased()) else {
                throw DecisionError.parameter("copras: unknown variant '\(text)'; valid: \(COPRAS.Variant.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return COPRAS(variant: variant)
        case "spotis":
            let lower = try reader.numbers("bounds_min"), upper = try reader.numbers("bounds_max")
            var bounds: [SPOTIS.Bounds]?
            switch (lower, upper) {
            case (nil, nil): bounds = nil
            case let (lower?, upper?):
                guard lower.count == upper.count else {
                    throw DecisionError.parameter("spotis: \(lower.count) values of bounds_min but \(upper.count) of bounds_max")
                }
                bounds = zip(lower, upper).map { SPOTIS.Bounds(lower: $0, upper: $1) }
            default:
                throw DecisionError.parameter("spotis: give both bounds_min and bounds_max, or neither (bounds from the data)")
            }
            return SPOTIS(bounds: bounds, esp: try reader.numbers("esp"))
        case "edas": return EDAS()
        default: return MOORA()
        }
    }

    /// Typed access to the parameters, with errors naming the method and parameter.
    private struct ParameterReader {
        let method: String
        let parameters: [String: RankingParameter]

        func number(_ name: String) throws -> Double? {
            switch parameters[name] {
            case nil: return nil
            case .number(let x)?: return x
            case .numbers(let xs)? where xs.count == 1: return xs[0]
            default: throw DecisionError.parameter("\(method): \(name) must be a single number")
            }
        }

        func numbers(_ name: String) throws -> [Double]? {
            switch parameters[name] {
            case nil: return nil
            case .number(let x)?: return [x]
            case .numbers(let xs)?: return xs
            case .text?: throw DecisionError.parameter("\(method): \(name) must be a number or a list of numbers")
            }
        }

        func text(_ name: String) throws -> String? {
            switch parameters[name] {
            case nil: return nil
            case .text(let s)?: return s
            default: throw DecisionError.parameter("\(method): \(name) must be text")
            }
        }
    }
}

extension RankingMethods {
    /// The methods, their default normalisations and parameters, and the normalisations, in words:
    /// what `screen rank --help` says, kept beside the registry it describes.
    public static let help = """
        Methods (--method) and their default normalisations (pymcdm 1.4's): wsm (sum), wpm (sum), \
        waspas (linear; --param lambda=0.5), topsis (minmax), vikor (none; --param v=0.5; score is Q, lower is better), \
        promethee2 (--param preference=usual|ushape|vshape|level|linear|gaussian, q, p, s), copras, spotis \
        (bounds from the data, or --param bounds_min=…,… bounds_max=…), edas, moora. \
        Normalisations (--normalization): minmax, max, sum, vector, log, linear, zscore, none (for wsm, wpm, waspas, topsis, vikor).
        """
}
