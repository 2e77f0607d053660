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

    func loadProfile() throws -> Profile? {
        guard let profile else { return nil }
        return try ProfileLoader.load(db.profileURL(profile))
    }

    /// The matrix and weights in matrix mode, with a note on objective weights.
    func loadMatrix() throws -> (DecisionMatrix, [Double], String?)? {
        guard let matrix else { return nil }
        guard let typesText = types else { throw ValidationError("--matrix needs --types, e.g. --types max,max,min") }
        var parsedTypes: [CriterionType] = []
        for t in typesText.split(separator: ",") {
            guard let type = CriterionType(text: String(t)) else { throw ValidationError("'\(t)' is not a criterion type (max or min)") }
            parsedTypes.append(type)
        }
        let m = try DecisionMatrix.read(csv: URL(fileURLWithPath: matrix), types: parsedTypes)
        let weightText = weights ?? "equal"
        if let objective = ObjectiveWeights(rawValue: weightText) {
            return (m, try objective.weights(for: m), "\(objective.rawValue) weights computed from the matrix")
        }
        var w: [Double] = []
        for part in weightText.split(separator: ",") {
            guard let v = DecimalNumber.parse(part.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--weights takes numbers separated by commas, or equal, entropy, critic, std")
            }
            w.append(v)
        }
        guard w.count == m.columnCount else {
            throw DecisionError.weights("\(w.count) weights for \(m.columnCount) criteria (\(m.criteria.joined(separator: ", ")))")
        }
        return (m, try Ranking.normalizedWeights(w, for: m), nil)
    }

    /// Commands that rank need exactly one of --profile and --matrix.
    func requireOne() throws {
        if (profile == nil) == (matrix == nil) { throw ValidationError("give either --profile or --matrix") }
        try refuseConflicts()
    }

    /// Options of one mode given in the other are errors, never ignored.
    func refuseConflicts() throws {
        if profile != nil, weights != nil || types != nil {
            throw ValidationError("\(weights != nil ? "--weights" : "--types") applies to --matrix; a profile's criteria carry their own weights and goals (edit the profile, or vary the weights with sensitivity smaa, sweep or sobol)")
        }
        if matrix != nil, !category.isEmpty {
            throw ValidationError("--category applies to --profile; a matrix ranks every row it has")
        }
    }
}

/// Method parameters as `--param v=0.3 --param preference=vshape --param q=0.1,0.2`.
func parseParameters(_ items: [String]) throws -> [String: RankingParameter]? {
    guard !items.isEmpty else { return nil }
    var out: [String: RankingParameter] = [:]
    for item in items {
        let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
        guard kv.count == 2 else { throw ValidationError("--param takes name=value, e.g. v=0.3") }
        let numbers = kv[1].split(separator: ",").compactMap { DecimalNumber.parse($0.trimmingCharacters(in: .whitespaces)) }
        if numbers.count == kv[1].split(separator: ",").count {
            out[kv[0]] = numbers.count == 1 ? .number(numbers[0]) : .numbers(numbers)
        } else {
            out[kv[0]] = .text(kv[1])
        }
    }
    return out
}

