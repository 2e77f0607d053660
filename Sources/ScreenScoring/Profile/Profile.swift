import Foundation
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics

/// One screening, as a researcher states it: which candidates, which criteria with which
/// goals, weights, hard limits and desirability windows, how measurements are combined and
/// what to do when a value is missing. Read from YAML (`ProfileLoader`).
public struct Profile: Sendable {
    /// The profile's name (`name:`), which titles its report section.
    public let name: String
    /// A sentence on what the profile screens for (`description:`); nil when not given.
    public let description: String?
    /// Nil means every category.
    public let categories: [CandidateCategory]?
    /// The ranking method's name, one of `ProfileLoader.methods`.
    public let method: String
    /// The normalisation's name (one of `ProfileLoader.normalizations`); nil: the method's default.
    public let normalization: String?
    /// Method parameters such as VIKOR's `v` or WASPAS's `lambda`.
    public let parameters: [String: Double]
    /// The criteria, in the order of the decision matrix's columns.
    public let criteria: [Criterion]
    /// Relations (`y ~ x`) to show as regression panels in reports, beside the ones the
    /// criteria impute with.
    public let relations: [String]
    /// Notices from loading (weights normalised, …), shown by `profile check` and reports.
    public let notices: [String]
    /// The file the profile was read from, for messages.
    public let file: String
    /// Composition filter, polymorph policy and join rule (`filter:`, `polymorphs:`, `join:`).
    public var scope: ScreeningScope = ScreeningScope()
    /// The least share of the weight (0…1) that must rest on data of a candidate's own (measured,
    /// from a phase, joined, imputed) for it to be ranked (`min_coverage:`); a candidate below it
    /// is listed as excluded, with the properties to measure next. Nil: no minimum.
    public var minCoverage: Double? = nil

    /// Weights summing to 1, in criterion order.
    public var weights: [Double] { criteria.map(\.weight) }
}

/// A criterion of a profile.
public struct Criterion: Sendable {
    /// Where a criterion's values come from.
    public enum Source: Sendable, Equatable {
        /// A descriptor property from the catalogue.
        case property(String)
        /// A number from the performance records (`lifespan_hours`, `coulombic_efficiency_pct`, …).
        case performance(String)

        /// The property or performance column's name.
        public var name: String {
            switch self {
            case .property(let p), .performance(let p): p
            }
        }
    }

    /// Which values of a criterion are better.
    public enum Goal: Sendable, Equatable {
        /// Higher values are better.
        case max
        /// Lower values are better.
        case min
        /// Values inside a window are best: the matrix holds the window's desirability (0…1,
        /// higher better) instead of the value.
        case target(DesirabilityWindow)
    }

    /// What is applied to the combined value before it enters the matrix (not for targets).
    public enum Transform: String, Sendable, CaseIterable {
        /// The value as it is.
        case none
        /// log₁₀ of the value; undefined (nil in the matrix) for values ≤ 0.
        case log10
        /// The absolute value.
        case abs
    }

    /// Which kind of method a criterion's values should come from.
    public enum Preference: String, Sendable, CaseIterable {
        /// Methods named as experiment ("exp…", "experiment", "handbook"), not DFT.
        case experiment
        /// Methods whose name contains "dft".
        case dft
    }

    /// How several values of one candidate become one.
    public enum Combine: String, Sendable, CaseIterable {
        /// The median (the mean of the two middle values for an even count).
        case median
        /// The arithmetic mean.
        case mean
        /// The smallest value.
        case min
        /// The largest value.
        case max
    }

    /// What a criterion does for a candidate without a value of its own.
    public enum MissingPolicy: Sendable, Equatable {
        /// Leave the candidate out, listed with the reason.
        case exclude
        /// Estimate the value from a relation fitted on the candidates that have it (`y ~ x`).
        case impute(formula: String)
        /// The worst value observed among the candidates (0 desirability for a target).
        case worst
        /// Unknown: a range of plausible values (the criterion's `plausible:` range, else the
        /// values observed in the ranking, else in the whole database). The single ranking scores
        /// the worst end of the range — never better than a measured value —, SMAA samples the
        /// range uniformly, and a censored value ("< 15 mV") narrows it.
        case unknown

        /// The policy's name as written in a profile (`exclude`, `impute`, `worst`, `unknown`).
        public var name: String {
            switch self {
            case .exclude: "exclude"
            case .impute: "impute"
            case .worst: "worst"
            case .unknown: "unknown"
            }
        }
    }

    /// The values a criterion can plausibly take, for its unknown values, with where the
    /// numbers come from (canonical unit).
    public struct PlausibleRange: Sendable, Equatable {
        /// The lowest plausible value.
        public let low: Double
        /// The highest plausible value.
        public let high: Double
        /// Where the numbers come from.
        public let basis: String
    }

    /// The criterion's label, as shown in tables and charts.
    public let label: String
    /// The property or performance column read.
    public let source: Source
    /// Whether higher, lower or in-window values are better.
    public let goal: Goal
    /// The transform applied before the value enters the matrix.
    public let transform: Transform
    /// Normalised so that the profile's weights sum to 1.
    public let weight: Double
    /// How several values of one candidate become one.
    public let combine: Combine
    /// Values from this kind of method are used when there are any, the others otherwise; nil: all.
    public let prefer: Preference?
    /// Hard limits in the property's canonical unit, applied to the combined value before any transform.
    public let minimum: Double?
    /// See `minimum`.
    public let maximum: Double?
    /// What to do for a candidate without a value.
    public let missing: MissingPolicy
    /// The canonical unit of the values.
    public let unit: String
    /// Where the criterion's numbers come from (a reference, or "our assumption").
    public let basis: String?
    /// The plausible range of an unknown value, when the profile states one (`plausible:`).
    public var plausible: PlausibleRange? = nil
    /// Only values of this kind of method (`require:`); unlike `prefer`, the others are never used.
    public var require: Preference? = nil
    /// A property on the same scale to take when the candidate has no value of the criterion's own
    /// (`fallback:`), e.g. the PBE gap calibrated to experiment where no experimental gap exists.
    public var fallback: String? = nil
    /// Performance criteria only: leave out records whose table and text disagree (`exclude_flagged: true`).
    public var excludeFlagged: Bool = false

    /// The criterion reading `fallback` instead of its own property, with no method requirement.
    var fallbackCriterion: Criterion? {
        guard let fallback else { return nil }
        var c = Criterion(label: label, source: .property(fallback), goal: goal, transform: transform, weight: weight, combine: combine,
                          prefer: nil, minimum: minimum, maximum: maximum, missing: missing, unit: unit, basis: basis, plausible: plausible)
        c.fallback = nil
        return c
    }
    /// For a property with reference states (`na_binding_energy`): the one scale whose values
    /// the criterion takes (`reference_state:` in the profile); values on other scales, and
    /// values whose source does not state one, are left out, so that like is compared with like.
    public var referenceState: ReferenceState? = nil

    /// The value entering the decision matrix: the desirability for a target, else the
    /// transformed value; nil where the transform is undefined (log10 of a non-positive value).
    public func matrixValue(_ raw: Double) -> Double? { matrixScale.value(raw) }

    /// The goal and transform alone, which is all `matrixValue` reads: a plain value (no strings or
    /// arrays), so a loop over millions of draws can hold one per criterion without copying (and
    /// reference-counting) the whole criterion at each draw.
    public struct MatrixScale: Sendable {
        let goal: Goal
        let transform: Transform

        /// `Criterion.matrixValue(raw)` of the criterion this was taken from.
        @inline(__always)
        public func value(_ raw: Double) -> Double? {
            switch (goal, transform) {
            case (.target(let window), _): return window.desirability(raw)
            case (_, .log10): return raw > 0 ? Foundation.log10(raw) : nil
            case (_, .abs): return Swift.abs(raw)
            case (_, .none): return raw
            }
        }
    }

    /// See `MatrixScale`.
    public var matrixScale: MatrixScale { MatrixScale(goal: goal, transform: transform) }

    /// `.max` for `max` and target goals (desirability is higher-better), `.min` for `min`.
    public var criterionType: CriterionType {
        switch goal {
        case .max, .target: .max
        case .min: .min
        }
    }
}

/// Which entries a screening ranks and how entries of one composition share data: the
/// composition filter, the polymorph policy and the join rule. A profile states one
/// (`filter:`, `polymorphs:`, `join:`); the command line can override it (`Override`).
public struct ScreeningScope: Sendable, Equatable {
    /// Entries with the same reduced formula (polymorphs, or the same compound under two ids).
    public enum Polymorphs: String, Sendable, CaseIterable {
        /// Every entry is its own row.
        case keep
        /// One row per reduced formula, each criterion pooling the values of its entries.
        case aggregate
    }

    /// Where a value missing under an entry's own id may come from. The default is `id`, so
    /// that importing a computed database never changes a profile's results unless the
    /// profile asks for the join.
    public enum Join: String, Sendable, CaseIterable {
        /// From the database's other entries with the same reduced formula (any category).
        case formula
        /// Only from the entry's own id (and its phases): nothing is borrowed by formula.
        case id
    }

    /// The composition filter; `.none` keeps everything.
    public var filter: CompositionFilter
    /// Whether entries sharing a reduced formula stay separate rows.
    public var polymorphs: Polymorphs
    /// Where a value missing under an entry's own id may come from.
    public var join: Join

    /// A scope; the default keeps every entry, each its own row, with values under its own id only.
    public init(filter: CompositionFilter = .none, polymorphs: Polymorphs = .keep, join: Join = .id) {
        self.filter = filter
        self.polymorphs = polymorphs
        self.join = join
    }

    /// Settings given on the command line, on top of a profile's.
    public struct Override: Sendable, Equatable {
        /// Intersected with the profile's filter.
        public var filter: CompositionFilter?
        /// Replaces the profile's polymorph policy when given.
        public var polymorphs: Polymorphs?
        /// Replaces the profile's join rule when given.
        public var join: Join?

        /// An override; nil fields leave the profile's setting.
        public init(filter: CompositionFilter? = nil, polymorphs: Polymorphs? = nil, join: Join? = nil) {
            self.filter = filter
            self.polymorphs = polymorphs
            self.join = join
        }

        /// The override as typed (`--contains`, `--elements`, `--exclude`, `--min-elements`,
        /// `--max-elements`, `--polymorphs`, `--join`); nil when none of them is given. An
        /// empty filter (e.g. only `--min-elements 1`) is left out.
        /// - Throws: `CompositionFilter(flags:…)`'s errors.
        public init?(contains: String?, elements: String?, exclude: String?, minElements: Int?, maxElements: Int?,
                     polymorphs: Polymorphs?, join: Join?) throws {
            if contains == nil && elements == nil && exclude == nil && minElements == nil && maxElements == nil
                && polymorphs == nil && join == nil { return nil }
            let filter = try CompositionFilter(flags: contains, elements: elements, exclude: exclude, minElements: minElements,
                                               maxElements: maxElements)
            self.init(filter: filter.isEmpty ? nil : filter, polymorphs: polymorphs, join: join)
        }

        /// True when nothing is overridden (no filter or an empty one, no policy, no rule).
        public var isEmpty: Bool { (filter?.isEmpty ?? true) && polymorphs == nil && join == nil }
    }

    /// This scope with an override on top: the filters intersect; the override's polymorph
    /// policy and join rule win where given.
    public func applying(_ override: Override?) -> ScreeningScope {
        guard let override else { return self }
        return ScreeningScope(filter: override.filter.map { filter.intersected(with: $0) } ?? filter,
                              polymorphs: override.polymorphs ?? polymorphs, join: override.join ?? join)
    }

    /// "polymorphs: keep (every entry its own row)", for summaries.
    public var polymorphsText: String {
        switch polymorphs {
        case .keep: "keep (every entry is its own row)"
        case .aggregate: "aggregate (one row per reduced formula)"
        }
    }

    /// "formula (…)" or "id (…)": the join rule with what it means, for summaries.
    public var joinText: String {
        switch join {
        case .formula: "formula (a value missing under an entry's id is taken from the entries with the same reduced formula)"
        case .id: "id (values only under each entry's own id)"
        }
    }
}
