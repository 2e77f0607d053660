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
    public let name: String
    public let description: String?
    /// Nil means every category.
    public let categories: [CandidateCategory]?
    public let method: String
    public let normalization: String?
    /// Method parameters such as VIKOR's `v` or WASPAS's `lambda`.
    public let parameters: [String: Double]
    public let criteria: [Criterion]
    /// Relations (`y ~ x`) to show as regression panels in reports, beside the ones the
    /// criteria impute with.
    public let relations: [String]
    /// Notices from loading (weights normalised, …), shown by `profile check` and reports.
    public let notices: [String]
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
    public enum Source: Sendable, Equatable {
        /// A descriptor property from the catalogue.
        case property(String)
        /// A number from the performance records (`lifespan_hours`, `coulombic_efficiency_pct`, …).
        case performance(String)

        public var name: String {
            switch self {
            case .property(let p), .performance(let p): p
            }
        }
    }

    public enum Goal: Sendable, Equatable {
        case max, min
        case target(DesirabilityWindow)
    }

    public enum Transform: String, Sendable, CaseIterable {
        case none, log10, abs
    }

    public enum Preference: String, Sendable, CaseIterable {
        case experiment, dft
    }

    /// How several values of one candidate become one.
    public enum Combine: String, Sendable, CaseIterable {
        case median, mean, min, max
    }

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
        public let low: Double
        public let high: Double
        public let basis: String
    }

    public let label: String
    public let source: Source
    public let goal: Goal
    public let transform: Transform
    /// Normalised so that the profile's weights sum to 1.
    public let weight: Double
    public let combine: Combine
    public let prefer: Preference?
    /// Hard limits in the property's canonical unit, applied to the combined value before any transform.
    public let minimum: Double?
    public let maximum: Double?
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
    public func matrixValue(_ raw: Double) -> Double? {
        switch (goal, transform) {
        case (.target(let window), _): return window.desirability(raw)
        case (_, .log10): return raw > 0 ? Foundation.log10(raw) : nil
        case (_, .abs): return Swift.abs(raw)
        case (_, .none): return raw
        }
    }

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

    public var filter: CompositionFilter
    public var polymorphs: Polymorphs
    public var join: Join

    public init(filter: CompositionFilter = .none, polymorphs: Polymorphs = .keep, join: Join = .id) {
        self.filter = filter
        self.polymorphs = polymorphs
        self.join = join
    }

    /// Settings given on the command line, on top of a profile's.
    public struct Override: Sendable, Equatable {
        /// Intersected with the profile's filter.
        public var filter: CompositionFilter?
        public var polymorphs: Polymorphs?
        public var join: Join?

        public init(filter: CompositionFilter? = nil, polymorphs: Polymorphs? = nil, join: Join? = nil) {
            self.filter = filter
            self.polymorphs = polymorphs
            self.join = join
        }

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

    public var joinText: String {
        switch join {
        case .formula: "formula (a value missing under an entry's id is taken from the entries with the same reduced formula)"
        case .id: "id (values only under each entry's own id)"
        }
    }
}
