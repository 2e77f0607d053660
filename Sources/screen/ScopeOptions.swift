import ArgumentParser
import Foundation
import Screening

extension ScreeningScope.Polymorphs: ExpressibleByArgument {}
extension ScreeningScope.Join: ExpressibleByArgument {}

/// Which entries a profile screens, on top of the profile's `filter:`, `polymorphs:` and
/// `join:` (filters intersect; --polymorphs and --join replace). Shared by rank, pareto,
/// compare, sensitivity sweep|smaa|sobol and report.
struct ScopeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only compositions containing all of these elements (comma-separated), e.g. Na,F.", valueName: "elements"))
    var contains: String?
    @Option(help: ArgumentHelp("Only compositions made of these elements alone, e.g. Na,F,Cl,Br,I,O,S.", valueName: "elements"))
    var elements: String?
    @Option(help: ArgumentHelp("Leave out compositions containing any of these elements, e.g. Pb,Cd,Hg.", valueName: "elements"))
    var exclude: String?
    @Option(parsing: .unconditional, help: "Only compositions with at least N distinct elements.") var minElements: Int?
    @Option(parsing: .unconditional, help: "Only compositions with at most N distinct elements.") var maxElements: Int?
    @Option(help: "keep (every entry its own row) or aggregate (one row per reduced formula, values pooled).")
    var polymorphs: ScreeningScope.Polymorphs?
    @Option(help: "formula (a missing value is taken from entries with the same reduced formula) or id (never borrowed).")
    var join: ScreeningScope.Join?

    var isEmpty: Bool {
        contains == nil && elements == nil && exclude == nil && minElements == nil && maxElements == nil && polymorphs == nil && join == nil
    }

    /// The override for `ProfileScreening.run`, nil when no option was given.
    func override() throws -> ScreeningScope.Override? {
        guard !isEmpty else { return nil }
        let filter = try CompositionFilter(flags: contains, elements: elements, exclude: exclude, minElements: minElements, maxElements: maxElements)
        return ScreeningScope.Override(filter: filter.isEmpty ? nil : filter, polymorphs: polymorphs, join: join)
    }

    /// Scope options apply to profiles only.
    func requireProfile(_ input: RankingInput) throws {
        if !isEmpty && input.profile == nil {
            throw UsageError("--contains, --elements, --exclude, --min-elements, --max-elements, --polymorphs and --join apply to --profile")
        }
    }
}
