/// A command line the parser accepted but that cannot be run as given: a number outside its
/// flag's range, options that contradict each other, an option of one mode given in another.
/// Printed as `error: ` and the message, exit status `ExitStatus.usage` (64), like the parser's
/// own usage errors — so a library check reads, to the person typing, exactly like the parser's.
public struct UsageError: Error, Sendable, Equatable {
    /// The whole message; it names the flag or flags at fault and what would be accepted.
    public let message: String

    /// A usage error with `message`.
    public init(_ message: String) { self.message = message }
}

extension UsageError: UserFacingError {
    /// The message as given.
    public var description: String { message }
    /// `ExitStatus.usage` (64).
    public var exitStatus: Int32 { ExitStatus.usage }
}
