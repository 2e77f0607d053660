import ArgumentParser
import Foundation
import Screening

/// The two ways to say what to rank: a profile on the database, or a decision matrix CSV.
struct RankingInput: ParsableArguments {
    @Option(help: "A profile: a YAML file, or the name of one in Descriptors/profiles/ (sei, hosts, alloys, sac).")
    var profile: String?
    @Option(parsing: .upToNextOption, help: "Profile mode: rank these categories instead of the profile's.")
    var category: [CandidateCategory] = []
    @Option(help: "Matrix mode: a CSV with header id,<criterion>,… and one alternative per row.")
    var matrix: String?
    @Option(help: "Matrix mode: comma-separated weights (normalised to sum to 1), or equal, entropy, critic, std (objective weights).")
    var weights: String?
    @Option(help: "Matrix mode: comma-separated criterion types, max or min (1 or -1).")
    var types: String?
    @OptionGroup var db: DatabaseOptions
    @OptionGroup(title: "Scope (profile mode)") var scope: ScopeOptions

    func loadProfile() throws -> Profile? {
        guard let profile else { return nil }
        return try ProfileLoader.load(db.profileURL(profile))
    }

    /// The matrix and weights in matrix mode, with a note on objective weights.
    func loadMatrix() throws -> (DecisionMatrix, [Double], String?)? {
        guard let matrix else { return nil }
        guard let types else { throw UsageError("--matrix needs --types, e.g. --types max,max,min") }
        return try MatrixArguments.read(csv: URL(fileURLWithPath: matrix), types: types, weights: weights)
    }

    /// The profile's screening of the database (profile mode), with its scope notes and warnings on
    /// standard error for commands whose output is not the ranking itself.
    func screening(_ profile: Profile) throws -> ScreeningResult {
        let result = try ProfileScreening.run(profile, store: try db.open(), categories: category.isEmpty ? nil : category,
                                              scope: try scope.override())
        for n in result.scopeNotes { printError("note: \(n)") }
        for w in result.warnings { printError("warning: \(w)") }
        return result
    }

    /// The decision matrix and weights a command works on — the profile's (after limits, missing
    /// values, transforms and desirability; `profile` is the command's already loaded
    /// `loadProfile()`) or a CSV's — with the profile's screening (nil in matrix mode).
    func decisionMatrix(_ profile: Profile?) throws -> (DecisionMatrix, [Double], ScreeningResult?) {
        if let profile {
            let result = try screening(profile)
            if !result.excluded.isEmpty { printError("note: \(result.excluded.count) candidates excluded (see `screen rank`)") }
            let (m, w) = try result.weightedMatrix()
            return (m, w, result)
        }
        guard let (m, w, _) = try loadMatrix() else { throw UsageError("give either --profile or --matrix") }
        return (m, w, nil)
    }

    /// Exactly one of --profile and --matrix (or, for SMAA, --value-samples), and no option of one
    /// mode given in the other (`RankingArguments.check`).
    func requireOne(orValueSamples valueSamples: Bool? = nil) throws {
        try RankingArguments.check(profile: profile != nil, matrix: matrix != nil, valueSamples: valueSamples, weights: weights != nil,
                                   types: types != nil, categories: !category.isEmpty, scope: !scope.isEmpty)
    }
}

/// What rank and the sensitivity commands rank and how: the input (`RankingInput`) and, under
/// its own heading in the help, the ranking method (`MethodOptions`), declared once for the
/// four commands.
struct RankingOptions: ParsableArguments {
    @OptionGroup var input: RankingInput
    @OptionGroup(title: "Ranking method") var method: MethodOptions

    /// The profile (nil in matrix mode) and the method that ranks it: the options given, else
    /// the profile's, else topsis. The profile is read first, so a bad profile is the error
    /// reported before a bad method.
    func profileAndMethod() throws -> (profile: Profile?, method: any RankingMethod) {
        let profile = try input.loadProfile()
        return (profile, try method.ranking(profile: profile))
    }
}

/// The ranking method options of rank and the sensitivity commands.
struct MethodOptions: ParsableArguments {
    @Option(help: "Ranking method (default: the profile's, or topsis).") var method: String?
    @Option(help: "Normalisation (default: the method's).") var normalization: String?
    @Option(help: "Method parameter name=value (repeatable).") var param: [String] = []

    /// The options given, else the profile's, else topsis (`RankingArguments.method`).
    func ranking(profile: Profile?) throws -> any RankingMethod {
        try RankingArguments.method(named: method, normalization: normalization, parameters: param, profile: profile)
    }
}

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
        try ScreeningScope.Override(contains: contains, elements: elements, exclude: exclude, minElements: minElements,
                                    maxElements: maxElements, polymorphs: polymorphs, join: join)
    }

}
