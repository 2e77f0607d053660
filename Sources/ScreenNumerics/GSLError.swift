import CGSL

/// A GSL call that did not succeed, carrying GSL's own message so a user sees
/// what the library said rather than an opaque status number.
public struct GSLError: Error, CustomStringConvertible, Equatable {
    /// GSL's status code (`GSL_EDOM`, `GSL_EBADLEN`, …).
    public let status: Int32
    /// The name of the GSL function that failed.
    public let function: String
    /// `gsl_strerror(status)`.
    public let message: String

    /// An error for `status` returned by `function`, with GSL's message looked up now.
    ///
    /// - Parameters:
    ///   - status: a GSL status code other than `GSL_SUCCESS` (the code's message is read with
    ///     `gsl_strerror`, which also answers for codes GSL does not know).
    ///   - function: the GSL function, or a short description of the check that failed.
    public init(status: Int32, function: String) {
        self.status = status
        self.function = function
        self.message = String(cString: gsl_strerror(status))
    }

    /// `function: message (GSL status N)`, as printed by the command line.
    public var description: String { "\(function): \(message) (GSL status \(status))" }
}

/// GSL's process-wide setup. GSL's default error handler aborts the process, which
/// would turn a singular matrix in a user's data into a crash; we switch it off once
/// and turn every status into a thrown `GSLError` instead.
enum GSL {
    private static let handlerOff: Void = { _ = gsl_set_error_handler_off() }()

    /// Call before any GSL function; cheap after the first call.
    static func prepare() { _ = handlerOff }

    /// Throws a `GSLError` for any status other than `GSL_SUCCESS`.
    static func check(_ status: Int32, _ function: String) throws {
        if status != GSL_SUCCESS { throw GSLError(status: status, function: function) }
    }
}
