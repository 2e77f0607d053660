import ScreenNumerics
/// A problem in a user's or the bundled input, located precisely enough to fix it:
/// `Descriptors/measurements/x.csv:12: unit: 'mS/m' is not a unit of ionic_conductivity`.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file as named to the user.
    public let file: String
    /// 1-based line where the offending record starts; nil for a whole-file problem.
    public let line: Int?
    /// The column or key at fault, if one is.
    public let field: String?
    /// What is wrong, in words.
    public let reason: String

    /// An error at `file[:line][: field]`.
    public init(file: String, line: Int? = nil, field: String? = nil, _ reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    /// `file:line: field: reason`, leaving out what is nil.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let field { s += "\(field): " }
        return s + reason
    }
}
