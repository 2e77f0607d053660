import ScreenNumerics

/// An error whose description is written for the person running the tool (it names the
/// file, line, field, term or criterion at fault), so the command line prints it as is and
/// exits non-zero instead of showing a Swift error dump. Each stage declares the conformance
/// of its own errors beside them.
public protocol UserFacingError: Error, CustomStringConvertible {}

extension InputError: UserFacingError {}
// The numerics stage comes first and knows nothing of the command line; its errors are
// user-facing as they are.
extension GSLError: UserFacingError {}
extension LinearProgramError: UserFacingError {}
