import SVGCharts
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenSensitivity
import ScreenStore
import ScreenThermodynamics
/// The stages of a screening that tests stability against sodium metal, counted in the order a
/// staged coating screen reads (Zhu, He & Mo 2015; Richards et al. 2016): the compositions in
/// scope → those stable against sodium metal (every criterion on a stability descriptor) → those
/// passing each further hard test of the profile, in profile order → those ranked.
///
/// Why not the screening's own exclusion list: `ProfileScreening` records one reason per removed
/// candidate, the first it meets, and it checks missing values of every criterion before any
/// limit; a compound that sodium reduces and that also lacks a band gap is recorded as "no value
/// of band_gap". Here each candidate is counted at the first stage it fails, whatever it lacks
/// later, from the values the screening kept for every candidate in scope (`ScreeningResult.scope`),
/// with the screening's own tests: a value below `minimum` or above `maximum` fails (filled values
/// were never tested against limits, so they pass), and a missing value fails unless the
/// criterion's policy fills it.
///
/// - Complexity: O(n·m) for n candidates in scope and m criteria.
public struct StabilityStages: Sendable {
    /// One stage of the count, with how many it removed and how many remain.
    public struct Stage: Sendable, Equatable {
        /// The stage's name (the first stage's is "in scope").
        public let name: String
        /// How the line of stages says who passed it ("stable against Na metal", "with band gap ≥ 3 eV").
        public let passed: String
        /// The tests of the stage in words ("energy above hull ≤ 0.025 eV/atom; …").
        public let test: String
        /// Candidates removed at this stage.
        public let removed: Int
        /// Candidates remaining after it.
        public let remaining: Int
    }

    /// A candidate removed at the stability stage, with the first stability criterion it fails
    /// (index into the profile's criteria) and whether for lack of a value.
    public struct Fall: Sendable, Equatable {
        /// The candidate's index in `ScreeningResult.scope`.
        public let scopeIndex: Int
        /// The failed criterion's index in the profile's criteria.
        public let criterion: Int
        /// True when the candidate lacks the value; false when the value is beyond a limit.
        public let missing: Bool
    }

    /// The properties whose criteria make up the stability stage.
    public static let properties = StabilityDescriptors.properties

    /// Name of the stability stage.
    public static let stabilityStageName = "stable against Na metal"

    /// Indices of the profile's criteria on stability descriptors, in profile order.
    public static func stabilityCriteria(_ profile: Profile) -> [Int] {
        profile.criteria.indices.filter { j in
            if case .property(let p) = profile.criteria[j].source { return properties.contains(p) }
            return false
        }
    }

    /// Whether the profile screens on stability against sodium (any criterion on those properties).
    public static func applies(to profile: Profile) -> Bool { !stabilityCriteria(profile).isEmpty }

    /// In scope, then stability, then one stage per further criterion that can remove a candidate,
    /// then "other reasons" when the counts do not meet the ranked ones, then ranked.
    public let stages: [Stage]
    /// Everyone removed at the stability stage, in scope order.
    public let falls: [Fall]

    /// Counts the stages of `r` from its scope and the values it kept.
    /// - Complexity: O(n·m) for n candidates in scope and m criteria.
    public init(_ r: ScreeningResult) {
        let criteria = r.profile.criteria
        let stability = Self.stabilityCriteria(r.profile)
        let others = criteria.indices.filter { j in
            !stability.contains(j) && (criteria[j].minimum != nil || criteria[j].maximum != nil || !Self.isFilled(criteria[j]))
        }
        var remaining = Array(r.scope.indices)
        var stages = [Stage(name: "in scope", passed: "in scope",
                            test: r.scopeInfo.settings.filter.isEmpty ? "every candidate of the profile's categories" : r.scopeInfo.settings.filter.description,
                            removed: 0, remaining: remaining.count)]
        var falls: [Fall] = []
        func run(_ name: String, _ passed: String, _ js: [Int], recordingFalls: Bool) {
            var kept: [Int] = []
            for i in remaining {
                if let (j, missing) = js.lazy.compactMap({ j in Self.failure(criteria[j], r.scope[i].values[j]).map { (j, $0) } }).first {
                    if recordingFalls { falls.append(Fall(scopeIndex: i, criterion: j, missing: missing)) }
                } else {
                    kept.append(i)
                }
            }
            stages.append(Stage(name: name, passed: passed, test: js.map { Self.testText(criteria[$0]) }.joined(separator: "; "),
                                removed: remaining.count - kept.count, remaining: kept.count))
            remaining = kept
        }
        if !stability.isEmpty { run(Self.stabilityStageName, Self.stabilityStageName, stability, recordingFalls: true) }
        for j in others { run(criteria[j].label, "with " + Self.limitText(criteria[j]), [j], recordingFalls: false) }
        let other = remaining.count - r.rows.count
        if other != 0 {
            stages.append(Stage(name: "other reasons", passed: "", test: "see the table of removed candidates", removed: other, remaining: r.rows.count))
        }
        stages.append(Stage(name: "ranked", passed: "ranked", test: "", removed: 0, remaining: r.rows.count))
        self.stages = stages
        self.falls = falls
    }

    /// nil when the value passes; true when it fails for being missing, false for a limit.
    static func failure(_ c: Criterion, _ v: CriterionValue?) -> Bool? {
        guard let v else { return isFilled(c) ? nil : true }
        if v.isFillOrUnknown { return nil }
        if let lo = c.minimum, v.raw < lo { return false }
        if let hi = c.maximum, v.raw > hi { return false }
        return nil
    }

    /// Missing values of this criterion are filled or unknown (never a reason to remove).
    static func isFilled(_ c: Criterion) -> Bool { c.missing == .worst || c.missing == .unknown }

    /// "band gap (calibrated) ≥ 3 eV"; "energy above hull" for a criterion without limits.
    static func limitText(_ c: Criterion) -> String {
        var parts: [String] = []
        if let lo = c.minimum { parts.append("\(c.label) \u{2265} \(formatForDisplay(lo)) \(c.unit)") }
        if let hi = c.maximum { parts.append("\(c.label) \u{2264} \(formatForDisplay(hi)) \(c.unit)") }
        return parts.isEmpty ? c.label : parts.joined(separator: " and ")
    }

    /// "band gap (calibrated) ≥ 3 eV, value required".
    static func testText(_ c: Criterion) -> String {
        switch c.missing {
        case .exclude: limitText(c) + ", value required"
        case .impute(let f): limitText(c) + ", value required (or imputed by \(f))"
        case .worst, .unknown: limitText(c)
        }
    }

    /// "5,360 in scope → 1,276 stable against Na metal → 172 with band gap ≥ 3 eV → 172 ranked".
    public var line: String {
        stages.filter { !$0.passed.isEmpty }.map { "\(formatGrouped($0.remaining)) \($0.passed)" }.joined(separator: " \u{2192} ")
    }
}
