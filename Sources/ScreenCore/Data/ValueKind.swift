/// What kind of value a measurement is — an experiment, a DFT calculation, another computation, a
/// value derived from others, an imputed estimate, or one whose source does not say — read from
/// its method text by one fixed list of rules (`rules`), the same in Swift and in the SQLite view.
///
/// The rules, first match wins, on the method in lower case:
/// 1. begins with `derived` or `estimate` → `derived` (elastic constants from K and G, cost,
///    supply risk, Monroe–Newman ratio, stability descriptors, calibrated band gaps);
/// 2. begins with `exp` or `measured` → `experiment` (`experiment`, `exp (handbook)`, …);
/// 3. contains `dft`, `pbe` or `gga` → `DFT` (`DFT-PBE (MP)`, `JDFT`, the Materials Project imports);
/// 4. contains `calculat`, `computed`, `thermochemi`, `simulation` or `ab initio` → `computation`;
/// 5. anything else → `unspecified` (the review's "not stated", a quoted constant).
///
/// `imputed` is never read from a method: it is the kind of every value `screen impute` stores
/// (the `imputations` table), which are never measurements.
public enum ValueKind: String, CaseIterable, Sendable, Codable {
    /// Measured: the method begins with `exp` or `measured`.
    case experiment
    /// Computed with density functional theory (any functional).
    case dft = "DFT"
    /// Computed otherwise (thermochemistry, simulations).
    case computation
    /// Derived from other stored values by a stated relation (the method begins with `derived` or `estimate`).
    case derived
    /// Estimated by `screen impute` from a fitted relation.
    case imputed
    /// The source does not say how the value was obtained.
    case unspecified

    /// One rule: the method (lower case) begins with one of `prefixes` or contains one of `contains`.
    public struct Rule: Sendable {
        /// The kind the rule gives.
        public let kind: ValueKind
        /// The rule matches a method beginning with one of these (lower case).
        public let prefixes: [String]
        /// The rule matches a method containing one of these (lower case).
        public let contains: [String]
    }

    /// The rules in order; the first that matches gives the kind, else `unspecified`.
    public static let rules: [Rule] = [
        Rule(kind: .derived, prefixes: ["derived", "estimate"], contains: []),
        Rule(kind: .experiment, prefixes: ["exp", "measured"], contains: []),
        Rule(kind: .dft, prefixes: [], contains: ["dft", "pbe", "gga"]),
        Rule(kind: .computation, prefixes: [], contains: ["calculat", "computed", "thermochemi", "simulation", "ab initio"]),
    ]

    /// The kind of a measurement with this method.
    ///
    /// Matched on the UTF-8 bytes with ASCII letters folded to lower case, as SQLite's `lower`,
    /// `substr` and `instr` match in the view (the patterns are ASCII): no Unicode case mapping or
    /// normalisation, which made this the costliest step of collecting a profile's values.
    /// - Complexity: O(length of the method × patterns).
    public init(method: String) {
        var m = Array(method.utf8)
        for i in m.indices where m[i] >= UInt8(ascii: "A") && m[i] <= UInt8(ascii: "Z") { m[i] += 32 }
        for rule in Self.byteRules where rule.prefixes.contains(where: { m.starts(with: $0) })
            || rule.contains.contains(where: { m.firstRange(of: $0) != nil }) {
            self = rule.kind
            return
        }
        self = .unspecified
    }

    /// `rules` as UTF-8 bytes.
    private static let byteRules: [(kind: ValueKind, prefixes: [[UInt8]], contains: [[UInt8]])] =
        rules.map { ($0.kind, $0.prefixes.map { Array($0.utf8) }, $0.contains.map { Array($0.utf8) }) }

    /// The same rules as an SQL expression of a text column (`CASE … END`), for the `measurements` view.
    /// SQLite's `lower` folds ASCII letters only, as `init(method:)` does.
    public static func sqlCase(of column: String) -> String {
        let whens = rules.map { rule in
            let tests = rule.prefixes.map { "substr(lower(\(column)), 1, \($0.utf8.count)) = '\($0)'" }
                + rule.contains.map { "instr(lower(\(column)), '\($0)') > 0" }
            return "WHEN \(tests.joined(separator: " OR ")) THEN '\(rule.kind.rawValue)'"
        }
        return "CASE \(whens.joined(separator: " ")) ELSE '\(ValueKind.unspecified.rawValue)' END"
    }
}
