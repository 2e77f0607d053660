/// A command-line option whose value the library cannot use, named by the flag: the location of
/// a problem that is not in a file. Printed like every `UserFacingError` ("--ridge: …").
public struct FlagError: Error, Sendable, Equatable {
    /// The flag as typed (`--ridge`, `--method wls`).
    public let flag: String
    /// What is wrong with its value.
    public let reason: String

    /// An error about `flag`.
    public init(_ flag: String, _ reason: String) {
        self.flag = flag
        self.reason = reason
    }
}

extension FlagError: UserFacingError {
    /// `flag: reason`.
    public var description: String { "\(flag): \(reason)" }
}
