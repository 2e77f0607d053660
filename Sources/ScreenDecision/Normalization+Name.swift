import ScreenCore
import ScreenNumerics
extension Normalization {
    /// The normalisation with this name, or an error listing the valid names (for profiles and
    /// the command line).
    public static func named(_ name: String) throws -> Normalization {
        guard let n = Normalization(rawValue: name) else {
            throw DecisionError.parameter("unknown normalization '\(name)'; valid: \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return n
    }
}
