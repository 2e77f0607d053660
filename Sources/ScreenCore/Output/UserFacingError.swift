import ScreenNumerics

/// An error whose description is written for the person running the tool (it names the
/// file, line, field, term or criterion at fault), so the command line prints it as is and
/// exits non-zero instead of showing a Swift error dump. Each stage declares the conformance
/// of its own errors beside them.
public protocol UserFacingError: Error, CustomStringConvertible {
    /// The text printed on standard error; by default `error: ` and the description.
    var printedForm: String { get }
    /// The process's exit status; by default `ExitStatus.badInput`.
    var exitStatus: Int32 { get }
}

extension UserFacingError {
    /// `error: ` followed by the description.
    public var printedForm: String { "error: \(description)" }
    /// `ExitStatus.badInput` (1).
    public var exitStatus: Int32 { ExitStatus.badInput }
}

/// The exit statuses of the command line (documented in the README's Errors section).
public enum ExitStatus {
    /// Bad input or data: a file, line and field, or a flag, is named.
    public static let badInput: Int32 = 1
    /// A usage error found by the argument parser (an unknown option, a value out of range).
    public static let usage: Int32 = 64
    /// The database is busy (another screen command holds it); trying again later may work.
    public static let busy: Int32 = 75
}

extension InputError: UserFacingError {}
// The numerics stage comes first and knows nothing of the command line; its errors are
// user-facing as they are.
extension GSLError: UserFacingError {}
extension LinearProgramError: UserFacingError {}
