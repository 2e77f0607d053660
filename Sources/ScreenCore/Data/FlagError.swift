/// A command-line option whose value the library cannot use, named by the flag: the location of
/// a problem that is not in a file. Printed like every `UserFacingError` ("--ridge: …").
public struct FlagError: Error, Sendable, Equatable {
    public let flag: String
    public let reason: String

    public init(_ flag: String, _ reason: String) {
        self.flag = flag
        self.reason = reason
    }
}

extension FlagError: UserFacingError {
    public var description: String { "\(flag): \(reason)" }
}
